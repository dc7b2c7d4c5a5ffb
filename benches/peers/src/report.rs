//! The comparison table: per scenario and system, criterion's median wall-clock, the weight
//! the pallet charged for the call, and how many such calls fit a block.

use crate::chain::Peer;
use polkadot_sdk::frame_support::weights::{constants::ExtrinsicBaseWeight, Weight};
use std::{fmt::Write as _, path::Path};

/// The parachain's block: 2 s of compute and the relay chain's 10 MiB proof-of-validity limit
/// (`MAXIMUM_BLOCK_WEIGHT` of `ewasm-runtime`, `MAX_POV_SIZE` of polkadot-primitives 26), of
/// which normal extrinsics get 75%.
pub const NORMAL_BLOCK: Weight = Weight::from_parts(1_500_000_000_000, 7_864_320);

/// The name of the native floor's rows.
pub const NATIVE_EVM: &str = "revm (native)";

/// One measured scenario on one system.
#[derive(Clone, Debug)]
pub struct Row {
	/// The scenario.
	pub scenario: &'static str,
	/// The system: a [`Peer`]'s name, or [`NATIVE_EVM`].
	pub system: &'static str,
	/// The weight the pallet charged (after refunds), without the extrinsic's base weight;
	/// none for revm, which runs outside a runtime.
	pub charged: Option<Weight>,
	/// The proof a run recorded (bytes); none for revm.
	pub recorded_proof: Option<u64>,
	/// Criterion's median, in nanoseconds.
	pub median_ns: f64,
}

impl Row {
	/// How many such calls fit a block's normal share, each with the extrinsic base weight:
	/// the smaller of the ref-time and the proof-size bound.
	/// `(calls, bound)`: how many fit, and which dimension bounds them (`"time"`/`"proof"`).
	pub fn per_block(&self) -> Option<(u64, &'static str)> {
		Self::fitting(self.charged?)
	}

	/// The same with the charged proof replaced by the recorded one, as weight reclaim does
	/// after each extrinsic.
	pub fn per_block_reclaimed(&self) -> Option<(u64, &'static str)> {
		Self::fitting(self.charged?.set_proof_size(self.recorded_proof?))
	}

	fn fitting(weight: Weight) -> Option<(u64, &'static str)> {
		let each = weight.saturating_add(ExtrinsicBaseWeight::get());
		let by_time = NORMAL_BLOCK.ref_time() / each.ref_time().max(1);
		let by_proof = NORMAL_BLOCK.proof_size() / each.proof_size().max(1);
		Some(if by_proof < by_time { (by_proof, "proof") } else { (by_time, "time") })
	}
}

/// Criterion's median of benchmark `id` (in `group`), from `estimates.json` under
/// `criterion_dir`, in nanoseconds.
pub fn criterion_median(criterion_dir: &Path, group: &str, id: &str) -> Option<f64> {
	let path = criterion_dir.join(group).join(id).join("new").join("estimates.json");
	let estimates: serde_json::Value = serde_json::from_slice(&std::fs::read(path).ok()?).ok()?;
	estimates["median"]["point_estimate"].as_f64()
}

