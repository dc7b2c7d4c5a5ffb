//! Execution environments (EEs): stateless wasm programs, each with a 32-byte state root,
//! executed as the pure function `f(pre_state_root, block_data) -> post_state_root` (the
//! seeds' Phase 2 model, as Ethereum's Scout prototyped it).
//!
//! [`execute_block`] runs an EE's `main` once on a block: the EE reads the root it runs on and
//! the block's data through its host interface ([`ewasm_primitives::eei::ee`], linked by
//! [`host`]), may record deposits, hash and recover signatures, may read and move value and
//! call other EEs through its [`ledger`], and saves the root it leaves. The EEs of one block
//! share a heap budget ([`block_budget`]). The VM is the contracts': the
//! same pinned engine, validation rules and limits (`vm::prepare::prepare_ee`), memory limiter,
//! bounds-checked memory access and gas metering (`vm::runtime::GasMeter`) under a contract
//! schedule: its initial memory pages are paid first, its instructions at the schedule's price
//! of fuel for its largest function's locals, and each host function at the price of the same
//! work for a contract (a copy, a log, a bignum operation).
//!
//! A block succeeds only if `main` returns having saved a root; a trap, running out of gas, or
//! never saving a root fails it, and a failed block leaves nothing behind (Scout recorded a
//! zero root for an EE that saved none: that is a failure here).
//!
//! This is the execution the pallet's EE extrinsics and the `ewasm scout` runner share.

pub mod chain;
mod host;
pub mod ledger;

use crate::{
	gas::{InstructionMetering, Schedule},
	limits::{MAX_CALL_STACK_HEAP_BYTES, MAX_WASM_STACK_BYTES},
	vm::{
		limiter::{self, BudgetedBytes, FrameLimiter, MemoryBudget},
		prepare::engine,
		runtime::{self, GasMeter, HostTrap},
	},
};
use alloc::{boxed::Box, vec::Vec};
use ewasm_primitives::{value::Word, MEMORY_EXPORT};
use ledger::{Ledger, NoValue};
use wasmi::{Instance, Linker, Store, TrapCode};

pub use crate::vm::prepare::{PrepareError, PreparedEe};
pub use host::{Deposit, DEPOSIT_BYTES, EE_LOG_TARGET, MAX_DEPOSITS_PER_BLOCK};

/// How deep EEs may call EEs (`eth2.callEE`) below the block's EE: four calls, five EEs.
pub const MAX_EE_CALL_DEPTH: usize = 4;

/// The largest EE code [`execute_block`] accepts: EEs compiled from C carry whole libraries
/// (the largest of the Scout suite, a reference Keccak, is 268 KiB).
pub const MAX_EE_CODE_BYTES: u32 = 512 * 1024;

/// What a block that succeeded leaves.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BlockOutcome {
	/// The root the EE saved last: its new state root.
	pub post_root: Word,
	/// The deposits the block made, in order.
	pub deposits: Vec<Deposit>,
	/// The gas the block used.
	pub gas_used: u64,
}

/// Why a block failed. A failed block changes nothing and uses all its gas.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EeError {
	/// The code is not a valid EE (see `vm::prepare::prepare_ee`): why.
	Invalid(PrepareError),
	/// The EE trapped: `unreachable`, a memory access out of bounds (its own or a host
	/// function's), a block-data range past the data's end, a malformed deposit, an overflow of
	/// a bignum operation or a zero modulus, or its memory or stack outgrowing the limits.
	Trapped,
	/// The gas ran out.
	OutOfGas,
	/// `main` returned without saving a root.
	NoPostRoot,
}

/// Validates `code` as an EE and compiles it (`vm::prepare::prepare_ee`, at most
/// [`MAX_EE_CODE_BYTES`]).
pub fn prepare(code: &[u8]) -> Result<PreparedEe, PrepareError> {
	crate::vm::prepare::prepare_ee(&engine(), code, MAX_EE_CODE_BYTES)
}

/// The heap a block and the EEs it calls may take ([`MAX_CALL_STACK_HEAP_BYTES`], as a
/// contract transaction's call stack): each EE's compiled code and bookkeeping, its value
/// stack, its block data and its memory are counted in it while it runs.
pub fn block_budget() -> MemoryBudget {
	MemoryBudget::with_bytes(MAX_CALL_STACK_HEAP_BYTES)
}

