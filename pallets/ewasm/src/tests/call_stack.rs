//! The call stack: calls of every kind, value, revert and static rules, the depth limit,
//! creations from contracts, self-destruct, and the Hera-compatible schedule.

use super::*;
use crate::{accounts::account_of, address::create_address, gas::Schedule, limits::MAX_CALL_DEPTH};
use polkadot_sdk::frame_support::traits::fungible::Inspect;

fn balance(address: Address) -> u128 {
	Balances::balance(&account_of::<Test>(&address))
}

/// The proxy's record of its call's return code (stored plus one).
fn proxy_code(proxy: Address) -> u8 {
	stored(proxy, 0).expect("the proxy stores the code")[0] - 1
}

#[test]
fn call_runs_the_callee_in_its_own_account_with_value() {
	new_test_ext().execute_with(|| {
		let proxy = deploy(&fixture("proxy"), 0);
		let recorder = deploy(&fixture("recorder"), 1);
		let outcome = call_for_output(proxy, 5_000, GAS, proxy_input(CALL, recorder, 2_000, &[]));
		assert_eq!(outcome.result, Ok(b"done".to_vec()));
		assert_eq!(proxy_code(proxy), 0);
		assert_eq!(stored(recorder, 1), Some(word(proxy.as_bytes())));
		assert_eq!(stored(recorder, 2), Some(word(&2_000u128.to_le_bytes())));
		assert_eq!(stored(recorder, 3), Some(word(recorder.as_bytes())));
		assert_eq!((balance(proxy), balance(recorder)), (3_000, 2_000));
	});
}

#[test]
fn call_code_and_call_delegate_run_the_callee_code_as_the_caller() {
	new_test_ext().execute_with(|| {
		let proxy = deploy(&fixture("proxy"), 0);
		let recorder = deploy(&fixture("recorder"), 1);

		let input = proxy_input(CALL_CODE, recorder, 2_000, &[]);
		assert_eq!(call_for_output(proxy, 5_000, GAS, input).result, Ok(b"done".to_vec()));
		assert_eq!(stored(proxy, 1), Some(word(proxy.as_bytes())), "callCode: caller is self");
		assert_eq!(stored(proxy, 2), Some(word(&2_000u128.to_le_bytes())));
		assert_eq!(stored(proxy, 3), Some(word(proxy.as_bytes())));
		assert_eq!(balance(proxy), 5_000, "callCode moves no value");

		let input = proxy_input(CALL_DELEGATE, recorder, 0, &[]);
		assert_eq!(call_for_output(proxy, 4_000, GAS, input).result, Ok(b"done".to_vec()));
		assert_eq!(stored(proxy, 1), Some(word(alice_or_bob_address(&BOB).as_bytes())));
		assert_eq!(stored(proxy, 2), Some(word(&4_000u128.to_le_bytes())), "keeps the value");
		assert_eq!(stored(proxy, 3), Some(word(proxy.as_bytes())));
		assert_eq!(stored(recorder, 1), None, "the callee's own storage is untouched");
	});
}

fn alice_or_bob_address(account: &polkadot_sdk::sp_runtime::AccountId32) -> Address {
	AccountId32Mapper::to_address(account)
}

#[test]
fn a_reverted_callee_is_undone_and_its_caller_goes_on() {
	new_test_ext().execute_with(|| {
		let proxy = deploy(&fixture("proxy"), 0);
		let recorder = deploy(&fixture("recorder"), 1);
		let outcome =
			call_for_output(proxy, 5_000, GAS, proxy_input(CALL, recorder, 2_000, &[0xff]));
		assert_eq!(outcome.result, Ok(b"nope".to_vec()), "the revert data is the return data");
		assert_eq!(proxy_code(proxy), 2);
		assert_eq!(stored(recorder, 1), None);
		assert_eq!((balance(proxy), balance(recorder)), (5_000, 0));
	});
}

