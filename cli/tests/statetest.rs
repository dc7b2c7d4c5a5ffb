//! `ewasm statetest` on tests of the suite (`fixtures/stEWASMTests_sample.json`: three tests
//! of `stEWASMTests_merged.json`) and on altered copies of them: output and exit codes.

use std::{path::PathBuf, process::Command};

mod common;
use common::Scratch;

const SAMPLE: &str =
	concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/stEWASMTests_sample.json");

/// Runs `ewasm statetest` with `args`; returns the exit code and standard output.
fn statetest(args: &[&str]) -> (i32, String) {
	let output = Command::new(env!("CARGO_BIN_EXE_ewasm"))
		.arg("statetest")
		.args(args)
		.output()
		.expect("the ewasm binary runs");
	let stdout = String::from_utf8(output.stdout).expect("the report is UTF-8");
	(output.status.code().expect("ewasm exits with a code"), stdout)
}

/// Writes the sample with `alter` applied to a file named `file_name` in a scratch directory
/// of its own; returns both.
fn altered_sample(
	file_name: &str,
	alter: impl FnOnce(&mut serde_json::Value),
) -> (Scratch, PathBuf) {
	let mut tests: serde_json::Value =
		serde_json::from_str(&std::fs::read_to_string(SAMPLE).unwrap()).unwrap();
	alter(&mut tests);
	let directory = Scratch::new(&format!("statetest-{file_name}"));
	let path = directory.join(file_name);
	std::fs::write(&path, tests.to_string()).unwrap();
	(directory, path)
}

#[test]
fn the_sample_passes() {
	let (code, stdout) = statetest(&[SAMPLE]);
	assert_eq!(
		stdout,
		"strict: 3 passed, 0 failed, 0 skipped\nbalance: 3 passed, 0 failed, 0 skipped\n"
	);
	assert_eq!(code, 0);
}

#[test]
fn a_wrong_balance_fails_only_with_require_balance() {
	let (_directory, path) = altered_sample("balance.json", |tests| {
		tests["storageLoad"]["expect"]["a94f5374fce5edbc8e2a8697c15331677e6ebf0b"]["balance"] =
			"99999958665".into();
	});
	let path = path.to_str().unwrap();
	let (code, stdout) = statetest(&[path]);
	assert_eq!(code, 0, "{stdout}");
	assert_eq!(
		stdout.lines().collect::<Vec<_>>(),
		[
			"FAIL storageLoad: balance: balance of 0xa94f5374fce5edbc8e2a8697c15331677e6ebf0b = \
			 99999958664 expected 99999958665 (difference -1) [transaction: success]",
			"strict: 3 passed, 0 failed, 0 skipped",
			"balance: 2 passed, 1 failed, 0 skipped",
		]
	);
	let (code, _) = statetest(&["--require-balance", path]);
	assert_eq!(code, 1);
}

#[test]
fn a_wrong_storage_value_fails_strictly() {
	let (_directory, path) = altered_sample("storage.json", |tests| {
		tests["storageLoad"]["expect"]["deadbeef00000000000000000000000000000000"]["storage"]
			["1"] = "0xdeadbeee".into();
	});
	let (code, stdout) = statetest(&[path.to_str().unwrap()]);
	assert_eq!(code, 1);
	assert!(stdout.starts_with(
		"FAIL storageLoad: strict: storage 0xdeadbeef00000000000000000000000000000000[0x01] = \
		 0xdeadbeef expected 0xdeadbeee [transaction: success]\n"
	));
	assert!(stdout.ends_with(
		"strict: 2 passed, 1 failed, 0 skipped\nbalance: 3 passed, 0 failed, 0 skipped\n"
	));
}

#[test]
fn unreadable_inputs_exit_with_2() {
	let (code, stdout) = statetest(&["/nonexistent/tests.json"]);
	assert_eq!((code, stdout.as_str()), (2, ""));
	let (_directory, path) =
		altered_sample("not-tests.json", |tests| *tests = serde_json::json!([1, 2]));
	let (code, stdout) = statetest(&[path.to_str().unwrap()]);
	assert_eq!(code, 2);
	assert!(stdout.starts_with("ERROR "), "{stdout}");
}
