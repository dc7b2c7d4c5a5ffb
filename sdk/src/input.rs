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
use core::ops::Range;

/// The call data's length (`getCallDataSize`).
///
/// ```no_run
/// use ewasm_sdk::{halt, input};
/// // transfer(address,uint256): the selector and two words, nothing more
/// halt::require(input::size() == 4 + 2 * 32, "malformed call data");
/// ```
pub fn size() -> u32 {
	// SAFETY: takes and writes nothing.
	unsafe { sys::getCallDataSize() as u32 }
}

/// Copies the call data from byte `from` into `into` (`callDataCopy`), `None` (copying
/// nothing) if the call data ends before `into` is full.
///
/// ```no_run
/// use ewasm_sdk::{halt, input, Address};
/// // the first argument's low 20 bytes: an address
/// let mut to = Address::ZERO;
/// input::copy(&mut to.0, 4 + 12).unwrap_or_else(|| halt::revert(&[]));
/// ```
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
///
/// ```no_run
/// use ewasm_sdk::{halt, input, selector};
/// if input::selector() == Some(selector!("ping()")) {
///     halt::finish(b"pong");
/// }
/// ```
pub fn selector() -> Option<[u8; 4]> {
	let mut selector = [0u8; 4];
	copy(&mut selector, 0)?;
	Some(selector)
}

/// Where arguments start in call data: after the selector in a call ([`Arguments::call`]), at
/// the first byte in a constructor's (the init code's call data is `abi.encode` of the
/// constructor's arguments, as Solidity appends them to init code: [`Arguments::constructor`]).
///
/// ```no_run
/// use ewasm_sdk::{input::Arguments, Address, U256};
/// // in a constructor(address owner, uint256 supply)
/// let arguments = Arguments::constructor();
/// let owner: Option<Address> = arguments.arg(0);
/// let supply: Option<U256> = arguments.arg(1);
/// # let _ = (owner, supply);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Arguments {
	base: u32,
}

impl Arguments {
	/// The arguments of a call: after the 4-byte selector.
	///
	/// ```no_run
	/// use ewasm_sdk::{input::Arguments, Address};
	/// // transfer(address to, uint256 amount)
	/// let to: Option<Address> = Arguments::call().arg(0);
	/// # let _ = to;
	/// ```
	pub const fn call() -> Arguments {
		Arguments { base: 4 }
	}

	/// The arguments of a constructor: the whole of the init code's call data.
	///
	/// ```no_run
	/// use ewasm_sdk::{halt, input::Arguments, Address};
	/// // constructor(address owner)
	/// let owner: Address = Arguments::constructor().arg(0).unwrap_or_else(|| halt::revert(&[]));
	/// # let _ = owner;
	/// ```
	pub const fn constructor() -> Arguments {
		Arguments { base: 0 }
	}

	/// The word at index `index` of the arguments, `None` past their end.
	///
	/// ```no_run
	/// use ewasm_sdk::input::Arguments;
	/// // register(bytes32 name)
	/// let name = Arguments::call().word(0).unwrap_or_default();
	/// # let _ = name;
	/// ```
	pub fn word(&self, index: u32) -> Option<Word> {
		let mut word = [0u8; 32];
		copy(&mut word, index.checked_mul(32)?.checked_add(self.base)?)?;
		Some(word)
	}

	/// The static argument at index `index`, `None` past the end of the call data or if its
	/// word is not a valid encoding of `T`.
	///
	/// ```no_run
	/// use ewasm_sdk::{input::Arguments, U256};
	/// // approve(address spender, uint256 amount)
	/// let amount: Option<U256> = Arguments::call().arg(1);
	/// # let _ = amount;
	/// ```
	pub fn arg<T: AbiType>(&self, index: u32) -> Option<T> {
		T::decode(&self.word(index)?)
	}

	/// The word index a dynamic argument's offset (the head word at `index`) points to.
	fn tail(&self, index: u32) -> Option<u32> {
		let offset = u32::try_from(self.arg::<u64>(index)?).ok()?;
		(offset % 32 == 0).then_some(offset / 32)
	}

