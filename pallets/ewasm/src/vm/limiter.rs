//! Memory and table limits of one frame, and the heap budget the whole call stack shares.
//!
//! Each contract may use up to [`MAX_MEMORY_BYTES`] of linear memory; all frames live at once
//! share [`MAX_CALL_STACK_HEAP_BYTES`] of the runtime's heap. Growth past either limit fails:
//! `memory.grow` returns -1, and a module whose initial memory does not fit cannot start.
//!
//! The budget counts what the runtime's heap really gives out, not the bytes asked for. The
//! heap is the host's freeing-bump allocator (`sc-allocator`): it rounds every allocation up
//! to a power of two (at least 8 bytes), puts an 8-byte header before it, and keeps a freed
//! block for later allocations of the same size class only, never for another class. A
//! [`MemoryBudget`] is a model of that allocator for the allocations the call stack makes:
//! per size class, how many blocks are live and the most that ever were (a freed block stays
//! the class's until the transaction's heap is dropped), and the heap that takes (its
//! footprint). An allocation fits if that footprint stays within the budget.
//!
//! What goes through it:
//! - each frame's linear memory, as its buffer really grows: wasmi keeps it in a `Vec<u8>`
//!   that starts exactly at the initial size and, when it grows past its capacity, moves to a
//!   new capacity of `max(2 × capacity, new size)` (Rust's amortized growth), the old and new
//!   blocks both live while it is copied;
//! - each frame's wasm value stack: [`crate::limits::MAX_WASM_STACK_BYTES`], one block, held
//!   while the frame runs (the engine allocates it at full size, see `vm::prepare`);
//! - the bytes frames copy out of their memories and keep ([`BudgetedBytes`]: the call data of
//!   a nested call, which lives as long as the callee; a frame's output, which becomes its
//!   caller's return data);
//! - the copies `log` makes of its data (read out of memory, then encoded into the event);
//! - each frame's compiled code and bookkeeping (its own engine, freed with the frame), charged
//!   while the frame runs as [`frame_overhead_bytes`] of its code: not as the many blocks they
//!   are, but as the bytes those blocks take at most (measured by the `heap` tests), counted
//!   as live bytes outside the size classes.
//!
//! What does not: a frame's code while it is compiled, before the frame starts, and the memory
//! `is_instantiable` makes on a budget of its own; `integrity_test` checks that the budget and
//! those together fit the runtime's heap ([`worst_call_stack_heap_bytes`]). Host functions
//! that copy call data, code or return data into memory copy it directly, with no temporary.
//! The ledger covers one transaction: how a block's transactions together use the heap is
//! not bounded yet (see the README).

use crate::limits::{
	COMPILED_CODE_HEAP_PER_CODE_BYTE, FRAME_BOOKKEEPING_HEAP_BYTES, MAX_CALL_STACK_HEAP_BYTES,
	MAX_MEMORY_BYTES, MAX_TABLE_ELEMENTS,
};
use alloc::{rc::Rc, vec::Vec};
use core::cell::RefCell;
use wasmi::{errors::MemoryError, ResourceLimiter};
use wasmi_core::LimiterError;

/// The allocator's size classes: 8 bytes (2^3) to 32 MiB (2^25), its largest allocation.
const SIZE_CLASSES: usize = 23;
const SMALLEST_CLASS_LOG2: u32 = 3;
/// The header the allocator puts before every block.
const BLOCK_HEADER_BYTES: usize = 8;

/// The size class of an allocation of `len` bytes, `None` if the allocator cannot give that
/// much at once.
fn size_class(len: usize) -> Option<usize> {
	let block = len.max(1 << SMALLEST_CLASS_LOG2).checked_next_power_of_two()?;
	let class = (block.trailing_zeros() - SMALLEST_CLASS_LOG2) as usize;
	(class < SIZE_CLASSES).then_some(class)
}

/// The heap one block of `class` takes, header included.
const fn class_bytes(class: usize) -> usize {
	(1 << (class as u32 + SMALLEST_CLASS_LOG2)) + BLOCK_HEADER_BYTES
}

/// The heap an allocation of `len` bytes takes on its own (its block and header), `None` if
/// the allocator cannot give that much at once.
pub fn allocation_bytes(len: usize) -> Option<usize> {
	size_class(len).map(class_bytes)
}

