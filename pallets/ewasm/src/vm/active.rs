//! Which contracts have a frame live on the call stack, so that a contract cannot be destroyed
//! while a frame acting as it still runs.
//!
//! A frame acts as a contract (its storage, its balance) when it runs that contract's code, or
//! another's through `callCode` or `callDelegate`. `selfDestruct` deletes the contract at once,
//! so it is refused (the frame traps) when any other live frame acts as the same contract: the
//! delegating frame of a `callDelegate`/`callCode` into a self-destructing library, or an outer
//! frame of the same contract re-entered through a call. Otherwise that frame would go on
//! writing storage for a contract that no longer exists.

use alloc::{collections::BTreeMap, rc::Rc};
use core::cell::RefCell;
use ewasm_primitives::Address;

/// How many live frames act as each contract, shared by every frame of one transaction.
#[derive(Clone, Debug, Default)]
pub struct ActiveFrames(Rc<RefCell<BTreeMap<Address, u32>>>);

impl ActiveFrames {
	/// Records a frame acting as `address` until the returned guard is dropped.
	pub fn enter(&self, address: Address) -> FrameGuard {
		*self.0.borrow_mut().entry(address).or_insert(0) += 1;
		FrameGuard { frames: self.clone(), address }
	}

	/// How many live frames act as `address`.
	pub fn count(&self, address: &Address) -> u32 {
		self.0.borrow().get(address).copied().unwrap_or(0)
	}
}

/// A live frame; it leaves the call stack when dropped.
pub struct FrameGuard {
	frames: ActiveFrames,
	address: Address,
}

impl Drop for FrameGuard {
	fn drop(&mut self) {
		let mut counts = self.frames.0.borrow_mut();
		if let Some(count) = counts.get_mut(&self.address) {
			*count -= 1;
			if *count == 0 {
				counts.remove(&self.address);
			}
		}
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn frames_are_counted_while_they_live() {
		let frames = ActiveFrames::default();
		let a = Address([1; 20]);
		let outer = frames.enter(a);
		let inner = frames.enter(a);
		assert_eq!((frames.count(&a), frames.count(&Address([2; 20]))), (2, 0));
		drop(inner);
		assert_eq!(frames.count(&a), 1);
		drop(outer);
		assert_eq!(frames.count(&a), 0);
	}
}
