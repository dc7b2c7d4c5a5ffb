//! The system contracts: the environment contract (0x10) answers each of its queries through
//! every kind of call and from an extrinsic, reverts on call data it cannot answer and on
//! value (moving none), and costs its own gas price.

use super::*;
use crate::accounts::account_of;
use ewasm_primitives::system::{
	abi_word,
	environment::{Query, BLOCK_NUMBER},
	ENVIRONMENT,
};
use polkadot_sdk::{frame_support::traits::fungible::Mutate, frame_system};

/// The proxy's call kinds (`fixtures/proxy.wat`).
const CALL_KINDS: [u8; 4] = [CALL, 1, 2, 3];

/// Asks the environment contract, through `proxy` with a call of `kind` sending `value`, with
/// `input`: the call's result code and the return data.
fn ask(proxy: Address, kind: u8, value: u128, input: &[u8]) -> (u8, Vec<u8>) {
	let outcome = call_for_output(proxy, 0, GAS, proxy_input(kind, ENVIRONMENT, value, input));
	let returned = outcome.result.expect("the proxy finishes");
	let code = stored(proxy, 0).expect("the proxy records the result")[0] - 1;
	(code, returned)
}

#[test]
fn the_environment_contract_answers_every_query_through_every_kind_of_call() {
	new_test_ext().execute_with(|| {
		// TOTALFEE is set before the proxy exists, so that the proxy owes no rent.
		crate::TotalFee::<Test>::put(12_345);
		let proxy = deploy(&fixture("proxy"), 0);
		System::set_block_number(300);
		frame_system::BlockHash::<Test>::insert(299, H256([9; 32]));
		frame_system::BlockHash::<Test>::insert(44, H256([8; 32]));
		frame_system::BlockHash::<Test>::insert(43, H256([7; 32]));
		let answers = [
			(Query::BlockNumber, abi_word(300)),
			(Query::BlockHash(299), [9; 32]),
			(Query::BlockHash(44), [8; 32]),
			// 257 blocks back, the current block, one far in the future: outside the window.
			(Query::BlockHash(43), [0; 32]),
			(Query::BlockHash(300), [0; 32]),
			(Query::BlockHash(u64::MAX), [0; 32]),
			(Query::Timestamp, abi_word(TIMESTAMP.into())),
			(Query::ParaId, abi_word(PARA_ID.into())),
			(Query::TotalFee, abi_word(12_345)),
			(Query::RelayParentNumber, abi_word(RELAY_PARENT_NUMBER.into())),
		];
		for (query, answer) in answers {
			for kind in CALL_KINDS {
				let asked = ask(proxy, kind, 0, &query.encode());
				assert_eq!(asked, (0, answer.to_vec()), "{query:?} by call kind {kind}");
			}
		}
		assert_state_consistent();
	});
}

#[test]
fn the_environment_contract_reverts_what_it_cannot_answer_and_takes_no_value() {
	new_test_ext().execute_with(|| {
		let proxy = deploy(&fixture("proxy"), 0);
		assert_ok!(Balances::mint_into(&account_of::<Test>(&proxy), 1_000));
		let mut too_long = BLOCK_NUMBER.to_vec();
		too_long.push(0);
		for input in [vec![], BLOCK_NUMBER[..3].to_vec(), vec![0xff; 4], too_long] {
			assert_eq!(ask(proxy, CALL, 0, &input), (2, vec![]), "{input:?}");
		}
		let block_number = Query::BlockNumber.encode();
		assert_eq!(ask(proxy, CALL, 5, &block_number), (2, vec![]), "value is refused");
		// `callCode` keeps the value in the proxy: nothing is sent, so it answers.
		assert_eq!(ask(proxy, 1, 5, &block_number), (0, abi_word(1).to_vec()));
		assert_eq!(Balances::balance(&account_of::<Test>(&proxy)), 1_000);
		assert_eq!(Balances::balance(&account_of::<Test>(&ENVIRONMENT)), 0);
		assert_state_consistent();
	});
}

