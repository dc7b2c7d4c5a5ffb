//! The Ewasm virtual machine: validation ([`prepare`]), the EEI host functions ([`env`]),
//! and [`execute`], which runs one contract's `main` and maps every way it can end to a
//! [`Halt`].

pub mod env;
pub mod prepare;
pub mod runtime;

use crate::{gas::HostCosts, limits, Config, LOG_TARGET};
use alloc::vec::Vec;
use ewasm_primitives::{Address, ENTRY_POINT, MEMORY_EXPORT};
use runtime::{HostState, HostTrap};
use wasmi::{Engine, Linker, Module, Store, StoreLimitsBuilder, TrapCode};

/// What the executing contract can see about the call.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Context {
	/// The executing contract (`getAddress`), whose storage `storageStore` writes.
	pub address: Address,
	/// Who called it (`getCaller`).
	pub caller: Address,
	/// The value sent with the call (`getCallValue`).
	pub value: u128,
	/// The call data (`getCallDataSize`, `callDataCopy`).
	pub input: Vec<u8>,
}

/// How an execution ended.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Halt {
	/// `main` returned or called `finish`: success, with the return data.
	Finished(Vec<u8>),
	/// `revert` was called: the frame's state changes are undone; the return data is kept.
	Reverted(Vec<u8>),
	/// The gas ran out: all gas is consumed.
	OutOfGas,
	/// Any other trap (unreachable, out-of-bounds access, stack overflow, ...): all gas is
	/// consumed.
	Trapped,
}

/// The result of one execution.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Execution {
	/// How it ended.
	pub halt: Halt,
	/// The gas left: zero unless it finished or reverted.
	pub gas_left: u64,
}

/// Runs `module`'s `main` in `context` with `gas_limit` gas.
pub fn execute<T: Config>(
	engine: &Engine,
	module: &Module,
	context: Context,
	gas_limit: u64,
	costs: HostCosts,
) -> Execution {
	let limits = StoreLimitsBuilder::new()
		.memory_size(limits::MAX_MEMORY_BYTES)
		.table_elements(limits::MAX_TABLE_ELEMENTS)
		.instances(1)
		.memories(1)
		.tables(1)
		.trap_on_grow_failure(false)
		.build();
	let mut store = Store::new(engine, HostState::<T>::new(context, costs, limits));
	store.limiter(|state| &mut state.limits);

	let result = run_main(&mut store, module, gas_limit);
	let gas_left = store.get_fuel().unwrap_or(0);
	let output = core::mem::take(&mut store.data_mut().output);
	let halt = match &result {
		Ok(()) => Halt::Finished(Vec::new()),
		Err(error) => match error.downcast_ref::<HostTrap>() {
			Some(HostTrap::Finish) => Halt::Finished(output),
			Some(HostTrap::Revert) => Halt::Reverted(output),
			Some(HostTrap::OutOfGas) => Halt::OutOfGas,
			Some(_) => Halt::Trapped,
			None if error.as_trap_code() == Some(TrapCode::OutOfFuel) => Halt::OutOfGas,
			None => Halt::Trapped,
		},
	};
	if let (Halt::Trapped, Err(error)) = (&halt, &result) {
		log::debug!(target: LOG_TARGET, "contract trapped: {error}");
	}
	let gas_left = match halt {
		Halt::Finished(_) | Halt::Reverted(_) => gas_left,
		Halt::OutOfGas | Halt::Trapped => 0,
	};
	Execution { halt, gas_left }
}

fn run_main<T: Config>(
	store: &mut Store<HostState<T>>,
	module: &Module,
	gas_limit: u64,
) -> Result<(), wasmi::Error> {
	store.set_fuel(gas_limit)?;
	let mut linker = Linker::new(store.engine());
	env::link::<T>(&mut linker)?;
	let instance = linker.instantiate_and_start(&mut *store, module)?;
	let memory = instance.get_memory(&*store, MEMORY_EXPORT);
	store.data_mut().memory = memory;
	instance.get_typed_func::<(), ()>(&*store, ENTRY_POINT)?.call(&mut *store, ())
}
