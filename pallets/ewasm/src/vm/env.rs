//! The EEI host functions, one per specification entry (ewasm/design Revision 4, plus
//! `create2`), linked under the namespace of the contract's version (`v2`'s own functions
//! besides: hashes, three getters, bignum helpers and `ecrecover`), and the `debug` namespace
//! of development chains.
//!
//! Every function charges its cost from the schedule before doing any work that depends on
//! its size; every memory access is bounds-checked and traps when out of bounds. Functions
//! that change state trap in a static call. Results that can fail are [`ReturnCode`]s: 0
//! success, 1 failure, 2 revert.

use super::limiter::BudgetedBytes;
use super::runtime::{
	bignum_binary, bignum_mulmod, charge, check_range, copy_to_memory, ecrecover, gas_left,
	halt_with_output, hash_function, read, read_array, read_budgeted, refund_gas, sub_range, write,
	HostResult, HostState, HostTrap, Metered, HOST_HASHES,
};
use crate::{
	accounts,
	address::{create2_address, create_address},
	bignum,
	environment::{self, BlockEnvironment},
	exec::{self, Creation, MessageCall},
	gas,
	limits::{MAX_CALL_DEPTH, MAX_LOG_TOPICS},
	storage, Config, ContractInfoOf, Error,
};
use alloc::{format, string::String, vec::Vec};
use ewasm_primitives::{
	value::{decode_value, encode_value, Word},
	Address, Interface, ReturnCode, DEBUG_NAMESPACE,
};
use polkadot_sdk::{sp_core::H256, sp_runtime::DispatchError};
use wasmi::{Caller, Linker};

/// Log target of the `debug` namespace.
pub const DEBUG_LOG_TARGET: &str = "runtime::ewasm::debug";

type Ctx<'a, T> = Caller<'a, HostState<T>>;

/// Charges the price of a constant-size getter.
fn charge_base<T>(c: &mut Ctx<'_, T>) -> HostResult<()> {
	let cost = c.data().costs().base;
	charge(c, cost)
}

/// Charges the price of a constant-size getter and writes its result at `offset`.
fn write_getter_result<T>(c: &mut Ctx<'_, T>, offset: i32, bytes: &[u8]) -> HostResult<()> {
	charge_base(c)?;
	write(c, offset, bytes)
}

/// Charges the price of a constant-size getter and returns `value`.
fn getter<T, R>(c: &mut Ctx<'_, T>, value: R) -> HostResult<R> {
	charge_base(c)?;
	Ok(value)
}

/// Fails unless state may change (the frame is not inside a static call).
fn ensure_mutable<T>(c: &Ctx<'_, T>) -> HostResult<()> {
	if c.data().context.is_static {
		return Err(HostTrap::StaticViolation.into());
	}
	Ok(())
}

/// The most bytes encoding a `ContractEmitted` event into its event record adds to the data:
/// the record's phase and topics, the event's indices, the contract's address, four topics and
/// the lengths (about 160), rounded up.
const EVENT_ENCODING_OVERHEAD_BYTES: usize = 256;

fn to_i64(value: u64) -> i64 {
	i64::try_from(value).unwrap_or(i64::MAX)
}

fn return_code<T: Config>(result: &Result<impl Sized, DispatchError>) -> ReturnCode {
	match result {
		Ok(_) => ReturnCode::Success,
		Err(error) if *error == Error::<T>::ContractReverted.into() => ReturnCode::Revert,
		Err(_) => ReturnCode::Failure,
	}
}

/// Takes back what a finished callee returns: its unused gas, its refunds if it succeeded,
/// its output as the new return data buffer.
fn finish_nested<T: Config, R>(
	c: &mut Ctx<'_, T>,
	outcome: exec::FrameOutcome<R>,
) -> HostResult<i32> {
	refund_gas(c, outcome.gas_left)?;
	let code = return_code::<T>(&outcome.result);
	let state = c.data_mut();
	if code == ReturnCode::Success {
		state.refund = state.refund.saturating_add(outcome.refund);
	}
	state.return_data = outcome.output;
	Ok(code.into())
}

/// What a nested call or creation needs of the frame that starts it: copied out of its
/// context, without the call data and code.
#[derive(Clone, Copy)]
struct Parent {
	address: Address,
	caller: Address,
	value: u128,
	is_static: bool,
	depth: u32,
}

/// Starts a nested call or creation that sends `value`: clears the return data, then either
/// refuses it (`None`, and the host function returns 1 without running anything: the depth
/// limit is reached or the balance cannot pay `value`) or burns the gas it forwards, all but
/// one 64th of the gas left and at most `requested`, and returns it with the parent frame.
fn start_nested<T: Config>(
	c: &mut Ctx<'_, T>,
	value: u128,
	requested: u64,
) -> HostResult<Option<(Parent, u64)>> {
	c.data_mut().return_data = BudgetedBytes::default();
	let context = &c.data().context;
	let parent = Parent {
		address: context.address,
		caller: context.caller,
		value: context.value,
		is_static: context.is_static,
		depth: context.depth,
	};
	if parent.depth >= MAX_CALL_DEPTH || accounts::contract_balance::<T>(&parent.address) < value {
		return Ok(None);
	}
	let forwarded = gas::forwardable(gas_left(&*c)?, requested);
	charge(c, forwarded)?;
	Ok(Some((parent, forwarded)))
}

