//! Gas: what execution costs and how gas turns into weight.
//!
//! During execution the gas left *is* the wasmi store's fuel: every wasm instruction burns
//! fuel at wasmi's pinned per-operator cost, and every host function burns its cost from
//! [`HostCosts`] out of the same counter before it does any work. So one counter meters both,
//! and running out anywhere is the same "out of gas" halt, which consumes all gas of the
//! frame.
//!
//! Gas becomes weight linearly through `Config::WeightPerGas`: the extrinsic is charged for
//! its whole gas limit up front and refunded for the gas it did not use.

use crate::Config;
use polkadot_sdk::{frame_support::weights::Weight, sp_core::Get};

/// Default weight of one unit of gas: 125 ns of execution and 1 byte of proof.
///
/// The time is set by the most weight-dense gas there is: a `storageLoad` costs 200 gas and
/// may be a cold database read (25 µs with `RocksDbWeight`), so 200 gas must buy 25 µs. Plain
/// instructions (1 gas each, a few ns in wasmi) are overpaid by this rate until the gas
/// schedule is derived from benchmarks. Proof size is accounted for exactly after the fact by
/// the runtime's storage-weight reclaim.
pub const DEFAULT_WEIGHT_PER_GAS: Weight = Weight::from_parts(125_000, 1);

/// The weight `gas` units of gas are worth.
pub fn gas_to_weight<T: Config>(gas: u64) -> Weight {
	T::WeightPerGas::get().saturating_mul(gas)
}

/// Gas prices of the EEI functions (Hera's prices, after their EVM opcodes).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct HostCosts {
	/// Getters that return a constant-size value (`getCaller`, `getCallDataSize`, ...).
	pub base: u64,
	/// `storageLoad`.
	pub storage_load: u64,
	/// `storageStore` that makes a zero slot non-zero.
	pub storage_store_create: u64,
	/// `storageStore` of any other kind.
	pub storage_store_update: u64,
	/// Fixed part of a memory copy (`callDataCopy`, and the data of `finish` and `revert`).
	pub copy_base: u64,
	/// Per 32-byte word (rounded up) of a memory copy.
	pub copy_per_word: u64,
	/// Fixed part of `log`.
	pub log_base: u64,
	/// Per topic of `log`.
	pub log_per_topic: u64,
	/// Per data byte of `log`.
	pub log_per_byte: u64,
}

/// The prices every chain uses unless it configures others.
pub const HERA_COSTS: HostCosts = HostCosts {
	base: 2,
	storage_load: 200,
	storage_store_create: 20_000,
	storage_store_update: 5_000,
	copy_base: 3,
	copy_per_word: 3,
	log_base: 375,
	log_per_topic: 375,
	log_per_byte: 8,
};

impl HostCosts {
	/// Cost of copying `len` bytes: base plus a price per started 32-byte word.
	pub fn copy(&self, len: u32) -> u64 {
		let words = u64::from(len).div_ceil(32);
		self.copy_base.saturating_add(self.copy_per_word.saturating_mul(words))
	}

	/// Cost of a `log` with `topics` topics and `len` data bytes.
	pub fn log(&self, topics: u32, len: u32) -> u64 {
		self.log_base
			.saturating_add(self.log_per_topic.saturating_mul(topics.into()))
			.saturating_add(self.log_per_byte.saturating_mul(len.into()))
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn copy_rounds_up_to_words() {
		assert_eq!(HERA_COSTS.copy(0), 3);
		assert_eq!(HERA_COSTS.copy(1), 6);
		assert_eq!(HERA_COSTS.copy(32), 6);
		assert_eq!(HERA_COSTS.copy(33), 9);
	}

	#[test]
	fn log_prices_topics_and_bytes() {
		assert_eq!(HERA_COSTS.log(0, 0), 375);
		assert_eq!(HERA_COSTS.log(2, 10), 375 + 750 + 80);
	}
}
