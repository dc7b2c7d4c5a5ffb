//! A name registry that pays its own rent: anyone registers a free 32-byte name by paying the
//! registry's fee, and the fees stay in the contract's balance, from which the chain takes
//! its rent.
//!
//! Rent (see the pallet's README, "Rent"): every block, the chain's TOTALFEE grows (1 gwei per
//! block on this runtime) and a contract owes TOTALFEE's growth times its rented bytes: 100 +
//! its code's length + 64 per storage item. Each name is one storage item, so each
//! registration makes the registry dearer by 64 bytes a block and pays for that, and for a
//! share of the rest, with its fee; a name released frees its item. Anyone can also fund the
//! registry (a call with value and no call data), and `balance()` says what it holds. When the
//! balance no longer pays the rent, calls fail (`RentUnpaid`) and anyone may `poke` it to evict
//! it; whoever keeps its code and storage can `wake` it again at the same address with every
//! name as it was.
//!
//! Constructor: `abi.encode(uint256 fee)` as the init code's call data (the fee may be zero).
//!
//! Methods (Solidity ABI): `register(bytes32 name)` (payable: exactly `fee()`), `ownerOf(bytes32
//! name) returns (address)` (zero for a free name), `transfer(bytes32 name, address to)` and
//! `release(bytes32 name)` (the owner only), `fee()`, `names()` (how many are registered),
//! `balance()` (what the registry holds for its rent). Events: `Registered(bytes32 indexed
//! name, address indexed owner)`, `Transferred(bytes32 indexed name, address indexed from,
//! address indexed to)`, `Released(bytes32 indexed name)`, `Funded(address indexed sender,
//! uint256 value)`. What the rules refuse reverts with Solidity's `Error(string)`; only
//! `register` and funding take value.
#![cfg_attr(target_arch = "wasm32", no_std)]

use ewasm_sdk::{
	abi::AbiType,
	env,
	halt::{self, require},
	input::{self, required_arg},
	log,
	storage::{Mapping, Slot},
	topic, Address, Word,
};

const FEE: Slot<u128> = Slot::new(0);
const OWNER_OF: Mapping<Word, Address> = Mapping::new(1);
const NAMES: Slot<u64> = Slot::new(2);

/// The name argument of a method: `name`, with its current owner, who must be the caller.
fn owned_by_caller() -> (Word, Address) {
	let name: Word = required_arg(0);
	let owner = env::caller();
	require(OWNER_OF.get(&name) == owner && !owner.is_zero(), "not the owner");
	(name, owner)
}

fn register() {
	let name: Word = required_arg(0);
	require(name != [0; 32], "empty name");
	require(env::call_value() == FEE.get(), "wrong fee");
	let entry = OWNER_OF.at(&name);
	require(entry.get().is_zero(), "name taken");
	let owner = env::caller();
	entry.set(&owner);
	NAMES.set(&(NAMES.get() + 1));
	log::emit(&[topic!("Registered(bytes32,address)"), name, owner.encode()], &[]);
}

fn transfer() {
	let (name, from) = owned_by_caller();
	let to: Address = required_arg(1);
	require(!to.is_zero(), "transfer to the zero address");
	OWNER_OF.set(&name, &to);
	log::emit(
		&[topic!("Transferred(bytes32,address,address)"), name, from.encode(), to.encode()],
		&[],
	);
}

fn release() {
	let (name, _) = owned_by_caller();
	// Zero deletes the storage item: the registry's rent falls by its 64 bytes.
	OWNER_OF.set(&name, &Address::ZERO);
	NAMES.set(&(NAMES.get() - 1));
	log::emit(&[topic!("Released(bytes32)"), name], &[]);
}

fn run() {
	if input::size() == 0 {
		log::emit(
			&[topic!("Funded(address,uint256)"), env::caller().encode()],
			&env::call_value().encode(),
		);
		return;
	}
	let payable = input::selector() == Some(ewasm_sdk::selector!("register(bytes32)"));
	require(payable || env::call_value() == 0, "only register and funding take value");
	ewasm_sdk::dispatch! {
		"register(bytes32)" => register(),
		"ownerOf(bytes32)" => halt::finish_value(&OWNER_OF.get(&required_arg(0))),
		"transfer(bytes32,address)" => transfer(),
		"release(bytes32)" => release(),
		"fee()" => halt::finish_value(&FEE.get()),
		"names()" => halt::finish_value(&NAMES.get()),
		"balance()" => halt::finish_value(&env::self_balance()),
	}
}

fn construct() {
	let fee: u128 = input::Arguments::constructor().arg(0).unwrap_or_else(|| halt::revert(&[]));
	FEE.set(&fee);
}

ewasm_sdk::entry!(run, construct);
