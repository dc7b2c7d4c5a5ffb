//! `ewasm run` on the contracts of `fixtures/`: a call and a deployment, and the JSON they
//! print.

use serde_json::Value;
use std::process::Command;

fn fixture(name: &str) -> String {
	format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"))
}

/// Runs `ewasm run` with `args`; returns the exit code and the printed JSON.
fn run(args: &[&str]) -> (i32, Value) {
	let output = Command::new(env!("CARGO_BIN_EXE_ewasm"))
		.arg("run")
		.args(args)
		.output()
		.expect("the ewasm binary runs");
	let report = serde_json::from_slice(&output.stdout).unwrap_or(Value::Null);
	(output.status.code().expect("ewasm exits with a code"), report)
}

#[test]
fn a_call_reports_return_data_logs_and_storage() {
	let code = fixture("counter.wat");
	let (exit, report) = run(&["--code", &code, "--input", "0xaabbcc", "--schedule", "hera"]);
	assert_eq!(exit, 0, "{report}");
	let three = format!("0x03{}", "00".repeat(31));
	assert_eq!(report["status"], "success");
	assert_eq!(report["return_data"], three);
	assert_eq!(report["storage"][format!("0x{}", "00".repeat(32))], three);
	let log = &report["logs"][0];
	assert_eq!(log["address"], "0xc0de000000000000000000000000000000000000");
	assert_eq!(log["topics"][0], format!("0x{}", "01".repeat(32)));
	assert_eq!(log["data"], three);
	// Hera's prices: a getter, a load, a new slot, a log of 1 topic and 32 bytes; `finish`
	// is free.
	assert_eq!(report["gas_used"], 2 + 200 + 20_000 + (375 + 375 + 8 * 32));
	assert!(report.get("address").is_none());
}

#[test]
fn a_deployment_reports_the_new_address() {
	let (exit, report) = run(&["--code", &fixture("deploy_minimal.wat"), "--deploy"]);
	assert_eq!(exit, 0, "{report}");
	assert_eq!(report["status"], "success");
	let address = report["address"].as_str().unwrap();
	assert_eq!(address.len(), 42);
	assert_eq!(
		report["storage"][format!("0x{}", "00".repeat(32))],
		format!("0x07{}", "00".repeat(31))
	);
}

#[test]
fn failures_exit_with_1_and_bad_input_with_2() {
	let code = fixture("counter.wat");
	let (exit, report) = run(&["--code", &code, "--gas", "1000"]);
	assert_eq!((exit, &report["status"]), (1, &Value::from("out_of_gas")));
	let (exit, report) = run(&["--code", &fixture("counter.wat"), "--deploy"]);
	assert_eq!((exit, &report["status"]), (1, &Value::from("CodeInvalid")), "{report}");
	let (exit, _) = run(&["--code", &fixture("missing.wat")]);
	assert_eq!(exit, 2);
	let (exit, _) = run(&["--code", &code, "--input", "0xabc"]);
	assert_eq!(exit, 2);
}