/// The kinds of message call.
#[derive(Clone, Copy, PartialEq, Eq)]
enum CallKind {
	/// `call`: the callee's code in the callee's account, with value.
	Call,
	/// `callCode`: the callee's code in this contract's account, with value.
	CallCode,
	/// `callDelegate`: the callee's code in this contract's account, keeping this frame's
	/// caller and value.
	Delegate,
	/// `callStatic`: like `call` without value, and no state change below it.
	Static,
}

/// The four call functions. Charges the call price (a system contract's own price for a call
/// of one; more with value, more again for value to a new account), the loading of the
/// callee's code by its size and the copy of the call data, then forwards all but one 64th of the gas left, at most `gas` (plus the stipend when
/// it sends value to a contract that is not a system contract; what the callee leaves of it
/// comes back). Fails (1) without running when the depth limit is reached, the balance cannot
/// pay `value` or the call stack's memory budget cannot hold the call data.
fn message_call<T: Config>(
	c: &mut Ctx<'_, T>,
	kind: CallKind,
	gas: i64,
	address: i32,
	value: Option<i32>,
	data: i32,
	length: i32,
) -> HostResult<i32> {
	let target = Address(read_array(c, address)?);
	let value = match value {
		Some(offset) => decode_value(read_array(c, offset)?),
		None => 0,
	};
	if kind == CallKind::Call && value > 0 {
		ensure_mutable(c)?;
	}
	let costs = *c.data().costs();
	let is_system = crate::system::is_system_contract(&target);
	let mut cost = if is_system { costs.system_call } else { costs.call };
	if value > 0 {
		cost = cost.saturating_add(costs.call_value);
		if kind == CallKind::Call && !accounts::exists::<T>(&target) {
			cost = cost.saturating_add(costs.new_account);
		}
	}
	charge(c, cost)?;
	// The callee's code, by its size, before it is loaded (a system contract has none).
	if !is_system {
		charge(c, costs.code_load(storage::code_len_of::<T>(&target)))?;
	}
	// The call data is paid for before it is copied. It lives as long as the callee: it comes
	// out of the call stack's budget, and a call the budget cannot hold fails (1) as one past
	// the depth limit does.
	check_range(c, data, length as u32)?;
	charge(c, costs.nested_input(length as u32))?;
	// The last call's return data goes first, so its part of the budget is free again.
	c.data_mut().return_data = BudgetedBytes::default();
	let Some(input) = read_budgeted(c, data, length as u32)? else {
		return Ok(ReturnCode::Failure.into());
	};
	let Some((parent, forwarded)) = start_nested(c, value, gas as u64)? else {
		return Ok(ReturnCode::Failure.into());
	};
	// A system contract runs no code: it gets no stipend to hand back.
	let stipend = if value > 0 && !is_system { costs.call_stipend } else { 0 };
	let this = parent.address;
	let payer = accounts::contract_account::<T>(&this);
	let (caller, account, value) = match kind {
		CallKind::Call | CallKind::Static => (this, target, value),
		CallKind::CallCode => (this, this, value),
		CallKind::Delegate => (parent.caller, this, parent.value),
	};
	let call = MessageCall {
		payer,
		caller,
		address: account,
		code_address: target,
		value,
		transfer: kind == CallKind::Call,
		input,
		gas_limit: forwarded.saturating_add(stipend),
		is_static: parent.is_static || kind == CallKind::Static,
		depth: parent.depth + 1,
		entry: ewasm_primitives::ENTRY_POINT,
		pricing: c.data().schedule,
	};
	let tx = c.data().tx.clone();
	let outcome = exec::run_call::<T>(&tx, call);
	finish_nested(c, outcome)
}