#[test]
fn call_static_forbids_state_changes_below_it() {
	new_test_ext().execute_with(|| {
		let proxy = deploy(&fixture("proxy"), 0);
		let recorder = deploy(&fixture("recorder"), 1);
		// The trapping callee consumes all it was given: 63/64 of the gas; the proxy keeps
		// enough of 10 * GAS to store the code.
		let input = proxy_input(CALL_STATIC, recorder, 0, &[]);
		let outcome = call_for_output(proxy, 0, 10 * GAS, input);
		assert_eq!(outcome.result, Ok(vec![]));
		assert_eq!(proxy_code(proxy), 1, "the callee trapped storing");
		assert_eq!(stored(recorder, 1), None);
	});
}

#[test]
fn a_call_to_an_address_without_code_only_moves_value() {
	new_test_ext().execute_with(|| {
		let proxy = deploy(&fixture("proxy"), 0);
		let nobody = Address([0x77; 20]);
		let outcome = call_for_output(proxy, 5_000, GAS, proxy_input(CALL, nobody, 2_000, &[]));
		assert_eq!(outcome.result, Ok(vec![]));
		assert_eq!(proxy_code(proxy), 0);
		assert_eq!(balance(nobody), 2_000);

		let outcome = call_for_output(proxy, 0, GAS, proxy_input(CALL, nobody, 10_000, &[]));
		assert_eq!(outcome.result, Ok(vec![]));
		assert_eq!(proxy_code(proxy), 1, "more value than the proxy holds fails the call");
		assert_eq!(balance(nobody), 2_000);
	});
}

#[test]
fn calls_nest_down_to_the_depth_limit_and_no_further() {
	new_test_ext().execute_with(|| {
		let recursive = deploy(&fixture("recursive"), 0);
		let outcome = call_for_output(recursive, 0, 10 * GAS, vec![]);
		assert_eq!(outcome.result, Ok(vec![]));
		let deepest = stored(recursive, 0).expect("stored");
		assert_eq!(u32::from_le_bytes(deepest[..4].try_into().unwrap()), MAX_CALL_DEPTH);
	});
}

#[test]
fn contracts_create_contracts_with_create_and_create2() {
	new_test_ext().execute_with(|| {
		let creator = deploy(&fixture("creator"), 0);
		let init = init_code_for(&fixture("store"));
		System::reset_events();
		let outcome = call_for_output(creator, 0, 10 * GAS, init.clone());
		assert_eq!(outcome.result, Ok(vec![]));

		let created = create_address(&creator, 1);
		let created2 = create2_address(&creator, &[7; 32], &init);
		assert_eq!(stored(creator, 1), Some(word(&[1])));
		assert_eq!(stored(creator, 2), Some(word(created.as_bytes())));
		assert_eq!(stored(creator, 3), Some(word(&[1])));
		assert_eq!(stored(creator, 4), Some(word(created2.as_bytes())));
		let store_hash = code_hash(&fixture("store"));
		for address in [created, created2] {
			let info = ContractInfoOf::<Test>::get(address).expect("created");
			assert_eq!((info.code_hash, info.nonce), (store_hash, 1));
		}
		assert_eq!(ContractInfoOf::<Test>::get(creator).unwrap().nonce, 2);
		let deployed: Vec<_> = events()
			.into_iter()
			.filter_map(|event| match event {
				Event::Deployed { deployer, contract, .. } => Some((deployer, contract)),
				_ => None,
			})
			.collect();
		let creator_account = account_of::<Test>(&creator);
		assert_eq!(deployed, vec![(creator_account.clone(), created), (creator_account, created2)]);

		// Again: `create` uses the next nonce; `create2` collides with its first contract.
		assert_eq!(call_for_output(creator, 0, 10 * GAS, init).result, Ok(vec![]));
		assert_eq!(stored(creator, 2), Some(word(create_address(&creator, 2).as_bytes())));
		assert_eq!(stored(creator, 3), Some(word(&[2])), "create2 at a used address fails");
	});
}

