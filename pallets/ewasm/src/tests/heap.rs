//! The heap executions take, measured natively (per thread, with `allocation_counter`) against
//! the model that the call stack's budget and `integrity_test` rely on (`vm::limiter`, with
//! each frame's code charged at `limits::COMPILED_CODE_HEAP_PER_CODE_BYTE` and
//! `limits::FRAME_BOOKKEEPING_HEAP_BYTES`). Native sizes are at least the wasm runtime's
//! (pointers are 8 bytes here, 4 there) and the native allocator does not round sizes up, so
//! the model must hold here with room to spare.

use super::*;
use crate::{
	limits::{MAX_CALL_DEPTH, MAX_CALL_STACK_HEAP_BYTES, MAX_WASM_STACK_BYTES},
	vm::limiter::frame_overhead_bytes,
};

const PAGE: usize = 65_536;

/// A contract that calls itself one level deeper until a call fails. Its memory starts at
/// `pages` pages; each frame grows it by `grow` pages and records at key `depth` the word
/// `[depth + 1, 1 if the memory grew else 2]`.
fn self_caller(pages: u32, grow: u32) -> Vec<u8> {
	wasm(&format!(
		r#"(module {SELF_CALLER_IMPORTS}
			(memory (export "memory") {pages})
			(func (export "main")
				(if (call $size) (then (call $copy (i32.const 0) (i32.const 0) (i32.const 1))))
				(i32.store8 (i32.const 64) (i32.load8_u (i32.const 0)))
				(i32.store8 (i32.const 32) (i32.add (i32.load8_u (i32.const 0)) (i32.const 1)))
				(i32.store8 (i32.const 33) (select (i32.const 2) (i32.const 1)
					(i32.eq (memory.grow (i32.const {grow})) (i32.const -1))))
				(call $store (i32.const 64) (i32.const 32))
				(i32.store8 (i32.const 0) (i32.add (i32.load8_u (i32.const 0)) (i32.const 1)))
				(call $getAddress (i32.const 96))
				(drop (call $call (i64.const 0x7fffffffffffffff) (i32.const 96)
					(i32.const 128) (i32.const 0) (i32.const 1)))))"#
	))
}

/// Calls `contract`, which must finish, and returns what the call allocated.
fn heap_of_call(contract: Address) -> allocation_counter::AllocationInfo {
	let mut outcome = None;
	let heap = allocation_counter::measure(|| {
		outcome = Some(call_for_output(contract, 0, 100 * GAS, vec![]));
	});
	assert_eq!(outcome.map(|outcome| outcome.result), Some(Ok(vec![])));
	heap
}

/// Calls `contract` and returns the most heap the call held at once, in bytes.
fn peak_heap_of_call(contract: Address) -> usize {
	heap_of_call(contract).bytes_max as usize
}

#[test]
fn the_deepest_call_stack_takes_no_more_heap_than_its_frames_are_allowed() {
	new_test_ext().execute_with(|| {
		let code = self_caller(1, 0);
		let contract = deploy(&code, 0);
		let peak = peak_heap_of_call(contract);
		let deepest = MAX_CALL_DEPTH as u8;
		assert_eq!(stored(contract, deepest), Some(word(&[deepest + 1, 1])));
		assert_eq!(stored(contract, deepest + 1), None, "the depth limit stopped it");
		let frames = MAX_CALL_DEPTH as usize + 1;
		let budgeted = frames * (PAGE + MAX_WASM_STACK_BYTES);
		let allowed = budgeted + frames * frame_overhead_bytes(code.len());
		assert!(peak <= allowed, "{frames} frames took {peak} bytes of heap, allowed {allowed}");
	});
}

