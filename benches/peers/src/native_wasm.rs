//! The native floor of in-runtime compute: an Ewasm contract's wasm compiled by wasmtime
//! (Cranelift, as a node compiles its runtime) and run natively, with just the EEI functions
//! a pure-compute contract imports (`getCallValue`, `getCallDataSize`, `callDataCopy`,
//! `finish`, `revert`). No gas, no storage, no runtime: what the same code costs without an
//! interpreter inside a runtime. Each run instantiates the module afresh, as a call does.

use wasmtime::{Caller, Config, Engine, Linker, Memory, Module, OptLevel, Store, Strategy};

/// What a run sees and leaves: its call data, and what it finished or reverted with.
struct Run {
	input: Vec<u8>,
	halted: Option<Result<Vec<u8>, Vec<u8>>>,
}

/// A contract compiled by wasmtime, with the EEI subset linked.
pub struct NativeWasm {
	engine: Engine,
	module: Module,
	linker: Linker<Run>,
}

/// Why a host function stops the contract (`finish` and `revert` end it; the outcome is in
/// [`Run::halted`]).
fn halt() -> wasmtime::Error {
	wasmtime::Error::msg("halted")
}

fn memory(caller: &mut Caller<'_, Run>) -> wasmtime::Result<Memory> {
	let export = caller.get_export("memory").and_then(|export| export.into_memory());
	export.ok_or_else(|| wasmtime::Error::msg("the contract exports no memory"))
}

fn write(caller: &mut Caller<'_, Run>, at: i32, bytes: &[u8]) -> wasmtime::Result<()> {
	memory(caller)?.write(caller, at as u32 as usize, bytes)?;
	Ok(())
}

fn read(caller: &mut Caller<'_, Run>, at: i32, len: i32) -> wasmtime::Result<Vec<u8>> {
	let mut bytes = vec![0; len as u32 as usize];
	memory(caller)?.read(caller, at as u32 as usize, &mut bytes)?;
	Ok(bytes)
}

impl NativeWasm {
	/// `code` compiled, optimised for speed.
	pub fn new(code: &[u8]) -> Result<NativeWasm, String> {
		let mut config = Config::new();
		config.strategy(Strategy::Cranelift).cranelift_opt_level(OptLevel::Speed);
		let engine = Engine::new(&config).map_err(|error| error.to_string())?;
		let module = Module::new(&engine, code).map_err(|error| error.to_string())?;
		let mut linker = Linker::new(&engine);
		let linked = (|| -> wasmtime::Result<()> {
			linker.func_wrap(
				"ethereum",
				"getCallValue",
				|mut caller: Caller<'_, Run>, at: i32| write(&mut caller, at, &[0; 16]),
			)?;
			linker.func_wrap("ethereum", "getCallDataSize", |caller: Caller<'_, Run>| {
				caller.data().input.len() as i32
			})?;
			linker.func_wrap(
				"ethereum",
				"callDataCopy",
				|mut caller: Caller<'_, Run>, at: i32, from: i32, len: i32| {
					let (from, len) = (from as u32 as usize, len as u32 as usize);
					let input = &caller.data().input;
					let bytes = input.get(from..from.saturating_add(len)).map(<[u8]>::to_vec);
					let bytes = bytes.ok_or_else(|| wasmtime::Error::msg("past the call data"))?;
					write(&mut caller, at, &bytes)
				},
			)?;
			for (name, finished) in [("finish", true), ("revert", false)] {
				linker.func_wrap(
					"ethereum",
					name,
					move |mut caller: Caller<'_, Run>, at: i32, len: i32| -> wasmtime::Result<()> {
						let data = read(&mut caller, at, len)?;
						caller.data_mut().halted =
							Some(if finished { Ok(data) } else { Err(data) });
						Err(halt())
					},
				)?;
			}
			Ok(())
		})();
		linked.map_err(|error| error.to_string())?;
		Ok(NativeWasm { engine, module, linker })
	}

	/// Runs `main` with `input` as call data in a fresh instance: what it finished with (empty
	/// if it returned), `None` if it reverted or trapped.
	pub fn run(&self, input: &[u8]) -> Option<Vec<u8>> {
		let mut store = Store::new(&self.engine, Run { input: input.to_vec(), halted: None });
		let instance = self.linker.instantiate(&mut store, &self.module).ok()?;
		let main = instance.get_typed_func::<(), ()>(&mut store, "main").ok()?;
		let returned = main.call(&mut store, ()).is_ok();
		match store.into_data().halted {
			Some(halted) => halted.ok(),
			None => returned.then(Vec::new),
		}
	}
}
