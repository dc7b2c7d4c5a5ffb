//! Rent: TOTALFEE, charges on every touch, `poke`, eviction, lazy deletion, tombstones, wake,
//! and conservation of value.

use super::*;
use crate::{
	accounts::account_of,
	rent::{rented_bytes, storage_commitment, Eviction},
	Evicting, Tombstones, TotalFee,
};
use polkadot_sdk::frame_support::{
	assert_noop,
	dispatch::Pays,
	traits::{fungible::Mutate, Hooks},
	weights::Weight,
};

const FEE: u128 = 1_000;

/// Moves `n` blocks forward, running the pallet's `on_initialize`.
fn next_blocks(n: u64) {
	for _ in 0..n {
		let block = System::block_number() + 1;
		System::set_block_number(block);
		Ewasm::on_initialize(block);
	}
}

fn balance(address: Address) -> u128 {
	Balances::balance(&account_of::<Test>(&address))
}

/// Deploys the store fixture with `funds` on its account and TOTALFEE growing by `FEE`.
fn rented_contract(funds: u128) -> Address {
	rented_contract_at(0, funds)
}

/// As [`rented_contract`], deployed with `salt`.
fn rented_contract_at(salt: u8, funds: u128) -> Address {
	FeePerBlock::set(&FEE);
	let contract = deploy(&fixture("store"), salt);
	if funds > 0 {
		assert_ok!(Balances::mint_into(&account_of::<Test>(&contract), funds));
	}
	contract
}

/// The rent `contract` owes per block as it is now.
fn rent_per_block(contract: Address) -> u128 {
	let info = ContractInfoOf::<Test>::get(contract).unwrap();
	FEE * u128::from(rented_bytes(info.code_len, info.storage_bytes))
}

fn rent_events() -> Vec<Event<Test>> {
	events()
		.into_iter()
		.filter(|e| {
			matches!(e, Event::RentCharged { .. } | Event::Evicted { .. } | Event::Woken { .. })
		})
		.collect()
}

#[test]
fn total_fee_grows_every_block_by_the_policy() {
	new_test_ext().execute_with(|| {
		FeePerBlock::set(&FEE);
		next_blocks(3);
		assert_eq!(TotalFee::<Test>::get(), 3 * FEE);
	});
}

#[test]
fn a_call_pays_the_rent_owed_since_the_last_touch() {
	new_test_ext().execute_with(|| {
		let contract = rented_contract(1_000_000_000);
		let info = ContractInfoOf::<Test>::get(contract).unwrap();
		assert_eq!(info.rent_fee_mark, 0);
		assert_eq!(info.code_len as usize, fixture("store").len());
		let per_block = rent_per_block(contract);
		next_blocks(5);
		System::reset_events();
		assert_ok!(Ewasm::call(
			RuntimeOrigin::signed(BOB),
			contract,
			0,
			GAS,
			key_value_input(1, 2)
		));
		assert_eq!(
			rent_events(),
			vec![Event::RentCharged { contract, amount: 5 * per_block, fee_mark: 5 * FEE }]
		);
		assert_eq!(balance(contract), 1_000_000_000 - 5 * per_block);
		// F2 = F1: touching it again in the same block owes nothing, storage now counts.
		System::reset_events();
		assert_ok!(Ewasm::call(
			RuntimeOrigin::signed(BOB),
			contract,
			0,
			GAS,
			key_value_input(1, 3)
		));
		assert_eq!(rent_events(), vec![]);
		assert_eq!(rent_per_block(contract), per_block + 64 * FEE);
	});
}

