//! `ewasm-node benchmark pallet`: frame-benchmarking-cli's pallet command, whatever features
//! the node was built with.
//!
//! The benchmarks run inside the runtime blob given with `--runtime` (built with the
//! runtime's `runtime-benchmarks` feature; `make weights` builds it), on the host functions of
//! a parachain node, so the node itself needs no benchmarking feature. The omni node offers
//! the command only when built with `runtime-benchmarks`, a second build of the whole client
//! stack; this one lets `make weights` use the node `make build` made.

use crate::chain_spec::EwasmChainSpecLoader;
use clap::Parser;
use polkadot_omni_node_lib::chain_spec::LoadSpec;
use polkadot_sdk::{
	cumulus_primitives_proof_size_hostfunction::storage_proof_size,
	frame_benchmarking_cli::PalletCmd, sp_runtime::traits::BlakeTwo256,
};
use std::ffi::OsString;

/// `benchmark pallet` and its arguments, as `ewasm-node` was called.
#[derive(Parser)]
#[command(name = "ewasm-node benchmark pallet")]
struct BenchmarkPallet {
	#[command(flatten)]
	command: PalletCmd,
}

/// The arguments after `benchmark pallet` if `args` (the program's, its name first) start
/// with them.
pub fn pallet_arguments(args: &[OsString]) -> Option<&[OsString]> {
	match args {
		[_, benchmark, pallet, rest @ ..] if benchmark == "benchmark" && pallet == "pallet" => {
			Some(rest)
		}
		_ => None,
	}
}

/// Runs the pallet benchmarks `arguments` (those after `benchmark pallet`) ask for, on the
/// chain spec `--chain` names as the node knows it (`dev`, `local` or a file), if given.
pub fn run_pallet(arguments: &[OsString]) -> Result<(), String> {
	let program = OsString::from("ewasm-node benchmark pallet");
	let parsed = BenchmarkPallet::try_parse_from(std::iter::once(&program).chain(arguments))
		.unwrap_or_else(|error| error.exit());
	let command = parsed.command;
	let chain = command.shared_params.chain.as_deref().map(|id| EwasmChainSpecLoader.load_spec(id));
	command
		.run_with_spec::<BlakeTwo256, storage_proof_size::HostFunctions>(chain.transpose()?)
		.map_err(|error| error.to_string())
}

#[cfg(test)]
mod tests {
	use super::*;

	fn args(words: &[&str]) -> Vec<OsString> {
		words.iter().map(OsString::from).collect()
	}

	#[test]
	fn only_benchmark_pallet_is_taken_over() {
		let given = args(&["ewasm-node", "benchmark", "pallet", "--pallet", "pallet_ewasm"]);
		assert_eq!(pallet_arguments(&given), Some(&given[3..]));
		assert_eq!(pallet_arguments(&args(&["ewasm-node", "benchmark", "machine"])), None);
		assert_eq!(pallet_arguments(&args(&["ewasm-node", "--dev"])), None);
		assert_eq!(pallet_arguments(&args(&["ewasm-node"])), None);
	}

	#[test]
	fn the_pallet_command_parses_what_make_weights_passes() {
		let given = args(&[
			"x",
			"--runtime",
			"runtime.wasm",
			"--genesis-builder=runtime",
			"--extrinsic",
			"*",
			"--steps",
			"20",
			"--repeat",
			"5",
			"--pallet",
			"pallet_ewasm",
		]);
		let parsed = BenchmarkPallet::try_parse_from(&given).expect("parses");
		assert_eq!(parsed.command.repeat, 5);
	}
}
