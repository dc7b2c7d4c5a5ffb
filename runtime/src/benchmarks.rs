//! The pallets `ewasm-node benchmark pallet` can benchmark on this runtime (with the
//! `runtime-benchmarks` feature): `frame_system` and `pallet_ewasm`. The macros this defines
//! expand in `apis.rs`, where the names below are in scope.

polkadot_sdk::frame_benchmarking::define_benchmarks!(
	[frame_system, SystemBench::<Runtime>]
	[pallet_ewasm, Ewasm]
);

use crate::{ParachainSystem, Runtime, System};
use alloc::vec::Vec;
use polkadot_sdk::{frame_benchmarking::BenchmarkError, frame_system_benchmarking};

/// What `frame_system`'s `set_code` benchmark needs on a parachain.
impl frame_system_benchmarking::Config for Runtime {
	fn setup_set_code_requirements(code: &Vec<u8>) -> Result<(), BenchmarkError> {
		ParachainSystem::initialize_for_set_code_benchmark(code.len() as u32);
		Ok(())
	}

	fn verify_set_code() {
		System::assert_last_event(
			cumulus_pallet_parachain_system::Event::<Runtime>::ValidationFunctionStored.into(),
		);
	}
}
