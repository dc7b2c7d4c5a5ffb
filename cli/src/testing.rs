//! Off-chain tests for contract authors: build a contract crate ([`build_contract`]), run it
//! on the real pallet in the tool's in-memory runtime ([`Chain`]: several funded accounts,
//! blocks, balances, storage, logs), and speak Solidity's ABI to it ([`call_data`],
//! [`Outcome::value`]). Execution environments too: [`build_ee`], [`Chain::register_ee`],
//! [`Chain::execute_block`].
//!
//! ```no_run
//! use ewasm_cli::testing::{build_contract, call_data, Chain, ALICE, BOB};
//! use ewasm_sdk::{abi::AbiType, U256};
//!
//! let contract = build_contract(env!("CARGO_MANIFEST_DIR"));
//! let mut chain = Chain::new();
//! let token = chain.deploy(ALICE, &contract.init_code, 0, &[]).expect("deploys");
//! let outcome = chain.call(ALICE, token.address, 0, &call_data("balanceOf(address)", &[BOB.encode()]));
//! assert_eq!(outcome.value::<U256>(), Some(U256::ZERO));
//! ```
//!
//! The runtime is the `ewasm` tool's: the chain's gas schedule, the `debug` namespace
//! allowed, no rent, every 20-byte address an account.

use crate::{
	contract::build::{build, build_ee as build_ee_crate, BuildOptions, Built, BuiltEe},
	logs::Log,
	runtime::{account_of, Balances, BlockFacts, Runtime, ScheduleChoice, System},
	sandbox::{self, Account, Action, BlockSetup, Request, Sandbox},
};
use ewasm_primitives::Address;
use ewasm_sdk::{abi::AbiType, keccak::selector, Word};
use pallet_ewasm::ee;
use std::{
	collections::{BTreeMap, HashMap},
	path::PathBuf,
	sync::{Mutex, OnceLock},
};

/// A funded user of every new [`Chain`].
pub const ALICE: ewasm_sdk::Address = ewasm_sdk::Address([0xa1; 20]);
/// A funded user of every new [`Chain`].
pub const BOB: ewasm_sdk::Address = ewasm_sdk::Address([0xb0; 20]);
/// A funded user of every new [`Chain`].
pub const CHARLIE: ewasm_sdk::Address = ewasm_sdk::Address([0xc4; 20]);

/// What each user holds at the start: a million units of 10¹⁸.
pub const INITIAL_BALANCE: u128 = 1_000_000 * 10u128.pow(18);

/// Gas each call and deployment gets: more than any block gives one extrinsic.
pub const GAS_LIMIT: u64 = 10_000_000_000;

/// Seconds between blocks.
pub const BLOCK_SECONDS: u64 = 6;

/// What `build` makes of the crate at `manifest_dir`, built once per test process (later calls
/// return the same) and kept in `cache`. Panics with the build's error.
fn built_once<B: Clone>(
	cache: &OnceLock<Mutex<HashMap<PathBuf, B>>>,
	manifest_dir: &str,
	build: fn(&std::path::Path, &BuildOptions) -> Result<B, String>,
) -> B {
	let mut built = cache.get_or_init(Default::default).lock().unwrap_or_else(|e| e.into_inner());
	built
		.entry(PathBuf::from(manifest_dir))
		.or_insert_with(|| {
			build(manifest_dir.as_ref(), &BuildOptions::default())
				.unwrap_or_else(|error| panic!("ewasm build {manifest_dir}: {error}"))
		})
		.clone()
}

/// Builds the contract crate at `manifest_dir` as `ewasm build` does, once per test process
/// (later calls return the same modules). Panics with the build's error.
pub fn build_contract(manifest_dir: &str) -> Built {
	static BUILT: OnceLock<Mutex<HashMap<PathBuf, Built>>> = OnceLock::new();
	built_once(&BUILT, manifest_dir, build)
}

/// Builds the execution environment crate at `manifest_dir` as `ewasm build --ee` does, once
/// per test process. Panics with the build's error.
pub fn build_ee(manifest_dir: &str) -> BuiltEe {
	static BUILT: OnceLock<Mutex<HashMap<PathBuf, BuiltEe>>> = OnceLock::new();
	built_once(&BUILT, manifest_dir, build_ee_crate)
}

