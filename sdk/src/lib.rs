//! Writing Ewasm contracts in Rust.
//!
//! An Ewasm contract is a wasm module that imports host functions from the `ethereum`
//! namespace (the Ethereum Environment Interface), exports `memory` and `main`, and runs
//! `main` on every call. This crate gives a contract (a `no_std` `cdylib` built for
//! `wasm32v1-none`, by `ewasm build`) safe access to all of it, without an allocator:
//!
//! - [`env`](mod@env): the call (caller, value, address), the block, balances, code;
//! - [`input`]: the call data, its selector and ABI arguments; [`dispatch!`] routes by selector;
//! - [`abi`]: Solidity's ABI for the common types ([`U256`], [`Address`], `bool`, `uintN`,
//!   `bytes32`, `bytes`/`string`);
//! - [`storage`]: typed slots and mappings laid out as Solidity lays them out;
//! - [`log`]: events; [`call`]: calls of every kind, `create` and `create2`;
//! - [`halt`]: `finish`, `revert` (also with Solidity's `Error(string)`), `selfDestruct`;
//! - [`keccak`]: `keccak256` and selectors, also at compile time ([`selector!`], [`topic!`]);
//! - with the `v2` feature, `bignum`: the sum, difference, product and modular product of
//!   [`U256`]s by the host, and `signature`: Ethereum's `ecrecover`;
//! - with the `ee` feature, `ee`: execution environments' host interface instead (the root,
//!   the block data, value, calls of other EEs, hashes and signature recovery);
//! - [`debug`]: printing on development chains; [`sys`]: the raw imports, generated from the
//!   one EEI table (`ewasm-eei`).
//!
//! A contract (its crate's `src/lib.rs`, which starts with
//! `#![cfg_attr(target_arch = "wasm32", no_std)]`):
//!
//! ```no_run
//! use ewasm_sdk::{env, halt, input, storage::Slot, U256};
//!
//! const COUNTER: Slot<U256> = Slot::new(0);
//!
//! fn run() {
//!     ewasm_sdk::dispatch! {
//!         "count()" => halt::finish_value(&COUNTER.get()),
//!         "add(uint256)" => {
//!             let amount: U256 = input::arg(0).unwrap_or_else(|| halt::revert(&[]));
//!             let sum = COUNTER.get().checked_add(amount);
//!             COUNTER.set(&sum.unwrap_or_else(|| halt::revert_with_message("overflow")));
//!         },
//!     }
//! }
//!
//! ewasm_sdk::entry!(run);
//! # fn main() {}
//! ```
//!
//! On targets other than wasm32 the crate compiles (so a contract crate's host build and its
//! tests do) but its functions must not be called: they are the host's.
#![no_std]
#![deny(missing_docs)]

pub mod abi;
#[cfg(all(target_arch = "wasm32", feature = "bump-allocator"))]
pub mod allocator;
#[cfg(feature = "v2")]
pub mod bignum;
pub mod call;
pub mod debug;
#[cfg(feature = "ee")]
pub mod ee;
pub mod env;
pub mod halt;
pub mod input;
pub mod keccak;
pub mod log;
#[cfg(feature = "v2")]
pub mod signature;
pub mod storage;
pub mod sys;
mod types;

pub use types::{Address, Word, U256};

/// The selector of a Solidity function signature, computed at compile time:
/// `selector!("transfer(address,uint256)")` is `[0xa9, 0x05, 0x9c, 0xbb]`.
///
/// ```
/// const TRANSFER: [u8; 4] = ewasm_sdk::selector!("transfer(address,uint256)");
/// assert_eq!(TRANSFER, [0xa9, 0x05, 0x9c, 0xbb]);
/// ```
#[macro_export]
macro_rules! selector {
	($signature:expr) => {
		const { $crate::keccak::selector($signature) }
	};
}

/// The first topic of a Solidity event, computed at compile time: `keccak256` of its
/// signature, e.g. `topic!("Transfer(address,address,uint256)")`.
///
/// ```
/// let transfer = ewasm_sdk::topic!("Transfer(address,address,uint256)");
/// assert_eq!(transfer[..4], [0xdd, 0xf2, 0x52, 0xad]);
/// ```
#[macro_export]
macro_rules! topic {
	($signature:expr) => {
		const { $crate::keccak::keccak256($signature.as_bytes()) }
	};
}

/// Runs the first arm whose Solidity function signature's selector is the call's; reverts
/// with no data when none is (or the call data is shorter than a selector). Each arm is an
/// expression, usually one that ends the call ([`halt::finish`], [`halt::finish_value`]); a
/// call that runs off the end of `main` finishes with no return data.
///
/// ```no_run
/// fn run() {
///     ewasm_sdk::dispatch! {
///         "ping()" => ewasm_sdk::halt::finish(b"pong"),
///         "noop()" => {},
///     }
/// }
/// ```
#[macro_export]
macro_rules! dispatch {
	($($signature:literal => $handler:expr),* $(,)?) => {{
		let called = $crate::input::selector();
		$(
			if called == ::core::option::Option::Some($crate::selector!($signature)) {
				$handler
			} else
		)* {
			$crate::halt::revert(&[])
		}
	}};
}

