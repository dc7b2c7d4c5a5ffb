//! A storage slot's second access in a transaction pays only its time (`vm::accessed`): the
//! same bodies with the second access of the same slot or of another differ by exactly the
//! warm discount; the frames of a transaction share the record; a new transaction starts cold;
//! and Hera's schedule knows no warm slots.

use super::*;

/// A contract whose `main` is `body`, with key 0 at 0 (zeros), value 1 at 32 and key 1 at 64.
fn slots_contract(body: &str) -> Vec<u8> {
	wasm(&format!(
		r#"(module
			(import "ethereum" "storageStore" (func $storageStore (param i32 i32)))
			(import "ethereum" "storageLoad" (func $storageLoad (param i32 i32)))
			(memory (export "memory") 1)
			(data (i32.const 32) "\01")
			(data (i32.const 64) "\01")
			(func (export "main") {body}))"#
	))
}

/// Gas used by a contract of `body` (deployed anew, so its slots start empty).
fn gas_of(body: &str, salt: u8) -> u64 {
	let contract = deploy(&slots_contract(body), salt);
	let outcome = call_for_output(contract, 0, GAS, vec![]);
	assert!(outcome.result.is_ok(), "{body}: {:?}", outcome.result);
	outcome.gas_used
}

/// The gas `first` then `last` use when `last` accesses the slot `first` did (key 0, at
/// offset 0), beyond what they use when it accesses another (key 1, at offset 64): `last`
/// names its key's offset `KEY`.
fn extra(first: &str, last: &str) -> i128 {
	let same = format!("{first} {}", last.replace("KEY", "0"));
	let other = format!("{first} {}", last.replace("KEY", "64"));
	gas_of(&same, 1) as i128 - gas_of(&other, 2) as i128
}

#[test]
fn a_slot_accessed_before_in_the_transaction_costs_its_warm_price() {
	new_test_ext().execute_with(|| {
		let host = chain_schedule().host;
		let load = "(call $storageLoad (i32.const 0) (i32.const 128))";
		let store = "(call $storageStore (i32.const 0) (i32.const 32))";
		let load_last = "(call $storageLoad (i32.const KEY) (i32.const 128))";
		let store_last = "(call $storageStore (i32.const KEY) (i32.const 32))";
		let discount = |warm: u64, cold: u64| warm as i128 - cold as i128;
		for (first, last, expected) in [
			// A second load.
			(load, load_last, discount(host.storage_load_warm, host.storage_load)),
			// A store creating a slot the transaction has read.
			(load, store_last, discount(host.storage_store_create_warm, host.storage_store_create)),
			// A store updating the slot it has just created, against creating another.
			(
				store,
				store_last,
				discount(host.storage_store_update_warm, host.storage_store_create),
			),
			// A load of a slot the transaction wrote.
			(store, load_last, discount(host.storage_load_warm, host.storage_load)),
		] {
			assert_eq!(extra(first, last), expected, "{first} then {last}");
		}
	});
}

#[test]
fn each_transaction_pays_its_first_access_in_full() {
	new_test_ext().execute_with(|| {
		let contract =
			deploy(&slots_contract("(call $storageLoad (i32.const 0) (i32.const 128))"), 0);
		let first = call_for_output(contract, 0, GAS, vec![]);
		let second = call_for_output(contract, 0, GAS, vec![]);
		assert_eq!((first.result.is_ok(), first.gas_used), (true, second.gas_used));
		assert!(first.gas_used > chain_schedule().host.storage_load);
	});
}

#[test]
fn at_hera_prices_a_second_access_costs_the_same() {
	new_test_ext().execute_with(|| {
		TestSchedule::set(&crate::gas::Schedule {
			host: crate::gas::HERA_COSTS,
			..chain_schedule()
		});
		let load = "(call $storageLoad (i32.const 0) (i32.const 128))";
		assert_eq!(extra(load, "(call $storageLoad (i32.const KEY) (i32.const 128))"), 0);
	});
}

#[test]
fn a_slot_a_delegated_frame_accessed_is_warm_for_its_caller() {
	new_test_ext().execute_with(|| {
		// The proxy stores its call's result at its key 0 after the library, running as the
		// proxy (`callDelegate`), stored at the proxy's key 0 (or 1): one transaction's frames
		// share the record.
		let gas = |key_offset: u32, salt: u8| {
			let body = format!("(call $storageStore (i32.const {key_offset}) (i32.const 32))");
			let library = deploy(&slots_contract(&body), salt);
			let proxy = deploy(&fixture("proxy"), salt);
			let outcome =
				call_for_output(proxy, 0, GAS, proxy_input(CALL_DELEGATE, library, 0, &[]));
			assert!(outcome.result.is_ok(), "{:?}", outcome.result);
			outcome.gas_used as i128
		};
		let host = chain_schedule().host;
		let warm_update = host.storage_store_update_warm as i128;
		assert_eq!(gas(0, 1) - gas(64, 2), warm_update - host.storage_store_create as i128);
	});
}