#[test]
fn self_destruct_sends_the_balance_and_deletes_the_contract() {
	new_test_ext().execute_with(|| {
		let code = fixture("destructor");
		let destructor = deploy(&code, 0);
		let heir = Address([0x77; 20]);
		let outcome = call_for_output(destructor, 5_000, GAS, heir.as_bytes().to_vec());
		assert_eq!(outcome.result, Ok(vec![]));
		assert_eq!(outcome.gas_refund, crate::gas::HERA_COSTS.self_destruct_refund);
		assert_eq!((balance(destructor), balance(heir)), (0, 5_000));
		assert_eq!(ContractInfoOf::<Test>::get(destructor), None);
		assert_eq!(stored(destructor, 0), None, "its storage is deleted");
		assert_eq!(PristineCode::<Test>::get(code_hash(&code)), None, "its code had no other user");
		assert_eq!(
			error_of(Ewasm::call(RuntimeOrigin::signed(BOB), destructor, 0, GAS, vec![])),
			Error::<Test>::ContractNotFound.into()
		);
	});
}

#[test]
fn the_hera_schedule_charges_host_functions_only() {
	let code = contract_with_body("(call $useGas (i64.const 1000))");
	let gas_used = |schedule: Schedule| {
		new_test_ext().execute_with(|| {
			TestSchedule::set(&schedule);
			let contract = deploy(&code, 0);
			call_for_output(contract, 0, GAS, vec![]).gas_used
		})
	};
	assert_eq!(gas_used(Schedule::hera()), 1_000);
	assert!(gas_used(crate::mock::chain_schedule()) > 1_000, "instructions cost gas on a chain");
}

#[test]
fn fuel_costs_more_in_a_module_whose_largest_function_declares_more_locals() {
	use crate::{limits::MAX_FUNCTION_LOCALS, mock::chain_fuel_price};
	let price = chain_fuel_price();
	// The same loop, alone (`main` declares one local) and beside a function that is never
	// called but declares the most locals.
	let looping = |beside: &str| {
		wasm(&format!(
			r#"(module
				(memory (export "memory") 1)
				(func (export "main") (local $i i32)
					(loop $again
						(local.set $i (i32.add (local.get $i) (i32.const 1)))
						(br_if $again (i32.lt_u (local.get $i) (i32.const 1000)))))
				{beside})"#
		))
	};
	let most_locals = format!("(func (local {}))", "i64 ".repeat(MAX_FUNCTION_LOCALS as usize));
	new_test_ext().execute_with(|| {
		let gas_used =
			|code: &[u8], salt| call_for_output(deploy(code, salt), 0, GAS, vec![]).gas_used;
		// Beyond the memory's one page.
		let page = crate::mock::chain_schedule().host.memory_page;
		let (alone, beside) =
			(gas_used(&looping(""), 0) - page, gas_used(&looping(&most_locals), 1) - page);
		// The same fuel, each unit at its module's price.
		let (cheap, dear) = (price.gas_per_fuel(1), price.gas_per_fuel(MAX_FUNCTION_LOCALS));
		assert!(cheap < dear, "{cheap} vs {dear}");
		assert_eq!(alone % cheap, 0);
		assert_eq!(alone / cheap, beside / dear);
		assert!(alone / cheap > 3_000, "the loop burns fuel");
	});
}

