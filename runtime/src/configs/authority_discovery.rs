//! Authority discovery: how the collators find each other. Each collator publishes its network
//! addresses in the parachain's DHT, signed with the `audi` key of its session keys; the
//! omni-node's collator discovery reads the current collators' keys from the runtime's
//! `AuthorityDiscoveryApi` (the pallet's current set, in authoring order), looks their
//! addresses up and keeps reserved connections to its neighbours in that order, so a block
//! announcement reaches the next authors in one hop.
//!
//! The pallet's configuration, and [`AddAuthorityDiscoveryKey`], the runtime-upgrade migration
//! that adds the `audi` key to the session keys a chain stored before the key existed
//! ([`OldSessionKeys`]).

use crate::{AuraId, AuthorityDiscoveryId, Runtime, Session, SessionKeys};
use alloc::vec::Vec;
use core::cell::Cell;
use frame_support::{traits::OnRuntimeUpgrade, weights::Weight, WeakBoundedVec};
use polkadot_sdk::*;

impl pallet_authority_discovery::Config for Runtime {
	/// As many as Aura's: both sets are the collators of a session.
	type MaxAuthorities = <Runtime as pallet_aura::Config>::MaxAuthorities;
}

sp_runtime::impl_opaque_keys! {
	/// The session keys of a collator before authority discovery (spec version 1): its Aura key
	/// alone. What `pallet_session` stored on a chain that ran such a runtime.
	pub struct OldSessionKeys {
		/// The key the collator signs blocks with.
		pub aura: crate::Aura,
	}
}

/// The authority discovery key [`AddAuthorityDiscoveryKey`] gives a collator that had only its
/// Aura key: the same sr25519 public key (polkadot, too, filled the keys it added to its
/// session keys with the bytes of keys its validators already had). The collator's keystore
/// holds its private key under the `aura` key type; until it also holds it under `audi`
/// (`author_insertKey`), or the collator sets new keys (`session.setKeys`), the collator
/// publishes no address of its own, but it still finds the others.
pub fn authority_discovery_key(aura: &AuraId) -> AuthorityDiscoveryId {
	AuthorityDiscoveryId::from(aura.clone().into_inner())
}

/// The session keys `old` become: the same Aura key, and [`authority_discovery_key`] of it.
fn upgrade(old: OldSessionKeys) -> SessionKeys {
	let authority_discovery = authority_discovery_key(&old.aura);
	SessionKeys { aura: old.aura, authority_discovery }
}

/// The runtime-upgrade migration that adds the authority discovery key to a chain that ran a
/// runtime without it (spec version 1): `pallet_session`'s stored keys (`NextKeys`,
/// `QueuedKeys`, `KeyOwner`) go from [`OldSessionKeys`] to [`SessionKeys`] through
/// `pallet_session::Pallet::upgrade_keys`, each collator's new `audi` key being
/// [`authority_discovery_key`] of its Aura key; and the new pallet gets the sets its session
/// handler would have recorded: the current session's collators (Aura's authorities, in
/// authoring order) and the queued session's. Without them the `AuthorityDiscoveryApi` would
/// answer no collator until the collator set or a collator's keys change (the handler records
/// the current set only then).
///
/// It runs once: a chain whose authority discovery pallet holds keys (from its genesis, or
/// from this migration) already stores the new session keys, and is left as it is.
pub struct AddAuthorityDiscoveryKey;

