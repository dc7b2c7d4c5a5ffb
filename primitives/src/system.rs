//! The system contracts: addresses the chain serves natively (no wasm is deployed there),
//! called with the ordinary EEI `call`, `callStatic`, `callCode` or `callDelegate` (and, from
//! outside, with the `call` extrinsic or a dry run).
//!
//! Their ABI is Solidity's, so the tools contract authors already have can call them: the call
//! data is a 4-byte selector (the first four bytes of `keccak256` of the function's signature)
//! followed by the arguments as 32-byte big-endian words, and the return data is one 32-byte
//! big-endian word. Call data that names no function, or has the wrong length for the one it
//! names, makes the call revert (result 2) with no data; so does a call that sends value (the
//! functions are not payable).

use crate::Address;
use alloc::vec::Vec;

/// The environment contract (0x10): read-only facts about the chain and the current block.
pub const ENVIRONMENT: Address = low_address(0x10);

/// The address whose last byte is `byte` and every other byte zero.
const fn low_address(byte: u8) -> Address {
	let mut bytes = [0u8; crate::address::ADDRESS_LEN];
	bytes[crate::address::ADDRESS_LEN - 1] = byte;
	Address(bytes)
}

/// Whether `address` is a system contract.
pub fn is_system_contract(address: &Address) -> bool {
	*address == ENVIRONMENT
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

/// The functions of the environment contract ([`ENVIRONMENT`]), each returning one word.
pub mod environment {
	use super::*;

	/// `blockNumber()`: the current block's number.
	pub const BLOCK_NUMBER: Selector = [0x57, 0xe8, 0x71, 0xe7];
	/// `blockHash(uint256)`: the hash of one of the 256 blocks before the current one, as
	/// `bytes32`; zero for any other number (the current block, a future one, one older than
	/// 256 blocks), as Ethereum's `BLOCKHASH`.
	pub const BLOCK_HASH: Selector = [0x85, 0xdf, 0x51, 0xfd];
	/// `timestamp()`: the current block's time, in seconds since the Unix epoch.
	pub const TIMESTAMP: Selector = [0xb8, 0x07, 0x77, 0xea];
	/// `paraId()`: this parachain's id.
	pub const PARA_ID: Selector = [0xb4, 0xfc, 0x08, 0xe9];
	/// `totalFee()`: TOTALFEE, the rent counter contracts pay from.
	pub const TOTAL_FEE: Selector = [0x1d, 0xf4, 0xcc, 0xfc];
	/// `relayParentNumber()`: the number of the relay-chain block this block was built on.
	pub const RELAY_PARENT_NUMBER: Selector = [0x0d, 0x0d, 0x64, 0xaf];

	/// Every function with its Solidity signature.
	pub const FUNCTIONS: [(Selector, &str); 6] = [
		(BLOCK_NUMBER, "blockNumber()"),
		(BLOCK_HASH, "blockHash(uint256)"),
		(TIMESTAMP, "timestamp()"),
		(PARA_ID, "paraId()"),
		(TOTAL_FEE, "totalFee()"),
		(RELAY_PARENT_NUMBER, "relayParentNumber()"),
	];

	/// A call of the environment contract, decoded.
	#[derive(Clone, Copy, Debug, PartialEq, Eq)]
	pub enum Query {
		/// `blockNumber()`.
		BlockNumber,
		/// `blockHash(uint256)`, the number saturated to `u64::MAX` (far outside the window).
		BlockHash(u64),
		/// `timestamp()`.
		Timestamp,
		/// `paraId()`.
		ParaId,
		/// `totalFee()`.
		TotalFee,
		/// `relayParentNumber()`.
		RelayParentNumber,
	}

	impl Query {
		/// Decodes call data, `None` if it names no function or has the wrong length.
		pub fn decode(input: &[u8]) -> Option<Query> {
			let (selector, arguments) = input.split_first_chunk::<4>()?;
			let query = match *selector {
				BLOCK_NUMBER => Query::BlockNumber,
				BLOCK_HASH => {
					let number: &[u8; ABI_WORD_LEN] = arguments.try_into().ok()?;
					let (high, low) = number.split_at(ABI_WORD_LEN - 8);
					let low = u64::from_be_bytes(low.try_into().ok()?);
					let number = if high.iter().all(|byte| *byte == 0) { low } else { u64::MAX };
					return Some(Query::BlockHash(number));
				}
				TIMESTAMP => Query::Timestamp,
				PARA_ID => Query::ParaId,
				TOTAL_FEE => Query::TotalFee,
				RELAY_PARENT_NUMBER => Query::RelayParentNumber,
				_ => return None,
			};
			arguments.is_empty().then_some(query)
		}

		/// The call data of this query.
		pub fn encode(&self) -> Vec<u8> {
			let (selector, argument) = match self {
				Query::BlockNumber => (BLOCK_NUMBER, None),
				Query::BlockHash(number) => (BLOCK_HASH, Some(abi_word((*number).into()))),
				Query::Timestamp => (TIMESTAMP, None),
				Query::ParaId => (PARA_ID, None),
				Query::TotalFee => (TOTAL_FEE, None),
				Query::RelayParentNumber => (RELAY_PARENT_NUMBER, None),
			};
			let mut input = selector.to_vec();
			input.extend(argument.iter().flatten());
			input
		}
	}
}

#[cfg(test)]
mod tests {
	use super::{environment::*, *};
	use polkadot_sdk::sp_runtime::traits::{Hash, Keccak256};

	#[test]
	fn selectors_are_the_keccak_of_the_signatures() {
		for (selector, signature) in FUNCTIONS {
			let hash = Keccak256::hash(signature.as_bytes());
			assert_eq!(selector, hash.as_bytes()[..4], "{signature}");
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
	fn words_are_big_endian_and_the_environment_sits_at_0x10() {
		assert_eq!(abi_word(0x0102)[30..], [1, 2]);
		assert_eq!(abi_word(u128::MAX)[..16], [0; 16]);
		assert_eq!(ENVIRONMENT.0[19], 0x10);
		assert!(is_system_contract(&ENVIRONMENT));
		assert!(!is_system_contract(&low_address(0x20)));
	}
}
