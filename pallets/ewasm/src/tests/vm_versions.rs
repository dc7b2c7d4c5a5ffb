//! VM versions: a contract runs on the version whose namespace its code imports from (`v1`:
//! `ethereum`, `v2`: `ethereum_v2`), a module cannot mix them, `v2`'s hash functions hash
//! memory as the host does and are paid by the word before anything is read, and calls of
//! every kind cross versions with each frame under its own version and the invariants intact
//! (only a contract edits its own storage; the callee sees the true caller and value).

use super::*;
use crate::vm::env::hex;
use ewasm_primitives::VmVersion::{self, V1, V2};
use polkadot_sdk::sp_io::hashing::{blake2_256, keccak_256, sha2_256};

/// A `v2` contract that hashes its call data with `keccak256`, `sha256` and `blake2b256`
/// (copied to offset 1024) and returns the three hashes, in that order.
fn hasher() -> Vec<u8> {
	wasm(
		r#"(module
			(import "ethereum_v2" "getCallDataSize" (func $size (result i32)))
			(import "ethereum_v2" "callDataCopy" (func $copy (param i32 i32 i32)))
			(import "ethereum_v2" "keccak256" (func $keccak256 (param i32 i32 i32)))
			(import "ethereum_v2" "sha256" (func $sha256 (param i32 i32 i32)))
			(import "ethereum_v2" "blake2b256" (func $blake2b256 (param i32 i32 i32)))
			(import "ethereum_v2" "finish" (func $finish (param i32 i32)))
			(memory (export "memory") 1)
			(func (export "main")
				(local $length i32)
				(local.set $length (call $size))
				(call $copy (i32.const 1024) (i32.const 0) (local.get $length))
				(call $keccak256 (i32.const 1024) (local.get $length) (i32.const 0))
				(call $sha256 (i32.const 1024) (local.get $length) (i32.const 32))
				(call $blake2b256 (i32.const 1024) (local.get $length) (i32.const 64))
				(call $finish (i32.const 0) (i32.const 96))))"#,
	)
}

/// A `v2` contract whose `main` is `body`, importing `keccak256`.
fn keccak_contract(body: &str) -> Vec<u8> {
	wasm(&format!(
		r#"(module
			(import "ethereum_v2" "keccak256" (func $keccak256 (param i32 i32 i32)))
			(memory (export "memory") 1)
			(func (export "main") {body}))"#
	))
}

fn version_of(module: &str) -> Result<VmVersion, PrepareError> {
	prepare(&engine(), &wasm(module), CodeRules { debug_enabled: true, ..RULES }).map(|p| p.vm)
}