impl OnRuntimeUpgrade for AddAuthorityDiscoveryKey {
	fn on_runtime_upgrade() -> Weight {
		let db = <Runtime as frame_system::Config>::DbWeight::get();
		if !pallet_authority_discovery::Keys::<Runtime>::get().is_empty() {
			return db.reads(1);
		}
		// Each call of `upgrade` is a `NextKeys` entry (read, written, one `KeyOwner` entry
		// cleared and two put) or a `QueuedKeys` item (in one value): counting every call as
		// an entry bounds the weight.
		let upgraded = Cell::new(0u64);
		Session::upgrade_keys::<OldSessionKeys, _>(|_, old| {
			upgraded.set(upgraded.get() + 1);
			upgrade(old)
		});
		let current: Vec<_> = pallet_aura::Authorities::<Runtime>::get()
			.iter()
			.map(authority_discovery_key)
			.collect();
		let next: Vec<_> = pallet_session::QueuedKeys::<Runtime>::get()
			.into_iter()
			.map(|(_, keys)| keys.authority_discovery)
			.collect();
		pallet_authority_discovery::Keys::<Runtime>::put(WeakBoundedVec::force_from(
			current,
			Some("more current collators than Aura's MaxAuthorities"),
		));
		pallet_authority_discovery::NextKeys::<Runtime>::put(WeakBoundedVec::force_from(
			next,
			Some("more queued collators than Aura's MaxAuthorities"),
		));
		let entries = upgraded.get();
		// Reads: the guard, `QueuedKeys` twice, Aura's authorities, the entries. Writes:
		// `QueuedKeys`, the pallet's two sets, four per entry.
		db.reads_writes(entries + 4, entries * 4 + 3)
	}
}

#[cfg(test)]
mod tests {
	use super::*;
	use crate::{AccountId, AuthorityDiscovery, RuntimeGenesisConfig};
	use frame_support::{storage::unhashed, BoundedVec};
	use sp_core::crypto::{key_types, ByteArray};
	use sp_keyring::Sr25519Keyring::{self, Alice, Bob, Charlie};
	use sp_runtime::{traits::OpaqueKeys, BuildStorage};

	fn aura(keyring: Sr25519Keyring) -> AuraId {
		keyring.public().into()
	}

	fn audi(keyring: Sr25519Keyring) -> AuthorityDiscoveryId {
		keyring.public().into()
	}

	/// The session keys of `keyring` after the upgrade: its Aura key under both key types.
	fn keys(keyring: Sr25519Keyring) -> SessionKeys {
		SessionKeys { aura: aura(keyring), authority_discovery: audi(keyring) }
	}

	/// A chain as a runtime without authority discovery left it: Alice and Bob collate the
	/// current session, Bob and Charlie are queued for the next one, the three set their keys
	/// (in the old format), and the authority discovery pallet has stored nothing.
	fn chain_before_the_upgrade() -> sp_io::TestExternalities {
		let mut genesis = RuntimeGenesisConfig::default();
		genesis.session.keys =
			[Alice, Bob, Charlie].map(|k| (k.to_account_id(), k.to_account_id(), keys(k))).into();
		let mut ext: sp_io::TestExternalities = genesis.build_storage().unwrap().into();
		ext.execute_with(|| {
			for k in [Alice, Bob, Charlie] {
				let key = pallet_session::NextKeys::<Runtime>::hashed_key_for(k.to_account_id());
				unhashed::put(&key, &OldSessionKeys { aura: aura(k) });
				let audi_raw = audi(k).to_raw_vec();
				pallet_session::KeyOwner::<Runtime>::remove((
					key_types::AUTHORITY_DISCOVERY,
					audi_raw,
				));
			}
			let queued: Vec<(AccountId, OldSessionKeys)> = [Bob, Charlie]
				.map(|k| (k.to_account_id(), OldSessionKeys { aura: aura(k) }))
				.into();
			unhashed::put(&pallet_session::QueuedKeys::<Runtime>::hashed_key(), &queued);
			let authorities = BoundedVec::truncate_from([Alice, Bob].map(aura).to_vec());
			pallet_aura::Authorities::<Runtime>::put(authorities);
			pallet_authority_discovery::Keys::<Runtime>::kill();
			pallet_authority_discovery::NextKeys::<Runtime>::kill();
		});
		ext
	}

