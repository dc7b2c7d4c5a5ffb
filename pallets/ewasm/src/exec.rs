//! The call stack: the one guarded entry point of execution ([`bare_call`], [`bare_deploy`],
//! shared by the extrinsics and, later, the dry run) and the frames below it.
//!
//! Every frame (the transaction's own, and every `call`, `callCode`, `callDelegate`,
//! `callStatic`, `create` and `create2` below it) runs in its own storage transaction,
//! committed only if the frame succeeds: a revert, a trap or running out of gas undoes the
//! frame's storage writes, value transfers, creations, self-destructs and logs, and nothing
//! of the frames it called. Gas is kept either way: a revert returns what is left, a trap or
//! out of gas consumes everything the frame was given.
//!
//! Frames nest at most [`MAX_CALL_DEPTH`](crate::limits::MAX_CALL_DEPTH) deep; the host
//! functions refuse deeper calls before entering this module.

use crate::{
	accounts::{account_of, contract_account, signer_address},
	address::{create2_address, create_address},
	gas::Schedule,
	rent, storage, system,
	versions::{Versions, VmVersion},
	vm::{
		self,
		limiter::BudgetedBytes,
		prepare::{self, CodeRules, PrepareError},
		Context, Halt, Loaded, Transaction,
	},
	CodeVec, Config, ContractInfo, ContractInfoOf, DebugEnabled, Error, Event, Evicting, Pallet,
	Tombstones,
};
use alloc::vec::Vec;
use ewasm_primitives::{Address, ENTRY_POINT};
use polkadot_sdk::{
	frame_support::{
		storage::{with_transaction, TransactionOutcome},
		traits::{
			fungible::{Inspect, Mutate},
			tokens::Preservation,
		},
	},
	sp_core::{Get, H256},
	sp_runtime::DispatchError,
};

/// What a transaction's execution did, whether or not it succeeded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExecOutcome<R> {
	/// The result: the return data or the deployed contract, or why it failed.
	pub result: Result<R, DispatchError>,
	/// The data the contract passed to `finish` or `revert` (empty for a creation that
	/// succeeded: its `finish` data is the code).
	pub output: Vec<u8>,
	/// Gas consumed (all of the limit if it trapped or ran out).
	pub gas_used: u64,
	/// Gas refunds earned (storage cleared, contracts destroyed), as Byzantium counts them.
	/// Not applied by this chain's extrinsics; off-chain tools that model Ethereum apply at
	/// most half the gas used.
	pub gas_refund: u64,
	/// Length of the contract code that ran (the called contract's, or the code a creation
	/// produced), for weight refunds.
	pub code_len: u32,
}

/// How a creation derives the new contract's address.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AddressScheme {
	/// `keccak256(0xff ++ deployer ++ salt ++ keccak256(init_code))[12..]`, as `CREATE2`.
	Create2 {
		/// The salt.
		salt: [u8; 32],
	},
	/// `keccak256(rlp([deployer, nonce]))[12..]`, as Ethereum's `CREATE`.
	Create {
		/// The deployer's nonce.
		nonce: u64,
	},
}

/// A contract creation by a signed account.
pub struct DeployRequest<'a, AccountId> {
	/// Who deploys and pays the value.
	pub deployer: &'a AccountId,
	/// Value moved to the new contract.
	pub value: u128,
	/// Gas available to the init code.
	pub gas_limit: u64,
	/// The init code; its `main` passes the contract code to `finish`.
	pub init_code: Vec<u8>,
	/// Call data for the init code.
	pub input: Vec<u8>,
	/// How the address is derived.
	pub scheme: AddressScheme,
}

/// A message call to a deployed contract by a signed account.
pub struct CallRequest<'a, AccountId> {
	/// Who calls and pays the value.
	pub caller: &'a AccountId,
	/// The contract called.
	pub dest: Address,
	/// Value moved to the contract.
	pub value: u128,
	/// Gas available to the contract.
	pub gas_limit: u64,
	/// Call data.
	pub input: Vec<u8>,
}

