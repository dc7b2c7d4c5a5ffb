//! Wasm contracts for the benchmarks, built byte by byte: the benchmarks run inside the
//! runtime, where no WAT compiler exists.
//!
//! Every generated module exports `main` (one function with one `i32` local, the loop
//! counter of [`Body::repeat`]) and `memory`, imports the functions it is given (function `n`
//! is the `n`-th import: an EEI function by its name, or an execution environment's as
//! `group.name`), and holds its data segment at offset 0. Its memory is the data rounded up to
//! pages plus one page of scratch space at [`scratch`].

use alloc::{vec, vec::Vec};
use ewasm_primitives::{
	eei::{self, Interface, ValueType},
	system::receipts::RECEIVE_ENTRY_POINT,
};

/// Bytes in a wasm memory page.
const PAGE: u32 = 65_536;

fn uleb(mut value: u32, out: &mut Vec<u8>) {
	loop {
		let byte = (value & 0x7f) as u8;
		value >>= 7;
		if value == 0 {
			out.push(byte);
			return;
		}
		out.push(byte | 0x80);
	}
}

fn sleb(mut value: i64, out: &mut Vec<u8>) {
	loop {
		let byte = (value & 0x7f) as u8;
		value >>= 7;
		let done = (value == 0 && byte & 0x40 == 0) || (value == -1 && byte & 0x40 != 0);
		out.push(if done { byte } else { byte | 0x80 });
		if done {
			return;
		}
	}
}

fn section(id: u8, content: &[u8], out: &mut Vec<u8>) {
	out.push(id);
	uleb(content.len() as u32, out);
	out.extend_from_slice(content);
}

fn name(text: &str, out: &mut Vec<u8>) {
	uleb(text.len() as u32, out);
	out.extend_from_slice(text.as_bytes());
}

fn value_type(value: ValueType) -> u8 {
	match value {
		ValueType::I32 => 0x7f,
		ValueType::I64 => 0x7e,
	}
}

fn signature(params: &[ValueType], results: &[ValueType], out: &mut Vec<u8>) {
	out.push(0x60);
	uleb(params.len() as u32, out);
	out.extend(params.iter().copied().map(value_type));
	uleb(results.len() as u32, out);
	out.extend(results.iter().copied().map(value_type));
}

/// The function `import` names: an execution environment's `group.name`, or else the EEI
/// function of that name, of any version (every version's namespace holds the functions of the
/// versions before it).
fn host_function(import: &str) -> eei::HostFunction {
	match import.split_once('.') {
		Some((group, name)) => eei::ee::ee_function(group, name).map(|f| f.as_host_function()),
		None => eei::host_function(ewasm_primitives::ETHEREUM_V2_NAMESPACE, import),
	}
	.expect("benchmarks import EEI or EE functions only; qed")
}

/// The oldest version that has every EEI function of `imports`: the namespace a module imports
/// them from.
fn version_of(imports: &[&str]) -> Interface {
	let has_all = |version: &Interface| {
		imports
			.iter()
			.filter(|import| !import.contains('.'))
			.all(|import| version.functions().any(|function| function.name == *import))
	};
	Interface::ALL.into_iter().find(has_all).expect("benchmarks import EEI functions only; qed")
}

/// Offset of the scratch page of a module whose data segment is `data_len` bytes long.
pub fn scratch(data_len: usize) -> i32 {
	((data_len as u32 / PAGE + 1) * PAGE) as i32
}

/// A module importing `imports`, with `data` at offset 0, whose `main` runs `body`.
pub fn module(imports: &[&str], data: &[u8], body: &Body) -> Vec<u8> {
	Module { imports, data, main: body, ..Module::default() }.build()
}

/// A function besides `main`, without results.
#[derive(Clone, Debug, Default)]
pub struct Function {
	/// Its `i64` parameters.
	pub params: u32,
	/// Its `i64` locals besides the parameters.
	pub locals: u32,
	/// Its instructions.
	pub body: Body,
}

