//! The Ewasm virtual machine: validation ([`prepare`]), the EEI host functions ([`env`]),
//! and [`execute`], which runs one frame (a contract's `main`, or its `receiveMessage`) and
//! maps every way it can end to a [`Halt`].

pub mod accessed;
pub mod active;
pub mod env;
pub mod limiter;
pub mod prepare;
pub mod runtime;

use crate::{
	gas::{InstructionMetering, Schedule},
	limits::MAX_WASM_STACK_BYTES,
	versions::{Versions, VmVersion},
	Config, LOG_TARGET,
};
use accessed::AccessedSlots;
use active::ActiveFrames;
use alloc::vec::Vec;
use ewasm_primitives::{Address, MEMORY_EXPORT};
use limiter::{BudgetedBytes, FrameLimiter, MemoryBudget};
use prepare::Prepared;
use runtime::{HostState, HostTrap};
use wasmi::{Linker, Store, TrapCode};

/// What the executing contract can see about its frame.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Context {
	/// The account the frame acts as (`getAddress`): whose storage `storageStore` writes and
	/// whose balance calls spend. For `callCode`/`callDelegate` it is the calling contract.
	pub address: Address,
	/// Who called it (`getCaller`).
	pub caller: Address,
	/// The value sent with the call (`getCallValue`).
	pub value: u128,
	/// The call data (`getCallDataSize`, `callDataCopy`), counted in the call stack's budget
	/// when a contract passed it.
	pub input: BudgetedBytes,
	/// The code running (`getCodeSize`, `codeCopy`): the contract's, or the init code.
	pub code: Vec<u8>,
	/// Whether state changes are forbidden (inside a `callStatic`).
	pub is_static: bool,
	/// Whether this frame runs init code (a creation).
	pub is_init: bool,
	/// How many frames are below this one: 0 for the transaction's own frame.
	pub depth: u32,
}

/// What every frame of one transaction shares.
#[derive(Clone)]
pub struct Transaction {
	/// The address of the account that signed the transaction (`getTxOrigin`).
	pub origin: Address,
	/// The VM versions the chain offers (each frame runs by its contract's).
	pub versions: Versions,
	/// Whether the `debug` namespace may be imported.
	pub debug_enabled: bool,
	/// The memory the live frames may still take.
	pub memory_budget: MemoryBudget,
	/// The contracts live frames act as.
	pub active_frames: ActiveFrames,
	/// The storage slots the transaction's frames have accessed.
	pub accessed_slots: AccessedSlots,
}

/// Code ready to run: validated and compiled, on the VM version it runs by.
pub struct Loaded {
	/// The validated and compiled module.
	pub prepared: Prepared,
	/// Its VM version.
	pub vm: VmVersion,
	/// Its version's gas schedule: what its instructions and host calls cost.
	pub schedule: Schedule,
}

/// How an execution ended.
#[derive(Debug, PartialEq, Eq)]
pub enum Halt {
	/// `main` returned or called `finish`: success, with the return data.
	Finished(BudgetedBytes),
	/// `selfDestruct` was called: success; the contract is deleted and its balance goes to
	/// the beneficiary.
	SelfDestructed(Address),
	/// `revert` was called: the frame's state changes are undone; the return data is kept.
	Reverted(BudgetedBytes),
	/// The gas ran out: all gas is consumed.
	OutOfGas,
	/// Any other trap (unreachable, out-of-bounds access, stack overflow, a static
	/// violation, ...): all gas is consumed.
	Trapped,
}

/// The result of one execution.
#[derive(Debug, PartialEq, Eq)]
pub struct Execution {
	/// How it ended.
	pub halt: Halt,
	/// The gas left: zero unless it finished or reverted.
	pub gas_left: u64,
	/// Gas refunds earned (kept only if the frame succeeds).
	pub refund: u64,
}

/// A store for one frame of `code` (on the module's engine), its memory drawn from `budget`
/// and its growth limited as [`limits`] says.
fn new_store<T: Config>(
	code: &Loaded,
	context: Context,
	tx: &Transaction,
	budget: MemoryBudget,
) -> Store<HostState<T>> {
	let limits = FrameLimiter::new(budget);
	let state = HostState::<T>::new(context, tx.clone(), limits, code);
	let mut store = Store::new(code.prepared.module.engine(), state);
	store.limiter(|state| &mut state.limits);
	store
}

