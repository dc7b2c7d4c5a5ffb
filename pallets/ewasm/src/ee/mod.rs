//! Execution environments (EEs): stateless wasm programs, each with a 32-byte state root,
//! executed as the pure function `f(pre_state_root, block_data) -> post_state_root` (the
//! seeds' Phase 2 model, as Ethereum's Scout prototyped it).
//!
//! [`execute_block`] runs an EE's `main` once on a block: the EE reads the root it runs on and
//! the block's data through its host interface ([`ewasm_primitives::eei::ee`], linked by
//! [`host`]), may record deposits, and saves the root it leaves. The VM is the contracts': the
//! same pinned engine, validation rules and limits (`vm::prepare::prepare_ee`), memory limiter
//! and bounds-checked memory access; instructions burn fuel at the engine's pinned costs, and a
//! block-data copy burns the fuel of the same bytes' `memory.copy`.
//!
//! A block succeeds only if `main` returns having saved a root; a trap, running out of fuel,
//! or never saving a root fails it, and a failed block leaves nothing behind (Scout recorded a
//! zero root for an EE that saved none: that is a failure here).
//!
//! This is the execution the pallet's EE extrinsics and the `ewasm scout` runner share.

mod host;

use crate::vm::{
	limiter::{self, FrameLimiter, MemoryBudget},
	prepare::{engine, prepare_ee},
	runtime::HostTrap,
};
use alloc::vec::Vec;
use ewasm_primitives::{value::Word, MEMORY_EXPORT};
use wasmi::{Linker, Store, TrapCode};

pub use crate::vm::prepare::PrepareError;
pub use host::{Deposit, DEPOSIT_BYTES, EE_LOG_TARGET, MAX_DEPOSITS_PER_BLOCK};

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
	/// The fuel the block burned.
	pub fuel_used: u64,
}

/// Why a block failed. A failed block changes nothing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EeError {
	/// The code is not a valid EE (see `vm::prepare::prepare_ee`): why.
	Invalid(PrepareError),
	/// The EE trapped: `unreachable`, a memory access out of bounds (its own or a host
	/// function's), a block-data range past the data's end, a malformed deposit, an overflow of
	/// `add256`/`sub256`, or its memory or stack outgrowing the limits.
	Trapped,
	/// The fuel ran out.
	OutOfFuel,
	/// `main` returned without saving a root.
	NoPostRoot,
}

/// Runs `code`'s `main` on `block_data` from `pre_root`, with at most `fuel_limit` fuel.
pub fn execute_block(
	code: &[u8],
	pre_root: Word,
	block_data: &[u8],
	fuel_limit: u64,
) -> Result<BlockOutcome, EeError> {
	let module = prepare_ee(&engine(), code, MAX_EE_CODE_BYTES).map_err(EeError::Invalid)?;
	// Its memory may grow as large as a contract's.
	let budget = MemoryBudget::with_bytes(limiter::largest_memory_heap_bytes());
	let state = host::EeState {
		pre_root,
		block_data: block_data.to_vec(),
		post_root: None,
		deposits: Vec::new(),
		memory: None,
		limits: FrameLimiter::new(budget),
	};
	let mut store = Store::new(module.engine(), state);
	store.limiter(|state| &mut state.limits);
	let result = run_main(&mut store, &module, fuel_limit);
	let fuel_used = fuel_limit.saturating_sub(store.get_fuel().unwrap_or(0));
	match result {
		Ok(()) => {
			let state = store.into_data();
			let post_root = state.post_root.ok_or(EeError::NoPostRoot)?;
			Ok(BlockOutcome { post_root, deposits: state.deposits, fuel_used })
		}
		Err(error) => match error.downcast_ref::<HostTrap>() {
			Some(HostTrap::OutOfGas) => Err(EeError::OutOfFuel),
			None if error.as_trap_code() == Some(TrapCode::OutOfFuel) => Err(EeError::OutOfFuel),
			_ => {
				log::debug!(target: EE_LOG_TARGET, "EE trapped: {error}");
				Err(EeError::Trapped)
			}
		},
	}
}

/// Instantiates `module` in `store` with `fuel` and runs its `main`.
fn run_main(
	store: &mut Store<host::EeState>,
	module: &wasmi::Module,
	fuel: u64,
) -> Result<(), wasmi::Error> {
	store.set_fuel(fuel)?;
	let mut linker = Linker::new(store.engine());
	host::link(&mut linker)?;
	let instance = linker.instantiate_and_start(&mut *store, module)?;
	store.data_mut().memory = instance.get_memory(&*store, MEMORY_EXPORT);
	instance.get_typed_func::<(), ()>(&*store, ewasm_primitives::ENTRY_POINT)?.call(&mut *store, ())
}

#[cfg(test)]
mod tests;
