//! The benchmark's chain does what the table claims on both systems: each ERC-20 is deployed
//! with the supply split between the two holders, every scenario's call succeeds and is charged
//! weight, and a transfer beyond the sender's balance reverts; and so on revm.

use ewasm_peers::{
	chain::{address_word, call_data, number_word, Chain, Peer, ALICE, AMOUNT, BOB},
	contracts, native_evm,
};

#[test]
fn every_scenario_succeeds_on_both_systems() {
	let mut chain = Chain::new(contracts::ewasm(), contracts::evm()).expect("the chain is set up");
	for peer in Peer::ALL {
		let token = chain.erc20(peer);
		let bob = address_word(&chain.holder(peer, &BOB));
		let transfer = chain.call(
			peer,
			token,
			call_data("transfer(address,uint256)", &[bob, number_word(AMOUNT)]),
		);
		for (name, call, signer) in [
			("transfer", transfer, ALICE),
			("balanceOf", chain.call(peer, token, call_data("balanceOf(address)", &[bob])), ALICE),
			("empty call", chain.call(peer, chain.empty(peer), Vec::new()), ALICE),
			("deploy", chain.deploy_erc20(peer), BOB),
		] {
			let dispatched = chain.run(&call, &signer);
			assert!(dispatched.ok, "{name} on {}: {:?}", peer.name(), dispatched.error);
			assert!(dispatched.weight.ref_time() > 0, "{name} on {} is charged", peer.name());
		}
		let over = chain.call(
			peer,
			token,
			call_data("transfer(address,uint256)", &[bob, number_word(u64::MAX)]),
		);
		assert!(
			!chain.run(&over, &BOB).ok,
			"{}: a transfer beyond the balance reverts",
			peer.name()
		);
	}
}

#[test]
fn every_scenario_succeeds_on_revm() {
	let mut native = native_evm::NativeEvm::new(&contracts::evm()).expect("revm is set up");
	let bob = native_evm::address_word(&native_evm::BOB);
	let (alice, token) = (native_evm::ALICE, native.erc20);
	let transfer = call_data("transfer(address,uint256)", &[bob, number_word(AMOUNT)]);
	for (name, transaction) in [
		("transfer", native.call(alice, token, transfer)),
		("balanceOf", native.call(alice, token, call_data("balanceOf(address)", &[bob]))),
		("empty call", native.call(alice, native.empty, Vec::new())),
		("deploy", native.deploy_erc20()),
	] {
		assert!(native.run(&transaction), "{name} on revm");
	}
	let over = call_data("transfer(address,uint256)", &[bob, number_word(u64::MAX)]);
	assert!(!native.run(&native.call(native_evm::BOB, token, over)), "beyond the balance");
}
