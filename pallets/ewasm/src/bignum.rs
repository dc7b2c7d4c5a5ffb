//! 256-bit arithmetic on 32-byte big-endian numbers, as host functions offer it (the
//! execution environments' `bignum.add256`/`sub256`, and `v2`'s `bignum_*`): checked, so a
//! caller traps rather than get a result that does not fit 256 bits. Each operation does the
//! same work for any numbers of its size, so that its benchmark prices every input.

use ewasm_primitives::value::Word;

/// A checked operation of two numbers: `None` where the result does not fit 256 bits.
pub type Binary = fn(&Word, &Word) -> Option<Word>;

/// The checked operations of two numbers, each with its name in the execution environments'
/// `bignum` namespace and its name in `v2`: the EEs offer the first two (Scout's
/// `bignum.add256` and `bignum.sub256`), `v2` all three.
pub const BINARY: [(&str, &str, Binary); 3] = [
	("add256", "bignum_add256", add256),
	("sub256", "bignum_sub256", sub256),
	("mul256", "bignum_mul256", mul256),
];

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
	let (difference, borrowed) = sub_with_borrow(&limbs(a), &limbs(b));
	(!borrowed).then(|| word(&difference))
}

/// `a * b`, `None` if it overflows 256 bits.
pub fn mul256(a: &Word, b: &Word) -> Option<Word> {
	let product = mul_wide(&limbs(a), &limbs(b));
	let (low, high) = product.split_at(4);
	high.iter().all(|limb| *limb == 0).then(|| word(&[low[0], low[1], low[2], low[3]]))
}

/// `a * b mod modulus`, of the full 512-bit product; `None` if `modulus` is zero.
pub fn mulmod256(a: &Word, b: &Word, modulus: &Word) -> Option<Word> {
	let modulus = limbs(modulus);
	if modulus == [0; 4] {
		return None;
	}
	let product = mul_wide(&limbs(a), &limbs(b));
	// Long division a bit at a time, most significant first: the remainder stays below the
	// modulus, so doubling it overflows 256 bits at most by the bit shifted out. Each step does
	// the same work whatever the numbers (the subtraction is computed and kept or not), so
	// that the benchmark of any input measures every input.
	let mut remainder = [0u64; 4];
	for bit in (0..512).rev() {
		let carried = remainder[3] >> 63;
		for i in (1..4).rev() {
			remainder[i] = (remainder[i] << 1) | (remainder[i - 1] >> 63);
		}
		remainder[0] = (remainder[0] << 1) | ((product[bit / 64] >> (bit % 64)) & 1);
		let (reduced, borrowed) = sub_with_borrow(&remainder, &modulus);
		// Keep the difference where the remainder was at least the modulus: it carried a bit
		// out, or the subtraction did not borrow. All ones selects it, zero keeps the
		// remainder.
		let keep_reduced = 0u64.wrapping_sub(carried | u64::from(!borrowed));
		for (limb, reduced) in remainder.iter_mut().zip(reduced) {
			*limb = (reduced & keep_reduced) | (*limb & !keep_reduced);
		}
	}
	Some(word(&remainder))
}

/// The number's four 64-bit limbs, least significant first.
fn limbs(number: &Word) -> [u64; 4] {
	core::array::from_fn(|i| {
		let start = 32 - 8 * (i + 1);
		u64::from_be_bytes(number[start..start + 8].try_into().expect("8 bytes; qed"))
	})
}

/// The 32-byte big-endian number of four limbs, least significant first.
fn word(limbs: &[u64; 4]) -> Word {
	let mut number = [0u8; 32];
	for (i, limb) in limbs.iter().enumerate() {
		let start = 32 - 8 * (i + 1);
		number[start..start + 8].copy_from_slice(&limb.to_be_bytes());
	}
	number
}

/// The full 512-bit product of two 256-bit numbers, in limbs, least significant first.
fn mul_wide(a: &[u64; 4], b: &[u64; 4]) -> [u64; 8] {
	let mut product = [0u64; 8];
	for (i, &a_limb) in a.iter().enumerate() {
		let mut carry = 0u128;
		for (j, &b_limb) in b.iter().enumerate() {
			let digit =
				u128::from(a_limb) * u128::from(b_limb) + u128::from(product[i + j]) + carry;
			product[i + j] = digit as u64;
			carry = digit >> 64;
		}
		product[i + 4] = carry as u64;
	}
	product
}

/// `a - b` modulo 2^256, and whether it borrowed (`b` was larger).
fn sub_with_borrow(a: &[u64; 4], b: &[u64; 4]) -> ([u64; 4], bool) {
	let mut difference = [0u64; 4];
	let mut borrow = false;
	for i in 0..4 {
		let (digit, under) = a[i].overflowing_sub(b[i]);
		let (digit, under_again) = digit.overflowing_sub(u64::from(borrow));
		difference[i] = digit;
		borrow = under || under_again;
	}
	(difference, borrow)
}

