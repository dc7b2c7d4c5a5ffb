//! Solidity's ABI: the call data a contract is called with (a 4-byte selector, then 32-byte
//! big-endian words) and the data it returns, so that the tools users already have (ethers,
//! web3, polkadot.js with an ABI, Solidity's `abi.encode`) can call it.
//!
//! [`AbiType`] is a static type that is one word (`uint8` to `uint256`, `bool`, `address`,
//! `bytes32`); [`input`](crate::input) reads arguments from the call data, [`Encoder`] writes
//! results (and `bytes`/`string`) into a buffer, without an allocator.
//!
//! ```
//! use ewasm_sdk::{abi::{AbiType, Encoder}, Address, U256};
//! let mut buffer = [0u8; 128];
//! let written = Encoder::new(&mut buffer, 2)
//!     .word(&U256::from(7u64))
//!     .bytes(b"EWT")
//!     .finish()
//!     .expect("room enough");
//! assert_eq!(written.len(), 128); // 7, the offset 64, the length 3, "EWT" padded
//! assert_eq!(bool::decode(&true.encode()), Some(true));
//! assert_eq!(Address::decode(&[0xff; 32]), None, "more than 20 bytes");
//! ```

use crate::{types::Address, Word, U256};

/// A static ABI type that takes one word.
///
/// ```
/// use ewasm_sdk::{abi::AbiType, Address};
/// let holder = Address([0xab; 20]);
/// let word = holder.encode();
/// assert_eq!(word[..12], [0; 12], "an address is the word's low 20 bytes");
/// assert_eq!(Address::decode(&word), Some(holder));
/// ```
pub trait AbiType: Sized {
	/// The type's word.
	///
	/// ```
	/// use ewasm_sdk::abi::AbiType;
	/// assert_eq!(258u16.encode()[30..], [0x01, 0x02]);
	/// assert_eq!(true.encode()[31], 1);
	/// ```
	fn encode(&self) -> Word;
	/// The value a word holds, `None` if it is not a valid encoding of the type (a number out
	/// of range, an address with more than 20 bytes, a `bool` other than 0 or 1).
	///
	/// ```
	/// use ewasm_sdk::abi::AbiType;
	/// assert_eq!(u8::decode(&200u16.encode()), Some(200));
	/// assert_eq!(u8::decode(&300u16.encode()), None, "out of range");
	/// assert_eq!(bool::decode(&2u8.encode()), None);
	/// ```
	fn decode(word: &Word) -> Option<Self>;
}

impl AbiType for U256 {
	fn encode(&self) -> Word {
		self.to_be_bytes()
	}
	fn decode(word: &Word) -> Option<U256> {
		Some(U256::from_be_bytes(*word))
	}
}

/// `bytes32`.
impl AbiType for Word {
	fn encode(&self) -> Word {
		*self
	}
	fn decode(word: &Word) -> Option<Word> {
		Some(*word)
	}
}

impl AbiType for Address {
	fn encode(&self) -> Word {
		let mut word = [0u8; 32];
		word[12..].copy_from_slice(&self.0);
		word
	}
	fn decode(word: &Word) -> Option<Address> {
		let (high, low) = word.split_at(12);
		high.iter().all(|byte| *byte == 0).then(|| Address(low.try_into().unwrap_or_default()))
	}
}

impl AbiType for bool {
	fn encode(&self) -> Word {
		u8::from(*self).encode()
	}
	fn decode(word: &Word) -> Option<bool> {
		match u8::decode(word)? {
			0 => Some(false),
			1 => Some(true),
			_ => None,
		}
	}
}

/// The unsigned integers: `uint8` to `uint128`, big-endian in the word's low bytes.
macro_rules! abi_uint {
	($($type:ty),*) => {$(
		impl AbiType for $type {
			fn encode(&self) -> Word {
				let mut word = [0u8; 32];
				word[32 - size_of::<$type>()..].copy_from_slice(&self.to_be_bytes());
				word
			}
			fn decode(word: &Word) -> Option<$type> {
				let (high, low) = word.split_at(32 - size_of::<$type>());
				if high.iter().any(|byte| *byte != 0) {
					return None;
				}
				Some(<$type>::from_be_bytes(low.try_into().ok()?))
			}
		}
	)*};
}

abi_uint!(u8, u16, u32, u64, u128);

/// `len` rounded up to a whole number of words.
pub(crate) const fn padded(len: usize) -> usize {
	len.div_ceil(32) * 32
}

/// Writes ABI-encoded values into a buffer: the head's words in order, each dynamic value
/// (`bytes`, `string`) as an offset word in the head and its length and bytes after the head.
///
/// ```
/// use ewasm_sdk::{abi::Encoder, U256};
/// // the result of a function returning (uint256, bool)
/// let mut buffer = [0u8; 64];
/// let written = Encoder::new(&mut buffer, 2).word(&U256::ONE).word(&true).finish();
/// assert_eq!(written.map(<[u8]>::len), Some(64));
/// ```
pub struct Encoder<'a> {
	buffer: &'a mut [u8],
	head: usize,
	head_end: usize,
	tail: usize,
	fits: bool,
}