/// `create` (`salt` is `None`: address from this contract's nonce) and `create2`. Charges the
/// creation price and the init code's price per word (its copy, hashing and compilation), then
/// gives the init code all but one 64th of
/// the gas left. Fails (1) without running when the init code is longer than `MaxCodeLen`, the
/// depth limit is reached or the balance cannot pay `value`.
fn create_contract<T: Config>(
	c: &mut Ctx<'_, T>,
	value: i32,
	data: i32,
	length: i32,
	salt: Option<i32>,
	result: i32,
) -> HostResult<i32> {
	let cost = c.data().costs().create;
	charge(c, cost)?;
	ensure_mutable(c)?;
	let value = decode_value(read_array(c, value)?);
	// Init code outside memory traps (as any out-of-bounds access); init code longer than any
	// code the chain stores fails before it is copied or hashed.
	check_range(c, data, length as u32)?;
	if exec::exceeds_max_code_len::<T>(length as u32 as usize) {
		c.data_mut().return_data = BudgetedBytes::default();
		return Ok(ReturnCode::Failure.into());
	}
	let cost = c.data().costs().init_code(length as u32);
	charge(c, cost)?;
	let init_code = read(c, data, length as u32)?;
	let salt: Option<Word> = salt.map(|offset| read_array(c, offset)).transpose()?;
	check_range(c, result, 20)?;
	let Some((parent, forwarded)) = start_nested(c, value, u64::MAX)? else {
		return Ok(ReturnCode::Failure.into());
	};
	let this = parent.address;
	let address = match salt {
		Some(salt) => create2_address(&this, &salt, &init_code),
		None => create_address(&this, storage::take_nonce::<T>(&this)),
	};
	let creation = Creation {
		payer: accounts::contract_account::<T>(&this),
		creator: this,
		address,
		value,
		init_code,
		input: Vec::new(),
		gas_limit: forwarded,
		depth: parent.depth + 1,
	};
	let tx = c.data().tx.clone();
	let outcome = exec::run_create::<T>(&tx, creation);
	if outcome.result.is_ok() {
		write(c, result, address.as_bytes())?;
	}
	finish_nested(c, outcome)
}

/// Defines every EEI function of `interface`, under its namespace, and every debug function in
/// `linker`.
pub fn link<T: Config>(
	linker: &mut Linker<HostState<T>>,
	interface: Interface,
) -> Result<(), wasmi::Error> {
	let ns = interface.namespace();
	link_gas_and_context::<T>(linker, ns)?;
	link_block::<T>(linker, ns)?;
	link_state::<T>(linker, ns)?;
	link_calls::<T>(linker, ns)?;
	link_halts::<T>(linker, ns)?;
	if interface >= Interface::V2 {
		link_hashes::<T>(linker, ns)?;
		link_v2_getters::<T>(linker, ns)?;
		link_bignum::<T>(linker, ns)?;
		link_ecrecover::<T>(linker, ns)?;
	}
	link_debug::<T>(linker)
}

/// Gas, the call's context and the code.
fn link_gas_and_context<T: Config>(
	linker: &mut Linker<HostState<T>>,
	ns: &'static str,
) -> Result<(), wasmi::Error> {
	// useGas(amount: i64). Burns `amount`. Traps: negative amount; out of gas.
	linker.func_wrap(ns, "useGas", |mut c: Ctx<'_, T>, amount: i64| -> HostResult<()> {
		let amount = u64::try_from(amount).map_err(|_| HostTrap::NegativeGas)?;
		charge(&mut c, amount)
	})?;

	// getGasLeft() -> i64. The gas left after paying for this call.
	linker.func_wrap(ns, "getGasLeft", |mut c: Ctx<'_, T>| -> HostResult<i64> {
		charge_base(&mut c)?;
		Ok(to_i64(gas_left(&c)?))
	})?;

	// getAddress(resultOffset). Writes the 20-byte address the frame acts as.
	// Traps: out-of-bounds memory.
	linker.func_wrap(ns, "getAddress", |mut c: Ctx<'_, T>, result: i32| -> HostResult<()> {
		let address = c.data().context.address;
		write_getter_result(&mut c, result, address.as_bytes())
	})?;

	// getCaller(resultOffset). Writes the caller's 20-byte address.
	// Traps: out-of-bounds memory.
	linker.func_wrap(ns, "getCaller", |mut c: Ctx<'_, T>, result: i32| -> HostResult<()> {
		let caller = c.data().context.caller;
		write_getter_result(&mut c, result, caller.as_bytes())
	})?;

	// getTxOrigin(resultOffset). Writes the address of the transaction's signer.
	// Traps: out-of-bounds memory.
	linker.func_wrap(ns, "getTxOrigin", |mut c: Ctx<'_, T>, result: i32| -> HostResult<()> {
		let origin = c.data().tx.origin;
		write_getter_result(&mut c, result, origin.as_bytes())
	})?;

	// getCallValue(resultOffset). Writes the value sent with the call, u128 little-endian.
	// Traps: out-of-bounds memory.
	linker.func_wrap(ns, "getCallValue", |mut c: Ctx<'_, T>, result: i32| -> HostResult<()> {
		let value = encode_value(c.data().context.value);
		write_getter_result(&mut c, result, &value)
	})?;

	// getCallDataSize() -> i32. The length of the call data.
	linker.func_wrap(ns, "getCallDataSize", |mut c: Ctx<'_, T>| -> HostResult<i32> {
		let size = c.data().context.input.len() as i32;
		getter(&mut c, size)
	})?;

	// callDataCopy(resultOffset, dataOffset, length). Copies call data into memory.
	// Costs a copy of `length` bytes. Traps: the range lies past the end of the call data;
	// out-of-bounds memory; out of gas.
	linker.func_wrap(
		ns,
		"callDataCopy",
		|mut c: Ctx<'_, T>, result: i32, offset: i32, length: i32| -> HostResult<()> {
			let cost = c.data().costs().copy(length as u32);
			charge(&mut c, cost)?;
			let trap = HostTrap::CallDataOutOfBounds;
			copy_to_memory(&mut c, result, |state| &state.context.input, offset, length, trap)
		},
	)?;

	// getCodeSize() -> i32. The length of the running code (the init code during creation).
	linker.func_wrap(ns, "getCodeSize", |mut c: Ctx<'_, T>| -> HostResult<i32> {
		let size = c.data().context.code.len() as i32;
		getter(&mut c, size)
	})?;

	// codeCopy(resultOffset, codeOffset, length). Copies the running code into memory.
	// Costs a copy of `length` bytes. Traps: the range lies past the end of the code;
	// out-of-bounds memory; out of gas.
	linker.func_wrap(
		ns,
		"codeCopy",
		|mut c: Ctx<'_, T>, result: i32, offset: i32, length: i32| -> HostResult<()> {
			let cost = c.data().costs().copy(length as u32);
			charge(&mut c, cost)?;
			let trap = HostTrap::CodeOutOfBounds;
			copy_to_memory(&mut c, result, |state| &state.context.code, offset, length, trap)
		},
	)?;

	// getReturnDataSize() -> i32. The length of the last call's or creation's return data.
	linker.func_wrap(ns, "getReturnDataSize", |mut c: Ctx<'_, T>| -> HostResult<i32> {
		let size = c.data().return_data.len() as i32;
		getter(&mut c, size)
	})?;

	// returnDataCopy(resultOffset, dataOffset, length). Copies return data into memory.
	// Costs a copy of `length` bytes. Traps: the range lies past the end of the return data;
	// out-of-bounds memory; out of gas.
	linker.func_wrap(
		ns,
		"returnDataCopy",
		|mut c: Ctx<'_, T>, result: i32, offset: i32, length: i32| -> HostResult<()> {
			let cost = c.data().costs().copy(length as u32);
			charge(&mut c, cost)?;
			let trap = HostTrap::ReturnDataOutOfBounds;
			copy_to_memory(&mut c, result, |state| &state.return_data, offset, length, trap)
		},
	)?;

	Ok(())
}