#[test]
fn a_contract_using_every_eei_function_deploys_itself_and_runs() {
	new_test_ext().execute_with(|| {
		let code = fixture("every_function");
		// It is its own init code.
		assert_ok!(Ewasm::deploy(
			RuntimeOrigin::signed(ALICE),
			0,
			10 * GAS,
			code.clone(),
			vec![],
			[0; 32]
		));
		let contract = create2_address(&alice_or_bob_address(&ALICE), &[0; 32], &code);
		assert_eq!(ContractInfoOf::<Test>::get(contract).unwrap().code_hash, code_hash(&code));

		System::reset_events();
		let outcome = call_for_output(contract, 0, 10 * GAS, vec![]);
		assert_eq!(outcome.result, Ok(vec![]));
		assert_eq!(stored(contract, 2), Some(word(&[0, 0, 0, 0, 2, 0, 0, 0, 0])));
		let bob = alice_or_bob_address(&BOB);
		assert_eq!(stored(contract, 1), Some(word(bob.as_bytes())));
		let children = [create_address(&contract, 1), create2_address(&contract, &[0; 32], &code)];
		for child in children {
			assert_eq!(ContractInfoOf::<Test>::get(child), None, "the child destroyed itself");
		}
		let logs: Vec<_> = events()
			.into_iter()
			.filter_map(|event| match event {
				Event::ContractEmitted { contract, topics, data } => Some((contract, topics, data)),
				_ => None,
			})
			.collect();
		assert_eq!(logs.len(), 1);
		assert_eq!(logs[0].2, bob.as_bytes().to_vec());
		assert_eq!(logs[0].1[0], H256(word(contract.as_bytes())));
	});
}

#[test]
fn a_reverted_creation_keeps_its_gas_and_empty_init_code_costs_none() {
	new_test_ext().execute_with(|| {
		let reverting = contract_with_body("(call $revert (i32.const 0) (i32.const 0))");
		let outcome = deploy_for_outcome(reverting, GAS);
		assert_eq!(outcome.result, Err(Error::<Test>::ContractReverted.into()));
		assert!(outcome.gas_used < GAS / 10, "a revert gives back what is left");

		let empty = deploy_for_outcome(vec![], GAS);
		assert_eq!((empty.result, empty.gas_used), (Err(Error::<Test>::CodeInvalid.into()), 0));
	});
}

#[test]
fn a_contract_can_send_its_whole_balance() {
	new_test_ext().execute_with(|| {
		let proxy = deploy(&fixture("proxy"), 0);
		let recorder = deploy(&fixture("recorder"), 1);
		// All 5 000 the proxy holds move, leaving its account empty (Ethereum allows it).
		let outcome = call_for_output(proxy, 5_000, GAS, proxy_input(CALL, recorder, 5_000, &[]));
		assert_eq!(outcome.result, Ok(b"done".to_vec()));
		assert_eq!((balance(proxy), balance(recorder)), (0, 5_000));
	});
}

#[test]
fn contracts_may_declare_up_to_128_pages_of_memory() {
	new_test_ext().execute_with(|| {
		let big = wasm(r#"(module (memory (export "memory") 128) (func (export "main")))"#);
		let contract = deploy(&big, 0);
		assert_ok!(Ewasm::call(RuntimeOrigin::signed(BOB), contract, 0, GAS, vec![]));
	});
}

#[test]
fn a_call_to_a_contract_whose_init_code_runs_only_moves_value() {
	new_test_ext().execute_with(|| {
		// Init code that calls its own address, stores the return code (plus one) at key 0 and
		// returns the store contract.
		let code = fixture("store");
		let init = wasm(&format!(
			r#"(module
				(import "ethereum" "getAddress" (func $getAddress (param i32)))
				(import "ethereum" "call" (func $call (param i64 i32 i32 i32 i32) (result i32)))
				(import "ethereum" "storageStore" (func $store (param i32 i32)))
				(import "ethereum" "finish" (func $finish (param i32 i32)))
				(memory (export "memory") 1)
				(data (i32.const 1024) "{code}")
				(func (export "main")
					(call $getAddress (i32.const 64))
					(i32.store8 (i32.const 32) (i32.add (i32.const 1)
						(call $call (i64.const 0x7fffffffffffffff) (i32.const 64) (i32.const 128)
							(i32.const 0) (i32.const 0))))
					(call $store (i32.const 0) (i32.const 32))
					(call $finish (i32.const 1024) (i32.const {len}))))"#,
			code = wat_bytes(&code),
			len = code.len()
		));
		let outcome = deploy_for_outcome(init, 10 * GAS);
		let address = outcome.result.expect("deploys").address;
		assert_eq!(stored(address, 0), Some(word(&[1])), "the call succeeds (return code 0)");
		assert!(outcome.gas_used < GAS, "the call does not burn the gas it was given");
	});
}