/// A deployed contract.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Deployed {
	/// Its address.
	pub address: Address,
	/// The hash of its code.
	pub code_hash: H256,
}

/// One message-call frame.
pub struct MessageCall<AccountId> {
	/// The account the value comes from: the signer at the top, the calling contract's below.
	pub payer: AccountId,
	/// What the callee sees as `getCaller`.
	pub caller: Address,
	/// The account the frame acts as (storage, balance, `getAddress`).
	pub address: Address,
	/// Whose code runs: `address` for `call`/`callStatic`, another for `callCode` and
	/// `callDelegate`.
	pub code_address: Address,
	/// What the callee sees as `getCallValue`.
	pub value: u128,
	/// Whether `value` moves from `payer` to `address`.
	pub transfer: bool,
	/// Call data (counted in the call stack's budget when a contract passes it).
	pub input: BudgetedBytes,
	/// Gas given to the frame.
	pub gas_limit: u64,
	/// Whether state changes are forbidden.
	pub is_static: bool,
	/// The frame's depth.
	pub depth: u32,
	/// The exported function that runs: `main`, or `receiveMessage` for a receipt (a
	/// contract that does not export it runs no code and only takes the value).
	pub entry: &'static str,
	/// The schedule of the frame that makes the call (the newest version's for a user or a
	/// receipt): a system contract's answer is priced by it.
	pub pricing: Schedule,
}

/// One creation frame.
pub struct Creation<AccountId> {
	/// The account the value comes from.
	pub payer: AccountId,
	/// The creator's address (`getCaller` of the init code).
	pub creator: Address,
	/// The new contract's address.
	pub address: Address,
	/// Value moved to the new contract.
	pub value: u128,
	/// The init code.
	pub init_code: Vec<u8>,
	/// Call data of the init code.
	pub input: Vec<u8>,
	/// Gas given to the frame.
	pub gas_limit: u64,
	/// The frame's depth.
	pub depth: u32,
}

/// What one frame did.
pub struct FrameOutcome<R> {
	/// Success (with the frame's result) or why it failed; `ContractReverted` for a revert.
	pub result: Result<R, DispatchError>,
	/// The data passed to `finish` or `revert` (empty for a successful creation), counted in
	/// the call stack's budget until its caller lets go of it.
	pub output: BudgetedBytes,
	/// Gas the frame gives back to its caller.
	pub gas_left: u64,
	/// Refunds earned, zero unless the frame succeeded.
	pub refund: u64,
	/// Length of the code that ran or was created.
	pub code_len: u32,
}

impl<R> ExecOutcome<R> {
	/// A request refused before any work: `error`, no gas used.
	fn refused(error: impl Into<DispatchError>) -> Self {
		ExecOutcome {
			result: Err(error.into()),
			output: Vec::new(),
			gas_used: 0,
			gas_refund: 0,
			code_len: 0,
		}
	}

	/// The same outcome with `f` applied to a successful result.
	pub fn map<U>(self, f: impl FnOnce(R) -> U) -> ExecOutcome<U> {
		ExecOutcome {
			result: self.result.map(f),
			output: self.output,
			gas_used: self.gas_used,
			gas_refund: self.gas_refund,
			code_len: self.code_len,
		}
	}
}

impl<R> FrameOutcome<R> {
	fn into_outcome(self, gas_limit: u64) -> ExecOutcome<R> {
		let refund = if self.result.is_ok() { self.refund } else { 0 };
		ExecOutcome {
			result: self.result,
			output: self.output.into_vec(),
			gas_used: gas_limit.saturating_sub(self.gas_left),
			gas_refund: refund,
			code_len: self.code_len,
		}
	}
}

impl Transaction {
	/// A transaction signed by the account whose address is `origin`.
	pub fn new<T: Config>(origin: Address) -> Self {
		Transaction {
			origin,
			versions: Versions::of::<T>(),
			debug_enabled: DebugEnabled::<T>::get(),
			memory_budget: Default::default(),
			active_frames: Default::default(),
			accessed_slots: Default::default(),
		}
	}

