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
	Ewasm::execute_block(RuntimeOrigin::signed(BOB), ee, data, expected, 0, gas)
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

/// An EE that pays: its block is `[to: 20 bytes][amount: 16 bytes little-endian][fail: 1 byte]`
/// (or nothing: no payment). It moves the amount to `to`, saves as its root the transfer's
/// result (byte 0), the value sent with the block (bytes 1..17) and the EE's balance after it
/// (bytes 17..32, its low 15 bytes), then traps if `fail` is not zero.
fn paying_ee() -> Vec<u8> {
	wasm(
		r#"(module
			(import "eth2" "getCallValue" (func $value (param i32)))
			(import "eth2" "getBalance" (func $balance (param i32)))
			(import "eth2" "transfer" (func $transfer (param i32 i32) (result i32)))
			(import "eth2" "blockDataCopy" (func $copy (param i32 i32 i32)))
			(import "eth2" "blockDataSize" (func $size (result i32)))
			(import "eth2" "savePostStateRoot" (func $save (param i32)))
			(memory (export "memory") 1)
			(func (export "main")
				(call $copy (i32.const 100) (i32.const 0) (call $size))
				(if (i32.ge_u (call $size) (i32.const 36))
					(then (i32.store8 (i32.const 0)
						(call $transfer (i32.const 100) (i32.const 120)))))
				(call $value (i32.const 1))
				(call $balance (i32.const 17))
				(call $save (i32.const 0))
				(if (i32.load8_u (i32.const 136)) (then unreachable))))"#,
	)
}

/// An EE that saves the address of who sent its block as its root (bytes 0..20).
fn caller_ee() -> Vec<u8> {
	wasm(
		r#"(module
			(import "eth2" "getCaller" (func $caller (param i32)))
			(import "eth2" "savePostStateRoot" (func $save (param i32)))
			(memory (export "memory") 1)
			(func (export "main") (call $caller (i32.const 0)) (call $save (i32.const 0))))"#,
	)
}

/// The block of [`paying_ee`] that pays `amount` to `to`, and traps after if `fail`.
fn payment(to: Address, amount: u128, fail: bool) -> Vec<u8> {
	let mut data = to.0.to_vec();
	data.extend(amount.to_le_bytes());
	data.push(fail as u8);
	data
}

fn execute_with_value(
	sender: &polkadot_sdk::sp_runtime::AccountId32,
	ee: u32,
	data: &[u8],
	value: u128,
) -> Result<PostDispatchInfo, DispatchErrorWithPostInfo<PostDispatchInfo>> {
	let data = BoundedVec::try_from(data.to_vec()).expect("within MaxEeBlockData");
	Ewasm::execute_block(RuntimeOrigin::signed(sender.clone()), ee, data, None, value, GAS)
}

fn root_of(ee: u32) -> [u8; 32] {
	Ees::<Test>::get(ee).expect("registered").root
}

/// The value a root of [`paying_ee`] records: the transfer's result, the call value, the balance.
fn paid(root: [u8; 32]) -> (u8, u128, u128) {
	let mut value = [0u8; 16];
	value.copy_from_slice(&root[1..17]);
	let mut balance = [0u8; 16];
	balance[..15].copy_from_slice(&root[17..32]);
	(root[0], u128::from_le_bytes(value), u128::from_le_bytes(balance))
}

#[test]
fn a_block_s_value_reaches_the_ee_which_reads_it_and_who_sent_it() {
	new_test_ext().execute_with(|| {
		assert_ok!(register(paying_ee(), 0));
		assert_ok!(register(caller_ee(), 0));
		let bob_before = Balances::balance(&BOB);
		assert_ok!(execute_with_value(&BOB, 0, &[], 7_000));
		assert_eq!(paid(root_of(0)), (0, 7_000, 7_000));
		assert_eq!(Balances::balance(&ee_account::<Test>(0)), 7_000);
		assert_eq!(Balances::balance(&BOB), bob_before - 7_000);
		assert_ok!(execute_with_value(&BOB, 1, &[], 0));
		assert_eq!(root_of(1)[..20], AccountId32Mapper::to_address(&BOB).0);
		// Value Bob does not have (keeping his existential deposit) does not move.
		let error = execute_with_value(&BOB, 0, &[], bob_before).expect_err("too much");
		assert_eq!(error.error, Error::<Test>::TransferFailed.into());
	});
}

