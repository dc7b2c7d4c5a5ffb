//! `ewasm`: runs Ewasm contracts off-chain, in an in-memory runtime with the ewasm pallet.
//!
//! - `ewasm statetest <file-or-dir>...` runs Ethereum state tests of Ewasm contracts
//!   ([`statetest`]).
//! - `ewasm run --code <file>` runs one contract and prints what it did as JSON ([`run`]).
//! - `ewasm schedule` prints the chain's gas schedule (or Hera's) as JSON ([`schedule`]).
//! - `ewasm scout <file-or-dir>...` runs Scout test cases of execution environments ([`scout`]).
//! - `ewasm build [path]` builds a Rust contract crate into an Ewasm module and its init code;
//!   `ewasm new <name>` makes a contract crate to start from ([`contract`]).
//!
//! Exit codes: 0 success, [`ewasm_cli::EXIT_FAILED`] when a test or the contract failed,
//! [`ewasm_cli::EXIT_BAD_INPUT`] when an input could not be read (and for usage errors, as clap does).

use clap::{Parser, Subcommand};
use ewasm_cli::{contract, run, schedule, scout, statetest};
use std::process::ExitCode;

/// Runs Ewasm contracts off-chain, in an in-memory runtime with the ewasm pallet.
#[derive(Debug, Parser)]
#[command(name = "ewasm", version)]
struct Cli {
	#[command(subcommand)]
	command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
	/// Runs Ewasm state tests (stEWASMTests: merged JSON or YAML fillers) and reports
	/// failures.
	Statetest(statetest::Args),
	/// Runs one contract (a call, or with --deploy its init code) and prints the outcome as
	/// JSON.
	Run(run::Args),
	/// Prints a gas schedule as JSON: the EEI functions' prices, and what gas and fuel weigh.
	Schedule(schedule::Args),
	/// Runs Scout test cases of execution environments (YAML) and compares the post-state
	/// roots.
	Scout(scout::Args),
	/// Builds a Rust contract crate (with ewasm-sdk) into a validated Ewasm module and the init
	/// code that deploys it.
	Build(contract::BuildArgs),
	/// Makes a new contract crate, with a test, to start from.
	New(contract::NewArgs),
}

fn main() -> ExitCode {
	match Cli::parse().command {
		Command::Statetest(args) => statetest::run(&args),
		Command::Run(args) => run::run(&args),
		Command::Schedule(args) => schedule::run(&args),
		Command::Scout(args) => scout::run(&args),
		Command::Build(args) => contract::build_command(&args),
		Command::New(args) => contract::new_command(&args),
	}
}
