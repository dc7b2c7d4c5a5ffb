//! The contract's digests on the ewasm pallet in memory equal SHA-256's (the `sha2` crate's
//! and FIPS 180-4's examples) at every length where the padding changes shape, and for the
//! peers benchmark's 4 KiB; what the ABI does not allow reverts.

use ewasm_cli::testing::{build_contract, call_data, Chain, Outcome, ALICE};
use ewasm_sdk::{abi::AbiType, Address};
use sha2::{Digest, Sha256};

/// A chain with the contract deployed, and its address.
fn deployed() -> (Chain, Address) {
	let contract = build_contract(env!("CARGO_MANIFEST_DIR"));
	let mut chain = Chain::new();
	let deployment = chain.deploy(ALICE, &contract.init_code, 0, &[]).expect("it deploys");
	(chain, deployment.address)
}

/// `hash(bytes)`'s call data for `data`.
fn hash_call(data: &[u8]) -> Vec<u8> {
	let mut input = call_data("hash(bytes)", &[32u64.encode(), (data.len() as u64).encode()]);
	input.extend(data);
	input.resize(4 + 64 + data.len().div_ceil(32) * 32, 0);
	input
}

fn hash(chain: &mut Chain, contract: Address, data: &[u8]) -> Outcome {
	chain.call(ALICE, contract, 0, &hash_call(data))
}

#[test]
fn the_digest_is_sha_256_at_every_padding_boundary() {
	let (mut chain, contract) = deployed();
	let abc = hex::decode("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	let abc = abc.expect("hex");
	assert_eq!(hash(&mut chain, contract, b"abc").output, abc);
	for len in [0, 1, 55, 56, 63, 64, 65, 119, 120, 128, 1000, 4096] {
		let data: Vec<u8> = (0..len).map(|i| (i * 7 + 3) as u8).collect();
		let outcome = hash(&mut chain, contract, &data);
		assert!(outcome.succeeded(), "{len}: {}", outcome.status);
		assert_eq!(outcome.output, Sha256::digest(&data).to_vec(), "{len} bytes");
	}
}

#[test]
fn a_call_with_value_an_unknown_function_or_a_short_argument_reverts() {
	let (mut chain, contract) = deployed();
	let with_value = chain.call(ALICE, contract, 1, &hash_call(b"abc"));
	let unknown = chain.call(ALICE, contract, 0, &call_data("digest(bytes)", &[]));
	let mut short = hash_call(&[1; 64]);
	short.truncate(4 + 64 + 63);
	let cut = chain.call(ALICE, contract, 0, &short);
	for outcome in [with_value, unknown, cut] {
		assert_eq!((outcome.status.as_str(), outcome.output.as_slice()), ("revert", &[][..]));
	}
}
