//! `ewasm schedule`: the chain's schedule from the benchmarked weights, and Hera's; a version
//! raised to the benchmarks.

use serde_json::Value;
use std::process::Command;

/// Runs `ewasm schedule` with `args`.
fn ewasm_schedule(args: &[&str]) -> std::process::Output {
	Command::new(env!("CARGO_BIN_EXE_ewasm"))
		.arg("schedule")
		.args(args)
		.output()
		.expect("the ewasm binary runs")
}

/// Runs `ewasm schedule --schedule <choice>` and `args`; returns the printed JSON.
fn schedule_with(choice: &str, args: &[&str]) -> Value {
	let output = ewasm_schedule(&[&["--schedule", choice], args].concat());
	assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
	serde_json::from_slice(&output.stdout).expect("the schedule is JSON")
}

/// Runs `ewasm schedule --schedule <choice>`; returns the printed JSON.
fn schedule(choice: &str) -> Value {
	schedule_with(choice, &[])
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

#[test]
fn a_version_raised_to_a_schedule_changes_only_where_that_is_dearer() {
	// The newest version (the chain's schedule) raised to Hera's: where Hera's is dearer (a
	// log's byte, a call's value), and Hera prices no fuel.
	let chain = schedule("chain");
	let versions =
		(1..).take_while(|n| ewasm_schedule(&["--raise", &n.to_string()]).status.success());
	let newest = versions.last().expect("the chain offers versions").to_string();
	let raised = schedule_with("hera", &["--raise", &newest]);
	assert_eq!(raised["host"]["log_per_byte"], 8, "Hera's (the chain's: {chain})");
	assert_eq!(raised["host"]["call_value"], 9_000, "Hera's");
	assert_eq!(raised["host"]["call"], chain["host"]["call"], "the chain's");
	assert_eq!(raised["instructions"], chain["instructions"]);
	let refused = ewasm_schedule(&["--raise", "999"]);
	assert_eq!(refused.status.code(), Some(1));
	let message = String::from_utf8_lossy(&refused.stderr);
	assert!(message.contains(&format!("no VM version 999 (it offers 1 to {newest})")), "{message}");
}