#[test]
fn exactly_enough_balance_pays_and_one_less_cannot_run() {
	new_test_ext().execute_with(|| {
		let contract = rented_contract(0);
		let owed = 2 * rent_per_block(contract);
		assert_ok!(Balances::mint_into(&account_of::<Test>(&contract), owed));
		next_blocks(2);
		assert_ok!(Ewasm::call(
			RuntimeOrigin::signed(BOB),
			contract,
			0,
			GAS,
			key_value_input(1, 0)
		));
		assert_eq!(balance(contract), 0);

		next_blocks(1);
		assert_fails_cleanly!(
			Ewasm::call(RuntimeOrigin::signed(BOB), contract, 0, GAS, key_value_input(1, 0)),
			Error::<Test>::RentUnpaid
		);
	});
}

#[test]
fn poke_collects_rent_and_is_limited_per_block() {
	new_test_ext().execute_with(|| {
		let contract = rented_contract(1_000_000_000);
		next_blocks(1);
		assert_ok!(Ewasm::poke(RuntimeOrigin::signed(BOB), contract));
		assert_eq!(ContractInfoOf::<Test>::get(contract).unwrap().rent_fee_mark, FEE);
		assert_ok!(Ewasm::poke(RuntimeOrigin::signed(BOB), contract));
		assert_eq!(
			error_of(Ewasm::poke(RuntimeOrigin::signed(BOB), contract)),
			Error::<Test>::PokeQuotaExhausted.into()
		);
		next_blocks(1);
		assert_eq!(
			error_of(Ewasm::poke(RuntimeOrigin::signed(BOB), Address([9; 20]))),
			Error::<Test>::NotAContract.into()
		);
	});
}

#[test]
fn eviction_takes_what_the_contract_owed_and_only_new_value_wakes_it() {
	new_test_ext().execute_with(|| {
		let code = fixture("store");
		let contract = rented_contract(0);
		let per_block = rent_per_block(contract);
		assert_ok!(Balances::mint_into(&account_of::<Test>(&contract), 2 * per_block));
		next_blocks(3);
		let issuance = Balances::total_issuance();
		System::reset_events();
		assert_ok!(Ewasm::poke(RuntimeOrigin::signed(BOB), contract));
		assert_eq!(
			rent_events(),
			vec![Event::Evicted { contract, fee_mark: 3 * FEE, rent_taken: 2 * per_block }]
		);
		assert_eq!(balance(contract), 0, "all it held went to what it owed");
		assert_eq!(Balances::total_issuance(), issuance - 2 * per_block, "burned");
		crate::rent::delete_evicted_storage::<Test>(u32::MAX);

		// Value that reaches the sleeping address later is not counted toward waking it.
		let prepaid = 10 * FEE * u128::from(rented_bytes(code.len() as u32, 0));
		assert_ok!(Balances::mint_into(&account_of::<Test>(&contract), prepaid));
		let wake = |value| {
			Ewasm::wake(
				RuntimeOrigin::signed(BOB),
				contract,
				code.clone(),
				vec![],
				1,
				3 * FEE,
				value,
			)
		};
		assert_noop!(wake(prepaid - 1), Error::<Test>::WakeValueTooLow);
		assert_ok!(wake(prepaid));
		assert_eq!(balance(contract), 2 * prepaid);
	});
}

#[test]
fn only_a_poke_that_evicts_is_free() {
	new_test_ext().execute_with(|| {
		let contract = rented_contract(1_000_000_000);
		next_blocks(1);
		let collects = Ewasm::poke(RuntimeOrigin::signed(BOB), contract).expect("pokes");
		assert_eq!(collects.pays_fee, Pays::Yes, "collecting rent alone pays the fee");
		let idle = Ewasm::poke(RuntimeOrigin::signed(BOB), contract).expect("pokes");
		assert_eq!(idle.pays_fee, Pays::Yes, "nothing owed in the same block");
		let poor = rented_contract_at(1, 0);
		next_blocks(1);
		let evicts = Ewasm::poke(RuntimeOrigin::signed(BOB), poor).expect("pokes");
		assert_eq!(evicts.pays_fee, Pays::No);
		assert!(!ContractInfoOf::<Test>::contains_key(poor));
	});
}

