//! keccak256 two ways, to weigh a `v2` host function against the same hash in contract code:
//! `hostKeccak(bytes data)` and `wasmKeccak(bytes data)`, both `returns (bytes32)` with
//! Solidity's ABI, the same digest of `data`. The first is `keccak::hash`, which in this `v2`
//! contract is the host's `keccak256`; the second is `keccak::keccak256`, the SDK's
//! permutation run as wasm instructions (what a `v1` contract has).
//!
//! The rest of `v2`'s functions: `codeHashOf(address) returns (bytes32)`, the keccak256 of the
//! code of the contract at an address (zero where none lives: `getExternalCodeHash`);
//! `chainId() returns (uint256)`, this parachain's id (`getChainId`);
//! `recover(bytes32 hash, uint8 v, bytes32 r, bytes32 s) returns (address)`, who signed the
//! hash (zero if no key recovers), as Solidity's `ecrecover` (`ecrecover`; `v` 27 or 28, or
//! 0 or 1); and
//! `mulmod(uint256 a, uint256 b, uint256 m) returns (uint256)`, `a * b mod m` of the full
//! product (`bignum_umulmod256`; `m` of zero fails the call).
//!
//! `data` is copied into a buffer of [`MAX_LEN`] bytes on the stack. A call that names no
//! function, sends value, or whose argument is longer or does not fit the call data reverts
//! with no data.
#![cfg_attr(target_arch = "wasm32", no_std)]

use ewasm_sdk::{abi::AbiType, bignum, env, halt, input, keccak, signature, Address, Word, U256};

/// The longest `data` hashed: 4 KiB, what its e2e test weighs.
pub const MAX_LEN: usize = 4096;

/// The call's argument `index`; a call without it reverts.
fn arg<T: AbiType>(index: u32) -> T {
	input::arg(index).unwrap_or_else(|| halt::revert(&[]))
}

/// Returns `hash` of the call's `bytes` argument.
fn finish_hash(hash: impl Fn(&[u8]) -> [u8; 32]) -> ! {
	let mut buffer = [0u8; MAX_LEN];
	let data = input::bytes(0, &mut buffer).unwrap_or_else(|| halt::revert(&[]));
	halt::finish(&hash(data))
}

fn run() {
	if env::call_value() != 0 {
		halt::revert(&[]);
	}
	ewasm_sdk::dispatch! {
		"hostKeccak(bytes)" => finish_hash(keccak::hash),
		"wasmKeccak(bytes)" => finish_hash(keccak::keccak256),
		"codeHashOf(address)" => {
			halt::finish(&env::code_hash_at(&arg(0)).unwrap_or_default())
		},
		"chainId()" => halt::finish_value(&env::chain_id()),
		"recover(bytes32,uint8,bytes32,bytes32)" => {
			let (hash, v, r, s): (Word, u8, Word, Word) = (arg(0), arg(1), arg(2), arg(3));
			halt::finish_value(&signature::recover(&hash, &r, &s, v).unwrap_or(Address::ZERO))
		},
		"mulmod(uint256,uint256,uint256)" => {
			let (a, b, modulus): (U256, U256, U256) = (arg(0), arg(1), arg(2));
			halt::finish_value(&bignum::mul_mod(a, b, modulus))
		},
	}
}

ewasm_sdk::entry!(run);
