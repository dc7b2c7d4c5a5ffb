//! The receipts contract ([`RECEIPTS`](super::RECEIPTS)): how a contract (or a user) on one
//! parachain sends value and a message to a contract on another.
//!
//! `generateReceipt(uint256 amount, uint256 targetPara, address target, uint256 gasLimit,
//! bytes payload)`, called with exactly `amount` as the call's value, takes the value out of
//! this chain's supply, records a [`Receipt`] in the outbox and returns its id
//! ([`Receipt::id`]). The target parachain mints the amount to `target` and, if `target`'s
//! code exports [`RECEIVE_ENTRY_POINT`], runs it with [`receive_message_input`] as call data.

use super::{
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

/// Every function with its Solidity signature.
pub const FUNCTIONS: [(Selector, &str); 1] =
	[(GENERATE_RECEIPT, "generateReceipt(uint256,uint256,address,uint256,bytes)")];

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

/// Words before the payload's bytes: four fixed arguments, the payload's offset, its length.
const HEAD_WORDS: usize = 6;

impl GenerateReceipt {
	/// Decodes call data, `None` unless it is the canonical ABI encoding (numbers within their
	/// Rust types, the payload right after the fixed words, padded with zeros to a whole word,
	/// nothing after it).
	pub fn decode(input: &[u8]) -> Option<GenerateReceipt> {
		let (selector, arguments) = input.split_first_chunk::<4>()?;
		if *selector != GENERATE_RECEIPT {
			return None;
		}
		let word = |index: usize| -> Option<&[u8; ABI_WORD_LEN]> {
			arguments.get(index * ABI_WORD_LEN..(index + 1) * ABI_WORD_LEN)?.try_into().ok()
		};
		let offset = word_as_u64(word(4)?)?;
		if offset != (5 * ABI_WORD_LEN) as u64 {
			return None;
		}
		let len = usize::try_from(word_as_u64(word(5)?)?).ok()?;
		let bytes = &arguments[HEAD_WORDS * ABI_WORD_LEN..];
		if bytes.len() != padded_len(len)? || bytes[len.min(bytes.len())..].iter().any(|b| *b != 0)
		{
			return None;
		}
		Some(GenerateReceipt {
			amount: word_as_u128(word(0)?)?,
			target_para: word_as_u32(word(1)?)?,
			target: word_as_address(word(2)?)?,
			gas_limit: word_as_u64(word(3)?)?,
			payload: bytes.get(..len)?.to_vec(),
		})
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
		let mut input = GENERATE_RECEIPT.to_vec();
		input.extend(abi_word(self.amount));
		input.extend(abi_word(self.target_para.into()));
		input.extend(address_word(&self.target));
		input.extend(abi_word(self.gas_limit.into()));
		input.extend(abi_word((5 * ABI_WORD_LEN) as u128));
		input.extend(abi_word(self.payload.len() as u128));
		input.extend(&self.payload);
		let len = self.payload.len();
		input.extend(core::iter::repeat_n(0, padded_len(len).unwrap_or(len) - len));
		input
	}
}

/// `len` rounded up to a whole number of words.
fn padded_len(len: usize) -> Option<usize> {
	len.checked_next_multiple_of(ABI_WORD_LEN)
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

	#[test]
	fn topics_are_the_keccak_of_the_event_signatures() {
		for (topic, signature) in topics::ALL {
			assert_eq!(topic, Keccak256::hash(signature.as_bytes()).0, "{signature}");
		}
	}

	#[test]
	fn receive_message_input_has_the_documented_layout() {
		let receipt = Receipt {
			source_para: 2000,
			source: Address([3; 20]),
			nonce: 9,
			target_para: 2001,
			target: Address([4; 20]),
			amount: 1,
			gas_limit: 2,
			payload_hash: payload_hash(b"hi"),
		};
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
