//! What a host function works with: the per-frame host state, bounds-checked access to the
//! contract's memory, gas charging (against the store's fuel, or the host state's counter when
//! instructions are free), and the halts (`finish`, `revert`, `selfDestruct`, traps) that end
//! an execution.

use super::limiter::{BudgetedBytes, FrameLimiter};
use super::{Context, Loaded, Transaction};
use crate::gas::{HostCosts, InstructionMetering, Schedule};
use alloc::vec::Vec;
use core::{fmt, marker::PhantomData};
use ewasm_primitives::{value::Word, Address};
use wasmi::{errors::HostError, AsContext, AsContextMut, Caller, Memory};

/// The state a wasmi store carries through one contract execution (one frame).
pub struct HostState<T> {
	/// Who runs, on whose behalf, with what value, input and code.
	pub context: Context,
	/// What the whole transaction shares: origin, VM versions, budgets.
	pub tx: Transaction,
	/// The gas schedule of the frame's VM version.
	pub schedule: Schedule,
	/// The contract's exported memory, set once the module is instantiated.
	pub memory: Option<Memory>,
	/// The data passed to `finish` or `revert`.
	pub output: BudgetedBytes,
	/// The return data of the last call or creation this frame made.
	pub return_data: BudgetedBytes,
	/// The gas one unit of the store's fuel stands for: the schedule's price of fuel for this
	/// frame's module ([`crate::gas::FuelPrice::gas_per_fuel`]); 1 when instructions are free.
	pub gas_per_fuel: u64,
	/// The gas left besides the store's fuel: all of it when instructions are free
	/// ([`InstructionMetering::Free`]); otherwise what is left below the price of a unit of
	/// fuel (the gas left is the fuel times `gas_per_fuel`, plus this).
	pub gas_counter: u64,
	/// Gas refunds earned by this frame and the frames it called that succeeded.
	pub refund: u64,
	/// Where `selfDestruct` sends the balance.
	pub beneficiary: Option<Address>,
	/// Memory and table growth limits.
	pub limits: FrameLimiter,
	_runtime: PhantomData<T>,
}

impl<T> HostState<T> {
	/// A fresh state for one frame of `code`.
	pub fn new(context: Context, tx: Transaction, limits: FrameLimiter, code: &Loaded) -> Self {
		let gas_per_fuel = match code.schedule.instructions {
			InstructionMetering::Fuel(price) => {
				price.gas_per_fuel(code.prepared.max_function_locals)
			}
			InstructionMetering::Free { .. } => 1,
		};
		HostState {
			context,
			tx,
			schedule: code.schedule,
			memory: None,
			output: BudgetedBytes::default(),
			return_data: BudgetedBytes::default(),
			gas_per_fuel,
			gas_counter: 0,
			refund: 0,
			beneficiary: None,
			limits,
			_runtime: PhantomData,
		}
	}

	/// The gas prices of the frame's schedule.
	pub fn costs(&self) -> &HostCosts {
		&self.schedule.host
	}
}

/// Why a host function stopped the contract.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HostTrap {
	/// `finish` was called: success, with `output` as return data.
	Finish,
	/// `selfDestruct` was called: success; the balance goes to `beneficiary`.
	SelfDestruct,
	/// `revert` was called: failure, state reverted, with `output` as return data.
	Revert,
	/// The gas left could not pay a host function's cost.
	OutOfGas,
	/// A host function was given a memory range outside the contract's memory.
	MemoryOutOfBounds,
	/// `callDataCopy` asked for bytes past the end of the call data.
	CallDataOutOfBounds,
	/// `codeCopy` or `externalCodeCopy` asked for bytes past the end of the code.
	CodeOutOfBounds,
	/// `returnDataCopy` asked for bytes past the end of the return data.
	ReturnDataOutOfBounds,
	/// A state-changing function (`storageStore`, `log`, `selfDestruct`, `create`, a call
	/// with value) was called in a static call.
	StaticViolation,
	/// `selfDestruct` was called by init code (a contract cannot destroy itself before it
	/// exists).
	SelfDestructInInit,
	/// `selfDestruct` was called while another live frame acts as the same contract (a
	/// `callDelegate`/`callCode` into a self-destructing library, or re-entry); see
	/// [`super::active`].
	SelfDestructWhileActive,
	/// `useGas` was called with a negative amount.
	NegativeGas,
	/// `log` was called with more than four topics.
	TooManyTopics,
	/// The module has no exported memory (validation prevents this).
	NoMemory,
	/// An execution environment's `blockDataCopy` asked for bytes past the end of the block
	/// data.
	BlockDataOutOfBounds,
	/// An execution environment's `pushNewDeposit` was given other than 184 bytes, or more
	/// deposits than a block may make.
	DepositInvalid,
	/// A bignum helper's result does not fit 256 bits: `add256` or `mul256` overflowed,
	/// `sub256` underflowed (an execution environment's or `v2`'s).
	BignumOverflow,
	/// `v2`'s `bignum_umulmod256` was given a modulus of zero.
	BignumZeroModulus,
	/// The call stack's memory budget cannot hold the output of `finish` or `revert`.
	OutOfMemory,
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

