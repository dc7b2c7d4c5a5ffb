//! Calling other contracts and creating them: the four kinds of call, `create` and `create2`,
//! and the return data they leave. A call forwards at most all but one 64th of the gas left
//! (whatever `gas` asks for), and fails without running past 32 frames deep.
//!
//! ```no_run
//! use ewasm_sdk::{call::{self, Outcome}, env, Address};
//! let token = Address([7; 20]);
//! let mut data = [0u8; 36];
//! data[..4].copy_from_slice(&ewasm_sdk::selector!("balanceOf(address)"));
//! data[16..36].copy_from_slice(&env::address().0);
//! if call::call_static(env::gas_left(), &token, &data) == Outcome::Success {
//!     let mut balance = [0u8; 32];
//!     call::return_data(&mut balance, 0);
//! }
//! ```

use crate::{
	env::{offset, offset_mut},
	sys,
	types::Address,
	Word,
};

/// How a call or creation ended, as the host reports it (its `ReturnCode`).
///
/// ```no_run
/// use ewasm_sdk::{call::{self, Outcome}, env, halt, Address};
/// match call::call(env::gas_left(), &Address([7; 20]), 0, &[]) {
///     Outcome::Success => {},
///     Outcome::Revert => halt::revert_with_message("callee reverted"),
///     Outcome::Failure => halt::revert_with_message("call failed"),
/// }
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
	/// It succeeded (0).
	Success,
	/// It failed: trapped, ran out of gas, or could not start (depth limit, balance) (1).
	Failure,
	/// The callee reverted (2); its revert data is the return data.
	Revert,
}

impl Outcome {
	fn of(code: i32) -> Outcome {
		match code {
			0 => Outcome::Success,
			2 => Outcome::Revert,
			_ => Outcome::Failure,
		}
	}
}

/// `value` as the host reads it: 16 bytes, little-endian.
fn value_bytes(value: u128) -> [u8; 16] {
	value.to_le_bytes()
}

/// Calls `to` with `value` and `data`, giving it at most `gas` (`call`). Traps in a static
/// call if `value` is not zero.
///
/// ```no_run
/// use ewasm_sdk::{call::{self, Outcome}, env, halt, selector, Address};
/// let vault = Address([7; 20]);
/// let outcome = call::call(env::gas_left(), &vault, 1_000, &selector!("deposit()"));
/// halt::require(outcome == Outcome::Success, "deposit failed");
/// ```
pub fn call(gas: u64, to: &Address, value: u128, data: &[u8]) -> Outcome {
	let value = value_bytes(value);
	// SAFETY: the host reads 20 bytes at `to`, 16 at `value` and `data.len()` at `data`.
	let code = unsafe {
		sys::call(gas as i64, offset(&to.0), offset(&value), offset(data), data.len() as i32)
	};
	Outcome::of(code)
}

/// Sends `value` to `to` with no data and no gas but the stipend a value call gives.
///
/// ```no_run
/// use ewasm_sdk::{call::{self, Outcome}, env, halt};
/// let paid = call::transfer(&env::caller(), 500);
/// halt::require(paid == Outcome::Success, "transfer failed");
/// ```
pub fn transfer(to: &Address, value: u128) -> Outcome {
	call(0, to, value, &[])
}

/// Runs `code_at`'s code as this contract, with `value` (`callCode`).
///
/// ```no_run
/// use ewasm_sdk::{call, env, selector, Address};
/// let library = Address([9; 20]);
/// let outcome = call::call_code(env::gas_left(), &library, 0, &selector!("initialize()"));
/// # let _ = outcome;
/// ```
pub fn call_code(gas: u64, code_at: &Address, value: u128, data: &[u8]) -> Outcome {
	let value = value_bytes(value);
	// SAFETY: the host reads 20 bytes at `code_at`, 16 at `value` and `data.len()` at `data`.
	let code = unsafe {
		sys::callCode(
			gas as i64,
			offset(&code_at.0),
			offset(&value),
			offset(data),
			data.len() as i32,
		)
	};
	Outcome::of(code)
}

/// Runs `code_at`'s code as this contract, keeping this call's caller and value
/// (`callDelegate`).
///
/// ```no_run
/// use ewasm_sdk::{call, env, selector, Address};
/// // a proxy: the implementation's code runs on this contract's storage
/// let implementation = Address([9; 20]);
/// let outcome = call::call_delegate(env::gas_left(), &implementation, &selector!("migrate()"));
/// # let _ = outcome;
/// ```
pub fn call_delegate(gas: u64, code_at: &Address, data: &[u8]) -> Outcome {
	// SAFETY: the host reads 20 bytes at `code_at` and `data.len()` at `data`.
	let code = unsafe {
		sys::callDelegate(gas as i64, offset(&code_at.0), offset(data), data.len() as i32)
	};
	Outcome::of(code)
}