/// A contract with 126 pages of memory: with call data `n > 0` it calls itself with `n - 1`;
/// with 0 it creates (`create`) a contract of 128 pages from the init code `init`, and stores
/// the return code plus one at key 0.
fn deep_creator(init: &[u8]) -> Vec<u8> {
	wasm(&format!(
		r#"(module
			(import "ethereum" "getAddress" (func $getAddress (param i32)))
			(import "ethereum" "callDataCopy" (func $callDataCopy (param i32 i32 i32)))
			(import "ethereum" "call" (func $call (param i64 i32 i32 i32 i32) (result i32)))
			(import "ethereum" "create" (func $create (param i32 i32 i32 i32) (result i32)))
			(import "ethereum" "storageStore" (func $store (param i32 i32)))
			(memory (export "memory") 126)
			(data (i32.const 4096) "{init}")
			(func (export "main")
				(call $callDataCopy (i32.const 0) (i32.const 0) (i32.const 1))
				(if (i32.load8_u (i32.const 0))
					(then
						(i32.store8 (i32.const 0) (i32.sub (i32.load8_u (i32.const 0)) (i32.const 1)))
						(call $getAddress (i32.const 32))
						(drop (call $call (i64.const 0x7fffffffffffffff) (i32.const 32)
							(i32.const 64) (i32.const 0) (i32.const 1))))
					(else
						(i32.store8 (i32.const 96) (i32.add (i32.const 1)
							(call $create (i32.const 64) (i32.const 4096) (i32.const {len})
								(i32.const 128))))
						(call $store (i32.const 160) (i32.const 96))))))"#,
		init = wat_bytes(init),
		len = init.len()
	))
}

#[test]
fn new_code_instantiates_whatever_memory_the_live_frames_hold() {
	new_test_ext().execute_with(|| {
		let big = wasm(r#"(module (memory (export "memory") 128) (func (export "main")))"#);
		let creator = deploy(&deep_creator(&init_code_for(&big)), 0);
		// Four frames of 126 pages leave 8 of the call stack's 512 pages: enough for the init
		// code, not for the new code's 128. Storing the new code must not depend on them.
		assert_eq!(call_for_output(creator, 0, 10 * GAS, vec![3]).result, Ok(vec![]));
		assert_eq!(stored(creator, 0), Some(word(&[1])), "create succeeds");
		let child = create_address(&creator, 1);
		assert_eq!(
			ContractInfoOf::<Test>::get(child).map(|info| info.code_hash),
			Some(code_hash(&big))
		);
	});
}

#[test]
fn oversized_init_code_is_refused_before_any_work() {
	new_test_ext().execute_with(|| {
		let limit = <<Test as crate::Config>::MaxCodeLen as polkadot_sdk::sp_core::Get<u32>>::get();
		let oversized = vec![0u8; limit as usize + 1];
		let outcome = deploy_for_outcome(oversized, GAS);
		assert_eq!(outcome.result, Err(Error::<Test>::CodeTooLarge.into()));
		assert_eq!(outcome.gas_used, 0, "no gas: nothing ran");

		// A contract's `create` of init code over the limit (within its memory) fails (1)
		// keeping the gas it would have forwarded.
		let creator = deploy(
			&wasm(&format!(
				r#"(module
					(import "ethereum" "create" (func $create (param i32 i32 i32 i32) (result i32)))
					(import "ethereum" "storageStore" (func $store (param i32 i32)))
					(memory (export "memory") {pages})
					(func (export "main")
						(i32.store8 (i32.const 96) (i32.add (i32.const 1)
							(call $create (i32.const 0) (i32.const 0) (i32.const {len})
								(i32.const 128))))
						(call $store (i32.const 160) (i32.const 96))))"#,
				len = limit + 1,
				pages = (limit + 1).div_ceil(65_536),
			)),
			0,
		);
		let outcome = call_for_output(creator, 0, GAS, vec![]);
		assert_eq!(outcome.result, Ok(vec![]));
		assert_eq!(stored(creator, 0), Some(word(&[2])), "create fails");
		assert!(outcome.gas_used < GAS / 2, "the gas is kept");
	});
}

