//! 256-bit arithmetic by the host (`v2` feature): `v2`'s bignum helpers, for what [`U256`]'s
//! own methods do not offer in wasm: the product, and the product modulo a number (of the full
//! 512-bit product: what field and elliptic-curve arithmetic needs), each one host call at a
//! fixed price.
//!
//! Each traps where there is no 256-bit result (the call fails and takes its gas), as the
//! host's helpers do: where an input can make one, check it first, or use
//! [`U256::checked_add`] and [`U256::checked_sub`], which return `None` instead.

use crate::{
	env::{offset, offset_mut},
	sys, Word, U256,
};

/// The result `helper` writes at the offset it is given last.
fn host_result(helper: impl FnOnce(i32)) -> U256 {
	let mut result: Word = [0u8; 32];
	helper(offset_mut(&mut result));
	U256::from_be_bytes(result)
}

/// `a * b` (`bignum_mul256`). Traps if the product exceeds 256 bits.
///
/// ```no_run
/// use ewasm_sdk::{bignum, U256};
/// let price = U256::from(3u64);
/// assert_eq!(bignum::mul(price, U256::from(7u64)), U256::from(21u64));
/// ```
pub fn mul(a: U256, b: U256) -> U256 {
	let (a, b) = (a.to_be_bytes(), b.to_be_bytes());
	// SAFETY: the host reads 32 bytes at each of the first two offsets (`a`, `b`) and writes
	// 32 at the third (the result's).
	host_result(|result| unsafe { sys::bignum_mul256(offset(&a), offset(&b), result) })
}

/// `a * b mod modulus` (`bignum_umulmod256`), of the full 512-bit product: Ethereum's
/// `MULMOD`. Traps if `modulus` is zero.
///
/// ```no_run
/// use ewasm_sdk::{bignum, U256};
/// // The secp256k1 field: (p - 1)² ≡ 1 (mod p).
/// let mut p = [0xffu8; 32];
/// p[27..].copy_from_slice(&[0xfe, 0xff, 0xff, 0xfc, 0x2f]);
/// let p = U256::from_be_bytes(p);
/// let p_minus_1 = p.checked_sub(U256::ONE).unwrap();
/// assert_eq!(bignum::mul_mod(p_minus_1, p_minus_1, p), U256::ONE);
/// ```
pub fn mul_mod(a: U256, b: U256, modulus: U256) -> U256 {
	let (a, b, modulus) = (a.to_be_bytes(), b.to_be_bytes(), modulus.to_be_bytes());
	// SAFETY: the host reads 32 bytes at each of the first three offsets (`a`, `b`,
	// `modulus`) and writes 32 at the fourth (the result's).
	host_result(|result| unsafe {
		sys::bignum_umulmod256(offset(&a), offset(&b), offset(&modulus), result)
	})
}

/// `a + b` (`bignum_add256`). Traps if it overflows; [`U256::checked_add`] computes the same in
/// wasm and returns `None` instead.
///
/// ```no_run
/// use ewasm_sdk::{bignum, U256};
/// assert_eq!(bignum::add(U256::ONE, U256::ONE), U256::from(2u64));
/// ```
pub fn add(a: U256, b: U256) -> U256 {
	let (a, b) = (a.to_be_bytes(), b.to_be_bytes());
	// SAFETY: the host reads 32 bytes at each of the first two offsets (`a`, `b`) and writes
	// 32 at the third (the result's).
	host_result(|result| unsafe { sys::bignum_add256(offset(&a), offset(&b), result) })
}

/// `a - b` (`bignum_sub256`). Traps if `b` is larger; [`U256::checked_sub`] computes the same
/// in wasm and returns `None` instead.
///
/// ```no_run
/// use ewasm_sdk::{bignum, U256};
/// assert_eq!(bignum::sub(U256::from(5u64), U256::ONE), U256::from(4u64));
/// ```
pub fn sub(a: U256, b: U256) -> U256 {
	let (a, b) = (a.to_be_bytes(), b.to_be_bytes());
	// SAFETY: the host reads 32 bytes at each of the first two offsets (`a`, `b`) and writes
	// 32 at the third (the result's).
	host_result(|result| unsafe { sys::bignum_sub256(offset(&a), offset(&b), result) })
}
