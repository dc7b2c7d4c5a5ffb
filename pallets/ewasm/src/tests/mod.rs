//! Behaviour of the pallet on the test runtime, with contracts written in WAT
//! (`fixtures/*.wat`): single contracts here, the accounts behind addresses in [`accounts`],
//! the call stack in [`call_stack`], code priced by its size in [`code_size`], the block and
//! chain getters in [`environment`], rent, eviction and wake in [`rent`], the system contracts
//! in [`system`], receipts between parachains in [`receipts`], the VM versions in
//! [`vm_versions`], `v2`'s bignum helpers and `ecrecover` in [`v2_arithmetic`], the execution
//! environments' extrinsics in [`execution_environments`].

use crate::{
	address::{create2_address, AccountId32Mapper, AddressMapper},
	exec::{CallRequest, ExecOutcome},
	mock::*,
	storage::code_hash,
	vm::prepare::{engine, prepare, CodeRules, PrepareError},
	CodeInfoOf, ContractInfoOf, ContractStorage, Error, Event, PristineCode,
};
use ewasm_primitives::Address;
use polkadot_sdk::{
	frame_support::{assert_ok, dispatch::PostDispatchInfo, traits::fungible::Inspect},
	sp_core::H256,
	sp_io::storage,
	sp_runtime::{DispatchError, DispatchErrorWithPostInfo, StateVersion},
};

const GAS: u64 = 1_000_000_000;

fn wasm(wat: &str) -> Vec<u8> {
	wat::parse_str(wat).expect("fixtures are valid WAT")
}

fn fixture(name: &str) -> Vec<u8> {
	fixture_of(name, ewasm_primitives::Interface::V1)
}

