//! Code is priced by its size wherever a frame loads code it did not pay for as an extrinsic: a
//! nested call pays per word of the callee's code, `externalCodeCopy` per word of the source's,
//! a creation per word of its init code (`code_load_per_word`, `init_code_per_word`). Contracts
//! as large as the chain's limit (128 KiB) deploy and are called from contracts. Hera's
//! schedule prices none of it.

use super::*;
use crate::gas::HERA_COSTS;

/// `code` with a custom section of `len` bytes appended (name and payload): larger code that
/// validates, compiles and runs exactly as `code` does (custom sections are ignored). The
/// section is taken from a module that holds only it, past the module's 8-byte header.
fn padded(code: &[u8], len: u32) -> Vec<u8> {
	let payload = "*".repeat(len as usize - 2);
	let section = wasm(&format!(r#"(module (@custom "x" "{payload}"))"#));
	[code, &section[8..]].concat()
}

/// A contract that does nothing.
fn empty_contract() -> Vec<u8> {
	wasm(r#"(module (memory (export "memory") 1) (func (export "main")))"#)
}

/// The gas the proxy uses to `call` `target` (the proxy's slot already written, so every call
/// pays the same for storing the result).
fn proxied_call_gas(proxy: Address, target: Address) -> u64 {
	let outcome = call_for_output(proxy, 0, GAS, proxy_input(CALL, target, 0, &[]));
	assert_eq!(outcome.result, Ok(vec![]));
	assert_eq!(stored(proxy, 0), Some(word(&[1])), "the call succeeds");
	outcome.gas_used
}

#[test]
fn a_nested_call_pays_for_the_callees_code_by_the_word() {
	new_test_ext().execute_with(|| {
		let small = empty_contract();
		let large = padded(&small, 100 * 32);
		let (small_len, large_len) = (small.len() as u32, large.len() as u32);
		let proxy = deploy(&fixture("proxy"), 0);
		let (small, large) = (deploy(&small, 1), deploy(&large, 2));
		proxied_call_gas(proxy, small);
		let host = chain_schedule().host;
		assert!(host.code_load_per_word > 0);
		let difference = proxied_call_gas(proxy, large) - proxied_call_gas(proxy, small);
		assert_eq!(difference, host.code_load(large_len) - host.code_load(small_len));
		// Hera knew no price by size.
		TestSchedule::set(&crate::gas::Schedule { host: HERA_COSTS, ..chain_schedule() });
		assert_eq!(proxied_call_gas(proxy, large), proxied_call_gas(proxy, small));
	});
}

#[test]
fn a_call_that_cannot_pay_for_the_callees_code_fails_before_loading_it() {
	new_test_ext().execute_with(|| {
		let large = padded(&empty_contract(), 64 * 1024);
		let code_load = chain_schedule().host.code_load(large.len() as u32);
		let proxy = deploy(&fixture("proxy"), 0);
		let large = deploy(&large, 1);
		let gas = proxied_call_gas(proxy, large);
		// The proxy's whole frame runs out of gas at the call: it cannot pay for the code.
		let outcome = call_for_output(proxy, 0, gas - code_load, proxy_input(CALL, large, 0, &[]));
		assert_eq!(outcome.result, Err(Error::<Test>::OutOfGas.into()));
	});
}

#[test]
fn external_code_copy_pays_for_the_sources_code_by_the_word() {
	new_test_ext().execute_with(|| {
		// Copies nothing of the code of the contract whose address is the call data: the code
		// is loaded all the same.
		let copier = deploy(
			&wasm(
				r#"(module
					(import "ethereum" "callDataCopy" (func $callDataCopy (param i32 i32 i32)))
					(import "ethereum" "externalCodeCopy"
						(func $externalCodeCopy (param i32 i32 i32 i32)))
					(memory (export "memory") 1)
					(func (export "main")
						(call $callDataCopy (i32.const 0) (i32.const 0) (i32.const 20))
						(call $externalCodeCopy (i32.const 0) (i32.const 32) (i32.const 0)
							(i32.const 0))))"#,
			),
			0,
		);
		let small = empty_contract();
		let large = padded(&small, 100 * 32);
		let (small_len, large_len) = (small.len() as u32, large.len() as u32);
		let (small, large) = (deploy(&small, 1), deploy(&large, 2));
		let gas = |source: Address| {
			let outcome = call_for_output(copier, 0, GAS, source.as_bytes().to_vec());
			assert_eq!(outcome.result, Ok(vec![]));
			outcome.gas_used
		};
		let host = chain_schedule().host;
		assert_eq!(gas(large) - gas(small), host.code_load(large_len) - host.code_load(small_len));
		// No code, nothing to load.
		assert_eq!(gas(Address([9; 20])) + host.code_load(small_len), gas(small));
	});
}

#[test]
fn a_creation_pays_for_its_init_code_by_the_word() {
	new_test_ext().execute_with(|| {
		let small = init_code_for(&empty_contract());
		let large = padded(&small, 100 * 32);
		let (small_len, large_len) = (small.len() as u32, large.len() as u32);
		// Each creator deploys the init code twice (`create`, `create2`), copying it from its
		// call data first.
		let gas = |init_code: Vec<u8>, salt| {
			let creator = deploy(&fixture("creator"), salt);
			let outcome = call_for_output(creator, 0, GAS, init_code);
			assert_eq!(stored(creator, 3), Some(word(&[1])), "create2 succeeds");
			outcome.gas_used
		};
		let host = chain_schedule().host;
		assert!(host.init_code_per_word > 0);
		let copies = host.copy(large_len) - host.copy(small_len);
		let init_codes = host.init_code(large_len) - host.init_code(small_len);
		assert_eq!(gas(large, 1) - gas(small, 2), copies + 2 * init_codes);
	});
}

#[test]
fn a_contract_of_nearly_the_largest_code_deploys_and_is_called_from_a_contract() {
	new_test_ext().execute_with(|| {
		let limit = <<Test as crate::Config>::MaxCodeLen as polkadot_sdk::sp_core::Get<u32>>::get();
		assert_eq!(limit, 128 * 1024);
		// Its init code carries it, and must fit the limit too.
		let large = padded(&empty_contract(), limit - 1024);
		let proxy = deploy(&fixture("proxy"), 0);
		let large = deploy(&large, 1);
		assert!(ContractInfoOf::<Test>::get(large).is_some_and(|info| info.code_len > limit - 1024));
		proxied_call_gas(proxy, large);
	});
}
