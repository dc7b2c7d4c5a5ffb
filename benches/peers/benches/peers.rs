//! The side-by-side comparison (`make bench`): every scenario on pallet-ewasm, on
//! pallet-revive's EVM backend and on revm natively, in one run, measured by criterion, then
//! one table of medians, charged weights, recorded proofs and calls per block, printed and
//! written to `<target dir>/criterion/peers.md`.

use criterion::Criterion;
use ewasm_peers::{
	chain::Chain,
	contracts, native_evm,
	report::{criterion_median, table, Row},
	scenarios,
};
use std::path::PathBuf;

const GROUP: &str = "peers";

fn main() {
	let (ewasm, evm) = (contracts::ewasm(), contracts::evm());
	let mut native = native_evm::NativeEvm::new(&evm).expect("revm is set up");
	let mut chain = Chain::new(ewasm, evm).expect("the chain is set up");
	let scenarios = scenarios::all(&chain, &native);
	let measured: Vec<_> = scenarios
		.iter()
		.map(|scenario| {
			let charged = scenario.run(&mut chain, &mut native).expect("every scenario succeeds");
			(charged, scenario.recorded_proof(&mut chain))
		})
		.collect();

	let mut criterion = Criterion::default().sample_size(20).configure_from_args();
	let mut group = criterion.benchmark_group(GROUP);
	for scenario in &scenarios {
		group.bench_function(scenario.id(), |bench| {
			bench.iter(|| scenario.run(&mut chain, &mut native))
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
		.zip(measured)
		.filter_map(|(scenario, (charged, recorded_proof))| {
			// Criterion names its directories after the id; ours have no characters it
			// replaces.
			let median_ns = criterion_median(&criterion_dir, GROUP, &scenario.id())?;
			let (scenario, system) = (scenario.name, scenario.system);
			Some(Row { scenario, system, charged, recorded_proof, median_ns })
		})
		.collect();
	let table = table(&rows);
	println!("\n{table}");
	let out = criterion_dir.join("peers.md");
	std::fs::write(&out, &table).expect("the table is written");
	println!("written to {}", out.display());
}
