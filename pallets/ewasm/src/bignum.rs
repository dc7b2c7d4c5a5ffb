//! 256-bit arithmetic on 32-byte big-endian numbers, as host functions offer it (the
//! execution environments' `bignum.add256`/`sub256`): checked, so a caller traps on overflow.

use ewasm_primitives::value::Word;

/// `a + b`, `None` if it overflows 256 bits.
pub fn add256(a: &Word, b: &Word) -> Option<Word> {
	let mut sum = [0u8; 32];
	let mut carry = 0u16;
	for i in (0..32).rev() {
		let digit = u16::from(a[i]) + u16::from(b[i]) + carry;
		sum[i] = digit as u8;
		carry = digit >> 8;
	}
	(carry == 0).then_some(sum)
}

/// `a - b`, `None` if `b` is larger than `a`.
pub fn sub256(a: &Word, b: &Word) -> Option<Word> {
	let mut difference = [0u8; 32];
	let mut borrow = 0i16;
	for i in (0..32).rev() {
		let mut digit = i16::from(a[i]) - i16::from(b[i]) - borrow;
		borrow = i16::from(digit < 0);
		if digit < 0 {
			digit += 256;
		}
		difference[i] = digit as u8;
	}
	(borrow == 0).then_some(difference)
}

#[cfg(test)]
mod tests {
	use super::*;

	fn number(value: u128) -> Word {
		let mut word = [0u8; 32];
		word[16..].copy_from_slice(&value.to_be_bytes());
		word
	}

	#[test]
	fn adds_and_subtracts_with_carries_across_every_byte() {
		assert_eq!(add256(&number(u128::MAX), &number(1)), {
			let mut carried = [0u8; 32];
			carried[15] = 1;
			Some(carried)
		});
		assert_eq!(add256(&number(300), &number(212)), Some(number(512)));
		assert_eq!(sub256(&number(512), &number(212)), Some(number(300)));
		let mut big = [0u8; 32];
		big[0] = 1;
		let mut below = [0xffu8; 32];
		below[0] = 0;
		assert_eq!(sub256(&big, &number(1)), Some(below));
		assert_eq!(sub256(&number(5), &number(5)), Some([0u8; 32]));
	}

	#[test]
	fn overflow_and_underflow_are_refused() {
		assert_eq!(add256(&[0xff; 32], &number(1)), None);
		assert_eq!(add256(&[0xff; 32], &[0u8; 32]), Some([0xff; 32]));
		assert_eq!(sub256(&number(1), &number(2)), None);
		assert_eq!(sub256(&[0u8; 32], &[0xff; 32]), None);
	}
}