/// Whether `module` can be instantiated within the limits: its table fits
/// [`crate::limits::MAX_TABLE_ELEMENTS`] and its data and element segments fit its memory and
/// table. Checked once, when code is stored, so stored code never fails to start. The check
/// has a memory budget of its own (one contract's largest memory, freed right after), so it
/// does not depend on how much of the call stack's budget the live frames hold.
pub fn is_instantiable<T: Config>(code: &Loaded, tx: &Transaction) -> bool {
	let budget = MemoryBudget::with_bytes(limiter::largest_memory_heap_bytes());
	let mut store = new_store::<T>(code, Context::default(), tx, budget);
	// Instantiation copies segments, which burns fuel; validation is paid by the extrinsic.
	if store.set_fuel(u64::MAX).is_err() {
		return false;
	}
	let mut linker = Linker::new(store.engine());
	env::link::<T>(&mut linker, code.prepared.interface).is_ok()
		&& linker.instantiate_and_start(&mut store, &code.prepared.module).is_ok()
}

/// Runs `code`'s exported function `entry` (`main`, or `receiveMessage` for a receipt) in
/// `context` with `gas_limit` gas.
pub fn execute<T: Config>(
	code: &Loaded,
	entry: &str,
	context: Context,
	tx: &Transaction,
	gas_limit: u64,
) -> Execution {
	let _frame = tx.active_frames.enter(context.address);
	// The frame's compiled code and bookkeeping, and the value stack the engine allocates
	// when the execution starts: a frame the budget cannot hold them for does not start.
	let budget = &tx.memory_budget;
	let Some(_heap) = budget
		.charge_overhead(limiter::frame_overhead_bytes(context.code.len()))
		.zip(budget.reserve(MAX_WASM_STACK_BYTES))
	else {
		return Execution { halt: Halt::Trapped, gas_left: 0, refund: 0 };
	};
	let mut store = new_store::<T>(code, context, tx, tx.memory_budget.clone());

	let result = run_entry(&mut store, code, entry, gas_limit);
	let gas_left = runtime::gas_left(&store).unwrap_or(0);
	let state = store.data_mut();
	let output = core::mem::take(&mut state.output);
	let halt = match &result {
		Ok(()) => Halt::Finished(BudgetedBytes::default()),
		Err(error) => match error.downcast_ref::<HostTrap>() {
			Some(HostTrap::Finish) => Halt::Finished(output),
			Some(HostTrap::Revert) => Halt::Reverted(output),
			Some(HostTrap::SelfDestruct) => match state.beneficiary {
				Some(beneficiary) => Halt::SelfDestructed(beneficiary),
				None => Halt::Trapped,
			},
			Some(HostTrap::OutOfGas) => Halt::OutOfGas,
			Some(_) => Halt::Trapped,
			None if error.as_trap_code() == Some(TrapCode::OutOfFuel) => {
				match code.schedule.instructions {
					InstructionMetering::Fuel(_) => Halt::OutOfGas,
					// Free instructions: fuel is only the step limit.
					InstructionMetering::Free { .. } => Halt::Trapped,
				}
			}
			None => Halt::Trapped,
		},
	};
	if let (Halt::Trapped, Err(error)) = (&halt, &result) {
		log::debug!(target: LOG_TARGET, "contract trapped: {error}");
	}
	let (gas_left, refund) = match halt {
		Halt::Finished(_) | Halt::SelfDestructed(_) => (gas_left, state.refund),
		Halt::Reverted(_) => (gas_left, 0),
		Halt::OutOfGas | Halt::Trapped => (0, 0),
	};
	Execution { halt, gas_left, refund }
}

/// Runs `entry` of `code` with `gas_limit`: its initial memory paid first (out of gas if the
/// limit cannot pay it), then instantiated and run.
fn run_entry<T: Config>(
	store: &mut Store<HostState<T>>,
	code: &Loaded,
	entry: &str,
	gas_limit: u64,
) -> Result<(), wasmi::Error> {
	runtime::fund(store, &code.schedule, code.prepared.initial_pages, gas_limit)?;
	let code = &code.prepared;
	let mut linker = Linker::new(store.engine());
	env::link::<T>(&mut linker, code.interface)?;
	let instance = linker.instantiate_and_start(&mut *store, &code.module)?;
	let memory = instance.get_memory(&*store, MEMORY_EXPORT);
	store.data_mut().memory = memory;
	instance.get_typed_func::<(), ()>(&*store, entry)?.call(&mut *store, ())
}
