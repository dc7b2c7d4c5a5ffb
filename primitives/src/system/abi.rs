//! Solidity's ABI encoding of the system contracts' arguments, canonical only: [`Arguments`]
//! reads call data and refuses any encoding but the one `abi.encode` produces, [`Encoder`]
//! writes it.
//!
//! The arguments are a head of one 32-byte word per static argument (a static tuple takes one
//! word per field) and, for each dynamic argument (`bytes`, `bytes[]`), a word with the offset
//! of its tail from the start of the arguments. Canonically the tails follow the head in the
//! order of their arguments, each right after the previous one: a `bytes` tail is its length
//! and its bytes zero-padded to a whole word; a `bytes[]` tail is its count, then the items
//! encoded as the arguments of a function taking that many `bytes` (offsets counted from the
//! first word after the count). Nothing may follow the last tail.

use super::{word_as_u64, ABI_WORD_LEN};
use alloc::vec::Vec;

/// A reader of canonically encoded arguments.
pub struct Arguments<'a> {
	/// The arguments (no selector).
	data: &'a [u8],
	/// Where the next tail must start: the end of the head, then of the last tail read.
	tail: usize,
}

impl<'a> Arguments<'a> {
	/// The arguments of `input` if it starts with `selector` and has at least `head_words`
	/// words after it.
	pub fn of_call(input: &'a [u8], selector: [u8; 4], head_words: usize) -> Option<Self> {
		let (called, data) = input.split_first_chunk::<4>()?;
		if *called != selector {
			return None;
		}
		Self::new(data, head_words)
	}

	fn new(data: &'a [u8], head_words: usize) -> Option<Self> {
		let tail = head_words.checked_mul(ABI_WORD_LEN)?;
		(data.len() >= tail).then_some(Arguments { data, tail })
	}

	/// The word at `index` of the head.
	pub fn word(&self, index: usize) -> Option<&'a [u8; ABI_WORD_LEN]> {
		word_at(self.data, index.checked_mul(ABI_WORD_LEN)?)
	}

	/// The offset word at `index` of the head, if it points where the next tail must start:
	/// that position.
	fn next_tail(&self, index: usize) -> Option<usize> {
		let offset = usize::try_from(word_as_u64(self.word(index)?)?).ok()?;
		(offset == self.tail).then_some(offset)
	}

	/// The `bytes` argument whose offset is the head word at `index` (tails are read in
	/// order).
	pub fn bytes(&mut self, index: usize) -> Option<&'a [u8]> {
		let start = self.next_tail(index)?;
		let len = usize::try_from(word_as_u64(word_at(self.data, start)?)?).ok()?;
		let bytes_start = start.checked_add(ABI_WORD_LEN)?;
		let end = bytes_start.checked_add(padded_len(len)?)?;
		let padded = self.data.get(bytes_start..end)?;
		let (bytes, padding) = padded.split_at(len);
		if padding.iter().any(|byte| *byte != 0) {
			return None;
		}
		self.tail = end;
		Some(bytes)
	}

	/// The `bytes[]` argument whose offset is the head word at `index` (tails are read in
	/// order).
	pub fn bytes_array(&mut self, index: usize) -> Option<Vec<&'a [u8]>> {
		let start = self.next_tail(index)?;
		let count = usize::try_from(word_as_u64(word_at(self.data, start)?)?).ok()?;
		let items_start = start.checked_add(ABI_WORD_LEN)?;
		let mut items = Arguments::new(self.data.get(items_start..)?, count)?;
		let array = (0..count).map(|item| items.bytes(item)).collect::<Option<Vec<_>>>()?;
		self.tail = items_start.checked_add(items.tail)?;
		Some(array)
	}

	/// Whether the arguments end right after the last tail read (or the head, if none).
	pub fn is_complete(&self) -> bool {
		self.tail == self.data.len()
	}
}

/// The word at byte `at` of `data`.
fn word_at(data: &[u8], at: usize) -> Option<&[u8; ABI_WORD_LEN]> {
	data.get(at..at.checked_add(ABI_WORD_LEN)?)?.try_into().ok()
}

/// `len` rounded up to a whole number of words.
fn padded_len(len: usize) -> Option<usize> {
	len.checked_next_multiple_of(ABI_WORD_LEN)
}

/// A writer of arguments in the canonical encoding: head words and dynamic arguments in the
/// order of the function's parameters.
pub struct Encoder {
	head: Vec<u8>,
	tails: Vec<u8>,
	head_len: usize,
}

impl Encoder {
	/// An encoder of arguments whose head has `head_words` words.
	pub fn new(head_words: usize) -> Self {
		let head_len = head_words * ABI_WORD_LEN;
		Encoder { head: Vec::with_capacity(head_len), tails: Vec::new(), head_len }
	}

	/// Appends a static word to the head.
	pub fn word(mut self, word: [u8; ABI_WORD_LEN]) -> Self {
		self.head.extend(word);
		self
	}

	/// Appends a `bytes` argument.
	pub fn bytes(self, bytes: &[u8]) -> Self {
		let mut tail = super::abi_word(bytes.len() as u128).to_vec();
		tail.extend(bytes);
		tail.resize(ABI_WORD_LEN + padded_len(bytes.len()).unwrap_or(bytes.len()), 0);
		self.tail(tail)
	}