/// A module: `imports` (function `n` is the `n`-th import), `main` (function `imports.len()`,
/// with one `i32` local, the loop counter of [`Body::repeat`]), `functions` after it (the `k`-th
/// is function and type [`Module::function_index`]`(k)`), a table
/// holding `functions` in order (slot `k` is the `k`-th) if `table`, `data` at offset 0, and
/// memory of `pages` pages or, if more, the data rounded up to pages plus a scratch page.
#[derive(Clone, Copy, Debug)]
pub struct Module<'a> {
	/// The EEI functions imported.
	pub imports: &'a [&'a str],
	/// The data segment, at offset 0.
	pub data: &'a [u8],
	/// The body of `main`.
	pub main: &'a Body,
	/// Functions after `main`.
	pub functions: &'a [Function],
	/// Whether a table holds `functions`.
	pub table: bool,
	/// The least initial memory, in pages.
	pub pages: u32,
	/// Whether `main` is exported as `receiveMessage` too (the entry point of receipts).
	pub receives: bool,
}

static EMPTY_BODY: Body = Body(Vec::new());

impl Default for Module<'_> {
	fn default() -> Self {
		Module {
			imports: &[],
			data: &[],
			main: &EMPTY_BODY,
			functions: &[],
			table: false,
			pages: 0,
			receives: false,
		}
	}
}

impl Module<'_> {
	/// The function index of the `k`-th function of `functions`, which is also the index of
	/// its type (types are laid out as functions are: `main`'s, the imports', the functions').
	pub fn function_index(&self, k: u32) -> u32 {
		self.imports.len() as u32 + 1 + k
	}

	/// The module's bytes.
	pub fn build(&self) -> Vec<u8> {
		let mut out = vec![0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];
		self.types(&mut out);
		self.import_section(&mut out);
		let mut functions = Vec::new();
		uleb(1 + self.functions.len() as u32, &mut functions);
		functions.push(0x00);
		for k in 0..self.functions.len() as u32 {
			uleb(self.function_index(k), &mut functions);
		}
		section(3, &functions, &mut out);
		if self.table {
			let mut table = vec![0x01, 0x70, 0x00];
			uleb(self.functions.len() as u32, &mut table);
			section(4, &table, &mut out);
		}
		let mut memory = vec![0x01, 0x00];
		uleb((scratch(self.data.len()) as u32 / PAGE + 1).max(self.pages), &mut memory);
		section(5, &memory, &mut out);
		let mut exports = vec![if self.receives { 0x03 } else { 0x02 }];
		let entry_points: &[&str] =
			if self.receives { &["main", RECEIVE_ENTRY_POINT] } else { &["main"] };
		for entry_point in entry_points {
			name(entry_point, &mut exports);
			exports.push(0x00);
			uleb(self.imports.len() as u32, &mut exports);
		}
		name("memory", &mut exports);
		exports.extend([0x02, 0x00]);
		section(7, &exports, &mut out);
		if self.table {
			// One active segment of table 0 at offset 0: the functions in order.
			let mut elements = vec![0x01, 0x00, 0x41, 0x00, 0x0b];
			uleb(self.functions.len() as u32, &mut elements);
			for k in 0..self.functions.len() as u32 {
				uleb(self.function_index(k), &mut elements);
			}
			section(9, &elements, &mut out);
		}
		self.code_section(&mut out);
		let mut segment = vec![0x01, 0x00, 0x41, 0x00, 0x0b];
		uleb(self.data.len() as u32, &mut segment);
		segment.extend_from_slice(self.data);
		section(11, &segment, &mut out);
		out
	}

	/// Type 0 is `main`'s `() -> ()`; type `n + 1` is the `n`-th import's; then the functions'.
	fn types(&self, out: &mut Vec<u8>) {
		let mut types = Vec::new();
		uleb(self.imports.len() as u32 + 1 + self.functions.len() as u32, &mut types);
		signature(&[], &[], &mut types);
		for import in self.imports {
			let function = host_function(import);
			signature(function.params, function.results, &mut types);
		}
		for function in self.functions {
			let params = vec![ValueType::I64; function.params as usize];
			signature(&params, &[], &mut types);
		}
		section(1, &types, out);
	}

	fn import_section(&self, out: &mut Vec<u8>) {
		if self.imports.is_empty() {
			return;
		}
		let mut entries = Vec::new();
		uleb(self.imports.len() as u32, &mut entries);
		let eei_namespace = version_of(self.imports).namespace();
		for (index, import) in self.imports.iter().enumerate() {
			let (namespace, function) = import.split_once('.').unwrap_or((eei_namespace, import));
			name(namespace, &mut entries);
			name(function, &mut entries);
			entries.push(0x00);
			uleb(index as u32 + 1, &mut entries);
		}
		section(2, &entries, out);
	}

	fn code_section(&self, out: &mut Vec<u8>) {
		let mut code = Vec::new();
		uleb(1 + self.functions.len() as u32, &mut code);
		// `main`: one local, the loop counter.
		function_body(&[0x01, 0x01, 0x7f], self.main, &mut code);
		for function in self.functions {
			let mut locals = Vec::new();
			if function.locals == 0 {
				locals.push(0x00);
			} else {
				locals.push(0x01);
				uleb(function.locals, &mut locals);
				locals.push(0x7e);
			}
			function_body(&locals, &function.body, &mut code);
		}
		section(10, &code, out);
	}
}