/// `fixtures/{name}.wat` importing from the namespace of `version` (the fixtures are written
/// for `v1`, whose functions every later version has).
fn fixture_of(name: &str, version: ewasm_primitives::Interface) -> Vec<u8> {
	let path = format!("{}/fixtures/{name}.wat", env!("CARGO_MANIFEST_DIR"));
	let wat = std::fs::read_to_string(path).expect("fixture exists");
	wasm(&wat.replace(r#"(import "ethereum" "#, &format!(r#"(import "{}" "#, version.namespace())))
}

/// `bytes` as a WAT string literal.
fn wat_bytes(bytes: &[u8]) -> String {
	bytes.iter().map(|b| format!("\\{b:02x}")).collect()
}

/// Init code that returns `code` with `finish`: the usual way to deploy a contract.
fn init_code_for(code: &[u8]) -> Vec<u8> {
	let escaped = wat_bytes(code);
	let pages = code.len() / 65_536 + 1;
	wasm(&format!(
		r#"(module
			(import "ethereum" "finish" (func $finish (param i32 i32)))
			(memory (export "memory") {pages})
			(data (i32.const 0) "{escaped}")
			(func (export "main") (call $finish (i32.const 0) (i32.const {len}))))"#,
		len = code.len()
	))
}

/// A storage key whose first byte is `n`.
fn key(n: u8) -> [u8; 32] {
	let mut key = [0u8; 32];
	key[0] = n;
	key
}

/// `bytes` left-aligned in a zeroed 32-byte word, as the fixtures store values.
fn word(bytes: &[u8]) -> [u8; 32] {
	let mut word = [0u8; 32];
	word[..bytes.len()].copy_from_slice(bytes);
	word
}

fn stored(contract: Address, n: u8) -> Option<[u8; 32]> {
	ContractStorage::<Test>::get(contract, key(n))
}

/// What contracts that call themselves import.
const SELF_CALLER_IMPORTS: &str = r#"
	(import "ethereum" "getAddress" (func $getAddress (param i32)))
	(import "ethereum" "getCallDataSize" (func $size (result i32)))
	(import "ethereum" "callDataCopy" (func $copy (param i32 i32 i32)))
	(import "ethereum" "call" (func $call (param i64 i32 i32 i32 i32) (result i32)))
	(import "ethereum" "storageStore" (func $store (param i32 i32)))"#;

fn alice_address() -> Address {
	AccountId32Mapper::to_address(&ALICE)
}

/// Deploys `code` as Alice with `salt`, returning the contract's address.
fn deploy(code: &[u8], salt: u8) -> Address {
	let init = init_code_for(code);
	assert_ok!(Ewasm::deploy(
		RuntimeOrigin::signed(ALICE),
		0,
		GAS,
		init.clone(),
		vec![],
		[salt; 32]
	));
	create2_address(&alice_address(), &[salt; 32], &init)
}

/// Deploys `init_code` as Alice with salt 0 through the pallet's entry point, which reports
/// the gas and output.
fn deploy_for_outcome(init_code: Vec<u8>, gas_limit: u64) -> ExecOutcome<crate::Deployed> {
	Ewasm::bare_deploy(crate::DeployRequest {
		deployer: &ALICE,
		value: 0,
		gas_limit,
		init_code,
		input: vec![],
		scheme: crate::AddressScheme::Create2 { salt: [0; 32] },
	})
}

/// Call data for `fixtures/proxy.wat`: a call of `kind` ([`CALL`], ...) to `target` with
/// `value`, passing `payload`.
fn proxy_input(kind: u8, target: Address, value: u128, payload: &[u8]) -> Vec<u8> {
	let mut input = vec![kind];
	input.extend(target.as_bytes());
	input.extend(value.to_le_bytes());
	input.extend(payload);
	input
}

/// The proxy's plain `call`.
const CALL: u8 = 0;
/// The proxy's `callCode`.
const CALL_CODE: u8 = 1;
/// The proxy's `callDelegate`.
const CALL_DELEGATE: u8 = 2;
/// The proxy's `callStatic`.
const CALL_STATIC: u8 = 3;

fn events() -> Vec<Event<Test>> {
	System::events()
		.into_iter()
		.filter_map(|record| match record.event {
			RuntimeEvent::Ewasm(event) => Some(event),
			_ => None,
		})
		.collect()
}

fn key_value_input(key: u8, value: u8) -> Vec<u8> {
	let mut input = vec![key; 32];
	input.extend([value; 32]);
	input
}

/// Like `assert_noop!`, for dispatches that report the weight they used: asserts that the
/// dispatch fails with `error` and leaves storage exactly as it was.
macro_rules! assert_fails_cleanly {
	($dispatch:expr, $error:expr $(,)?) => {{
		let root = storage::root(StateVersion::V1);
		assert_eq!(error_of($dispatch), $error.into());
		assert_eq!(storage::root(StateVersion::V1), root, "storage changed");
	}};
}

fn error_of(
	result: Result<PostDispatchInfo, DispatchErrorWithPostInfo<PostDispatchInfo>>,
) -> DispatchError {
	result.expect_err("the dispatch fails").error
}

#[test]
fn deploy_stores_the_code_init_returns_at_the_create2_address() {
	new_test_ext().execute_with(|| {
		let code = fixture("store");
		let init = init_code_for(&code);
		assert_ok!(Ewasm::deploy(
			RuntimeOrigin::signed(ALICE),
			0,
			GAS,
			init.clone(),
			vec![],
			[7; 32]
		));

		let address = create2_address(&alice_address(), &[7; 32], &init);
		let info = ContractInfoOf::<Test>::get(address).expect("deployed");
		assert_eq!(info.code_hash, code_hash(&code));
		assert_eq!(PristineCode::<Test>::get(info.code_hash).unwrap().into_inner(), code);
		assert_eq!((info.storage_items, info.storage_bytes), (0, 0));
		assert!(matches!(
			events().as_slice(),
			[Event::Deployed { deployer, contract, code_hash, .. }]
				if *deployer == ALICE && *contract == address && *code_hash == info.code_hash
		));
	});
}

#[test]
fn deploying_twice_with_the_same_salt_fails() {
	new_test_ext().execute_with(|| {
		let init = init_code_for(&fixture("store"));
		assert_ok!(Ewasm::deploy(
			RuntimeOrigin::signed(ALICE),
			0,
			GAS,
			init.clone(),
			vec![],
			[1; 32]
		));
		let again =
			Ewasm::deploy(RuntimeOrigin::signed(ALICE), 0, GAS, init.clone(), vec![], [1; 32]);
		assert_eq!(error_of(again), Error::<Test>::ContractExists.into());
		// Another deployer or salt gives another address.
		assert_ok!(Ewasm::deploy(
			RuntimeOrigin::signed(BOB),
			0,
			GAS,
			init.clone(),
			vec![],
			[1; 32]
		));
		assert_ok!(Ewasm::deploy(RuntimeOrigin::signed(ALICE), 0, GAS, init, vec![], [2; 32]));
	});
}

#[test]
fn call_stores_logs_and_returns() {
	new_test_ext().execute_with(|| {
		let contract = deploy(&fixture("store"), 0);
		System::reset_events();
		assert_ok!(Ewasm::call(
			RuntimeOrigin::signed(BOB),
			contract,
			0,
			GAS,
			key_value_input(3, 9)
		));

		assert_eq!(ContractStorage::<Test>::get(contract, [3; 32]), Some([9; 32]));
		let info = ContractInfoOf::<Test>::get(contract).unwrap();
		assert_eq!((info.storage_items, info.storage_bytes), (1, 64));
		let events = events();
		assert_eq!(
			events[0],
			Event::ContractEmitted { contract, topics: vec![H256([3; 32])], data: vec![9; 32] }
		);
		assert!(matches!(
			&events[1],
			Event::Called { caller, contract: c, gas_used }
				if *caller == BOB && *c == contract
					&& *gas_used > chain_schedule().host.storage_store_create
		));
	});
}

#[test]
fn storing_zero_deletes_the_key() {
	new_test_ext().execute_with(|| {
		let contract = deploy(&fixture("store"), 0);
		assert_ok!(Ewasm::call(
			RuntimeOrigin::signed(BOB),
			contract,
			0,
			GAS,
			key_value_input(3, 9)
		));
		assert_ok!(Ewasm::call(
			RuntimeOrigin::signed(BOB),
			contract,
			0,
			GAS,
			key_value_input(3, 0)
		));
		assert_eq!(ContractStorage::<Test>::get(contract, [3; 32]), None);
		let info = ContractInfoOf::<Test>::get(contract).unwrap();
		assert_eq!((info.storage_items, info.storage_bytes), (0, 0));
	});
}

#[test]
fn revert_leaves_state_unchanged_and_reports_the_error() {
	new_test_ext().execute_with(|| {
		let contract = deploy(&fixture("store"), 0);
		let account = AccountId32Mapper::contract_account(&contract);
		assert_fails_cleanly!(
			Ewasm::call(RuntimeOrigin::signed(BOB), contract, 5_000, GAS, vec![1, 2, 3]),
			Error::<Test>::ContractReverted
		);
		assert_eq!(Balances::balance(&account), 0);
		assert_eq!(Balances::balance(&BOB), INITIAL_BALANCE);
	});
}

#[test]
fn value_moves_to_the_contract_account() {
	new_test_ext().execute_with(|| {
		let contract = deploy(&fixture("store"), 0);
		let account = AccountId32Mapper::contract_account(&contract);
		assert_ok!(Ewasm::call(
			RuntimeOrigin::signed(BOB),
			contract,
			5_000,
			GAS,
			key_value_input(1, 1)
		));
		assert_eq!(Balances::balance(&account), 5_000);
		assert_eq!(Balances::balance(&BOB), INITIAL_BALANCE - 5_000);
	});
}

#[test]
fn value_the_caller_cannot_pay_fails_cleanly() {
	new_test_ext().execute_with(|| {
		let contract = deploy(&fixture("store"), 0);
		assert_fails_cleanly!(
			Ewasm::call(
				RuntimeOrigin::signed(BOB),
				contract,
				INITIAL_BALANCE * 2,
				GAS,
				key_value_input(1, 1)
			),
			Error::<Test>::TransferFailed
		);
	});
}

/// Calls `dest` as Bob through the pallet's execution entry point, which returns the output.
fn call_for_output(
	dest: Address,
	value: u128,
	gas_limit: u64,
	input: Vec<u8>,
) -> ExecOutcome<Vec<u8>> {
	Ewasm::bare_call(CallRequest { caller: &BOB, dest, value, gas_limit, input })
}

#[test]
fn the_contract_sees_its_context() {
	new_test_ext().execute_with(|| {
		let contract = deploy(&fixture("context"), 0);
		let outcome = call_for_output(contract, 7_000, GAS, b"hello".to_vec());
		let output = outcome.result.expect("finishes");
		assert_eq!(output.len(), 84);
		assert_eq!(&output[0..20], AccountId32Mapper::to_address(&BOB).as_bytes());
		assert_eq!(&output[20..40], contract.as_bytes());
		assert_eq!(u128::from_le_bytes(output[40..56].try_into().unwrap()), 7_000);
		assert_eq!(i32::from_le_bytes(output[56..60].try_into().unwrap()), 5);
		let gas_left = u64::from_le_bytes(output[60..68].try_into().unwrap());
		assert!(gas_left < GAS - 1_000, "useGas(1000) was charged");
		assert!(outcome.gas_used > GAS - gas_left, "the copies come after getGasLeft");
		assert_eq!(&output[68..73], b"hello");
		assert_eq!(&output[73..84], &[0u8; 11]);
	});
}

#[test]
fn creating_a_slot_costs_15_000_more_than_updating_it_at_hera_prices() {
	new_test_ext().execute_with(|| {
		TestSchedule::set(&crate::gas::Schedule {
			host: crate::gas::HERA_COSTS,
			..chain_schedule()
		});
		let contract = deploy(&fixture("store"), 0);
		let create = call_for_output(contract, 0, GAS, key_value_input(1, 1));
		let update = call_for_output(contract, 0, GAS, key_value_input(1, 2));
		assert_eq!(create.result, Ok(vec![1; 32]));
		assert_eq!(update.result, Ok(vec![2; 32]));
		assert_eq!(create.gas_used - update.gas_used, 15_000);
		// A non-zero to non-zero update keeps the counters.
		let info = ContractInfoOf::<Test>::get(contract).unwrap();
		assert_eq!((info.storage_items, info.storage_bytes), (1, 64));
	});
}

#[test]
fn revert_keeps_the_unused_gas_and_trap_consumes_all() {
	new_test_ext().execute_with(|| {
		let store = deploy(&fixture("store"), 0);
		let reverted = call_for_output(store, 0, GAS, vec![1]);
		assert_eq!(reverted.result, Err(Error::<Test>::ContractReverted.into()));
		assert!(reverted.gas_used < GAS / 1_000, "revert refunds what it did not use");
		let trap = deploy(&fixture("unreachable"), 1);
		let trapped = call_for_output(trap, 0, GAS, vec![]);
		assert_eq!(trapped.result, Err(Error::<Test>::ContractTrapped.into()));
		assert_eq!(trapped.gas_used, GAS);
	});
}

#[test]
fn an_infinite_loop_runs_out_of_gas_and_pays_for_all_of_it() {
	new_test_ext().execute_with(|| {
		let contract = deploy(&fixture("infinite_loop"), 0);
		let result = Ewasm::call(RuntimeOrigin::signed(BOB), contract, 0, 50_000, vec![]);
		let post = result.expect_err("out of gas").post_info;
		assert_eq!(error_of(result), Error::<Test>::OutOfGas.into());
		let gas_weight = crate::gas::gas_to_weight::<Test>(50_000);
		assert!(post.actual_weight.unwrap().ref_time() >= gas_weight.ref_time());
	});
}

#[test]
fn traps_fail_with_contract_trapped() {
	new_test_ext().execute_with(|| {
		for (salt, name) in ["unreachable", "grow_memory", "out_of_bounds"].iter().enumerate() {
			let contract = deploy(&fixture(name), salt as u8);
			let result = Ewasm::call(RuntimeOrigin::signed(BOB), contract, 0, GAS, vec![]);
			assert_eq!(error_of(result), Error::<Test>::ContractTrapped.into(), "{name}");
		}
	});
}

#[test]
fn calling_a_missing_contract_fails() {
	new_test_ext().execute_with(|| {
		assert_fails_cleanly!(
			Ewasm::call(RuntimeOrigin::signed(BOB), Address([9; 20]), 0, GAS, vec![]),
			Error::<Test>::ContractNotFound
		);
	});
}

#[test]
fn init_code_can_write_storage_and_a_failed_init_leaves_nothing() {
	new_test_ext().execute_with(|| {
		// Init code that stores key 0 = 0x01.. then returns the store contract.
		let code = fixture("store");
		let escaped = wat_bytes(&code);
		let init = wasm(&format!(
			r#"(module
				(import "ethereum" "storageStore" (func $store (param i32 i32)))
				(import "ethereum" "finish" (func $finish (param i32 i32)))
				(memory (export "memory") 1)
				(data (i32.const 0) "\01")
				(data (i32.const 64) "{escaped}")
				(func (export "main")
					(call $store (i32.const 32) (i32.const 0))
					(call $finish (i32.const 64) (i32.const {len}))))"#,
			len = code.len()
		));
		assert_ok!(Ewasm::deploy(
			RuntimeOrigin::signed(ALICE),
			0,
			GAS,
			init.clone(),
			vec![],
			[0; 32]
		));
		let address = create2_address(&alice_address(), &[0; 32], &init);
		let mut value = [0u8; 32];
		value[0] = 1;
		assert_eq!(ContractStorage::<Test>::get(address, [0; 32]), Some(value));
		assert_eq!(ContractInfoOf::<Test>::get(address).unwrap().storage_items, 1);

		// Init code that returns something that is not a contract: nothing is kept.
		let bad = init_code_for(b"not wasm");
		assert_fails_cleanly!(
			Ewasm::deploy(RuntimeOrigin::signed(ALICE), 0, GAS, bad, vec![], [0; 32]),
			Error::<Test>::CodeInvalid
		);
	});
}

