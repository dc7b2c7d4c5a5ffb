//! Storage migrations of the pallet, each run once by a runtime upgrade (in the runtime's
//! `Migrations`), guarded by the pallet's storage version.
//!
//! [`RecordVmVersions`] (storage version 0 to 1): contracts, evictions under way and
//! tombstones record the VM version they run on ([`crate::versions`]). Before it, a contract ran
//! on the interface its code imports from, with the one schedule of the runtime; that is what
//! versions 1 (`v1`) and 2 (`v2`) of [`crate::versions::released`] are, so each gets the one of
//! its code's interface. The code of an eviction or a tombstone may be gone (it is stored while
//! a contract uses it): those whose code is not stored get version 1. Only `v1` contracts can
//! be among those: `v2` came with the runtime this migration is in (spec version 5 ran on
//! development chains only).
//!
//! One block does it all: its weight is a read and a write of each entry, and a read of the code
//! of each. That suits the chains it is for (a new network's few contracts); a chain with many
//! would need it spread over blocks.

use crate::{
	rent::{Eviction, Tombstone},
	versions::VmVersion,
	vm::prepare::interface_of,
	Config, ContractInfo, ContractInfoOf, Evicting, Pallet, PristineCode, Tombstones,
};
use alloc::vec::Vec;
use codec::{Decode, Encode};
use ewasm_primitives::{Address, Interface};
use polkadot_sdk::{
	frame_support::{
		migrations::VersionedMigration, storage::unhashed, traits::UncheckedOnRuntimeUpgrade,
		weights::Weight,
	},
	sp_core::{Get, H256},
};

/// [`record_vm_versions`] as a runtime migration, from storage version 0 to 1.
pub type RecordVmVersions<T> = VersionedMigration<
	0,
	1,
	UncheckedRecordVmVersions<T>,
	Pallet<T>,
	<T as polkadot_sdk::frame_system::Config>::DbWeight,
>;

/// [`record_vm_versions`], unguarded: use [`RecordVmVersions`].
pub struct UncheckedRecordVmVersions<T>(core::marker::PhantomData<T>);

impl<T: Config> UncheckedOnRuntimeUpgrade for UncheckedRecordVmVersions<T> {
	fn on_runtime_upgrade() -> Weight {
		record_vm_versions::<T>()
	}

	#[cfg(feature = "try-runtime")]
	fn pre_upgrade() -> Result<Vec<u8>, polkadot_sdk::sp_runtime::TryRuntimeError> {
		Ok(before_recording::<T>().encode())
	}

	#[cfg(feature = "try-runtime")]
	fn post_upgrade(state: Vec<u8>) -> Result<(), polkadot_sdk::sp_runtime::TryRuntimeError> {
		let before =
			Before::decode(&mut &state[..]).map_err(|_| "undecodable pre-upgrade state")?;
		check_recorded::<T>(before).map_err(Into::into)
	}
}

/// The layouts before storage version 1.
mod v0 {
	use super::*;

	/// A contract, without its VM version.
	#[derive(Encode, Decode)]
	pub struct ContractInfo {
		pub code_hash: H256,
		pub code_len: u32,
		pub storage_items: u32,
		pub storage_bytes: u64,
		pub rent_fee_mark: u128,
		pub ttl: u128,
		pub nonce: u64,
	}

	/// An eviction under way, without the VM version.
	#[derive(Encode, Decode)]
	pub struct Eviction {
		pub code_hash: H256,
		pub nonce: u64,
		pub fee_mark: u128,
		pub storage_hash: H256,
	}
}

/// The version a contract with the code under `code_hash` ran on before versions were recorded:
/// 1 or 2 by its code's interface, 1 if the code is not stored.
fn version_before<T: Config>(code_hash: &H256) -> VmVersion {
	let interface = PristineCode::<T>::get(code_hash).and_then(|code| interface_of(&code));
	match interface {
		Some(Interface::V2) => VmVersion(2),
		Some(Interface::V1) | None => VmVersion(1),
	}
}

