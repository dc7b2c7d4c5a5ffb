//! The side-by-side comparison (`make bench`): every scenario on pallet-ewasm, on
//! pallet-revive's EVM backend and on revm natively, in one run, measured by criterion, then
//! one table of medians, charged weights, recorded proofs and calls per block; and the compute
//! comparison: the SDK's SHA-256 contract in the parachain's runtime (wasm, as a node runs it)
//! against the same wasm natively on wasmtime. Both tables are printed and written to
//! `<target dir>/criterion/peers.md`.

use criterion::Criterion;
use ewasm_peers::{
	chain::{Chain, Peer},
	contracts,
	in_runtime::{self, RuntimeInWasm},
	native_evm,
	native_wasm::NativeWasm,
	report::{criterion_median, table, Compute, Row},
	scenarios::{self, HASHED_BYTES, SHA256_SCENARIO},
};
use std::path::{Path, PathBuf};

const GROUP: &str = "peers";
const COMPUTE_GROUP: &str = "compute";

/// The compute comparison's benchmark ids, in [`Compute`]'s order.
const COMPUTE_IDS: [&str; 5] = [
	"hash of 4 KiB in the runtime",
	"hash of nothing in the runtime",
	"Core_version in the runtime",
	"hash of 4 KiB on wasmtime",
	"hash of nothing on wasmtime",
];

fn main() {
	let (ewasm, evm) = (contracts::ewasm(), contracts::evm());
	let sha256 = ewasm.sha256.code.clone();
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
	let mut runtime = RuntimeInWasm::new(&sha256).unwrap_or_else(|error| panic!("{error}"));
	let wasmtime = NativeWasm::new(&sha256).expect("wasmtime compiles the contract");
	let (bytes, nothing) = (scenarios::hash_call(HASHED_BYTES), scenarios::hash_call(0));

	let mut criterion = Criterion::default().sample_size(20).configure_from_args();
	let mut group = criterion.benchmark_group(GROUP);
	for scenario in &scenarios {
		group.bench_function(scenario.id(), |bench| {
			bench.iter(|| scenario.run(&mut chain, &mut native))
		});
	}
	group.finish();
	let mut group = criterion.benchmark_group(COMPUTE_GROUP);
	let [in_runtime_bytes, in_runtime_nothing, version, native_bytes, native_nothing] = COMPUTE_IDS;
	for (id, input) in [(in_runtime_bytes, &bytes), (in_runtime_nothing, &nothing)] {
		group.bench_function(id, |bench| bench.iter(|| runtime.dry_run(in_runtime::SHA256, input)));
	}
	group.bench_function(version, |bench| bench.iter(|| runtime.version()));
	for (id, input) in [(native_bytes, &bytes), (native_nothing, &nothing)] {
		group.bench_function(id, |bench| bench.iter(|| wasmtime.run(input)));
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
	let mut tables = table(&rows);
	if let Some(compute) = compute(&criterion_dir, &rows) {
		tables = format!("{tables}\n{}", compute.table());
	}
	println!("\n{tables}");
	let out = criterion_dir.join("peers.md");
	std::fs::write(&out, &tables).expect("the tables are written");
	println!("written to {}", out.display());
}

/// The compute comparison from criterion's medians and the SHA-256 scenario's charged weight
/// on pallet-ewasm; `None` if a benchmark was filtered out.
fn compute(criterion_dir: &Path, rows: &[Row]) -> Option<Compute> {
	let median = |id| criterion_median(criterion_dir, COMPUTE_GROUP, id);
	let [runtime_bytes, runtime_nothing, runtime_call, native_bytes, native_nothing] =
		COMPUTE_IDS.map(median);
	let charged = rows
		.iter()
		.find(|row| row.scenario == SHA256_SCENARIO && row.system == Peer::Ewasm.name())?
		.charged?;
	Some(Compute {
		runtime_bytes: runtime_bytes?,
		runtime_nothing: runtime_nothing?,
		runtime_call: runtime_call?,
		native_bytes: native_bytes?,
		native_nothing: native_nothing?,
		charged,
	})
}
