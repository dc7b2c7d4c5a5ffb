//! `ewasm schedule`: prints a gas schedule as JSON: what each EEI function costs, how
//! instructions are metered and, for the chain's schedule, what a unit of gas and a unit of
//! wasm fuel weigh. The chain's schedule is derived from the pallet's benchmarked weights,
//! so this is the price list a contract author pays on the chain.

use crate::runtime::{ChainWeights, ScheduleChoice, WeightPerGas};
use pallet_ewasm::gas::{self, HostCosts, InstructionMetering};
use serde::Serialize;
use std::process::ExitCode;

/// Arguments of `ewasm schedule`.
#[derive(Debug, clap::Args)]
pub struct Args {
	/// The gas schedule to print.
	#[arg(long, value_enum, default_value_t = ScheduleChoice::Chain)]
	schedule: ScheduleChoice,
}

/// A weight, in picoseconds of execution and bytes of proof.
#[derive(Debug, Serialize)]
struct WeightReport {
	ref_time: u64,
	proof_size: u64,
}

impl From<polkadot_sdk::frame_support::weights::Weight> for WeightReport {
	fn from(weight: polkadot_sdk::frame_support::weights::Weight) -> Self {
		WeightReport { ref_time: weight.ref_time(), proof_size: weight.proof_size() }
	}
}

/// What `ewasm schedule` prints.
#[derive(Debug, Serialize)]
struct Report {
	/// The EEI functions' gas prices.
	host: HostCosts,
	/// `fuel` (a unit of gas per unit of wasmi fuel) or `free` with its step limit.
	instructions: InstructionMetering,
	/// What a unit of gas buys on the chain.
	weight_per_gas: WeightReport,
	/// The benchmarked weight of a unit of wasm fuel (the `instr` benchmark).
	weight_per_fuel: WeightReport,
}

/// Prints the chosen schedule.
pub fn run(args: &Args) -> ExitCode {
	let schedule = args.schedule.schedule();
	let report = Report {
		host: schedule.host,
		instructions: schedule.instructions,
		weight_per_gas: WeightPerGas::get().into(),
		weight_per_fuel: gas::weight_per_fuel::<ChainWeights>().into(),
	};
	println!("{}", serde_json::to_string_pretty(&report).expect("a report serializes; qed"));
	ExitCode::SUCCESS
}