/// The block and the transaction's price.
fn link_block<T: Config>(
	linker: &mut Linker<HostState<T>>,
	ns: &'static str,
) -> Result<(), wasmi::Error> {
	// getBlockNumber() -> i64.
	linker.func_wrap(ns, "getBlockNumber", |mut c: Ctx<'_, T>| -> HostResult<i64> {
		getter(&mut c, to_i64(environment::block_number::<T>()))
	})?;

	// getBlockTimestamp() -> i64. Seconds since the Unix epoch.
	linker.func_wrap(ns, "getBlockTimestamp", |mut c: Ctx<'_, T>| -> HostResult<i64> {
		getter(&mut c, to_i64(T::Environment::timestamp()))
	})?;

	// getBlockGasLimit() -> i64.
	linker.func_wrap(ns, "getBlockGasLimit", |mut c: Ctx<'_, T>| -> HostResult<i64> {
		getter(&mut c, to_i64(T::Environment::block_gas_limit()))
	})?;

	// getBlockCoinbase(resultOffset). Writes the block author's 20-byte address.
	// Traps: out-of-bounds memory.
	linker.func_wrap(
		ns,
		"getBlockCoinbase",
		|mut c: Ctx<'_, T>, result: i32| -> HostResult<()> {
			write_getter_result(&mut c, result, T::Environment::coinbase().as_bytes())
		},
	)?;

	// getBlockDifficulty(resultOffset). Writes the difficulty, u256 little-endian.
	// Traps: out-of-bounds memory.
	linker.func_wrap(
		ns,
		"getBlockDifficulty",
		|mut c: Ctx<'_, T>, result: i32| -> HostResult<()> {
			write_getter_result(&mut c, result, &T::Environment::difficulty())
		},
	)?;

	// getTxGasPrice(resultOffset). Writes the price of one gas, u128 little-endian.
	// Traps: out-of-bounds memory.
	linker.func_wrap(ns, "getTxGasPrice", |mut c: Ctx<'_, T>, result: i32| -> HostResult<()> {
		write_getter_result(&mut c, result, &encode_value(T::Environment::gas_price()))
	})?;

	// getBlockHash(number: i64, resultOffset) -> i32. Writes the hash of one of the 256
	// blocks before the current one and returns 0; returns 1 (writing nothing) for any other
	// number. Traps: out-of-bounds memory; out of gas.
	linker.func_wrap(
		ns,
		"getBlockHash",
		|mut c: Ctx<'_, T>, number: i64, result: i32| -> HostResult<i32> {
			let cost = c.data().costs().block_hash;
			charge(&mut c, cost)?;
			let hash = u64::try_from(number).ok().and_then(environment::block_hash::<T>);
			match hash {
				Some(hash) => {
					write(&mut c, result, &hash)?;
					Ok(ReturnCode::Success.into())
				}
				None => Ok(ReturnCode::Failure.into()),
			}
		},
	)?;

	Ok(())
}