/// The heap the largest linear memory takes: one block (its initial size is allocated exactly).
pub fn largest_memory_heap_bytes() -> usize {
	allocation_bytes(MAX_MEMORY_BYTES).unwrap_or(usize::MAX)
}

/// The heap a frame of `code_len` bytes of code is charged for its compiled code and
/// bookkeeping while it runs.
pub fn frame_overhead_bytes(code_len: usize) -> usize {
	COMPILED_CODE_HEAP_PER_CODE_BYTE
		.saturating_mul(code_len)
		.saturating_add(FRAME_BOOKKEEPING_HEAP_BYTES)
}

/// The most heap a call stack of contracts of up to `max_code_len` bytes can take: the call
/// stack's budget; the code of one more frame, compiled before the budget is charged for it
/// (a creation frees its init code's before it compiles the deployed code); and the largest
/// memory, with which a creation checks on a budget of its own that the deployed code starts
/// (`is_instantiable`).
pub fn worst_call_stack_heap_bytes(max_code_len: usize) -> usize {
	MAX_CALL_STACK_HEAP_BYTES
		.saturating_add(frame_overhead_bytes(max_code_len))
		.saturating_add(largest_memory_heap_bytes())
}

/// A model of the freeing-bump allocator for the call stack's allocations: see the module
/// documentation.
#[derive(Debug)]
struct HeapLedger {
	live: [u32; SIZE_CLASSES],
	most: [u32; SIZE_CLASSES],
	/// The heap the size classes took.
	footprint: usize,
	/// Live bytes charged outside the size classes (frames' code and bookkeeping).
	overhead: usize,
	limit: usize,
}

impl HeapLedger {
	fn new(limit: usize) -> Self {
		HeapLedger {
			live: [0; SIZE_CLASSES],
			most: [0; SIZE_CLASSES],
			footprint: 0,
			overhead: 0,
			limit,
		}
	}

	/// Whether a `footprint` of the size classes and an `overhead` together stay within the
	/// limit.
	fn fits(&self, footprint: usize, overhead: usize) -> bool {
		footprint.checked_add(overhead).is_some_and(|total| total <= self.limit)
	}

	/// Allocates `len` bytes if the footprint stays within the limit (nothing for 0 bytes).
	fn allocate(&mut self, len: usize) -> bool {
		if len == 0 {
			return true;
		}
		let Some(class) = size_class(len) else { return false };
		let live = self.live[class] + 1;
		if live > self.most[class] {
			// No freed block of this class to reuse: the allocator takes new heap.
			match self.footprint.checked_add(class_bytes(class)) {
				Some(footprint) if self.fits(footprint, self.overhead) => {
					self.footprint = footprint
				}
				_ => return false,
			}
			self.most[class] = live;
		}
		self.live[class] = live;
		true
	}

	/// Frees an allocation of `len` bytes: its block stays its class's.
	fn free(&mut self, len: usize) {
		if let Some(class) = size_class(len).filter(|_| len > 0) {
			self.live[class] = self.live[class].saturating_sub(1);
		}
	}

	/// Charges `bytes` outside the size classes if the total stays within the limit.
	fn charge_overhead(&mut self, bytes: usize) -> bool {
		match self.overhead.checked_add(bytes) {
			Some(overhead) if self.fits(self.footprint, overhead) => {
				self.overhead = overhead;
				true
			}
			_ => false,
		}
	}

	/// Releases `bytes` charged outside the size classes.
	fn release_overhead(&mut self, bytes: usize) {
		self.overhead = self.overhead.saturating_sub(bytes);
	}
}

/// The heap the live frames of one transaction may still take, shared by all of them.
#[derive(Clone, Debug)]
pub struct MemoryBudget(Rc<RefCell<HeapLedger>>);

impl MemoryBudget {
	/// The budget of a new transaction.
	pub fn new() -> Self {
		Self::with_bytes(MAX_CALL_STACK_HEAP_BYTES)
	}

	/// A budget of `bytes` of heap.
	pub fn with_bytes(bytes: usize) -> Self {
		MemoryBudget(Rc::new(RefCell::new(HeapLedger::new(bytes))))
	}

