//! keccak256 two ways, to weigh a `v2` host function against the same hash in contract code:
//! `hostKeccak(bytes data)` and `wasmKeccak(bytes data)`, both `returns (bytes32)` with
//! Solidity's ABI, the same digest of `data`. The first is `keccak::hash`, which in this `v2`
//! contract is the host's `keccak256`; the second is `keccak::keccak256`, the SDK's
//! permutation run as wasm instructions (what a `v1` contract has).
//!
//! Two more of `v2`'s functions: `codeHashOf(address) returns (bytes32)`, the keccak256 of the
//! code of the contract at an address (zero where none lives: `getExternalCodeHash`), and
//! `chainId() returns (uint256)`, this parachain's id (`getChainId`).
//!
//! `data` is copied into a buffer of [`MAX_LEN`] bytes on the stack. A call that names no
//! function, sends value, or whose argument is longer or does not fit the call data reverts
//! with no data.
#![cfg_attr(target_arch = "wasm32", no_std)]

use ewasm_sdk::{env, halt, input, keccak, Address};

/// The longest `data` hashed: 4 KiB, what its e2e test weighs.
pub const MAX_LEN: usize = 4096;

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
			let address: Address = input::arg(0).unwrap_or_else(|| halt::revert(&[]));
			halt::finish(&env::code_hash_at(&address).unwrap_or_default())
		},
		"chainId()" => halt::finish_value(&env::chain_id()),
	}
}

ewasm_sdk::entry!(run);