/// Exports the contract's `main` (on wasm32): `entry!(run)` or `entry!(run, construct)`, both
/// `fn()`s. In the contract's code `main` runs `run`. In its init code (the build `ewasm build`
/// makes with the SDK's `deploy` feature) `main` runs `construct`, if given, then finishes
/// with the contract's code (`ewasm build` passes its path in `EWASM_DEPLOYED_CODE`): the
/// constructor runs once, at deployment, as the deployer's call.
///
/// ```no_run
/// use ewasm_sdk::{env, halt, storage::Slot, Address};
/// const OWNER: Slot<Address> = Slot::new(0);
/// fn construct() {
///     OWNER.set(&env::caller()); // once, at deployment
/// }
/// fn run() {
///     halt::finish_value(&OWNER.get());
/// }
/// ewasm_sdk::entry!(run, construct);
/// # fn main() {}
/// ```
#[cfg(not(feature = "deploy"))]
#[macro_export]
macro_rules! entry {
	($run:path $(, $construct:path)?) => {
		/// The contract's entry point, run on every call.
		#[cfg(target_arch = "wasm32")]
		#[unsafe(no_mangle)]
		pub extern "C" fn main() {
			$run()
		}
		// Used on every target, so that a host build of the crate sees the code as used.
		const _: fn() = $run;
		$(const _: fn() = $construct;)?
	};
}

/// Exports the init code's `main` (see the documentation of the contract build's `entry!`).
///
/// ```no_run
/// use ewasm_sdk::{env, halt, storage::Slot, Address};
/// const OWNER: Slot<Address> = Slot::new(0);
/// fn construct() {
///     OWNER.set(&env::caller()); // once, at deployment
/// }
/// fn run() {
///     halt::finish_value(&OWNER.get());
/// }
/// ewasm_sdk::entry!(run, construct);
/// # fn main() {}
/// ```
#[cfg(feature = "deploy")]
#[macro_export]
macro_rules! entry {
	($run:path $(, $construct:path)?) => {
		/// The init code's entry point: the constructor, then the contract's code returned.
		#[cfg(target_arch = "wasm32")]
		#[unsafe(no_mangle)]
		pub extern "C" fn main() {
			$($construct();)?
			$crate::halt::finish(include_bytes!(env!("EWASM_DEPLOYED_CODE")))
		}
		const _: fn() = $run;
	};
}

/// Exports `receive` (a `fn()`) as the contract's `receiveMessage`, on wasm32: the entry point
/// a receipt from another parachain runs (its call data is the receipt's header, then its
/// payload; see the receipts contract's documentation). Init code has no such export.
///
/// ```no_run
/// use ewasm_sdk::{input::Arguments, Address};
/// fn receive() {
///     // the header's words: source parachain, source address, nonce, receipt id
///     let source: Option<Address> = Arguments::constructor().arg(1);
///     # let _ = source;
/// }
/// fn run() {}
/// ewasm_sdk::entry!(run);
/// ewasm_sdk::receive_message!(receive);
/// # fn main() {}
/// ```
#[cfg(not(feature = "deploy"))]
#[macro_export]
macro_rules! receive_message {
	($receive:path) => {
		/// The entry point of receipts from other parachains.
		#[cfg(target_arch = "wasm32")]
		#[unsafe(export_name = "receiveMessage")]
		pub extern "C" fn receive_message() {
			$receive()
		}
		const _: fn() = $receive;
	};
}

/// Nothing in init code (see the contract build's `receive_message!`).
///
/// ```no_run
/// use ewasm_sdk::{input::Arguments, Address};
/// fn receive() {
///     // the header's words: source parachain, source address, nonce, receipt id
///     let source: Option<Address> = Arguments::constructor().arg(1);
///     # let _ = source;
/// }
/// fn run() {}
/// ewasm_sdk::entry!(run);
/// ewasm_sdk::receive_message!(receive);
/// # fn main() {}
/// ```
#[cfg(feature = "deploy")]
#[macro_export]
macro_rules! receive_message {
	($receive:path) => {
		const _: fn() = $receive;
	};
}

/// A panic traps: the call fails and its gas is consumed, as for any trap.
#[cfg(all(target_arch = "wasm32", feature = "panic-handler"))]
#[panic_handler]
fn panic(_: &core::panic::PanicInfo) -> ! {
	core::arch::wasm32::unreachable()
}
