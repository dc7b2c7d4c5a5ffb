//! What a host function works with: the per-execution host state, bounds-checked access to
//! the contract's memory, gas charging against the store's fuel, and the halts
//! (`finish`, `revert`, traps) that end an execution.

use super::Context;
use crate::gas::HostCosts;
use alloc::vec::Vec;
use core::{fmt, marker::PhantomData};
use wasmi::{errors::HostError, Caller, Memory, StoreLimits};

/// The state a wasmi store carries through one contract execution.
pub struct HostState<T> {
	/// Who runs, on whose behalf, with what value and input.
	pub context: Context,
	/// The contract's exported memory, set once the module is instantiated.
	pub memory: Option<Memory>,
	/// The data passed to `finish` or `revert`.
	pub output: Vec<u8>,
	/// Memory and table growth limits.
	pub limits: StoreLimits,
	/// Gas prices of the host functions.
	pub costs: HostCosts,
	_runtime: PhantomData<T>,
}

impl<T> HostState<T> {
	/// A fresh state for one execution.
	pub fn new(context: Context, costs: HostCosts, limits: StoreLimits) -> Self {
		HostState {
			context,
			memory: None,
			output: Vec::new(),
			limits,
			costs,
			_runtime: PhantomData,
		}
	}
}

/// Why a host function stopped the contract.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HostTrap {
	/// `finish` was called: success, with `output` as return data.
	Finish,
	/// `revert` was called: failure, state reverted, with `output` as return data.
	Revert,
	/// The gas left could not pay a host function's cost.
	OutOfGas,
	/// A host function was given a memory range outside the contract's memory.
	MemoryOutOfBounds,
	/// `callDataCopy` asked for bytes past the end of the call data.
	CallDataOutOfBounds,
	/// `useGas` was called with a negative amount.
	NegativeGas,
	/// `log` was called with more than four topics.
	TooManyTopics,
	/// The module has no exported memory (validation prevents this).
	NoMemory,
}

impl fmt::Display for HostTrap {
	fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
		fmt::Debug::fmt(self, f)
	}
}

impl HostError for HostTrap {}

impl From<HostTrap> for wasmi::Error {
	fn from(trap: HostTrap) -> Self {
		wasmi::Error::host(trap)
	}
}

/// The result type of host functions.
pub type HostResult<R> = Result<R, wasmi::Error>;

/// Burns `gas` from the gas left, or halts out of gas (burning everything) if it cannot.
pub fn charge<T>(caller: &mut Caller<'_, HostState<T>>, gas: u64) -> HostResult<()> {
	let left = caller.get_fuel()?;
	match left.checked_sub(gas) {
		Some(rest) => Ok(caller.set_fuel(rest)?),
		None => {
			caller.set_fuel(0)?;
			Err(HostTrap::OutOfGas.into())
		}
	}
}

fn memory<T>(caller: &Caller<'_, HostState<T>>) -> HostResult<Memory> {
	caller.data().memory.ok_or_else(|| HostTrap::NoMemory.into())
}

/// The memory range `[offset, offset + len)`, if it lies inside the contract's memory.
/// Offsets are the contract's unsigned 32-bit pointers.
fn range<T>(
	caller: &Caller<'_, HostState<T>>,
	offset: i32,
	len: u32,
) -> HostResult<(usize, usize)> {
	let start = offset as u32 as usize;
	let end = start.checked_add(len as usize).ok_or(HostTrap::MemoryOutOfBounds)?;
	if end > memory(caller)?.data_size(caller) {
		return Err(HostTrap::MemoryOutOfBounds.into());
	}
	Ok((start, end))
}

/// Copies `len` bytes at `offset` out of the contract's memory; traps if out of bounds.
pub fn read<T>(caller: &Caller<'_, HostState<T>>, offset: i32, len: u32) -> HostResult<Vec<u8>> {
	let (start, end) = range(caller, offset, len)?;
	Ok(memory(caller)?.data(caller)[start..end].to_vec())
}

/// Reads a fixed-size value (an address, a word, a value) at `offset`; traps if out of
/// bounds.
pub fn read_array<T, const N: usize>(
	caller: &Caller<'_, HostState<T>>,
	offset: i32,
) -> HostResult<[u8; N]> {
	let (start, end) = range(caller, offset, N as u32)?;
	let mut bytes = [0u8; N];
	bytes.copy_from_slice(&memory(caller)?.data(caller)[start..end]);
	Ok(bytes)
}

/// Writes `bytes` into the contract's memory at `offset`; traps if out of bounds.
pub fn write<T>(
	caller: &mut Caller<'_, HostState<T>>,
	offset: i32,
	bytes: &[u8],
) -> HostResult<()> {
	let (start, end) = range(caller, offset, bytes.len() as u32)?;
	let memory = memory(caller)?;
	memory.data_mut(caller)[start..end].copy_from_slice(bytes);
	Ok(())
}

/// Reads the contract's `(offset, len)` output (trapping if it is out of bounds), charges for
/// copying it so return data is never free, and halts with `trap` (`finish`/`revert`).
pub fn halt_with_output<T>(
	caller: &mut Caller<'_, HostState<T>>,
	offset: i32,
	len: i32,
	trap: HostTrap,
) -> HostResult<()> {
	let output = read(caller, offset, len as u32)?;
	let cost = caller.data().costs.copy(len as u32);
	charge(caller, cost)?;
	caller.data_mut().output = output;
	Err(trap.into())
}
