//! Parsing the numbers, hashes, addresses and byte strings of state-test files and of the
//! command line.
//!
//! Numbers are `0x`-prefixed hex or decimal, and an empty string means zero (so a number is
//! never mistaken for a byte string, "0x4" is the number 4). Byte strings (code, call data)
//! are hex with an even number of digits, `0x`-prefixed or not. Addresses are 40 hex digits,
//! hashes 64, with or without `0x`. Every error message quotes the text it rejects.

use ewasm_primitives::{address::ADDRESS_LEN, value::Word, Address};

/// A 256-bit unsigned number written as a big-endian decimal or `0x` hex number.
pub fn word_number(text: &str) -> Result<Word, String> {
	let text = text.trim();
	let mut word = [0u8; 32];
	match text.strip_prefix("0x").or_else(|| text.strip_prefix("0X")) {
		Some(digits) => {
			let digits = digits.trim_start_matches('0');
			if digits.len() > 64 {
				return Err(format!("{text:?} does not fit in 256 bits"));
			}
			let padded = format!("{digits:0>64}");
			hex::decode_to_slice(&padded, &mut word)
				.map_err(|_| format!("{text:?} is not a hex number"))?;
		}
		None => {
			for digit in text.chars() {
				let digit = digit
					.to_digit(10)
					.ok_or_else(|| format!("{text:?} is not a number (decimal, or hex with 0x)"))?;
				if !multiply_add(&mut word, 10, digit as u8) {
					return Err(format!("{text:?} does not fit in 256 bits"));
				}
			}
		}
	}
	Ok(word)
}

/// `word = word * factor + addend` on a big-endian number; false if it overflows.
fn multiply_add(word: &mut Word, factor: u8, addend: u8) -> bool {
	let mut carry = u16::from(addend);
	for byte in word.iter_mut().rev() {
		let product = u16::from(*byte) * u16::from(factor) + carry;
		*byte = (product & 0xff) as u8;
		carry = product >> 8;
	}
	carry == 0
}

/// A number that must fit in 128 bits (balances, values, gas prices).
pub fn u128_number(text: &str) -> Result<u128, String> {
	let word = word_number(text)?;
	if word[..16].iter().any(|byte| *byte != 0) {
		return Err(format!("{:?} does not fit in 128 bits", text.trim()));
	}
	let mut low = [0u8; 16];
	low.copy_from_slice(&word[16..]);
	Ok(u128::from_be_bytes(low))
}

/// A number that must fit in 64 bits (gas, nonces, block numbers, timestamps).
pub fn u64_number(text: &str) -> Result<u64, String> {
	let number = u128_number(text)?;
	u64::try_from(number).map_err(|_| format!("{:?} does not fit in 64 bits", text.trim()))
}

/// A byte string in hex (an even number of digits, `0x` optional; empty is no bytes).
pub fn bytes(text: &str) -> Result<Vec<u8>, String> {
	let text = text.trim();
	let digits = text.strip_prefix("0x").unwrap_or(text);
	hex::decode(digits).map_err(|error| format!("{} is not hex bytes: {error}", abbreviate(text)))
}

/// Exactly `N` bytes in hex.
fn fixed_bytes<const N: usize>(text: &str, what: &str) -> Result<[u8; N], String> {
	let decoded = bytes(text)?;
	decoded.try_into().map_err(|decoded: Vec<u8>| {
		format!("{} is {} bytes, but {what} has {N}", abbreviate(text.trim()), decoded.len())
	})
}

/// A 20-byte address.
pub fn address(text: &str) -> Result<Address, String> {
	fixed_bytes::<ADDRESS_LEN>(text, "an address").map(Address)
}

/// A 32-byte hash.
pub fn hash(text: &str) -> Result<Word, String> {
	fixed_bytes::<32>(text, "a hash")
}

/// A 32-byte word shown as the big-endian number it is, in hex without leading zero bytes
/// (`0x00` for zero), as state tests write storage keys and values.
pub fn format_word(word: &Word) -> String {
	let significant = word.iter().position(|byte| *byte != 0).unwrap_or(31);
	format!("0x{}", hex::encode(&word[significant..]))
}

/// A byte string as `0x` hex.
pub fn format_bytes(bytes: &[u8]) -> String {
	format!("0x{}", hex::encode(bytes))
}