impl<'a> Encoder<'a> {
	/// An encoder of a head of `head_words` words into `buffer`.
	///
	/// ```
	/// use ewasm_sdk::abi::Encoder;
	/// let mut buffer = [0u8; 32];
	/// let encoder = Encoder::new(&mut buffer, 1);
	/// assert!(encoder.word(&5u8).finish().is_some());
	/// ```
	pub fn new(buffer: &'a mut [u8], head_words: usize) -> Self {
		let head_end = head_words * 32;
		let fits = head_end <= buffer.len();
		Encoder { buffer, head: 0, head_end, tail: head_end, fits }
	}

	/// Writes `bytes` at `at` if they fit.
	fn put(&mut self, at: usize, bytes: &[u8]) {
		match self.buffer.get_mut(at..at + bytes.len()) {
			Some(place) if self.fits => place.copy_from_slice(bytes),
			_ => self.fits = false,
		}
	}

	/// Appends a static value to the head.
	///
	/// ```
	/// use ewasm_sdk::{abi::Encoder, Address};
	/// let mut buffer = [0u8; 32];
	/// let written = Encoder::new(&mut buffer, 1).word(&Address([1; 20])).finish();
	/// assert_eq!(written.map(|word| word[12..] == [1; 20]), Some(true));
	/// ```
	pub fn word<T: AbiType>(mut self, value: &T) -> Self {
		self.put(self.head, &value.encode());
		self.head += 32;
		self
	}

	/// Appends a `bytes` (or `string`) value: its offset to the head, its length and its bytes
	/// (zero-padded to a whole word) after the head.
	///
	/// ```
	/// use ewasm_sdk::abi::Encoder;
	/// let mut buffer = [0u8; 96];
	/// let written = Encoder::new(&mut buffer, 1).bytes(b"hello").finish().expect("room enough");
	/// assert_eq!((written[31], written[63]), (32, 5), "the offset, then the length");
	/// assert_eq!(&written[64..69], b"hello");
	/// ```
	pub fn bytes(mut self, bytes: &[u8]) -> Self {
		let tail = self.tail;
		self = self.word(&(tail as u64));
		self.put(tail, &(bytes.len() as u64).encode());
		self.put(tail + 32, bytes);
		let end = tail + 32 + padded(bytes.len());
		if let Some(padding) = self.buffer.get_mut(tail + 32 + bytes.len()..end) {
			padding.fill(0);
		}
		self.tail = end;
		self
	}

	/// The encoding written, `None` if the buffer was too small or the head has another
	/// number of words than declared.
	///
	/// ```
	/// use ewasm_sdk::abi::Encoder;
	/// let mut buffer = [0u8; 32];
	/// assert!(Encoder::new(&mut buffer, 2).word(&1u8).word(&2u8).finish().is_none(), "no room");
	/// assert!(Encoder::new(&mut buffer, 1).finish().is_none(), "a word short of the head");
	/// ```
	pub fn finish(self) -> Option<&'a [u8]> {
		let complete = self.fits && self.head == self.head_end && self.tail <= self.buffer.len();
		complete.then(|| &self.buffer[..self.tail])
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn integers_refuse_words_beyond_their_width() {
		assert_eq!(u8::decode(&255u8.encode()), Some(255));
		assert_eq!(u8::decode(&256u16.encode()), None);
		assert_eq!(u128::decode(&u128::MAX.encode()), Some(u128::MAX));
		assert_eq!(u128::decode(&U256::MAX.encode()), None);
		assert_eq!(bool::decode(&2u8.encode()), None);
		let address = Address([0xab; 20]);
		assert_eq!(Address::decode(&address.encode()), Some(address));
	}

	#[test]
	fn dynamic_values_go_after_the_head_like_solidity_s() {
		let mut buffer = [0xeeu8; 160];
		let written = Encoder::new(&mut buffer, 2).bytes(&[0xaa; 33]).word(&5u8).finish().unwrap();
		assert_eq!(written.len(), 160);
		assert_eq!(written[31], 64, "the offset");
		assert_eq!(written[63], 5);
		assert_eq!(written[95], 33, "the length");
		assert_eq!(&written[96..129], &[0xaa; 33]);
		assert!(written[129..].iter().all(|byte| *byte == 0), "zero padding");
		let mut small = [0u8; 100];
		assert!(Encoder::new(&mut small, 2).bytes(&[1; 33]).word(&5u8).finish().is_none());
		assert!(Encoder::new(&mut small, 2).word(&5u8).finish().is_none(), "a word short");
	}
}