#[test]
fn poke_evicts_a_contract_that_cannot_pay_and_wake_restores_it_once() {
	new_test_ext().execute_with(|| {
		let code = fixture("store");
		let contract = rented_contract(0);
		assert_ok!(Ewasm::call(
			RuntimeOrigin::signed(BOB),
			contract,
			0,
			GAS,
			key_value_input(1, 2)
		));
		assert_ok!(Ewasm::call(
			RuntimeOrigin::signed(BOB),
			contract,
			0,
			GAS,
			key_value_input(3, 4)
		));
		let nonce = ContractInfoOf::<Test>::get(contract).unwrap().nonce;
		next_blocks(1);
		System::reset_events();
		assert_ok!(Ewasm::poke(RuntimeOrigin::signed(BOB), contract));
		assert_eq!(rent_events(), vec![Event::Evicted { contract, fee_mark: FEE, rent_taken: 0 }]);
		assert_eq!(ContractInfoOf::<Test>::get(contract), None);
		assert_eq!(
			error_of(Ewasm::call(RuntimeOrigin::signed(BOB), contract, 0, GAS, vec![])),
			Error::<Test>::ContractEvicted.into()
		);
		let storage = vec![([1; 32], [2; 32]), ([3; 32], [4; 32])];
		let wake = |storage: Vec<([u8; 32], [u8; 32])>, value| {
			Ewasm::wake(
				RuntimeOrigin::signed(BOB),
				contract,
				code.clone(),
				storage,
				nonce,
				FEE,
				value,
			)
		};
		assert_noop!(wake(storage.clone(), 1_000_000_000), Error::<Test>::NoTombstone);

		// Storage is deleted a bounded amount per block; then the tombstone is sealed.
		assert_eq!(
			crate::rent::delete_evicted_storage::<Test>(2),
			(1, 1),
			"one contract, one item"
		);
		assert!(Evicting::<Test>::contains_key(contract));
		assert_eq!(crate::rent::delete_evicted_storage::<Test>(10), (1, 1));
		assert!(Tombstones::<Test>::contains_key(contract));
		assert_eq!(ContractStorage::<Test>::iter_prefix(contract).count(), 0);
		assert_eq!(crate::rent::delete_evicted_storage::<Test>(10), (0, 0));

		// No second contract at the address while it sleeps.
		assert_eq!(
			error_of(Ewasm::deploy(
				RuntimeOrigin::signed(ALICE),
				0,
				GAS,
				init_code_for(&code),
				vec![],
				[0; 32]
			)),
			Error::<Test>::ContractExists.into()
		);

		assert_noop!(
			wake(vec![([1; 32], [2; 32])], 1_000_000_000),
			Error::<Test>::TombstoneMismatch
		);
		let prepaid = 10 * FEE * u128::from(rented_bytes(code.len() as u32, 128));
		assert_noop!(wake(storage.clone(), prepaid - 1), Error::<Test>::WakeValueTooLow);
		System::reset_events();
		assert_ok!(wake(storage.clone(), prepaid));
		assert_eq!(rent_events(), vec![Event::Woken { contract }]);
		assert_eq!(ContractStorage::<Test>::get(contract, [3; 32]), Some([4; 32]));
		assert_ok!(Ewasm::call(
			RuntimeOrigin::signed(BOB),
			contract,
			0,
			GAS,
			key_value_input(5, 6)
		));
		assert_noop!(wake(storage, prepaid), Error::<Test>::NoTombstone);
	});
}

/// Marks `n` contracts with no storage left as evicted, as `poke` leaves them.
fn evicted_without_storage(n: u8) -> Vec<Address> {
	let eviction = Eviction {
		code_hash: H256::zero(),
		nonce: 1,
		fee_mark: 0,
		storage_hash: H256::zero(),
		vm: crate::versions::VmVersion(1),
	};
	let addresses: Vec<Address> = (1..=n).map(|i| Address([i; 20])).collect();
	for address in &addresses {
		Evicting::<Test>::insert(address, eviction.clone());
	}
	addresses
}