	fn code_rules<T: Config>(&self) -> CodeRules {
		CodeRules { max_len: T::MaxCodeLen::get(), debug_enabled: self.debug_enabled }
	}

	/// Validates and compiles `code` to run on `vm`, or, for code being deployed (`None`), on
	/// the newest version of its interface. Fails with `VmVersionUnavailable` if the chain
	/// offers no such version, or `vm` is of another interface than the code's.
	fn load<T: Config>(&self, code: &[u8], vm: Option<VmVersion>) -> Result<Loaded, DispatchError> {
		let prepared = prepare::prepare(&prepare::engine(), code, self.code_rules::<T>())
			.map_err(prepare_error::<T>)?;
		let version = match vm {
			Some(vm) => self.versions.get(vm).map(|spec| (vm, spec)),
			None => self.versions.newest_of(prepared.interface),
		};
		let (vm, spec) = version
			.filter(|(_, spec)| spec.interface == prepared.interface)
			.ok_or(Error::<T>::VmVersionUnavailable)?;
		Ok(Loaded { prepared, vm, schedule: spec.schedule })
	}

	/// The schedule of the newest version: what prices a user's or a receipt's call of a system
	/// contract.
	pub fn newest_schedule<T: Config>(&self) -> Result<Schedule, DispatchError> {
		let (_, spec) = self.versions.newest().ok_or(Error::<T>::VmVersionUnavailable)?;
		Ok(spec.schedule)
	}
}

/// Whether `len` bytes of code are more than any code the chain accepts (checked before the
/// code is hashed or copied).
pub fn exceeds_max_code_len<T: Config>(len: usize) -> bool {
	len > T::MaxCodeLen::get() as usize
}

/// Validates `code` as the chain would to run it on `vm`, or (`None`) to deploy it on the
/// newest version of its interface, outside any transaction.
pub fn validate<T: Config>(code: &[u8], vm: Option<VmVersion>) -> Result<(), DispatchError> {
	Transaction::new::<T>(Address::default()).load::<T>(code, vm).map(|_| ())
}

/// The VM version a deployment of `code` gets: the newest of its interface; for code that is
/// not valid, the newest of `v1` (it fails every call).
pub fn version_for<T: Config>(code: &[u8]) -> VmVersion {
	let tx = Transaction::new::<T>(Address::default());
	match tx.load::<T>(code, None) {
		Ok(loaded) => loaded.vm,
		Err(_) => tx.versions.newest_of(Default::default()).map(|(vm, _)| vm).unwrap_or_default(),
	}
}

pub(crate) fn prepare_error<T: Config>(error: PrepareError) -> DispatchError {
	match error {
		PrepareError::TooLarge => Error::<T>::CodeTooLarge,
		PrepareError::Invalid => Error::<T>::CodeInvalid,
		PrepareError::ImportNotAllowed => Error::<T>::CodeImportNotAllowed,
		PrepareError::ExportsInvalid => Error::<T>::CodeExportsInvalid,
		PrepareError::MemoryTooLarge => Error::<T>::CodeMemoryTooLarge,
	}
	.into()
}

/// Runs `f` in a storage transaction committed only if it returns `Ok`.
fn transactional<R>(f: impl FnOnce() -> Result<R, DispatchError>) -> Result<R, DispatchError> {
	with_transaction(|| {
		let result = f();
		if result.is_ok() {
			TransactionOutcome::Commit(result)
		} else {
			TransactionOutcome::Rollback(result)
		}
	})
}

/// Whether the contract at `address` was evicted and not woken since.
pub fn is_evicted<T: Config>(address: &Address) -> bool {
	Evicting::<T>::contains_key(address) || Tombstones::<T>::contains_key(address)
}

