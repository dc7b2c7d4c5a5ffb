//! What a host function works with: the per-frame host state, bounds-checked access to the
//! contract's memory, gas charging (against the store's fuel, or the host state's counter when
//! instructions are free), and the halts (`finish`, `revert`, `selfDestruct`, traps) that end
//! an execution.

use super::limiter::{BudgetedBytes, FrameLimiter};
use super::{Context, Loaded, Transaction};
use crate::gas::{HashCost, HostCosts, InstructionMetering, Schedule};
use crate::signature;
use alloc::vec::Vec;
use core::{fmt, marker::PhantomData};
use ewasm_primitives::{address::ADDRESS_LEN, value::Word, Address, ReturnCode};
use polkadot_sdk::sp_io::hashing::{blake2_256, keccak_256, sha2_256};
use wasmi::{errors::HostError, AsContext, AsContextMut, Caller, Memory, Store};

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
	/// How the frame's gas is kept.
	pub meter: GasMeter,
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
		let meter = GasMeter::new(&code.schedule, code.prepared.max_function_locals);
		HostState {
			context,
			tx,
			schedule: code.schedule,
			memory: None,
			output: BudgetedBytes::default(),
			return_data: BudgetedBytes::default(),
			meter,
			refund: 0,
			beneficiary: None,
			limits,
			_runtime: PhantomData,
		}
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

/// How a store keeps its gas: in the store's fuel, each unit standing for the price of fuel of
/// the module's schedule, or, when instructions are free, in a counter of its own.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct GasMeter {
	/// The gas one unit of the store's fuel stands for: the schedule's price of fuel for the
	/// module ([`crate::gas::FuelPrice::gas_per_fuel`]); `None` when instructions are free and
	/// the fuel is only a step limit.
	gas_per_fuel: Option<u64>,
	/// The gas left besides the store's fuel: all of it when instructions are free; otherwise
	/// what is left below the price of a unit of fuel (the gas left is the fuel times
	/// `gas_per_fuel`, plus this).
	counter: u64,
}

impl GasMeter {
	/// The meter of a module whose largest function declares `max_function_locals` locals,
	/// run by `schedule`.
	pub fn new(schedule: &Schedule, max_function_locals: u32) -> Self {
		let gas_per_fuel = match schedule.instructions {
			InstructionMetering::Fuel(price) => Some(price.gas_per_fuel(max_function_locals)),
			InstructionMetering::Free { .. } => None,
		};
		GasMeter { gas_per_fuel, counter: 0 }
	}
}

/// A store's data that meters gas: a contract frame's [`HostState`], and an execution
/// environment's.
pub trait Metered {
	/// Its gas meter.
	fn meter(&self) -> &GasMeter;

	/// Its gas meter, to change.
	fn meter_mut(&mut self) -> &mut GasMeter;

	/// The gas prices of its host functions.
	fn costs(&self) -> &HostCosts;
}

impl<T> Metered for HostState<T> {
	fn meter(&self) -> &GasMeter {
		&self.meter
	}

	fn meter_mut(&mut self) -> &mut GasMeter {
		&mut self.meter
	}

	fn costs(&self) -> &HostCosts {
		&self.schedule.host
	}
}

/// The gas left, of a store or of a host function's caller.
pub fn gas_left<D: Metered>(ctx: impl AsContext<Data = D>) -> HostResult<u64> {
	let ctx = ctx.as_context();
	let meter = ctx.data().meter();
	Ok(match meter.gas_per_fuel {
		Some(per_fuel) => ctx.get_fuel()?.saturating_mul(per_fuel).saturating_add(meter.counter),
		None => meter.counter,
	})
}

/// Sets the gas left, of a store or of a host function's caller.
pub fn set_gas_left<D: Metered>(mut ctx: impl AsContextMut<Data = D>, gas: u64) -> HostResult<()> {
	let mut ctx = ctx.as_context_mut();
	match ctx.data().meter().gas_per_fuel {
		Some(per_fuel) => {
			let per_fuel = per_fuel.max(1);
			ctx.set_fuel(gas / per_fuel)?;
			ctx.data_mut().meter_mut().counter = gas % per_fuel;
		}
		None => ctx.data_mut().meter_mut().counter = gas,
	}
	Ok(())
}

