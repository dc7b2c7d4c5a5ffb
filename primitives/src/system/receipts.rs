//! The receipts contract ([`RECEIPTS`](super::RECEIPTS)): how a contract (or a user) on one
//! parachain sends value and a message to a contract on another.
//!
//! `generateReceipt(uint256 amount, uint256 targetPara, address target, uint256 gasLimit,
//! bytes payload)`, called with exactly `amount` as the call's value, takes the value out of
//! this chain's supply, records a [`Receipt`] in the outbox and returns its id
//! ([`Receipt::id`]). The target parachain mints the amount to `target` and, if `target`'s
//! code exports [`RECEIVE_ENTRY_POINT`], runs it with [`receive_message_input`] as call data.
//!
//! `claimReceipt((uint32 sourcePara, address source, uint64 nonce, uint32 targetPara, address
//! target, uint128 amount, uint64 gasLimit, bytes32 payloadHash) receipt, bytes payload, uint32
//! sourceBlock, bytes[] proof)`, called on the target parachain without value, delivers a
//! receipt by proving that the source's outbox holds its id in the state of the source's block
//! `sourceBlock` ([`ClaimReceipt`]); it returns [`claim_output`].

use super::{
	abi::{Arguments, Encoder},
	abi_word, address_word, word_as_address, word_as_u128, word_as_u32, word_as_u64, Selector,
	ABI_WORD_LEN,
};
use crate::Address;
use alloc::vec::Vec;
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use polkadot_sdk::sp_runtime::traits::{Hash, Keccak256};
use scale_info::TypeInfo;

/// `generateReceipt(uint256,uint256,address,uint256,bytes)`.
pub const GENERATE_RECEIPT: Selector = [0x8c, 0x6c, 0xe9, 0x14];

/// `claimReceipt((uint32,address,uint64,uint32,address,uint128,uint64,bytes32),bytes,uint32,bytes[])`.
pub const CLAIM_RECEIPT: Selector = [0x76, 0x84, 0x24, 0x65];

/// Every function with its Solidity signature.
pub const FUNCTIONS: [(Selector, &str); 2] = [
	(GENERATE_RECEIPT, "generateReceipt(uint256,uint256,address,uint256,bytes)"),
	(
		CLAIM_RECEIPT,
		"claimReceipt((uint32,address,uint64,uint32,address,uint128,uint64,bytes32),bytes,uint32,bytes[])",
	),
];

/// The function a contract exports to receive receipts: `receiveMessage`, no params, no
/// results, run with [`receive_message_input`] as call data, the receipt's amount as
/// `getCallValue` and [`RECEIPTS`](super::RECEIPTS) as `getCaller`. A contract without it
/// receives the value and runs no code.
pub const RECEIVE_ENTRY_POINT: &str = "receiveMessage";

/// The id of a receipt: `keccak256` of its SCALE encoding.
pub type ReceiptId = [u8; 32];

/// A receipt: value and a message on their way from a contract on one parachain to a contract
/// on another. The source chain keeps only its id (in its outbox); the payload travels beside
/// it, checked against `payload_hash`.
#[derive(
	Clone, Debug, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo,
)]
pub struct Receipt {
	/// The parachain that generated it.
	pub source_para: u32,
	/// Who called `generateReceipt` there (a contract or a user).
	pub source: Address,
	/// Its number among the receipts from `source_para` to `target_para`, from 0.
	pub nonce: u64,
	/// The parachain it is for.
	pub target_para: u32,
	/// Who receives it there.
	pub target: Address,
	/// The value it carries, in the smallest unit.
	pub amount: u128,
	/// The gas `receiveMessage` gets on the target (paid on the source).
	pub gas_limit: u64,
	/// `keccak256` of the payload.
	pub payload_hash: [u8; 32],
}

impl Receipt {
	/// Its id: `keccak256` of its SCALE encoding.
	pub fn id(&self) -> ReceiptId {
		Keccak256::hash(&self.encode()).0
	}
}

/// `keccak256(payload)`, as [`Receipt::payload_hash`] commits to it.
pub fn payload_hash(payload: &[u8]) -> [u8; 32] {
	Keccak256::hash(payload).0
}

/// A call of `generateReceipt`, decoded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GenerateReceipt {
	/// The value to send (the call must carry exactly this much).
	pub amount: u128,
	/// The target parachain.
	pub target_para: u32,
	/// The target address there.
	pub target: Address,
	/// Gas for the target's `receiveMessage`.
	pub gas_limit: u64,
	/// The message.
	pub payload: Vec<u8>,
}

/// Words in the head of `generateReceipt`'s arguments: four numbers and the payload's offset.
const GENERATE_HEAD_WORDS: usize = 5;