/// Moves `value` for a frame at `depth`. The signer (depth 0) keeps its existential deposit; a
/// contract may send its whole balance, as in Ethereum.
fn transfer<T: Config>(
	from: &T::AccountId,
	to: &T::AccountId,
	value: u128,
	depth: u32,
) -> Result<(), DispatchError> {
	if value == 0 || from == to {
		return Ok(());
	}
	let preservation = if depth == 0 { Preservation::Preserve } else { Preservation::Expendable };
	T::Currency::transfer(from, to, value, preservation)
		.map(|_| ())
		.map_err(|_| Error::<T>::TransferFailed.into())
}

/// Deletes the contract at `address` and sends its whole balance to `beneficiary`. If the
/// transfer is impossible (the amount would not reach the beneficiary's existential deposit),
/// the balance stays at the address, where a contract deployed there later finds it.
fn self_destruct<T: Config>(address: &Address, beneficiary: &Address) {
	let from = contract_account::<T>(address);
	let to = account_of::<T>(beneficiary);
	let balance = T::Currency::balance(&from);
	if from != to && balance > 0 {
		let _ = T::Currency::transfer(&from, &to, balance, Preservation::Expendable);
	}
	storage::remove_contract::<T>(address);
}

/// Maps how a frame of the contract at `address` ended to its result: the `finish` data on
/// success (after carrying out a self-destruct), an error otherwise, with revert data kept in
/// `output`.
fn conclude<T: Config>(
	halt: Halt,
	address: &Address,
	output: &mut BudgetedBytes,
) -> Result<BudgetedBytes, DispatchError> {
	match halt {
		Halt::Finished(data) => Ok(data),
		Halt::SelfDestructed(beneficiary) => {
			self_destruct::<T>(address, &beneficiary);
			Ok(BudgetedBytes::default())
		}
		Halt::Reverted(data) => {
			*output = data;
			Err(Error::<T>::ContractReverted.into())
		}
		Halt::OutOfGas => Err(Error::<T>::OutOfGas.into()),
		Halt::Trapped => Err(Error::<T>::ContractTrapped.into()),
	}
}

/// Runs one message-call frame. A call to an address without code only moves the value; a
/// call to a system contract gets its answer ([`system::answer`]), which may use gas of the
/// frame's (a receipt's) or run out of it.
pub fn run_call<T: Config>(tx: &Transaction, call: MessageCall<T::AccountId>) -> FrameOutcome<()> {
	let mut gas_left = call.gas_limit;
	let mut refund = 0;
	let mut code_len = 0;
	let mut output = BudgetedBytes::default();
	let result = transactional(|| {
		// A system contract answers natively, with no code, rent or account of its own.
		if system::is_system_contract(&call.code_address) {
			let answer = system::answer::<T>(tx, &call).inspect_err(|error| {
				if *error != Error::<T>::ContractReverted.into() {
					gas_left = 0;
				}
			})?;
			gas_left = call.gas_limit.saturating_sub(answer.gas_used);
			let answer = answer.output;
			let Some(reservation) = tx.memory_budget.reserve(answer.len()) else {
				// As a `finish` whose output the call stack's budget cannot hold: a trap.
				gas_left = 0;
				return Err(Error::<T>::ContractTrapped.into());
			};
			output = BudgetedBytes::new(answer, reservation);
			return Ok(());
		}
		if call.transfer {
			transfer::<T>(&call.payer, &account_of::<T>(&call.address), call.value, call.depth)?;
		}
		// Running a contract modifies it: it pays its rent first (with the value it just got),
		// or, under TOTALFEE_TTL, the call pays the touch gas.
		let touch_gas = rent::touch::<T>(&call.address, rent::Touch::Call)?.gas();
		// An address without code, or whose init code is still running, only takes the value
		// (as in Ethereum, where the code is not there until the creation ends).
		let Some(info) = ContractInfoOf::<T>::get(call.code_address) else {
			return Ok(());
		};
		if info.is_under_construction() {
			return Ok(());
		}
		// From here on a failure consumes all the frame's gas.
		gas_left = 0;
		let code = storage::code::<T>(&info.code_hash).ok_or(Error::<T>::CodeNotFound)?;
		code_len = code.len() as u32;
		let contract = tx.load::<T>(&code, Some(info.vm))?;
		let gas_limit = call.gas_limit.checked_sub(touch_gas).ok_or(Error::<T>::OutOfGas)?;
		if contract.prepared.module.get_export(call.entry).is_none() {
			// Only `receiveMessage` may be missing: the contract takes the value, no code runs.
			gas_left = gas_limit;
			return Ok(());
		}
		let context = Context {
			address: call.address,
			caller: call.caller,
			value: call.value,
			input: call.input,
			code,
			is_static: call.is_static,
			is_init: false,
			depth: call.depth,
		};
		let execution = vm::execute::<T>(&contract, call.entry, context, tx, gas_limit);
		gas_left = execution.gas_left;
		refund = execution.refund;
		let data = conclude::<T>(execution.halt, &call.address, &mut output)?;
		output = data;
		Ok(())
	});
	FrameOutcome { result, output, gas_left, refund, code_len }
}

