//! `ewasm statetest`: runs Ethereum state tests of Ewasm contracts (the stEWASMTests suite)
//! in the tool's runtime and compares the result with each test's expectation.
//!
//! Each test gets a fresh chain built from its `pre` accounts; its one transaction runs as
//! [`execute`] describes, then [`check`] compares. A test fails its *strict* checks when
//! behaviour differs, its *balance* checks when a balance does (which depends on the gas
//! schedule: `hera` reproduces the suite's). Tests on the [`skip`] list are not run.

mod check;
mod execute;
pub mod files;
mod load;
mod model;
mod report;
pub mod skip;

use crate::{
	runtime::ScheduleChoice,
	vm::{self, VmChoice},
	EXIT_BAD_INPUT, EXIT_FAILED,
};
use ewasm_primitives::Interface;
use report::Tally;
use skip::SkipList;
use std::{path::PathBuf, process::ExitCode};

/// Arguments of `ewasm statetest`.
#[derive(Debug, clap::Args)]
pub struct Args {
	/// State-test files (.json merged tests, .yml/.yaml fillers) or directories holding them.
	#[arg(required = true)]
	paths: Vec<PathBuf>,
	/// The gas schedule: `hera` is the suite's model (no charge per instruction).
	#[arg(long, value_enum, default_value_t = ScheduleChoice::Hera)]
	schedule: ScheduleChoice,
	/// Exit with 1 when a balance check fails, not only when a strict one does.
	#[arg(long)]
	require_balance: bool,
	/// Run every contract of the tests on this VM version (their imports renamed into its
	/// namespace: the accounts' code, the init code a transaction deploys, and the expected
	/// code of accounts that keep theirs); without it, each on the version it imports from.
	#[arg(long, value_enum)]
	vm: Option<VmChoice>,
}

/// Runs the command; prints its report on standard output.
pub fn run(args: &Args) -> ExitCode {
	let skip_list = match SkipList::built_in() {
		Ok(list) => list,
		Err(error) => {
			eprintln!("error: {error}");
			return ExitCode::from(EXIT_BAD_INPUT);
		}
	};
	let files = match files::test_files(&args.paths, files::STATE_TEST_EXTENSIONS) {
		Ok(files) => files,
		Err(error) => {
			eprintln!("error: {error}");
			return ExitCode::from(EXIT_BAD_INPUT);
		}
	};
	let schedule = args.schedule.schedule();
	let mut tally = Tally::default();
	let mut unreadable_files = 0;
	for file in files {
		let tests = match load::load_file(&file) {
			Ok(tests) => tests,
			Err(error) => {
				println!("ERROR {}: {error}", file.display());
				unreadable_files += 1;
				continue;
			}
		};
		for loaded in tests {
			let name = &loaded.name;
			if let Some(reason) = skip_list.reason(name) {
				println!("{}", report::skip_line(name, reason));
				tally.record_skip();
				continue;
			}
			let loaded_test = match args.vm {
				Some(vm) => loaded.test.map(|test| on_version(test, vm.interface())),
				None => loaded.test,
			};
			match loaded_test.and_then(|test| {
				let execution = execute::execute(&test, schedule)?;
				Ok((check::check(&test.expect, &execution.post), execution.status))
			}) {
				Ok((failures, status)) => {
					for failure in &failures {
						println!("{}", report::failure_line(name, failure, &status));
					}
					tally.record(&failures);
				}
				Err(error) => {
					println!("{}", report::error_line(name, &error));
					tally.record_error();
				}
			}
		}
	}
	for line in tally.summary() {
		println!("{line}");
	}
	if unreadable_files > 0 {
		ExitCode::from(EXIT_BAD_INPUT)
	} else if tally.strict.failed > 0 || (args.require_balance && tally.balance.failed > 0) {
		ExitCode::from(EXIT_FAILED)
	} else {
		ExitCode::SUCCESS
	}
}

/// `test` with its contracts on `version` ([`vm::on_version`]): the code of its accounts, the
/// init code its transaction deploys, and the expected code of an account whose code the test
/// expects unchanged (a created contract's code, which its init code holds as data, stays as
/// it is).
fn on_version(mut test: model::StateTest, version: Interface) -> model::StateTest {
	for (address, expected) in &mut test.expect.accounts {
		let model::ExpectedAccount::Present(model::ExpectedFields { code: Some(code), .. }) =
			expected
		else {
			continue;
		};
		if test.pre.get(address).is_some_and(|account| account.code == *code) {
			*code = vm::on_version(code, version);
		}
	}
	for account in test.pre.values_mut() {
		account.code = vm::on_version(&account.code, version);
	}
	if test.transaction.to.is_none() {
		test.transaction.data = vm::on_version(&test.transaction.data, version);
	}
	test
}