/// A contract whose `main` is `body`, importing what the bodies below use.
fn contract_with_body(body: &str) -> Vec<u8> {
	wasm(&format!(
		r#"(module
			(import "ethereum" "useGas" (func $useGas (param i64)))
			(import "ethereum" "getCaller" (func $getCaller (param i32)))
			(import "ethereum" "callDataCopy" (func $callDataCopy (param i32 i32 i32)))
			(import "ethereum" "storageStore" (func $storageStore (param i32 i32)))
			(import "ethereum" "log" (func $log (param i32 i32 i32 i32 i32 i32 i32)))
			(import "ethereum" "finish" (func $finish (param i32 i32)))
			(import "ethereum" "revert" (func $revert (param i32 i32)))
			(memory (export "memory") 1)
			(data (i32.const 32) "\01")
			(func (export "main") {body}))"#
	))
}

#[test]
fn host_functions_trap_on_bad_arguments() {
	let cases = [
		("negative useGas", "(call $useGas (i64.const -1))"),
		(
			"five log topics",
			"(call $log (i32.const 0) (i32.const 0) (i32.const 5)
				(i32.const 0) (i32.const 0) (i32.const 0) (i32.const 0))",
		),
		(
			"negative log topic count",
			"(call $log (i32.const 0) (i32.const 0) (i32.const -1)
				(i32.const 0) (i32.const 0) (i32.const 0) (i32.const 0))",
		),
		("finish past the end of memory", "(call $finish (i32.const 65530) (i32.const 100))"),
		("finish with a negative length", "(call $finish (i32.const 0) (i32.const -1))"),
		("revert from a negative offset", "(call $revert (i32.const -4) (i32.const 4))"),
		(
			"callDataCopy past the call data",
			"(call $callDataCopy (i32.const 0) (i32.const 0) (i32.const 1))",
		),
		("getCaller writing past memory", "(call $getCaller (i32.const 65530))"),
	];
	new_test_ext().execute_with(|| {
		for (salt, (name, body)) in cases.iter().enumerate() {
			let contract = deploy(&contract_with_body(body), salt as u8);
			let outcome = call_for_output(contract, 0, GAS, vec![]);
			assert_eq!(outcome.result, Err(Error::<Test>::ContractTrapped.into()), "{name}");
			assert_eq!(outcome.gas_used, GAS, "{name}: a trap consumes all gas");
		}
	});
}

