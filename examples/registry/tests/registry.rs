//! The registry on the ewasm pallet in memory: names are registered for exactly the fee, which
//! stays in the registry's balance for its rent; only owners transfer and release; what the
//! rules refuse changes nothing. (The tool's runtime charges no rent: eviction and `wake` are
//! exercised on the dev node by `tests/e2e/registry.test.mjs`.)

use ewasm_cli::testing::{build_contract, call_data, Chain, Outcome, ALICE, BOB, CHARLIE};
use ewasm_sdk::{abi::AbiType, topic, Address, Word};

/// The registry's fee in these tests.
const FEE: u128 = 5_000;
const NAME: Word = *b"alice.ewasm\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0";

fn registry(fee: u128) -> (Chain, Address) {
	let contract = build_contract(env!("CARGO_MANIFEST_DIR"));
	let mut chain = Chain::new();
	let registry = chain.deploy(ALICE, &contract.init_code, 0, &fee.encode()).expect("deploys");
	(chain, registry.address)
}

fn register(chain: &mut Chain, registry: Address, by: Address, name: Word, fee: u128) -> Outcome {
	chain.call(by, registry, fee, &call_data("register(bytes32)", &[name]))
}

fn owner_of(chain: &mut Chain, registry: Address, name: Word) -> Option<Address> {
	chain.call(CHARLIE, registry, 0, &call_data("ownerOf(bytes32)", &[name])).value()
}

fn names(chain: &mut Chain, registry: Address) -> Option<u64> {
	chain.call(CHARLIE, registry, 0, &call_data("names()", &[])).value()
}

#[test]
fn a_name_costs_exactly_the_fee_which_funds_the_registry() {
	let (mut chain, registry) = registry(FEE);
	assert_eq!(chain.call(BOB, registry, 0, &call_data("fee()", &[])).value::<u128>(), Some(FEE));
	let bob_before = chain.balance(BOB);
	let registered = register(&mut chain, registry, BOB, NAME, FEE);
	assert!(registered.succeeded(), "{registered:?}");
	assert_eq!(
		registered.logs[0].topics,
		[topic!("Registered(bytes32,address)"), NAME, BOB.encode()]
	);
	assert_eq!(owner_of(&mut chain, registry, NAME), Some(BOB));
	assert_eq!(names(&mut chain, registry), Some(1));
	assert_eq!(chain.balance(registry), FEE, "the fee stays in the registry");
	assert_eq!(chain.balance(BOB), bob_before - FEE);
	let reserve = chain.call(CHARLIE, registry, 0, &call_data("balance()", &[]));
	assert_eq!(reserve.value::<u128>(), Some(FEE));

	for (fee, message) in [(FEE - 1, "wrong fee"), (FEE + 1, "wrong fee"), (FEE, "name taken")] {
		let refused = register(&mut chain, registry, CHARLIE, NAME, fee);
		assert_eq!(refused.revert_message().as_deref(), Some(message));
	}
	let empty = register(&mut chain, registry, CHARLIE, [0; 32], FEE);
	assert_eq!(empty.revert_message().as_deref(), Some("empty name"));
	assert_eq!(chain.balance(registry), FEE, "refused registrations keep nothing");
	assert_eq!(owner_of(&mut chain, registry, NAME), Some(BOB));
}

#[test]
fn only_the_owner_transfers_and_releases_a_name() {
	let (mut chain, registry) = registry(FEE);
	register(&mut chain, registry, BOB, NAME, FEE);
	let transfer = |to: Address| call_data("transfer(bytes32,address)", &[NAME, to.encode()]);
	let stolen = chain.call(CHARLIE, registry, 0, &transfer(CHARLIE));
	assert_eq!(stolen.revert_message().as_deref(), Some("not the owner"));
	let nowhere = chain.call(BOB, registry, 0, &transfer(Address::ZERO));
	assert_eq!(nowhere.revert_message().as_deref(), Some("transfer to the zero address"));
	let given = chain.call(BOB, registry, 0, &transfer(CHARLIE));
	assert_eq!(
		given.logs[0].topics,
		[topic!("Transferred(bytes32,address,address)"), NAME, BOB.encode(), CHARLIE.encode()]
	);
	assert_eq!(owner_of(&mut chain, registry, NAME), Some(CHARLIE));

	let release = call_data("release(bytes32)", &[NAME]);
	let not_bobs = chain.call(BOB, registry, 0, &release);
	assert_eq!(not_bobs.revert_message().as_deref(), Some("not the owner"));
	let released = chain.call(CHARLIE, registry, 0, &release);
	assert_eq!(released.logs[0].topics, [topic!("Released(bytes32)"), NAME]);
	assert_eq!(owner_of(&mut chain, registry, NAME), Some(Address::ZERO));
	assert_eq!(names(&mut chain, registry), Some(0));
	let storage_key = ewasm_sdk::keccak::keccak256(&[NAME, 1u64.encode()].concat());
	assert_eq!(chain.storage(registry, &storage_key), [0; 32], "the item is deleted");
	let unowned = chain.call(ALICE, registry, 0, &release);
	assert_eq!(
		unowned.revert_message().as_deref(),
		Some("not the owner"),
		"nobody owns a free name"
	);
	assert!(
		register(&mut chain, registry, ALICE, NAME, FEE).succeeded(),
		"a released name is free"
	);
}

#[test]
fn anyone_funds_it_and_only_register_takes_value() {
	let (mut chain, registry) = registry(0);
	let funded = chain.call(CHARLIE, registry, 777, &[]);
	assert_eq!(funded.logs[0].topics, [topic!("Funded(address,uint256)"), CHARLIE.encode()]);
	assert_eq!(funded.logs[0].data, 777u128.encode());
	assert!(register(&mut chain, registry, BOB, NAME, 0).succeeded(), "a free registry");
	let paid = chain.call(BOB, registry, 1, &call_data("ownerOf(bytes32)", &[NAME]));
	assert_eq!(paid.revert_message().as_deref(), Some("only register and funding take value"));
	let unknown = chain.call(BOB, registry, 0, &call_data("burn(bytes32)", &[NAME]));
	assert!(!unknown.succeeded());
	assert_eq!(chain.balance(registry), 777);
}

#[test]
fn the_constructor_needs_its_fee() {
	let contract = build_contract(env!("CARGO_MANIFEST_DIR"));
	let mut chain = Chain::new();
	assert!(chain.deploy(ALICE, &contract.init_code, 0, &[]).is_err(), "no fee argument");
}