#[test]
fn an_ee_pays_out_of_its_balance_and_a_failed_block_undoes_every_move() {
	new_test_ext().execute_with(|| {
		assert_ok!(register(paying_ee(), 10_000));
		let carol = Address([0xca; 20]);
		let carol_account = crate::accounts::account_of::<Test>(&carol);
		assert_ok!(execute_with_value(&BOB, 0, &payment(carol, 4_000, false), 500));
		assert_eq!(paid(root_of(0)), (0, 500, 6_500));
		assert_eq!(Balances::balance(&carol_account), 4_000);
		// More than it holds, or all it holds (it keeps the existential deposit): refused.
		assert_ok!(execute_with_value(&BOB, 0, &payment(carol, 6_501, false), 0));
		assert_eq!(paid(root_of(0)).0, 1);
		assert_ok!(execute_with_value(&BOB, 0, &payment(carol, 6_500, false), 0));
		assert_eq!(paid(root_of(0)), (1, 0, 6_500));
		// A block that pays and then traps: its value and its payment are both undone.
		let (root, bob) = (root_of(0), Balances::balance(&BOB));
		let error = execute_with_value(&BOB, 0, &payment(carol, 1_000, true), 300);
		assert_eq!(error.expect_err("traps").error, Error::<Test>::EeTrapped.into());
		assert_eq!(root_of(0), root);
		assert_eq!(Balances::balance(&BOB), bob);
		assert_eq!(Balances::balance(&ee_account::<Test>(0)), 6_500);
		assert_eq!(Balances::balance(&carol_account), 4_000);
	});
}

#[test]
fn a_dry_run_of_a_block_keeps_nothing() {
	new_test_ext().execute_with(|| {
		assert_ok!(register(paying_ee(), 10_000));
		let carol = Address([0xca; 20]);
		let dry_run = |data: &[u8], value| {
			crate::ee::chain::dry_run::<Test>(crate::ee::chain::BlockRequest {
				ee: 0,
				sender: &BOB,
				caller: <Test as crate::Config>::AddressMapper::to_address(&BOB),
				value,
				data,
				expected_pre_root: None,
				gas_limit: GAS,
			})
		};
		let bob = Balances::balance(&BOB);
		let run = dry_run(&payment(carol, 4_000, false), 500);
		assert_eq!(run.result, Ok(()));
		assert_eq!(run.post_root.map(paid), Some((0, 500, 6_500)));
		let executed = execute_with_value(&BOB, 0, &payment(carol, 4_000, false), 500);
		let used = match events().last() {
			Some(Event::EeExecuted { gas_used, .. }) => *gas_used,
			other => panic!("not EeExecuted: {other:?} ({executed:?})"),
		};
		assert_eq!(run.gas_used, used, "the dry run's gas is the block's");
		let run = dry_run(&payment(carol, 1, false), 0);
		assert_eq!(run.post_root.map(paid), Some((0, 0, 6_499)));
		assert_eq!(Balances::balance(&BOB), bob - 500);
		let too_long = vec![0; 64 * 1024 + 1];
		assert_eq!(dry_run(&too_long, 0).result, Err(Error::<Test>::EeBlockDataTooLarge.into()));
	});
}

mod conservation {
	//! Value is never created or lost by execution environments: across any sequence of
	//! registrations with value, blocks with value, calls of EEs by EEs with value, payments out
	//! of EEs and blocks that fail after paying, the total issuance and the sum of every
	//! account's balance stay the same.
	use super::*;
	use proptest::prelude::*;

	/// One step: a registration with value of a paying EE or of a relay, or a block of an EE
	/// (by index among those registered) with value: through EEs to call with value, if the
	/// EE is a relay, then paying an amount to one of a few addresses, failing after or not.
	#[derive(Clone, Debug)]
	enum Step {
		Register { relay: bool, value: u128 },
		Block { ee: u32, sender: bool, value: u128, calls: Vec<(u32, u128)>, payment: Payment },
	}

	#[derive(Clone, Debug)]
	struct Payment {
		to: u8,
		amount: u128,
		fail: bool,
	}

	fn step() -> impl Strategy<Value = Step> {
		let payment = (0u8..4, 0u128..12_000, any::<bool>())
			.prop_map(|(to, amount, fail)| Payment { to, amount, fail });
		let calls = prop::collection::vec((0u32..6, 0u128..8_000), 0..4);
		prop_oneof![
			(any::<bool>(), 0u128..20_000)
				.prop_map(|(relay, value)| Step::Register { relay, value }),
			(0u32..6, any::<bool>(), 0u128..5_000, calls, payment).prop_map(
				|(ee, sender, value, calls, payment)| Step::Block {
					ee,
					sender,
					value,
					calls,
					payment
				}
			),
		]
	}

