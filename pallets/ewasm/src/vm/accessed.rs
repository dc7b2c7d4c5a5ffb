//! The storage slots a transaction has already accessed, so that a second access of the same
//! slot pays only its time: the proof of a slot (the trie nodes down to it) is in the block's
//! proof of validity once any frame of the block read it, and a second read or a write of the
//! same key adds nothing to it. A first access pays the benchmarked price of its worst-case
//! proof; every later one, in any frame of the transaction, the time part of the same
//! benchmark ([`crate::gas::HostCosts::storage_load_warm`] and the store's).
//!
//! The record outlives reverted frames: their reads were made, so their proof is in the block
//! all the same. It holds at most [`MAX_ACCESSED_SLOTS`] slots; past that a slot is not
//! recorded and each of its accesses pays the full price (more than a transaction's gas can buy
//! on a chain where a first access costs what the chain's does: see the pallet's
//! `integrity_test`). Its heap, at most [`MAX_HEAP_BYTES`], is outside the call stack's budget
//! and counted by the same test.

use alloc::{collections::BTreeSet, rc::Rc};
use core::cell::RefCell;
use ewasm_primitives::{value::Word, Address};

/// The most slots one transaction records.
pub const MAX_ACCESSED_SLOTS: usize = 4096;

/// The most heap the record takes: a slot is 52 bytes, and B-tree nodes, at least half full,
/// at most double that with their headers and edges; counted at 256 bytes a slot.
pub const MAX_HEAP_BYTES: usize = MAX_ACCESSED_SLOTS * 256;

/// The slots (contract, key) the transaction's frames accessed, shared by all of them.
#[derive(Clone, Debug, Default)]
pub struct AccessedSlots(Rc<RefCell<BTreeSet<(Address, Word)>>>);

impl AccessedSlots {
	/// Whether `key` of the contract at `address` was accessed before in this transaction.
	pub fn is_warm(&self, address: &Address, key: &Word) -> bool {
		self.0.borrow().contains(&(*address, *key))
	}

	/// Records an access of `key` of the contract at `address`, made once its price is paid
	/// (an access that ran out of gas read nothing), while the record has room.
	pub fn record(&self, address: &Address, key: &Word) {
		let mut slots = self.0.borrow_mut();
		if slots.len() < MAX_ACCESSED_SLOTS {
			slots.insert((*address, *key));
		}
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn a_slot_is_warm_once_recorded_in_any_frame() {
		let slots = AccessedSlots::default();
		let (a, b) = (Address([1; 20]), Address([2; 20]));
		assert!(!slots.is_warm(&a, &[7; 32]));
		slots.clone().record(&a, &[7; 32]);
		assert!(slots.is_warm(&a, &[7; 32]));
		// Another key, or the same key of another contract, is a slot of its own.
		assert!(!slots.is_warm(&a, &[8; 32]));
		assert!(!slots.is_warm(&b, &[7; 32]));
	}

	#[test]
	fn past_the_limit_slots_stay_cold() {
		let slots = AccessedSlots::default();
		let address = Address([1; 20]);
		let key = |n: usize| {
			let mut key = [0; 32];
			key[..8].copy_from_slice(&(n as u64).to_be_bytes());
			key
		};
		for n in 0..=MAX_ACCESSED_SLOTS {
			slots.record(&address, &key(n));
		}
		assert!(slots.is_warm(&address, &key(MAX_ACCESSED_SLOTS - 1)));
		assert!(!slots.is_warm(&address, &key(MAX_ACCESSED_SLOTS)));
	}
}
