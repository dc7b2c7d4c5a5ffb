//! An ERC-20 token (EIP-20) as an Ewasm contract, with Solidity's ABI: `name()`, `symbol()`,
//! `decimals()`, `totalSupply()`, `balanceOf(address)`, `transfer(address,uint256)`,
//! `transferFrom(address,address,uint256)`, `approve(address,uint256)`,
//! `allowance(address,address)`, and the `Transfer` and `Approval` events with the standard
//! topics. The init code mints the whole supply, [`INITIAL_SUPPLY`], to the deployer (a
//! `Transfer` from the zero address).
//!
//! Storage as solc lays out `uint256 totalSupply; mapping(address => uint256) balances;
//! mapping(address => mapping(address => uint256)) allowances;`. A failed transfer or
//! approval reverts with Solidity's `Error(string)`; a call that names no function, or sends
//! value, reverts with no data.
#![cfg_attr(target_arch = "wasm32", no_std)]

use ewasm_sdk::{
	abi::{AbiType, Encoder},
	env, halt,
	input::required_arg,
	log,
	storage::{Mapping, Mapping2, Slot},
	topic, Address, U256,
};

/// The token's name.
pub const NAME: &str = "Ewasm Token";
/// The token's symbol.
pub const SYMBOL: &str = "EWT20";
/// Decimals of its display unit.
pub const DECIMALS: u8 = 18;
/// What the init code mints to the deployer: a million tokens.
pub const INITIAL_SUPPLY: u128 = 1_000_000 * 10u128.pow(DECIMALS as u32);

const TOTAL_SUPPLY: Slot<U256> = Slot::new(0);
const BALANCES: Mapping<Address, U256> = Mapping::new(1);
const ALLOWANCES: Mapping2<Address, Address, U256> = Mapping2::new(2);

/// Returns a string, ABI-encoded.
fn finish_string(text: &str) -> ! {
	let mut buffer = [0u8; 96];
	match Encoder::new(&mut buffer, 1).bytes(text.as_bytes()).finish() {
		Some(encoded) => halt::finish(encoded),
		None => halt::revert(&[]),
	}
}

/// Moves `amount` from `from` to `to`, emitting `Transfer`; reverts if `from` holds less.
fn move_tokens(from: &Address, to: &Address, amount: U256) {
	if to.is_zero() {
		halt::revert_with_message("ERC20: transfer to the zero address");
	}
	// Each key hashed once (keccak256 runs in wasm): `at`, then read and write.
	let (sender, receiver) = (BALANCES.at(from), BALANCES.at(to));
	let Some(left) = sender.get().checked_sub(amount) else {
		halt::revert_with_message("ERC20: transfer amount exceeds balance")
	};
	sender.set(&left);
	// Cannot overflow: the sum of all balances is the total supply.
	receiver.set(&receiver.get().saturating_add(amount));
	log::emit(
		&[topic!("Transfer(address,address,uint256)"), from.encode(), to.encode()],
		&amount.encode(),
	);
}

/// Sets `owner`'s allowance for `spender`, emitting `Approval`.
fn set_allowance(owner: &Address, spender: &Address, amount: U256) {
	ALLOWANCES.set(owner, spender, &amount);
	log::emit(
		&[topic!("Approval(address,address,uint256)"), owner.encode(), spender.encode()],
		&amount.encode(),
	);
}

fn run() {
	if env::call_value() != 0 {
		halt::revert(&[]);
	}
	ewasm_sdk::dispatch! {
		"name()" => finish_string(NAME),
		"symbol()" => finish_string(SYMBOL),
		"decimals()" => halt::finish_value(&DECIMALS),
		"totalSupply()" => halt::finish_value(&TOTAL_SUPPLY.get()),
		"balanceOf(address)" => halt::finish_value(&BALANCES.get(&required_arg(0))),
		"allowance(address,address)" => halt::finish_value(&ALLOWANCES.get(&required_arg(0), &required_arg(1))),
		"transfer(address,uint256)" => {
			move_tokens(&env::caller(), &required_arg(0), required_arg(1));
			halt::finish_value(&true)
		},
		"approve(address,uint256)" => {
			set_allowance(&env::caller(), &required_arg(0), required_arg(1));
			halt::finish_value(&true)
		},
		"transferFrom(address,address,uint256)" => {
			let (from, spender, amount): (Address, Address, U256) = (required_arg(0), env::caller(), required_arg(2));
			let allowance = ALLOWANCES.at(&from, &spender);
			let allowed = allowance.get();
			let Some(left) = allowed.checked_sub(amount) else {
				halt::revert_with_message("ERC20: insufficient allowance")
			};
			if allowed != U256::MAX {
				allowance.set(&left);
			}
			move_tokens(&from, &required_arg(1), amount);
			halt::finish_value(&true)
		},
	}
}

/// The constructor: mints [`INITIAL_SUPPLY`] to the deployer.
fn construct() {
	let deployer = env::caller();
	let supply = U256::from(INITIAL_SUPPLY);
	TOTAL_SUPPLY.set(&supply);
	BALANCES.set(&deployer, &supply);
	log::emit(
		&[topic!("Transfer(address,address,uint256)"), Address::ZERO.encode(), deployer.encode()],
		&supply.encode(),
	);
}

ewasm_sdk::entry!(run, construct);