#[test]
fn host_functions_run_out_of_gas_before_working() {
	new_test_ext().execute_with(|| {
		let burner = deploy(&contract_with_body("(call $useGas (i64.const 10001))"), 0);
		let result = Ewasm::call(RuntimeOrigin::signed(BOB), burner, 0, 10_000, vec![]);
		assert_eq!(error_of(result), Error::<Test>::OutOfGas.into());

		// The price of the store, but not of the instructions before it: nothing is stored.
		let storer =
			deploy(&contract_with_body("(call $storageStore (i32.const 0) (i32.const 32))"), 1);
		let store_price = chain_schedule().host.storage_store_create;
		assert_fails_cleanly!(
			Ewasm::call(RuntimeOrigin::signed(BOB), storer, 0, store_price, vec![]),
			Error::<Test>::OutOfGas
		);
		assert_eq!(ContractStorage::<Test>::get(storer, [0; 32]), None);
	});
}

#[test]
fn a_revert_after_storing_and_logging_undoes_both() {
	new_test_ext().execute_with(|| {
		let contract = deploy(
			&contract_with_body(
				"(call $storageStore (i32.const 0) (i32.const 32))
				 (call $log (i32.const 32) (i32.const 1) (i32.const 0)
					(i32.const 0) (i32.const 0) (i32.const 0) (i32.const 0))
				 (call $revert (i32.const 0) (i32.const 0))",
			),
			0,
		);
		System::reset_events();
		// Storage (contract storage, counters, balances, events) is exactly as before.
		assert_fails_cleanly!(
			Ewasm::call(RuntimeOrigin::signed(BOB), contract, 5_000, GAS, vec![]),
			Error::<Test>::ContractReverted
		);
	});
}