/// A function body: its `locals` declarations, its instructions and `end`, size first.
fn function_body(locals: &[u8], body: &Body, out: &mut Vec<u8>) {
	let mut function = locals.to_vec();
	function.extend_from_slice(&body.0);
	function.push(0x0b);
	uleb(function.len() as u32, out);
	out.extend(function);
}

/// An argument of a host function call.
#[derive(Clone, Copy, Debug)]
pub enum Arg {
	/// An `i32` constant (offsets, lengths).
	I32(i32),
	/// An `i64` constant (gas amounts).
	I64(i64),
	/// The loop counter, as an `i64` (block numbers).
	CounterI64,
}

/// The instructions of a function body, without its final `end`.
#[derive(Clone, Debug, Default)]
pub struct Body(Vec<u8>);

impl Body {
	/// An empty body.
	pub fn new() -> Self {
		Self::default()
	}

	fn i32_const(mut self, value: i32) -> Self {
		self.0.push(0x41);
		sleb(value.into(), &mut self.0);
		self
	}

	fn counter(mut self) -> Self {
		self.0.extend([0x20, 0x00]);
		self
	}

	/// Calls import `index` with `args`, dropping its result if it has one.
	pub fn call(mut self, index: u32, import: &str, args: &[Arg]) -> Self {
		let function = host_function(import);
		assert_eq!(function.params.len(), args.len(), "arguments of {import}");
		for arg in args {
			self = match *arg {
				Arg::I32(value) => self.i32_const(value),
				Arg::I64(value) => {
					self.0.push(0x42);
					sleb(value, &mut self.0);
					self
				}
				Arg::CounterI64 => {
					let mut body = self.counter();
					// i64.extend_i32_u
					body.0.push(0xad);
					body
				}
			};
		}
		self.0.push(0x10);
		uleb(index, &mut self.0);
		if !function.results.is_empty() {
			self.0.push(0x1a);
		}
		self
	}

	/// Writes the loop counter as a little-endian `u32` at `offset`, so that each iteration
	/// names another address, key or salt there.
	pub fn store_counter(self, offset: i32) -> Self {
		let mut body = self.i32_const(offset).counter();
		// i32.store, alignment 4, offset 0
		body.0.extend([0x36, 0x02, 0x00]);
		body
	}

	/// Loads the 64-bit word at `offset`, divides it by the loop counter and stores the
	/// quotient back: a memory read, the slowest arithmetic and a memory write, none of which
	/// translation can fold away (the counter is never zero inside [`Body::repeat`]).
	pub fn divide_in_memory(self, offset: i32) -> Self {
		let mut body = self.i32_const(offset).i32_const(offset);
		// i64.load, alignment 8, offset 0
		body.0.extend([0x29, 0x03, 0x00]);
		body = body.counter();
		// i64.extend_i32_u; i64.div_u; i64.store, alignment 8, offset 0
		body.0.extend([0xad, 0x80, 0x37, 0x03, 0x00]);
		body
	}