	/// Heap left.
	pub fn left(&self) -> usize {
		let ledger = self.0.borrow();
		ledger.limit - ledger.footprint - ledger.overhead
	}

	fn allocate(&self, len: usize) -> bool {
		self.0.borrow_mut().allocate(len)
	}

	fn free(&self, len: usize) {
		self.0.borrow_mut().free(len)
	}

	/// An allocation of `len` bytes out of the budget, before it is made, or `None` if the
	/// budget cannot hold it.
	pub fn reserve(&self, len: usize) -> Option<Reservation> {
		self.allocate(len).then(|| Reservation { budget: self.clone(), bytes: len })
	}

	/// `bytes` of heap taken by many allocations, charged as they are (outside the size
	/// classes) until the returned guard is dropped, or `None` if the budget cannot hold them.
	pub fn charge_overhead(&self, bytes: usize) -> Option<OverheadCharge> {
		let charged = self.0.borrow_mut().charge_overhead(bytes);
		charged.then(|| OverheadCharge { budget: self.clone(), bytes })
	}
}

/// Bytes charged outside the size classes until dropped.
#[derive(Debug)]
pub struct OverheadCharge {
	budget: MemoryBudget,
	bytes: usize,
}

impl Drop for OverheadCharge {
	fn drop(&mut self) {
		self.budget.0.borrow_mut().release_overhead(self.bytes);
	}
}

/// Bytes taken from a [`MemoryBudget`] until dropped.
#[derive(Debug)]
pub struct Reservation {
	budget: MemoryBudget,
	bytes: usize,
}

impl Drop for Reservation {
	fn drop(&mut self) {
		self.budget.free(self.bytes);
	}
}

/// Bytes a frame keeps outside its linear memory, counted in the call stack's budget while they
/// live (or not counted: the transaction's own input, which the extrinsic carries).
#[derive(Debug, Default)]
pub struct BudgetedBytes {
	bytes: Vec<u8>,
	_reservation: Option<Reservation>,
}

impl BudgetedBytes {
	/// `bytes`, counted by `reservation` (made for at least their length).
	pub fn new(bytes: Vec<u8>, reservation: Reservation) -> Self {
		debug_assert!(bytes.len() <= reservation.bytes);
		BudgetedBytes { bytes, _reservation: Some(reservation) }
	}

	/// `bytes`, not counted.
	pub fn uncounted(bytes: Vec<u8>) -> Self {
		BudgetedBytes { bytes, _reservation: None }
	}

	/// The bytes, giving their part of the budget back.
	pub fn into_vec(self) -> Vec<u8> {
		self.bytes
	}
}

impl core::ops::Deref for BudgetedBytes {
	type Target = [u8];

	fn deref(&self) -> &[u8] {
		&self.bytes
	}
}

impl PartialEq for BudgetedBytes {
	fn eq(&self, other: &Self) -> bool {
		self.bytes == other.bytes
	}
}

impl Eq for BudgetedBytes {}

impl Default for MemoryBudget {
	fn default() -> Self {
		MemoryBudget::new()
	}
}

/// The limiter of one frame's store: one instance, memory and table; memory within both
/// limits, its buffer's allocations in the budget; the table within [`MAX_TABLE_ELEMENTS`].
/// Frees its memory's buffer in the budget when dropped.
pub struct FrameLimiter {
	budget: MemoryBudget,
	/// The capacity of the memory's buffer.
	capacity: usize,
	/// The capacity before the growth the limiter last allowed, until it is known to have
	/// happened.
	before_growth: Option<usize>,
}

impl FrameLimiter {
	/// A limiter drawing on `budget`.
	pub fn new(budget: MemoryBudget) -> Self {
		FrameLimiter { budget, capacity: 0, before_growth: None }
	}
}

impl Drop for FrameLimiter {
	fn drop(&mut self) {
		self.budget.free(self.capacity);
	}
}