/// What a block of an execution environment did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BlockOutcome {
	/// `success`, or the name of the pallet's error (`EeTrapped`, `OutOfGas`, ...).
	pub status: String,
	/// The EE's root after it (unchanged if it failed).
	pub root: Word,
	/// Gas used.
	pub gas_used: u64,
}

impl BlockOutcome {
	/// Whether it succeeded.
	pub fn succeeded(&self) -> bool {
		self.status == "success"
	}
}

/// Call data of the function `signature` (e.g. `"transfer(address,uint256)"`) with static
/// arguments, each one ABI word (`value.encode()`).
pub fn call_data(signature: &str, args: &[Word]) -> Vec<u8> {
	let mut data = selector(signature).to_vec();
	for arg in args {
		data.extend(arg);
	}
	data
}

/// What a call or deployment did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Outcome {
	/// `success`, `revert`, `trap`, `out_of_gas`, or the name of the pallet's error.
	pub status: String,
	/// The return data (the revert data of a revert).
	pub output: Vec<u8>,
	/// Gas used.
	pub gas_used: u64,
	/// The logs it emitted, in order.
	pub logs: Vec<Log>,
	/// The contract called, or the one deployed.
	pub address: ewasm_sdk::Address,
}

impl Outcome {
	/// Whether it succeeded.
	pub fn succeeded(&self) -> bool {
		self.status == "success"
	}

	/// The first word of the return data as `T`, `None` if there is none or it is not a `T`.
	pub fn value<T: AbiType>(&self) -> Option<T> {
		T::decode(self.output.get(..32)?.try_into().ok()?)
	}

	/// The message of a revert with Solidity's `Error(string)`, if it is one.
	pub fn revert_message(&self) -> Option<String> {
		let data = self.output.strip_prefix(&selector("Error(string)")[..])?;
		let len = u64::decode(data.get(32..64)?.try_into().ok()?)? as usize;
		String::from_utf8(data.get(64..64 + len)?.to_vec()).ok()
	}
}

/// A chain in memory with [`ALICE`], [`BOB`] and [`CHARLIE`] funded, at block 1.
pub struct Chain {
	sandbox: Sandbox,
	block: BlockSetup,
}

fn address(address: ewasm_sdk::Address) -> Address {
	Address(address.0)
}

impl Default for Chain {
	fn default() -> Self {
		Self::new()
	}
}

impl Chain {
	/// A new chain.
	pub fn new() -> Chain {
		let accounts: BTreeMap<Address, Account> = [ALICE, BOB, CHARLIE]
			.into_iter()
			.map(|user| (address(user), Account { balance: INITIAL_BALANCE, ..Default::default() }))
			.collect();
		let block = BlockSetup {
			number: 1,
			facts: BlockFacts {
				timestamp: BLOCK_SECONDS,
				gas_limit: GAS_LIMIT,
				..Default::default()
			},
		};
		let sandbox = Sandbox::new(&accounts, &block, ScheduleChoice::Chain.schedule())
			.expect("the test accounts make a valid genesis; qed");
		Chain { sandbox, block }
	}

	/// Runs `request`, collecting its logs.
	fn transact(&mut self, request: Request) -> Outcome {
		self.sandbox.execute_with(|| {
			System::reset_events();
			let outcome = sandbox::transact(request);
			Outcome {
				status: outcome.status,
				output: outcome.output,
				gas_used: outcome.gas_used,
				logs: sandbox::logs(),
				address: ewasm_sdk::Address(outcome.contract.0),
			}
		})
	}

	/// Deploys `init_code` (with `input` as its call data and `value` sent) as `from`, at
	/// Ethereum's CREATE address of `from` and its nonce: the outcome, `Err` with it if the
	/// deployment failed.
	pub fn deploy(
		&mut self,
		from: ewasm_sdk::Address,
		init_code: &[u8],
		value: u128,
		input: &[u8],
	) -> Result<Outcome, Outcome> {
		let nonce = self.sandbox.execute_with(|| System::account_nonce(account_of(&address(from))));
		let outcome = self.transact(Request {
			sender: address(from),
			action: Action::Deploy { init_code: init_code.to_vec(), nonce },
			input: input.to_vec(),
			value,
			gas_limit: GAS_LIMIT,
		});
		self.sandbox.execute_with(|| System::inc_account_nonce(account_of(&address(from))));
		if outcome.succeeded() {
			Ok(outcome)
		} else {
			Err(outcome)
		}
	}

