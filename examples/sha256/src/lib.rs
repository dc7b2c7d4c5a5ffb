//! SHA-256 (FIPS 180-4) computed in contract code: `hash(bytes data) returns (bytes32)` with
//! Solidity's ABI, the digest of `data`. The data is read from the call data 64 bytes at a
//! time, so any length the call data holds is hashed without a buffer of its size.
//!
//! This is compute in interpreted wasm, the peers benchmark's compute-heavy scenario (the same
//! function in Solidity runs on pallet-revive and revm); a contract that only needs the digest
//! is better served by a host function. A call that names no function, sends value, or whose
//! argument does not fit the call data reverts with no data.
#![cfg_attr(target_arch = "wasm32", no_std)]

use ewasm_sdk::{
	env, halt,
	input::{self, Arguments},
};

/// The first 32 bits of the fractional parts of the cube roots of the first 64 primes.
const ROUND_CONSTANTS: [u32; 64] = [
	0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
	0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
	0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
	0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
	0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
	0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
	0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
	0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
];

/// The first 32 bits of the fractional parts of the square roots of the first 8 primes.
const INITIAL_STATE: [u32; 8] = [
	0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
];

/// Folds one 64-byte block into `state`.
fn compress(state: &mut [u32; 8], block: &[u8; 64]) {
	let mut schedule = [0u32; 64];
	for (word, bytes) in schedule.iter_mut().zip(block.chunks_exact(4)) {
		*word = u32::from_be_bytes([bytes[0], bytes[1], bytes[2], bytes[3]]);
	}
	for i in 16..64 {
		let (back15, back2) = (schedule[i - 15], schedule[i - 2]);
		let s0 = back15.rotate_right(7) ^ back15.rotate_right(18) ^ (back15 >> 3);
		let s1 = back2.rotate_right(17) ^ back2.rotate_right(19) ^ (back2 >> 10);
		schedule[i] =
			schedule[i - 16].wrapping_add(s0).wrapping_add(schedule[i - 7]).wrapping_add(s1);
	}
	let [mut a, mut b, mut c, mut d, mut e, mut f, mut g, mut h] = *state;
	for (constant, word) in ROUND_CONSTANTS.iter().zip(schedule) {
		let sum1 = e.rotate_right(6) ^ e.rotate_right(11) ^ e.rotate_right(25);
		let choice = (e & f) ^ (!e & g);
		let t1 =
			h.wrapping_add(sum1).wrapping_add(choice).wrapping_add(*constant).wrapping_add(word);
		let sum0 = a.rotate_right(2) ^ a.rotate_right(13) ^ a.rotate_right(22);
		let majority = (a & b) ^ (a & c) ^ (b & c);
		let t2 = sum0.wrapping_add(majority);
		(h, g, f, e, d, c, b, a) = (g, f, e, d.wrapping_add(t1), c, b, a, t1.wrapping_add(t2));
	}
	for (word, add) in state.iter_mut().zip([a, b, c, d, e, f, g, h]) {
		*word = word.wrapping_add(add);
	}
}

/// The SHA-256 digest of the call data's bytes in `data`.
fn digest(data: core::ops::Range<u32>) -> [u8; 32] {
	let mut state = INITIAL_STATE;
	let mut block = [0u8; 64];
	let mut start = data.start;
	while data.end - start >= 64 {
		input::copy(&mut block, start).unwrap_or_else(|| halt::revert(&[]));
		compress(&mut state, &block);
		start += 64;
	}
	// The last bytes, the 0x80 marker, zeros, and the length in bits in the last 8 bytes: one
	// block, or two if fewer than 9 bytes are left after the data.
	let left = (data.end - start) as usize;
	block = [0; 64];
	input::copy(&mut block[..left], start).unwrap_or_else(|| halt::revert(&[]));
	block[left] = 0x80;
	if left + 9 > 64 {
		compress(&mut state, &block);
		block = [0; 64];
	}
	let bits = u64::from(data.end - data.start) * 8;
	block[56..].copy_from_slice(&bits.to_be_bytes());
	compress(&mut state, &block);
	let mut digest = [0u8; 32];
	for (bytes, word) in digest.chunks_exact_mut(4).zip(state) {
		bytes.copy_from_slice(&word.to_be_bytes());
	}
	digest
}

fn run() {
	if env::call_value() != 0 {
		halt::revert(&[]);
	}
	ewasm_sdk::dispatch! {
		"hash(bytes)" => {
			let data = Arguments::call().bytes_at(0).unwrap_or_else(|| halt::revert(&[]));
			halt::finish(&digest(data));
		},
	}
}

ewasm_sdk::entry!(run);