	/// The addresses blocks pay: Alice's, an unclaimed one, and EEs 0 and 1.
	fn payee(index: u8) -> Address {
		match index {
			0 => AccountId32Mapper::to_address(&ALICE),
			1 => Address([0xca; 20]),
			2 => crate::ee::chain::ee_address(0),
			_ => crate::ee::chain::ee_address(1),
		}
	}

	fn total_of_every_account() -> u128 {
		polkadot_sdk::frame_system::Account::<Test>::iter()
			.map(|(_, info)| info.data.free + info.data.reserved)
			.sum()
	}

	proptest! {
		#![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]
		#[test]
		fn value_is_conserved_by_any_sequence_of_blocks(steps in prop::collection::vec(step(), 1..24)) {
			new_test_ext().execute_with(|| {
				let issuance = Balances::total_issuance();
				let total = total_of_every_account();
				let (paying, relay) = (paying_ee(), relay_ee());
				for step in steps {
					match step {
						Step::Register { relay: true, value } => {
							let _ = register(relay.clone(), value);
						}
						Step::Register { relay: false, value } => {
							let _ = register(paying.clone(), value);
						}
						Step::Block { ee, sender, value, calls, payment: Payment { to, amount, fail } } => {
							let sender = if sender { ALICE } else { BOB };
							let data = [hops(&calls), payment(payee(to), amount, fail)].concat();
							let _ = execute_with_value(&sender, ee, &data, value);
						}
					}
					prop_assert_eq!(Balances::total_issuance(), issuance);
					prop_assert_eq!(total_of_every_account(), total);
				}
				Ok(())
			})?;
		}
	}
}

/// An EE that relays its block: the block is hops of the EE to call (u32 little-endian) and the
/// value to send it (16 bytes little-endian), followed by the callee's block. It calls the
/// first hop's EE with the rest and saves `callEE`'s result (0 or 1) as its root's first byte
/// (0xff if its block is empty), its address in bytes 1..21 and its balance's low 11 bytes
/// after.
fn relay_ee() -> Vec<u8> {
	wasm(
		r#"(module
			(import "eth2" "blockDataSize" (func $size (result i32)))
			(import "eth2" "blockDataCopy" (func $copy (param i32 i32 i32)))
			(import "eth2" "callEE" (func $call (param i32 i32 i32 i32) (result i32)))
			(import "eth2" "getAddress" (func $address (param i32)))
			(import "eth2" "getBalance" (func $balance (param i32)))
			(import "eth2" "savePostStateRoot" (func $save (param i32)))
			(memory (export "memory") 1)
			(func (export "main")
				(local $n i32)
				(local.set $n (call $size))
				(call $copy (i32.const 256) (i32.const 0) (local.get $n))
				(if (i32.eqz (local.get $n))
					(then (i32.store8 (i32.const 0) (i32.const 0xff)))
					(else (i32.store8 (i32.const 0)
						(call $call (i32.load (i32.const 256)) (i32.const 276)
							(i32.sub (local.get $n) (i32.const 20)) (i32.const 260)))))
				(call $address (i32.const 1))
				(call $balance (i32.const 64))
				(i64.store (i32.const 21) (i64.load (i32.const 64)))
				(i32.store16 (i32.const 29) (i32.load16_u (i32.const 72)))
				(i32.store8 (i32.const 31) (i32.load8_u (i32.const 74)))
				(call $save (i32.const 0))))"#,
	)
}

/// The block of [`relay_ee`] calling `hops` in turn, each with its value.
fn hops(hops: &[(u32, u128)]) -> Vec<u8> {
	hops.iter()
		.flat_map(|(ee, value)| [&ee.to_le_bytes()[..], &value.to_le_bytes()].concat())
		.collect()
}

/// What a root of [`relay_ee`] records: the call's result and the EE's balance.
fn relayed(root: [u8; 32]) -> (u8, u128) {
	let mut balance = [0u8; 16];
	balance[..11].copy_from_slice(&root[21..32]);
	(root[0], u128::from_le_bytes(balance))
}

