//! The token on the ewasm pallet in memory: the deployer holds the supply; transfers,
//! approvals and transfers from an allowance move exactly what they say and log the standard
//! events; what ERC-20 forbids reverts with a message and changes nothing.

/// What the token says of itself, and mints to its deployer (a million tokens of 18 decimals).
const NAME: &str = "Ewasm Token";
const SYMBOL: &str = "EWT20";
const DECIMALS: u8 = 18;
const INITIAL_SUPPLY: u128 = 1_000_000 * 10u128.pow(18);
use ewasm_cli::testing::{build_contract, call_data, Chain, Outcome, ALICE, BOB, CHARLIE};
use ewasm_sdk::{abi::AbiType, topic, Address, U256};

/// A chain with the token deployed by Alice, and its address.
fn deployed() -> (Chain, Address) {
	let contract = build_contract(env!("CARGO_MANIFEST_DIR"));
	let mut chain = Chain::new();
	let deployment = chain.deploy(ALICE, &contract.init_code, 0, &[]).expect("the token deploys");
	let minted = &deployment.logs[0];
	assert_eq!(
		minted.topics,
		[topic!("Transfer(address,address,uint256)"), Address::ZERO.encode(), ALICE.encode()]
	);
	assert_eq!(minted.data, U256::from(INITIAL_SUPPLY).encode());
	(chain, deployment.address)
}

fn balance_of(chain: &mut Chain, token: Address, holder: Address) -> U256 {
	let outcome = chain.call(BOB, token, 0, &call_data("balanceOf(address)", &[holder.encode()]));
	outcome.value().expect("balanceOf returns a uint256")
}

fn tokens(amount: u64) -> U256 {
	U256::from(amount)
}

fn transfer(
	chain: &mut Chain,
	token: Address,
	from: Address,
	to: Address,
	amount: U256,
) -> Outcome {
	chain.call(
		from,
		token,
		0,
		&call_data("transfer(address,uint256)", &[to.encode(), amount.encode()]),
	)
}

#[test]
fn the_deployer_holds_the_whole_supply_and_the_metadata_is_the_token_s() {
	let (mut chain, token) = deployed();
	assert_eq!(balance_of(&mut chain, token, ALICE), U256::from(INITIAL_SUPPLY));
	assert_eq!(balance_of(&mut chain, token, BOB), U256::ZERO);
	let supply = chain.call(BOB, token, 0, &call_data("totalSupply()", &[]));
	assert_eq!(supply.value::<U256>(), Some(U256::from(INITIAL_SUPPLY)));
	let decimals = chain.call(BOB, token, 0, &call_data("decimals()", &[]));
	assert_eq!(decimals.value::<u8>(), Some(DECIMALS));
	for (signature, text) in [("name()", NAME), ("symbol()", SYMBOL)] {
		let output = chain.call(BOB, token, 0, &call_data(signature, &[])).output;
		assert_eq!(
			u64::decode(output[..32].try_into().unwrap()),
			Some(32),
			"{signature}: the offset"
		);
		assert_eq!(u64::decode(output[32..64].try_into().unwrap()), Some(text.len() as u64));
		assert_eq!(&output[64..64 + text.len()], text.as_bytes());
		assert_eq!(output.len(), 64 + text.len().div_ceil(32) * 32);
	}
}

#[test]
fn a_transfer_moves_the_amount_and_logs_it() {
	let (mut chain, token) = deployed();
	let outcome = transfer(&mut chain, token, ALICE, BOB, tokens(250));
	assert!(outcome.succeeded(), "{outcome:?}");
	assert_eq!(outcome.value::<bool>(), Some(true));
	assert_eq!(outcome.logs.len(), 1);
	assert_eq!(
		outcome.logs[0].topics,
		[topic!("Transfer(address,address,uint256)"), ALICE.encode(), BOB.encode()]
	);
	assert_eq!(outcome.logs[0].data, tokens(250).encode());
	assert_eq!(balance_of(&mut chain, token, BOB), tokens(250));
	assert_eq!(balance_of(&mut chain, token, ALICE), U256::from(INITIAL_SUPPLY - 250));
	// To oneself: nothing changes but the log.
	assert!(transfer(&mut chain, token, BOB, BOB, tokens(250)).succeeded());
	assert_eq!(balance_of(&mut chain, token, BOB), tokens(250));
}

