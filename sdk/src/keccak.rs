//! `keccak256`, as a `const fn`: the same code computes selectors and event topics at compile
//! time ([`selector!`](crate::selector), [`topic!`](crate::topic)) and, in a `v1` contract,
//! storage keys at run time (`v1` of the EEI has no hash function). A `v2` contract (the SDK's
//! `v2` feature) hashes at run time with the host's `keccak256`: [`hash`].
//!
//! ```
//! use ewasm_sdk::{abi::AbiType, keccak::{keccak256, selector}, Address, U256};
//! assert_eq!(selector("balanceOf(address)"), [0x70, 0xa0, 0x82, 0x31]);
//! // where `balances[holder]` of a mapping at slot 1 is stored
//! let holder = Address([7; 20]);
//! let key = keccak256(&[holder.encode(), U256::ONE.encode()].concat());
//! # let _ = key;
//! ```

/// Bytes absorbed per permutation (1088 bits: keccak256's rate).
const RATE: usize = 136;

/// The round constants of keccak-f[1600].
const ROUND_CONSTANTS: [u64; 24] = [
	0x0000_0000_0000_0001,
	0x0000_0000_0000_8082,
	0x8000_0000_0000_808a,
	0x8000_0000_8000_8000,
	0x0000_0000_0000_808b,
	0x0000_0000_8000_0001,
	0x8000_0000_8000_8081,
	0x8000_0000_0000_8009,
	0x0000_0000_0000_008a,
	0x0000_0000_0000_0088,
	0x0000_0000_8000_8009,
	0x0000_0000_8000_000a,
	0x0000_0000_8000_808b,
	0x8000_0000_0000_008b,
	0x8000_0000_0000_8089,
	0x8000_0000_0000_8003,
	0x8000_0000_0000_8002,
	0x8000_0000_0000_0080,
	0x0000_0000_0000_800a,
	0x8000_0000_8000_000a,
	0x8000_0000_8000_8081,
	0x8000_0000_0000_8080,
	0x0000_0000_8000_0001,
	0x8000_0000_8000_8008,
];

/// The rotations of the ρ step, in the order π visits the lanes ([`PI_LANES`]).
const RHO: [u32; 24] =
	[1, 3, 6, 10, 15, 21, 28, 36, 45, 55, 2, 14, 27, 41, 56, 8, 25, 43, 62, 18, 39, 61, 20, 44];

/// The lanes (index `x + 5y`) the π step visits, from lane 1 on.
const PI_LANES: [usize; 24] =
	[10, 7, 11, 17, 18, 3, 5, 16, 8, 21, 24, 4, 15, 23, 19, 13, 12, 2, 20, 14, 22, 9, 6, 1];

/// keccak-f[1600] on the state's 25 lanes (index `x + 5y`), in place.
const fn permute(lanes: &mut [u64; 25]) {
	let mut round = 0;
	while round < 24 {
		// θ
		let mut columns = [0u64; 5];
		let mut x = 0;
		while x < 5 {
			columns[x] = lanes[x] ^ lanes[x + 5] ^ lanes[x + 10] ^ lanes[x + 15] ^ lanes[x + 20];
			x += 1;
		}
		x = 0;
		while x < 5 {
			let d = columns[(x + 4) % 5] ^ columns[(x + 1) % 5].rotate_left(1);
			let mut y = 0;
			while y < 25 {
				lanes[x + y] ^= d;
				y += 5;
			}
			x += 1;
		}
		// ρ and π, walking the lanes in π's order
		let mut carried = lanes[1];
		let mut step = 0;
		while step < 24 {
			let lane = PI_LANES[step];
			let next = lanes[lane];
			lanes[lane] = carried.rotate_left(RHO[step]);
			carried = next;
			step += 1;
		}
		// χ, one row at a time
		let mut y = 0;
		while y < 25 {
			let row = [lanes[y], lanes[y + 1], lanes[y + 2], lanes[y + 3], lanes[y + 4]];
			x = 0;
			while x < 5 {
				lanes[y + x] = row[x] ^ (!row[(x + 1) % 5] & row[(x + 2) % 5]);
				x += 1;
			}
			y += 5;
		}
		// ι
		lanes[0] ^= ROUND_CONSTANTS[round];
		round += 1;
	}
}

/// XORs [`RATE`] bytes of `data` from `start` into the state's first lanes (little-endian),
/// zeros past its end and, if `padded`, Keccak's padding (0x01 right after the data, 0x80 in
/// the block's last byte); then permutes.
const fn absorb(lanes: &mut [u64; 25], data: &[u8], start: usize, padded: bool) {
	let mut i = 0;
	while i < RATE {
		let mut byte = if start + i < data.len() { data[start + i] } else { 0 };
		if padded && start + i == data.len() {
			byte ^= 0x01;
		}
		if padded && i == RATE - 1 {
			byte ^= 0x80;
		}
		lanes[i / 8] ^= (byte as u64) << (8 * (i % 8));
		i += 1;
	}
	permute(lanes);
}

