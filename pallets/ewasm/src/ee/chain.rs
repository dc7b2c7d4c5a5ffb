//! The chain's execution environments: what the `register_ee` and `execute_block` extrinsics
//! do, and the dry run of a block.
//!
//! Registering validates the code ([`super::prepare`]) and checks that it instantiates, holds
//! the registrar's deposit (`EeDeposit` plus `EeDepositPerByte` for each byte of code, under
//! [`HoldReason::EeDeposit`] for as long as the EE exists), moves the value the registrar gives
//! to the EE's account, stores the code once by keccak256 hash and gives the EE the next id.
//! The EE runs by the newest VM version's gas schedule the chain offers when it is registered,
//! and keeps it, as a contract keeps its version.
//!
//! A block moves the value its sender sends with it to the EE's account, then runs the EE's
//! `main` on the EE's root ([`super::execute_block`]), which may move value out of the EE
//! (`eth2.transfer`, through `ChainLedger`) and call other EEs (`eth2.callEE`: each call a
//! block this EE sends, run by [`execute`] in a [`Frame`] below this one, in a storage
//! transaction of its own). Only a block that succeeds changes anything: the
//! EE's root becomes the root it saved, an event is emitted for each deposit it made, and the
//! value moved stays moved; a failed block is undone in its storage transaction and uses all
//! its gas. The runtime API's dry run ([`dry_run`]) is the same run, always undone.

use super::{
	ledger::{EeCall, EeCallOutcome, Ledger},
	BlockOutcome, EeError, DEPOSIT_BYTES, MAX_EE_CALL_DEPTH, MAX_EE_CODE_BYTES,
};
use crate::{
	accounts::account_of,
	address::AddressMapper,
	environment::BlockEnvironment,
	exec::prepare_error,
	gas::HostCosts,
	versions::{Versions, VmVersion},
	vm::limiter::MemoryBudget,
	Config, EeCode, Ees, Error, Event, HoldReason, NextEeId, Pallet,
};
use alloc::{boxed::Box, vec::Vec};
use codec::{Decode, Encode, MaxEncodedLen};
use ewasm_primitives::{
	api::{BlockDryRun, EeSummary},
	value::Word,
	Address,
};
use polkadot_sdk::{
	frame_support::{
		ensure,
		storage::{with_transaction, TransactionOutcome},
		traits::{
			fungible::{Inspect, Mutate, MutateHold},
			tokens::Preservation,
			Get,
		},
		BoundedVec,
	},
	sp_core::{ConstU32, H256},
	sp_io::hashing::keccak_256,
	sp_runtime::DispatchError,
};
use scale_info::TypeInfo;

/// An execution environment's id: the order of registration, from 0.
pub type EeId = u32;

/// An EE's code, at most [`MAX_EE_CODE_BYTES`].
pub type EeCodeVec = BoundedVec<u8, ConstU32<MAX_EE_CODE_BYTES>>;

/// A registered execution environment.
#[derive(Clone, Encode, Decode, PartialEq, Eq, Debug, TypeInfo, MaxEncodedLen)]
pub struct EeInfo<AccountId> {
	/// keccak256 of its code; the code is in [`EeCode`].
	pub code_hash: H256,
	/// Length of its code in bytes.
	pub code_len: u32,
	/// Its state root: what the next block runs on.
	pub root: Word,
	/// The VM version whose gas schedule its blocks pay.
	pub vm: VmVersion,
	/// Who registered it.
	pub registrar: AccountId,
	/// The deposit held from the registrar for it.
	pub deposit: u128,
}

/// The address of EE `ee`: `keccak256("ewasm/ee" ++ ee as u32 little-endian)[12..]`. Its
/// balance is that of the account the chain derives from it, as a contract's.
pub fn ee_address(ee: EeId) -> Address {
	Address::from_hash_tail(&keccak_256(&(b"ewasm/ee", ee).encode()))
}

/// The account that holds EE `ee`'s balance.
pub fn ee_account<T: Config>(ee: EeId) -> T::AccountId {
	T::AddressMapper::contract_account(&ee_address(ee))
}

/// The deposit registering `code_len` bytes of code holds.
pub fn deposit_for<T: Config>(code_len: u32) -> u128 {
	T::EeDepositPerByte::get().saturating_mul(code_len.into()).saturating_add(T::EeDeposit::get())
}

