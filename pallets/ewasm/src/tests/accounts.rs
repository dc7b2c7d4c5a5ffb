//! The accounts behind addresses: value a contract sends to a user's address reaches the user,
//! and what was sent before the user was recorded is claimed by the user's first extrinsic.

use super::*;
use crate::{accounts, OriginalAccount};
use polkadot_sdk::sp_runtime::AccountId32;

/// Charlie: a user without funds, never recorded.
const CHARLIE: AccountId32 = AccountId32::new([3; 32]);

/// The return code and the recipient's balance `pays_back` finishes with.
fn paid_back(output: &[u8]) -> (u8, u128) {
	(output[0], u128::from_le_bytes(output[1..17].try_into().unwrap()))
}

#[test]
fn value_a_contract_pays_back_to_its_caller_or_origin_reaches_the_user() {
	new_test_ext().execute_with(|| {
		let contract = deploy(&fixture("pays_back"), 0);
		for input in [vec![], vec![1]] {
			assert_ok!(Ewasm::call(
				RuntimeOrigin::signed(BOB),
				contract,
				5_000,
				GAS,
				input.clone()
			));
			assert_eq!(Balances::balance(&BOB), INITIAL_BALANCE, "Bob got his 5 000 back");
			let output = call_for_output(contract, 5_000, GAS, input).result.unwrap();
			assert_eq!(paid_back(&output), (0, INITIAL_BALANCE), "getExternalBalance is Bob's");
		}
		let bob = AccountId32Mapper::to_address(&BOB);
		assert_eq!(OriginalAccount::<Test>::get(bob), Some(BOB));
		assert_eq!(Balances::balance(&AccountId32Mapper::contract_account(&bob)), 0);
		assert_eq!(Balances::balance(&accounts::contract_account::<Test>(&contract)), 0);
	});
}

#[test]
fn value_sent_before_a_user_is_recorded_is_claimed_by_their_first_extrinsic() {
	new_test_ext().execute_with(|| {
		let proxy = deploy(&fixture("proxy"), 0);
		let charlie = AccountId32Mapper::to_address(&CHARLIE);
		let derived = AccountId32Mapper::contract_account(&charlie);
		let payment = |value| {
			let outcome =
				call_for_output(proxy, value, GAS, proxy_input(CALL, charlie, value, &[]));
			assert_eq!(outcome.result, Ok(vec![]));
		};
		payment(2_000);
		assert_eq!(Balances::balance(&derived), 2_000, "held for Charlie at his address");
		assert_eq!(accounts::balance_of::<Test>(&charlie), 2_000);

		// Charlie's first extrinsic (a call moving nothing) claims it.
		assert_ok!(Ewasm::call(RuntimeOrigin::signed(CHARLIE), proxy, 0, GAS, vec![0; 37]));
		assert_eq!(Balances::balance(&CHARLIE), 2_000);
		assert_eq!(Balances::balance(&derived), 0);
		assert_eq!(OriginalAccount::<Test>::get(charlie), Some(CHARLIE));

		// From now on payments reach him directly.
		payment(3_000);
		assert_eq!(Balances::balance(&CHARLIE), 5_000);
		assert_eq!(accounts::balance_of::<Test>(&charlie), 5_000);
		assert_eq!(Balances::balance(&derived), 0);
	});
}

#[test]
fn a_failed_first_extrinsic_records_nothing() {
	new_test_ext().execute_with(|| {
		let store = deploy(&fixture("store"), 0);
		assert_fails_cleanly!(
			Ewasm::call(RuntimeOrigin::signed(CHARLIE), store, 0, GAS, vec![1]),
			Error::<Test>::ContractReverted
		);
	});
}
