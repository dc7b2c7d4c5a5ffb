//! A fresh in-memory chain for one execution: genesis made from a list of accounts, the block
//! contracts see, one call or creation through the pallet's public entry points, and reading
//! the state back afterwards.
//!
//! Block `n`'s hash is `keccak256` of `n` written in decimal, for the 256 blocks before the
//! current one, as in Ethereum's state tests (their `getBlockHash` expectations depend on it).

use crate::{
	logs::Log,
	runtime::{
		account_of, ActiveBlock, ActiveSchedule, BlockFacts, Ewasm, Runtime, RuntimeEvent, System,
		MAX_CODE_LEN,
	},
};
use ewasm_primitives::{value::Word, Address};
use pallet_ewasm::{
	address::create_address, environment::BLOCK_HASH_WINDOW, gas::Schedule, AddressScheme,
	CallRequest, ContractInfoOf, ContractStorage, DeployRequest, GenesisContract, PristineCode,
};
use polkadot_sdk::{
	frame_system, pallet_balances,
	sp_core::{H160, H256},
	sp_io::{hashing::keccak_256, TestExternalities},
	sp_runtime::{BuildStorage, DispatchError, ModuleError},
};
use std::collections::BTreeMap;

/// An account of the genesis state.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Account {
	/// Its balance.
	pub balance: u128,
	/// Its nonce: the next `create` nonce of a contract, the transaction count of a user.
	pub nonce: u64,
	/// Its code; an account with code is a contract.
	pub code: Vec<u8>,
	/// Its storage (contracts only).
	pub storage: Vec<(Word, Word)>,
}

/// The block the execution happens in.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct BlockSetup {
	/// Its number.
	pub number: u64,
	/// Everything else contracts see of it.
	pub facts: BlockFacts,
}

/// The externalities of one execution.
pub struct Sandbox(TestExternalities);

impl Sandbox {
	/// A chain whose genesis holds `accounts` (with the `debug` namespace enabled), at the
	/// block `block`, metering gas with `schedule`.
	pub fn new(
		accounts: &BTreeMap<Address, Account>,
		block: &BlockSetup,
		schedule: Schedule,
	) -> Result<Self, String> {
		let mut contracts = Vec::new();
		let mut balances = Vec::new();
		for (address, account) in accounts {
			if let Some(contract) = genesis_contract(address, account)? {
				contracts.push(contract);
			}
			if account.balance > 0 {
				balances.push((account_of(address), account.balance));
			}
		}
		if balances
			.iter()
			.try_fold(0u128, |total, (_, balance)| total.checked_add(*balance))
			.is_none()
		{
			return Err("the balances add up to more than 2^128, the total issuance".into());
		}
		let mut storage = frame_system::GenesisConfig::<Runtime>::default()
			.build_storage()
			.map_err(|error| format!("genesis of System: {error}"))?;
		pallet_balances::GenesisConfig::<Runtime> { balances, ..Default::default() }
			.assimilate_storage(&mut storage)
			.map_err(|error| format!("genesis of Balances: {error}"))?;
		pallet_ewasm::GenesisConfig::<Runtime> {
			debug_enabled: true,
			contracts,
			..Default::default()
		}
		.assimilate_storage(&mut storage)
		.map_err(|error| format!("genesis of Ewasm: {error}"))?;

		let mut externalities = TestExternalities::new(storage);
		externalities.execute_with(|| {
			enter_block(block);
			ActiveSchedule::set(&schedule);
			for (address, account) in accounts {
				if account.code.is_empty() && account.nonce > 0 {
					frame_system::Account::<Runtime>::mutate(account_of(address), |info| {
						info.nonce = account.nonce
					});
				}
			}
		});
		Ok(Sandbox(externalities))
	}

	/// Runs `f` on this chain's state.
	pub fn execute_with<R>(&mut self, f: impl FnOnce() -> R) -> R {
		self.0.execute_with(f)
	}