#[test]
fn evicted_contracts_without_storage_count_against_the_deletion_budget() {
	new_test_ext().execute_with(|| {
		evicted_without_storage(5);
		assert_eq!(crate::rent::delete_evicted_storage::<Test>(3), (0, 3));
		assert_eq!(Tombstones::<Test>::iter().count(), 3);
		assert_eq!(Evicting::<Test>::iter().count(), 2);
		assert_eq!(crate::rent::delete_evicted_storage::<Test>(10), (0, 2));
		assert_eq!(Evicting::<Test>::iter().count(), 0);
	});
}

#[test]
fn on_idle_seals_only_the_tombstones_its_spare_weight_pays_for() {
	new_test_ext().execute_with(|| {
		evicted_without_storage(20);
		let spare = crate::rent::deletion_weight::<Test>(0, 4);
		let used = Ewasm::on_idle(1, spare);
		assert!(used.all_lte(spare), "used {used:?} of {spare:?}");
		let sealed = Tombstones::<Test>::iter().count();
		assert!((1..=4).contains(&sealed), "{sealed} sealed");
		assert_eq!(Ewasm::on_idle(1, Weight::zero()), Weight::zero());
		assert_eq!(Tombstones::<Test>::iter().count(), sealed, "no spare weight, no work");
	});
}

#[test]
fn the_storage_commitment_ignores_the_order_items_are_given_in() {
	let items = [([1; 32], [2; 32]), ([3; 32], [4; 32]), ([5; 32], [6; 32])];
	let mut reversed = items;
	reversed.reverse();
	assert_eq!(storage_commitment(&items), storage_commitment(&reversed));
	assert_ne!(storage_commitment(&items), storage_commitment(&items[..2]));
}

/// Rent moves value only to its sink: burned (total issuance falls by exactly the rent charged
/// and the rent eviction takes) or paid to the payee; an evicted contract keeps nothing, and
/// wake creates or destroys nothing. Checked over pseudo-random sequences of touches, pokes,
/// block advances and wakes.
#[test]
fn rent_eviction_and_wake_conserve_value() {
	let mut wakes = 0;
	for seed in 1..=20u64 {
		for payee in [None, Some(polkadot_sdk::sp_runtime::AccountId32::new([0xAA; 32]))] {
			wakes += new_test_ext().execute_with(|| {
				RentPayee::set(&payee);
				let contract = rented_contract(3_000_000 * seed as u128);
				let issuance_before = Balances::total_issuance();
				let mut random = seed;
				let mut rent_paid = 0u128;
				let mut stored = alloc::collections::BTreeSet::new();
				let mut woken = 0;
				for _ in 0..40 {
					random ^= random << 13;
					random ^= random >> 7;
					random ^= random << 17;
					System::reset_events();
					let key = (random >> 8) as u8;
					match random % 4 {
						0 => {
							let input = key_value_input(key, 1);
							if Ewasm::call(RuntimeOrigin::signed(BOB), contract, 0, GAS, input)
								.is_ok()
							{
								stored.insert(key);
							}
						}
						1 => {
							let _ = Ewasm::poke(RuntimeOrigin::signed(BOB), contract);
						}
						_ => next_blocks(1 + random % 3),
					}
					for event in events() {
						match event {
							Event::RentCharged { amount, .. } => rent_paid += amount,
							// Evicted: seal the tombstone at once and wake it from what it stored.
							Event::Evicted { fee_mark, rent_taken, .. } => {
								rent_paid += rent_taken;
								assert_eq!(balance(contract), 0, "a sleeper keeps nothing");
								crate::rent::delete_evicted_storage::<Test>(u32::MAX);
								let storage = stored.iter().map(|k| ([*k; 32], [1; 32])).collect();
								assert_ok!(Ewasm::wake(
									RuntimeOrigin::signed(ALICE),
									contract,
									fixture("store"),
									storage,
									1,
									fee_mark,
									100_000_000_000,
								));
								woken += 1;
							}
							_ => {}
						}
					}
				}
				match &payee {
					None => assert_eq!(Balances::total_issuance(), issuance_before - rent_paid),
					Some(payee) => {
						assert_eq!(Balances::total_issuance(), issuance_before);
						assert_eq!(Balances::balance(payee), rent_paid);
					}
				}
				woken
			});
		}
	}
	assert!(wakes > 0, "some sequences evict and wake");
}

