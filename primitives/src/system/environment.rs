//! The environment contract ([`ENVIRONMENT`](super::ENVIRONMENT)): read-only facts about the
//! chain and the current block, each function returning one word.

use super::{abi_word, word_as_u64, Selector, ABI_WORD_LEN};
use alloc::vec::Vec;

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
				return Some(Query::BlockHash(word_as_u64(number).unwrap_or(u64::MAX)));
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