#[test]
fn an_extrinsic_or_a_dry_run_can_ask_the_environment_contract_directly() {
	new_test_ext().execute_with(|| {
		System::set_block_number(7);
		let outcome = call_for_output(ENVIRONMENT, 0, GAS, Query::BlockNumber.encode());
		assert_eq!(outcome.result, Ok(abi_word(7).to_vec()));
		assert_eq!(outcome.gas_used, 0, "the extrinsic's own weight pays for the answer");
		assert_ok!(Ewasm::call(
			RuntimeOrigin::signed(BOB),
			ENVIRONMENT,
			0,
			GAS,
			Query::Timestamp.encode()
		));
		assert_fails_cleanly!(
			Ewasm::call(RuntimeOrigin::signed(BOB), ENVIRONMENT, 0, GAS, vec![]),
			Error::<Test>::ContractReverted
		);
		assert_fails_cleanly!(
			Ewasm::call(RuntimeOrigin::signed(BOB), ENVIRONMENT, 10, GAS, Query::ParaId.encode()),
			Error::<Test>::ContractReverted
		);
		let dry_run = Ewasm::dry_run_call(BOB, ENVIRONMENT, 0, GAS, Query::ParaId.encode());
		assert_eq!(dry_run.result, Ok(()));
		assert_eq!(dry_run.return_data, abi_word(PARA_ID.into()).to_vec());
	});
}

#[test]
#[should_panic(expected = "a system contract's address")]
fn no_genesis_contract_may_sit_at_a_system_contract_s_address() {
	let genesis = crate::GenesisConfig::<Test> {
		contracts: vec![crate::GenesisContract {
			address: polkadot_sdk::sp_core::H160(ENVIRONMENT.0),
			code: fixture("store"),
			storage: vec![],
			nonce: 0,
		}],
		..Default::default()
	};
	new_test_ext_with(genesis);
}

/// A contract that makes one call of `address` with four bytes of call data: a `callStatic`,
/// or a `callCode` sending 1 (which stays its own) if `with_value`.
fn one_call_of(address: Address, with_value: bool) -> Vec<u8> {
	let escaped = wat_bytes(address.as_bytes());
	let (import, value_arg) = if with_value {
		(r#""callCode" (func $call (param i64 i32 i32 i32 i32) (result i32))"#, "(i32.const 64)")
	} else {
		(r#""callStatic" (func $call (param i64 i32 i32 i32) (result i32))"#, "")
	};
	wasm(&format!(
		r#"(module
			(import "ethereum" {import})
			(memory (export "memory") 1)
			(data (i32.const 0) "{escaped}")
			(data (i32.const 32) "\57\e8\71\e7")
			(data (i32.const 64) "\01")
			(func (export "main")
				(drop (call $call (i64.const 100000) (i32.const 0) {value_arg} (i32.const 32) (i32.const 4)))))"#
	))
}

/// The gas of calling `contract` (as Bob, no input).
fn gas_of(contract: Address) -> u64 {
	call_for_output(contract, 0, GAS, vec![]).gas_used
}

/// 0x11: an address next to the environment contract's, with no account.
fn empty_address() -> Address {
	let mut empty = ENVIRONMENT;
	empty.0[19] = 0x11;
	empty
}

#[test]
fn a_value_call_of_a_system_contract_gets_no_stipend_to_hand_back() {
	new_test_ext().execute_with(|| {
		let asks_environment = deploy(&one_call_of(ENVIRONMENT, true), 0);
		let asks_empty_account = deploy(&one_call_of(empty_address(), true), 1);
		for contract in [asks_environment, asks_empty_account] {
			assert_ok!(Balances::mint_into(&account_of::<Test>(&contract), 1_000));
		}
		let costs = chain_schedule().host;
		// The empty account hands back the stipend it was given; the system contract had none.
		let expected =
			i128::from(costs.system_call) - i128::from(costs.call) + i128::from(costs.call_stipend);
		let difference =
			i128::from(gas_of(asks_environment)) - i128::from(gas_of(asks_empty_account));
		assert_eq!(difference, expected);
		assert!(gas_of(asks_environment) > costs.system_call + costs.call_value);
	});
}

#[test]
fn a_call_of_a_system_contract_costs_its_own_price_in_place_of_a_call() {
	new_test_ext().execute_with(|| {
		let asks_environment = deploy(&one_call_of(ENVIRONMENT, false), 0);
		let asks_empty_account = deploy(&one_call_of(empty_address(), false), 1);
		let costs = chain_schedule().host;
		assert_ne!(costs.system_call, costs.call);
		assert_eq!(
			i128::from(gas_of(asks_environment)) - i128::from(gas_of(asks_empty_account)),
			i128::from(costs.system_call) - i128::from(costs.call)
		);
	});
}
