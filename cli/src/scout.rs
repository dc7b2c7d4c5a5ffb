//! `ewasm scout <file.yaml|dir>...`: runs Scout test cases of execution environments through
//! the pallet's own execution (`pallet_ewasm::ee::execute_block`), metered by a gas schedule
//! (`--schedule`, the chain's by default) with `--gas` for each block, and compares every EE's
//! post-state root, and the deposits where a case lists them.
//!
//! A case (YAML, Scout's format): `beacon_state.execution_scripts`, the EEs' wasm files
//! (relative to the case's directory, or to a `wasm/` directory beside it; EE id = position);
//! `shard_pre_state.exec_env_states`, their 32-byte roots in hex; `shard_blocks`, the blocks
//! run in order, each `{env, data}` (hex) replacing that EE's root with what it saves;
//! `shard_post_state.exec_env_states`, the expected roots; and optionally `deposit_receipts`,
//! the deposits the blocks must make, in order, each its 184 bytes in hex.
//!
//! A failed block (a trap, running out of gas, no root saved) leaves its EE's root as it was
//! and fails the case. The EE runs on the skip list (`cli/scout-skip.txt`, built in: `case.yaml/
//! ee.wasm: why`) are not run: that EE's blocks in that case, and its root. Prints a line per
//! failure and per skipped EE run, and `N passed, N failed` (`, N skipped` if any); exits with
//! [`crate::EXIT_FAILED`] if any failed, [`crate::EXIT_BAD_INPUT`] if a case cannot be read.

use crate::{
	parse,
	runtime::ScheduleChoice,
	statetest::{files::test_files, skip::SkipList},
	EXIT_BAD_INPUT, EXIT_FAILED,
};
use pallet_ewasm::{
	ee::{block_budget, execute_block, ledger::NoValue, Deposit},
	gas::Schedule,
};
use serde::Deserialize;
use std::{
	path::{Path, PathBuf},
	process::ExitCode,
};

/// The gas each block may use unless `--gas` says otherwise: enough for the largest block of
/// the shared cases at the chain's prices many times over.
const DEFAULT_GAS: u64 = 1_000_000_000_000_000;

