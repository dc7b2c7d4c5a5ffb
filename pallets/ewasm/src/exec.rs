//! The one guarded entry point of execution, shared by the extrinsics (and, later, the dry
//! run): deploy or call a contract inside its own storage transaction, so that a revert, a
//! trap or running out of gas leaves storage, balances and events exactly as before.

use crate::{
	address::{create2_address, AddressMapper},
	gas::HERA_COSTS,
	storage,
	vm::{self, prepare::PrepareError, Context, Halt},
	CodeVec, Config, ContractInfo, ContractInfoOf, Error,
};
use alloc::vec::Vec;
use ewasm_primitives::Address;
use polkadot_sdk::{
	frame_support::{
		storage::{with_transaction, TransactionOutcome},
		traits::{fungible::Mutate, tokens::Preservation},
	},
	sp_core::{Get, H256},
	sp_runtime::DispatchError,
};

/// What an execution did, whether or not it succeeded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Outcome<R> {
	/// The result: the return data or the deployed contract, or why it failed.
	pub result: Result<R, DispatchError>,
	/// Gas consumed (all of the limit if it trapped or ran out).
	pub gas_used: u64,
	/// Length of the contract code that was compiled (the called contract's, or the code a
	/// deploy produced), for weight refunds.
	pub code_len: u32,
}

/// A contract creation.
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
	/// The CREATE2 salt.
	pub salt: [u8; 32],
}

/// A message call to a deployed contract.
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

fn prepare_error<T: Config>(error: PrepareError) -> DispatchError {
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

fn transfer<T: Config>(
	from: &T::AccountId,
	to: &T::AccountId,
	value: u128,
) -> Result<(), DispatchError> {
	if value == 0 {
		return Ok(());
	}
	T::Currency::transfer(from, to, value, Preservation::Preserve)
		.map(|_| ())
		.map_err(|_| Error::<T>::TransferFailed.into())
}

/// Maps a halt to the frame's result: only a finish succeeds.
fn halt_result<T: Config>(halt: Halt) -> Result<Vec<u8>, DispatchError> {
	match halt {
		Halt::Finished(output) => Ok(output),
		Halt::Reverted(_) => Err(Error::<T>::ContractReverted.into()),
		Halt::OutOfGas => Err(Error::<T>::OutOfGas.into()),
		Halt::Trapped => Err(Error::<T>::ContractTrapped.into()),
	}
}

/// Deploys a contract: derives its CREATE2 address, runs the init code, stores the code it
/// returns. All or nothing.
pub fn deploy<T: Config>(request: DeployRequest<'_, T::AccountId>) -> Outcome<Deployed> {
	let mut code_len = 0;
	let mut gas_used = 0;
	let result = transactional(|| {
		let engine = vm::prepare::engine();
		let module = vm::prepare::prepare(&engine, &request.init_code, T::MaxCodeLen::get())
			.map_err(prepare_error::<T>)?;
		let deployer = T::AddressMapper::to_address(request.deployer);
		let address = create2_address(&deployer, &request.salt, &request.init_code);
		if ContractInfoOf::<T>::contains_key(address) {
			return Err(Error::<T>::ContractExists.into());
		}
		let account = T::AddressMapper::contract_account(&address);
		// The contract exists while its init code runs, so it can write its storage; the code
		// hash is set once the init code has returned the code.
		ContractInfoOf::<T>::insert(address, ContractInfo::new(H256::zero()));
		transfer::<T>(request.deployer, &account, request.value)?;

		let context =
			Context { address, caller: deployer, value: request.value, input: request.input };
		let execution = vm::execute::<T>(&engine, &module, context, request.gas_limit, HERA_COSTS);
		gas_used = request.gas_limit.saturating_sub(execution.gas_left);
		let code = halt_result::<T>(execution.halt)?;
		code_len = code.len() as u32;

		vm::prepare::prepare(&engine, &code, T::MaxCodeLen::get()).map_err(prepare_error::<T>)?;
		let code: CodeVec<T> = code.try_into().map_err(|_| Error::<T>::CodeTooLarge)?;
		let code_hash = storage::add_code_user::<T>(code);
		ContractInfoOf::<T>::mutate(address, |info| {
			if let Some(info) = info {
				info.code_hash = code_hash;
			}
		});
		Ok(Deployed { address, code_hash })
	});
	Outcome { result, gas_used, code_len }
}

/// Calls a deployed contract with value and input. All or nothing.
pub fn call<T: Config>(request: CallRequest<'_, T::AccountId>) -> Outcome<Vec<u8>> {
	let mut gas_used = 0;
	let mut code_len = 0;
	let result = transactional(|| {
		let info = ContractInfoOf::<T>::get(request.dest).ok_or(Error::<T>::ContractNotFound)?;
		let code = storage::code::<T>(&info.code_hash).ok_or(Error::<T>::CodeNotFound)?;
		code_len = code.len() as u32;
		let engine = vm::prepare::engine();
		let module = vm::prepare::prepare(&engine, &code, T::MaxCodeLen::get())
			.map_err(prepare_error::<T>)?;
		let account = T::AddressMapper::contract_account(&request.dest);
		transfer::<T>(request.caller, &account, request.value)?;

		let context = Context {
			address: request.dest,
			caller: T::AddressMapper::to_address(request.caller),
			value: request.value,
			input: request.input,
		};
		let execution = vm::execute::<T>(&engine, &module, context, request.gas_limit, HERA_COSTS);
		gas_used = request.gas_limit.saturating_sub(execution.gas_left);
		halt_result::<T>(execution.halt)
	});
	Outcome { result, gas_used, code_len }
}