/// Calls `to` without value, any state change below it trapping (`callStatic`).
///
/// ```no_run
/// use ewasm_sdk::{call::{self, Outcome}, env, halt, selector, Address};
/// let oracle = Address([3; 20]);
/// let outcome = call::call_static(env::gas_left(), &oracle, &selector!("price()"));
/// halt::require(outcome == Outcome::Success, "no price");
/// ```
pub fn call_static(gas: u64, to: &Address, data: &[u8]) -> Outcome {
	// SAFETY: the host reads 20 bytes at `to` and `data.len()` at `data`.
	let code =
		unsafe { sys::callStatic(gas as i64, offset(&to.0), offset(data), data.len() as i32) };
	Outcome::of(code)
}

/// The length of the last call's or creation's return data (`getReturnDataSize`).
///
/// ```no_run
/// use ewasm_sdk::{call, halt};
/// // after a call that reverted: revert with its data (as much as fits)
/// let mut data = [0u8; 256];
/// let len = (call::return_data_size() as usize).min(data.len());
/// call::return_data(&mut data[..len], 0);
/// halt::revert(&data[..len]);
/// ```
pub fn return_data_size() -> u32 {
	// SAFETY: takes and writes nothing.
	unsafe { sys::getReturnDataSize() as u32 }
}

/// Copies the return data from byte `from` into `into` (`returnDataCopy`), `None` (copying
/// nothing) if it ends before `into` is full.
///
/// ```no_run
/// use ewasm_sdk::{abi::AbiType, call, U256};
/// // after a call that returned one uint256
/// let mut word = [0u8; 32];
/// let price = call::return_data(&mut word, 0).and_then(|()| U256::decode(&word));
/// # let _ = price;
/// ```
pub fn return_data(into: &mut [u8], from: u32) -> Option<()> {
	let end = from.checked_add(into.len() as u32)?;
	if end > return_data_size() {
		return None;
	}
	// SAFETY: the host writes `into.len()` bytes at the offset, which `into` holds, from a
	// range of the return data that exists (checked above).
	unsafe { sys::returnDataCopy(offset_mut(into), from as i32, into.len() as i32) };
	Some(())
}

/// Creates a contract from `init_code` with `value`, at Ethereum's CREATE address of this
/// contract and its nonce (`create`): its address, or how it failed (a revert's data is the
/// return data). Traps in a static call.
///
/// ```no_run
/// use ewasm_sdk::{call, halt};
/// // the child's init code: in a contract, `include_bytes!` of what `ewasm build` wrote
/// let init_code: &[u8] = b"\0asm\x01\0\0\0";
/// let child = call::create(0, init_code).unwrap_or_else(|_| halt::revert(&[]));
/// # let _ = child;
/// ```
pub fn create(value: u128, init_code: &[u8]) -> Result<Address, Outcome> {
	let value = value_bytes(value);
	let mut address = Address::ZERO;
	// SAFETY: the host reads 16 bytes at `value` and `init_code.len()` at `init_code`, and
	// writes 20 at `address`.
	let code = unsafe {
		sys::create(
			offset(&value),
			offset(init_code),
			init_code.len() as i32,
			offset_mut(&mut address.0),
		)
	};
	match Outcome::of(code) {
		Outcome::Success => Ok(address),
		failed => Err(failed),
	}
}

/// As [`create`], at the CREATE2 address of this contract, `salt` and the init code
/// (`create2`): the same code and salt always give the same address.
///
/// ```no_run
/// use ewasm_sdk::{call, halt, U256};
/// let init_code: &[u8] = b"\0asm\x01\0\0\0"; // the child's init code
/// let salt = U256::from(1u64).to_be_bytes();
/// let child = call::create2(0, init_code, &salt).unwrap_or_else(|_| halt::revert(&[]));
/// # let _ = child;
/// ```
pub fn create2(value: u128, init_code: &[u8], salt: &Word) -> Result<Address, Outcome> {
	let value = value_bytes(value);
	let mut address = Address::ZERO;
	// SAFETY: the host reads 16 bytes at `value`, `init_code.len()` at `init_code` and 32 at
	// `salt`, and writes 20 at `address`.
	let code = unsafe {
		sys::create2(
			offset(&value),
			offset(init_code),
			init_code.len() as i32,
			offset(salt),
			offset_mut(&mut address.0),
		)
	};
	match Outcome::of(code) {
		Outcome::Success => Ok(address),
		failed => Err(failed),
	}
}