/// Registers `code` as a new EE for `registrar` with `initial_root`, moving `value` from the
/// registrar (who keeps its existential deposit) to the EE's account: its id. Fails with a
/// `Code*` error for code that is not a valid EE, `EeDepositUnavailable`, `TransferFailed`,
/// `VmVersionUnavailable` or `EeIdsExhausted`; the extrinsic's storage transaction undoes
/// everything then.
pub fn register<T: Config>(
	registrar: &T::AccountId,
	code: Vec<u8>,
	initial_root: Word,
	value: u128,
) -> Result<EeId, DispatchError> {
	let versions = Versions::of::<T>();
	let (vm, spec) = versions.newest().ok_or(Error::<T>::VmVersionUnavailable)?;
	let prepared = super::prepare(&code).map_err(prepare_error::<T>)?;
	// Every block of an EE whose module does not instantiate (a data segment outside its
	// memory) would trap.
	ensure!(super::instantiates(&prepared, &spec.schedule), Error::<T>::CodeInvalid);
	let code: EeCodeVec = code.try_into().map_err(|_| Error::<T>::CodeTooLarge)?;
	let id = NextEeId::<T>::get();
	NextEeId::<T>::put(id.checked_add(1).ok_or(Error::<T>::EeIdsExhausted)?);
	let code_len = code.len() as u32;
	let deposit = deposit_for::<T>(code_len);
	if deposit > 0 {
		T::Currency::hold(&HoldReason::EeDeposit.into(), registrar, deposit)
			.map_err(|_| Error::<T>::EeDepositUnavailable)?;
	}
	if value > 0 {
		T::Currency::transfer(registrar, &ee_account::<T>(id), value, Preservation::Preserve)
			.map_err(|_| Error::<T>::TransferFailed)?;
	}
	let code_hash = H256(keccak_256(&code));
	if !EeCode::<T>::contains_key(code_hash) {
		EeCode::<T>::insert(code_hash, code);
	}
	let info = EeInfo {
		code_hash,
		code_len,
		root: initial_root,
		vm,
		registrar: registrar.clone(),
		deposit,
	};
	Ees::<T>::insert(id, info);
	Pallet::<T>::deposit_event(Event::EeRegistered {
		ee: id,
		registrar: registrar.clone(),
		code_hash,
		root: initial_root,
		deposit,
		value,
	});
	Ok(id)
}

/// A block to run: on which EE, sent by whom with what value, its data, the root it expects
/// and its gas.
pub struct BlockRequest<'a, AccountId> {
	/// The EE.
	pub ee: EeId,
	/// Whose account the value comes from: the signer's, or the calling EE's.
	pub sender: &'a AccountId,
	/// The sender's address (`eth2.getCaller`): the signer's (`AddressMapper::to_address`), or
	/// the calling EE's.
	pub caller: Address,
	/// The value moved from the sender to the EE before it runs (`eth2.getCallValue`).
	pub value: u128,
	/// The block's data.
	pub data: &'a [u8],
	/// The root the EE must have, if any.
	pub expected_pre_root: Option<Word>,
	/// The gas it may use, the value's move included.
	pub gas_limit: u64,
}

/// How a block of an EE went, and what it cost.
#[derive(Debug, PartialEq, Eq)]
pub struct BlockRun {
	/// What the block left, or why it failed.
	pub result: Result<BlockOutcome, DispatchError>,
	/// The root it ran on (zero if the EE does not exist).
	pub pre_root: Word,
	/// The length of the EE's code (0 if it was not loaded).
	pub code_len: u32,
	/// The gas it used: all of `gas_limit` if it failed after starting.
	pub gas_used: u64,
}

impl BlockRun {
	/// A block that failed with `error` before it ran: no root, no code loaded, no gas used.
	fn not_run(error: DispatchError) -> Self {
		BlockRun { result: Err(error), pre_root: Word::default(), code_len: 0, gas_used: 0 }
	}
}

/// Where a block runs: the heap budget it and the EEs it calls share, the EEs that called it
/// (outermost first), and the prices of the one that called it, at which it pays for loading
/// its code and moving its value (none for a block an extrinsic sends, which pays its code by
/// weight and its value at the EE's own prices).
#[derive(Clone)]
pub struct Frame {
	budget: MemoryBudget,
	callers: Vec<EeId>,
	caller_costs: Option<HostCosts>,
}

impl Frame {
	/// The frame of a block an extrinsic (or a dry run) sends: a new budget
	/// ([`super::block_budget`]), no callers.
	pub fn block() -> Self {
		Frame { budget: super::block_budget(), callers: Vec::new(), caller_costs: None }
	}
}

/// The chain's side of a block: the EE's account and address, who sent the block with what
/// value, and where it runs.
struct ChainLedger<T: Config> {
	ee: EeId,
	account: T::AccountId,
	caller: Address,
	value: u128,
	frame: Frame,
}

impl<T: Config> Ledger for ChainLedger<T> {
	fn caller(&self) -> Address {
		self.caller
	}

	fn address(&self) -> Address {
		ee_address(self.ee)
	}

	fn chain_id(&self) -> u32 {
		T::Environment::para_id()
	}

	fn call_value(&self) -> u128 {
		self.value
	}

	fn balance(&self) -> u128 {
		T::Currency::balance(&self.account)
	}

