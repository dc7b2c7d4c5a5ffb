//! The wallet on the ewasm pallet in memory: two of three owners pay a user exactly what they
//! agreed; every rule of the wallet refuses what it must, changing nothing.

use ewasm_cli::testing::{build_contract, call_data, Chain, Outcome, ALICE, BOB, CHARLIE};
use ewasm_sdk::{abi::AbiType, topic, Address};

/// A user who receives payments.
const DAVE: Address = Address([0xda; 20]);
/// What the wallet is funded with.
const FUNDS: u128 = 1_000_000;

/// `abi.encode(address[] owners, uint256 threshold)`.
fn constructor_input(owners: &[Address], threshold: u64) -> Vec<u8> {
	let mut input = Vec::new();
	input.extend(64u64.encode());
	input.extend(threshold.encode());
	input.extend((owners.len() as u64).encode());
	for owner in owners {
		input.extend(owner.encode());
	}
	input
}

fn deploy(chain: &mut Chain, owners: &[Address], threshold: u64) -> Result<Outcome, Outcome> {
	let contract = build_contract(env!("CARGO_MANIFEST_DIR"));
	chain.deploy(ALICE, &contract.init_code, 0, &constructor_input(owners, threshold))
}

/// A funded 2-of-3 wallet of Alice, Bob and Charlie.
fn wallet() -> (Chain, Address) {
	let mut chain = Chain::new();
	let wallet = deploy(&mut chain, &[ALICE, BOB, CHARLIE], 2).expect("deploys").address;
	let deposit = chain.call(ALICE, wallet, FUNDS, &[]);
	assert!(deposit.succeeded(), "{deposit:?}");
	assert_eq!(deposit.logs[0].topics, [topic!("Deposit(address,uint256)"), ALICE.encode()]);
	assert_eq!(deposit.logs[0].data, FUNDS.encode());
	(chain, wallet)
}

fn submit(chain: &mut Chain, wallet: Address, by: Address, to: Address, value: u128) -> Outcome {
	chain.call(by, wallet, 0, &call_data("submit(address,uint256)", &[to.encode(), value.encode()]))
}

fn on(chain: &mut Chain, wallet: Address, by: Address, method: &str, id: u64) -> Outcome {
	chain.call(by, wallet, 0, &call_data(method, &[id.encode()]))
}

#[test]
fn two_of_three_owners_pay_a_user_exactly() {
	let (mut chain, wallet) = wallet();
	let submitted = submit(&mut chain, wallet, ALICE, DAVE, 1_234);
	assert_eq!(submitted.value::<u64>(), Some(0));
	let early = on(&mut chain, wallet, ALICE, "execute(uint256)", 0);
	assert_eq!(early.revert_message().as_deref(), Some("not enough confirmations"));
	assert!(on(&mut chain, wallet, BOB, "confirm(uint256)", 0).succeeded());
	let executed = on(&mut chain, wallet, CHARLIE, "execute(uint256)", 0);
	assert!(executed.succeeded(), "{executed:?}");
	assert_eq!(executed.logs.last().unwrap().topics, [topic!("Execution(uint256)"), 0u64.encode()]);
	assert_eq!(chain.balance(DAVE), 1_234, "the user got exactly the value");
	assert_eq!(chain.balance(wallet), FUNDS - 1_234);
	let again = on(&mut chain, wallet, ALICE, "execute(uint256)", 0);
	assert_eq!(again.revert_message().as_deref(), Some("already executed"));
	assert_eq!(chain.balance(DAVE), 1_234);
	let record = on(&mut chain, wallet, DAVE, "transaction(uint256)", 0).output;
	assert_eq!(&record[..32], &DAVE.encode());
	assert_eq!(&record[32..64], &1_234u128.encode());
	assert_eq!(&record[64..96], &true.encode());
	assert_eq!(&record[96..], &2u64.encode());
}

#[test]
fn a_revoked_confirmation_no_longer_counts() {
	let (mut chain, wallet) = wallet();
	submit(&mut chain, wallet, ALICE, DAVE, 10);
	assert!(on(&mut chain, wallet, BOB, "confirm(uint256)", 0).succeeded());
	let twice = on(&mut chain, wallet, BOB, "confirm(uint256)", 0);
	assert_eq!(twice.revert_message().as_deref(), Some("already confirmed"));
	let revoked = on(&mut chain, wallet, BOB, "revoke(uint256)", 0);
	assert_eq!(revoked.logs[0].topics[0], topic!("Revocation(address,uint256)"));
	let refused = on(&mut chain, wallet, ALICE, "execute(uint256)", 0);
	assert_eq!(refused.revert_message().as_deref(), Some("not enough confirmations"));
	assert_eq!(chain.balance(DAVE), 0);
}

#[test]
fn strangers_unknown_transactions_overdrafts_and_value_are_refused() {
	let (mut chain, wallet) = wallet();
	let stranger = submit(&mut chain, wallet, DAVE, DAVE, 1);
	assert_eq!(stranger.revert_message().as_deref(), Some("not an owner"));
	let unknown = on(&mut chain, wallet, ALICE, "confirm(uint256)", 7);
	assert_eq!(unknown.revert_message().as_deref(), Some("no such transaction"));
	submit(&mut chain, wallet, ALICE, DAVE, FUNDS + 1);
	on(&mut chain, wallet, BOB, "confirm(uint256)", 0);
	let overdraft = on(&mut chain, wallet, BOB, "execute(uint256)", 0);
	assert_eq!(overdraft.revert_message().as_deref(), Some("payment failed"));
	assert_eq!(chain.balance(wallet), FUNDS);
	let paid = chain.call(ALICE, wallet, 5, &call_data("threshold()", &[]));
	assert_eq!(paid.revert_message().as_deref(), Some("methods take no value"));
	let count = chain.call(DAVE, wallet, 0, &call_data("ownerCount()", &[]));
	assert_eq!(count.value::<u64>(), Some(3));
}

#[test]
fn the_constructor_refuses_bad_owner_sets() {
	let mut chain = Chain::new();
	for (owners, threshold, message) in [
		(&[ALICE, BOB][..], 0, "threshold out of range"),
		(&[ALICE, BOB][..], 3, "threshold out of range"),
		(&[ALICE, ALICE][..], 1, "duplicate owner"),
		(&[ALICE, Address::ZERO][..], 1, "zero owner"),
	] {
		let refused = deploy(&mut chain, owners, threshold).expect_err(message);
		assert_eq!(refused.revert_message().as_deref(), Some(message));
	}
}
