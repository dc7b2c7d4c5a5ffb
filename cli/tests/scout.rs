//! `ewasm scout` on cases written here: an EE that saves the sum of its pre-state root and its
//! block (`bignum.add256`), run over two blocks; a wrong expected root, a block that traps and
//! an unreadable case; output and exit codes.

use std::{path::PathBuf, process::Command};

mod common;
use common::Scratch;

/// An EE adding the block's 32 bytes to its root, with Scout's prefixed imports.
const ADDER: &str = r#"(module
	(import "env" "eth2_loadPreStateRoot" (func $load (param i32)))
	(import "env" "eth2_blockDataSize" (func $size (result i32)))
	(import "env" "eth2_blockDataCopy" (func $copy (param i32 i32 i32)))
	(import "env" "eth2_savePostStateRoot" (func $save (param i32)))
	(import "env" "bignum_add256" (func $add (param i32 i32 i32)))
	(memory (export "memory") 1)
	(func (export "main")
		(call $load (i32.const 0))
		(call $copy (i32.const 32) (i32.const 0) (call $size))
		(call $add (i32.const 0) (i32.const 32) (i32.const 64))
		(call $save (i32.const 64))))"#;

fn word(last: u8) -> String {
	format!("{}{last:02x}", "00".repeat(31))
}

/// A directory holding `adder.wasm` and the case `name` with `blocks` and the expected root,
/// and the case's path.
fn case(name: &str, blocks: &[&str], expected: &str) -> (Scratch, PathBuf) {
	let directory = Scratch::new(&format!("scout-{name}"));
	std::fs::write(directory.join("adder.wasm"), wat::parse_str(ADDER).unwrap()).unwrap();
	let blocks: String =
		blocks.iter().map(|data| format!("  - env: 0\n    data: \"{data}\"\n")).collect();
	let yaml = format!(
		"beacon_state:\n  execution_scripts:\n    - adder.wasm\nshard_pre_state:\n  exec_env_states:\n    - \"{}\"\nshard_blocks:\n{blocks}shard_post_state:\n  exec_env_states:\n    - \"{expected}\"\n",
		word(1)
	);
	let path = directory.join(&format!("{name}.yaml"));
	std::fs::write(&path, yaml).unwrap();
	(directory, path)
}

fn scout(paths: &[&PathBuf]) -> (i32, String) {
	scout_with(&[], paths)
}

fn scout_with(options: &[&str], paths: &[&PathBuf]) -> (i32, String) {
	let output = Command::new(env!("CARGO_BIN_EXE_ewasm"))
		.arg("scout")
		.args(options)
		.args(paths)
		.output()
		.expect("the ewasm binary runs");
	(output.status.code().expect("an exit code"), String::from_utf8(output.stdout).unwrap())
}

#[test]
fn blocks_run_in_order_and_the_roots_are_compared() {
	let (_passing_directory, passing) = case("passing", &[&word(2), &word(3)], &word(6));
	assert_eq!(scout(&[&passing]), (0, "1 passed, 0 failed\n".to_string()));
	let (_wrong_directory, wrong) = case("wrong", &[&word(2)], &word(4));
	let (code, stdout) = scout(&[&passing, &wrong]);
	assert_eq!(code, 1);
	assert!(stdout.contains(&format!("EE 0: root {}, expected {}", word(3), word(4))), "{stdout}");
	assert!(stdout.ends_with("1 passed, 1 failed\n"), "{stdout}");
}

#[test]
fn a_failed_block_leaves_the_root_and_fails_the_case() {
	// A block of all ones overflows the sum: `add256` traps.
	let (_directory, overflowing) = case("overflowing", &[&"ff".repeat(32)], &word(1));
	let (code, stdout) = scout(&[&overflowing]);
	assert_eq!(code, 1);
	assert!(stdout.contains("block 0 (EE 0) failed: Trapped"), "{stdout}");
	assert!(!stdout.contains("EE 0: root"), "the root stays the pre-state root: {stdout}");
}

#[test]
fn blocks_are_metered_by_the_schedule_within_the_gas_given() {
	let (_directory, passing) = case("metered", &[&word(2)], &word(3));
	// Not even the EE's page of memory: out of gas.
	let (code, stdout) = scout_with(&["--gas", "1000"], &[&passing]);
	assert_eq!(code, 1);
	assert!(stdout.contains("block 0 (EE 0) failed: OutOfGas"), "{stdout}");
	// Hera's schedule prices no instruction: the block passes on what the host calls cost.
	let hera = scout_with(&["--schedule", "hera", "--gas", "10000000"], &[&passing]);
	assert_eq!(hera, (0, "1 passed, 0 failed\n".to_string()));
}

#[test]
fn an_unreadable_case_is_bad_input() {
	let directory = Scratch::new("scout-bad");
	let path = directory.join("bad.yaml");
	std::fs::write(&path, "beacon_state: {execution_scripts: [missing.wasm]}\nshard_pre_state: {exec_env_states: []}\nshard_blocks: []\nshard_post_state: {exec_env_states: []}\n").unwrap();
	let (code, stdout) = scout(&[&path]);
	assert_eq!(code, 2);
	assert!(stdout.contains("EE missing.wasm not found"), "{stdout}");
}

/// The shared Scout cases, if the conformance directory is next to the checkout.
fn shared_cases() -> Option<PathBuf> {
	let directory =
		PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared/conformance/scout/tests");
	directory.is_dir().then_some(directory)
}

#[test]
fn the_shared_hash_cases_expect_the_independent_hash_of_each_block() {
	use polkadot_sdk::sp_crypto_hashing::{blake2_512, keccak_256, sha2_256};
	let Some(directory) = shared_cases() else {
		eprintln!("../shared/conformance/scout not found: skipped");
		return;
	};
	let mut checked = 0;
	for entry in std::fs::read_dir(&directory).unwrap() {
		let path = entry.unwrap().path();
		let name = path.file_name().unwrap().to_str().unwrap().to_string();
		let hash: fn(&[u8]) -> [u8; 32] = match name.split('_').next().unwrap() {
			"sha256" => sha2_256,
			"keccak256" => keccak_256,
			"blake2b" => |data| blake2_512(data)[..32].try_into().unwrap(),
			_ => continue,
		};
		let case: serde_yaml::Value =
			serde_yaml::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
		let expected = case["shard_post_state"]["exec_env_states"].as_sequence().unwrap();
		for block in case["shard_blocks"].as_sequence().unwrap() {
			let ee = block["env"].as_u64().unwrap() as usize;
			let data = hex::decode(block["data"].as_str().unwrap()).unwrap();
			assert_eq!(expected[ee].as_str().unwrap(), hex::encode(hash(&data)), "{name}, EE {ee}");
			checked += 1;
		}
	}
	assert_eq!(checked, 64, "every hash case's blocks");
	// And the EEs compute them, but the one on the skip list (`cli/scout-skip.txt`).
	let (code, stdout) = scout(&[&directory]);
	assert_eq!(code, 0, "{stdout}");
	assert!(stdout.ends_with("13 passed, 0 failed, 3 skipped\n"), "{stdout}");
	assert_eq!(stdout.matches("(keccak256_ref.wasm) skipped").count(), 3, "{stdout}");
}
