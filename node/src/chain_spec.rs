//! The chain specs this node knows by name, built from the runtime's genesis presets:
//!
//! | `--chain` | preset | chain type | collators |
//! |---|---|---|---|
//! | `dev` (also `--dev` and no `--chain`) | `development` | development | Alice |
//! | `local` | `local_testnet` | local | Alice, Bob |
//!
//! Anything else is read as a path to a chain-spec JSON file.

use polkadot_omni_node_lib::chain_spec::{ChainSpec, Extensions, GenericChainSpec, LoadSpec};
use polkadot_sdk::{sc_chain_spec::ChainType, sp_genesis_builder};

/// The relay chain the built-in specs name; zombienet replaces them with generated specs.
const RELAY_CHAIN: &str = "rococo-local";

/// Loads the built-in specs by name and other specs from disk.
pub struct EwasmChainSpecLoader;

impl LoadSpec for EwasmChainSpecLoader {
	fn load_spec(&self, id: &str) -> Result<Box<dyn ChainSpec>, String> {
		match id {
			"" | "dev" => Ok(Box::new(built_in(
				"Ewasm Development",
				"ewasm_dev",
				ChainType::Development,
				sp_genesis_builder::DEV_RUNTIME_PRESET,
			)?)),
			"local" => Ok(Box::new(built_in(
				"Ewasm Local Testnet",
				"ewasm_local",
				ChainType::Local,
				sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET,
			)?)),
			path => Ok(Box::new(GenericChainSpec::from_json_file(path.into())?)),
		}
	}
}

/// A spec with the embedded runtime and one of its genesis presets.
fn built_in(
	name: &str,
	id: &str,
	chain_type: ChainType,
	preset: &str,
) -> Result<GenericChainSpec, String> {
	let wasm = ewasm_runtime::WASM_BINARY.ok_or(
		"the runtime wasm was not built (SKIP_WASM_BUILD was set); build the node without it",
	)?;
	let para_id = u32::from(ewasm_runtime::genesis_config_presets::DEFAULT_PARA_ID);
	Ok(GenericChainSpec::builder(wasm, Extensions::new(RELAY_CHAIN.into(), para_id))
		.with_name(name)
		.with_id(id)
		.with_chain_type(chain_type)
		.with_genesis_config_preset_name(preset)
		.with_properties(token_properties())
		.build())
}

/// Token symbol and decimals shown by polkadot.js: 18 decimals, like ether.
fn token_properties() -> polkadot_sdk::sc_chain_spec::Properties {
	let mut properties = polkadot_sdk::sc_chain_spec::Properties::new();
	properties.insert("tokenSymbol".into(), "EWT".into());
	properties.insert("tokenDecimals".into(), 18.into());
	properties.insert("ss58Format".into(), 42.into());
	properties
}
