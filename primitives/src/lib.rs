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
pub mod system;
pub mod value;

pub use address::Address;
/// The EEI table ([`ewasm_eei`]): every host function's name and signature.
pub use ewasm_eei as eei;
pub use ewasm_eei::{
	Interface, ReturnCode, DEBUG_NAMESPACE, ENTRY_POINT, ETHEREUM_NAMESPACE, ETHEREUM_V2_NAMESPACE,
	MEMORY_EXPORT,
};
