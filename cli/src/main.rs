//! `ewasm`: runs Ewasm contracts off-chain, in an in-memory runtime with the ewasm pallet.
//!
//! - `ewasm statetest <file-or-dir>...` runs Ethereum state tests of Ewasm contracts
//!   ([`statetest`]).
//! - `ewasm run --code <file>` runs one contract and prints what it did as JSON ([`run`]).
//! - `ewasm schedule` prints the chain's gas schedule (or Hera's) as JSON ([`schedule`]).
//!
//! Exit codes: 0 success, [`EXIT_FAILED`] when a test or the contract failed,
//! [`EXIT_BAD_INPUT`] when an input could not be read (and for usage errors, as clap does).

mod code;
mod logs;
mod parse;
mod rlp;
mod run;
mod runtime;
mod sandbox;
mod schedule;
mod statetest;

use clap::{Parser, Subcommand};
use std::process::ExitCode;

/// Exit code when a test or the contract failed.
pub const EXIT_FAILED: u8 = 1;
/// Exit code when an input could not be read or understood.
pub const EXIT_BAD_INPUT: u8 = 2;

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
}

fn main() -> ExitCode {
	match Cli::parse().command {
		Command::Statetest(args) => statetest::run(&args),
		Command::Run(args) => run::run(&args),
		Command::Schedule(args) => schedule::run(&args),
	}
}
