//! What `ewasm statetest` prints: a line per failure or skipped test, and the two summary
//! lines with their counts.

use super::check::{Category, Failure};

/// Counts of one kind of check.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
	/// Tests whose checks of this kind all hold (also when they have none).
	pub passed: usize,
	/// Tests with a failed check of this kind, or that could not run.
	pub failed: usize,
	/// Tests on the skip list.
	pub skipped: usize,
}

/// The counts of the strict and of the balance checks.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Tally {
	/// Behaviour checks.
	pub strict: Counts,
	/// Balance checks.
	pub balance: Counts,
}

impl Tally {
	/// Counts a test that ran with `failures`.
	pub fn record(&mut self, failures: &[Failure]) {
		for (category, counts) in
			[(Category::Strict, &mut self.strict), (Category::Balance, &mut self.balance)]
		{
			if failures.iter().any(|failure| failure.category == category) {
				counts.failed += 1;
			} else {
				counts.passed += 1;
			}
		}
	}

	/// Counts a test that could not run: both kinds fail.
	pub fn record_error(&mut self) {
		self.strict.failed += 1;
		self.balance.failed += 1;
	}

	/// Counts a skipped test.
	pub fn record_skip(&mut self) {
		self.strict.skipped += 1;
		self.balance.skipped += 1;
	}

	/// The two summary lines.
	pub fn summary(&self) -> [String; 2] {
		[summary_line("strict", &self.strict), summary_line("balance", &self.balance)]
	}
}

fn summary_line(label: &str, counts: &Counts) -> String {
	format!(
		"{label}: {} passed, {} failed, {} skipped",
		counts.passed, counts.failed, counts.skipped
	)
}

/// The line of one failed check; `status` is how the transaction ended.
pub fn failure_line(name: &str, failure: &Failure, status: &str) -> String {
	let category = match failure.category {
		Category::Strict => "strict",
		Category::Balance => "balance",
	};
	format!("FAIL {name}: {category}: {} [transaction: {status}]", failure.reason)
}

/// The line of a test that could not run.
pub fn error_line(name: &str, error: &str) -> String {
	format!("FAIL {name}: error: {error}")
}

/// The line of a skipped test.
pub fn skip_line(name: &str, reason: &str) -> String {
	format!("SKIP {name}: {reason}")
}

#[cfg(test)]
mod tests {
	use super::*;

	fn failure(category: Category) -> Failure {
		Failure { category, reason: "balance of 0x01 = 1 expected 2 (difference -1)".into() }
	}

	#[test]
	fn tests_count_once_per_kind() {
		let mut tally = Tally::default();
		tally.record(&[]);
		tally.record(&[failure(Category::Balance), failure(Category::Balance)]);
		tally.record(&[failure(Category::Strict)]);
		tally.record_error();
		tally.record_skip();
		assert_eq!(
			tally.summary(),
			["strict: 2 passed, 2 failed, 1 skipped", "balance: 2 passed, 2 failed, 1 skipped"]
		);
	}

	#[test]
	fn lines_name_the_test_and_the_reason() {
		assert_eq!(
			failure_line("callCode", &failure(Category::Balance), "success"),
			"FAIL callCode: balance: balance of 0x01 = 1 expected 2 (difference -1) \
			 [transaction: success]"
		);
		assert_eq!(error_line("x", "invalid WAT"), "FAIL x: error: invalid WAT");
		assert_eq!(skip_line("createCode", "not wasm"), "SKIP createCode: not wasm");
	}
}