/// Burns `gas` from the gas left, or halts out of gas (burning everything) if it cannot.
pub fn charge<D: Metered>(caller: &mut Caller<'_, D>, gas: u64) -> HostResult<()> {
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
pub fn refund_gas<D: Metered>(caller: &mut Caller<'_, D>, gas: u64) -> HostResult<()> {
	let left = gas_left(&*caller)?;
	set_gas_left(caller, left.saturating_add(gas))
}

/// Starts metering a store with `gas_limit`: the step limit first if instructions are free,
/// then the price of the module's `initial_pages` of memory, which are allocated and zeroed
/// when it is instantiated (out of gas, all of it burnt, if the limit cannot pay them).
pub fn fund<D: Metered>(
	store: &mut Store<D>,
	schedule: &Schedule,
	initial_pages: u32,
	gas_limit: u64,
) -> HostResult<()> {
	if let InstructionMetering::Free { step_limit } = schedule.instructions {
		store.set_fuel(step_limit)?;
	}
	let memory = u64::from(initial_pages).saturating_mul(schedule.host.memory_page);
	let Some(gas) = gas_limit.checked_sub(memory) else {
		set_gas_left(&mut *store, 0)?;
		return Err(HostTrap::OutOfGas.into());
	};
	set_gas_left(&mut *store, gas)
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
fn bignum_in_memory<D: GuestMemory, const N: usize>(
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

/// The host function of a checked bignum operation of two numbers
/// ([`crate::bignum::BINARY`]), as execution environments and `v2` link it: `(a, b, out)`
/// writes the result of the 32-byte big-endian numbers at `a` and `b` at `out` (which may be an
/// operand's), charging [`HostCosts::bignum`] first. Traps: the result does not fit 256 bits
/// (overflow, underflow); out-of-bounds memory; out of gas.
pub fn bignum_binary<D: GuestMemory + Metered + 'static>(
	operation: crate::bignum::Binary,
) -> impl Fn(Caller<'_, D>, i32, i32, i32) -> HostResult<()> + Clone + Send + Sync + 'static {
	move |mut c, a, b, out| {
		let cost = c.data().costs().bignum;
		charge(&mut c, cost)?;
		let operation = |[a, b]: [Word; 2]| operation(&a, &b);
		bignum_in_memory(&mut c, [a, b], out, operation, HostTrap::BignumOverflow)
	}
}

/// The host function of `a * b mod modulus` ([`crate::bignum::mulmod256`]), as execution
/// environments (`umulmod256`) and `v2` (`bignum_umulmod256`) link it: `(a, b, modulus, out)`
/// writes it, of the full 512-bit product, at `out`, charging [`HostCosts::bignum_mulmod`]
/// first. Traps: a zero modulus; out-of-bounds memory; out of gas.
pub fn bignum_mulmod<D: GuestMemory + Metered + 'static>(
	mut c: Caller<'_, D>,
	a: i32,
	b: i32,
	modulus: i32,
	out: i32,
) -> HostResult<()> {
	let cost = c.data().costs().bignum_mulmod;
	charge(&mut c, cost)?;
	let operation = |[a, b, modulus]: [Word; 3]| crate::bignum::mulmod256(&a, &b, &modulus);
	bignum_in_memory(&mut c, [a, b, modulus], out, operation, HostTrap::BignumZeroModulus)
}

/// A hash function the host computes over memory: its name, its price, the hash.
pub type HostHash = (&'static str, fn(&HostCosts) -> HashCost, fn(&[u8]) -> [u8; 32]);

/// The hashes `v2` and execution environments (`crypto.*`) import, each priced by its own
/// benchmark.
pub const HOST_HASHES: [HostHash; 3] = [
	("keccak256", |costs| costs.keccak256, keccak_256),
	("sha256", |costs| costs.sha256, sha2_256),
	("blake2b256", |costs| costs.blake2b256, blake2_256),
];

/// The host function of a [`HostHash`], as execution environments and `v2` link it:
/// `(data, length, result)` writes the 32-byte hash of `length` bytes of memory at `data` to
/// `result`, hashed where they lie, charging the hash's price of `length` bytes first. Traps:
/// out-of-bounds memory (either range); out of gas.
pub fn hash_function<D: GuestMemory + Metered + 'static>(
	(_, price, hash): HostHash,
) -> impl Fn(Caller<'_, D>, i32, i32, i32) -> HostResult<()> + Clone + Send + Sync + 'static {
	move |mut c, data, length, result| {
		let cost = price(c.data().costs()).of(length as u32);
		charge(&mut c, cost)?;
		check_range(&c, result, 32)?;
		let digest = hash_memory(&c, data, length as u32, hash)?;
		write(&mut c, result, &digest)
	}
}

/// The host function of Ethereum's signature recovery ([`signature::recover_address`]), as
/// execution environments and `v2` link it: `(hash, signature, result) -> i32` writes the
/// 20-byte address whose key signed the 32-byte hash at `hash` with the 65-byte signature
/// `r ‖ s ‖ v` at `signature` and returns 0; returns 1 and writes nothing if no key recovers.
/// Charges [`HostCosts::ecrecover`] first. Traps: out-of-bounds memory (all three ranges are
/// checked, whatever the signature); out of gas.
pub fn ecrecover<D: GuestMemory + Metered + 'static>(
	mut c: Caller<'_, D>,
	hash: i32,
	signature_offset: i32,
	result: i32,
) -> HostResult<i32> {
	let cost = c.data().costs().ecrecover;
	charge(&mut c, cost)?;
	check_range(&c, result, ADDRESS_LEN as u32)?;
	let hash: Word = read_array(&c, hash)?;
	let signature = read_array::<_, { signature::SIGNATURE_BYTES }>(&c, signature_offset)?;
	let Some(signer) = signature::recover_address(&hash, &signature) else {
		return Ok(ReturnCode::Failure.into());
	};
	write(&mut c, result, signer.as_bytes())?;
	Ok(ReturnCode::Success.into())
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
