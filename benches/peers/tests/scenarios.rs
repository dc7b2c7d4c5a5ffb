//! The benchmark's scenarios do what the table claims on every system: each ERC-20 is
//! deployed with the supply split between the two holders, every scenario succeeds (and is
//! charged weight on the runtime), and a transfer beyond the sender's balance reverts.

use ewasm_peers::{
	chain::{address_word, call_data, number_word, Chain, Peer, BOB},
	contracts, native_evm, scenarios,
};

#[test]
fn every_scenario_succeeds_on_every_system() {
	let evm = contracts::evm();
	let mut native = native_evm::NativeEvm::new(&evm).expect("revm is set up");
	let mut chain = Chain::new(contracts::ewasm(), evm).expect("the chain is set up");
	for scenario in scenarios::all(&chain, &native) {
		let charged =
			scenario.run(&mut chain, &mut native).unwrap_or_else(|error| panic!("{error}"));
		if let Some(weight) = charged {
			assert!(weight.ref_time() > 0, "{} is charged", scenario.id());
			// Reading the contract's code at least, and no more than it is charged for.
			let recorded = scenario.recorded_proof(&mut chain).expect("a runtime scenario");
			assert!(
				recorded > 0 && recorded <= weight.proof_size(),
				"{}: {recorded}",
				scenario.id()
			);
		}
	}
}

#[test]
fn a_transfer_beyond_the_balance_reverts_on_every_system() {
	let evm = contracts::evm();
	let mut native = native_evm::NativeEvm::new(&evm).expect("revm is set up");
	let mut chain = Chain::new(contracts::ewasm(), evm).expect("the chain is set up");
	let over = |bob: [u8; 20]| {
		call_data("transfer(address,uint256)", &[address_word(&bob), number_word(u64::MAX)])
	};
	for peer in Peer::ALL {
		let call = chain.call(peer, chain.erc20(peer), over(chain.holder(peer, &BOB).0));
		assert!(chain.run(&call, &BOB).error.is_some(), "{}", peer.name());
	}
	let call = native.call(native_evm::BOB, native.erc20, over(native_evm::BOB.into_array()));
	assert!(!native.run(&call), "revm");
}
