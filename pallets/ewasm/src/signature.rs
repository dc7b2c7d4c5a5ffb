//! Ethereum's signature recovery (`v2`'s `ecrecover`): the address whose secp256k1 key signed
//! a hash, computed by the node's native secp256k1 (a host function of the runtime).

use ewasm_primitives::Address;
use polkadot_sdk::sp_io::{crypto::secp256k1_ecdsa_recover, hashing::keccak_256};

/// The length of a signature as `ecrecover` reads it: `r ‖ s ‖ v`.
pub const SIGNATURE_BYTES: usize = 65;

/// The address whose key signed `hash` with `signature` (`r ‖ s ‖ v`, 32 bytes each of `r` and
/// `s` big-endian, `v` 27 or 28, or 0 or 1), as Ethereum's `ecrecover` finds it: the last 20
/// bytes of the keccak256 of the 64-byte public key. `None` if no key recovers: another `v`,
/// an `r` or `s` of zero or not below the curve's order, or an `r` of no point on the curve.
/// Like Ethereum's precompile, it accepts an `s` in the upper half of the order too: a
/// signature and its mirror image recover the same key.
pub fn recover_address(hash: &[u8; 32], signature: &[u8; SIGNATURE_BYTES]) -> Option<Address> {
	let recovery_id = match signature[64] {
		v @ (0 | 1) => v,
		v @ (27 | 28) => v - 27,
		_ => return None,
	};
	let mut normalized = *signature;
	normalized[64] = recovery_id;
	let public_key = secp256k1_ecdsa_recover(&normalized, hash).ok()?;
	Some(Address::from_hash_tail(&keccak_256(&public_key)))
}

/// A signature of a known signer, for the tests and the benchmark: go-ethereum's test vector
/// of its `ecrecover` precompile.
#[cfg(any(test, feature = "runtime-benchmarks"))]
pub(crate) mod known {
	/// The signed hash.
	pub const HASH: [u8; 32] =
		hex("18c547e4f7b0f325ad1e56f57e26c745b09a3e503d86e00e5255ff7f715d3d1c");
	/// The signature, `r ‖ s ‖ v`.
	pub const SIGNATURE: [u8; super::SIGNATURE_BYTES] = hex(concat!(
		"73b1693892219d736caba55bdb67216e485557ea6b6af75f37096c9aa6a5a75f",
		"eeb940b1d03b21e36b0e47e79769f095fe2ab855bd91e3a38756b7d75a9c4549",
		"1c"
	));
	/// The signer's address.
	pub const SIGNER: [u8; 20] = hex("a94f5374fce5edbc8e2a8697c15331677e6ebf0b");

	/// The `N` bytes `digits` spell in hex.
	pub const fn hex<const N: usize>(digits: &str) -> [u8; N] {
		const fn digit(c: u8) -> u8 {
			match c {
				b'0'..=b'9' => c - b'0',
				b'a'..=b'f' => c - b'a' + 10,
				_ => panic!("a lowercase hex digit"),
			}
		}
		let digits = digits.as_bytes();
		assert!(digits.len() == 2 * N, "two digits a byte");
		let mut bytes = [0u8; N];
		let mut i = 0;
		while i < N {
			bytes[i] = digit(digits[2 * i]) << 4 | digit(digits[2 * i + 1]);
			i += 1;
		}
		bytes
	}
}

#[cfg(test)]
mod tests {
	use super::{known::*, *};

	/// The known signature with `v`, and `s` replaced where given.
	fn signature(v: u8, s: Option<[u8; 32]>) -> [u8; SIGNATURE_BYTES] {
		let mut signature = SIGNATURE;
		if let Some(s) = s {
			signature[32..64].copy_from_slice(&s);
		}
		signature[64] = v;
		signature
	}

	#[test]
	fn recovers_the_signer_by_either_spelling_of_v() {
		let signer = Some(Address(SIGNER));
		assert_eq!(recover_address(&HASH, &SIGNATURE), signer);
		assert_eq!(recover_address(&HASH, &signature(28, None)), signer);
		assert_eq!(recover_address(&HASH, &signature(1, None)), signer);
		// The other recovery id gives another key; another hash another key.
		assert_ne!(recover_address(&HASH, &signature(27, None)), signer);
		assert_ne!(recover_address(&HASH, &signature(0, None)), signer);
		let mut other = HASH;
		other[0] ^= 1;
		assert_ne!(recover_address(&other, &SIGNATURE), signer);
	}

	#[test]
	fn refuses_what_no_key_signed() {
		for v in [2, 3, 26, 29, 255] {
			assert_eq!(recover_address(&HASH, &signature(v, None)), None, "v = {v}");
		}
		assert_eq!(recover_address(&HASH, &signature(28, Some([0; 32]))), None, "s = 0");
		assert_eq!(recover_address(&HASH, &signature(28, Some([0xff; 32]))), None, "s >= n");
		let mut zero_r = SIGNATURE;
		zero_r[..32].fill(0);
		assert_eq!(recover_address(&HASH, &zero_r), None, "r = 0");
	}

	#[test]
	fn the_mirror_signature_recovers_the_same_key_as_ethereum_does() {
		// s' = n - s with the other recovery id: the same key.
		let mut order = [0xffu8; 32];
		order[16..].copy_from_slice(&0xbaaedce6af48a03bbfd25e8cd0364141u128.to_be_bytes());
		order[15] = 0xfe;
		let s: [u8; 32] = SIGNATURE[32..64].try_into().expect("32 bytes");
		let mirrored = crate::bignum::sub256(&order, &s).expect("s < n");
		assert_eq!(recover_address(&HASH, &signature(27, Some(mirrored))), Some(Address(SIGNER)));
	}
}