/// Longest text quoted whole in an error message.
const QUOTE_LIMIT: usize = 40;

/// `text`, shortened to its start and its length if it is long (code in error messages).
fn abbreviate(text: &str) -> String {
	match text.char_indices().nth(QUOTE_LIMIT) {
		Some((end, _)) => format!("{:?}... ({} characters)", &text[..end], text.len()),
		None => format!("{text:?}"),
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	fn word_with_tail(tail: &[u8]) -> Word {
		let mut word = [0u8; 32];
		word[32 - tail.len()..].copy_from_slice(tail);
		word
	}

	#[test]
	fn numbers_are_decimal_or_hex_and_empty_is_zero() {
		assert_eq!(u128_number("").unwrap(), 0);
		assert_eq!(u128_number("0x").unwrap(), 0);
		assert_eq!(u128_number("0x00").unwrap(), 0);
		assert_eq!(u128_number("100000000000").unwrap(), 100_000_000_000);
		assert_eq!(u128_number("0x174876e800").unwrap(), 100_000_000_000);
		assert_eq!(u128_number("0x4").unwrap(), 4);
		assert_eq!(u64_number(" 0x5000001 ").unwrap(), 0x500_0001);
	}

	#[test]
	fn words_are_big_endian() {
		assert_eq!(word_number("0xdeadbeef").unwrap(), word_with_tail(&[0xde, 0xad, 0xbe, 0xef]));
		assert_eq!(word_number("258").unwrap(), word_with_tail(&[1, 2]));
		let max = format!("0x{}", "ff".repeat(32));
		assert_eq!(word_number(&max).unwrap(), [0xff; 32]);
		let max_decimal =
			"115792089237316195423570985008687907853269984665640564039457584007913129639935";
		assert_eq!(word_number(max_decimal).unwrap(), [0xff; 32]);
	}

	#[test]
	fn oversized_and_malformed_numbers_are_refused() {
		let too_big =
			"115792089237316195423570985008687907853269984665640564039457584007913129639936";
		assert!(word_number(too_big).unwrap_err().contains("256 bits"));
		assert!(word_number(&format!("0x1{}", "0".repeat(64))).unwrap_err().contains("256"));
		assert!(u128_number(&format!("0x1{}", "0".repeat(32))).unwrap_err().contains("128"));
		assert!(u64_number("0x10000000000000000").unwrap_err().contains("64 bits"));
		assert!(u64_number("12a").unwrap_err().contains("not a number"));
		assert!(u64_number("0xzz").unwrap_err().contains("not a hex number"));
	}

	#[test]
	fn bytes_addresses_and_hashes() {
		assert_eq!(bytes("0x").unwrap(), Vec::<u8>::new());
		assert_eq!(bytes("").unwrap(), Vec::<u8>::new());
		assert_eq!(bytes("0xbeef").unwrap(), vec![0xbe, 0xef]);
		assert!(bytes("0xabc").unwrap_err().contains("not hex bytes"));
		let sender = address("a94f5374fce5edbc8e2a8697c15331677e6ebf0b").unwrap();
		assert_eq!(address("0xa94f5374fce5edbc8e2a8697c15331677e6ebf0b").unwrap(), sender);
		assert_eq!(sender.0[0], 0xa9);
		assert!(address("0xa94f").unwrap_err().contains("2 bytes, but an address has 20"));
		assert_eq!(hash(&"11".repeat(32)).unwrap(), [0x11; 32]);
	}

	#[test]
	fn long_text_is_abbreviated_in_errors() {
		let error = bytes(&"z".repeat(100)).unwrap_err();
		assert!(error.contains("(100 characters)"), "{error}");
		assert!(error.len() < 150, "{error}");
	}

	#[test]
	fn words_format_without_leading_zero_bytes() {
		assert_eq!(format_word(&[0; 32]), "0x00");
		assert_eq!(format_word(&word_with_tail(&[0xde, 0xad])), "0xdead");
		assert_eq!(format_word(&word_with_tail(&[0x01, 0x00])), "0x0100");
		assert_eq!(format_word(&[0xab; 32]), format!("0x{}", "ab".repeat(32)));
		assert_eq!(format_bytes(&[0xbe, 0xef]), "0xbeef");
	}
}