	/// Calls function `index`, which takes `params` `i64` parameters (all 1).
	pub fn call_function(mut self, index: u32, params: u32) -> Self {
		self = self.i64_ones(params);
		self.0.push(0x10);
		uleb(index, &mut self.0);
		self
	}

	/// Calls table slot `slot` through `call_indirect` with type `type_index`, which takes
	/// `params` `i64` parameters (all 1).
	pub fn call_indirect(mut self, type_index: u32, slot: i32, params: u32) -> Self {
		self = self.i64_ones(params).i32_const(slot);
		self.0.push(0x11);
		uleb(type_index, &mut self.0);
		self.0.push(0x00);
		self
	}

	fn i64_ones(mut self, count: u32) -> Self {
		for _ in 0..count {
			self.0.extend([0x42, 0x01]);
		}
		self
	}

	/// A `br_table` of `targets` labels (all leaving the block around it), indexed by the loop
	/// counter.
	pub fn br_table(mut self, targets: u32) -> Self {
		// block; local.get 0; br_table 0 ... 0 (default 0); end
		self.0.extend([0x02, 0x40, 0x20, 0x00, 0x0e]);
		uleb(targets, &mut self.0);
		self.0.extend(core::iter::repeat_n(0x00, targets as usize + 1));
		self.0.push(0x0b);
		self
	}

	/// `memory.grow` by `pages`, dropping the result.
	pub fn memory_grow(self, pages: i32) -> Self {
		let mut body = self.i32_const(pages);
		body.0.extend([0x40, 0x00, 0x1a]);
		body
	}

	/// Adds 1 to the `i64` local `local`, `times` times: 7 bytes each, dense arithmetic on
	/// locals for the translator to compile.
	pub fn increment_local(mut self, local: u32, times: u32) -> Self {
		for _ in 0..times {
			// local.get; i64.const 1; i64.add; local.set
			self.0.push(0x20);
			uleb(local, &mut self.0);
			self.0.extend([0x42, 0x01, 0x7c, 0x21]);
			uleb(local, &mut self.0);
		}
		self
	}

	/// Returns from the function when its first (`i64`) parameter is zero, else calls
	/// function `index` with it minus one: recursion as deep as the parameter.
	pub fn recurse(mut self, index: u32) -> Self {
		// local.get 0; i64.eqz; br_if 0; local.get 0; i64.const 1; i64.sub; call index
		self.0.extend([0x20, 0x00, 0x50, 0x0d, 0x00, 0x20, 0x00, 0x42, 0x01, 0x7d, 0x10]);
		uleb(index, &mut self.0);
		self
	}

	/// Calls function `index` with the one `i64` parameter `value`.
	pub fn call_with_i64(mut self, index: u32, value: i64) -> Self {
		self.0.push(0x42);
		sleb(value, &mut self.0);
		self.0.push(0x10);
		uleb(index, &mut self.0);
		self
	}

	/// Runs `body` `times` times, with the loop counter going from `times` down to 1.
	pub fn repeat(self, times: u32, body: Body) -> Self {
		let mut out = self.i32_const(times as i32);
		// local.set 0; block; loop; local.get 0; i32.eqz; br_if 1
		out.0.extend([0x21, 0x00, 0x02, 0x40, 0x03, 0x40, 0x20, 0x00, 0x45, 0x0d, 0x01]);
		out.0.extend(body.0);
		// local.get 0; i32.const 1; i32.sub; local.set 0; br 0; end; end
		out.0.extend([0x20, 0x00, 0x41, 0x01, 0x6b, 0x21, 0x00, 0x0c, 0x00, 0x0b, 0x0b]);
		out
	}
}

/// A contract of at most `len` bytes (and at least `len - 8`) whose `main` does nothing; its
/// data segment is filled with `fill`, so that contracts with different fills have different
/// code.
pub fn contract_filled(len: u32, fill: u8) -> Vec<u8> {
	// The sizes of a long data segment and its section take up to 4 more bytes each.
	let overhead = module(&[], &[], &Body::new()).len() as u32 + 8;
	module(&[], &vec![fill; len.saturating_sub(overhead) as usize], &Body::new())
}

