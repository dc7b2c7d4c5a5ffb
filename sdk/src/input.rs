//! The call data: its selector and its ABI-encoded arguments, read straight from the host
//! (`getCallDataSize`, `callDataCopy`) without copying the whole of it.
//!
//! ```no_run
//! use ewasm_sdk::{input, Address, U256};
//! // transfer(address to, uint256 amount)
//! let to: Address = input::arg(0).unwrap_or_else(|| ewasm_sdk::halt::revert(&[]));
//! let amount: U256 = input::arg(1).unwrap_or_else(|| ewasm_sdk::halt::revert(&[]));
//! # let _ = (to, amount);
//! ```

use crate::{abi::AbiType, env::offset_mut, sys, Word};

/// The call data's length (`getCallDataSize`).
pub fn size() -> u32 {
	// SAFETY: takes and writes nothing.
	unsafe { sys::getCallDataSize() as u32 }
}

/// Copies the call data from byte `from` into `into` (`callDataCopy`), `None` (copying
/// nothing) if the call data ends before `into` is full.
pub fn copy(into: &mut [u8], from: u32) -> Option<()> {
	let end = from.checked_add(into.len() as u32)?;
	if end > size() {
		return None;
	}
	// SAFETY: the host writes `into.len()` bytes at the offset, which `into` holds; the range
	// of call data it reads exists (checked above).
	unsafe { sys::callDataCopy(offset_mut(into), from as i32, into.len() as i32) };
	Some(())
}

/// The call's 4-byte function selector, `None` if the call data is shorter.
pub fn selector() -> Option<[u8; 4]> {
	let mut selector = [0u8; 4];
	copy(&mut selector, 0)?;
	Some(selector)
}

/// The word at index `index` of the arguments (after the selector), `None` past their end.
pub fn word(index: u32) -> Option<Word> {
	let mut word = [0u8; 32];
	copy(&mut word, index.checked_mul(32)?.checked_add(4)?)?;
	Some(word)
}

/// The static argument at index `index`, `None` past the end of the call data or if its word
/// is not a valid encoding of `T`.
pub fn arg<T: AbiType>(index: u32) -> Option<T> {
	T::decode(&word(index)?)
}

/// The `bytes` (or `string`) argument whose offset is the word at index `index`, copied into
/// `into`: the bytes, `None` if the encoding points past the call data or they are longer
/// than `into`.
pub fn bytes(index: u32, into: &mut [u8]) -> Option<&[u8]> {
	let offset = u32::try_from(arg::<u64>(index)?).ok()?;
	let len = u32::try_from(arg::<u64>(offset / 32).filter(|_| offset % 32 == 0)?).ok()?;
	let bytes = into.get_mut(..len as usize)?;
	copy(bytes, offset.checked_add(4 + 32)?)?;
	Some(bytes)
}