	/// Makes `block` the current block (with the hashes of the 256 before it).
	pub fn set_block(&mut self, block: &BlockSetup) {
		self.0.execute_with(|| enter_block(block))
	}
}

/// The pallet's genesis entry for `account` if it has code; an error if its code is too
/// large for the pallet, it has storage but no code, or it has code at a system contract's
/// address (which the pallet answers itself).
fn genesis_contract(
	address: &Address,
	account: &Account,
) -> Result<Option<GenesisContract>, String> {
	if !account.code.is_empty() && ewasm_primitives::system::is_system_contract(address) {
		return Err(format!("{address} is a system contract's address: it cannot hold code"));
	}
	if account.code.is_empty() {
		if !account.storage.is_empty() {
			return Err(format!("{address} has storage but no code: only contracts have storage"));
		}
		return Ok(None);
	}
	if account.code.len() > MAX_CODE_LEN as usize {
		return Err(format!(
			"the code of {address} is {} bytes, over the limit of {MAX_CODE_LEN}",
			account.code.len()
		));
	}
	Ok(Some(GenesisContract {
		address: H160(address.0),
		code: account.code.clone(),
		storage: account.storage.iter().map(|(key, value)| (H256(*key), H256(*value))).collect(),
		nonce: account.nonce,
	}))
}

/// Makes `block` the current block, with the hashes of the blocks before it.
fn enter_block(block: &BlockSetup) {
	System::set_block_number(block.number);
	for number in block.number.saturating_sub(BLOCK_HASH_WINDOW)..block.number {
		let hash = keccak_256(number.to_string().as_bytes());
		frame_system::BlockHash::<Runtime>::insert(number, H256(hash));
	}
	ActiveBlock::set(&block.facts);
}

/// What a transaction does.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Action {
	/// Calls the contract at `dest`.
	Call {
		/// The contract.
		dest: Address,
	},
	/// Runs `init_code` and deploys the contract it returns at Ethereum's CREATE address of
	/// the sender and `nonce`.
	Deploy {
		/// The init code.
		init_code: Vec<u8>,
		/// The sender's nonce.
		nonce: u64,
	},
}

/// A call or creation by a user.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Request {
	/// Who sends it.
	pub sender: Address,
	/// What it does.
	pub action: Action,
	/// Call data (of the contract, or of the init code).
	pub input: Vec<u8>,
	/// Value sent.
	pub value: u128,
	/// Gas for the execution.
	pub gas_limit: u64,
}

/// What a [`Request`] did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Outcome {
	/// How it ended (see [`status`]).
	pub status: String,
	/// Return or revert data.
	pub output: Vec<u8>,
	/// Gas the execution used.
	pub gas_used: u64,
	/// The execution's refund counter (not applied).
	pub gas_refund: u64,
	/// The contract called, or the address of the one created (whether or not it was).
	pub contract: Address,
}

/// Runs `request` through `bare_call` or `bare_deploy` (inside [`Sandbox::execute_with`]).
pub fn transact(request: Request) -> Outcome {
	let sender = account_of(&request.sender);
	match request.action {
		Action::Call { dest } => {
			let outcome = Ewasm::bare_call(CallRequest {
				caller: &sender,
				dest,
				value: request.value,
				gas_limit: request.gas_limit,
				input: request.input,
			});
			Outcome {
				status: status(&outcome.result),
				output: outcome.output,
				gas_used: outcome.gas_used,
				gas_refund: outcome.gas_refund,
				contract: dest,
			}
		}
		Action::Deploy { init_code, nonce } => {
			let outcome = Ewasm::bare_deploy(DeployRequest {
				deployer: &sender,
				value: request.value,
				gas_limit: request.gas_limit,
				init_code,
				input: request.input,
				scheme: AddressScheme::Create { nonce },
			});
			Outcome {
				status: status(&outcome.result),
				output: outcome.output,
				gas_used: outcome.gas_used,
				gas_refund: outcome.gas_refund,
				contract: create_address(&request.sender, nonce),
			}
		}
	}
}