#[test]
fn a_failed_deploy_keeps_the_value_and_leaves_no_contract() {
	new_test_ext().execute_with(|| {
		for (body, error) in [
			("(call $revert (i32.const 0) (i32.const 0))", Error::<Test>::ContractReverted),
			("unreachable", Error::<Test>::ContractTrapped),
			("(call $useGas (i64.const 2000000000))", Error::<Test>::OutOfGas),
		] {
			let init = contract_with_body(body);
			assert_fails_cleanly!(
				Ewasm::deploy(RuntimeOrigin::signed(ALICE), 5_000, GAS, init, vec![], [0; 32]),
				error
			);
		}
	});
}

#[test]
fn shared_code_is_stored_once() {
	new_test_ext().execute_with(|| {
		let code = fixture("store");
		let first = deploy(&code, 0);
		let second = deploy(&code, 1);
		assert_ne!(first, second);
		let hash = code_hash(&code);
		assert_eq!(CodeInfoOf::<Test>::get(hash).unwrap().refcount, 2);
		assert_eq!(PristineCode::<Test>::iter().count(), 1);
	});
}

#[test]
fn memory_grows_up_to_the_limit() {
	new_test_ext().execute_with(|| {
		// From 1 page to exactly the limit: succeeds (memory.grow returns the old size, 1).
		let contract = deploy(
			&contract_with_body(
				"(if (i32.ne (memory.grow (i32.const 127)) (i32.const 1)) (then unreachable))",
			),
			0,
		);
		assert_ok!(Ewasm::call(RuntimeOrigin::signed(BOB), contract, 0, GAS, vec![]));
	});
}