/// Storage, balances, other contracts' code, logs.
fn link_state<T: Config>(
	linker: &mut Linker<HostState<T>>,
	ns: &'static str,
) -> Result<(), wasmi::Error> {
	// storageStore(pathOffset, valueOffset). Stores a 32-byte value under a 32-byte key of
	// the frame's account; storing zero deletes the key (and earns the clearing refund).
	// Costs the update price, paid before the slot is read, plus the difference to the
	// creation price when a zero slot becomes non-zero; both at their warm prices when the
	// transaction has accessed the slot before (`vm::accessed`), the warm update price paid
	// before the key is read.
	// Traps: static call; out-of-bounds memory; out of gas.
	linker.func_wrap(
		ns,
		"storageStore",
		|mut c: Ctx<'_, T>, key: i32, value: i32| -> HostResult<()> {
			ensure_mutable(&c)?;
			let costs = *c.data().costs();
			charge(&mut c, costs.storage_store_update_warm)?;
			let key: Word = read_array(&c, key)?;
			let value: Word = read_array(&c, value)?;
			let address = c.data().context.address;
			let cold_surcharge =
				costs.storage_store_update.saturating_sub(costs.storage_store_update_warm);
			let (update, create) = match access_slot(&mut c, &address, &key, cold_surcharge)? {
				true => (costs.storage_store_update_warm, costs.storage_store_create_warm),
				false => (costs.storage_store_update, costs.storage_store_create),
			};
			let existed = storage::read::<T>(&address, &key).is_some();
			let clears = value == [0u8; 32];
			if !existed && !clears {
				charge(&mut c, create.saturating_sub(update))?;
			}
			if existed && clears {
				let state = c.data_mut();
				state.refund = state.refund.saturating_add(costs.storage_clear_refund);
			}
			storage::write::<T>(&address, &key, &value, existed);
			Ok(())
		},
	)?;

	// storageLoad(pathOffset, resultOffset). Writes the 32-byte value under a key of the
	// frame's account (zero if unset). Traps: out-of-bounds memory; out of gas.
	linker.func_wrap(
		ns,
		"storageLoad",
		|mut c: Ctx<'_, T>, key: i32, result: i32| -> HostResult<()> {
			let value = load_charged(&mut c, key)?;
			write(&mut c, result, &value)
		},
	)?;

	// getExternalBalance(addressOffset, resultOffset). Writes the balance of any address,
	// u128 little-endian. Traps: out-of-bounds memory; out of gas.
	linker.func_wrap(
		ns,
		"getExternalBalance",
		|mut c: Ctx<'_, T>, address: i32, result: i32| -> HostResult<()> {
			let cost = c.data().costs().external_balance;
			charge(&mut c, cost)?;
			let address = Address(read_array(&c, address)?);
			write(&mut c, result, &encode_value(accounts::balance_of::<T>(&address)))
		},
	)?;

	// getExternalCodeSize(addressOffset) -> i32. The code length of any address (0 without
	// a contract). Traps: out-of-bounds memory; out of gas.
	linker.func_wrap(
		ns,
		"getExternalCodeSize",
		|mut c: Ctx<'_, T>, address: i32| -> HostResult<i32> {
			let cost = c.data().costs().external_code;
			charge(&mut c, cost)?;
			let address = Address(read_array(&c, address)?);
			Ok(storage::code_len_of::<T>(&address) as i32)
		},
	)?;

	// externalCodeCopy(addressOffset, resultOffset, codeOffset, length). Copies another
	// contract's code into memory. Costs the external code price plus a copy per word, then
	// the loading of the contract's code by its size (`code_load_per_word`) before it is read.
	// Traps: the range lies past the end of the code; out-of-bounds memory; out of gas.
	linker.func_wrap(
		ns,
		"externalCodeCopy",
		|mut c: Ctx<'_, T>,
		 address: i32,
		 result: i32,
		 offset: i32,
		 length: i32|
		 -> HostResult<()> {
			let costs = *c.data().costs();
			charge(&mut c, costs.external_code_copy(length as u32))?;
			let address = Address(read_array(&c, address)?);
			charge(&mut c, costs.code_load(storage::code_len_of::<T>(&address)))?;
			let code = storage::code_of::<T>(&address).unwrap_or_default();
			let bytes = sub_range(&code, offset, length).ok_or(HostTrap::CodeOutOfBounds)?;
			write(&mut c, result, bytes)
		},
	)?;

	// log(dataOffset, dataLength, numberOfTopics, topic1, topic2, topic3, topic4). Emits
	// `ContractEmitted` with the data and the first `numberOfTopics` 32-byte topics.
	// Traps: static call; more than four topics; out-of-bounds memory; out of gas.
	linker.func_wrap(
		ns,
		"log",
		|mut c: Ctx<'_, T>,
		 data: i32,
		 length: i32,
		 topic_count: i32,
		 t1: i32,
		 t2: i32,
		 t3: i32,
		 t4: i32|
		 -> HostResult<()> {
			ensure_mutable(&c)?;
			let topic_count = topic_count as u32;
			if topic_count > MAX_LOG_TOPICS {
				return Err(HostTrap::TooManyTopics.into());
			}
			let cost = c.data().costs().log(topic_count, length as u32);
			charge(&mut c, cost)?;
			// The data is copied out of memory, and copied again as the event is encoded: both
			// copies come out of the call stack's budget while they live.
			let budget = &c.data().tx.memory_budget;
			let len = length as u32 as usize;
			let _copies = budget
				.reserve(len)
				.zip(budget.reserve(len.saturating_add(EVENT_ENCODING_OVERHEAD_BYTES)))
				.ok_or(HostTrap::OutOfMemory)?;
			let data = read(&c, data, length as u32)?;
			let topics = [t1, t2, t3, t4][..topic_count as usize]
				.iter()
				.map(|offset| read_array::<_, 32>(&c, *offset).map(H256))
				.collect::<HostResult<Vec<_>>>()?;
			let contract = c.data().context.address;
			crate::Pallet::<T>::deposit_event(crate::Event::ContractEmitted {
				contract,
				topics,
				data,
			});
			Ok(())
		},
	)?;

	Ok(())
}