/// An address as the tool reads it back after an execution.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AccountState {
	/// Whether it exists: it has a contract, or its account a balance or a nonce.
	pub exists: bool,
	/// Its balance.
	pub balance: u128,
	/// A contract's `create` nonce, or a user's transaction count.
	pub nonce: u64,
	/// Its contract's code (empty without a contract).
	pub code: Vec<u8>,
	/// Its contract's storage (non-zero values only).
	pub storage: BTreeMap<Word, Word>,
}

/// The state of `address` (inside [`Sandbox::execute_with`]).
pub fn account_state(address: &Address) -> AccountState {
	let account = account_of(address);
	let contract = ContractInfoOf::<Runtime>::get(address);
	let code = contract
		.as_ref()
		.and_then(|info| PristineCode::<Runtime>::get(info.code_hash))
		.map(|code| code.into_inner())
		.unwrap_or_default();
	AccountState {
		exists: contract.is_some() || System::account_exists(&account),
		balance: pallet_balances::Pallet::<Runtime>::free_balance(&account),
		nonce: contract.as_ref().map_or_else(|| System::account_nonce(&account), |info| info.nonce),
		code,
		storage: ContractStorage::<Runtime>::iter_prefix(address).collect(),
	}
}

/// Every `log` of the execution, in order (inside [`Sandbox::execute_with`]).
pub fn logs() -> Vec<Log> {
	System::events()
		.into_iter()
		.filter_map(|record| match record.event {
			RuntimeEvent::Ewasm(pallet_ewasm::Event::ContractEmitted {
				contract,
				topics,
				data,
			}) => Some(Log {
				address: contract,
				topics: topics.into_iter().map(|t| t.0).collect(),
				data,
			}),
			_ => None,
		})
		.collect()
}

