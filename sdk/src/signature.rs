//! Ethereum signatures (`v2` feature): who signed a hash, by the host's `ecrecover`.

use crate::{
	env::{offset, offset_mut},
	sys, Address, Word,
};

/// The address whose secp256k1 key signed `hash` with the signature `r`, `s`, `v`, as
/// Solidity's `ecrecover` finds it; `None` if no key recovers from it. `v` is 27 or 28, as
/// Ethereum's precompile takes it, or 0 or 1 (the parity alone, as signing libraries give
/// it), where the precompile would find no key.
///
/// An `s` in the upper half of the curve's order is accepted, as Ethereum's precompile
/// accepts it: each signature has a mirror image that recovers the same key, so a contract
/// must not use a signature's bytes as a replay guard (use a nonce in the signed message).
///
/// ```no_run
/// use ewasm_sdk::{halt, keccak, signature, Address};
/// let owner = Address([0xa9; 20]);
/// let hash = keccak::hash(b"withdraw 100");
/// let (r, s, v) = ([1u8; 32], [2u8; 32], 27);
/// halt::require(signature::recover(&hash, &r, &s, v) == Some(owner), "not the owner's");
/// ```
pub fn recover(hash: &Word, r: &Word, s: &Word, v: u8) -> Option<Address> {
	let mut signature = [0u8; 65];
	signature[..32].copy_from_slice(r);
	signature[32..64].copy_from_slice(s);
	signature[64] = v;
	let mut signer = Address::ZERO;
	// SAFETY: the host reads 32 bytes at the first offset (`hash`) and 65 at the second
	// (`signature`), and writes 20 at the third (`signer`) if it returns 0.
	let code =
		unsafe { sys::ecrecover(offset(hash), offset(&signature), offset_mut(&mut signer.0)) };
	(code == 0).then_some(signer)
}