#[test]
fn a_memory_that_grows_holds_the_blocks_its_buffer_moves_through() {
	new_test_ext().execute_with(|| {
		// 65 pages take an 8 MiB block; one page more moves the buffer to a 16 MiB block (its
		// capacity doubles), the 8 MiB one freed for the next frame's memory. The first frame
		// takes 8 + 16 MiB (besides its value stack and code, about 0.8 MiB a frame); the
		// second reuses the 8 MiB block and grows into a second 16 MiB block (41.6 MiB in
		// all); the third reuses the 8 MiB block again but cannot grow (a third 16 MiB block
		// would exceed the 48 MiB budget); a fourth memory does not fit.
		let code = self_caller(65, 1);
		let contract = deploy(&code, 0);
		let peak = peak_heap_of_call(contract);
		assert_eq!(stored(contract, 0), Some(word(&[1, 1])), "the first frame grew");
		assert_eq!(stored(contract, 1), Some(word(&[2, 1])), "so did the second");
		assert_eq!(stored(contract, 2), Some(word(&[3, 2])), "the third could not");
		assert_eq!(stored(contract, 3), None, "the fourth did not start");
		let allowed = MAX_CALL_STACK_HEAP_BYTES + frame_overhead_bytes(code.len());
		assert!(peak <= allowed, "took {peak} bytes of heap, allowed {allowed}");
	});
}

/// Installs `code`, calls it, and checks that the call took no more heap than the budget
/// charges one frame of it: its memory (one page) and value stack, and its compiled code and
/// bookkeeping ([`frame_overhead_bytes`]), whose allocations are counted here as the runtime's
/// allocator takes them (a power of two at least as large, and a header: at most twice their
/// bytes and 16 each).
fn assert_one_frame_within_its_allowance(code: &[u8]) {
	// Installed at genesis: init code carrying the largest code would be larger than the limit.
	let contract = Address([7; 20]);
	let installed = crate::GenesisContract {
		address: polkadot_sdk::sp_core::H160(contract.0),
		code: code.to_vec(),
		storage: vec![],
		nonce: 0,
	};
	let genesis = crate::GenesisConfig::<Test> { contracts: vec![installed], ..Default::default() };
	new_test_ext_with(genesis).execute_with(|| {
		let heap = heap_of_call(contract);
		let outside_budget = (heap.bytes_max as usize).saturating_sub(PAGE + MAX_WASM_STACK_BYTES);
		let as_allocated = 2 * outside_budget + 16 * heap.count_max as usize;
		let allowed = frame_overhead_bytes(code.len());
		assert!(
			as_allocated <= allowed,
			"{} bytes of code took {as_allocated} bytes of heap outside the budget, allowed {allowed}",
			code.len()
		);
	});
}

#[cfg(feature = "runtime-benchmarks")]
#[test]
fn a_frame_of_the_densest_code_takes_at_most_its_allowance() {
	use polkadot_sdk::frame_support::traits::Get;
	let len = <Test as crate::Config>::MaxCodeLen::get();
	assert_one_frame_within_its_allowance(&crate::benchmarking::code::dense_contract(len, 1, 0));
}

#[test]
fn a_frame_of_the_most_functions_takes_at_most_its_allowance() {
	// As many functions as 128 KiB hold under wasmi's strict limits (40 bytes per body on
	// average): 3 000 bodies of 39 `nop`s, 43 bytes each with its entry in the function
	// section.
	let body = format!("(func{})", " nop".repeat(39));
	let code = wasm(&format!(
		r#"(module (memory (export "memory") 1) (func (export "main")) {})"#,
		body.repeat(3_000)
	));
	assert_one_frame_within_its_allowance(&code);
}

#[test]
fn a_frame_with_the_largest_table_globals_and_segments_takes_at_most_its_allowance() {
	let code = wasm(&format!(
		r#"(module (memory (export "memory") 1) (func $f) (func (export "main"))
			(table 4096 funcref) (elem (i32.const 0) {elements})
			{globals} {segments})"#,
		elements = "$f ".repeat(4096),
		globals = "(global i32 (i32.const 0))".repeat(1000),
		segments = r#"(data (i32.const 0) "x")"#.repeat(999),
	));
	assert_one_frame_within_its_allowance(&code);
}
