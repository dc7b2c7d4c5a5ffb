//! Wasm contracts for the benchmarks, built byte by byte: the benchmarks run inside the
//! runtime, where no WAT compiler exists.
//!
//! Every generated module exports `main` (one function with one `i32` local, the loop
//! counter of [`Body::repeat`]) and `memory`, imports the `ethereum` functions it is given
//! (function `n` is the `n`-th import), and holds its data segment at offset 0. Its memory is
//! the data rounded up to pages plus one page of scratch space at [`scratch`].

use alloc::{vec, vec::Vec};
use ewasm_primitives::eei::{self, ValueType};

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

fn host_function(import: &str) -> &'static eei::HostFunction {
	eei::ethereum_function(import).expect("benchmarks import EEI functions only; qed")
}

/// Offset of the scratch page of a module whose data segment is `data_len` bytes long.
pub fn scratch(data_len: usize) -> i32 {
	((data_len as u32 / PAGE + 1) * PAGE) as i32
}

/// A module importing `imports`, with `data` at offset 0, whose `main` runs `body`.
pub fn module(imports: &[&str], data: &[u8], body: &Body) -> Vec<u8> {
	let mut out = vec![0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];
	// Type 0 is `main`'s `() -> ()`; type `n + 1` is the `n`-th import's.
	let mut types = Vec::new();
	uleb(imports.len() as u32 + 1, &mut types);
	signature(&[], &[], &mut types);
	for import in imports {
		let function = host_function(import);
		signature(function.params, function.results, &mut types);
	}
	section(1, &types, &mut out);
	if !imports.is_empty() {
		let mut entries = Vec::new();
		uleb(imports.len() as u32, &mut entries);
		for (index, import) in imports.iter().enumerate() {
			name(ewasm_primitives::ETHEREUM_NAMESPACE, &mut entries);
			name(import, &mut entries);
			entries.push(0x00);
			uleb(index as u32 + 1, &mut entries);
		}
		section(2, &entries, &mut out);
	}
	section(3, &[0x01, 0x00], &mut out);
	let mut memory = vec![0x01, 0x00];
	uleb(scratch(data.len()) as u32 / PAGE + 1, &mut memory);
	section(5, &memory, &mut out);
	let mut exports = vec![0x02];
	name("main", &mut exports);
	exports.push(0x00);
	uleb(imports.len() as u32, &mut exports);
	name("memory", &mut exports);
	exports.extend([0x02, 0x00]);
	section(7, &exports, &mut out);
	// One local: the loop counter.
	let mut function = vec![0x01, 0x01, 0x7f];
	function.extend_from_slice(&body.0);
	function.push(0x0b);
	let mut code = vec![0x01];
	uleb(function.len() as u32, &mut code);
	code.extend(function);
	section(10, &code, &mut out);
	let mut segment = vec![0x01, 0x00, 0x41, 0x00, 0x0b];
	uleb(data.len() as u32, &mut segment);
	segment.extend_from_slice(data);
	section(11, &segment, &mut out);
	out
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

/// Init code that deploys `contract`, and holds `padding` more bytes that it does not use.
pub fn init_code_padded(contract: &[u8], padding: u32) -> Vec<u8> {
	let mut data = contract.to_vec();
	data.resize(contract.len() + padding as usize, 0x2a);
	let body = Body::new().call(0, "finish", &[Arg::I32(0), Arg::I32(contract.len() as i32)]);
	module(&["finish"], &data, &body)
}

/// Init code that deploys `contract`.
pub fn init_code(contract: &[u8]) -> Vec<u8> {
	init_code_padded(contract, 0)
}

#[cfg(test)]
mod tests {
	use super::*;
	use crate::vm::prepare;

	#[test]
	fn generated_contracts_have_the_asked_size() {
		for len in [200, 1_000, 24 * 1024] {
			let code = contract(len);
			assert!(code.len() as u32 <= len && code.len() as u32 + 8 >= len, "{len}");
		}
	}

	#[test]
	fn every_eei_function_can_be_imported_and_called() {
		for function in eei::ETHEREUM_FUNCTIONS {
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