#[test]
fn a_module_runs_on_the_version_whose_namespace_it_imports_from() {
	let module = |imports: &str| {
		format!(r#"(module {imports} (memory (export "memory") 1) (func (export "main")))"#)
	};
	let finish =
		|namespace: &str| format!(r#"(import "{namespace}" "finish" (func (param i32 i32)))"#);
	let keccak = |namespace: &str| {
		format!(r#"(import "{namespace}" "keccak256" (func (param i32 i32 i32)))"#)
	};
	let print = r#"(import "debug" "print32" (func (param i32)))"#;
	assert_eq!(version_of(&module(&finish("ethereum"))), Ok(V1));
	assert_eq!(version_of(&module(&finish("ethereum_v2"))), Ok(V2));
	assert_eq!(version_of(&module(&keccak("ethereum_v2"))), Ok(V2));
	assert_eq!(version_of(&module("")), Ok(V1), "no imports: v1");
	assert_eq!(version_of(&module(print)), Ok(V1), "debug imports choose no version");
	assert_eq!(version_of(&module(&(keccak("ethereum_v2") + print))), Ok(V2));
	// `v1` has no hash functions, and a module imports from one version.
	assert_eq!(version_of(&module(&keccak("ethereum"))), Err(PrepareError::ImportNotAllowed));
	let mixed = finish("ethereum") + &keccak("ethereum_v2");
	assert_eq!(version_of(&module(&mixed)), Err(PrepareError::ImportNotAllowed));
	new_test_ext().execute_with(|| {
		assert_fails_cleanly!(
			Ewasm::deploy(
				RuntimeOrigin::signed(ALICE),
				0,
				GAS,
				init_code_for(&wasm(&module(&mixed))),
				vec![],
				[0; 32]
			),
			Error::<Test>::CodeImportNotAllowed
		);
	});
}

#[test]
fn v2_hashes_memory_as_the_host_does() {
	new_test_ext().execute_with(|| {
		let hasher = deploy(&hasher(), 0);
		for input in [&b""[..], b"abc", &[7u8; 1000]] {
			let outcome = call_for_output(hasher, 0, GAS, input.to_vec());
			let expected = [keccak_256(input), sha2_256(input), blake2_256(input)].concat();
			assert_eq!(outcome.result, Ok(expected));
		}
		// Known answers.
		let hashes = call_for_output(hasher, 0, GAS, b"abc".to_vec()).result.expect("hashes");
		assert_eq!(
			hex(&call_for_output(hasher, 0, GAS, vec![]).result.expect("hashes")[..32]),
			"c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470"
		);
		assert_eq!(
			hex(&hashes[32..64]),
			"ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
		);
		assert_eq!(
			hex(&hashes[64..]),
			"bddd813c634239723171ef3fee98579b94964e3bb1cb3e427262c8c068d52319"
		);
	});
}

#[test]
fn a_hash_pays_per_word_hashed() {
	new_test_ext().execute_with(|| {
		let hasher = deploy(&hasher(), 0);
		let gas = |len: usize| {
			let outcome = call_for_output(hasher, 0, GAS, vec![1; len]);
			assert!(outcome.result.is_ok());
			outcome.gas_used
		};
		let host = chain_schedule().host;
		let hashes = [host.keccak256, host.sha256, host.blake2b256];
		assert!(hashes.iter().all(|hash| hash.base > 0 && hash.per_word > 0));
		// 321 bytes are 11 words.
		let per_word: u64 = hashes.iter().map(|hash| hash.per_word).sum();
		assert_eq!(gas(321) - gas(0), host.copy(321) - host.copy(0) + 11 * per_word);
	});
}

#[test]
fn a_hash_traps_out_of_bounds_and_runs_out_of_gas_before_reading() {
	new_test_ext().execute_with(|| {
		let run = |body: &str, salt: u8| {
			let contract = deploy(&keccak_contract(body), salt);
			call_for_output(contract, 0, GAS, vec![])
		};
		let trapped = Err(Error::<Test>::ContractTrapped.into());
		// The data past the end of memory (one page), or the result.
		let outcome = run("(call $keccak256 (i32.const 65535) (i32.const 2) (i32.const 0))", 0);
		assert_eq!((outcome.result, outcome.gas_used), (trapped.clone(), GAS));
		let outcome = run("(call $keccak256 (i32.const 0) (i32.const 0) (i32.const 65505))", 1);
		assert_eq!(outcome.result, trapped);
		// A length of 4 GiB costs more than any gas limit: out of gas, nothing read.
		let outcome = run("(call $keccak256 (i32.const 0) (i32.const -1) (i32.const 0))", 2);
		assert_eq!((outcome.result, outcome.gas_used), (Err(Error::<Test>::OutOfGas.into()), GAS));
	});
}

#[test]
fn calls_cross_versions_each_frame_under_its_own() {
	for (caller_vm, callee_vm) in [(V1, V2), (V2, V1), (V2, V2)] {
		new_test_ext().execute_with(|| {
			let proxy = deploy(&fixture_of("proxy", caller_vm), 0);
			let recorder = deploy(&fixture_of("recorder", callee_vm), 1);
			// A call: the callee acts as itself, sees the proxy and the value.
			let input = proxy_input(CALL, recorder, 2_000, &[]);
			let outcome = call_for_output(proxy, 5_000, GAS, input);
			assert_eq!(outcome.result, Ok(b"done".to_vec()), "{caller_vm:?} -> {callee_vm:?}");
			assert_eq!(stored(recorder, 1), Some(word(proxy.as_bytes())));
			assert_eq!(stored(recorder, 2), Some(word(&2_000u128.to_le_bytes())));
			assert_eq!(stored(recorder, 3), Some(word(recorder.as_bytes())));
			assert_eq!(stored(proxy, 1), None, "the caller's storage is its own");
			// A delegated call: the callee's code acts as the proxy, with the proxy's caller.
			let input = proxy_input(CALL_DELEGATE, recorder, 0, &[]);
			assert_eq!(call_for_output(proxy, 4_000, GAS, input).result, Ok(b"done".to_vec()));
			assert_eq!(
				stored(proxy, 1),
				Some(word(AccountId32Mapper::to_address(&BOB).as_bytes()))
			);
			assert_eq!(stored(proxy, 2), Some(word(&4_000u128.to_le_bytes())));
			assert_eq!(stored(proxy, 3), Some(word(proxy.as_bytes())));
		});
	}
}

#[test]
fn a_v1_contract_calls_a_v2_contract_that_hashes() {
	new_test_ext().execute_with(|| {
		let proxy = deploy(&fixture("proxy"), 0);
		let hasher = deploy(&hasher(), 1);
		let outcome = call_for_output(proxy, 0, GAS, proxy_input(CALL, hasher, 0, b"abc"));
		let expected = [keccak_256(b"abc"), sha2_256(b"abc"), blake2_256(b"abc")].concat();
		assert_eq!(outcome.result, Ok(expected));
	});
}