	/// The EE keeps its existential deposit: its account is never reaped, so nothing it holds
	/// is burnt as dust.
	fn transfer(&mut self, to: &Address, value: u128) -> bool {
		let to = account_of::<T>(to);
		value == 0
			|| to == self.account
			|| T::Currency::transfer(&self.account, &to, value, Preservation::Preserve).is_ok()
	}

	/// The callee runs as a block this EE sends ([`execute`], in a storage transaction of its
	/// own, with its own VM version's schedule), in this block's heap budget, with this EE and
	/// its callers as its callers: it fails without running if it is one of them (no re-entry)
	/// or if they are already [`MAX_EE_CALL_DEPTH`] deep.
	fn call_ee(&mut self, call: EeCall<'_>) -> EeCallOutcome {
		let mut callers = self.frame.callers.clone();
		callers.push(self.ee);
		let block = BlockRequest {
			ee: call.ee,
			sender: &self.account,
			caller: ee_address(self.ee),
			value: call.value,
			data: call.data,
			expected_pre_root: None,
			gas_limit: call.gas_limit,
		};
		let frame =
			Frame { budget: self.frame.budget.clone(), callers, caller_costs: Some(call.costs) };
		let run = execute::<T>(&block, frame);
		EeCallOutcome { succeeded: run.result.is_ok(), gas_used: run.gas_used }
	}
}

/// The gas moving a block's value costs at `costs`: the proofs of the two accounts, as
/// `eth2.transfer`.
fn value_price(costs: &HostCosts) -> u64 {
	costs.external_balance.saturating_add(costs.new_account)
}

/// Runs `block` in `frame`: moves its value to the EE (charged as gas first) and runs the EE's
/// `main` on its data. A block an EE calls pays for loading the EE's code too, and moving its
/// value, at the calling EE's prices ([`Frame`]). What it changes (the value, the EE's
/// transfers and calls) stays changed, whether it succeeds or not: [`execute`] and [`dry_run`]
/// run it in a storage transaction. Fails with `EeNotFound`, `EePreRootMismatch` (if
/// `expected_pre_root` is not the EE's root), `EeCallRefused` (an EE calling one of its
/// callers, or too deep), `CodeNotFound`, `VmVersionUnavailable`, `TransferFailed`,
/// `EeTrapped`, `OutOfGas` or `EeNoPostRoot`.
fn run<T: Config>(block: &BlockRequest<'_, T::AccountId>, frame: Frame) -> BlockRun {
	let not_run = |error: Error<T>| BlockRun::not_run(error.into());
	if frame.callers.contains(&block.ee) || frame.callers.len() > MAX_EE_CALL_DEPTH {
		return not_run(Error::EeCallRefused);
	}
	let Some(info) = Ees::<T>::get(block.ee) else { return not_run(Error::EeNotFound) };
	let ran = |result, gas_used| BlockRun {
		result,
		pre_root: info.root,
		code_len: info.code_len,
		gas_used,
	};
	if block.expected_pre_root.is_some_and(|expected| expected != info.root) {
		return BlockRun { pre_root: info.root, ..not_run(Error::EePreRootMismatch) };
	}
	let Some(schedule) = Versions::of::<T>().get(info.vm).map(|spec| spec.schedule) else {
		return BlockRun { pre_root: info.root, ..not_run(Error::VmVersionUnavailable) };
	};
	let costs = frame.caller_costs.as_ref().unwrap_or(&schedule.host);
	let code_gas = frame.caller_costs.map_or(0, |costs| costs.code_load(info.code_len));
	let value_gas = if block.value == 0 { 0 } else { value_price(costs) };
	let Some(gas_limit) = block.gas_limit.checked_sub(value_gas.saturating_add(code_gas)) else {
		return ran(Err(Error::<T>::OutOfGas.into()), block.gas_limit);
	};
	// The code read from storage lives as long as the frame: counted in the block's budget (a
	// callee it cannot hold fails before its code is read, using what it was given).
	let Some(_code_bytes) = frame.budget.reserve(info.code_len as usize) else {
		return ran(Err(Error::<T>::EeTrapped.into()), block.gas_limit);
	};
	let Some(code) = EeCode::<T>::get(info.code_hash) else {
		return BlockRun { pre_root: info.root, ..not_run(Error::CodeNotFound) };
	};
	let account = ee_account::<T>(block.ee);
	let paid = value_gas.saturating_add(code_gas);
	if block.value > 0
		&& T::Currency::transfer(block.sender, &account, block.value, Preservation::Preserve)
			.is_err()
	{
		return ran(Err(Error::<T>::TransferFailed.into()), paid);
	}
	let budget = frame.budget.clone();
	let ledger =
		ChainLedger::<T> { ee: block.ee, account, caller: block.caller, value: block.value, frame };
	let ledger = Box::new(ledger);
	let result =
		super::execute_block(&code, info.root, block.data, gas_limit, &schedule, ledger, &budget);
	let gas_used = result.as_ref().map_or(gas_limit, |outcome| outcome.gas_used);
	ran(result.map_err(|error| block_error::<T>(error)), gas_used.saturating_add(paid))
}

