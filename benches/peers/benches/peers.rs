//! The side-by-side comparison (`make bench`): every scenario on pallet-ewasm and on
//! pallet-revive's EVM backend in one run, measured by criterion, then one table of medians,
//! charged weights and calls per block, printed and written to
//! `<target dir>/criterion/peers.md`.

use criterion::Criterion;
use ewasm_peers::{
	chain::{address_word, call_data, number_word, Chain, Peer, ALICE, AMOUNT, BOB},
	contracts,
	report::{criterion_median, table, Row},
	runtime::{AccountId, RuntimeCall},
};
use std::path::PathBuf;

const GROUP: &str = "peers";

/// One scenario on one system: the call and who signs it.
struct Scenario {
	name: &'static str,
	peer: Peer,
	call: RuntimeCall,
	signer: AccountId,
}

fn scenarios(chain: &Chain) -> Vec<Scenario> {
	let mut all = Vec::new();
	for peer in Peer::ALL {
		let token = chain.erc20(peer);
		let bob = address_word(&chain.holder(peer, &BOB));
		let transfer = call_data("transfer(address,uint256)", &[bob, number_word(AMOUNT)]);
		let balance_of = call_data("balanceOf(address)", &[bob]);
		for (name, call, signer) in [
			("ERC-20 transfer", chain.call(peer, token, transfer), ALICE),
			("ERC-20 balanceOf", chain.call(peer, token, balance_of), ALICE),
			("empty call", chain.call(peer, chain.empty(peer), Vec::new()), ALICE),
			("ERC-20 deploy", chain.deploy_erc20(peer), BOB),
		] {
			all.push(Scenario { name, peer, call, signer });
		}
	}
	all
}

fn main() {
	let mut chain = Chain::new(contracts::ewasm(), contracts::evm()).expect("the chain is set up");
	let scenarios = scenarios(&chain);
	let mut charged = Vec::new();
	for scenario in &scenarios {
		let dispatched = chain.run(&scenario.call, &scenario.signer);
		assert!(dispatched.ok, "{} on {} fails", scenario.name, scenario.peer.name());
		charged.push(dispatched.weight);
	}

	let mut criterion = Criterion::default().sample_size(20).configure_from_args();
	let mut group = criterion.benchmark_group(GROUP);
	let id = |scenario: &Scenario| format!("{} on {}", scenario.name, scenario.peer.name());
	for scenario in &scenarios {
		group.bench_function(id(scenario), |bench| {
			bench.iter(|| chain.run(&scenario.call, &scenario.signer))
		});
	}
	group.finish();

	let target = PathBuf::from(
		std::env::var("CARGO_TARGET_DIR")
			.unwrap_or_else(|_| concat!(env!("CARGO_MANIFEST_DIR"), "/../../target").into()),
	);
	let criterion_dir = target.join("criterion");
	let rows: Vec<Row> = scenarios
		.iter()
		.zip(charged)
		.filter_map(|(scenario, charged)| {
			// Criterion names its directories after the id, with characters it cannot use
			// in paths replaced; ours are all plain.
			let median = criterion_median(&criterion_dir, GROUP, &id(scenario))?;
			Some(Row { scenario: scenario.name, peer: scenario.peer, charged, median_ns: median })
		})
		.collect();
	let table = table(&rows);
	println!("\n{table}");
	let out = criterion_dir.join("peers.md");
	std::fs::write(&out, &table).expect("the table is written");
	println!("written to {}", out.display());
}
