//! The comparison table: per scenario and system, criterion's median wall-clock, the weight
//! the pallet charged for the call, and how many such calls fit a block.

use crate::chain::Peer;
use polkadot_sdk::frame_support::weights::{constants::ExtrinsicBaseWeight, Weight};
use std::{fmt::Write as _, path::Path};

/// The parachain's block: 2 s of compute and the relay chain's 5 MiB proof-of-validity limit
/// (`MAXIMUM_BLOCK_WEIGHT` of `ewasm-runtime`), of which normal extrinsics get 75%.
pub const NORMAL_BLOCK: Weight = Weight::from_parts(1_500_000_000_000, 3_932_160);

/// One measured scenario on one system.
#[derive(Clone, Debug)]
pub struct Row {
	/// The scenario.
	pub scenario: &'static str,
	/// The system.
	pub peer: Peer,
	/// The weight the pallet charged (after refunds), without the extrinsic's base weight.
	pub charged: Weight,
	/// Criterion's median, in nanoseconds.
	pub median_ns: f64,
}

impl Row {
	/// How many such calls fit a block's normal share, each with the extrinsic base weight:
	/// the smaller of the ref-time and the proof-size bound.
	pub fn per_block(&self) -> u64 {
		let each = self.charged.saturating_add(ExtrinsicBaseWeight::get());
		let by_time = NORMAL_BLOCK.ref_time() / each.ref_time().max(1);
		let by_proof = NORMAL_BLOCK.proof_size() / each.proof_size().max(1);
		by_time.min(by_proof)
	}

	/// Which dimension bounds [`Row::per_block`].
	pub fn bound_by(&self) -> &'static str {
		let each = self.charged.saturating_add(ExtrinsicBaseWeight::get());
		let by_time = NORMAL_BLOCK.ref_time() / each.ref_time().max(1);
		let by_proof = NORMAL_BLOCK.proof_size() / each.proof_size().max(1);
		if by_proof < by_time {
			"proof"
		} else {
			"time"
		}
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
/// pallet-revive's for the same scenario.
pub fn table(rows: &[Row]) -> String {
	let mut out = String::from(
		"| scenario | system | median wall-clock | charged ref time | charged proof | per block (bound) | time vs revive | weight vs revive |\n|---|---|---|---|---|---|---|---|\n",
	);
	for row in rows {
		let revive =
			rows.iter().find(|other| other.scenario == row.scenario && other.peer == Peer::Revive);
		let (time_ratio, weight_ratio) = match revive {
			Some(revive) => (
				format!("{:.2}×", row.median_ns / revive.median_ns),
				format!(
					"{:.2}×",
					row.charged.ref_time() as f64 / revive.charged.ref_time().max(1) as f64
				),
			),
			None => ("–".into(), "–".into()),
		};
		let _ = writeln!(
			out,
			"| {} | {} | {:.1} µs | {:.1} µs | {} B | {} ({}) | {} | {} |",
			row.scenario,
			row.peer.name(),
			row.median_ns / 1000.0,
			row.charged.ref_time() as f64 / 1e6,
			row.charged.proof_size(),
			row.per_block(),
			row.bound_by(),
			time_ratio,
			weight_ratio,
		);
	}
	out
}