/// The gas left, of a frame's store or of a host function's caller.
pub fn gas_left<T>(ctx: impl AsContext<Data = HostState<T>>) -> HostResult<u64> {
	let ctx = ctx.as_context();
	let state = ctx.data();
	match state.schedule.instructions {
		InstructionMetering::Fuel(_) => {
			Ok(ctx.get_fuel()?.saturating_mul(state.gas_per_fuel).saturating_add(state.gas_counter))
		}
		InstructionMetering::Free { .. } => Ok(state.gas_counter),
	}
}

/// Sets the gas left, of a frame's store or of a host function's caller.
pub fn set_gas_left<T>(
	mut ctx: impl AsContextMut<Data = HostState<T>>,
	gas: u64,
) -> HostResult<()> {
	let mut ctx = ctx.as_context_mut();
	match ctx.data().schedule.instructions {
		InstructionMetering::Fuel(_) => {
			let per_fuel = ctx.data().gas_per_fuel.max(1);
			ctx.set_fuel(gas / per_fuel)?;
			ctx.data_mut().gas_counter = gas % per_fuel;
		}
		InstructionMetering::Free { .. } => ctx.data_mut().gas_counter = gas,
	}
	Ok(())
}

/// Burns `gas` from the gas left, or halts out of gas (burning everything) if it cannot.
pub fn charge<T>(caller: &mut Caller<'_, HostState<T>>, gas: u64) -> HostResult<()> {
	let left = gas_left(&*caller)?;
	match left.checked_sub(gas) {
		Some(rest) => set_gas_left(caller, rest),
		None => {
			set_gas_left(&mut *caller, 0)?;
			Err(HostTrap::OutOfGas.into())
		}
	}
}

/// Gives `gas` back (what a callee did not use).
pub fn refund_gas<T>(caller: &mut Caller<'_, HostState<T>>, gas: u64) -> HostResult<()> {
	let left = gas_left(&*caller)?;
	set_gas_left(caller, left.saturating_add(gas))
}

/// A store's data that knows the module's exported memory, which host functions read and
/// write: a contract frame's [`HostState`], and an execution environment's.
pub trait GuestMemory {
	/// The module's exported memory, once it is instantiated.
	fn guest_memory(&self) -> Option<Memory>;
}

impl<T> GuestMemory for HostState<T> {
	fn guest_memory(&self) -> Option<Memory> {
		self.memory
	}
}

fn memory<D: GuestMemory>(caller: &Caller<'_, D>) -> HostResult<Memory> {
	caller.data().guest_memory().ok_or_else(|| HostTrap::NoMemory.into())
}