/// Arguments of `ewasm scout`.
#[derive(Debug, clap::Args)]
pub struct Args {
	/// Scout test cases (`.yaml`/`.yml`), or directories of them.
	#[arg(required = true)]
	paths: Vec<PathBuf>,
	/// The gas each block may use.
	#[arg(long, default_value_t = DEFAULT_GAS)]
	gas: u64,
	/// The gas schedule: `chain` meters every instruction as the chain does.
	#[arg(long, value_enum, default_value_t = ScheduleChoice::Chain)]
	schedule: ScheduleChoice,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
	beacon_state: BeaconState,
	shard_pre_state: ShardState,
	shard_blocks: Vec<ShardBlock>,
	shard_post_state: ShardState,
	#[serde(default)]
	deposit_receipts: Option<Vec<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct BeaconState {
	execution_scripts: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ShardState {
	exec_env_states: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ShardBlock {
	env: usize,
	data: String,
}

/// The EE runs not run, each `case.yaml/ee.wasm` with its reason.
const SKIP_FILE: &str = include_str!("../scout-skip.txt");

/// A case ready to run: each EE's file name, code and root, the blocks, what must come out.
struct Loaded {
	scripts: Vec<String>,
	codes: Vec<Vec<u8>>,
	pre_roots: Vec<[u8; 32]>,
	blocks: Vec<(usize, Vec<u8>)>,
	post_roots: Vec<[u8; 32]>,
	deposits: Option<Vec<Vec<u8>>>,
}

/// Runs the cases under `args.paths`.
pub fn run(args: &Args) -> ExitCode {
	let files = match test_files(&args.paths, &["yaml", "yml"]) {
		Ok(files) => files,
		Err(error) => {
			eprintln!("ewasm scout: {error}");
			return ExitCode::from(EXIT_BAD_INPUT);
		}
	};
	let skip_list = match SkipList::parse(SKIP_FILE) {
		Ok(list) => list,
		Err(error) => {
			eprintln!("ewasm scout: cli/scout-skip.txt: {error}");
			return ExitCode::from(EXIT_BAD_INPUT);
		}
	};
	let (mut passed, mut failed, mut unreadable, mut skipped) = (0, 0, 0, 0);
	for file in &files {
		let case = match load(file) {
			Ok(case) => case,
			Err(error) => {
				println!("{}: cannot read: {error}", file.display());
				unreadable += 1;
				continue;
			}
		};
		let case_name = file.file_name().unwrap_or_default().to_string_lossy();
		let skips: Vec<Option<&str>> = case
			.scripts
			.iter()
			.map(|script| skip_list.reason(&format!("{case_name}/{script}")))
			.collect();
		for (ee, reason) in skips.iter().enumerate() {
			if let Some(reason) = reason {
				println!("{}: EE {ee} ({}) skipped: {reason}", file.display(), case.scripts[ee]);
				skipped += 1;
			}
		}
		let failures = check(&case, &skips, args.gas, &args.schedule.schedule());
		if failures.is_empty() {
			passed += 1;
		} else {
			failed += 1;
			for failure in failures {
				println!("{}: {failure}", file.display());
			}
		}
	}
	match skipped {
		0 => println!("{passed} passed, {failed} failed"),
		_ => println!("{passed} passed, {failed} failed, {skipped} skipped"),
	}
	if unreadable > 0 {
		ExitCode::from(EXIT_BAD_INPUT)
	} else if failed > 0 {
		ExitCode::from(EXIT_FAILED)
	} else {
		ExitCode::SUCCESS
	}
}

/// Reads the case in `file` and the EEs it names.
fn load(file: &Path) -> Result<Loaded, String> {
	let text = std::fs::read_to_string(file).map_err(|error| error.to_string())?;
	let case: Case = serde_yaml::from_str(&text).map_err(|error| error.to_string())?;
	let directory = file.parent().unwrap_or(Path::new("."));
	let codes = case
		.beacon_state
		.execution_scripts
		.iter()
		.map(|script| read_script(directory, script))
		.collect::<Result<Vec<_>, _>>()?;
	let roots = |state: &ShardState| -> Result<Vec<[u8; 32]>, String> {
		let roots = state
			.exec_env_states
			.iter()
			.map(|root| parse::hash(root))
			.collect::<Result<Vec<_>, _>>()?;
		match roots.len() == codes.len() {
			true => Ok(roots),
			false => Err(format!("{} roots for {} EEs", roots.len(), codes.len())),
		}
	};
	let blocks = case
		.shard_blocks
		.iter()
		.map(|block| match block.env < codes.len() {
			true => parse::bytes(&block.data).map(|data| (block.env, data)),
			false => Err(format!("a block for EE {}, of {}", block.env, codes.len())),
		})
		.collect::<Result<Vec<_>, _>>()?;
	let deposits = case
		.deposit_receipts
		.map(|deposits| deposits.iter().map(|deposit| parse::bytes(deposit)).collect())
		.transpose()?;
	Ok(Loaded {
		scripts: case.beacon_state.execution_scripts,
		pre_roots: roots(&case.shard_pre_state)?,
		post_roots: roots(&case.shard_post_state)?,
		codes,
		blocks,
		deposits,
	})
}

/// The code of the EE `script`: beside the case, or in a `wasm/` directory beside the case's
/// directory (the shared suite's layout).
fn read_script(directory: &Path, script: &str) -> Result<Vec<u8>, String> {
	let candidates = [directory.join(script), directory.join("../wasm").join(script)];
	candidates
		.iter()
		.find(|path| path.is_file())
		.ok_or_else(|| format!("EE {script} not found beside the case or in ../wasm"))
		.and_then(|path| std::fs::read(path).map_err(|error| format!("{script}: {error}")))
}

/// Runs the case's blocks in order, but those of the EEs `skips` gives a reason for; what
/// differs from what it expects.
fn check(case: &Loaded, skips: &[Option<&str>], gas: u64, schedule: &Schedule) -> Vec<String> {
	let mut roots = case.pre_roots.clone();
	let mut deposits: Vec<Deposit> = Vec::new();
	let mut failures = Vec::new();
	for (index, (ee, data)) in case.blocks.iter().enumerate() {
		if skips[*ee].is_some() {
			continue;
		}
		let no_value = NoValue::boxed();
		match execute_block(
			&case.codes[*ee],
			roots[*ee],
			data,
			gas,
			schedule,
			no_value,
			&block_budget(),
		) {
			Ok(outcome) => {
				roots[*ee] = outcome.post_root;
				deposits.extend(outcome.deposits);
			}
			Err(error) => failures.push(format!("block {index} (EE {ee}) failed: {error:?}")),
		}
	}
	for (ee, (root, expected)) in roots.iter().zip(&case.post_roots).enumerate() {
		if root != expected && skips[ee].is_none() {
			failures.push(format!(
				"EE {ee}: root {}, expected {}",
				hex::encode(root),
				hex::encode(expected)
			));
		}
	}
	if let Some(expected) = &case.deposits {
		let made: Vec<&[u8]> = deposits.iter().map(|deposit| &deposit.0[..]).collect();
		let expected: Vec<&[u8]> = expected.iter().map(Vec::as_slice).collect();
		if made != expected {
			failures.push(format!(
				"the deposits made differ from those listed ({} made, {} listed)",
				made.len(),
				expected.len()
			));
		}
	}
	failures
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn the_built_in_skip_list_is_valid() {
		let list = SkipList::parse(SKIP_FILE).unwrap();
		assert!(list.reason("keccak256_64.yaml/keccak256_ref.wasm").is_some());
		assert!(
			list.reason("keccak256_0.yaml/keccak256_ref.wasm").is_none(),
			"it hashes nothing right"
		);
	}
}
