//! The heap executions take, measured natively (per thread, with `allocation_counter`) against
//! the model that the call stack's budget and `integrity_test` rely on (`vm::limiter`,
//! `limits::COMPILED_CODE_HEAP_PER_CODE_BYTE`, `limits::FRAME_BOOKKEEPING_HEAP_BYTES`). Native
//! sizes are at least the wasm runtime's (pointers are 8 bytes here, 4 there) and the native
//! allocator does not round sizes up, so the model must hold here with room to spare.

use super::*;
use crate::limits::{
	COMPILED_CODE_HEAP_PER_CODE_BYTE, FRAME_BOOKKEEPING_HEAP_BYTES, MAX_CALL_DEPTH,
	MAX_CALL_STACK_HEAP_BYTES, MAX_WASM_STACK_BYTES,
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

/// The heap one frame of `code` may take outside the call stack's budget.
fn frame_overhead(code: &[u8]) -> usize {
	COMPILED_CODE_HEAP_PER_CODE_BYTE * code.len() + FRAME_BOOKKEEPING_HEAP_BYTES
}

/// Calls `contract` and returns the most heap the call held at once, in bytes.
fn peak_heap_of_call(contract: Address) -> usize {
	let mut outcome = None;
	let heap = allocation_counter::measure(|| {
		outcome = Some(call_for_output(contract, 0, 100 * GAS, vec![]));
	});
	assert_eq!(outcome.map(|outcome| outcome.result), Some(Ok(vec![])));
	heap.bytes_max as usize
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
		let allowed = budgeted + frames * frame_overhead(&code);
		assert!(peak <= allowed, "{frames} frames took {peak} bytes of heap, allowed {allowed}");
	});
}

#[test]
fn a_memory_that_grows_holds_the_blocks_its_buffer_moves_through() {
	new_test_ext().execute_with(|| {
		// 65 pages take an 8 MiB block; one page more moves the buffer to a 16 MiB block (its
		// capacity doubles), the 8 MiB one freed for the next frame's memory. The first frame
		// takes 8 + 16 MiB (and its 256 KiB value stack); the second reuses the 8 MiB block
		// but cannot grow (another 16 MiB block would exceed the 34 MiB budget); the third
		// takes a second 8 MiB block and cannot grow either; a fourth memory does not fit.
		let code = self_caller(65, 1);
		let contract = deploy(&code, 0);
		let peak = peak_heap_of_call(contract);
		assert_eq!(stored(contract, 0), Some(word(&[1, 1])), "the first frame grew");
		assert_eq!(stored(contract, 1), Some(word(&[2, 2])), "the second could not");
		assert_eq!(stored(contract, 2), Some(word(&[3, 2])), "neither could the third");
		assert_eq!(stored(contract, 3), None, "the fourth did not start");
		let allowed = MAX_CALL_STACK_HEAP_BYTES + 4 * frame_overhead(&code);
		assert!(peak <= allowed, "took {peak} bytes of heap, allowed {allowed}");
	});
}

#[cfg(feature = "runtime-benchmarks")]
#[test]
fn compiled_code_takes_at_most_its_allowance_per_byte() {
	use polkadot_sdk::frame_support::traits::Get;
	let len = <Test as crate::Config>::MaxCodeLen::get();
	let code = crate::benchmarking::code::dense_contract(len, 1, 0);
	let mut module = None;
	let heap = allocation_counter::measure(|| {
		module = Some(prepare(&engine(), &code, RULES).expect("dense code is valid"));
	});
	// What the module (and its engine) keep, doubled for the allocator's power-of-two blocks.
	let kept = heap.bytes_current as usize;
	let allowed = COMPILED_CODE_HEAP_PER_CODE_BYTE * code.len();
	assert!(2 * kept <= allowed, "{} bytes of code compiled to {kept} bytes", code.len());
}