	/// Calls `to` as `from` with `value` and `input`.
	pub fn call(
		&mut self,
		from: ewasm_sdk::Address,
		to: ewasm_sdk::Address,
		value: u128,
		input: &[u8],
	) -> Outcome {
		self.transact(Request {
			sender: address(from),
			action: Action::Call { dest: address(to) },
			input: input.to_vec(),
			value,
			gas_limit: GAS_LIMIT,
		})
	}

	/// The balance of `of`.
	pub fn balance(&mut self, of: ewasm_sdk::Address) -> u128 {
		self.sandbox.execute_with(|| sandbox::account_state(&address(of)).balance)
	}

	/// The value under `key` in `contract`'s storage (zero if unset).
	pub fn storage(&mut self, contract: ewasm_sdk::Address, key: &Word) -> Word {
		self.sandbox.execute_with(|| {
			sandbox::account_state(&address(contract)).storage.get(key).copied().unwrap_or_default()
		})
	}

	/// The code of the contract at `at` (empty if none).
	pub fn code(&mut self, at: ewasm_sdk::Address) -> Vec<u8> {
		self.sandbox.execute_with(|| sandbox::account_state(&address(at)).code)
	}

	/// Registers `code` as an execution environment for `from` with `root` and `value` (what
	/// `register_ee` does; the tool's runtime holds no deposit): its id, or the pallet's error.
	pub fn register_ee(
		&mut self,
		from: ewasm_sdk::Address,
		code: &[u8],
		root: Word,
		value: u128,
	) -> Result<u32, String> {
		let registrar = account_of(&address(from));
		self.sandbox.execute_with(|| {
			let registered = ee::chain::register::<Runtime>(&registrar, code.to_vec(), root, value);
			registered.map_err(|error| sandbox::status::<()>(&Err(error)))
		})
	}

	/// Runs a block of EE `ee` sent by `from` with `value` (what `execute_block` does).
	pub fn execute_block(
		&mut self,
		from: ewasm_sdk::Address,
		ee: u32,
		data: &[u8],
		value: u128,
	) -> BlockOutcome {
		let sender = account_of(&address(from));
		self.sandbox.execute_with(|| {
			let block = ee::chain::BlockRequest {
				ee,
				sender: &sender,
				caller: address(from),
				value,
				data,
				expected_pre_root: None,
				gas_limit: GAS_LIMIT,
			};
			let run = ee::chain::execute::<Runtime>(&block, ee::chain::Frame::block());
			let root = pallet_ewasm::Ees::<Runtime>::get(ee).map(|info| info.root);
			BlockOutcome {
				status: sandbox::status(&run.result),
				root: root.unwrap_or_default(),
				gas_used: run.gas_used,
			}
		})
	}

	/// The root of EE `ee` (zero if there is none).
	pub fn ee_root(&mut self, ee: u32) -> Word {
		self.sandbox.execute_with(|| {
			pallet_ewasm::Ees::<Runtime>::get(ee).map(|info| info.root).unwrap_or_default()
		})
	}

	/// The address of EE `ee`, where its balance is kept ([`Chain::balance`]).
	pub fn ee_address(ee: u32) -> ewasm_sdk::Address {
		ewasm_sdk::Address(ee::chain::ee_address(ee).0)
	}

	/// All the value there is.
	pub fn total_issuance(&mut self) -> u128 {
		self.sandbox.execute_with(Balances::total_issuance)
	}

	/// The current block's number.
	pub fn block_number(&self) -> u64 {
		self.block.number
	}

	/// Moves `blocks` blocks on ([`BLOCK_SECONDS`] each).
	pub fn advance_blocks(&mut self, blocks: u64) {
		self.block.number += blocks;
		self.block.facts.timestamp += blocks * BLOCK_SECONDS;
		let block = self.block.clone();
		self.sandbox.set_block(&block);
	}
}
