//! Memory and table limits of one frame, and the memory budget the whole call stack shares.
//!
//! Each contract may use up to [`MAX_MEMORY_BYTES`]; all frames live at once share
//! [`MAX_CALL_STACK_MEMORY_BYTES`]. A frame takes pages from the shared budget as its memory
//! is created or grows, and gives them back when it ends. Growth past either limit fails:
//! `memory.grow` returns -1, and a module whose initial memory does not fit cannot start.
//!
//! The bytes frames copy out of their memories and keep ([`BudgetedBytes`]: the call data of a
//! nested call, which lives as long as the callee; a frame's output, which becomes its
//! caller's return data) come out of the same budget, so that the heap the whole call stack
//! holds stays within it however the contracts move data between them.

use crate::limits::{MAX_CALL_STACK_MEMORY_BYTES, MAX_MEMORY_BYTES, MAX_TABLE_ELEMENTS};
use alloc::{rc::Rc, vec::Vec};
use core::cell::Cell;
use wasmi::{errors::MemoryError, ResourceLimiter};
use wasmi_core::LimiterError;

/// Bytes of memory the live frames of one transaction may still take.
#[derive(Clone, Debug)]
pub struct MemoryBudget(Rc<Cell<usize>>);

impl MemoryBudget {
	/// The budget of a new transaction.
	pub fn new() -> Self {
		Self::with_bytes(MAX_CALL_STACK_MEMORY_BYTES)
	}

	/// A budget of `bytes`.
	pub fn with_bytes(bytes: usize) -> Self {
		MemoryBudget(Rc::new(Cell::new(bytes)))
	}

	/// Bytes left.
	pub fn left(&self) -> usize {
		self.0.get()
	}

	fn take(&self, bytes: usize) -> bool {
		match self.0.get().checked_sub(bytes) {
			Some(left) => {
				self.0.set(left);
				true
			}
			None => false,
		}
	}

	fn give_back(&self, bytes: usize) {
		self.0.set(self.0.get().saturating_add(bytes));
	}

	/// `len` bytes out of the budget, before they are copied, or `None` if it cannot spare
	/// them.
	pub fn reserve(&self, len: usize) -> Option<Reservation> {
		self.take(len).then(|| Reservation { budget: self.clone(), bytes: len })
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
		self.budget.give_back(self.bytes);
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
/// limits; the table within [`MAX_TABLE_ELEMENTS`]. Gives its memory back when dropped.
pub struct FrameLimiter {
	budget: MemoryBudget,
	taken: usize,
	pending: usize,
}

impl FrameLimiter {
	/// A limiter drawing on `budget`.
	pub fn new(budget: MemoryBudget) -> Self {
		FrameLimiter { budget, taken: 0, pending: 0 }
	}
}

impl Drop for FrameLimiter {
	fn drop(&mut self) {
		self.budget.give_back(self.taken);
	}
}

impl ResourceLimiter for FrameLimiter {
	fn memory_growing(
		&mut self,
		current: usize,
		desired: usize,
		_maximum: Option<usize>,
	) -> Result<bool, LimiterError> {
		let growth = desired.saturating_sub(current);
		if desired > MAX_MEMORY_BYTES || !self.budget.take(growth) {
			return Ok(false);
		}
		self.taken += growth;
		self.pending = growth;
		Ok(true)
	}

	fn memory_grow_failed(&mut self, _error: &MemoryError) -> Result<(), LimiterError> {
		self.budget.give_back(self.pending);
		self.taken -= self.pending;
		self.pending = 0;
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

	#[test]
	fn frames_share_the_budget_and_give_it_back() {
		let budget = MemoryBudget::new();
		let mut first = FrameLimiter::new(budget.clone());
		assert_eq!(first.memory_growing(0, MAX_MEMORY_BYTES, None).ok(), Some(true));
		assert_eq!(budget.left(), MAX_CALL_STACK_MEMORY_BYTES - MAX_MEMORY_BYTES);
		assert_eq!(
			first.memory_growing(MAX_MEMORY_BYTES, MAX_MEMORY_BYTES + 65_536, None).ok(),
			Some(false)
		);
		let frames = MAX_CALL_STACK_MEMORY_BYTES / MAX_MEMORY_BYTES;
		let mut others: alloc::vec::Vec<_> =
			(1..frames).map(|_| FrameLimiter::new(budget.clone())).collect();
		for other in &mut others {
			assert_eq!(other.memory_growing(0, MAX_MEMORY_BYTES, None).ok(), Some(true));
		}
		let mut last = FrameLimiter::new(budget.clone());
		assert_eq!(last.memory_growing(0, 65_536, None).ok(), Some(false), "the budget is spent");
		drop(others);
		drop(first);
		assert_eq!(budget.left(), MAX_CALL_STACK_MEMORY_BYTES);
	}

	#[test]
	fn kept_bytes_hold_their_part_of_the_budget_until_dropped() {
		let budget = MemoryBudget::with_bytes(100);
		let kept = BudgetedBytes::new(vec![1; 60], budget.reserve(60).expect("fits"));
		assert_eq!((budget.left(), &kept[..2]), (40, &[1, 1][..]));
		assert!(budget.reserve(41).is_none(), "only 40 left");
		let free = BudgetedBytes::uncounted(vec![2; 1000]);
		assert_eq!((budget.left(), free.len()), (40, 1000));
		assert_eq!(kept.into_vec().len(), 60);
		assert_eq!(budget.left(), 100);
	}
}
