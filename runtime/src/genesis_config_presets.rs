//! Genesis presets: `development` (one collator, Alice) and `local_testnet` (Alice and Bob),
//! both with the well-known dev accounts funded and Alice as sudo. Only `development` lets
//! contracts import the `debug` namespace. A collator's session keys (Aura and authority
//! discovery) are both its dev seed's sr25519 key (`//Alice`, `//Bob`), the keys
//! `--alice`/`--bob` and `--dev` put in the node's keystore.

use crate::{
	AccountId, BalancesConfig, CollatorSelectionConfig, EwasmConfig, ParachainInfoConfig,
	PolkadotXcmConfig, RuntimeGenesisConfig, SessionConfig, SessionKeys, SudoConfig,
	EXISTENTIAL_DEPOSIT, UNIT,
};
use alloc::{vec, vec::Vec};
use cumulus_primitives_core::ParaId;
use frame_support::build_struct_json_patch;
use polkadot_sdk::*;
use sp_genesis_builder::PresetId;
use sp_keyring::Sr25519Keyring;

/// The parachain id of both presets; zombienet overrides it per chain.
pub const DEFAULT_PARA_ID: ParaId = ParaId::new(2000);

/// The parachains the Ewasm pallet exchanges receipts with: zombienet's two (both run this
/// runtime, so each trusts the other's burning of the value it sends; a chain never accepts
/// receipts from itself).
pub const TRUSTED_SIBLINGS: [u32; 2] = [2000, 2001];

/// What each dev account holds at genesis: one million tokens.
pub const ENDOWMENT: u128 = 1_000_000 * UNIT;

/// The XCM version spoken from genesis.
const SAFE_XCM_VERSION: u32 = staging_xcm::prelude::XCM_VERSION;

fn genesis(
	invulnerables: Vec<(AccountId, SessionKeys)>,
	endowed_accounts: Vec<AccountId>,
	root: AccountId,
	id: ParaId,
	ewasm_debug: bool,
) -> serde_json::Value {
	build_struct_json_patch!(RuntimeGenesisConfig {
		balances: BalancesConfig {
			balances: endowed_accounts.iter().cloned().map(|k| (k, ENDOWMENT)).collect(),
		},
		parachain_info: ParachainInfoConfig { parachain_id: id },
		collator_selection: CollatorSelectionConfig {
			invulnerables: invulnerables.iter().cloned().map(|(account, _)| account).collect(),
			candidacy_bond: EXISTENTIAL_DEPOSIT * 16,
		},
		session: SessionConfig {
			keys: invulnerables
				.into_iter()
				.map(|(account, keys)| (account.clone(), account, keys))
				.collect(),
		},
		polkadot_xcm: PolkadotXcmConfig { safe_xcm_version: Some(SAFE_XCM_VERSION) },
		sudo: SudoConfig { key: Some(root) },
		ewasm: EwasmConfig {
			debug_enabled: ewasm_debug,
			trusted_siblings: TRUSTED_SIBLINGS.to_vec()
		},
	})
}

/// A dev collator: its account and its session keys, all from the same dev seed.
fn collator(keyring: Sr25519Keyring) -> (AccountId, SessionKeys) {
	let keys =
		SessionKeys { aura: keyring.public().into(), authority_discovery: keyring.public().into() };
	(keyring.to_account_id(), keys)
}

/// The JSON genesis patch of preset `id`, or `None` for an unknown preset.
pub fn get_preset(id: &PresetId) -> Option<Vec<u8>> {
	// Contracts may print to the node's log (the `debug` namespace) on the development chain
	// only.
	let (collators, ewasm_debug) = match id.as_ref() {
		sp_genesis_builder::DEV_RUNTIME_PRESET => (vec![collator(Sr25519Keyring::Alice)], true),
		sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET => {
			(vec![collator(Sr25519Keyring::Alice), collator(Sr25519Keyring::Bob)], false)
		}
		_ => return None,
	};
	let patch = genesis(
		collators,
		Sr25519Keyring::well_known().map(|k| k.to_account_id()).collect(),
		Sr25519Keyring::Alice.to_account_id(),
		DEFAULT_PARA_ID,
		ewasm_debug,
	);
	Some(
		serde_json::to_string(&patch)
			.expect("a genesis patch always serializes to JSON; qed")
			.into_bytes(),
	)
}

/// The names of the presets this runtime provides.
pub fn preset_names() -> Vec<PresetId> {
	vec![
		PresetId::from(sp_genesis_builder::DEV_RUNTIME_PRESET),
		PresetId::from(sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET),
	]
}