impl GenerateReceipt {
	/// Decodes call data, `None` unless it is the canonical ABI encoding ([`abi`]) with
	/// numbers within their Rust types.
	pub fn decode(input: &[u8]) -> Option<GenerateReceipt> {
		let mut arguments = Arguments::of_call(input, GENERATE_RECEIPT, GENERATE_HEAD_WORDS)?;
		let request = GenerateReceipt {
			amount: word_as_u128(arguments.word(0)?)?,
			target_para: word_as_u32(arguments.word(1)?)?,
			target: word_as_address(arguments.word(2)?)?,
			gas_limit: word_as_u64(arguments.word(3)?)?,
			payload: arguments.bytes(4)?.to_vec(),
		};
		arguments.is_complete().then_some(request)
	}

	/// The receipt this call makes when `source` on parachain `source_para` sends it as its
	/// `nonce`-th receipt to the target parachain.
	pub fn receipt(&self, source_para: u32, source: Address, nonce: u64) -> Receipt {
		Receipt {
			source_para,
			source,
			nonce,
			target_para: self.target_para,
			target: self.target,
			amount: self.amount,
			gas_limit: self.gas_limit,
			payload_hash: payload_hash(&self.payload),
		}
	}

	/// The call data of this call.
	pub fn encode(&self) -> Vec<u8> {
		Encoder::new(GENERATE_HEAD_WORDS)
			.word(abi_word(self.amount))
			.word(abi_word(self.target_para.into()))
			.word(address_word(&self.target))
			.word(abi_word(self.gas_limit.into()))
			.bytes(&self.payload)
			.finish_call(GENERATE_RECEIPT)
	}
}

/// Words a [`Receipt`] takes as a static tuple argument: one per field.
const RECEIPT_WORDS: usize = 8;

impl Receipt {
	/// Reads the receipt from the static tuple `(uint32 sourcePara, address source, uint64
	/// nonce, uint32 targetPara, address target, uint128 amount, uint64 gasLimit, bytes32
	/// payloadHash)` starting at head word `first`.
	fn decode_words(arguments: &Arguments, first: usize) -> Option<Receipt> {
		let word = |field: usize| arguments.word(first + field);
		Some(Receipt {
			source_para: word_as_u32(word(0)?)?,
			source: word_as_address(word(1)?)?,
			nonce: word_as_u64(word(2)?)?,
			target_para: word_as_u32(word(3)?)?,
			target: word_as_address(word(4)?)?,
			amount: word_as_u128(word(5)?)?,
			gas_limit: word_as_u64(word(6)?)?,
			payload_hash: *word(7)?,
		})
	}

	/// Appends the receipt to `encoder`'s head as the static tuple [`Self::decode_words`] reads.
	fn encode_words(&self, encoder: Encoder) -> Encoder {
		encoder
			.word(abi_word(self.source_para.into()))
			.word(address_word(&self.source))
			.word(abi_word(self.nonce.into()))
			.word(abi_word(self.target_para.into()))
			.word(address_word(&self.target))
			.word(abi_word(self.amount))
			.word(abi_word(self.gas_limit.into()))
			.word(self.payload_hash)
	}
}

/// A call of `claimReceipt`, decoded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ClaimReceipt {
	/// The receipt claimed.
	pub receipt: Receipt,
	/// Its payload.
	pub payload: Vec<u8>,
	/// The number of the source parachain's block whose state the proof is against.
	pub source_block: u32,
	/// The trie nodes that prove the source's outbox holds the receipt's id in that state.
	pub proof: Vec<Vec<u8>>,
}

/// Words in the head of `claimReceipt`'s arguments: the receipt, the payload's offset, the
/// block and the proof's offset.
const CLAIM_HEAD_WORDS: usize = RECEIPT_WORDS + 3;

impl ClaimReceipt {
	/// Decodes call data, `None` unless it is the canonical ABI encoding ([`abi`]) with
	/// numbers within their Rust types.
	pub fn decode(input: &[u8]) -> Option<ClaimReceipt> {
		let mut arguments = Arguments::of_call(input, CLAIM_RECEIPT, CLAIM_HEAD_WORDS)?;
		let receipt = Receipt::decode_words(&arguments, 0)?;
		let payload = arguments.bytes(RECEIPT_WORDS)?.to_vec();
		let source_block = word_as_u32(arguments.word(RECEIPT_WORDS + 1)?)?;
		let proof = arguments.bytes_array(RECEIPT_WORDS + 2)?;
		let proof = proof.into_iter().map(<[u8]>::to_vec).collect();
		arguments.is_complete().then_some(ClaimReceipt { receipt, payload, source_block, proof })
	}

