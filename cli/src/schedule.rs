//! `ewasm schedule`: prints a gas schedule as JSON: what each EEI function costs, how
//! instructions are metered and, for the chain's schedule, what a unit of gas and a unit of
//! wasm fuel weigh. The chain's schedule is derived from the pallet's benchmarked weights,
//! so this is the price list a contract author pays on the chain.

use crate::runtime::{ChainWeights, ScheduleChoice, WeightPerGas};
use pallet_ewasm::gas::{self, Schedule};
use polkadot_sdk::frame_support::weights::Weight;
use serde::Serialize;
use std::process::ExitCode;

/// Arguments of `ewasm schedule`.
#[derive(Debug, clap::Args)]
pub struct Args {
	/// The gas schedule to print.
	#[arg(long, value_enum, default_value_t = ScheduleChoice::Chain)]
	schedule: ScheduleChoice,
}

/// What `ewasm schedule` prints.
#[derive(Debug, Serialize)]
struct Report {
	/// `host`, the EEI functions' gas prices, and `instructions`: `fuel` (a unit of gas per
	/// unit of wasmi fuel) or `free` with its step limit.
	#[serde(flatten)]
	schedule: Schedule,
	/// What a unit of gas buys on the chain (picoseconds and proof bytes).
	weight_per_gas: Weight,
	/// The benchmarked weight of a unit of wasm fuel (the most of any instruction benchmark).
	weight_per_fuel: Weight,
}

/// Prints the chosen schedule.
pub fn run(args: &Args) -> ExitCode {
	let report = Report {
		schedule: args.schedule.schedule(),
		weight_per_gas: WeightPerGas::get(),
		weight_per_fuel: gas::weight_per_fuel::<ChainWeights>(),
	};
	println!("{}", serde_json::to_string_pretty(&report).expect("a report serializes; qed"));
	ExitCode::SUCCESS
}