/// How an execution ended, in one word: `success`, `revert`, `trap`, `out_of_gas`, or the
/// name of the pallet error (`CodeInvalid`, `TransferFailed`, ...).
pub fn status<R>(result: &Result<R, DispatchError>) -> String {
	let Err(error) = result else {
		return "success".into();
	};
	let is = |pallet_error: pallet_ewasm::Error<Runtime>| *error == pallet_error.into();
	if is(pallet_ewasm::Error::ContractReverted) {
		"revert".into()
	} else if is(pallet_ewasm::Error::ContractTrapped) {
		"trap".into()
	} else if is(pallet_ewasm::Error::OutOfGas) {
		"out_of_gas".into()
	} else if let DispatchError::Module(ModuleError { message: Some(name), .. }) = error {
		(*name).into()
	} else {
		format!("{error:?}")
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	const CONTRACT: Address = Address([0xc0; 20]);
	const USER: Address = Address([0xa9; 20]);

	/// Stores the block number (a big-endian word) at key 0.
	const BLOCK_NUMBER_STORE: &str = r#"(module
		(import "ethereum" "getBlockNumber" (func $number (result i64)))
		(import "ethereum" "storageStore" (func $store (param i32 i32)))
		(memory 1) (export "memory" (memory 0))
		(func (export "main")
			(i64.store (i32.const 63) (call $number))
			(call $store (i32.const 0) (i32.const 32))))"#;

	fn sandbox(accounts: &BTreeMap<Address, Account>, number: u64) -> Result<Sandbox, String> {
		let block = BlockSetup { number, facts: BlockFacts::default() };
		Sandbox::new(accounts, &block, Schedule::hera())
	}

	fn accounts() -> BTreeMap<Address, Account> {
		let code = wat::parse_str(BLOCK_NUMBER_STORE).unwrap();
		BTreeMap::from([
			(USER, Account { balance: 1_000_000, nonce: 3, ..Default::default() }),
			(CONTRACT, Account { balance: 5, code, ..Default::default() }),
		])
	}

	#[test]
	fn genesis_holds_accounts_contracts_and_block_hashes() {
		sandbox(&accounts(), 300).unwrap().execute_with(|| {
			let user = account_state(&USER);
			assert!(user.exists);
			assert_eq!((user.balance, user.nonce, user.code.len()), (1_000_000, 3, 0));
			let contract = account_state(&CONTRACT);
			assert_eq!((contract.exists, contract.balance), (true, 5));
			assert_eq!(contract.code, wat::parse_str(BLOCK_NUMBER_STORE).unwrap());
			assert!(!account_state(&Address([1; 20])).exists);
			let hash_of_299 = frame_system::BlockHash::<Runtime>::get(299);
			assert_eq!(hash_of_299, H256(keccak_256(b"299")));
			assert_eq!(frame_system::BlockHash::<Runtime>::get(44), H256(keccak_256(b"44")));
			assert_eq!(frame_system::BlockHash::<Runtime>::get(43), H256::zero(), "out of window");
		});
	}

	/// `getBlockHash` of stEWASMTests expects this hash for block 0.
	#[test]
	fn block_hashes_follow_the_state_tests() {
		sandbox(&accounts(), 1).unwrap().execute_with(|| {
			let expected = "044852b2a670ade5407e78fb2863c51de9fcb96542a07186fe3aeda6bb8a116d";
			let hash = frame_system::BlockHash::<Runtime>::get(0);
			assert_eq!(hash.0, crate::parse::hash(expected).unwrap());
		});
	}

	#[test]
	fn a_call_runs_in_the_block() {
		sandbox(&accounts(), 7).unwrap().execute_with(|| {
			let outcome = transact(Request {
				sender: USER,
				action: Action::Call { dest: CONTRACT },
				input: Vec::new(),
				value: 0,
				gas_limit: 100_000,
			});
			assert_eq!((outcome.status.as_str(), outcome.contract), ("success", CONTRACT));
			assert!(outcome.gas_used > 20_000, "a new storage slot costs 20 000");
			let mut seven = [0u8; 32];
			seven[31] = 7;
			assert_eq!(account_state(&CONTRACT).storage, BTreeMap::from([([0u8; 32], seven)]));
			assert!(logs().is_empty());
		});
	}

	#[test]
	fn statuses_name_the_outcome() {
		let result = |error: pallet_ewasm::Error<Runtime>| Err::<(), _>(DispatchError::from(error));
		assert_eq!(status(&Ok::<(), DispatchError>(())), "success");
		assert_eq!(status(&result(pallet_ewasm::Error::ContractReverted)), "revert");
		assert_eq!(status(&result(pallet_ewasm::Error::ContractTrapped)), "trap");
		assert_eq!(status(&result(pallet_ewasm::Error::OutOfGas)), "out_of_gas");
		assert_eq!(status(&result(pallet_ewasm::Error::CodeInvalid)), "CodeInvalid");
	}

	#[test]
	fn unrepresentable_accounts_are_refused() {
		let oversized = Account { code: vec![0; MAX_CODE_LEN as usize + 1], ..Default::default() };
		let error = sandbox(&BTreeMap::from([(CONTRACT, oversized)]), 1).err().unwrap();
		assert!(error.contains("over the limit of 131072"), "{error}");
		let storage_only = Account { storage: vec![([1; 32], [2; 32])], ..Default::default() };
		let error = sandbox(&BTreeMap::from([(USER, storage_only)]), 1).err().unwrap();
		assert!(error.contains("has storage but no code"), "{error}");
		let coded = Account { code: vec![0; 8], ..Default::default() };
		let environment = ewasm_primitives::system::ENVIRONMENT;
		let error = sandbox(&BTreeMap::from([(environment, coded)]), 1).err().unwrap();
		assert!(error.contains("system contract's address"), "{error}");
		let rich = Account { balance: u128::MAX / 2 + 1, ..Default::default() };
		let error =
			sandbox(&BTreeMap::from([(USER, rich.clone()), (CONTRACT, rich)]), 1).err().unwrap();
		assert!(error.contains("more than 2^128"), "{error}");
	}
}