	#[test]
	fn the_migration_gives_every_collator_its_aura_key_as_authority_discovery_key() {
		chain_before_the_upgrade().execute_with(|| {
			let weight = AddAuthorityDiscoveryKey::on_runtime_upgrade();
			assert!(weight.ref_time() > 0);
			for k in [Alice, Bob, Charlie] {
				let who = k.to_account_id();
				assert_eq!(Session::load_keys(&who), Some(keys(k)));
				for key_type in SessionKeys::key_ids() {
					let raw = keys(k).get_raw(*key_type).to_vec();
					assert_eq!(Session::key_owner(*key_type, &raw), Some(who.clone()));
				}
			}
			let queued: Vec<_> = [Bob, Charlie].map(|k| (k.to_account_id(), keys(k))).into();
			assert_eq!(pallet_session::QueuedKeys::<Runtime>::get(), queued);
			// What the `AuthorityDiscoveryApi` answers: the current session's collators, in
			// authoring order; the queued session's are the pallet's next set.
			let current = AuthorityDiscovery::current_authorities().to_vec();
			assert_eq!(current, [Alice, Bob].map(audi).to_vec());
			let next = AuthorityDiscovery::next_authorities().to_vec();
			assert_eq!(next, [Bob, Charlie].map(audi).to_vec());
		});
	}

	#[test]
	fn the_migration_leaves_a_chain_with_authority_discovery_keys_alone() {
		chain_before_the_upgrade().execute_with(|| {
			AddAuthorityDiscoveryKey::on_runtime_upgrade();
			// A collator sets a new authority discovery key; a second upgrade keeps it.
			let who = Alice.to_account_id();
			let rotated = SessionKeys { aura: aura(Alice), authority_discovery: audi(Bob) };
			pallet_session::NextKeys::<Runtime>::insert(&who, &rotated);
			let db = <Runtime as frame_system::Config>::DbWeight::get();
			assert_eq!(AddAuthorityDiscoveryKey::on_runtime_upgrade(), db.reads(1));
			assert_eq!(Session::load_keys(&who), Some(rotated));
		});
	}

	/// `patch` merged into `base`, as the node merges a genesis preset into the default config.
	fn merge(base: &mut serde_json::Value, patch: serde_json::Value) {
		match (base, patch) {
			(serde_json::Value::Object(base), serde_json::Value::Object(patch)) => {
				for (key, value) in patch {
					merge(base.entry(key).or_insert(serde_json::Value::Null), value);
				}
			}
			(base, patch) => *base = patch,
		}
	}

	#[test]
	fn the_genesis_presets_give_every_collator_its_aura_key_as_authority_discovery_key() {
		use crate::genesis_config_presets::{get_preset, preset_names};
		use frame_support::genesis_builder_helper::build_state;
		for name in preset_names() {
			let name: &str = name.as_ref();
			let patch = get_preset(&name.into()).unwrap();
			let mut config = serde_json::to_value(RuntimeGenesisConfig::default()).unwrap();
			merge(&mut config, serde_json::from_slice(&patch).unwrap());
			let collators: Vec<_> = match name {
				sp_genesis_builder::DEV_RUNTIME_PRESET => vec![Alice],
				_ => vec![Alice, Bob],
			};
			sp_io::TestExternalities::default().execute_with(|| {
				build_state::<RuntimeGenesisConfig>(serde_json::to_vec(&config).unwrap()).unwrap();
				for k in &collators {
					let stored = Session::load_keys(&k.to_account_id());
					assert_eq!(stored, Some(keys(*k)), "{name}");
				}
				// Both sets hold every collator's key, in authoring order (Aura's).
				let authoring: Vec<_> = pallet_aura::Authorities::<Runtime>::get()
					.iter()
					.map(authority_discovery_key)
					.collect();
				let mut sorted = authoring.clone();
				sorted.sort();
				let mut expected: Vec<_> = collators.iter().map(|k| audi(*k)).collect();
				expected.sort();
				assert_eq!(sorted, expected, "{name}");
				assert_eq!(AuthorityDiscovery::current_authorities().to_vec(), authoring, "{name}");
				assert_eq!(AuthorityDiscovery::next_authorities().to_vec(), authoring, "{name}");
			});
		}
	}
}