#[cfg(test)]
mod tests {
	use super::*;
	use crate::signature::known::hex;

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
		assert_eq!(mul256(&[0xff; 32], &number(2)), None);
		let mut half = [0u8; 32];
		half[15] = 1;
		assert_eq!(mul256(&half, &half), None, "2^128 squared is 2^256");
		assert_eq!(mulmod256(&number(3), &number(4), &[0u8; 32]), None, "a zero modulus");
	}

	#[test]
	fn multiplies_within_256_bits() {
		assert_eq!(mul256(&number(u128::MAX), &number(u128::MAX)), {
			// (2^128 - 1)^2 = 2^256 - 2^129 + 1
			let mut square = [0xffu8; 32];
			square[15] = 0xfe;
			square[16..31].fill(0);
			square[31] = 1;
			Some(square)
		});
		assert_eq!(mul256(&number(12_345), &number(678_910)), Some(number(12_345 * 678_910)));
		assert_eq!(mul256(&[0xff; 32], &number(1)), Some([0xff; 32]));
		assert_eq!(mul256(&[0xff; 32], &number(0)), Some([0u8; 32]));
	}

	#[test]
	fn multiplies_modulo_of_the_full_product() {
		assert_eq!(mulmod256(&number(7), &number(8), &number(5)), Some(number(1)));
		// (2^256 - 1)^2 mod (2^256 - 1) = 0; mod (2^256 - 2) = 1 (2^256 - 1 is 1 mod it).
		let max = [0xffu8; 32];
		let mut below = max;
		below[31] = 0xfe;
		assert_eq!(mulmod256(&max, &max, &max), Some([0u8; 32]));
		assert_eq!(mulmod256(&max, &max, &below), Some(number(1)));
		assert_eq!(mulmod256(&max, &max, &number(1)), Some([0u8; 32]));
		// The secp256k1 field: (p - 1)^2 mod p = 1.
		let p: Word = hex("fffffffffffffffffffffffffffffffffffffffffffffffffffffffefffffc2f");
		let p_minus_1 = sub256(&p, &number(1)).expect("p > 1");
		assert_eq!(mulmod256(&p_minus_1, &p_minus_1, &p), Some(number(1)));
		// 2^255 * 2 mod (2^128 + 1) = 2^256 mod (2^128 + 1) = 1 ((2^128)^2 = (-1)^2).
		let mut top = [0u8; 32];
		top[0] = 0x80;
		let mut modulus = number(1);
		modulus[15] = 1;
		assert_eq!(mulmod256(&top, &number(2), &modulus), Some(number(1)));
		// Agrees with u128 arithmetic where that can check it.
		for (a, b, m) in [(u64::MAX as u128, u64::MAX as u128 + 7, 1_000_003), (5, 0, 9)] {
			let expected = (a % m) * (b % m) % m;
			assert_eq!(mulmod256(&number(a), &number(b), &number(m)), Some(number(expected)));
		}
	}

	#[test]
	fn agrees_with_sp_core_on_pseudo_random_numbers() {
		use polkadot_sdk::sp_core::{U256, U512};
		// A fixed xorshift sequence, weighted towards the edges: zero, all ones, one limb.
		let mut state = 0x9e37_79b9_7f4a_7c15u64;
		let mut next = move || {
			state ^= state << 13;
			state ^= state >> 7;
			state ^= state << 17;
			state
		};
		let mut number = || -> Word {
			let mut word = [0u8; 32];
			for chunk in word.chunks_mut(8) {
				chunk.copy_from_slice(&next().to_be_bytes());
			}
			match word[0] % 8 {
				0 => [0u8; 32],
				1 => [0xff; 32],
				2 => {
					word[..24].fill(0);
					word
				}
				3 => {
					word[..16].fill(0);
					word
				}
				_ => word,
			}
		};
		for _ in 0..2_000 {
			let (a, b, m) = (number(), number(), number());
			let (wide_a, wide_b) = (U256::from_big_endian(&a), U256::from_big_endian(&b));
			let product = wide_a.full_mul(wide_b);
			let expected_mul = U256::try_from(product).ok().map(|product| product.to_big_endian());
			assert_eq!(mul256(&a, &b), expected_mul);
			let modulus = U256::from_big_endian(&m);
			let expected_mulmod = (!modulus.is_zero())
				.then(|| U256::try_from(product % U512::from(modulus)).expect("below m"))
				.map(|remainder| remainder.to_big_endian());
			assert_eq!(mulmod256(&a, &b, &m), expected_mulmod);
			assert_eq!(add256(&a, &b), wide_a.checked_add(wide_b).map(|sum| sum.to_big_endian()));
			assert_eq!(
				sub256(&a, &b),
				wide_a.checked_sub(wide_b).map(|difference| difference.to_big_endian())
			);
		}
	}
}
