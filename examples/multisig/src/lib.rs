//! An m-of-n wallet of the native token: its owners submit payments (to a user or a contract),
//! confirm them, and any owner executes one that has [`threshold`](THRESHOLD) confirmations,
//! which pays exactly its value to its recipient. Anyone may fund it: a call with value and no
//! call data is a deposit.
//!
//! Constructor: `abi.encode(address[] owners, uint256 threshold)` as the init code's call data
//! (1 ≤ threshold ≤ owners ≤ [`MAX_OWNERS`], no owner twice, no zero address).
//!
//! Methods (Solidity ABI): `submit(address to, uint256 value) returns (uint256 id)` (the
//! submitter confirms it), `confirm(uint256 id)`, `revoke(uint256 id)`, `execute(uint256 id)`,
//! `isOwner(address)`, `owners(uint256 index)`, `ownerCount()`, `threshold()`,
//! `transactionCount()`, `transaction(uint256 id) returns (address to, uint256 value, bool
//! executed, uint256 confirmations)`, `isConfirmed(uint256 id, address owner)`. Events:
//! `Deposit(address indexed sender, uint256 value)`, `Submission(uint256 indexed id)`,
//! `Confirmation(address indexed owner, uint256 indexed id)`, `Revocation(address indexed
//! owner, uint256 indexed id)`, `Execution(uint256 indexed id)`. What the rules refuse reverts
//! with Solidity's `Error(string)`; methods take no value.
#![cfg_attr(target_arch = "wasm32", no_std)]

use ewasm_sdk::{
	abi::{AbiType, Encoder},
	call::{self, Outcome},
	env,
	halt::{self, require},
	input::{self, required_arg, Arguments},
	log,
	storage::{Mapping, Mapping2, Slot},
	topic, Address,
};

/// Most owners a wallet may have.
pub const MAX_OWNERS: u64 = 32;

const OWNER_COUNT: Slot<u64> = Slot::new(0);
const THRESHOLD: Slot<u64> = Slot::new(1);
const IS_OWNER: Mapping<Address, bool> = Mapping::new(2);
const OWNERS: Mapping<u64, Address> = Mapping::new(3);
const TRANSACTION_COUNT: Slot<u64> = Slot::new(4);
const RECIPIENT: Mapping<u64, Address> = Mapping::new(5);
const VALUE: Mapping<u64, u128> = Mapping::new(6);
const EXECUTED: Mapping<u64, bool> = Mapping::new(7);
const CONFIRMATIONS: Mapping<u64, u64> = Mapping::new(8);
const CONFIRMED: Mapping2<u64, Address, bool> = Mapping2::new(9);

/// The caller, who must be an owner.
fn owner() -> Address {
	let caller = env::caller();
	require(IS_OWNER.get(&caller), "not an owner");
	caller
}

/// The transaction `id`'s, which must exist and not have been executed.
fn pending(id: u64) -> u64 {
	require(id < TRANSACTION_COUNT.get(), "no such transaction");
	require(!EXECUTED.get(&id), "already executed");
	id
}

fn emit(event: [u8; 32], owner: &Address, id: u64) {
	log::emit(&[event, owner.encode(), id.encode()], &[]);
}

fn confirm(owner: &Address, id: u64) {
	let (confirmed, confirmations) = (CONFIRMED.at(&id, owner), CONFIRMATIONS.at(&id));
	require(!confirmed.get(), "already confirmed");
	confirmed.set(&true);
	confirmations.set(&(confirmations.get() + 1));
	emit(topic!("Confirmation(address,uint256)"), owner, id);
}

fn submit() -> u64 {
	let owner = owner();
	let (to, value): (Address, u128) = (required_arg(0), required_arg(1));
	let id = TRANSACTION_COUNT.get();
	TRANSACTION_COUNT.set(&(id + 1));
	RECIPIENT.set(&id, &to);
	VALUE.set(&id, &value);
	log::emit(&[topic!("Submission(uint256)"), id.encode()], &[]);
	confirm(&owner, id);
	id
}

fn revoke() {
	let owner = owner();
	let id = pending(required_arg(0));
	let (confirmed, confirmations) = (CONFIRMED.at(&id, &owner), CONFIRMATIONS.at(&id));
	require(confirmed.get(), "not confirmed");
	confirmed.set(&false);
	confirmations.set(&(confirmations.get() - 1));
	emit(topic!("Revocation(address,uint256)"), &owner, id);
}

fn execute() {
	owner();
	let id = pending(required_arg(0));
	require(CONFIRMATIONS.get(&id) >= THRESHOLD.get(), "not enough confirmations");
	// Marked first: a recipient that calls back cannot execute it twice.
	EXECUTED.set(&id, &true);
	let outcome = call::call(env::gas_left(), &RECIPIENT.get(&id), VALUE.get(&id), &[]);
	require(outcome == Outcome::Success, "payment failed");
	log::emit(&[topic!("Execution(uint256)"), id.encode()], &[]);
}

fn transaction() -> ! {
	let id: u64 = required_arg(0);
	require(id < TRANSACTION_COUNT.get(), "no such transaction");
	let mut output = [0u8; 128];
	let encoded = Encoder::new(&mut output, 4)
		.word(&RECIPIENT.get(&id))
		.word(&VALUE.get(&id))
		.word(&EXECUTED.get(&id))
		.word(&CONFIRMATIONS.get(&id))
		.finish();
	halt::finish(encoded.unwrap_or_default())
}

fn run() {
	if input::size() == 0 {
		log::emit(
			&[topic!("Deposit(address,uint256)"), env::caller().encode()],
			&env::call_value().encode(),
		);
		return;
	}
	require(env::call_value() == 0, "methods take no value");
	ewasm_sdk::dispatch! {
		"submit(address,uint256)" => halt::finish_value(&submit()),
		"confirm(uint256)" => confirm(&owner(), pending(required_arg(0))),
		"revoke(uint256)" => revoke(),
		"execute(uint256)" => execute(),
		"isOwner(address)" => halt::finish_value(&IS_OWNER.get(&required_arg(0))),
		"owners(uint256)" => halt::finish_value(&OWNERS.get(&required_arg(0))),
		"ownerCount()" => halt::finish_value(&OWNER_COUNT.get()),
		"threshold()" => halt::finish_value(&THRESHOLD.get()),
		"transactionCount()" => halt::finish_value(&TRANSACTION_COUNT.get()),
		"transaction(uint256)" => transaction(),
		"isConfirmed(uint256,address)" => halt::finish_value(&CONFIRMED.get(&required_arg(0), &required_arg(1))),
	}
}

fn construct() {
	let arguments = Arguments::constructor();
	let count = arguments.array_len(0).map(u64::from).unwrap_or(0);
	let threshold: u64 = arguments.arg(1).unwrap_or(0);
	require(count <= MAX_OWNERS, "too many owners");
	require(threshold >= 1 && threshold <= count, "threshold out of range");
	for index in 0..count {
		let owner: Address =
			arguments.array_item(0, index as u32).unwrap_or_else(|| halt::revert(&[]));
		require(!owner.is_zero(), "zero owner");
		require(!IS_OWNER.get(&owner), "duplicate owner");
		IS_OWNER.set(&owner, &true);
		OWNERS.set(&index, &owner);
	}
	OWNER_COUNT.set(&count);
	THRESHOLD.set(&threshold);
}

ewasm_sdk::entry!(run, construct);
