//! Validation at upload, and the one pinned wasmi configuration every execution uses.
//!
//! A module is accepted only if it is an Ewasm contract (ewasm/design Revision 4):
//! - at most `Config::MaxCodeLen` bytes, and valid wasm MVP: no floating point, no start
//!   function, no post-MVP proposal (each is switched off explicitly in [`engine_config`]);
//! - every import is a function of one interface revision's namespace (`ethereum` for `v1`,
//!   `ethereum_v2` for `v2`: [`Interface`]) named in the EEI table (or, where the chain enables
//!   debugging, of the `debug` namespace), with exactly the table's signature; the namespace
//!   chooses the interface, and so the VM versions, the contract may run on;
//! - it exports `main` (no params, no results) and `memory`, and nothing else but, optionally,
//!   `receiveMessage` (no params, no results: the entry point of receipts from other
//!   parachains, see [`ewasm_primitives::system::receipts`]);
//! - its memory starts at no more than [`MAX_MEMORY_PAGES`] pages, no function declares more
//!   than [`MAX_FUNCTION_LOCALS`] locals, and it stays within the other limits of
//!   [`crate::limits`].

use crate::limits::{
	MAX_EE_FUNCTION_LOCALS, MAX_EE_MODULE_LOCALS, MAX_FUNCTION_LOCALS, MAX_MEMORY_PAGES,
	MAX_WASM_RECURSION_DEPTH, MAX_WASM_STACK_BYTES,
};
use ewasm_primitives::{
	eei::{self, HostFunction, ValueType},
	system::receipts::RECEIVE_ENTRY_POINT,
	Interface, DEBUG_NAMESPACE, ENTRY_POINT, MEMORY_EXPORT,
};
use wasmi::{
	CompilationMode, CustomFuelCosts, EnforcedLimits, Engine, ExternType, ImportType, Module,
	ValType,
};

/// Why a module was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PrepareError {
	/// The module is larger than the configured maximum.
	TooLarge,
	/// The bytes are not valid wasm under the pinned configuration (this includes floats,
	/// a start function and any post-MVP feature) or exceed an engine limit or
	/// [`MAX_FUNCTION_LOCALS`].
	Invalid,
	/// An import is not an EEI function (or an enabled debug function) with the specified
	/// signature, or the module imports from the namespaces of two versions.
	ImportNotAllowed,
	/// The exports are not `main: () -> ()` and `memory`, with at most
	/// `receiveMessage: () -> ()` besides.
	ExportsInvalid,
	/// The memory starts larger than [`MAX_MEMORY_PAGES`].
	MemoryTooLarge,
}

/// Bytes of memory copied per unit of fuel: what `memory.copy`, `memory.fill` and
/// `memory.grow` burn per byte.
const BYTES_COPIED_PER_FUEL: u32 = 8;

/// The engine configuration, every option pinned so execution never depends on wasmi's
/// defaults.
pub fn engine_config() -> wasmi::Config {
	let mut config = wasmi::Config::default();
	config
		// Wasm MVP only: every proposal off, floating point off.
		.wasm_mutable_global(false)
		.wasm_sign_extension(false)
		.wasm_saturating_float_to_int(false)
		.wasm_multi_value(false)
		.wasm_multi_memory(false)
		.wasm_bulk_memory(false)
		.wasm_reference_types(false)
		.wasm_tail_call(false)
		.wasm_extended_const(false)
		.wasm_custom_page_sizes(false)
		.wasm_wide_arithmetic(false)
		// memory64 and simd are not compiled into wasmi at all (crate features off).
		.floats(false)
		// Metering: fuel is gas (`crate::gas::FuelPrice`). Operator costs are wasmi 2.0.0's
		// table (1 per operator, 0 for block markers), fixed by the exact version pin; the
		// dynamic costs are set here: a unit per 8 bytes copied keeps `memory.grow`, which
		// zeroes a 64 KiB page, from costing more per unit than a call.
		.consume_fuel(true)
		.fuel_cost(CustomFuelCosts {
			bytes_copied_per_fuel: BYTES_COPIED_PER_FUEL,
			fuel_per_bytes_translated: 7,
			fuel_per_bytes_validated: 2,
		})
		.allow_start_fn(false)
		.ignore_custom_sections(true)
		// Translation happens once, at load: lazy modes are not for consensus.
		.compilation_mode(CompilationMode::Eager)
		// Module shape limits: see `crate::limits`.
		.enforced_limits(EnforcedLimits::strict())
		.set_max_recursion_depth(MAX_WASM_RECURSION_DEPTH)
		// The value stack is allocated whole when an execution starts and never moves: one
		// block of the runtime's heap, which the call stack's budget counts (`vm::limiter`).
		.set_max_stack_height(MAX_WASM_STACK_BYTES)
		.set_min_stack_height(MAX_WASM_STACK_BYTES)
		// No stack outlives its execution (each module has an engine of its own, so a cached
		// one would never be reused).
		.set_max_cached_stacks(0);
	config
}