/// `keccak256(data)`, as Ethereum computes it (Keccak's original padding, not SHA-3's).
///
/// ```
/// use ewasm_sdk::keccak::keccak256;
/// assert_eq!(keccak256(b"")[..4], [0xc5, 0xd2, 0x46, 0x01]);
/// const TRANSFER: [u8; 32] = keccak256(b"Transfer(address,address,uint256)"); // at compile time
/// assert_eq!(TRANSFER[..4], [0xdd, 0xf2, 0x52, 0xad]);
/// ```
pub const fn keccak256(data: &[u8]) -> [u8; 32] {
	let mut lanes = [0u64; 25];
	let mut start = 0;
	while data.len() - start >= RATE {
		absorb(&mut lanes, data, start, false);
		start += RATE;
	}
	absorb(&mut lanes, data, start, true);
	let mut hash = [0u8; 32];
	let mut i = 0;
	while i < 32 {
		hash[i] = (lanes[i / 8] >> (8 * (i % 8))) as u8;
		i += 1;
	}
	hash
}

/// `keccak256(data)` where the contract runs, the cheapest way there: the host's
/// (`ethereum_v2.keccak256`) in a contract built with the `v2` feature, [`keccak256`] in
/// contract code otherwise (`v1` contracts, and builds that are not wasm, such as tests). The
/// same hash either way; in a `v2` contract it costs a host call priced per word, not the
/// thousands of instructions of the permutation.
///
/// ```
/// use ewasm_sdk::keccak::{hash, keccak256};
/// assert_eq!(hash(b"abc"), keccak256(b"abc"));
/// ```
pub fn hash(data: &[u8]) -> [u8; 32] {
	#[cfg(all(feature = "v2", target_arch = "wasm32"))]
	{
		let mut hash = [0u8; 32];
		// SAFETY: the host reads `data.len()` bytes at the first offset and writes 32 at the
		// second.
		unsafe {
			crate::sys::keccak256(
				crate::env::offset(data),
				data.len() as i32,
				crate::env::offset_mut(&mut hash),
			)
		};
		hash
	}
	#[cfg(not(all(feature = "v2", target_arch = "wasm32")))]
	keccak256(data)
}

/// The selector of the function with Solidity signature `signature` (e.g.
/// `"transfer(address,uint256)"`): the first four bytes of its `keccak256`.
///
/// ```
/// use ewasm_sdk::keccak::selector;
/// assert_eq!(selector("transfer(address,uint256)"), [0xa9, 0x05, 0x9c, 0xbb]);
/// assert_eq!(selector("balanceOf(address)"), [0x70, 0xa0, 0x82, 0x31]);
/// ```
pub const fn selector(signature: &str) -> [u8; 4] {
	let hash = keccak256(signature.as_bytes());
	[hash[0], hash[1], hash[2], hash[3]]
}

#[cfg(test)]
mod tests {
	use super::*;

	extern crate std;

	fn hex(bytes: &[u8]) -> std::string::String {
		bytes.iter().map(|b| std::format!("{b:02x}")).collect()
	}

	#[test]
	fn known_hashes() {
		assert_eq!(
			hex(&keccak256(b"")),
			"c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470"
		);
		assert_eq!(
			hex(&keccak256(b"Transfer(address,address,uint256)")),
			"ddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef"
		);
		assert_eq!(selector("transfer(address,uint256)"), [0xa9, 0x05, 0x9c, 0xbb]);
		assert_eq!(selector("balanceOf(address)"), [0x70, 0xa0, 0x82, 0x31]);
	}

	#[test]
	fn inputs_around_the_rate_hash_like_a_reference() {
		// keccak256 of 135, 136 and 137 bytes of 0x61 ('a'): one block with padding in its
		// last byte, a full block and an empty padded one, two blocks.
		assert_eq!(
			hex(&keccak256(&[0x61; 135])),
			"34367dc248bbd832f4e3e69dfaac2f92638bd0bbd18f2912ba4ef454919cf446"
		);
		assert_eq!(
			hex(&keccak256(&[0x61; 136])),
			"a6c4d403279fe3e0af03729caada8374b5ca54d8065329a3ebcaeb4b60aa386e"
		);
		assert_eq!(
			hex(&keccak256(&[0x61; 137])),
			"d869f639c7046b4929fc92a4d988a8b22c55fbadb802c0c66ebcd484f1915f39"
		);
	}
}
