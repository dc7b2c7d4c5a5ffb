//! `ewasm new` then `ewasm build`, as a contract author runs them: the scaffolded crate builds
//! into a module the pallet accepts and init code that deploys it, which then runs on the
//! pallet in memory.

use ewasm_cli::testing::{call_data, Chain, ALICE, BOB};
use ewasm_sdk::{abi::AbiType, U256};
use std::{path::Path, process::Command};

mod common;
use common::Scratch;

/// Runs the `ewasm` binary with `args` in `dir`; panics with its output unless it succeeds.
fn ewasm(dir: &Path, args: &[&str]) -> String {
	let output = Command::new(env!("CARGO_BIN_EXE_ewasm"))
		.current_dir(dir)
		.args(args)
		.output()
		.expect("the ewasm binary runs");
	let printed = format!(
		"{}{}",
		String::from_utf8_lossy(&output.stdout),
		String::from_utf8_lossy(&output.stderr)
	);
	assert!(output.status.success(), "ewasm {args:?} failed:\n{printed}");
	printed
}

/// The path after `label` on a line of `ewasm build`'s report.
fn reported_path(report: &str, label: &str) -> String {
	let line = report.lines().find(|line| line.starts_with(label)).expect(label);
	let path = line[label.len()..].trim_start();
	path[..path.find(" (").expect("a size after the path")].to_owned()
}

#[test]
fn a_new_contract_builds_deploys_and_runs() {
	let dir = Scratch::new("new-build");
	ewasm(dir.path(), &["new", "demo"]);
	let report = ewasm(dir.path(), &["build", "demo"]);
	let code = std::fs::read(reported_path(&report, "contract")).expect("the module");
	let init_code = std::fs::read(reported_path(&report, "init code")).expect("the init code");
	drop(dir);

	let mut chain = Chain::new();
	let counter = chain.deploy(ALICE, &init_code, 0, &[]).expect("the pallet accepts it").address;
	assert_eq!(chain.code(counter), code, "the init code deploys the module");
	let incremented = chain.call(
		ALICE,
		counter,
		0,
		&call_data("increment(uint256)", &[U256::from(5u64).encode()]),
	);
	assert_eq!(incremented.value::<U256>(), Some(U256::from(5u64)));
	let refused =
		chain.call(BOB, counter, 0, &call_data("increment(uint256)", &[U256::from(1u64).encode()]));
	assert_eq!(refused.revert_message().as_deref(), Some("only the owner"));
}