/// Runs one creation frame: the init code runs with the new contract already present (so it
/// can write its storage and receive calls); the code it passes to `finish` is paid for per
/// byte, validated and compiled, paid for per page of its initial memory (which the check that
/// it can start allocates), checked and stored. Emits `Deployed`.
pub fn run_create<T: Config>(
	tx: &Transaction,
	creation: Creation<T::AccountId>,
) -> FrameOutcome<Deployed> {
	let mut gas_left = creation.gas_limit;
	let mut refund = 0;
	let mut code_len = 0;
	let mut output = BudgetedBytes::default();
	let address = creation.address;
	let result = transactional(|| {
		// An evicted contract still owns its address until it is woken: no second contract.
		if ContractInfoOf::<T>::contains_key(address) || is_evicted::<T>(&address) {
			gas_left = 0;
			return Err(Error::<T>::ContractExists.into());
		}
		// Under construction: no code, and so no version, yet.
		let none = VmVersion::default();
		ContractInfoOf::<T>::insert(address, ContractInfo::new::<T>(H256::zero(), 0, 1, none));
		let account = contract_account::<T>(&address);
		transfer::<T>(&creation.payer, &account, creation.value, creation.depth)?;
		// Empty init code is refused before any work, keeping the gas (as Hera does).
		if creation.init_code.is_empty() {
			return Err(Error::<T>::CodeInvalid.into());
		}
		// From here on a failure consumes all the frame's gas.
		gas_left = 0;
		let init = tx.load::<T>(&creation.init_code, None)?;
		let context = Context {
			address,
			caller: creation.creator,
			value: creation.value,
			input: BudgetedBytes::uncounted(creation.input),
			code: creation.init_code,
			is_static: false,
			is_init: true,
			depth: creation.depth,
		};
		let execution = vm::execute::<T>(&init, ENTRY_POINT, context, tx, creation.gas_limit);
		// The init code's compiled code is freed before the deployed code is compiled; its
		// version's prices pay for storing the code.
		let init_schedule = init.schedule;
		drop(init);
		// A revert keeps the gas left; every other failure below consumes it all.
		gas_left = execution.gas_left;
		let code = conclude::<T>(execution.halt, &address, &mut output)?;
		gas_left = 0;
		code_len = code.len() as u32;
		// The deposit per byte pays for validating, compiling, checking and storing the code:
		// it is charged before any of it; the memory the check allocates and zeroes, once the
		// compiled code says how much, before the check runs.
		let host = &init_schedule.host;
		let deposit = host.code_deposit_per_byte.saturating_mul(code.len() as u64);
		let left = execution.gas_left.checked_sub(deposit).ok_or(Error::<T>::OutOfGas)?;
		let contract = tx.load::<T>(&code, None)?;
		let memory = host.memory_page.saturating_mul(u64::from(contract.prepared.initial_pages));
		let left = left.checked_sub(memory).ok_or(Error::<T>::OutOfGas)?;
		if !vm::is_instantiable::<T>(&contract, tx) {
			return Err(Error::<T>::CodeInvalid.into());
		}
		let code: CodeVec<T> = code.into_vec().try_into().map_err(|_| Error::<T>::CodeTooLarge)?;
		let code_hash = storage::add_code_user::<T>(code);
		ContractInfoOf::<T>::mutate(address, |info| {
			if let Some(info) = info {
				info.code_hash = code_hash;
				info.code_len = code_len;
				info.vm = contract.vm;
			}
		});
		gas_left = left;
		refund = execution.refund;
		Pallet::<T>::deposit_event(Event::Deployed {
			deployer: creation.payer,
			contract: address,
			code_hash,
			gas_used: creation.gas_limit.saturating_sub(left),
		});
		Ok(Deployed { address, code_hash })
	});
	FrameOutcome { result, output, gas_left, refund, code_len }
}

