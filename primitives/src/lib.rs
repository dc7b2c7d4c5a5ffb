//! The Ewasm contract ABI in one place.
//!
//! Everything a contract can observe about the chain's interface lives here so that the
//! pallet, the runtime, the node, the command-line tools and the tests read it from a single
//! source: the 20-byte [`Address`], the [`ReturnCode`]s host functions hand back to contracts,
//! the little-endian value encodings of [`value`], the table of Ethereum Environment
//! Interface functions in [`eei`], the system contracts and their ABI in [`system`], and the
//! runtime API in [`api`].
#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub mod address;
pub mod api;
pub mod eei;
pub mod system;
pub mod value;

pub use address::Address;

/// What a host function that can fail returns to the contract (ewasm/design Revision 4).
///
/// The numbers are part of the contract ABI: never renumber them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(i32)]
pub enum ReturnCode {
	/// The operation succeeded.
	Success = 0,
	/// The operation failed (a trap, out of gas, an unknown block, ...).
	Failure = 1,
	/// The callee ran `revert`.
	Revert = 2,
}

impl From<ReturnCode> for i32 {
	fn from(code: ReturnCode) -> i32 {
		code as i32
	}
}

/// The name of the only import namespace an Ewasm contract may use.
pub const ETHEREUM_NAMESPACE: &str = "ethereum";

/// The import namespace of the debugging helpers, accepted only where the runtime enables it.
pub const DEBUG_NAMESPACE: &str = "debug";

/// The function every Ewasm contract exports as its entry point: `main`, no params, no results.
pub const ENTRY_POINT: &str = "main";

/// The memory every Ewasm contract exports so the host can read and write it.
pub const MEMORY_EXPORT: &str = "memory";