/// The table, in Markdown, with the ratio of each system's median and weight to
/// pallet-revive's, and its median to revm's, for the same scenario.
pub fn table(rows: &[Row]) -> String {
	let mut out = String::from(
		"| scenario | system | median wall-clock | charged ref time | charged proof | per block (bound) | recorded proof | per block, reclaimed | time vs revive | weight vs revive | time vs revm |\n|---|---|---|---|---|---|---|---|---|---|---|\n",
	);
	let same = |row: &Row, system: &str| {
		rows.iter().find(|other| other.scenario == row.scenario && other.system == system).cloned()
	};
	let ratio = |ours: f64, theirs: f64| format!("{:.2}×", ours / theirs);
	for row in rows {
		let revive = same(row, Peer::Revive.name());
		let native = same(row, NATIVE_EVM);
		let weight_ratio = match (row.charged, revive.as_ref().and_then(|revive| revive.charged)) {
			(Some(ours), Some(theirs)) => {
				ratio(ours.ref_time() as f64, theirs.ref_time().max(1) as f64)
			}
			_ => "–".into(),
		};
		let (charged_time, charged_proof) = match row.charged {
			Some(weight) => (
				format!("{:.1} µs", weight.ref_time() as f64 / 1e6),
				format!("{} B", weight.proof_size()),
			),
			None => ("–".into(), "–".into()),
		};
		let fitting = |fit: Option<(u64, &str)>| match fit {
			Some((calls, bound)) => format!("{calls} ({bound})"),
			None => "–".into(),
		};
		let _ = writeln!(
			out,
			"| {} | {} | {:.1} µs | {} | {} | {} | {} | {} | {} | {} | {} |",
			row.scenario,
			row.system,
			row.median_ns / 1000.0,
			charged_time,
			charged_proof,
			fitting(row.per_block()),
			row.recorded_proof.map_or("–".into(), |bytes| format!("{bytes} B")),
			fitting(row.per_block_reclaimed()),
			revive.map_or("–".into(), |revive| ratio(row.median_ns, revive.median_ns)),
			weight_ratio,
			native.map_or("–".into(), |native| ratio(row.median_ns, native.median_ns)),
		);
	}
	out
}

/// The compute comparison's medians, in nanoseconds: SHA-256 of [`crate::scenarios::HASHED_BYTES`]
/// and of nothing by the SDK's contract, in the parachain's runtime (`EwasmApi::call`, two runs
/// of the call each: see [`crate::in_runtime`]) and natively on wasmtime, and the runtime's
/// cheapest call.
#[derive(Clone, Copy, Debug)]
pub struct Compute {
	/// `EwasmApi::call` of the hash of the bytes.
	pub runtime_bytes: f64,
	/// `EwasmApi::call` of the hash of nothing.
	pub runtime_nothing: f64,
	/// `Core::version`: the executor's cost of any runtime call.
	pub runtime_call: f64,
	/// The hash of the bytes on wasmtime.
	pub native_bytes: f64,
	/// The hash of nothing on wasmtime.
	pub native_nothing: f64,
	/// What pallet-ewasm charges for the hash of the bytes (its row in the peers table).
	pub charged: Weight,
}

impl Compute {
	/// The hashing alone in the runtime: one call's share of the difference.
	pub fn in_runtime_compute(&self) -> f64 {
		(self.runtime_bytes - self.runtime_nothing) / 2.0
	}

	/// The hashing alone on wasmtime.
	pub fn native_compute(&self) -> f64 {
		self.native_bytes - self.native_nothing
	}

	/// One whole call of the hash of the bytes in the runtime, the executor's cost taken out.
	pub fn in_runtime_call(&self) -> f64 {
		(self.runtime_bytes - self.runtime_call) / 2.0
	}

	/// The table, in Markdown: what each side measured and the two ratios the project's goals
	/// name (in-runtime compute against native, charged weight against measured time).
	pub fn table(&self) -> String {
		let micros = |ns: f64| format!("{:.1} µs", ns / 1000.0);
		let charged = self.charged.ref_time() as f64 / 1000.0;
		format!(
			"| SHA-256 of 4 KiB | in the runtime (wasmi in wasm) | natively on wasmtime | ratio |\n\
			 |---|---|---|---|\n\
			 | the hashing alone (4 KiB less nothing) | {} | {} | {:.1}× |\n\
			 | the whole call | {} | – | charged {}: {:.2}× the time |\n",
			micros(self.in_runtime_compute()),
			micros(self.native_compute()),
			self.in_runtime_compute() / self.native_compute(),
			micros(self.in_runtime_call()),
			micros(charged),
			charged / self.in_runtime_call(),
		)
	}
}