#[test]
fn a_frame_pays_for_its_initial_memory_by_the_page() {
	new_test_ext().execute_with(|| {
		let with_pages = |pages: u32| {
			wasm(&format!(r#"(module (memory (export "memory") {pages}) (func (export "main")))"#))
		};
		let gas = |contract| call_for_output(contract, 0, GAS, vec![]).gas_used;
		let (small, large) = (deploy(&with_pages(1), 0), deploy(&with_pages(128), 1));
		let page = chain_schedule().host.memory_page;
		assert!(page > 0);
		assert_eq!(gas(large) - gas(small), 127 * page);
		// A limit that cannot pay for the memory runs out of gas before the module starts.
		assert_fails_cleanly!(
			Ewasm::call(RuntimeOrigin::signed(BOB), large, 0, 128 * page - 1, vec![]),
			Error::<Test>::OutOfGas
		);
		// Hera charged nothing for it.
		TestSchedule::set(&crate::gas::Schedule {
			host: crate::gas::HERA_COSTS,
			..chain_schedule()
		});
		assert_eq!(gas(large), gas(small));
	});
}

/// Each module with the error validation gives it (`None`: accepted).
#[test]
fn validation_accepts_ewasm_contracts_and_refuses_the_rest() {
	let cases: &[(&str, &str, Option<PrepareError>)] = &[
		("minimal", r#"(module (memory (export "memory") 1) (func (export "main")))"#, None),
		(
			"eei import",
			r#"(module (import "ethereum" "finish" (func (param i32 i32)))
				(memory (export "memory") 1) (func (export "main")))"#,
			None,
		),
		(
			"float instruction",
			r#"(module (memory (export "memory") 1)
				(func (export "main") (drop (f32.add (f32.const 1) (f32.const 2)))))"#,
			Some(PrepareError::Invalid),
		),
		(
			"start function",
			r#"(module (memory (export "memory") 1) (func $s) (start $s) (func (export "main")))"#,
			Some(PrepareError::Invalid),
		),
		(
			"sign extension (post-MVP)",
			r#"(module (memory (export "memory") 1)
				(func (export "main") (drop (i32.extend8_s (i32.const 1)))))"#,
			Some(PrepareError::Invalid),
		),
		(
			"float in a signature only",
			r#"(module (memory (export "memory") 1) (func (param f64)) (func (export "main")))"#,
			Some(PrepareError::Invalid),
		),
		(
			"float global",
			r#"(module (memory (export "memory") 1) (global f32 (f32.const 0)) (func (export "main")))"#,
			Some(PrepareError::Invalid),
		),
		(
			"multi-value (post-MVP)",
			r#"(module (memory (export "memory") 1)
				(func (result i32 i32) (i32.const 1) (i32.const 2)) (func (export "main")))"#,
			Some(PrepareError::Invalid),
		),
		(
			"bulk memory (post-MVP)",
			r#"(module (memory (export "memory") 1)
				(func (export "main") (memory.fill (i32.const 0) (i32.const 0) (i32.const 1))))"#,
			Some(PrepareError::Invalid),
		),
		(
			"import from another namespace",
			r#"(module (import "env" "finish" (func (param i32 i32)))
				(memory (export "memory") 1) (func (export "main")))"#,
			Some(PrepareError::ImportNotAllowed),
		),
		(
			"unknown EEI name",
			r#"(module (import "ethereum" "sha3" (func (param i32 i32 i32)))
				(memory (export "memory") 1) (func (export "main")))"#,
			Some(PrepareError::ImportNotAllowed),
		),
		(
			"wrong EEI signature",
			r#"(module (import "ethereum" "finish" (func (param i64 i32)))
				(memory (export "memory") 1) (func (export "main")))"#,
			Some(PrepareError::ImportNotAllowed),
		),
		(
			"imported memory",
			r#"(module (import "ethereum" "memory" (memory 1)) (export "memory" (memory 0))
				(func (export "main")))"#,
			Some(PrepareError::ImportNotAllowed),
		),
		(
			"debug import on a chain without debugging",
			r#"(module (import "debug" "print32" (func (param i32)))
				(memory (export "memory") 1) (func (export "main")))"#,
			Some(PrepareError::ImportNotAllowed),
		),
		(
			"imported global",
			r#"(module (import "ethereum" "gasLeft" (global i64))
				(memory (export "memory") 1) (func (export "main")))"#,
			Some(PrepareError::ImportNotAllowed),
		),
		(
			"imported table",
			r#"(module (import "ethereum" "table" (table 1 funcref))
				(memory (export "memory") 1) (func (export "main")))"#,
			Some(PrepareError::ImportNotAllowed),
		),
		(
			"every EEI function is available",
			r#"(module (import "ethereum" "create2" (func (param i32 i32 i32 i32 i32) (result i32)))
				(memory (export "memory") 1) (func (export "main")))"#,
			None,
		),
		("no main", r#"(module (memory (export "memory") 1))"#, Some(PrepareError::ExportsInvalid)),
		(
			"no memory",
			r#"(module (memory 1) (func (export "main")))"#,
			Some(PrepareError::ExportsInvalid),
		),
		(
			"main with params",
			r#"(module (memory (export "memory") 1) (func (export "main") (param i32)))"#,
			Some(PrepareError::ExportsInvalid),
		),
		(
			"extra export",
			r#"(module (memory (export "memory") 1) (func (export "main")) (func (export "other")))"#,
			Some(PrepareError::ExportsInvalid),
		),
		(
			"memory over the limit",
			r#"(module (memory (export "memory") 129) (func (export "main")))"#,
			Some(PrepareError::MemoryTooLarge),
		),
		(
			"as many locals as a function may declare",
			r#"(module (memory (export "memory") 1)
				(func (param i64) (local i32) (local i64) (local i32) (local i64)
					(local i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32)
					(local i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32))
				(func (export "main")))"#,
			None,
		),
	];
	let engine = engine();
	for (name, wat, expected) in cases {
		let result = prepare(&engine, &wasm(wat), RULES).err();
		assert_eq!(result, *expected, "{name}");
	}
	assert_eq!(prepare(&engine, b"\0asm", RULES).err(), Some(PrepareError::Invalid), "truncated");
	// Locals: 1024 in one function (in two declarations) pass, one more fails.
	let with_locals = |first: u32, second: u32| {
		wasm(&format!(
			r#"(module (memory (export "memory") 1)
				(func (param i64) {} {}) (func (export "main")))"#,
			"(local i64)".repeat(first as usize),
			"(local i32)".repeat(second as usize)
		))
	};
	let limit = crate::limits::MAX_FUNCTION_LOCALS;
	assert_eq!(prepare(&engine, &with_locals(limit - 600, 600), RULES).err(), None);
	assert_eq!(
		prepare(&engine, &with_locals(limit - 600, 601), RULES).err(),
		Some(PrepareError::Invalid),
		"one local over the limit"
	);
	assert_eq!(
		prepare(&engine, &wasm(cases[0].1), CodeRules { max_len: 4, ..RULES }).err(),
		Some(PrepareError::TooLarge),
		"over the size limit"
	);
	let debug = r#"(module (import "debug" "print32" (func (param i32)))
		(memory (export "memory") 1) (func (export "main")))"#;
	assert_eq!(
		prepare(&engine, &wasm(debug), CodeRules { debug_enabled: true, ..RULES }).err(),
		None,
		"debug import on a chain with debugging"
	);
}