/// Calls and creations.
fn link_calls<T: Config>(
	linker: &mut Linker<HostState<T>>,
	ns: &'static str,
) -> Result<(), wasmi::Error> {
	// call(gas: i64, addressOffset, valueOffset, dataOffset, dataLength) -> i32. Calls the
	// contract at an address (or only sends value to an address without code) with value.
	// Returns 0 success, 1 failure, 2 revert; the callee's output becomes the return data.
	// Traps: value in a static call; out-of-bounds memory; out of gas.
	linker.func_wrap(
		ns,
		"call",
		|mut c: Ctx<'_, T>, gas: i64, address: i32, value: i32, data: i32, length: i32| {
			message_call(&mut c, CallKind::Call, gas, address, Some(value), data, length)
		},
	)?;

	// callCode(gas: i64, addressOffset, valueOffset, dataOffset, dataLength) -> i32. Runs
	// another contract's code as this contract (its storage, its balance), with value.
	// Results and traps as `call`.
	linker.func_wrap(
		ns,
		"callCode",
		|mut c: Ctx<'_, T>, gas: i64, address: i32, value: i32, data: i32, length: i32| {
			message_call(&mut c, CallKind::CallCode, gas, address, Some(value), data, length)
		},
	)?;

	// callDelegate(gas: i64, addressOffset, dataOffset, dataLength) -> i32. Runs another
	// contract's code as this contract, keeping this frame's caller and value. Results and
	// traps as `call`.
	linker.func_wrap(
		ns,
		"callDelegate",
		|mut c: Ctx<'_, T>, gas: i64, address: i32, data: i32, length: i32| {
			message_call(&mut c, CallKind::Delegate, gas, address, None, data, length)
		},
	)?;

	// callStatic(gas: i64, addressOffset, dataOffset, dataLength) -> i32. Calls without
	// value; any state change below it traps. Results and traps as `call`.
	linker.func_wrap(
		ns,
		"callStatic",
		|mut c: Ctx<'_, T>, gas: i64, address: i32, data: i32, length: i32| {
			message_call(&mut c, CallKind::Static, gas, address, None, data, length)
		},
	)?;

	// create(valueOffset, dataOffset, dataLength, resultOffset) -> i32. Creates a contract
	// from init code at Ethereum's CREATE address of this contract and its nonce; writes the
	// address on success. Returns 0 success, 1 failure, 2 revert (the return data is the
	// revert data). Traps: static call; out-of-bounds memory; out of gas.
	linker.func_wrap(
		ns,
		"create",
		|mut c: Ctx<'_, T>, value: i32, data: i32, length: i32, result: i32| {
			create_contract(&mut c, value, data, length, None, result)
		},
	)?;

	// create2(valueOffset, dataOffset, dataLength, saltOffset, resultOffset) -> i32. As
	// `create`, at the CREATE2 address of this contract, the 32-byte salt and the init code.
	linker.func_wrap(
		ns,
		"create2",
		|mut c: Ctx<'_, T>, value: i32, data: i32, length: i32, salt: i32, result: i32| {
			create_contract(&mut c, value, data, length, Some(salt), result)
		},
	)?;

	Ok(())
}