/// Runs `code`'s `main` on `block_data` from `pre_root`, with at most `gas_limit` gas at the
/// prices of `schedule`, its value side `ledger` (`ledger::NoValue` off chain), its heap drawn
/// from `budget` ([`block_budget`] for a block; the caller's for an EE another calls): a frame
/// the budget cannot hold (its code, value stack and data, counted before it is compiled) traps
/// before it starts. What the ledger did stays done if the block fails: on chain, the block's
/// storage transaction undoes it.
pub fn execute_block(
	code: &[u8],
	pre_root: Word,
	block_data: &[u8],
	gas_limit: u64,
	schedule: &Schedule,
	ledger: Box<dyn Ledger>,
	budget: &MemoryBudget,
) -> Result<BlockOutcome, EeError> {
	let Some(data) = budget
		.charge_overhead(limiter::frame_overhead_bytes(code.len()))
		.zip(budget.reserve(MAX_WASM_STACK_BYTES))
		.and_then(|heap| Some((heap, budget.reserve(block_data.len())?)))
		.map(|(heap, reservation)| (heap, BudgetedBytes::new(block_data.to_vec(), reservation)))
	else {
		return Err(EeError::Trapped);
	};
	let (_heap, block_data) = data;
	let prepared = prepare(code).map_err(EeError::Invalid)?;
	let mut store = new_store(&prepared, pre_root, block_data, schedule, ledger, budget.clone());
	let result = run_main(&mut store, &prepared, schedule, gas_limit);
	let gas_used = gas_limit.saturating_sub(runtime::gas_left(&store).unwrap_or(0));
	match result {
		Ok(()) => {
			let state = store.into_data();
			let post_root = state.post_root.ok_or(EeError::NoPostRoot)?;
			Ok(BlockOutcome { post_root, deposits: state.deposits, gas_used })
		}
		Err(error) => match error.downcast_ref::<HostTrap>() {
			Some(HostTrap::OutOfGas) => Err(EeError::OutOfGas),
			None if error.as_trap_code() == Some(TrapCode::OutOfFuel) => {
				match schedule.instructions {
					InstructionMetering::Fuel(_) => Err(EeError::OutOfGas),
					// Free instructions: fuel is only the step limit.
					InstructionMetering::Free { .. } => Err(EeError::Trapped),
				}
			}
			_ => {
				log::debug!(target: EE_LOG_TARGET, "EE trapped: {error}");
				Err(EeError::Trapped)
			}
		},
	}
}

/// A store for one block of `prepared` on `pre_root` and `block_data`, its gas metered by
/// `schedule`; its memory may grow as large as a contract's, drawn from `budget`.
fn new_store(
	prepared: &PreparedEe,
	pre_root: Word,
	block_data: BudgetedBytes,
	schedule: &Schedule,
	ledger: Box<dyn Ledger>,
	budget: MemoryBudget,
) -> Store<host::EeState> {
	let state = host::EeState {
		pre_root,
		block_data,
		post_root: None,
		deposits: Vec::new(),
		memory: None,
		limits: FrameLimiter::new(budget.clone()),
		budget,
		meter: GasMeter::new(schedule, prepared.max_function_locals),
		costs: schedule.host,
		ledger,
	};
	let mut store = Store::new(prepared.module.engine(), state);
	store.limiter(|state| &mut state.limits);
	store
}

/// Links `prepared` with the EE host functions and instantiates it in `store`.
fn instantiate(
	store: &mut Store<host::EeState>,
	prepared: &PreparedEe,
) -> Result<Instance, wasmi::Error> {
	let mut linker = Linker::new(store.engine());
	host::link(&mut linker)?;
	let instance = linker.instantiate_and_start(&mut *store, &prepared.module)?;
	store.data_mut().memory = instance.get_memory(&*store, MEMORY_EXPORT);
	Ok(instance)
}

/// Whether `prepared` instantiates within the limits (its data segments fit its memory): as a
/// contract's code is checked when it is stored, an EE's is when it is registered, so that no
/// block of it fails to start. Instantiation's work is paid by the registration; the check has
/// a memory budget of its own (the largest memory, freed right after).
pub fn instantiates(prepared: &PreparedEe, schedule: &Schedule) -> bool {
	let budget = MemoryBudget::with_bytes(limiter::largest_memory_heap_bytes());
	let no_data = BudgetedBytes::default();
	let mut store =
		new_store(prepared, Word::default(), no_data, schedule, NoValue::boxed(), budget);
	store.set_fuel(u64::MAX).is_ok() && instantiate(&mut store, prepared).is_ok()
}

/// Pays `prepared`'s initial memory out of `gas_limit`, instantiates it in `store` and runs its
/// `main`.
fn run_main(
	store: &mut Store<host::EeState>,
	prepared: &PreparedEe,
	schedule: &Schedule,
	gas_limit: u64,
) -> Result<(), wasmi::Error> {
	runtime::fund(store, schedule, prepared.initial_pages, gas_limit)?;
	let instance = instantiate(store, prepared)?;
	instance.get_typed_func::<(), ()>(&*store, ewasm_primitives::ENTRY_POINT)?.call(&mut *store, ())
}

#[cfg(test)]
mod tests;