/// A contract of at most `len` bytes (and at least `len - 8`) whose `main` does nothing.
pub fn contract(len: u32) -> Vec<u8> {
	contract_filled(len, 0x2a)
}

/// What `build` makes of one never-called function of dense arithmetic (7-byte increments of a
/// local, [`Body::increment_local`]) as long as keeps the module within `len` bytes (and at
/// least `len - 16`): translation's most work per byte, the worst case of loading code.
fn with_dense_code(len: u32, build: impl Fn(&[Function]) -> Vec<u8>) -> Vec<u8> {
	let dense =
		|times| [Function { params: 0, locals: 1, body: Body::new().increment_local(0, times) }];
	// The sizes of the function body and the code section take up to 4 more bytes each.
	let overhead = build(&dense(0)).len() as u32 + 8;
	build(&dense(len.saturating_sub(overhead) / 7))
}

/// A contract of at most `len` bytes of dense code (see [`with_dense_code`]) whose memory
/// starts at `pages` pages; its one data byte is `fill`, so that contracts with different
/// fills have different code.
pub fn dense_contract(len: u32, pages: u32, fill: u8) -> Vec<u8> {
	with_dense_code(len, |functions| {
		Module { data: &[fill], functions, pages, ..Module::default() }.build()
	})
}

/// A contract of at most `len` bytes (and at least `len - 64`) whose memory starts at `pages`
/// pages and whose code is as many never-called functions as fit (see
/// [`with_many_functions`]). Its one data byte is `fill`.
pub fn many_functions_contract(len: u32, pages: u32, fill: u8) -> Vec<u8> {
	with_many_functions(len, |functions| {
		Module { data: &[fill], functions, pages, ..Module::default() }.build()
	})
}

/// The most functions besides `main` a module may define: wasmi's strict limit is 10 000.
const MOST_FUNCTIONS: usize = 9_999;

/// What `build` makes of as many never-called functions as keep the module within `len` bytes
/// (and at least `len - 64`), each as small as wasmi's strict limits allow on average (a body
/// of 45 bytes: six increments of a local, and a type of its own): translation's most work per
/// function. Where more would fit than a module may define, the last is dense code
/// ([`with_dense_code`]) filling the rest.
fn with_many_functions(len: u32, build: impl Fn(&[Function]) -> Vec<u8>) -> Vec<u8> {
	let small = Function { params: 0, locals: 1, body: Body::new().increment_local(0, 6) };
	let build_count = |count: usize| build(&vec![small.clone(); count]);
	// From the average size of a function, then one more or fewer at a time: the most that fit.
	let (empty, sample) = (build_count(0).len(), 1_000);
	let per_function = (build_count(sample).len() - empty).div_ceil(sample);
	let mut count = (len as usize).saturating_sub(empty) / per_function;
	if count >= MOST_FUNCTIONS {
		let smalls = vec![small; MOST_FUNCTIONS - 1];
		return with_dense_code(len, |dense| build(&[&smalls[..], dense].concat()));
	}
	while build_count(count + 1).len() <= len as usize {
		count += 1;
	}
	while count > 0 && build_count(count).len() > len as usize {
		count -= 1;
	}
	build_count(count)
}

/// An execution environment with `functions` whose `main` saves the root at its scratch page,
/// and does nothing else: a block that succeeds.
fn ee_module(functions: &[Function]) -> Vec<u8> {
	const SAVE: &str = "eth2.savePostStateRoot";
	let main = Body::new().call(0, SAVE, &[Arg::I32(scratch(1))]);
	Module { imports: &[SAVE], data: &[0], main: &main, functions, ..Module::default() }.build()
}

/// An execution environment of at most `len` bytes of dense code ([`with_dense_code`]) whose
/// blocks succeed ([`ee_module`]).
pub fn dense_ee(len: u32) -> Vec<u8> {
	with_dense_code(len, ee_module)
}

/// An execution environment of at most `len` bytes of many functions
/// ([`with_many_functions`]) whose blocks succeed ([`ee_module`]).
pub fn many_functions_ee(len: u32) -> Vec<u8> {
	with_many_functions(len, ee_module)
}