	/// Appends a `bytes[]` argument.
	pub fn bytes_array<B: AsRef<[u8]>>(self, items: &[B]) -> Self {
		let mut tail = super::abi_word(items.len() as u128).to_vec();
		tail.extend(
			items.iter().fold(Encoder::new(items.len()), |e, item| e.bytes(item.as_ref())).finish(),
		);
		self.tail(tail)
	}

	/// Appends a dynamic argument's offset to the head and its encoding to the tails.
	fn tail(mut self, tail: Vec<u8>) -> Self {
		let offset = self.head_len + self.tails.len();
		self.head.extend(super::abi_word(offset as u128));
		self.tails.extend(tail);
		self
	}

	/// The encoded arguments.
	pub fn finish(mut self) -> Vec<u8> {
		debug_assert_eq!(self.head.len(), self.head_len, "as many head words as declared");
		self.head.extend(self.tails);
		self.head
	}

	/// The call data of the function `selector` with these arguments.
	pub fn finish_call(self, selector: [u8; 4]) -> Vec<u8> {
		let mut input = selector.to_vec();
		input.extend(self.finish());
		input
	}
}

#[cfg(test)]
mod tests {
	use super::*;
	use crate::system::abi_word;

	const SELECTOR: [u8; 4] = [1, 2, 3, 4];

	/// `f(uint256 a, bytes b, bytes[] c)`.
	fn encoded(a: u128, b: &[u8], c: &[&[u8]]) -> Vec<u8> {
		Encoder::new(3).word(abi_word(a)).bytes(b).bytes_array(c).finish_call(SELECTOR)
	}

	fn decoded(input: &[u8]) -> Option<(u128, Vec<u8>, Vec<Vec<u8>>)> {
		let mut arguments = Arguments::of_call(input, SELECTOR, 3)?;
		let a = super::super::word_as_u128(arguments.word(0)?)?;
		let b = arguments.bytes(1)?.to_vec();
		let c = arguments.bytes_array(2)?.into_iter().map(<[u8]>::to_vec).collect();
		arguments.is_complete().then_some((a, b, c))
	}

	#[test]
	fn arguments_round_trip() {
		for (b, c) in [
			(&b""[..], &[][..]),
			(b"x", &[&b""[..]][..]),
			(&[7u8; 33], &[&[1u8; 32][..], b"yz", &[9u8; 65]][..]),
		] {
			let input = encoded(5, b, c);
			let c: Vec<Vec<u8>> = c.iter().map(|item| item.to_vec()).collect();
			assert_eq!(decoded(&input), Some((5, b.to_vec(), c)));
		}
	}

	/// What solc's `abi.encode(uint256(5), hex"aa", [hex"bb", hex""])` gives.
	#[test]
	fn the_layout_is_solidity_s() {
		let input = encoded(5, &[0xaa], &[&[0xbb], &[]]);
		let words: Vec<&[u8]> = input[4..].chunks(32).collect();
		let expected: [u128; 11] = [5, 0x60, 0xa0, 1, 0, 2, 0x40, 0x80, 1, 0, 0];
		assert_eq!(words.len(), expected.len());
		for (index, value) in expected.iter().enumerate() {
			if index == 4 {
				assert_eq!(words[4][0], 0xaa);
			} else if index == 8 + 1 {
				assert_eq!(words[9][0], 0xbb);
			} else {
				assert_eq!(words[index], abi_word(*value), "word {index}");
			}
		}
	}

	#[test]
	fn non_canonical_encodings_are_refused() {
		let valid = encoded(5, &[0xaa], &[&[0xbb], &[]]);
		assert!(decoded(&valid).is_some());
		let with = |at: usize, byte: u8| {
			let mut input = valid.clone();
			input[at] = byte;
			decoded(&input)
		};
		assert_eq!(with(4 + 32 + 31, 0x80), None, "bytes elsewhere");
		assert_eq!(with(4 + 64 + 31, 0xc0), None, "array elsewhere");
		assert_eq!(with(4 + 96 + 31, 33), None, "length beyond the bytes");
		assert_eq!(with(4 + 128 + 1, 1), None, "non-zero padding");
		assert_eq!(with(4 + 160 + 31, 3), None, "more items than encoded");
		assert_eq!(with(4 + 192 + 31, 0x60), None, "an item elsewhere");
		assert_eq!(with(4 + 192, 1), None, "a huge offset");
		assert_eq!(with(0, 0), None, "another selector");
		let mut longer = valid.clone();
		longer.extend([0; 32]);
		assert_eq!(decoded(&longer), None, "a trailing word");
		assert_eq!(decoded(&valid[..valid.len() - 32]), None, "short");
		assert_eq!(decoded(&valid[..4 + 64]), None, "head only in part");
		let mut huge_count = valid.clone();
		huge_count[4 + 160..4 + 192].copy_from_slice(&abi_word(u64::MAX.into()));
		assert_eq!(decoded(&huge_count), None, "a huge count");
	}
}
