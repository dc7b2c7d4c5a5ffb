//! The EE extrinsics on the test runtime: `register_ee` stores the code once, holds the deposit
//! and moves the value; `execute_block` replaces the root and emits events only when the block
//! succeeds, and a refused registration or a failed block changes nothing (with all gas
//! consumed for a block that ran).

use super::*;
use crate::{
	ee::chain::{deposit_for, ee_account, EeInfo},
	gas::gas_to_weight,
	EeCode, Ees, HoldReason, NextEeId, Pallet,
};
use polkadot_sdk::{
	frame_support::{assert_noop, traits::fungible::InspectHold, BoundedVec},
	sp_io::hashing::keccak_256,
};

/// An EE whose `main` runs `body` with the eth2 functions it may need.
fn ee(body: &str) -> Vec<u8> {
	wasm(&format!(
		r#"(module
			(import "eth2" "loadPreStateRoot" (func $load (param i32)))
			(import "eth2" "blockDataCopy" (func $copy (param i32 i32 i32)))
			(import "eth2" "blockDataSize" (func $size (result i32)))
			(import "eth2" "savePostStateRoot" (func $save (param i32)))
			(import "eth2" "pushNewDeposit" (func $deposit (param i32 i32)))
			(memory (export "memory") 1)
			(func (export "main") {body}))"#
	))
}

/// Saves the block's first 32 bytes as the root.
const SAVE_DATA: &str =
	"(call $copy (i32.const 0) (i32.const 0) (i32.const 32)) (call $save (i32.const 0))";

fn root(byte: u8) -> [u8; 32] {
	[byte; 32]
}

fn register(code: Vec<u8>, value: u128) -> Result<(), DispatchError> {
	Ewasm::register_ee(RuntimeOrigin::signed(ALICE), code, root(1), value)
}

fn execute(
	ee: u32,
	data: &[u8],
	expected: Option<[u8; 32]>,
	gas: u64,
) -> Result<PostDispatchInfo, DispatchErrorWithPostInfo<PostDispatchInfo>> {
	let data = BoundedVec::try_from(data.to_vec()).expect("within MaxEeBlockData");
	Ewasm::execute_block(RuntimeOrigin::signed(BOB), ee, data, expected, gas)
}

fn held(account: &polkadot_sdk::sp_runtime::AccountId32) -> u128 {
	Balances::balance_on_hold(&HoldReason::EeDeposit.into(), account)
}

#[test]
fn registering_stores_the_code_once_holds_the_deposit_and_moves_the_value() {
	new_test_ext().execute_with(|| {
		let code = ee(SAVE_DATA);
		let issuance = Balances::total_issuance();
		assert_ok!(register(code.clone(), 5_000));
		assert_ok!(register(code.clone(), 0));
		let code_hash = H256(keccak_256(&code));
		let deposit = deposit_for::<Test>(code.len() as u32);
		assert_eq!(deposit, EE_DEPOSIT + EE_DEPOSIT_PER_BYTE * code.len() as u128);
		assert_eq!(NextEeId::<Test>::get(), 2);
		let info = Ees::<Test>::get(0).expect("registered");
		assert_eq!(
			info,
			EeInfo {
				code_hash,
				code_len: code.len() as u32,
				root: root(1),
				vm: info.vm,
				registrar: ALICE,
				deposit
			}
		);
		assert_eq!(info.vm, crate::versions::Versions::of::<Test>().newest().unwrap().0);
		assert_eq!(EeCode::<Test>::get(code_hash).map(|code| code.to_vec()), Some(code.clone()));
		assert_eq!(EeCode::<Test>::iter().count(), 1, "stored once");
		assert_eq!(held(&ALICE), 2 * deposit);
		assert_eq!(Balances::balance(&ee_account::<Test>(0)), 5_000);
		assert_eq!(Balances::balance(&ee_account::<Test>(1)), 0);
		assert_eq!(Balances::balance(&ALICE), INITIAL_BALANCE - 2 * deposit - 5_000);
		assert_eq!(Balances::total_issuance(), issuance, "value moves, nothing is minted");
		assert!(events().contains(&Event::EeRegistered {
			ee: 0,
			registrar: ALICE,
			code_hash,
			root: root(1),
			deposit,
			value: 5_000,
		}));
	});
}