/// A new engine with the pinned configuration. Every module is compiled on an engine of its
/// own: wasmi keeps the compiled code of every module an engine compiled until the engine is
/// dropped, so an engine shared by a transaction's frames would hold the code of every call
/// the transaction ever made; one per module frees it with the frame.
pub fn engine() -> Engine {
	Engine::new(&engine_config())
}

/// What validation allows besides the code itself.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CodeRules {
	/// Largest code in bytes.
	pub max_len: u32,
	/// Whether the `debug` namespace may be imported.
	pub debug_enabled: bool,
}

/// A validated and compiled contract.
pub struct Prepared {
	/// The compiled module.
	pub module: Module,
	/// The most locals one of its functions declares, parameters not counted (what a unit of
	/// its fuel costs depends on it: [`crate::gas::FuelPrice`]).
	pub max_function_locals: u32,
	/// Its memory's initial size in 64 KiB pages, allocated and zeroed when it is
	/// instantiated (each page costs [`crate::gas::HostCosts::memory_page`]).
	pub initial_pages: u32,
	/// The interface revision it imports from: the functions it is linked with.
	pub interface: Interface,
}

/// A validated and compiled execution environment.
pub struct PreparedEe {
	/// The compiled module.
	pub module: Module,
	/// The most locals one of its functions declares, parameters not counted.
	pub max_function_locals: u32,
	/// Its memory's initial size in 64 KiB pages.
	pub initial_pages: u32,
}

/// Validates `code` as an Ewasm contract and compiles it.
pub fn prepare(engine: &Engine, code: &[u8], rules: CodeRules) -> Result<Prepared, PrepareError> {
	// A contract's functions together are not limited: code stored before any such limit
	// must keep running.
	let limit = LocalsLimit { per_function: MAX_FUNCTION_LOCALS, per_module: u32::MAX };
	let (module, max_function_locals) = compile(engine, code, rules.max_len, limit)?;
	let interface = check_imports(&module, rules.debug_enabled)?;
	let initial_pages = check_exports(&module, Entries::Contract)?;
	Ok(Prepared { module, max_function_locals, initial_pages, interface })
}

/// Validates `code` as an execution environment and compiles it: the same wasm rules and
/// limits as a contract's, at most `max_len` bytes, every import an EE host function
/// ([`eei::ee::ee_function`], under either of its names) with its signature, and exports
/// `main` and `memory` only (`crate::ee`). Its functions may declare up to
/// [`MAX_EE_FUNCTION_LOCALS`] locals each and [`MAX_EE_MODULE_LOCALS`] together.
pub fn prepare_ee(engine: &Engine, code: &[u8], max_len: u32) -> Result<PreparedEe, PrepareError> {
	let limit =
		LocalsLimit { per_function: MAX_EE_FUNCTION_LOCALS, per_module: MAX_EE_MODULE_LOCALS };
	let (module, max_function_locals) = compile(engine, code, max_len, limit)?;
	for import in module.imports() {
		let spec = eei::ee::ee_function(import.module(), import.name())
			.map(eei::ee::EeFunction::as_host_function);
		check_signature(&import, spec)?;
	}
	let initial_pages = check_exports(&module, Entries::ExecutionEnvironment)?;
	Ok(PreparedEe { module, max_function_locals, initial_pages })
}

/// The locals a module may declare: in one function, and in all its functions together.
#[derive(Clone, Copy)]
struct LocalsLimit {
	per_function: u32,
	per_module: u32,
}

