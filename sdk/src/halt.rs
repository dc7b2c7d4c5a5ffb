//! Ending the call: [`finish`] with return data, [`revert`] undoing the call's changes (keeping
//! the unused gas), [`self_destruct`]. None of them returns.
//!
//! ```no_run
//! use ewasm_sdk::{halt, U256};
//! let balance = U256::from(10u64);
//! if balance < U256::from(20u64) {
//!     halt::revert_with_message("insufficient balance");
//! }
//! halt::finish_value(&balance);
//! ```

use crate::{abi::AbiType, env::offset, sys, types::Address};

/// What the host does after a function that ends the call: it never returns to the contract.
fn ended() -> ! {
	// SAFETY: `finish`, `revert` and `selfDestruct` end the execution in the host; control
	// never comes back to the contract after them.
	unsafe { core::hint::unreachable_unchecked() }
}

/// Ends the call successfully, returning `data` (`finish`).
///
/// ```no_run
/// use ewasm_sdk::{abi::Encoder, halt};
/// // returns (string): "Token"
/// let mut buffer = [0u8; 96];
/// let name = Encoder::new(&mut buffer, 1).bytes(b"Token").finish();
/// halt::finish(name.unwrap_or_default());
/// ```
pub fn finish(data: &[u8]) -> ! {
	// SAFETY: the host reads `data.len()` bytes at the offset, which `data` holds.
	unsafe { sys::finish(offset(data), data.len() as i32) };
	ended()
}

/// Ends the call successfully, returning one ABI word.
///
/// ```no_run
/// use ewasm_sdk::{halt, U256};
/// halt::finish_value(&U256::from(42u64));
/// ```
pub fn finish_value<T: AbiType>(value: &T) -> ! {
	finish(&value.encode())
}

/// Ends the call undoing its state changes, returning `data` (`revert`): the caller sees
/// result 2 and `data` as the return data; the unused gas goes back.
///
/// ```no_run
/// use ewasm_sdk::{env, halt};
/// if env::call_value() != 0 {
///     halt::revert(&[]);
/// }
/// ```
pub fn revert(data: &[u8]) -> ! {
	// SAFETY: the host reads `data.len()` bytes at the offset, which `data` holds.
	unsafe { sys::revert(offset(data), data.len() as i32) };
	ended()
}

/// Longest message [`revert_with_message`] returns; longer ones are cut.
///
/// ```
/// use ewasm_sdk::halt::MAX_MESSAGE_LEN;
/// assert!("insufficient balance".len() <= MAX_MESSAGE_LEN, "returned whole");
/// ```
pub const MAX_MESSAGE_LEN: usize = 128;

/// The longest prefix of `message` of at most [`MAX_MESSAGE_LEN`] bytes that ends on a
/// character boundary (a cut inside a UTF-8 character would make the `string` invalid).
fn truncated(message: &str) -> &str {
	let mut end = message.len().min(MAX_MESSAGE_LEN);
	while !message.is_char_boundary(end) {
		end -= 1;
	}
	&message[..end]
}

/// Reverts with Solidity's `Error(string)` encoding of `message` (what `require(false,
/// message)` returns, which tools decode), at most [`MAX_MESSAGE_LEN`] bytes of it, cut at a
/// character boundary.
///
/// ```no_run
/// use ewasm_sdk::{env, halt, Address};
/// const OWNER: Address = Address([0x11; 20]);
/// if env::caller() != OWNER {
///     halt::revert_with_message("caller is not the owner");
/// }
/// ```
pub fn revert_with_message(message: &str) -> ! {
	const ERROR: [u8; 4] = crate::keccak::selector("Error(string)");
	let message = truncated(message).as_bytes();
	let mut data = [0u8; 4 + 64 + MAX_MESSAGE_LEN];
	data[..4].copy_from_slice(&ERROR);
	let encoded = crate::abi::Encoder::new(&mut data[4..], 1).bytes(message).finish();
	let len = encoded.map_or(0, <[u8]>::len);
	revert(&data[..4 + len])
}

/// Reverts with `message` (as [`revert_with_message`]) unless `condition` holds: Solidity's
/// `require(condition, message)`.
///
/// ```no_run
/// use ewasm_sdk::{env, halt};
/// halt::require(env::call_value() == 0, "takes no value");
/// ```
pub fn require(condition: bool, message: &str) {
	if !condition {
		revert_with_message(message);
	}
}

/// Deletes this contract (its storage and code) and sends its whole balance to
/// `beneficiary` (`selfDestruct`). Traps in a static call, in init code, and when another live
/// frame acts as this contract (see the pallet's self-destruct rule).
///
/// ```no_run
/// use ewasm_sdk::{env, halt, Address};
/// const OWNER: Address = Address([0x11; 20]);
/// halt::require(env::caller() == OWNER, "only the owner");
/// halt::self_destruct(&OWNER);
/// ```
pub fn self_destruct(beneficiary: &Address) -> ! {
	// SAFETY: the host reads 20 bytes at the offset (`beneficiary`).
	unsafe { sys::selfDestruct(offset(&beneficiary.0)) };
	ended()
}

#[cfg(test)]
mod tests {
	extern crate std;
	use super::*;
	use std::format;

	#[test]
	fn long_messages_are_cut_on_a_character_boundary() {
		assert_eq!(truncated("short"), "short");
		let ascii = "a".repeat(200);
		assert_eq!(truncated(&ascii).len(), MAX_MESSAGE_LEN);
		// 127 ASCII bytes, then a 2-byte character across the limit: cut before it.
		let across = format!("{}é", "a".repeat(MAX_MESSAGE_LEN - 1));
		assert_eq!(truncated(&across), &across[..MAX_MESSAGE_LEN - 1]);
	}
}
