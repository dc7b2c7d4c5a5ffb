//! Printing to the node's log while developing: the `debug` namespace, which only development
//! chains accept (a module importing any of it is refused elsewhere, so remove these calls
//! before deploying to a real chain). The node prints under the log target
//! `runtime::ewasm::debug` (run it with `-l runtime::ewasm::debug=info`).
//!
//! ```no_run
//! use ewasm_sdk::{debug, env};
//! debug::print(b"called by");
//! debug::print_hex(&env::caller().0);
//! debug::print_u64(env::gas_left());
//! ```

use crate::{env::offset, sys::debug};

/// Prints `bytes` as text (`printMem`).
///
/// ```no_run
/// use ewasm_sdk::debug;
/// debug::print(b"transfer: enough balance");
/// ```
pub fn print(bytes: &[u8]) {
	// SAFETY: the host reads `bytes.len()` bytes at the offset, which `bytes` holds.
	unsafe { debug::printMem(offset(bytes), bytes.len() as i32) }
}

/// Prints `bytes` in hex (`printMemHex`).
///
/// ```no_run
/// use ewasm_sdk::{debug, env};
/// debug::print_hex(&env::caller().0);
/// ```
pub fn print_hex(bytes: &[u8]) {
	// SAFETY: the host reads `bytes.len()` bytes at the offset, which `bytes` holds.
	unsafe { debug::printMemHex(offset(bytes), bytes.len() as i32) }
}

/// Prints a 32-bit number (`print32`).
///
/// ```no_run
/// use ewasm_sdk::{debug, input};
/// debug::print_u32(input::size());
/// ```
pub fn print_u32(value: u32) {
	// SAFETY: takes and writes nothing in memory.
	unsafe { debug::print32(value as i32) }
}

/// Prints a 64-bit number (`print64`).
///
/// ```no_run
/// use ewasm_sdk::{debug, env};
/// debug::print_u64(env::gas_left());
/// ```
pub fn print_u64(value: u64) {
	// SAFETY: takes and writes nothing in memory.
	unsafe { debug::print64(value as i64) }
}