#[test]
fn a_refused_registration_changes_nothing() {
	new_test_ext().execute_with(|| {
		let contract = wasm(
			r#"(module (import "ethereum" "finish" (func (param i32 i32)))
				(memory (export "memory") 1) (func (export "main")))"#,
		);
		assert_noop!(register(contract, 0), Error::<Test>::CodeImportNotAllowed);
		let outside_memory = wasm(
			r#"(module (memory (export "memory") 1) (data (i32.const 65535) "ab")
				(func (export "main")))"#,
		);
		assert_noop!(register(outside_memory, 0), Error::<Test>::CodeInvalid);
		assert_noop!(register(vec![0; 8], 0), Error::<Test>::CodeInvalid);
		let too_large = vec![0; crate::ee::MAX_EE_CODE_BYTES as usize + 1];
		assert_noop!(register(too_large, 0), Error::<Test>::CodeTooLarge);
		// More value than Alice can move keeping her existential deposit.
		assert_noop!(register(ee(SAVE_DATA), INITIAL_BALANCE), Error::<Test>::TransferFailed);
		// A registrar who cannot pay the deposit.
		let poor = polkadot_sdk::sp_runtime::AccountId32::new([9; 32]);
		assert_ok!(Balances::force_set_balance(RuntimeOrigin::root(), poor.clone(), EE_DEPOSIT));
		assert_noop!(
			Ewasm::register_ee(RuntimeOrigin::signed(poor), ee(SAVE_DATA), root(1), 0),
			Error::<Test>::EeDepositUnavailable
		);
		assert_noop!(
			Ewasm::register_ee(RuntimeOrigin::none(), ee(SAVE_DATA), root(1), 0),
			DispatchError::BadOrigin
		);
	});
}

#[test]
fn a_block_that_succeeds_replaces_the_root_and_is_charged_what_it_used() {
	new_test_ext().execute_with(|| {
		assert_ok!(register(ee(SAVE_DATA), 0));
		let info = execute(0, &root(7), Some(root(1)), GAS).expect("runs");
		let gas_used = match events().last() {
			Some(Event::EeExecuted { ee: 0, pre_root, post_root, gas_used }) => {
				assert_eq!((*pre_root, *post_root), (root(1), root(7)));
				*gas_used
			}
			other => panic!("not EeExecuted: {other:?}"),
		};
		assert!(gas_used > 0 && gas_used < GAS);
		let code_len = Ees::<Test>::get(0).unwrap().code_len;
		let weight =
			Pallet::<Test>::execute_block_weight(code_len, 32) + gas_to_weight::<Test>(gas_used);
		assert_eq!(info.actual_weight, Some(weight));
		assert_eq!(Ees::<Test>::get(0).unwrap().root, root(7));
		// Without an expected root, it runs on whatever the root is.
		assert_ok!(execute(0, &root(8), None, GAS));
		assert_eq!(Ees::<Test>::get(0).unwrap().root, root(8));
	});
}

#[test]
fn deposits_a_block_makes_are_events() {
	new_test_ext().execute_with(|| {
		let body = "(i32.store8 (i32.const 87) (i32.const 9)) (call $deposit (i32.const 0) (i32.const 184)) (call $save (i32.const 0))";
		assert_ok!(register(ee(body), 0));
		assert_ok!(execute(0, &[], None, GAS));
		let deposits: Vec<_> = events()
			.into_iter()
			.filter_map(|event| match event {
				Event::EeDepositPushed { ee: 0, deposit } => Some(deposit),
				_ => None,
			})
			.collect();
		assert_eq!(deposits.len(), 1);
		assert_eq!(deposits[0][80..88], 9u64.to_be_bytes());
	});
}

#[test]
fn a_failed_block_changes_nothing_and_consumes_all_its_gas() {
	new_test_ext().execute_with(|| {
		for body in ["(call $save (i32.const 0)) unreachable", "", "(loop $l (br $l))"] {
			assert_ok!(register(ee(body), 0));
		}
		assert_ok!(register(ee(SAVE_DATA), 0));
		let cases = [
			(0, Error::<Test>::EeTrapped),
			(1, Error::<Test>::EeNoPostRoot),
			(2, Error::<Test>::OutOfGas),
		];
		for (ee, expected) in cases {
			let before = Ees::<Test>::get(ee);
			let events_before = events().len();
			let error = execute(ee, &root(7), Some(root(1)), GAS).expect_err("fails");
			assert_eq!(error.error, expected.into());
			let code_len = before.as_ref().unwrap().code_len;
			let weight =
				Pallet::<Test>::execute_block_weight(code_len, 32) + gas_to_weight::<Test>(GAS);
			assert_eq!(error.post_info.actual_weight, Some(weight), "all gas consumed");
			assert_eq!(Ees::<Test>::get(ee), before);
			assert_eq!(events().len(), events_before);
		}
		// Not run: no such EE, another root than expected (nothing consumed but the base).
		let not_found = execute(9, &[], None, GAS).expect_err("fails");
		assert_eq!(not_found.error, Error::<Test>::EeNotFound.into());
		assert_eq!(
			not_found.post_info.actual_weight,
			Some(Pallet::<Test>::execute_block_weight(0, 0))
		);
		let mismatch = execute(3, &root(7), Some(root(2)), GAS).expect_err("fails");
		assert_eq!(mismatch.error, Error::<Test>::EePreRootMismatch.into());
		assert_eq!(Ees::<Test>::get(3).unwrap().root, root(1));
		// Too little gas for the EE's memory.
		let short = execute(3, &root(7), None, 10).expect_err("fails");
		assert_eq!(short.error, Error::<Test>::OutOfGas.into());
		assert_eq!(Ees::<Test>::get(3).unwrap().root, root(1));
	});
}