#[test]
fn code_that_cannot_be_instantiated_is_refused_at_deployment() {
	let cases = [
		(
			"table over the limit",
			r#"(module (memory (export "memory") 1) (table 5000 funcref) (func (export "main")))"#,
		),
		(
			"data segment past the memory",
			r#"(module (memory (export "memory") 1) (data (i32.const 65535) "ab") (func (export "main")))"#,
		),
	];
	new_test_ext().execute_with(|| {
		for (salt, (name, wat)) in cases.iter().enumerate() {
			let init = init_code_for(&wasm(wat));
			let result =
				Ewasm::deploy(RuntimeOrigin::signed(ALICE), 0, GAS, init, vec![], [salt as u8; 32]);
			assert_eq!(error_of(result), Error::<Test>::CodeInvalid.into(), "{name}");
		}
	});
}

/// The validation rules of the test chain.
const RULES: CodeRules = CodeRules { max_len: 128 * 1024, debug_enabled: false };

#[test]
fn every_specified_function_is_linked_with_its_signature() {
	use crate::vm::{env, runtime::HostState, Context, Transaction};
	use ewasm_primitives::eei::{Interface, ValueType, DEBUG_FUNCTIONS};
	use wasmi::{Linker, Store};

	let types = |types: &[ValueType]| -> String {
		types.iter().map(|t| if *t == ValueType::I32 { " i32" } else { " i64" }).collect()
	};
	for version in Interface::ALL {
		let imports: String = version
			.functions()
			.chain(DEBUG_FUNCTIONS.iter().copied())
			.map(|spec| {
				format!(
					r#"(import "{}" "{}" (func (param{}) (result{})))"#,
					spec.namespace,
					spec.name,
					types(spec.params),
					types(spec.results)
				)
			})
			.collect();
		let module = wasm(&format!(
			r#"(module {imports} (memory (export "memory") 1) (func (export "main")))"#
		));

		let engine = engine();
		let prepared = prepare(&engine, &module, CodeRules { debug_enabled: true, ..RULES })
			.expect("the module imports only specified functions");
		assert_eq!(prepared.interface, version);
		let mut linker = Linker::<HostState<Test>>::new(&engine);
		env::link::<Test>(&mut linker, version).expect("links");
		let tx = Transaction {
			origin: Address::default(),
			versions: crate::versions::Versions::new(Vec::new()),
			debug_enabled: true,
			memory_budget: Default::default(),
			active_frames: Default::default(),
			accessed_slots: Default::default(),
		};
		let limits = crate::vm::limiter::FrameLimiter::new(tx.memory_budget.clone());
		let vm = crate::versions::VmVersion(1);
		let code = crate::vm::Loaded { prepared, vm, schedule: chain_schedule() };
		let state = HostState::<Test>::new(Context::default(), tx, limits, &code);
		let mut store = Store::new(&engine, state);
		linker
			.instantiate_and_start(&mut store, &code.prepared.module)
			.expect("every specified function resolves with the specified signature");
	}
}