/// The functions that end the frame.
fn link_halts<T: Config>(
	linker: &mut Linker<HostState<T>>,
	ns: &'static str,
) -> Result<(), wasmi::Error> {
	// finish(dataOffset, dataLength). Ends execution successfully with the given return data.
	// Costs a copy of the data. Traps: out-of-bounds memory; out of gas.
	linker.func_wrap(
		ns,
		"finish",
		|mut c: Ctx<'_, T>, data: i32, length: i32| -> HostResult<()> {
			halt_with_output(&mut c, data, length, HostTrap::Finish)
		},
	)?;

	// revert(dataOffset, dataLength). Ends execution, undoing its state changes, with the
	// given return data. Costs a copy of the data. Traps: out-of-bounds memory; out of gas.
	linker.func_wrap(
		ns,
		"revert",
		|mut c: Ctx<'_, T>, data: i32, length: i32| -> HostResult<()> {
			halt_with_output(&mut c, data, length, HostTrap::Revert)
		},
	)?;

	// selfDestruct(addressOffset). Ends execution successfully, deleting this contract (its
	// code use, its storage) and sending its balance to the beneficiary. Costs the
	// self-destruct price, per storage item deleted, and the new-account price when value
	// goes to an address that does not exist; earns the self-destruct refund.
	// Traps: static call; init code; another live frame acts as this contract (a delegated
	// frame, or re-entry); out-of-bounds memory; out of gas.
	linker.func_wrap(ns, "selfDestruct", |mut c: Ctx<'_, T>, address: i32| -> HostResult<()> {
		ensure_mutable(&c)?;
		if c.data().context.is_init {
			return Err(HostTrap::SelfDestructInInit.into());
		}
		let this = c.data().context.address;
		if c.data().tx.active_frames.count(&this) > 1 {
			return Err(HostTrap::SelfDestructWhileActive.into());
		}
		let beneficiary = Address(read_array(&c, address)?);
		let costs = *c.data().costs();
		let items = ContractInfoOf::<T>::get(this).map_or(0, |info| info.storage_items);
		let mut cost = costs
			.self_destruct
			.saturating_add(costs.self_destruct_per_item.saturating_mul(items.into()));
		if accounts::contract_balance::<T>(&this) > 0 && !accounts::exists::<T>(&beneficiary) {
			cost = cost.saturating_add(costs.new_account);
		}
		charge(&mut c, cost)?;
		let state = c.data_mut();
		state.refund = state.refund.saturating_add(costs.self_destruct_refund);
		state.beneficiary = Some(beneficiary);
		Err(HostTrap::SelfDestruct.into())
	})?;

	Ok(())
}

/// `bytes` as lowercase hex digits, without a prefix.
pub(crate) fn hex(bytes: &[u8]) -> String {
	bytes.iter().map(|byte| format!("{byte:02x}")).collect()
}

/// `v2`'s hash functions: the hash of memory, computed by the host where it is read
/// (`runtime::hash_function`).
fn link_hashes<T: Config>(
	linker: &mut Linker<HostState<T>>,
	ns: &'static str,
) -> Result<(), wasmi::Error> {
	for hash in HOST_HASHES {
		linker.func_wrap(ns, hash.0, hash_function(hash))?;
	}
	Ok(())
}

/// `v2`'s getters. Each is priced by the `v1` function that does the same work, whose
/// benchmark measures it: `getChainId` as a getter (a read of a value the block has read
/// already, as `getBlockNumber`, and a 32-byte write, as `getBlockDifficulty`),
/// `getSelfBalance` as `getExternalBalance` (a balance read, without reading the address), and
/// `getExternalCodeHash` as `getExternalCodeSize` (the same read of the contract's record) and
/// a copy of the 32 bytes it writes.
fn link_v2_getters<T: Config>(
	linker: &mut Linker<HostState<T>>,
	ns: &'static str,
) -> Result<(), wasmi::Error> {
	// getChainId(resultOffset). Writes the chain's id, u256 little-endian: this parachain's
	// id. Traps: out-of-bounds memory; out of gas.
	linker.func_wrap(ns, "getChainId", |mut c: Ctx<'_, T>, result: i32| -> HostResult<()> {
		let mut id = [0u8; 32];
		id[..4].copy_from_slice(&T::Environment::para_id().to_le_bytes());
		write_getter_result(&mut c, result, &id)
	})?;

	// getSelfBalance(resultOffset). Writes the balance of the account the frame acts as
	// (`getAddress`'s), u128 little-endian. Traps: out-of-bounds memory; out of gas.
	linker.func_wrap(ns, "getSelfBalance", |mut c: Ctx<'_, T>, result: i32| -> HostResult<()> {
		let cost = c.data().costs().external_balance;
		charge(&mut c, cost)?;
		let address = c.data().context.address;
		write(&mut c, result, &encode_value(accounts::balance_of::<T>(&address)))
	})?;

	// getExternalCodeHash(addressOffset, resultOffset). Writes the keccak256 of the code of
	// the contract at an address (Ethereum's `EXTCODEHASH` of a contract), 32 zero bytes
	// where no contract lives (none ever did, it self-destructed, or it sleeps evicted) and
	// while its init code runs.
	// Traps: out-of-bounds memory; out of gas.
	linker.func_wrap(
		ns,
		"getExternalCodeHash",
		|mut c: Ctx<'_, T>, address: i32, result: i32| -> HostResult<()> {
			let costs = *c.data().costs();
			charge(&mut c, costs.external_code.saturating_add(costs.copy(32)))?;
			let address = Address(read_array(&c, address)?);
			let hash = storage::code_hash_of::<T>(&address).unwrap_or_default();
			write(&mut c, result, hash.as_bytes())
		},
	)?;

	Ok(())
}