impl ResourceLimiter for FrameLimiter {
	fn memory_growing(
		&mut self,
		_current: usize,
		desired: usize,
		_maximum: Option<usize>,
	) -> Result<bool, LimiterError> {
		self.before_growth = None;
		if desired > MAX_MEMORY_BYTES {
			return Ok(false);
		}
		if desired <= self.capacity {
			return Ok(true);
		}
		// The buffer moves: the new block is allocated, the bytes copied, the old one freed.
		let capacity = desired.max(self.capacity.saturating_mul(2));
		if !self.budget.allocate(capacity) {
			return Ok(false);
		}
		self.budget.free(self.capacity);
		self.before_growth = Some(self.capacity);
		self.capacity = capacity;
		Ok(true)
	}

	fn memory_grow_failed(&mut self, _error: &MemoryError) -> Result<(), LimiterError> {
		if let Some(before) = self.before_growth.take() {
			// The growth did not happen (wasmi checks the fuel before it moves the buffer):
			// the old block is live again (its class has room: it was live before) and the new
			// one counts as freed. Its class keeps the block it may never have taken, which
			// only overstates the footprint.
			self.budget.allocate(before);
			self.budget.free(self.capacity);
			self.capacity = before;
		}
		Ok(())
	}

	fn table_growing(
		&mut self,
		_current: usize,
		desired: usize,
		_maximum: Option<usize>,
	) -> Result<bool, LimiterError> {
		Ok(desired <= MAX_TABLE_ELEMENTS)
	}

	fn instances(&self) -> usize {
		1
	}

	fn tables(&self) -> usize {
		1
	}

	fn memories(&self) -> usize {
		1
	}
}

#[cfg(test)]
mod tests {
	use super::*;
	use crate::limits::MAX_WASM_STACK_BYTES;

	const PAGE: usize = 65_536;
	const MIB: usize = 1 << 20;

	#[test]
	fn allocations_take_power_of_two_blocks_with_a_header() {
		assert_eq!(allocation_bytes(1), Some(16));
		assert_eq!(allocation_bytes(9), Some(24));
		assert_eq!(allocation_bytes(65 * PAGE), Some(8 * MIB + 8));
		assert_eq!(allocation_bytes(32 * MIB), Some(32 * MIB + 8));
		assert_eq!(allocation_bytes(32 * MIB + 1), None, "larger than the allocator gives");
		assert_eq!(allocation_bytes(usize::MAX), None);
	}

	#[test]
	fn a_freed_block_serves_its_own_class_only() {
		let budget = MemoryBudget::with_bytes(3 * MIB);
		let a_mib = budget.reserve(MIB).expect("fits");
		drop(a_mib);
		assert_eq!(budget.left(), 3 * MIB - (MIB + 8), "the freed block stays taken");
		let again = budget.reserve(MIB - 5).expect("reuses the freed 1 MiB block");
		assert_eq!(budget.left(), 3 * MIB - (MIB + 8));
		assert!(budget.reserve(2 * MIB).is_none(), "2 MiB is another class: new heap");
		drop(again);
		let halves = (budget.reserve(MIB / 2), budget.reserve(MIB / 2));
		assert!(halves.0.is_some() && halves.1.is_some());
		assert_eq!(budget.left(), 3 * MIB - (MIB + 8) - 2 * (MIB / 2 + 8));
	}

	#[test]
	fn a_growing_memory_holds_old_and_new_blocks_as_its_buffer_moves() {
		let budget = MemoryBudget::with_bytes(64 * MIB);
		let mut limiter = FrameLimiter::new(budget.clone());
		assert_eq!(limiter.memory_growing(0, 65 * PAGE, None).ok(), Some(true));
		assert_eq!(budget.left(), 64 * MIB - (8 * MIB + 8), "65 pages take an 8 MiB block");
		// One page more: the buffer moves to a capacity of 130 pages (a 16 MiB block) while
		// the 8 MiB block is still live.
		assert_eq!(limiter.memory_growing(65 * PAGE, 66 * PAGE, None).ok(), Some(true));
		assert_eq!(budget.left(), 64 * MIB - (8 * MIB + 8) - (16 * MIB + 8));
		// Up to 128 pages the capacity holds it: nothing moves.
		assert_eq!(limiter.memory_growing(66 * PAGE, 128 * PAGE, None).ok(), Some(true));
		assert_eq!(limiter.memory_growing(128 * PAGE, 129 * PAGE, None).ok(), Some(false));
		assert_eq!(budget.left(), 64 * MIB - (8 * MIB + 8) - (16 * MIB + 8));
		drop(limiter);
		// Another frame of 65 pages reuses the freed 8 MiB block.
		let mut other = FrameLimiter::new(budget.clone());
		assert_eq!(other.memory_growing(0, 65 * PAGE, None).ok(), Some(true));
		assert_eq!(budget.left(), 64 * MIB - (8 * MIB + 8) - (16 * MIB + 8));
	}

