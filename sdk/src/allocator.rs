//! A bump allocator (feature `bump-allocator`): the global allocator for contracts that use
//! `alloc` (`Vec`, `String`, ...). It hands out memory after the module's static data, growing
//! the memory a page (64 KiB) at a time, and never frees: a call is short, and its memory is
//! discarded when it ends. Each page grown costs gas; the memory stops at the chain's limit
//! (128 pages), after which allocation fails (a trap).
//!
//! Only on wasm32: `#[global_allocator]` is set when the feature is on.
//!
//! With `features = ["bump-allocator"]` on the contract's `ewasm-sdk` dependency, `alloc`'s
//! collections just work:
//!
//! ```no_run
//! extern crate alloc;
//! use alloc::vec::Vec;
//! let mut signers: Vec<ewasm_sdk::Address> = Vec::new();
//! signers.push(ewasm_sdk::env::caller());
//! ```

use core::{
	alloc::{GlobalAlloc, Layout},
	cell::Cell,
};

/// The allocator: the next free address, once the first allocation set it.
///
/// The SDK declares the one `#[global_allocator]`; a contract uses it through `alloc`:
///
/// ```no_run
/// extern crate alloc;
/// let name = alloc::string::String::from("ewasm"); // memory from the bump allocator
/// # let _ = name;
/// ```
pub struct BumpAllocator {
	next: Cell<usize>,
}

// SAFETY: a contract runs on one thread; nothing else can reach the allocator.
unsafe impl Sync for BumpAllocator {}

impl BumpAllocator {
	/// An allocator that starts at the end of the memory the module declared.
	///
	/// ```no_run
	/// # #[cfg(target_arch = "wasm32")]
	/// # fn main() {
	/// use ewasm_sdk::allocator::BumpAllocator;
	/// // how the SDK declares its global allocator (a contract needs no other)
	/// static ALLOCATOR: BumpAllocator = BumpAllocator::new();
	/// # }
	/// # #[cfg(not(target_arch = "wasm32"))]
	/// # fn main() {}
	/// ```
	pub const fn new() -> Self {
		BumpAllocator { next: Cell::new(0) }
	}
}

impl Default for BumpAllocator {
	fn default() -> Self {
		Self::new()
	}
}

const PAGE: usize = 65_536;

// SAFETY: every block handed out is aligned as asked, lies in memory the module owns (below
// its current size, grown as needed) and is never handed out twice.
unsafe impl GlobalAlloc for BumpAllocator {
	unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
		let pages = core::arch::wasm32::memory_size(0);
		let mut next = self.next.get();
		if next == 0 {
			next = pages * PAGE;
		}
		let start = next.next_multiple_of(layout.align());
		let Some(end) = start.checked_add(layout.size()) else { return core::ptr::null_mut() };
		let missing = end.saturating_sub(pages * PAGE).div_ceil(PAGE);
		if missing > 0 && core::arch::wasm32::memory_grow(0, missing) == usize::MAX {
			return core::ptr::null_mut();
		}
		self.next.set(end);
		start as *mut u8
	}

	unsafe fn dealloc(&self, _: *mut u8, _: Layout) {}
}

#[global_allocator]
static ALLOCATOR: BumpAllocator = BumpAllocator::new();
