//! `ewasm schedule`: the chain's schedule from the benchmarked weights, and Hera's.

use serde_json::Value;
use std::process::Command;

/// Runs `ewasm schedule --schedule <choice>`; returns the printed JSON.
fn schedule(choice: &str) -> Value {
	let output = Command::new(env!("CARGO_BIN_EXE_ewasm"))
		.args(["schedule", "--schedule", choice])
		.output()
		.expect("the ewasm binary runs");
	assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
	serde_json::from_slice(&output.stdout).expect("the schedule is JSON")
}

#[test]
fn the_chain_schedule_meters_fuel_and_prices_storage_above_getters() {
	let chain = schedule("chain");
	let price = &chain["instructions"]["fuel"];
	let host = &chain["host"];
	assert!(host["base"].as_u64() > Some(0));
	assert!(host["storage_load"].as_u64() > host["base"].as_u64());
	// Fuel without locals costs what the dearest shape without locals takes.
	let per_gas = chain["gas_weight"]["ref_time_per_gas"].as_u64().expect("a number");
	let base = price["base"].as_u64().expect("a number");
	let call = chain["weight_per_fuel"]["instr_call"]["ref_time"].as_u64().expect("a number");
	assert!(call > 0 && call * 1024 <= base * per_gas, "{chain}");
	assert!(price["per_local"].as_u64() > Some(0), "{chain}");
}

#[test]
fn hera_s_schedule_has_ethereum_prices_and_free_instructions() {
	let hera = schedule("hera");
	assert_eq!(hera["host"]["storage_store_create"], 20_000);
	assert_eq!(hera["host"]["call"], 700);
	assert_eq!(hera["instructions"]["free"]["step_limit"], 10_000_000_000u64);
}
