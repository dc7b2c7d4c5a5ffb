//! `ewasm-node`: the Ewasm parachain's node binary.
//!
//! A thin wrapper around `polkadot-omni-node-lib`: the node logic (collation, RPC, the
//! `--dev` manual-seal mode, benchmarking and chain-spec commands) is the omni node's; this
//! binary adds the chain specs built from the Ewasm runtime's genesis presets, so
//! `ewasm-node --dev` runs without a chain-spec file. See [`chain_spec`]. `benchmark pallet`
//! is this binary's own, in every build ([`benchmark`]).

mod benchmark;
mod chain_spec;

use polkadot_omni_node_lib::{
	run, runtime::DefaultRuntimeResolver, CliConfig, RunConfig, NODE_VERSION,
};
use std::process::ExitCode;

/// Names and versions shown in `--help` and the logs.
struct EwasmCli;

impl CliConfig for EwasmCli {
	fn impl_version() -> String {
		let commit_hash = env!("SUBSTRATE_CLI_COMMIT_HASH");
		format!("{NODE_VERSION}-{commit_hash}")
	}

	fn author() -> String {
		env!("CARGO_PKG_AUTHORS").into()
	}

	fn support_url() -> String {
		"https://example.invalid/ewasm-parachain/issues".into()
	}

	fn copyright_start_year() -> u16 {
		2026
	}
}

/// Runs the pallet benchmarks for `benchmark pallet`, the omni node for anything else; on
/// failure prints the error (its `Display`, naming the problem) and exits with status 1.
fn main() -> ExitCode {
	let args: Vec<_> = std::env::args_os().collect();
	let result = match benchmark::pallet_arguments(&args) {
		Some(arguments) => benchmark::run_pallet(arguments),
		None => {
			let config = RunConfig::new(
				Box::new(DefaultRuntimeResolver),
				Box::new(chain_spec::EwasmChainSpecLoader),
			);
			run::<EwasmCli>(config).map_err(|error| error.to_string())
		}
	};
	match result {
		Ok(()) => ExitCode::SUCCESS,
		Err(error) => {
			eprintln!("Error: {error}");
			ExitCode::FAILURE
		}
	}
}
