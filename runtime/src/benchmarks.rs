//! The pallets `ewasm-node benchmark pallet` can benchmark on this runtime (with the
//! `runtime-benchmarks` feature): every pallet with a weight, so that `make weights`
//! generates all of them on the reference machine (`pallet_ewasm`'s into the pallet,
//! the others into `crate::weights`). The macros this defines expand in `apis.rs`, which
//! imports the benchmark pallets named below from here.

polkadot_sdk::frame_benchmarking::define_benchmarks!(
	[frame_system, SystemBench::<Runtime>]
	[frame_system_extensions, SystemExtensionsBench::<Runtime>]
	[cumulus_pallet_parachain_system, ParachainSystem]
	[pallet_timestamp, Timestamp]
	[cumulus_pallet_weight_reclaim, WeightReclaim]
	[pallet_balances, Balances]
	[pallet_transaction_payment, TransactionPayment]
	[pallet_sudo, Sudo]
	[pallet_collator_selection, CollatorSelection]
	[pallet_session, SessionBench::<Runtime>]
	[cumulus_pallet_xcmp_queue, XcmpQueue]
	[pallet_message_queue, MessageQueue]
	[pallet_ewasm, Ewasm]
);

use crate::{ParachainSystem, Runtime, SessionKeys, System};
use alloc::vec::Vec;
use codec::Encode;
use polkadot_sdk::{
	cumulus_pallet_session_benchmarking, frame_benchmarking::BenchmarkError,
	frame_system_benchmarking,
};

pub use cumulus_pallet_session_benchmarking::Pallet as SessionBench;
pub use frame_system_benchmarking::{
	extensions::Pallet as SystemExtensionsBench, Pallet as SystemBench,
};

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

/// `pallet_transaction_payment`'s benchmark needs no setup: fees are burned, so no block
/// author has to be set.
impl polkadot_sdk::pallet_transaction_payment::BenchmarkConfig for Runtime {}

/// Session keys for `pallet_session`'s and `pallet_collator_selection`'s benchmarks: fresh
/// keys of every type of [`SessionKeys`] (Aura and authority discovery), with the proof that
/// `owner` holds them.
impl cumulus_pallet_session_benchmarking::Config for Runtime {
	fn generate_session_keys_and_proof(owner: Self::AccountId) -> (Self::Keys, Vec<u8>) {
		let generated = SessionKeys::generate(&owner.encode(), None);
		(generated.keys, generated.proof.encode())
	}
}