	/// The call data of this call.
	pub fn encode(&self) -> Vec<u8> {
		self.receipt
			.encode_words(Encoder::new(CLAIM_HEAD_WORDS))
			.bytes(&self.payload)
			.word(abi_word(self.source_block.into()))
			.bytes_array(&self.proof)
			.finish_call(CLAIM_RECEIPT)
	}
}

/// What `claimReceipt` returns: the receipt's id and whether the target's `receiveMessage`
/// succeeded (1; also when the target has none) or failed and was undone (0), two words.
pub fn claim_output(id: &ReceiptId, received: bool) -> Vec<u8> {
	let mut output = id.to_vec();
	output.extend(abi_word(received.into()));
	output
}

/// Bytes before the payload in [`receive_message_input`].
pub const RECEIVE_HEADER_LEN: usize = 4 * ABI_WORD_LEN;

/// The call data `receiveMessage` runs with: four words, the source parachain, the source
/// address, the receipt's nonce and its id, then the payload's bytes as they were sent.
pub fn receive_message_input(receipt: &Receipt, payload: &[u8]) -> Vec<u8> {
	let mut input = Vec::with_capacity(RECEIVE_HEADER_LEN + payload.len());
	input.extend(abi_word(receipt.source_para.into()));
	input.extend(address_word(&receipt.source));
	input.extend(abi_word(receipt.nonce.into()));
	input.extend(receipt.id());
	input.extend(payload);
	input
}

/// The log topics of the receipts contract: the first topic of each log it writes (the second
/// is the receipt's id; the data is empty).
pub mod topics {
	/// `keccak256("ReceiptGenerated(bytes32)")`: on the source, when a receipt is generated.
	pub const GENERATED: [u8; 32] =
		hex32(*b"c6419d6ff44647e40c4cc08d448db5d9aba9397cf5d8429c9d9e2cf491d1cbc6");
	/// `keccak256("ReceiptDelivered(bytes32)")`: on the target, logged as by the target, when
	/// the value arrived and `receiveMessage` (if any) succeeded.
	pub const DELIVERED: [u8; 32] =
		hex32(*b"a51457ded2b499d98379a87f294ce2adfc61bcf180af1dc1a07e268f5320e8f9");
	/// `keccak256("ReceiptFailed(bytes32)")`: on the target, logged as by the target, when the
	/// value arrived but `receiveMessage` failed (and was undone).
	pub const FAILED: [u8; 32] =
		hex32(*b"ad576315320811871366f406d978f1413ef86c5a61a2c86677662efedec3d821");

	/// Every topic with its event signature.
	pub const ALL: [([u8; 32], &str); 3] = [
		(GENERATED, "ReceiptGenerated(bytes32)"),
		(DELIVERED, "ReceiptDelivered(bytes32)"),
		(FAILED, "ReceiptFailed(bytes32)"),
	];