/// Deploys a contract for a signed account: derives its address, runs the init code, stores
/// the code it returns. All or nothing.
pub fn bare_deploy<T: Config>(request: DeployRequest<'_, T::AccountId>) -> ExecOutcome<Deployed> {
	// Before hashing it for the address: oversized code is refused without work.
	if exceeds_max_code_len::<T>(request.init_code.len()) {
		return ExecOutcome::refused(Error::<T>::CodeTooLarge);
	}
	all_or_nothing(|| {
		let deployer = signer_address::<T>(request.deployer);
		let address = match request.scheme {
			AddressScheme::Create2 { salt } => {
				create2_address(&deployer, &salt, &request.init_code)
			}
			AddressScheme::Create { nonce } => create_address(&deployer, nonce),
		};
		let tx = Transaction::new::<T>(deployer);
		let creation = Creation {
			payer: request.deployer.clone(),
			creator: deployer,
			address,
			value: request.value,
			init_code: request.init_code,
			input: request.input,
			gas_limit: request.gas_limit,
			depth: 0,
		};
		run_create::<T>(&tx, creation).into_outcome(request.gas_limit)
	})
}

/// Runs a signed request in a storage transaction kept only if it succeeds: recording the
/// signer's address ([`signer_address`]) is undone with the rest when it fails, whether or not
/// the caller runs it inside an extrinsic.
fn all_or_nothing<R>(run: impl FnOnce() -> ExecOutcome<R>) -> ExecOutcome<R> {
	with_transaction(|| {
		let outcome = run();
		if outcome.result.is_ok() {
			TransactionOutcome::Commit(Ok(outcome))
		} else {
			TransactionOutcome::Rollback(Ok(outcome))
		}
	})
	.unwrap_or_else(|error: DispatchError| ExecOutcome::refused(error))
}

/// Calls a deployed contract or a system contract for a signed account, with value and input.
/// All or nothing. Unlike a call between contracts, calling an address without a contract
/// fails with `ContractNotFound` (and uses no gas).
pub fn bare_call<T: Config>(request: CallRequest<'_, T::AccountId>) -> ExecOutcome<Vec<u8>> {
	let is_contract = ContractInfoOf::<T>::contains_key(request.dest)
		|| system::is_system_contract(&request.dest);
	if !is_contract {
		return ExecOutcome::refused(if is_evicted::<T>(&request.dest) {
			Error::<T>::ContractEvicted
		} else {
			Error::<T>::ContractNotFound
		});
	}
	all_or_nothing(|| {
		let caller = signer_address::<T>(request.caller);
		let tx = Transaction::new::<T>(caller);
		let pricing = match tx.newest_schedule::<T>() {
			Ok(pricing) => pricing,
			Err(error) => return ExecOutcome::refused(error),
		};
		let call = MessageCall {
			payer: request.caller.clone(),
			caller,
			address: request.dest,
			code_address: request.dest,
			value: request.value,
			transfer: true,
			input: BudgetedBytes::uncounted(request.input),
			gas_limit: request.gas_limit,
			is_static: false,
			depth: 0,
			entry: ENTRY_POINT,
			pricing,
		};
		let outcome = run_call::<T>(&tx, call).into_outcome(request.gas_limit);
		let output = outcome.output.clone();
		outcome.map(|()| output)
	})
}