/// Runs `block` ([`run`]) in a storage transaction, kept if `keep` says so of how it went and
/// undone otherwise. Only too deep a nesting of storage transactions stops it from running
/// (`Exhausted`).
fn run_in_transaction<T: Config>(
	block: &BlockRequest<'_, T::AccountId>,
	frame: Frame,
	keep: impl FnOnce(&BlockRun) -> bool,
) -> BlockRun {
	let mut outcome = None;
	let _ = with_transaction(|| -> TransactionOutcome<Result<(), DispatchError>> {
		let run = run::<T>(block, frame);
		let kept = keep(&run);
		outcome = Some(run);
		match kept {
			true => TransactionOutcome::Commit(Ok(())),
			false => TransactionOutcome::Rollback(Ok(())),
		}
	});
	outcome.unwrap_or_else(|| BlockRun::not_run(DispatchError::Exhausted))
}

/// Runs `block` ([`run`]) in a storage transaction: if it succeeds, the EE's root becomes the
/// one it saved, an `EeDepositPushed` event is emitted for each deposit it made and
/// `EeExecuted`, and its value stays moved; if it fails, everything it did is undone. A block
/// an extrinsic sends runs in [`Frame::block`].
pub fn execute<T: Config>(block: &BlockRequest<'_, T::AccountId>, frame: Frame) -> BlockRun {
	let ee = block.ee;
	let run = run_in_transaction::<T>(block, frame, |run| run.result.is_ok());
	if let Ok(outcome) = &run.result {
		Ees::<T>::mutate(ee, |info| {
			if let Some(info) = info {
				info.root = outcome.post_root;
			}
		});
		for deposit in &outcome.deposits {
			let data: [u8; DEPOSIT_BYTES] = deposit.0;
			Pallet::<T>::deposit_event(Event::EeDepositPushed { ee, deposit: data });
		}
		Pallet::<T>::deposit_event(Event::EeExecuted {
			ee,
			pre_root: run.pre_root,
			post_root: outcome.post_root,
			gas_used: run.gas_used,
		});
	}
	run
}

/// The pallet's error for a failed block.
fn block_error<T: Config>(error: EeError) -> DispatchError {
	match error {
		EeError::Invalid(error) => prepare_error::<T>(error),
		EeError::Trapped => Error::<T>::EeTrapped.into(),
		EeError::OutOfGas => Error::<T>::OutOfGas.into(),
		EeError::NoPostRoot => Error::<T>::EeNoPostRoot.into(),
	}
}

/// EE `ee` as the runtime API shows it, with its address and balance.
pub fn summary<T: Config>(ee: EeId) -> Option<EeSummary> {
	let info = Ees::<T>::get(ee)?;
	Some(EeSummary {
		code_hash: info.code_hash.0,
		code_len: info.code_len,
		root: info.root,
		vm: info.vm.0,
		deposit: info.deposit,
		address: ee_address(ee),
		balance: T::Currency::balance(&ee_account::<T>(ee)),
	})
}

/// Runs `block` as `execute_block` would, its gas limit clamped to what one extrinsic can
/// carry, and undoes everything it did. Block data longer than `MaxEeBlockData`, which no
/// extrinsic can carry, fails with `EeBlockDataTooLarge` without running.
pub fn dry_run<T: Config>(block: BlockRequest<'_, T::AccountId>) -> BlockDryRun {
	let failed = |error: DispatchError| BlockDryRun {
		result: Err(error),
		pre_root: Word::default(),
		post_root: None,
		gas_used: 0,
		deposits: Vec::new(),
	};
	if block.data.len() > T::MaxEeBlockData::get() as usize {
		return failed(Error::<T>::EeBlockDataTooLarge.into());
	}
	let base = Pallet::<T>::execute_block_weight(MAX_EE_CODE_BYTES, block.data.len() as u32);
	let gas_limit = block.gas_limit.min(crate::gas::max_extrinsic_gas::<T>(base));
	let block = BlockRequest { gas_limit, ..block };
	let run = run_in_transaction::<T>(&block, Frame::block(), |_| false);
	let (result, post_root, deposits) = match run.result {
		Ok(outcome) => {
			let deposits = outcome.deposits.iter().map(|deposit| deposit.0.to_vec()).collect();
			(Ok(()), Some(outcome.post_root), deposits)
		}
		Err(error) => (Err(error), None, Vec::new()),
	};
	BlockDryRun { result, pre_root: run.pre_root, post_root, gas_used: run.gas_used, deposits }
}