/// Gives every contract, eviction under way and tombstone the VM version it ran on; returns
/// the weight it used.
pub fn record_vm_versions<T: Config>() -> Weight {
	let mut entries = 0u64;
	let mut code_reads = 0u64;
	ContractInfoOf::<T>::translate::<v0::ContractInfo, _>(|_, old| {
		entries += 1;
		// Under construction (no code yet) only inside a transaction: never between blocks.
		let vm = if old.code_hash == H256::zero() {
			VmVersion::default()
		} else {
			code_reads += 1;
			version_before::<T>(&old.code_hash)
		};
		Some(ContractInfo {
			code_hash: old.code_hash,
			code_len: old.code_len,
			storage_items: old.storage_items,
			storage_bytes: old.storage_bytes,
			rent_fee_mark: old.rent_fee_mark,
			ttl: old.ttl,
			nonce: old.nonce,
			vm,
		})
	});
	Evicting::<T>::translate::<v0::Eviction, _>(|_, old| {
		entries += 1;
		code_reads += 1;
		Some(Eviction {
			vm: version_before::<T>(&old.code_hash),
			code_hash: old.code_hash,
			nonce: old.nonce,
			fee_mark: old.fee_mark,
			storage_hash: old.storage_hash,
		})
	});
	// A tombstone is a hash: its code hash is not known, so it gets version 1 (see above).
	Tombstones::<T>::translate::<H256, _>(|_, hash| {
		entries += 1;
		Some(Tombstone { hash, vm: VmVersion(1) })
	});
	let db = T::DbWeight::get();
	db.reads_writes(entries, entries)
		.saturating_add(db.reads(code_reads))
		// Each code read is up to `MaxCodeLen` bytes of proof, which a database read does not
		// price.
		.saturating_add(Weight::from_parts(
			0,
			code_reads.saturating_mul(T::MaxCodeLen::get().into()),
		))
}

/// What the pre-upgrade check saw, in the old layout: every contract's address and code hash,
/// every eviction's address, every tombstone's address and hash.
#[derive(Encode, Decode, Debug, PartialEq, Eq)]
pub struct Before {
	contracts: Vec<(Address, H256)>,
	evicting: Vec<Address>,
	tombstones: Vec<(Address, H256)>,
}

/// Reads what [`check_recorded`] compares with, before the migration.
pub fn before_recording<T: Config>() -> Before {
	Before {
		contracts: ContractInfoOf::<T>::iter_keys()
			.filter_map(|address| {
				let old = unhashed::get::<v0::ContractInfo>(&ContractInfoOf::<T>::hashed_key_for(
					address,
				));
				old.map(|info| (address, info.code_hash))
			})
			.collect(),
		evicting: Evicting::<T>::iter_keys().collect(),
		tombstones: Tombstones::<T>::iter_keys()
			.filter_map(|address| {
				let hash = unhashed::get::<H256>(&Tombstones::<T>::hashed_key_for(address));
				hash.map(|hash| (address, hash))
			})
			.collect(),
	}
}

/// Checks the migration against what [`before_recording`] saw: the same entries, each in the
/// new layout with the same contents and the version its code's interface gives.
pub fn check_recorded<T: Config>(before: Before) -> Result<(), &'static str> {
	if ContractInfoOf::<T>::iter_keys().count() != before.contracts.len() {
		return Err("contracts were added or lost");
	}
	for (address, code_hash) in before.contracts {
		let info = ContractInfoOf::<T>::get(address).ok_or("a contract does not decode")?;
		if info.code_hash != code_hash || info.vm != version_before::<T>(&code_hash) {
			return Err("a contract's code or version is not what it ran on");
		}
	}
	if Evicting::<T>::iter_keys().count() != before.evicting.len() {
		return Err("evictions were added or lost");
	}
	for address in before.evicting {
		let eviction = Evicting::<T>::get(address).ok_or("an eviction does not decode")?;
		if eviction.vm != version_before::<T>(&eviction.code_hash) {
			return Err("an eviction's version is not what it ran on");
		}
	}
	if Tombstones::<T>::iter_keys().count() != before.tombstones.len() {
		return Err("tombstones were added or lost");
	}
	for (address, hash) in before.tombstones {
		let tombstone = Tombstones::<T>::get(address).ok_or("a tombstone does not decode")?;
		if tombstone != (Tombstone { hash, vm: VmVersion(1) }) {
			return Err("a tombstone changed");
		}
	}
	Ok(())
}