/// Compiles `code` of at most `max_len` bytes under the pinned configuration, with the most
/// locals one of its functions declares. Its size and its locals are checked first, reading
/// the code section's local declarations alone: compiling visits every declared local, so
/// code declaring more than `limit` allows is refused before it costs that work.
fn compile(
	engine: &Engine,
	code: &[u8],
	max_len: u32,
	limit: LocalsLimit,
) -> Result<(Module, u32), PrepareError> {
	if code.len() > max_len as usize {
		return Err(PrepareError::TooLarge);
	}
	let locals = declared_locals(code, limit)
		.filter(|locals| locals.most <= limit.per_function && locals.total <= limit.per_module)
		.ok_or(PrepareError::Invalid)?;
	let module = Module::new(engine, code).map_err(|_| PrepareError::Invalid)?;
	Ok((module, locals.most))
}

/// Reads a valid module's sections far enough to see each function's local declarations.
struct SectionReader<'a> {
	bytes: &'a [u8],
	at: usize,
}

impl SectionReader<'_> {
	fn byte(&mut self) -> Option<u8> {
		let byte = *self.bytes.get(self.at)?;
		self.at += 1;
		Some(byte)
	}

	/// An unsigned LEB128 number of at most 32 bits.
	fn u32(&mut self) -> Option<u32> {
		let mut value = 0u32;
		for shift in (0..35).step_by(7) {
			let byte = self.byte()?;
			value |= u32::from(byte & 0x7f).checked_shl(shift)?;
			if byte & 0x80 == 0 {
				return Some(value);
			}
		}
		None
	}

	/// A length-prefixed name.
	fn name(&mut self) -> Option<&[u8]> {
		let len = self.u32()? as usize;
		let start = self.at;
		self.skip_to(start, len as u32)?;
		self.bytes.get(start..start + len)
	}

	/// Limits: a flag, the minimum and, if the flag says so, the maximum.
	fn limits(&mut self) -> Option<()> {
		let has_max = self.byte()? & 1 == 1;
		self.u32()?;
		if has_max {
			self.u32()?;
		}
		Some(())
	}

	/// What an import is: a function's type index, a table, a memory or a global.
	fn import_description(&mut self) -> Option<()> {
		match self.byte()? {
			0 => self.u32().map(|_| ()),
			1 => self.byte().and_then(|_| self.limits()),
			2 => self.limits(),
			3 => self.byte().and_then(|_| self.byte()).map(|_| ()),
			_ => None,
		}
	}

	/// Moves to the contents of the first section with id `wanted`: whether there is one
	/// (`None` for malformed bytes).
	fn seek_section(&mut self, wanted: u8) -> Option<bool> {
		while self.at < self.bytes.len() {
			let id = self.byte()?;
			let size = self.u32()?;
			if id == wanted {
				return Some(true);
			}
			let start = self.at;
			self.skip_to(start, size)?;
		}
		Some(false)
	}

	/// Moves `len` bytes on from `from`.
	fn skip_to(&mut self, from: usize, len: u32) -> Option<()> {
		self.at = from.checked_add(len as usize)?;
		(self.at <= self.bytes.len()).then_some(())
	}
}

/// The locals the functions of a module declare (parameters not counted).
struct DeclaredLocals {
	/// The most one function declares.
	most: u32,
	/// All its functions together.
	total: u32,
}

/// The locals the functions of `code` declare, read from its code section without validating
/// anything else (in time linear in its length, whatever the bytes); returned as soon as a
/// count past `limit` is seen. `None` for malformed bytes.
fn declared_locals(code: &[u8], limit: LocalsLimit) -> Option<DeclaredLocals> {
	const CODE_SECTION: u8 = 10;
	let mut reader = SectionReader { bytes: code, at: 8 };
	let mut declared = DeclaredLocals { most: 0, total: 0 };
	if !reader.seek_section(CODE_SECTION)? {
		return Some(declared);
	}
	for _ in 0..reader.u32()? {
		let body_size = reader.u32()?;
		let body_start = reader.at;
		let mut locals = 0u32;
		for _ in 0..reader.u32()? {
			locals = locals.saturating_add(reader.u32()?);
			reader.byte()?;
			if locals > limit.per_function {
				return Some(DeclaredLocals { most: locals, ..declared });
			}
		}
		declared.most = declared.most.max(locals);
		declared.total = declared.total.saturating_add(locals);
		if declared.total > limit.per_module {
			return Some(declared);
		}
		reader.skip_to(body_start, body_size)?;
	}
	Some(declared)
}

