//! Memory and table limits of one frame, and the memory budget the whole call stack shares.
//!
//! Each contract may use up to [`MAX_MEMORY_BYTES`]; all frames live at once share
//! [`MAX_CALL_STACK_MEMORY_BYTES`]. A frame takes pages from the shared budget as its memory
//! is created or grows, and gives them back when it ends. Growth past either limit fails:
//! `memory.grow` returns -1, and a module whose initial memory does not fit cannot start.

use crate::limits::{MAX_CALL_STACK_MEMORY_BYTES, MAX_MEMORY_BYTES, MAX_TABLE_ELEMENTS};
use alloc::rc::Rc;
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
}

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
}