	const fn hex32(digits: [u8; 64]) -> [u8; 32] {
		const fn nibble(digit: u8) -> u8 {
			match digit {
				b'0'..=b'9' => digit - b'0',
				b'a'..=b'f' => digit - b'a' + 10,
				_ => panic!("not a lower-case hex digit"),
			}
		}
		let mut bytes = [0u8; 32];
		let mut i = 0;
		while i < 32 {
			bytes[i] = nibble(digits[2 * i]) << 4 | nibble(digits[2 * i + 1]);
			i += 1;
		}
		bytes
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	fn call(payload: &[u8]) -> GenerateReceipt {
		GenerateReceipt {
			amount: 5_000,
			target_para: 2001,
			target: Address([7; 20]),
			gas_limit: 100_000,
			payload: payload.to_vec(),
		}
	}

	#[test]
	fn generate_receipt_round_trips_in_the_solidity_encoding() {
		for len in [0, 1, 31, 32, 33, 100] {
			let call = call(&alloc::vec![0xaa; len]);
			let input = call.encode();
			assert_eq!(input.len(), 4 + 6 * 32 + len.next_multiple_of(32), "{len}");
			assert_eq!(GenerateReceipt::decode(&input), Some(call), "{len}");
		}
		// What solc's abi.encodeWithSignature gives for (5000, 2001, 0x07..07, 100000, hex"aa").
		let input = call(&[0xaa]).encode();
		assert_eq!(input[4 + 31], 0x88);
		assert_eq!(input[4 + 32 + 30..4 + 64], [0x07, 0xd1]);
		assert_eq!(input[4 + 4 * 32 + 31], 0xa0);
		assert_eq!(input[4 + 5 * 32 + 31], 1);
		assert_eq!(input[4 + 6 * 32], 0xaa);
	}

	#[test]
	fn non_canonical_call_data_is_refused() {
		let valid = call(&[1, 2, 3]).encode();
		let with = |at: usize, byte: u8| {
			let mut input = valid.clone();
			input[at] = byte;
			GenerateReceipt::decode(&input)
		};
		assert_eq!(with(4, 1), None, "amount above u128");
		assert_eq!(with(4 + 32 + 27, 1), None, "para above u32");
		assert_eq!(with(4 + 64 + 11, 1), None, "address above 20 bytes");
		assert_eq!(with(4 + 96 + 23, 1), None, "gas above u64");
		assert_eq!(with(4 + 128 + 31, 0xc0), None, "payload elsewhere");
		assert_eq!(with(4 + 160 + 31, 33), None, "length beyond the bytes");
		assert_eq!(with(4 + 192 + 3, 1), None, "non-zero padding");
		assert_eq!(with(0, 0), None, "another selector");
		assert_eq!(GenerateReceipt::decode(&valid[..valid.len() - 1]), None, "short");
		let mut longer = valid.clone();
		longer.extend([0; 32]);
		assert_eq!(GenerateReceipt::decode(&longer), None, "trailing word");
		let mut huge = valid.clone();
		huge[4 + 160..4 + 192].copy_from_slice(&abi_word(u64::MAX.into()));
		assert_eq!(GenerateReceipt::decode(&huge), None, "huge length");
		assert_eq!(GenerateReceipt::decode(&valid[..100]), None);
		assert_eq!(GenerateReceipt::decode(&[]), None);
	}

	fn receipt() -> Receipt {
		Receipt {
			source_para: 2000,
			source: Address([3; 20]),
			nonce: 9,
			target_para: 2001,
			target: Address([4; 20]),
			amount: 1,
			gas_limit: 2,
			payload_hash: payload_hash(b"hi"),
		}
	}

	fn claim() -> ClaimReceipt {
		ClaimReceipt {
			receipt: receipt(),
			payload: b"hi".to_vec(),
			source_block: 77,
			proof: alloc::vec![alloc::vec![0x80; 40], Vec::new(), alloc::vec![1]],
		}
	}

	#[test]
	fn claim_receipt_round_trips_with_the_receipt_as_a_static_tuple() {
		let input = claim().encode();
		assert_eq!(ClaimReceipt::decode(&input), Some(claim()));
		let word = |index: usize| &input[4 + index * 32..4 + (index + 1) * 32];
		assert_eq!(word(0), abi_word(2000));
		assert_eq!(word(1), address_word(&Address([3; 20])));
		assert_eq!(word(7), payload_hash(b"hi"));
		assert_eq!(word(8), abi_word(11 * 32), "the payload right after the head");
		assert_eq!(word(9), abi_word(77));
		assert_eq!(word(10), abi_word(13 * 32), "the proof after the payload's two words");
		let mut empty = claim();
		empty.proof.clear();
		empty.payload.clear();
		assert_eq!(ClaimReceipt::decode(&empty.encode()), Some(empty));
	}

	#[test]
	fn claim_receipt_refuses_numbers_beyond_the_receipt_s_types() {
		let valid = claim().encode();
		for (word, byte, what) in [
			(0, 27, "source para"),
			(2, 23, "nonce"),
			(3, 27, "target para"),
			(5, 15, "amount"),
			(6, 23, "gas"),
			(9, 27, "block"),
		] {
			let mut input = valid.clone();
			input[4 + word * 32 + byte] = 1;
			assert_eq!(ClaimReceipt::decode(&input), None, "{what}");
		}
		assert_eq!(ClaimReceipt::decode(&valid[..valid.len() - 1]), None);
		assert_eq!(ClaimReceipt::decode(&claim_output(&[0; 32], true)), None);
	}

	#[test]
	fn topics_are_the_keccak_of_the_event_signatures() {
		for (topic, signature) in topics::ALL {
			assert_eq!(topic, Keccak256::hash(signature.as_bytes()).0, "{signature}");
		}
	}

	#[test]
	fn receive_message_input_has_the_documented_layout() {
		let receipt = receipt();
		let input = receive_message_input(&receipt, b"hi");
		assert_eq!(input.len(), RECEIVE_HEADER_LEN + 2);
		assert_eq!(input[..32], abi_word(2000));
		assert_eq!(input[32..64], address_word(&Address([3; 20])));
		assert_eq!(input[64..96], abi_word(9));
		assert_eq!(input[96..128], receipt.id());
		assert_eq!(&input[128..], b"hi");
		let mut other = receipt.clone();
		other.nonce = 10;
		assert_ne!(other.id(), receipt.id());
	}
}