/// As [`dense_contract`], exporting its `main` as `receiveMessage` too: a receipt's target
/// whose code is loaded and run.
pub fn dense_receiver(len: u32, pages: u32) -> Vec<u8> {
	with_dense_code(len, |functions| {
		Module { data: &[0], functions, pages, receives: true, ..Module::default() }.build()
	})
}

/// Init code of at most `len` bytes that deploys `contract`, with memory of `pages` pages and
/// the rest of its bytes dense code (see [`with_dense_code`]).
pub fn dense_init_code(contract: &[u8], len: u32, pages: u32) -> Vec<u8> {
	let main = Body::new().call(0, "finish", &[Arg::I32(0), Arg::I32(contract.len() as i32)]);
	with_dense_code(len, |functions| {
		Module {
			imports: &["finish"],
			data: contract,
			main: &main,
			functions,
			pages,
			..Module::default()
		}
		.build()
	})
}

/// Init code that deploys `contract`.
pub fn init_code(contract: &[u8]) -> Vec<u8> {
	let body = Body::new().call(0, "finish", &[Arg::I32(0), Arg::I32(contract.len() as i32)]);
	module(&["finish"], contract, &body)
}

#[cfg(test)]
mod tests {
	use super::*;
	use crate::vm::prepare;

	#[test]
	fn generated_contracts_have_the_asked_size() {
		for len in [200, 1_000, 24 * 1024, 128 * 1024] {
			let code = contract(len);
			assert!(code.len() as u32 <= len && code.len() as u32 + 8 >= len, "{len}");
			let dense = dense_contract(len, 128, 1);
			assert!(dense.len() as u32 <= len && dense.len() as u32 + 16 >= len, "{len}");
			let init = dense_init_code(&dense_contract(len / 2, 128, 1), len, 1);
			assert!(init.len() as u32 <= len && init.len() as u32 + 16 >= len, "{len}");
			let functions = many_functions_contract(len, 1, 1);
			assert!(functions.len() as u32 <= len && functions.len() as u32 + 64 >= len, "{len}");
		}
	}

	#[test]
	fn generated_shapes_are_valid_contracts() {
		let rules = prepare::CodeRules { max_len: u32::MAX, debug_enabled: false };
		// Function 1 recurses on its one parameter; function 2 takes three and does nothing.
		let functions = [
			Function { params: 1, locals: 3, body: Body::new().recurse(1) },
			Function { params: 3, locals: 0, body: Body::new() },
		];
		let main = Body::new().repeat(
			2,
			Body::new()
				.call_function(2, 3)
				.call_indirect(2, 1, 3)
				.br_table(4)
				.memory_grow(1)
				.call_with_i64(1, 3),
		);
		let module = Module {
			main: &main,
			functions: &functions,
			table: true,
			pages: 2,
			..Module::default()
		};
		let prepared = prepare::prepare(&prepare::engine(), &module.build(), rules);
		assert!(prepared.is_ok(), "{:?}", prepared.err());
		let many_functions = many_functions_contract(128 * 1024, 1, 1);
		for code in
			[dense_contract(1_000, 128, 1), dense_init_code(&[1, 2], 1_000, 128), many_functions]
		{
			assert!(prepare::prepare(&prepare::engine(), &code, rules).is_ok());
		}
	}

	#[test]
	fn every_eei_function_can_be_imported_and_called() {
		for function in Interface::ALL.into_iter().flat_map(Interface::functions) {
			let args: Vec<_> = function
				.params
				.iter()
				.map(|param| match param {
					ValueType::I32 => Arg::I32(0),
					ValueType::I64 => Arg::I64(0),
				})
				.collect();
			let body =
				Body::new().repeat(3, Body::new().store_counter(0).call(0, function.name, &args));
			let code = module(&[function.name], &[1, 2, 3], &body);
			let rules = prepare::CodeRules { max_len: u32::MAX, debug_enabled: false };
			assert!(
				prepare::prepare(&prepare::engine(), &code, rules).is_ok(),
				"{}",
				function.name
			);
		}
	}
}