#[test]
fn an_ee_calls_another_with_value_which_runs_as_a_block_it_sends() {
	new_test_ext().execute_with(|| {
		assert_ok!(register(relay_ee(), 10_000));
		assert_ok!(register(relay_ee(), 0));
		assert_ok!(register(caller_ee(), 0));
		let issuance = Balances::total_issuance();
		// 0 sends 3 000 to 1, which calls 2 (whose root is who called it: EE 1).
		assert_ok!(execute(0, &hops(&[(1, 3_000), (2, 0)]), None, GAS));
		assert_eq!(relayed(root_of(0)), (0, 7_000));
		assert_eq!(root_of(0)[1..21], crate::ee::chain::ee_address(0).0);
		assert_eq!(relayed(root_of(1)), (0, 3_000));
		assert_eq!(root_of(2)[..20], crate::ee::chain::ee_address(1).0);
		assert_eq!(Balances::balance(&ee_account::<Test>(1)), 3_000);
		assert_eq!(Balances::total_issuance(), issuance);
		let executed: Vec<u32> = events()
			.into_iter()
			.filter_map(|event| match event {
				Event::EeExecuted { ee, .. } => Some(ee),
				_ => None,
			})
			.collect();
		assert_eq!(executed, vec![2, 1, 0], "each EE that ran, innermost first");
	});
}

#[test]
fn a_failed_call_undoes_what_the_callee_did_and_the_caller_goes_on() {
	new_test_ext().execute_with(|| {
		assert_ok!(register(relay_ee(), 10_000));
		assert_ok!(register(relay_ee(), 0));
		assert_ok!(register(ee("unreachable"), 0));
		let roots = [root_of(1), root_of(2)];
		// 2 gets 3 000 and traps: the value goes back to 0.
		assert_ok!(execute(0, &hops(&[(2, 3_000)]), None, GAS));
		assert_eq!(relayed(root_of(0)), (1, 10_000));
		assert_eq!(Balances::balance(&ee_account::<Test>(2)), 0);
		// 1 gets 3 000 and calls 2, which traps: 1 goes on, keeps the value and saves its root.
		assert_ok!(execute(0, &hops(&[(1, 3_000), (2, 0)]), None, GAS));
		assert_eq!(relayed(root_of(0)), (0, 7_000));
		assert_eq!(relayed(root_of(1)), (1, 3_000));
		assert_eq!(root_of(2), roots[1]);
		// No such EE; more value than 0 can move keeping its existential deposit.
		assert_ok!(execute(0, &hops(&[(9, 0)]), None, GAS));
		assert_eq!(relayed(root_of(0)), (1, 7_000));
		let before = root_of(1);
		assert_ok!(execute(0, &hops(&[(1, 7_000)]), None, GAS));
		assert_eq!(relayed(root_of(0)), (1, 7_000));
		assert_eq!(root_of(1), before);
		assert_ne!(before, roots[0]);
	});
}

#[test]
fn calls_are_refused_into_a_running_ee_and_past_four_deep() {
	new_test_ext().execute_with(|| {
		for _ in 0..6 {
			assert_ok!(register(relay_ee(), 0));
		}
		// Re-entry: 1 calls 0, which runs already.
		assert_ok!(execute(0, &hops(&[(1, 0), (0, 0)]), None, GAS));
		assert_eq!((relayed(root_of(0)).0, relayed(root_of(1)).0), (0, 1));
		// Five EEs, four calls deep: every call runs, the last EE has no block to relay.
		assert_ok!(execute(0, &hops(&[(1, 0), (2, 0), (3, 0), (4, 0)]), None, GAS));
		let results: Vec<u8> = (0..5).map(|ee| relayed(root_of(ee)).0).collect();
		assert_eq!(results, vec![0, 0, 0, 0, 0xff]);
		// A sixth is refused: EE 4's call fails, and the rest succeed.
		assert_ok!(execute(0, &hops(&[(1, 0), (2, 0), (3, 0), (4, 0), (5, 0)]), None, GAS));
		let results: Vec<u8> = (0..6).map(|ee| relayed(root_of(ee)).0).collect();
		assert_eq!(results, vec![0, 0, 0, 0, 1, 1], "EE 5 never ran: its root is its first");
	});
}

#[test]
fn an_ee_reads_the_chain_s_id() {
	new_test_ext().execute_with(|| {
		let chain_id = wasm(
			r#"(module
				(import "eth2" "getChainId" (func $chain (param i32)))
				(import "eth2" "savePostStateRoot" (func $save (param i32)))
				(memory (export "memory") 1)
				(func (export "main") (call $chain (i32.const 0)) (call $save (i32.const 0))))"#,
		);
		assert_ok!(register(chain_id, 0));
		assert_ok!(execute(0, &[], None, GAS));
		let mut expected = [0u8; 32];
		expected[..4].copy_from_slice(&crate::mock::PARA_ID.to_le_bytes());
		assert_eq!(root_of(0), expected);
	});
}