#[test]
fn the_rent_status_predicts_the_eviction_block() {
	new_test_ext().execute_with(|| {
		let contract = rented_contract(0);
		let per_block = rent_per_block(contract);
		assert_ok!(Balances::mint_into(&account_of::<Test>(&contract), 3 * per_block));
		next_blocks(1);
		let status = Ewasm::rent_status(contract).expect("a contract");
		assert_eq!((status.balance, status.fee_mark, status.total_fee), (3 * per_block, 0, FEE));
		assert_eq!(status.owed, per_block);
		assert_eq!(status.fee_per_block, FEE);
		// TOTALFEE is FEE at block 2 (now) and grows FEE a block: the balance pays up to
		// 3 * FEE (block 4), not 4 * FEE (block 5).
		assert_eq!(status.evictable_at_block, Some(5));
		next_blocks(2);
		assert_ok!(Ewasm::poke(RuntimeOrigin::signed(BOB), contract));
		assert!(ContractInfoOf::<Test>::get(contract).is_some(), "still pays at block 4");
		next_blocks(1);
		assert_ok!(Ewasm::poke(RuntimeOrigin::signed(BOB), contract));
		assert_eq!(ContractInfoOf::<Test>::get(contract), None, "evicted at block 5");
		assert_eq!(Ewasm::rent_status(contract), None);
	});
}

#[test]
fn under_total_fee_ttl_calls_pay_touch_gas_to_extend_and_expired_contracts_are_evicted() {
	new_test_ext().execute_with(|| {
		let policy = crate::rent::RentPolicy::TimeToLive { touch_gas: 10_000, min_fee: 1 };
		TestRentPolicy::set(&policy);
		let contract = rented_contract(0);
		assert_eq!(ContractInfoOf::<Test>::get(contract).unwrap().ttl, 10_000);
		let gas_of = |input| call_for_output(contract, 0, GAS, input).gas_used;
		gas_of(key_value_input(1, 1));
		assert_eq!(ContractInfoOf::<Test>::get(contract).unwrap().ttl, 20_000);
		TestRentPolicy::set(&crate::rent::RentPolicy::PayAsYouGo);
		let untouched = gas_of(key_value_input(1, 2));
		TestRentPolicy::set(&policy);
		// Each call pays 10 000 gas more and extends the TTL by 10 000 * 1.
		assert_eq!(gas_of(key_value_input(1, 3)), untouched + 10_000);
		assert_eq!(ContractInfoOf::<Test>::get(contract).unwrap().ttl, 30_000);
		assert_eq!(Ewasm::rent_status(contract).unwrap().evictable_at_block, Some(1 + 31));

		// A poke neither pays nor extends (so it pays its fee); once TOTALFEE passes the TTL it
		// evicts.
		next_blocks(30);
		let live = Ewasm::poke(RuntimeOrigin::signed(BOB), contract).expect("pokes");
		assert_eq!(live.pays_fee, Pays::Yes);
		assert_eq!(ContractInfoOf::<Test>::get(contract).unwrap().ttl, 30_000);
		next_blocks(1);
		assert_fails_cleanly!(
			Ewasm::call(RuntimeOrigin::signed(BOB), contract, 0, GAS, key_value_input(1, 1)),
			Error::<Test>::RentUnpaid
		);
		assert_ok!(Ewasm::poke(RuntimeOrigin::signed(BOB), contract));
		assert_eq!(ContractInfoOf::<Test>::get(contract), None, "evicted");
	});
}