/// Asserts the invariants that tie contract storage, contract metadata and code together: no
/// storage item without a contract (or an eviction deleting it), each contract's counters match
/// its items, and each code's refcount is the number of contracts using it.
fn assert_state_consistent() {
	use crate::Evicting;
	use std::collections::BTreeMap;
	let mut items: BTreeMap<Address, u32> = BTreeMap::new();
	for (address, _, _) in ContractStorage::<Test>::iter() {
		assert!(
			ContractInfoOf::<Test>::contains_key(address)
				|| Evicting::<Test>::contains_key(address),
			"storage of {address:?} without a contract"
		);
		*items.entry(address).or_default() += 1;
	}
	let mut users: BTreeMap<H256, u64> = BTreeMap::new();
	for (address, info) in ContractInfoOf::<Test>::iter() {
		let count = items.get(&address).copied().unwrap_or(0);
		assert_eq!((info.storage_items, info.storage_bytes), (count, 64 * u64::from(count)));
		if !info.is_under_construction() {
			*users.entry(info.code_hash).or_default() += 1;
		}
	}
	let refcounts: BTreeMap<H256, u64> =
		CodeInfoOf::<Test>::iter().map(|(hash, info)| (hash, info.refcount)).collect();
	assert_eq!(refcounts, users, "code refcounts are the contracts using each code");
	let stored: Vec<H256> = PristineCode::<Test>::iter_keys().collect();
	assert_eq!(stored.len(), refcounts.len());
	assert!(stored.iter().all(|hash| refcounts.contains_key(hash)));
}

// After the helpers and macros above, which they use.
mod accessed_slots;
mod accounts;
mod call_stack;
mod code_size;
mod dry_run;
mod environment;
mod execution_environments;
mod heap;
mod receipts;
mod rent;
mod system;
mod v2_arithmetic;
mod vm_versions;
