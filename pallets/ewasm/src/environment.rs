//! What a contract can see of the block it runs in.
//!
//! The block number and recent block hashes come from `frame_system`; everything else from
//! [`crate::Config::Environment`], which the runtime implements from its
//! own pallets (timestamp, authorship, fees, the parachain's id and relay parent) and an
//! off-chain tool from its test vectors. Contracts see them through the EEI getters and the
//! environment contract ([`crate::system`]).

use crate::Config;
use ewasm_primitives::{value::Word, Address};
use polkadot_sdk::{
	frame_system::{self, pallet_prelude::BlockNumberFor},
	sp_runtime::SaturatedConversion,
};

/// How many recent blocks `getBlockHash` can see, as Ethereum's `BLOCKHASH`.
pub const BLOCK_HASH_WINDOW: u64 = 256;

/// The block facts a runtime supplies to contracts.
pub trait BlockEnvironment {
	/// Seconds since the Unix epoch at the current block (`getBlockTimestamp`).
	fn timestamp() -> u64;
	/// The address of the current block's author (`getBlockCoinbase`).
	fn coinbase() -> Address;
	/// The block difficulty, u256 little-endian (`getBlockDifficulty`).
	fn difficulty() -> Word;
	/// The price of one unit of gas in the smallest unit of the currency (`getTxGasPrice`).
	fn gas_price() -> u128;
	/// The most gas one block can use (`getBlockGasLimit`).
	fn block_gas_limit() -> u64;
	/// This parachain's id (the environment contract's `paraId()`).
	fn para_id() -> u32;
	/// The number of the relay-chain block the current block is built on (the environment
	/// contract's `relayParentNumber()`).
	fn relay_parent_number() -> u32;
}

/// The current block number.
pub fn block_number<T: Config>() -> u64 {
	frame_system::Pallet::<T>::block_number().saturated_into()
}

/// The hash of block `number` if it is one of the [`BLOCK_HASH_WINDOW`] blocks before the
/// current one and its hash is known.
pub fn block_hash<T: Config>(number: u64) -> Option<Word> {
	let current = block_number::<T>();
	if number >= current || current - number > BLOCK_HASH_WINDOW {
		return None;
	}
	let number: BlockNumberFor<T> = number.saturated_into();
	let hash = frame_system::BlockHash::<T>::get(number);
	let bytes: &[u8] = hash.as_ref();
	let word: Word = bytes.try_into().ok()?;
	(word != [0u8; 32]).then_some(word)
}
