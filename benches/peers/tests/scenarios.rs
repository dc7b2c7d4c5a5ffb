//! The benchmark's scenarios do what the table claims on every system: each ERC-20 is
//! deployed with the supply split between the two holders, every scenario succeeds (and is
//! charged weight on the runtime), a transfer beyond the sender's balance reverts, and the
//! Solidity SHA-256 returns SHA-256's digest (the Rust one is tested with its example), as the
//! Rust one does in the parachain's runtime and on wasmtime (the compute comparison); the
//! largest Ewasm contract is within 256 bytes of the chain's limit.

use ewasm_peers::{
	chain::{address_word, call_data, number_word, Chain, Peer, BOB},
	contracts,
	in_runtime::{self, RuntimeInWasm},
	native_evm,
	native_wasm::NativeWasm,
	scenarios,
};
use sha2::{Digest, Sha256};

#[test]
fn every_scenario_succeeds_on_every_system() {
	let evm = contracts::evm();
	let mut native = native_evm::NativeEvm::new(&evm).expect("revm is set up");
	let mut chain = Chain::new(contracts::ewasm(), evm).expect("the chain is set up");
	for scenario in scenarios::all(&chain, &native) {
		let charged =
			scenario.run(&mut chain, &mut native).unwrap_or_else(|error| panic!("{error}"));
		if let Some(weight) = charged {
			assert!(weight.ref_time() > 0, "{} is charged", scenario.id());
			// Reading the contract's code at least, and no more than it is charged for.
			let recorded = scenario.recorded_proof(&mut chain).expect("a runtime scenario");
			assert!(
				recorded > 0 && recorded <= weight.proof_size(),
				"{}: {recorded}",
				scenario.id()
			);
		}
	}
}

#[test]
fn the_largest_contract_is_nearly_as_large_as_the_limit() {
	let limit = 128 * 1024;
	let len = contracts::largest_ewasm_code().len();
	assert!(len <= limit - 256 && len + 16 >= limit - 256, "{len}");
}

#[test]
fn a_transfer_beyond_the_balance_reverts_on_every_system() {
	let evm = contracts::evm();
	let mut native = native_evm::NativeEvm::new(&evm).expect("revm is set up");
	let mut chain = Chain::new(contracts::ewasm(), evm).expect("the chain is set up");
	let over = |bob: [u8; 20]| {
		call_data("transfer(address,uint256)", &[address_word(&bob), number_word(u64::MAX)])
	};
	for peer in Peer::ALL {
		let call = chain.call(peer, chain.erc20(peer), over(chain.holder(peer, &BOB).0));
		assert!(chain.run(&call, &BOB).error.is_some(), "{}", peer.name());
	}
	let call = native.call(native_evm::BOB, native.erc20, over(native_evm::BOB.into_array()));
	assert!(!native.run(&call), "revm");
}

#[test]
fn the_solidity_sha_256_returns_the_digest_of_what_it_is_sent() {
	let mut native = native_evm::NativeEvm::new(&contracts::evm()).expect("revm is set up");
	let call = scenarios::hash_call(scenarios::HASHED_BYTES);
	let sent = &call[4 + 64..];
	let returned = native.output(&native.call(native_evm::ALICE, native.sha256, call.clone()));
	assert_eq!(returned, Some(Sha256::digest(sent).to_vec()));
}

#[test]
fn the_runtime_in_wasm_and_wasmtime_both_return_the_digest() {
	let code = contracts::ewasm().sha256.code;
	let mut runtime = RuntimeInWasm::new(&code).unwrap_or_else(|error| panic!("{error}"));
	let native = NativeWasm::new(&code).expect("wasmtime compiles the contract");
	for len in [0, scenarios::HASHED_BYTES] {
		let call = scenarios::hash_call(len);
		let digest = Sha256::digest(&call[4 + 64..4 + 64 + len]).to_vec();
		let dry_run = runtime.dry_run(in_runtime::SHA256, &call).expect("the runtime answers");
		assert_eq!((dry_run.result, &dry_run.return_data), (Ok(()), &digest), "{len} bytes");
		assert_eq!(native.run(&call), Some(digest), "{len} bytes on wasmtime");
	}
	runtime.version().expect("Core_version answers");
}
