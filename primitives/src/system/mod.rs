//! The system contracts: addresses the chain serves natively (no wasm is deployed there),
//! called with the ordinary EEI `call`, `callStatic`, `callCode` or `callDelegate` (and, from
//! outside, with the `call` extrinsic or a dry run): the [`environment`] contract at 0x10 and
//! the [`receipts`] contract at 0x20.
//!
//! Their ABI is Solidity's, so the tools contract authors already have can call them: the call
//! data is a 4-byte selector (the first four bytes of `keccak256` of the function's signature)
//! followed by the arguments as 32-byte big-endian words (a `bytes` argument as an offset word
//! in its place and, after the fixed words, its length and its bytes zero-padded to a whole
//! word), and the return data is one 32-byte big-endian word. Call data that names no
//! function, or is not the canonical encoding of the arguments of the one it names, makes the
//! call revert (result 2) with no data.

use crate::Address;

/// The environment contract (0x10): read-only facts about the chain and the current block.
pub const ENVIRONMENT: Address = low_address(0x10);

/// The address whose last byte is `byte` and every other byte zero.
const fn low_address(byte: u8) -> Address {
	let mut bytes = [0u8; crate::address::ADDRESS_LEN];
	bytes[crate::address::ADDRESS_LEN - 1] = byte;
	Address(bytes)
}

/// The receipts contract (0x20): sends value and messages to contracts on other parachains.
pub const RECEIPTS: Address = low_address(0x20);

/// Whether `address` is a system contract.
pub fn is_system_contract(address: &Address) -> bool {
	*address == ENVIRONMENT || *address == RECEIPTS
}

/// A 4-byte function selector.
pub type Selector = [u8; 4];

/// The length of one ABI word.
pub const ABI_WORD_LEN: usize = 32;

/// `value` as an ABI word: a 32-byte big-endian `uint256`.
pub fn abi_word(value: u128) -> [u8; ABI_WORD_LEN] {
	let mut word = [0u8; ABI_WORD_LEN];
	word[ABI_WORD_LEN - 16..].copy_from_slice(&value.to_be_bytes());
	word
}

/// An ABI word as a number of at most `N` bytes: `None` if a higher byte is set.
fn word_as_bytes<const N: usize>(word: &[u8; ABI_WORD_LEN]) -> Option<[u8; N]> {
	let (high, low) = word.split_at(ABI_WORD_LEN - N);
	high.iter().all(|byte| *byte == 0).then(|| low.try_into().ok()).flatten()
}

/// An ABI word as a `u128`, `None` if it is larger.
pub fn word_as_u128(word: &[u8; ABI_WORD_LEN]) -> Option<u128> {
	word_as_bytes(word).map(u128::from_be_bytes)
}

/// An ABI word as a `u64`, `None` if it is larger.
pub fn word_as_u64(word: &[u8; ABI_WORD_LEN]) -> Option<u64> {
	word_as_bytes(word).map(u64::from_be_bytes)
}

/// An ABI word as a `u32`, `None` if it is larger.
pub fn word_as_u32(word: &[u8; ABI_WORD_LEN]) -> Option<u32> {
	word_as_bytes(word).map(u32::from_be_bytes)
}

/// An ABI word as an `address`, `None` if a byte above its 20 is set.
pub fn word_as_address(word: &[u8; ABI_WORD_LEN]) -> Option<Address> {
	word_as_bytes(word).map(Address)
}

/// `address` as an ABI word (left-padded with zeros).
pub fn address_word(address: &Address) -> [u8; ABI_WORD_LEN] {
	let mut word = [0u8; ABI_WORD_LEN];
	word[ABI_WORD_LEN - crate::address::ADDRESS_LEN..].copy_from_slice(&address.0);
	word
}

pub mod abi;
pub mod environment;
pub mod receipts;
#[cfg(test)]
mod tests {
	use super::{environment::*, *};
	use polkadot_sdk::sp_runtime::traits::{Hash, Keccak256};

	#[test]
	fn selectors_are_the_keccak_of_the_signatures() {
		for (selector, signature) in FUNCTIONS.iter().chain(&receipts::FUNCTIONS) {
			let hash = Keccak256::hash(signature.as_bytes());
			assert_eq!(*selector, hash.as_bytes()[..4], "{signature}");
		}
	}

	#[test]
	fn queries_round_trip_and_malformed_call_data_is_refused() {
		let queries = [
			Query::BlockNumber,
			Query::BlockHash(7),
			Query::Timestamp,
			Query::ParaId,
			Query::TotalFee,
			Query::RelayParentNumber,
		];
		for query in queries {
			assert_eq!(Query::decode(&query.encode()), Some(query));
			let mut longer = query.encode();
			longer.push(0);
			assert_eq!(Query::decode(&longer), None, "{query:?}");
		}
		assert_eq!(Query::decode(&BLOCK_HASH), None);
		assert_eq!(Query::decode(&[0x57, 0xe8, 0x71]), None);
		assert_eq!(Query::decode(&[0xff; 4]), None);
		let mut huge = BLOCK_HASH.to_vec();
		huge.extend([0xff; 32]);
		assert_eq!(Query::decode(&huge), Some(Query::BlockHash(u64::MAX)));
	}

	#[test]
	fn words_are_big_endian_and_the_system_contracts_sit_at_0x10_and_0x20() {
		assert_eq!(abi_word(0x0102)[30..], [1, 2]);
		assert_eq!(abi_word(u128::MAX)[..16], [0; 16]);
		assert_eq!(word_as_u128(&abi_word(u128::MAX)), Some(u128::MAX));
		assert_eq!(word_as_u64(&abi_word(u64::MAX.into())), Some(u64::MAX));
		assert_eq!(word_as_u64(&abi_word(u128::from(u64::MAX) + 1)), None);
		assert_eq!(word_as_u32(&abi_word(u32::MAX.into())), Some(u32::MAX));
		assert_eq!(word_as_u32(&abi_word(u128::from(u32::MAX) + 1)), None);
		assert_eq!(word_as_u128(&[0xff; 32]), None);
		let address = Address([0xab; 20]);
		assert_eq!(word_as_address(&address_word(&address)), Some(address));
		assert_eq!(word_as_address(&[0xff; 32]), None);
		assert_eq!(ENVIRONMENT.0[19], 0x10);
		assert_eq!(RECEIPTS.0[19], 0x20);
		assert!(is_system_contract(&ENVIRONMENT) && is_system_contract(&RECEIPTS));
		assert!(!is_system_contract(&low_address(0x30)));
	}
}