#[test]
fn a_delegated_self_destruct_traps_and_the_delegating_contract_lives_on() {
	new_test_ext().execute_with(|| {
		let proxy = deploy(&fixture("proxy"), 0);
		let destructor = deploy(&fixture("destructor"), 1);
		let heir = Address([0x77; 20]);
		for kind in [CALL_DELEGATE, CALL_CODE] {
			let input = proxy_input(kind, destructor, 0, heir.as_bytes());
			let outcome = call_for_output(proxy, 5_000, GAS, input);
			assert_eq!(outcome.result, Ok(vec![]), "the proxy goes on after its callee trapped");
			assert_eq!(proxy_code(proxy), 1, "the self-destruct failed");
			assert!(ContractInfoOf::<Test>::contains_key(proxy), "the proxy still exists");
			assert_eq!(stored(proxy, 0), Some(word(&[2])));
			assert_eq!(balance(heir), 0, "no value left");
			assert_state_consistent();
		}
		// Called directly, the library destroys itself.
		let outcome = call_for_output(destructor, 0, GAS, heir.as_bytes().to_vec());
		assert_eq!(outcome.result, Ok(vec![]));
		assert!(!ContractInfoOf::<Test>::contains_key(destructor));
		assert_state_consistent();
	});
}

#[test]
fn init_code_delegating_to_a_self_destructing_library_deploys_intact() {
	new_test_ext().execute_with(|| {
		let destructor = deploy(&fixture("destructor"), 1);
		let code = fixture("store");
		// Init code: callDelegate(destructor, heir) and store its return code plus one at key
		// 1, then return the store contract.
		let init = wasm(&format!(
			r#"(module
				(import "ethereum" "callDelegate" (func $delegate (param i64 i32 i32 i32) (result i32)))
				(import "ethereum" "storageStore" (func $store (param i32 i32)))
				(import "ethereum" "finish" (func $finish (param i32 i32)))
				(memory (export "memory") 1)
				(data (i32.const 0) "{destructor}")
				(data (i32.const 32) "\77\77\77\77\77\77\77\77\77\77\77\77\77\77\77\77\77\77\77\77")
				(data (i32.const 64) "\01")
				(data (i32.const 1024) "{code}")
				(func (export "main")
					(i32.store8 (i32.const 96) (i32.add (i32.const 1)
						(call $delegate (i64.const 0x7fffffffffffffff) (i32.const 0) (i32.const 32)
							(i32.const 20))))
					(call $store (i32.const 64) (i32.const 96))
					(call $finish (i32.const 1024) (i32.const {len}))))"#,
			destructor = wat_bytes(destructor.as_bytes()),
			code = wat_bytes(&code),
			len = code.len()
		));
		System::reset_events();
		let outcome = deploy_for_outcome(init, 10 * GAS);
		let address = outcome.result.expect("deploys").address;
		let info = ContractInfoOf::<Test>::get(address).expect("the contract exists");
		assert_eq!(info.code_hash, code_hash(&code));
		assert_eq!(stored(address, 1), Some(word(&[2])), "the delegated self-destruct failed");
		assert_eq!(stored(address, 0), None, "the library's store was undone with it");
		assert!(events().iter().any(|event| matches!(event,
			Event::Deployed { contract, .. } if *contract == address)));
		assert_state_consistent();
	});
}