/// The memory range `[offset, offset + len)`, if it lies inside the module's memory.
/// Offsets are the contract's unsigned 32-bit pointers.
fn range<D: GuestMemory>(
	caller: &Caller<'_, D>,
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

/// Traps unless `[offset, offset + len)` lies inside the contract's memory.
pub fn check_range<D: GuestMemory>(
	caller: &Caller<'_, D>,
	offset: i32,
	len: u32,
) -> HostResult<()> {
	range(caller, offset, len).map(|_| ())
}

/// Copies `len` bytes at `offset` out of the contract's memory; traps if out of bounds.
pub fn read<D: GuestMemory>(caller: &Caller<'_, D>, offset: i32, len: u32) -> HostResult<Vec<u8>> {
	let (start, end) = range(caller, offset, len)?;
	Ok(memory(caller)?.data(caller)[start..end].to_vec())
}

/// `hash` of `len` bytes at `offset` of the contract's memory, hashed where they lie; traps if
/// out of bounds.
pub fn hash_memory<D: GuestMemory>(
	caller: &Caller<'_, D>,
	offset: i32,
	len: u32,
	hash: fn(&[u8]) -> [u8; 32],
) -> HostResult<[u8; 32]> {
	let (start, end) = range(caller, offset, len)?;
	Ok(hash(&memory(caller)?.data(caller)[start..end]))
}

/// Reads a fixed-size value (an address, a word, a value) at `offset`; traps if out of
/// bounds.
pub fn read_array<D: GuestMemory, const N: usize>(
	caller: &Caller<'_, D>,
	offset: i32,
) -> HostResult<[u8; N]> {
	let (start, end) = range(caller, offset, N as u32)?;
	let mut bytes = [0u8; N];
	bytes.copy_from_slice(&memory(caller)?.data(caller)[start..end]);
	Ok(bytes)
}

/// Writes `bytes` into the contract's memory at `offset`; traps if out of bounds.
pub fn write<D: GuestMemory>(
	caller: &mut Caller<'_, D>,
	offset: i32,
	bytes: &[u8],
) -> HostResult<()> {
	let (start, end) = range(caller, offset, bytes.len() as u32)?;
	let memory = memory(caller)?;
	memory.data_mut(caller)[start..end].copy_from_slice(bytes);
	Ok(())
}

/// A bignum helper of memory: reads the 32-byte big-endian numbers at `operands`, and writes
/// what `operation` ([`crate::bignum`]) makes of them at `out` (which may be an operand's);
/// traps with `no_result` where `operation` has none, or if a range is out of bounds (nothing
/// is written then).
pub fn bignum_in_memory<D: GuestMemory, const N: usize>(
	caller: &mut Caller<'_, D>,
	operands: [i32; N],
	out: i32,
	operation: impl FnOnce([Word; N]) -> Option<Word>,
	no_result: HostTrap,
) -> HostResult<()> {
	let mut values = [[0u8; 32]; N];
	for (value, offset) in values.iter_mut().zip(operands) {
		*value = read_array(caller, offset)?;
	}
	let result = operation(values).ok_or(no_result)?;
	write(caller, out, &result)
}

/// `source[offset..offset + length]` for the contract's unsigned 32-bit `offset` and `length`,
/// `None` if that is not inside `source`.
pub fn sub_range(source: &[u8], offset: i32, length: i32) -> Option<&[u8]> {
	let start = offset as u32 as usize;
	let end = start.checked_add(length as u32 as usize)?;
	source.get(start..end)
}

/// Copies `length` bytes at `offset` of what `source` selects from the store's data (a frame's
/// call data, code or return data; an execution environment's block data) to `result` in the
/// module's memory, with no copy in between: traps with `trap` if the range is not inside the
/// source, or if the memory range is out of bounds.
pub fn copy_to_memory<D: GuestMemory>(
	caller: &mut Caller<'_, D>,
	result: i32,
	source: fn(&D) -> &[u8],
	offset: i32,
	length: i32,
	trap: HostTrap,
) -> HostResult<()> {
	if sub_range(source(caller.data()), offset, length).is_none() {
		return Err(trap.into());
	}
	let (start, end) = range(caller, result, length as u32)?;
	let (memory, state) = memory(caller)?.data_and_store_mut(caller);
	let bytes = sub_range(source(state), offset, length).ok_or(trap)?;
	memory[start..end].copy_from_slice(bytes);
	Ok(())
}

/// Charges for copying the contract's `(offset, len)` output, so return data is never free,
/// takes its length from the call stack's budget (it outlives the frame as its caller's return
/// data), copies it (trapping if it is out of bounds or the budget cannot hold it), and halts
/// with `trap` (`finish`/`revert`).
pub fn halt_with_output<T>(
	caller: &mut Caller<'_, HostState<T>>,
	offset: i32,
	len: i32,
	trap: HostTrap,
) -> HostResult<()> {
	check_range(caller, offset, len as u32)?;
	let cost = caller.data().costs().output(len as u32);
	charge(caller, cost)?;
	let output = read_budgeted(caller, offset, len as u32)?.ok_or(HostTrap::OutOfMemory)?;
	caller.data_mut().output = output;
	Err(trap.into())
}

/// Copies `len` bytes at `offset` out of the contract's memory to keep them beyond this host
/// call, their length taken from the call stack's budget first; `None` (nothing copied) if the
/// budget cannot hold them. Traps if the range is out of bounds.
pub fn read_budgeted<T>(
	caller: &Caller<'_, HostState<T>>,
	offset: i32,
	len: u32,
) -> HostResult<Option<BudgetedBytes>> {
	let Some(reservation) = caller.data().tx.memory_budget.reserve(len as usize) else {
		return Ok(None);
	};
	Ok(Some(BudgetedBytes::new(read(caller, offset, len)?, reservation)))
}