/// `v2`'s bignum helpers: 256-bit arithmetic on 32-byte big-endian numbers in memory
/// ([`crate::bignum`]), each at a fixed price.
fn link_bignum<T: Config>(
	linker: &mut Linker<HostState<T>>,
	ns: &'static str,
) -> Result<(), wasmi::Error> {
	// bignum_add256(a, b, result) / bignum_sub256 / bignum_mul256: `runtime::bignum_binary`.
	for (_, name, operation) in bignum::BINARY {
		linker.func_wrap(ns, name, bignum_binary(operation))?;
	}
	// bignum_umulmod256(a, b, modulus, result): `runtime::bignum_mulmod`.
	linker.func_wrap(ns, "bignum_umulmod256", bignum_mulmod::<HostState<T>>)?;
	Ok(())
}

/// `v2`'s `ecrecover`: Ethereum's signature recovery (`runtime::ecrecover`).
fn link_ecrecover<T: Config>(
	linker: &mut Linker<HostState<T>>,
	ns: &'static str,
) -> Result<(), wasmi::Error> {
	// ecrecover(hashOffset, signatureOffset, resultOffset) -> i32.
	linker.func_wrap(ns, "ecrecover", ecrecover::<HostState<T>>)?;
	Ok(())
}

/// The `debug` namespace: prints to the node's log under [`DEBUG_LOG_TARGET`]. Validation
/// refuses imports of it unless the chain enables debugging. Each costs like a getter (plus
/// a copy or a storage read for what it prints).
fn link_debug<T: Config>(linker: &mut Linker<HostState<T>>) -> Result<(), wasmi::Error> {
	let ns = DEBUG_NAMESPACE;

	linker.func_wrap(ns, "print32", |mut c: Ctx<'_, T>, value: i32| -> HostResult<()> {
		charge_base(&mut c)?;
		log::info!(target: DEBUG_LOG_TARGET, "print32: {value}");
		Ok(())
	})?;

	linker.func_wrap(ns, "print64", |mut c: Ctx<'_, T>, value: i64| -> HostResult<()> {
		charge_base(&mut c)?;
		log::info!(target: DEBUG_LOG_TARGET, "print64: {value}");
		Ok(())
	})?;

	linker.func_wrap(
		ns,
		"printMem",
		|mut c: Ctx<'_, T>, offset: i32, length: i32| -> HostResult<()> {
			let bytes = read_charged(&mut c, offset, length)?;
			log::info!(target: DEBUG_LOG_TARGET, "printMem: {}", String::from_utf8_lossy(&bytes));
			Ok(())
		},
	)?;

	linker.func_wrap(
		ns,
		"printMemHex",
		|mut c: Ctx<'_, T>, offset: i32, length: i32| -> HostResult<()> {
			let bytes = read_charged(&mut c, offset, length)?;
			log::info!(target: DEBUG_LOG_TARGET, "printMemHex: {}", hex(&bytes));
			Ok(())
		},
	)?;

	linker.func_wrap(ns, "printStorage", |mut c: Ctx<'_, T>, key: i32| -> HostResult<()> {
		let value = load_charged(&mut c, key)?;
		log::info!(target: DEBUG_LOG_TARGET, "printStorage: {}", String::from_utf8_lossy(&value));
		Ok(())
	})?;

	linker.func_wrap(ns, "printStorageHex", |mut c: Ctx<'_, T>, key: i32| -> HostResult<()> {
		let value = load_charged(&mut c, key)?;
		log::info!(target: DEBUG_LOG_TARGET, "printStorageHex: {}", hex(&value));
		Ok(())
	})?;

	Ok(())
}

/// Charges a copy of `length` bytes and reads them.
fn read_charged<T>(c: &mut Ctx<'_, T>, offset: i32, length: i32) -> HostResult<Vec<u8>> {
	let cost = c.data().costs().copy(length as u32);
	charge(c, cost)?;
	read(c, offset, length as u32)
}

/// Charges a storage read and reads the value under the key at `key` (zero if unset): the warm
/// price first, the rest of the full price once the key shows the slot was not accessed
/// before in the transaction.
fn load_charged<T: Config>(c: &mut Ctx<'_, T>, key: i32) -> HostResult<Word> {
	let costs = *c.data().costs();
	charge(c, costs.storage_load_warm)?;
	let key: Word = read_array(c, key)?;
	let address = c.data().context.address;
	access_slot(c, &address, &key, costs.storage_load.saturating_sub(costs.storage_load_warm))?;
	Ok(storage::read::<T>(&address, &key).unwrap_or([0u8; 32]))
}

/// An access of `key` of the contract at `address`, whose warm price is paid: if the
/// transaction has not accessed the slot before, charges `cold_surcharge` (the rest of the
/// full price), then records the slot. Whether it was warm.
fn access_slot<T>(
	c: &mut Ctx<'_, T>,
	address: &Address,
	key: &Word,
	cold_surcharge: u64,
) -> HostResult<bool> {
	let slots = c.data().tx.accessed_slots.clone();
	let warm = slots.is_warm(address, key);
	if !warm {
		charge(c, cold_surcharge)?;
		slots.record(address, key);
	}
	Ok(warm)
}
