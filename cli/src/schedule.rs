//! `ewasm schedule`: prints a gas schedule as JSON: what each EEI function costs, how
//! instructions are metered and, for the chain's schedule, what a unit of gas is worth and
//! what a unit of wasm fuel weighs in each instruction benchmark. The chain's schedule is
//! derived from the pallet's benchmarked weights, so this is the price list a contract author
//! pays on the chain.

use crate::runtime::{ChainWeights, ScheduleChoice, ToolGasWeight};
use pallet_ewasm::gas::{self, GasWeight, Schedule};
use polkadot_sdk::frame_support::weights::Weight;
use serde::Serialize;
use std::{collections::BTreeMap, process::ExitCode};

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
	/// `host`, the EEI functions' gas prices, and `instructions`: `fuel` with its price (gas
	/// per unit of wasmi fuel in 1/1024ths: `base`, plus `per_local` for each local of the
	/// module's largest function) or `free` with its step limit.
	#[serde(flatten)]
	schedule: Schedule,
	/// What gas is worth on the chain (picoseconds a unit, units a proof byte).
	gas_weight: GasWeight,
	/// The benchmarked weight of a unit of wasm fuel in each instruction benchmark.
	weight_per_fuel: BTreeMap<&'static str, Weight>,
}

/// Prints the chosen schedule.
pub fn run(args: &Args) -> ExitCode {
	let report = Report {
		schedule: args.schedule.schedule(),
		gas_weight: ToolGasWeight::get(),
		weight_per_fuel: gas::weights_per_fuel::<ChainWeights>()
			.map(|(benchmark, weight, _)| (benchmark, weight))
			.collect(),
	};
	println!("{}", serde_json::to_string_pretty(&report).expect("a report serializes; qed"));
	ExitCode::SUCCESS
}