	#[test]
	fn a_growth_that_fails_after_the_limiter_allowed_it_frees_the_new_block() {
		let budget = MemoryBudget::with_bytes(16 * MIB + 16);
		let mut limiter = FrameLimiter::new(budget.clone());
		assert_eq!(limiter.memory_growing(0, 2 * PAGE, None).ok(), Some(true));
		assert_eq!(limiter.memory_growing(2 * PAGE, 3 * PAGE, None).ok(), Some(true));
		let out_of_fuel = MemoryError::OutOfFuel { required_fuel: 1 };
		assert!(limiter.memory_grow_failed(&out_of_fuel).is_ok());
		// The 128 KiB block is live again and the 256 KiB one free: growing again reuses it.
		assert_eq!(limiter.memory_growing(2 * PAGE, 3 * PAGE, None).ok(), Some(true));
		assert_eq!(budget.left(), 16 * MIB + 16 - (128 * 1024 + 8) - (256 * 1024 + 8));
	}

	#[test]
	fn frames_share_the_budget_and_give_it_back() {
		let budget = MemoryBudget::new();
		let frame = allocation_bytes(MAX_MEMORY_BYTES).unwrap()
			+ allocation_bytes(MAX_WASM_STACK_BYTES).unwrap();
		let frames = MAX_CALL_STACK_HEAP_BYTES / frame;
		assert_eq!(frames, 5, "five frames of the largest memory fit, with their value stacks");
		let mut live: alloc::vec::Vec<_> = (0..frames)
			.map(|_| {
				let stack = budget.reserve(MAX_WASM_STACK_BYTES).expect("fits");
				let mut limiter = FrameLimiter::new(budget.clone());
				assert_eq!(limiter.memory_growing(0, MAX_MEMORY_BYTES, None).ok(), Some(true));
				(stack, limiter)
			})
			.collect();
		let mut last = FrameLimiter::new(budget.clone());
		assert_eq!(last.memory_growing(0, MAX_MEMORY_BYTES, None).ok(), Some(false), "spent");
		assert_eq!(budget.left(), MAX_CALL_STACK_HEAP_BYTES - frames * frame);
		live.truncate(1);
		assert_eq!(last.memory_growing(0, MAX_MEMORY_BYTES, None).ok(), Some(true), "reused");
	}

	#[test]
	fn a_frames_overhead_is_charged_while_it_lives() {
		let budget = MemoryBudget::with_bytes(MIB);
		let charge = budget.charge_overhead(600 * 1024).expect("fits");
		assert_eq!(budget.left(), MIB - 600 * 1024);
		assert!(budget.reserve(512 * 1024).is_none(), "a 512 KiB block does not fit beside it");
		assert!(budget.charge_overhead(usize::MAX).is_none());
		drop(charge);
		assert_eq!(budget.left(), MIB);
		assert!(budget.reserve(512 * 1024).is_some());
	}

	#[test]
	fn kept_bytes_hold_their_block_until_dropped() {
		let budget = MemoryBudget::with_bytes(200);
		let kept = BudgetedBytes::new(vec![1; 60], budget.reserve(60).expect("fits"));
		assert_eq!((budget.left(), &kept[..2]), (200 - 72, &[1, 1][..]));
		assert!(budget.reserve(65).is_none(), "a 128-byte block does not fit in 128 - 8");
		let free = BudgetedBytes::uncounted(vec![2; 1000]);
		assert_eq!((budget.left(), free.len()), (200 - 72, 1000));
		assert_eq!(kept.into_vec().len(), 60);
		assert!(budget.reserve(64).is_some(), "the freed block serves the same class");
		assert!(budget.reserve(u32::MAX as usize).is_none(), "larger than the allocator gives");
	}
}
