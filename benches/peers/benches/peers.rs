//! The side-by-side comparison (`make bench`): every scenario on pallet-ewasm, on
//! pallet-revive's EVM backend and on revm natively, in one run, measured by criterion, then
//! one table of medians, charged weights and calls per block, printed and written to
//! `<target dir>/criterion/peers.md`.

use criterion::{BenchmarkGroup, Criterion};
use ewasm_peers::{
	chain::{address_word, call_data, number_word, Chain, Peer, ALICE, AMOUNT, BOB},
	contracts, native_evm,
	report::{criterion_median, table, Row, NATIVE_EVM},
	runtime::{AccountId, RuntimeCall},
};
use revm::context::TxEnv;
use std::path::PathBuf;

const GROUP: &str = "peers";

/// What a scenario runs: a signed call on the runtime, or a transaction on revm.
enum Work {
	Runtime { call: RuntimeCall, signer: AccountId },
	Native(TxEnv),
}

/// One scenario on one system.
struct Scenario {
	name: &'static str,
	system: &'static str,
	work: Work,
}

impl Scenario {
	fn id(&self) -> String {
		format!("{} on {}", self.name, self.system)
	}
}

fn scenarios(chain: &Chain, native: &native_evm::NativeEvm) -> Vec<Scenario> {
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
			all.push(Scenario { name, system: peer.name(), work: Work::Runtime { call, signer } });
		}
	}
	let bob = native_evm::address_word(&native_evm::BOB);
	let transfer = call_data("transfer(address,uint256)", &[bob, number_word(AMOUNT)]);
	for (name, transaction) in [
		("ERC-20 transfer", native.call(native_evm::ALICE, native.erc20, transfer)),
		(
			"ERC-20 balanceOf",
			native.call(native_evm::ALICE, native.erc20, call_data("balanceOf(address)", &[bob])),
		),
		("empty call", native.call(native_evm::ALICE, native.empty, Vec::new())),
		("ERC-20 deploy", native.deploy_erc20()),
	] {
		all.push(Scenario { name, system: NATIVE_EVM, work: Work::Native(transaction) });
	}
	all
}

fn bench(
	group: &mut BenchmarkGroup<'_, criterion::measurement::WallTime>,
	scenario: &Scenario,
	chain: &mut Chain,
	native: &mut native_evm::NativeEvm,
) {
	group.bench_function(scenario.id(), |bench| match &scenario.work {
		Work::Runtime { call, signer } => bench.iter(|| chain.run(call, signer)),
		Work::Native(transaction) => bench.iter(|| native.run(transaction)),
	});
}

fn main() {
	let (ewasm, evm) = (contracts::ewasm(), contracts::evm());
	let mut native = native_evm::NativeEvm::new(&evm).expect("revm is set up");
	let mut chain = Chain::new(ewasm, evm).expect("the chain is set up");
	let scenarios = scenarios(&chain, &native);
	let mut charged = Vec::new();
	for scenario in &scenarios {
		charged.push(match &scenario.work {
			Work::Runtime { call, signer } => {
				let dispatched = chain.run(call, signer);
				assert!(dispatched.ok, "{}: {:?}", scenario.id(), dispatched.error);
				Some(dispatched.weight)
			}
			Work::Native(transaction) => {
				assert!(native.run(transaction), "{} fails", scenario.id());
				None
			}
		});
	}

	let mut criterion = Criterion::default().sample_size(20).configure_from_args();
	let mut group = criterion.benchmark_group(GROUP);
	for scenario in &scenarios {
		bench(&mut group, scenario, &mut chain, &mut native);
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
			// Criterion names its directories after the id; ours have no characters it
			// replaces.
			let median_ns = criterion_median(&criterion_dir, GROUP, &scenario.id())?;
			Some(Row { scenario: scenario.name, system: scenario.system, charged, median_ns })
		})
		.collect();
	let table = table(&rows);
	println!("\n{table}");
	let out = criterion_dir.join("peers.md");
	std::fs::write(&out, &table).expect("the table is written");
	println!("written to {}", out.display());
}
