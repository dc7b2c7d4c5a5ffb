//! Weights of the pallet's extrinsics, apart from the gas they buy.
//!
//! The `WeightInfo` trait is what the runtime configures. The `()` implementation is a
//! conservative upper bound used until `benchmarking.rs` generates measured weights
//! (tracked by the weights issue): it charges the storage accesses each extrinsic makes, as
//! counted in `exec.rs`, plus a fixed compile cost per code byte.

use polkadot_sdk::frame_support::weights::{constants::RocksDbWeight, Weight};

/// Weight functions of `pallet_ewasm`.
pub trait WeightInfo {
	/// `deploy` with `c` bytes of init code producing `d` bytes of contract code, and `i` bytes
	/// of input, gas excluded.
	fn deploy(c: u32, d: u32, i: u32) -> Weight;
	/// `call` of a contract with `c` bytes of code and `i` bytes of input, gas excluded.
	fn call(c: u32, i: u32) -> Weight;
	/// `poke`: rent paid, or an eviction.
	fn poke() -> Weight;
	/// `wake` with `c` bytes of code and `s` storage items.
	fn wake(c: u32, s: u32) -> Weight;
}

/// Upper bound on the time to validate and compile one byte of code: 20 µs per KiB.
const COMPILE_PER_BYTE: Weight = Weight::from_parts(20_000, 0);
/// Fixed cost of setting up an engine and instance.
const INSTANTIATE: Weight = Weight::from_parts(50_000_000, 0);

impl WeightInfo for () {
	fn deploy(c: u32, d: u32, i: u32) -> Weight {
		// Compiles the init code, then validates the code it produced. Reads: contract info,
		// code info, both balances. Writes: contract info, code info, code, both balances.
		INSTANTIATE
			.saturating_add(COMPILE_PER_BYTE.saturating_mul(u64::from(c).saturating_add(d.into())))
			.saturating_add(Weight::from_parts(1_000, 0).saturating_mul(i.into()))
			.saturating_add(Weight::from_parts(0, u64::from(d) + 2_048))
			.saturating_add(RocksDbWeight::get().reads_writes(4, 5))
	}

	fn call(c: u32, i: u32) -> Weight {
		// Reads: contract info, code, both balances. Writes: both balances.
		INSTANTIATE
			.saturating_add(COMPILE_PER_BYTE.saturating_mul(c.into()))
			.saturating_add(Weight::from_parts(1_000, 0).saturating_mul(i.into()))
			.saturating_add(Weight::from_parts(0, u64::from(c) + 2_048))
			.saturating_add(RocksDbWeight::get().reads_writes(4, 2))
	}

	fn poke() -> Weight {
		// Reads: quota, contract info, TOTALFEE, balance, payee. Writes: quota, contract info or
		// eviction state, code info, balance.
		RocksDbWeight::get().reads_writes(5, 4).saturating_add(Weight::from_parts(20_000_000, 512))
	}

	fn wake(c: u32, s: u32) -> Weight {
		// Validates the code, hashes the storage; reads the tombstone, code info, balances;
		// writes the contract, the code, each storage item, balances, the tombstone.
		INSTANTIATE
			.saturating_add(COMPILE_PER_BYTE.saturating_mul(c.into()))
			.saturating_add(Weight::from_parts(0, u64::from(c) + 2_048))
			.saturating_add(RocksDbWeight::get().reads_writes(5, 6))
			.saturating_add(RocksDbWeight::get().writes(s.into()))
			.saturating_add(Weight::from_parts(5_000_000, 0).saturating_mul(s.into()))
	}
}
