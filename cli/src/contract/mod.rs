//! Rust contracts: `ewasm build [path]` ([`build`]) and `ewasm new <name>` ([`scaffold`]).
//!
//! A contract crate is a `cdylib` depending on `ewasm-sdk`. `ewasm build` compiles it for
//! `wasm32v1-none` with a size-optimised profile, strips what Ewasm forbids ([`strip`]),
//! validates it with the pallet's own rules, and builds its init code (the constructor, then
//! the code returned); it prints both modules' paths and sizes and the contract's imports.

pub mod build;
pub mod scaffold;
pub mod strip;

use crate::{EXIT_BAD_INPUT, EXIT_FAILED};
use std::{path::PathBuf, process::ExitCode};

/// `ewasm build`'s arguments.
#[derive(Debug, clap::Args)]
pub struct BuildArgs {
	/// The contract crate's directory (with its Cargo.toml).
	#[arg(default_value = ".")]
	pub path: PathBuf,
	/// The Rust stack's size in bytes: the memory every call starts with is this plus the
	/// static data.
	#[arg(long, default_value_t = build::DEFAULT_STACK_SIZE)]
	pub stack_size: u32,
	/// Do not run binaryen's wasm-opt even if it is installed.
	#[arg(long)]
	pub no_wasm_opt: bool,
	/// The crate is an execution environment (ewasm-sdk's `ee` feature): build one module, no
	/// init code, validated as `register_ee` validates it.
	#[arg(long)]
	pub ee: bool,
}

/// Runs `ewasm build`.
pub fn build_command(args: &BuildArgs) -> ExitCode {
	let options = build::BuildOptions { stack_size: args.stack_size, wasm_opt: !args.no_wasm_opt };
	let built = match args.ee {
		false => build::build(&args.path, &options).map(|built| {
			println!("contract  {} ({} bytes)", built.code_path.display(), built.code.len());
			println!(
				"init code {} ({} bytes)",
				built.init_code_path.display(),
				built.init_code.len()
			);
			(built.imports, built.optimised)
		}),
		true => build::build_ee(&args.path, &options).map(|built| {
			println!("EE        {} ({} bytes)", built.code_path.display(), built.code.len());
			(built.imports, built.optimised)
		}),
	};
	match built {
		Ok((imports, optimised)) => {
			println!("imports   {}", imports.join(", "));
			if !optimised && !args.no_wasm_opt {
				println!(
					"(wasm-opt is not installed: `apt-get install binaryen` makes modules smaller)"
				);
			}
			ExitCode::SUCCESS
		}
		Err(error) => {
			eprintln!("ewasm build: {error}");
			ExitCode::from(EXIT_FAILED)
		}
	}
}

/// `ewasm new`'s arguments.
#[derive(Debug, clap::Args)]
pub struct NewArgs {
	/// The new crate's directory; its last component (with `-` for `_`) names the crate.
	pub path: PathBuf,
	/// Where ewasm-sdk is (default: the SDK of the repository this tool was built from).
	#[arg(long)]
	pub sdk: Option<PathBuf>,
}

/// Runs `ewasm new`.
pub fn new_command(args: &NewArgs) -> ExitCode {
	let sdk = args.sdk.clone().unwrap_or_else(scaffold::default_sdk);
	match scaffold::create(&args.path, &sdk) {
		Ok(name) => {
			println!("created contract crate `{name}` in {}", args.path.display());
			println!("build it:  ewasm build {}", args.path.display());
			println!("test it:   cargo test --manifest-path {}/Cargo.toml", args.path.display());
			ExitCode::SUCCESS
		}
		Err(error) => {
			eprintln!("ewasm new: {error}");
			ExitCode::from(EXIT_BAD_INPUT)
		}
	}
}
