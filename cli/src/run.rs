//! `ewasm run`: runs one contract in a fresh sandbox and prints what it did as JSON.
//!
//! Without `--deploy` the code is installed as the contract at [`CONTRACT`] (as genesis
//! does: unvalidated, so invalid code fails when called) and called by [`SENDER`]; with
//! `--deploy` it runs as init code sent by [`SENDER`], which deploys the code it returns at
//! Ethereum's CREATE address of the sender and nonce 0. The sender holds [`SENDER_BALANCE`];
//! the block is number 1 at timestamp 0, with coinbase and difficulty zero, gas price 1 and
//! the run's gas limit as its gas limit. No fee is charged.

use crate::{
	code,
	logs::Log,
	parse::{self, format_bytes},
	runtime::{BlockFacts, ScheduleChoice},
	sandbox::{self, Account, Action, BlockSetup, Request, Sandbox},
	vm::{self, VmChoice},
	EXIT_BAD_INPUT, EXIT_FAILED,
};
use ewasm_primitives::Address;
use serde::Serialize;
use std::{collections::BTreeMap, path::PathBuf, process::ExitCode};

/// Who sends the call or creation.
pub const SENDER: Address =
	Address([0xa1, 0x1c, 0xe0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
/// Where the called contract lives.
pub const CONTRACT: Address =
	Address([0xc0, 0xde, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
/// What the sender holds: a million tokens of 18 decimals.
pub const SENDER_BALANCE: u128 = 1_000_000 * 10u128.pow(18);

/// Arguments of `ewasm run`.
#[derive(Debug, clap::Args)]
pub struct Args {
	/// The contract: a wasm binary or WAT text.
	#[arg(long)]
	code: PathBuf,
	/// Run the code as init code and deploy the contract it returns.
	#[arg(long)]
	deploy: bool,
	/// Call data (of the contract, or of the init code), in hex.
	#[arg(long, value_parser = call_data, default_value = "")]
	input: CallData,
	/// Value sent, in the smallest unit (decimal, or hex with 0x).
	#[arg(long, value_parser = parse::u128_number, default_value = "0")]
	value: u128,
	/// Gas for the execution (the default is 1.25 s of the chain's weight).
	#[arg(long, value_parser = parse::u64_number, default_value = "5000000000")]
	gas: u64,
	/// The gas schedule: `chain` meters every instruction as the chain does.
	#[arg(long, value_enum, default_value_t = ScheduleChoice::Chain)]
	schedule: ScheduleChoice,
	/// Run the code on this VM version (its imports renamed into the version's namespace);
	/// without it, on the version it imports from.
	#[arg(long, value_enum)]
	vm: Option<VmChoice>,
}

/// Call data from the command line.
#[derive(Clone, Debug)]
struct CallData(Vec<u8>);

fn call_data(text: &str) -> Result<CallData, String> {
	parse::bytes(text).map(CallData)
}

/// What `ewasm run` prints.
#[derive(Debug, Serialize)]
struct Report {
	/// `success`, `revert`, `trap`, `out_of_gas`, or the pallet error's name.
	status: String,
	/// Return or revert data.
	return_data: String,
	/// Gas the execution used.
	gas_used: u64,
	/// The refund counter (storage cleared, contracts destroyed), not applied.
	gas_refund: u64,
	/// Every log, in order.
	logs: Vec<LogReport>,
	/// The contract's storage afterwards (its writes: it starts empty), 32-byte hex words.
	storage: BTreeMap<String, String>,
	/// The deployed contract's address (with `--deploy`).
	#[serde(skip_serializing_if = "Option::is_none")]
	address: Option<String>,
}

#[derive(Debug, Serialize)]
struct LogReport {
	address: String,
	topics: Vec<String>,
	data: String,
}

impl From<Log> for LogReport {
	fn from(log: Log) -> Self {
		LogReport {
			address: log.address.to_string(),
			topics: log.topics.iter().map(|topic| format_bytes(topic)).collect(),
			data: format_bytes(&log.data),
		}
	}
}

/// Runs the command: the report on standard output, or an error on standard error.
pub fn run(args: &Args) -> ExitCode {
	let report = match execute(args) {
		Ok(report) => report,
		Err(error) => {
			eprintln!("error: {error}");
			return ExitCode::from(EXIT_BAD_INPUT);
		}
	};
	match serde_json::to_string_pretty(&report) {
		Ok(json) => println!("{json}"),
		Err(error) => {
			eprintln!("error: cannot print the report: {error}");
			return ExitCode::from(EXIT_BAD_INPUT);
		}
	}
	if report.status == "success" {
		ExitCode::SUCCESS
	} else {
		ExitCode::from(EXIT_FAILED)
	}
}

fn execute(args: &Args) -> Result<Report, String> {
	let code = code::from_file(&args.code)?;
	let code = match args.vm {
		Some(vm) => vm::on_version(&code, vm.interface()),
		None => code,
	};
	let sender = Account { balance: SENDER_BALANCE, ..Default::default() };
	let mut accounts = BTreeMap::from([(SENDER, sender)]);
	let action = if args.deploy {
		Action::Deploy { init_code: code, nonce: 0 }
	} else {
		accounts.insert(CONTRACT, Account { code, ..Default::default() });
		Action::Call { dest: CONTRACT }
	};
	let block = BlockSetup {
		number: 1,
		facts: BlockFacts { gas_price: 1, gas_limit: args.gas, ..Default::default() },
	};
	let mut sandbox = Sandbox::new(&accounts, &block, args.schedule.schedule())?;
	Ok(sandbox.execute_with(|| {
		let outcome = sandbox::transact(Request {
			sender: SENDER,
			action,
			input: args.input.0.clone(),
			value: args.value,
			gas_limit: args.gas,
		});
		let storage = sandbox::account_state(&outcome.contract).storage;
		Report {
			status: outcome.status,
			return_data: format_bytes(&outcome.output),
			gas_used: outcome.gas_used,
			gas_refund: outcome.gas_refund,
			logs: sandbox::logs().into_iter().map(LogReport::from).collect(),
			storage: storage
				.iter()
				.map(|(key, value)| (format_bytes(key), format_bytes(value)))
				.collect(),
			address: args.deploy.then(|| outcome.contract.to_string()),
		}
	}))
}