#[test]
fn call_data_comes_out_of_the_call_stacks_memory_budget() {
	new_test_ext().execute_with(|| {
		// Each frame (128 pages) calls itself with its whole memory as call data and records
		// at key 0 its depth plus one: with the call data counted, three frames (8 MiB
		// memories, value stacks and code about 0.8 MiB each) and two 8 MiB call data take
		// about 42.4 MiB of the 48 MiB budget, so the third frame's call data does not fit.
		let len = crate::limits::MAX_MEMORY_BYTES;
		let contract = deploy(
			&wasm(&format!(
				r#"(module {SELF_CALLER_IMPORTS}
					(memory (export "memory") 128)
					(func (export "main")
						(if (call $size) (then (call $copy (i32.const 0) (i32.const 0) (i32.const 1))))
						(i32.store8 (i32.const 32) (i32.add (i32.load8_u (i32.const 0)) (i32.const 1)))
						(call $store (i32.const 64) (i32.const 32))
						(i32.store8 (i32.const 0) (i32.add (i32.load8_u (i32.const 0)) (i32.const 1)))
						(call $getAddress (i32.const 96))
						(drop (call $call (i64.const 0x7fffffffffffffff) (i32.const 96)
							(i32.const 128) (i32.const 0) (i32.const {len})))))"#
			)),
			0,
		);
		assert_eq!(call_for_output(contract, 0, 100 * GAS, vec![]).result, Ok(vec![]));
		assert_eq!(stored(contract, 0), Some(word(&[3])), "the deepest frame is at depth 2");
	});
}

#[test]
fn output_the_call_stacks_memory_budget_cannot_hold_traps() {
	new_test_ext().execute_with(|| {
		// Frames of 126 pages (8 MiB blocks of the heap) call themselves four deep: with their
		// value stacks and code they take about 43.7 MiB of the 48 MiB budget. The deepest
		// finishes with its whole memory as output (another 8 MiB block), which what is left
		// cannot hold: it traps, and its caller sees 1. Each caller records its call's return
		// code plus one at key `depth`.
		let contract = deploy(
			&wasm(&format!(
				r#"(module {SELF_CALLER_IMPORTS}
					(import "ethereum" "finish" (func $finish (param i32 i32)))
					(memory (export "memory") 126)
					(func (export "main")
						(if (call $size) (then (call $copy (i32.const 0) (i32.const 0) (i32.const 1))))
						(if (i32.eq (i32.load8_u (i32.const 0)) (i32.const 4))
							(then (call $finish (i32.const 0) (i32.const 8257536))))
						(i32.store8 (i32.const 64) (i32.load8_u (i32.const 0)))
						(i32.store8 (i32.const 0) (i32.add (i32.load8_u (i32.const 0)) (i32.const 1)))
						(call $getAddress (i32.const 96))
						(i32.store8 (i32.const 32) (i32.add (i32.const 1)
							(call $call (i64.const 0x7fffffffffffffff) (i32.const 96)
								(i32.const 128) (i32.const 0) (i32.const 1))))
						(call $store (i32.const 64) (i32.const 32))))"#
			)),
			0,
		);
		assert_eq!(call_for_output(contract, 0, 100 * GAS, vec![]).result, Ok(vec![]));
		assert_eq!(stored(contract, 3), Some(word(&[2, 0, 0, 0])), "the output did not fit");
		assert_eq!(stored(contract, 2), Some(word(&[1])), "depth 3 finished");
	});
}

#[test]
fn the_call_data_a_call_passes_is_paid_per_word() {
	new_test_ext().execute_with(|| {
		let proxy = deploy(&fixture("proxy"), 0);
		let nobody = Address([0x77; 20]);
		// The proxy copies its own call data in (copy_per_word) and passes the payload on
		// (nested_input_per_word): 100 more words cost both, per word.
		let gas_with = |words: usize| {
			let input = proxy_input(CALL, nobody, 0, &vec![1; 32 * words]);
			let outcome = call_for_output(proxy, 0, GAS, input);
			assert_eq!(outcome.result, Ok(vec![]));
			outcome.gas_used
		};
		let host = chain_schedule().host;
		assert!(host.nested_input_per_word > 0);
		assert_eq!(
			gas_with(101) - gas_with(1),
			100 * (host.copy_per_word + host.nested_input_per_word)
		);
	});
}