#[test]
fn transfers_beyond_the_balance_or_to_the_zero_address_revert_changing_nothing() {
	let (mut chain, token) = deployed();
	assert!(transfer(&mut chain, token, ALICE, BOB, tokens(10)).succeeded());
	let too_much = transfer(&mut chain, token, BOB, CHARLIE, tokens(11));
	assert_eq!(too_much.status, "revert");
	assert_eq!(
		too_much.revert_message().as_deref(),
		Some("ERC20: transfer amount exceeds balance")
	);
	assert!(too_much.logs.is_empty());
	let to_zero = transfer(&mut chain, token, BOB, Address::ZERO, tokens(1));
	assert_eq!(to_zero.revert_message().as_deref(), Some("ERC20: transfer to the zero address"));
	assert_eq!(balance_of(&mut chain, token, BOB), tokens(10));
	assert_eq!(balance_of(&mut chain, token, CHARLIE), U256::ZERO);
}

#[test]
fn an_approved_spender_transfers_from_the_allowance_and_no_more() {
	let (mut chain, token) = deployed();
	let approve = call_data("approve(address,uint256)", &[BOB.encode(), tokens(100).encode()]);
	let approved = chain.call(ALICE, token, 0, &approve);
	assert_eq!(approved.value::<bool>(), Some(true));
	assert_eq!(
		approved.logs[0].topics,
		[topic!("Approval(address,address,uint256)"), ALICE.encode(), BOB.encode()]
	);
	let allowance = |chain: &mut Chain| {
		let input = call_data("allowance(address,address)", &[ALICE.encode(), BOB.encode()]);
		chain.call(CHARLIE, token, 0, &input).value::<U256>().unwrap()
	};
	assert_eq!(allowance(&mut chain), tokens(100));
	let transfer_from = |amount: u64| {
		call_data(
			"transferFrom(address,address,uint256)",
			&[ALICE.encode(), CHARLIE.encode(), tokens(amount).encode()],
		)
	};
	let spent = chain.call(BOB, token, 0, &transfer_from(60));
	assert_eq!(spent.value::<bool>(), Some(true), "{spent:?}");
	assert_eq!(
		spent.logs[0].topics,
		[topic!("Transfer(address,address,uint256)"), ALICE.encode(), CHARLIE.encode()]
	);
	assert_eq!(allowance(&mut chain), tokens(40));
	assert_eq!(balance_of(&mut chain, token, CHARLIE), tokens(60));
	let over = chain.call(BOB, token, 0, &transfer_from(41));
	assert_eq!(over.revert_message().as_deref(), Some("ERC20: insufficient allowance"));
	// Only the spender may spend: Charlie has no allowance.
	let stranger = chain.call(CHARLIE, token, 0, &transfer_from(1));
	assert_eq!(stranger.status, "revert");
	assert_eq!(allowance(&mut chain), tokens(40));
	// An infinite allowance is not spent down.
	let unlimited = call_data("approve(address,uint256)", &[BOB.encode(), U256::MAX.encode()]);
	assert!(chain.call(ALICE, token, 0, &unlimited).succeeded());
	assert!(chain.call(BOB, token, 0, &transfer_from(5)).succeeded());
	assert_eq!(allowance(&mut chain), U256::MAX);
}

#[test]
fn unknown_functions_malformed_arguments_and_value_revert() {
	let (mut chain, token) = deployed();
	assert_eq!(
		chain.call(ALICE, token, 0, &call_data("mint(uint256)", &[tokens(1).encode()])).status,
		"revert"
	);
	let mut bad_address = BOB.encode();
	bad_address[0] = 1;
	assert_eq!(
		transfer_raw(&mut chain, token, &[bad_address, tokens(1).encode()]).status,
		"revert"
	);
	assert_eq!(
		transfer_raw(&mut chain, token, &[BOB.encode()]).status,
		"revert",
		"an argument short"
	);
	let paid = chain.call(ALICE, token, 1, &call_data("totalSupply()", &[]));
	assert_eq!(paid.status, "revert");
	assert_eq!(chain.balance(token), 0, "the value went back");
	assert_eq!(balance_of(&mut chain, token, BOB), U256::ZERO);
}

fn transfer_raw(chain: &mut Chain, token: Address, args: &[[u8; 32]]) -> Outcome {
	chain.call(ALICE, token, 0, &call_data("transfer(address,uint256)", args))
}