	/// The `bytes` (or `string`) argument whose offset is the word at index `index`, copied
	/// into `into`: the bytes, `None` if the encoding points past the call data or they are
	/// longer than `into`.
	///
	/// ```no_run
	/// use ewasm_sdk::{halt, input::Arguments};
	/// // constructor(string name)
	/// let mut buffer = [0u8; 32];
	/// let name = Arguments::constructor().bytes(0, &mut buffer);
	/// let name = name.unwrap_or_else(|| halt::revert_with_message("name too long"));
	/// # let _ = name;
	/// ```
	pub fn bytes<'a>(&self, index: u32, into: &'a mut [u8]) -> Option<&'a [u8]> {
		let at = self.bytes_at(index)?;
		let bytes = into.get_mut(..at.len())?;
		copy(bytes, at.start)?;
		Some(bytes)
	}

	/// Where the `bytes` (or `string`) argument whose offset is the word at index `index`
	/// lies in the call data, for reading it piece by piece with [`copy`] (a long argument
	/// needs no buffer of its size); `None` if the encoding points past the call data.
	///
	/// ```no_run
	/// use ewasm_sdk::{halt, input::{self, Arguments}};
	/// // digest(bytes data): read 64 bytes at a time
	/// let data = Arguments::call().bytes_at(0).unwrap_or_else(|| halt::revert(&[]));
	/// let mut block = [0u8; 64];
	/// for start in data.clone().step_by(64).take_while(|start| start + 64 <= data.end) {
	///     input::copy(&mut block, start);
	/// }
	/// ```
	pub fn bytes_at(&self, index: u32) -> Option<Range<u32>> {
		let tail = self.tail(index)?;
		let len = u32::try_from(self.arg::<u64>(tail)?).ok()?;
		let start = tail.checked_add(1)?.checked_mul(32)?.checked_add(self.base)?;
		let end = start.checked_add(len)?;
		(end <= size()).then_some(start..end)
	}

	/// The length of the array argument (`T[]` of a static `T`) whose offset is the word at
	/// index `index`; `None` if the encoding points past the call data.
	///
	/// ```no_run
	/// use ewasm_sdk::{halt, input::Arguments};
	/// // airdrop(address[] recipients)
	/// let count = Arguments::call().array_len(0).unwrap_or(0);
	/// halt::require(count <= 100, "at most 100 recipients");
	/// ```
	pub fn array_len(&self, index: u32) -> Option<u32> {
		u32::try_from(self.arg::<u64>(self.tail(index)?)?).ok()
	}

	/// Item `item` of the array argument whose offset is the word at index `index`, `None`
	/// past its end or the call data's, or if it is not a valid `T`.
	///
	/// ```no_run
	/// use ewasm_sdk::{input::Arguments, U256};
	/// // sum(uint256[] values)
	/// let (arguments, mut total) = (Arguments::call(), U256::ZERO);
	/// for item in 0..arguments.array_len(0).unwrap_or(0) {
	///     total = total.saturating_add(arguments.array_item(0, item).unwrap_or_default());
	/// }
	/// ```
	pub fn array_item<T: AbiType>(&self, index: u32, item: u32) -> Option<T> {
		if item >= self.array_len(index)? {
			return None;
		}
		self.arg(self.tail(index)?.checked_add(1)?.checked_add(item)?)
	}
}

/// The word at index `index` of a call's arguments (after the selector), `None` past their
/// end.
///
/// ```no_run
/// use ewasm_sdk::{halt, input};
/// // setHash(bytes32 hash)
/// let hash = input::word(0).unwrap_or_else(|| halt::revert(&[]));
/// # let _ = hash;
/// ```
pub fn word(index: u32) -> Option<Word> {
	Arguments::call().word(index)
}

/// The static argument at index `index` of a call, `None` past the end of the call data or if
/// its word is not a valid encoding of `T`.
///
/// ```no_run
/// use ewasm_sdk::input;
/// // list(uint64 limit): the limit is optional
/// let limit: u64 = input::arg(0).unwrap_or(u64::MAX);
/// # let _ = limit;
/// ```
pub fn arg<T: AbiType>(index: u32) -> Option<T> {
	Arguments::call().arg(index)
}

/// The static argument at index `index` of a call, reverting the call with no data if it is
/// missing or malformed (what Solidity does with call data it cannot decode).
///
/// ```no_run
/// use ewasm_sdk::{input, Address};
/// let to: Address = input::required_arg(0);
/// # let _ = to;
/// ```
pub fn required_arg<T: AbiType>(index: u32) -> T {
	arg(index).unwrap_or_else(|| crate::halt::revert(&[]))
}

/// The `bytes` (or `string`) argument of a call whose offset is the word at index `index`,
/// copied into `into` (see [`Arguments::bytes`]).
///
/// ```no_run
/// use ewasm_sdk::{halt, input};
/// // setName(string name)
/// let mut buffer = [0u8; 64];
/// let name = input::bytes(0, &mut buffer).unwrap_or_else(|| halt::revert(&[]));
/// # let _ = name;
/// ```
pub fn bytes(index: u32, into: &mut [u8]) -> Option<&[u8]> {
	Arguments::call().bytes(index, into)
}