/// The interface revision stored code imports from, read from its import section without
/// compiling it (the first namespace of a revision among its imports; `v1` if none is).
/// `None` for malformed bytes.
pub fn interface_of(code: &[u8]) -> Option<Interface> {
	const IMPORT_SECTION: u8 = 2;
	let mut reader = SectionReader { bytes: code, at: 8 };
	if !reader.seek_section(IMPORT_SECTION)? {
		return Some(Interface::default());
	}
	for _ in 0..reader.u32()? {
		let namespace = reader.name()?;
		if let Some(interface) =
			core::str::from_utf8(namespace).ok().and_then(Interface::of_namespace)
		{
			return Some(interface);
		}
		reader.name()?;
		reader.import_description()?;
	}
	Some(Interface::default())
}

/// Checks every import against the EEI table: the interface revision whose namespace the module
/// imports from (`v1` if it imports none).
fn check_imports(module: &Module, debug_enabled: bool) -> Result<Interface, PrepareError> {
	let mut interface = None;
	for import in module.imports() {
		if import.module() == DEBUG_NAMESPACE && !debug_enabled {
			return Err(PrepareError::ImportNotAllowed);
		}
		if let Some(revision) = Interface::of_namespace(import.module()) {
			if *interface.get_or_insert(revision) != revision {
				return Err(PrepareError::ImportNotAllowed);
			}
		}
		check_signature(&import, eei::host_function(import.module(), import.name()))?;
	}
	Ok(interface.unwrap_or_default())
}

/// Checks that `import` is a function, and the host function `spec` (what the table holds
/// under its name, if anything) with exactly its signature.
fn check_signature(
	import: &ImportType<'_>,
	spec: Option<HostFunction>,
) -> Result<(), PrepareError> {
	let (ExternType::Func(ty), Some(spec)) = (import.ty(), spec) else {
		return Err(PrepareError::ImportNotAllowed);
	};
	match same_types(ty.params(), spec.params) && same_types(ty.results(), spec.results) {
		true => Ok(()),
		false => Err(PrepareError::ImportNotAllowed),
	}
}

fn same_types(actual: &[ValType], specified: &[ValueType]) -> bool {
	actual.len() == specified.len()
		&& actual.iter().zip(specified).all(|(actual, specified)| {
			matches!(
				(actual, specified),
				(ValType::I32, ValueType::I32) | (ValType::I64, ValueType::I64)
			)
		})
}

/// The kind of module whose exports are checked.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Entries {
	/// A contract: `main`, and perhaps `receiveMessage`.
	Contract,
	/// An execution environment: `main` only.
	ExecutionEnvironment,
}

/// Checks the module exports `main` and `memory` (and perhaps, if a contract,
/// `receiveMessage`), nothing else: its memory's initial pages.
fn check_exports(module: &Module, kind: Entries) -> Result<u32, PrepareError> {
	let mut has_main = false;
	let mut memory_pages = None;
	let mut has_receive = false;
	let no_params_no_results =
		|ty: &wasmi::FuncType| ty.params().is_empty() && ty.results().is_empty();
	for export in module.exports() {
		match (export.name(), export.ty()) {
			(ENTRY_POINT, ExternType::Func(ty)) if !has_main && no_params_no_results(ty) => {
				has_main = true
			}
			(RECEIVE_ENTRY_POINT, ExternType::Func(ty))
				if kind == Entries::Contract && !has_receive && no_params_no_results(ty) =>
			{
				has_receive = true
			}
			(MEMORY_EXPORT, ExternType::Memory(memory)) if memory_pages.is_none() => {
				let pages = u32::try_from(memory.minimum())
					.ok()
					.filter(|pages| *pages <= MAX_MEMORY_PAGES)
					.ok_or(PrepareError::MemoryTooLarge)?;
				memory_pages = Some(pages);
			}
			_ => return Err(PrepareError::ExportsInvalid),
		}
	}
	match memory_pages {
		Some(pages) if has_main => Ok(pages),
		_ => Err(PrepareError::ExportsInvalid),
	}
}
