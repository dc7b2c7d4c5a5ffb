//! Compares the state after a test's transaction with what the test expects.
//!
//! Balances are checked apart from everything else, because they follow the gas model (see
//! [`super`]); the other checks — existence, `shouldnotexist`, nonce, code, the whole storage
//! (keys not listed must be zero) and the logs hash — are *strict*: they check behaviour
//! whatever gas costs.

use super::model::{Expectation, ExpectedAccount, ExpectedFields};
use crate::{
	logs::{logs_hash, Log},
	parse::{format_bytes, format_word},
	sandbox::AccountState,
};
use ewasm_primitives::{value::Word, Address};
use std::collections::{BTreeMap, BTreeSet};

/// What the checks look at after the transaction.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PostState {
	/// The state of every account the test expects something of.
	pub accounts: BTreeMap<Address, AccountState>,
	/// The logs of the transaction, in order.
	pub logs: Vec<Log>,
}

/// The two kinds of checks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Category {
	/// Behaviour: existence, nonce, code, storage, logs.
	Strict,
	/// Balances, which depend on the gas schedule.
	Balance,
}

/// One expectation that does not hold.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Failure {
	/// Which kind of check failed.
	pub category: Category,
	/// What differs, in one line.
	pub reason: String,
}

impl Failure {
	fn strict(reason: String) -> Self {
		Failure { category: Category::Strict, reason }
	}
}

/// Every expectation of `expect` that `post` does not meet.
pub fn check(expect: &Expectation, post: &PostState) -> Vec<Failure> {
	let mut failures = Vec::new();
	for (address, expected) in &expect.accounts {
		let actual = post.accounts.get(address).cloned().unwrap_or_default();
		match expected {
			ExpectedAccount::Absent if actual.exists => {
				failures.push(Failure::strict(format!("{address} exists, expected not to")));
			}
			ExpectedAccount::Absent => {}
			ExpectedAccount::Present(fields) => {
				check_account(address, fields, &actual, &mut failures);
			}
		}
	}
	if let Some(expected) = expect.logs_hash {
		let actual = logs_hash(&post.logs);
		if actual != expected {
			failures.push(Failure::strict(format!(
				"logs hash {} expected {} ({} logs)",
				format_bytes(&actual),
				format_bytes(&expected),
				post.logs.len()
			)));
		}
	}
	failures
}

/// The checks of one account that must exist. When it does not, the missing account is the
/// strict failure (its other strict fields are not compared); its balance still is.
fn check_account(
	address: &Address,
	expected: &ExpectedFields,
	actual: &AccountState,
	failures: &mut Vec<Failure>,
) {
	if let Some(balance) = expected.balance.filter(|balance| *balance != actual.balance) {
		failures.push(Failure {
			category: Category::Balance,
			reason: format!(
				"balance of {address} = {} expected {balance} (difference {})",
				actual.balance,
				signed_difference(actual.balance, balance)
			),
		});
	}
	if !actual.exists {
		failures.push(Failure::strict(format!("{address} does not exist")));
		return;
	}
	if let Some(nonce) = expected.nonce.filter(|nonce| *nonce != actual.nonce) {
		failures.push(Failure::strict(format!(
			"nonce of {address} = {} expected {nonce}",
			actual.nonce
		)));
	}
	if let Some(code) = expected.code.as_ref().filter(|code| **code != actual.code) {
		failures.push(Failure::strict(format!(
			"code of {address} = {} expected {}",
			describe_code(&actual.code),
			describe_code(code)
		)));
	}
	if let Some(storage) = &expected.storage {
		check_storage(address, storage, &actual.storage, failures);
	}
}

/// Compares every key set on either side; an unset key is zero.
fn check_storage(
	address: &Address,
	expected: &BTreeMap<Word, Word>,
	actual: &BTreeMap<Word, Word>,
	failures: &mut Vec<Failure>,
) {
	const ZERO: Word = [0; 32];
	let keys: BTreeSet<&Word> = expected.keys().chain(actual.keys()).collect();
	for key in keys {
		let expected_value = expected.get(key).unwrap_or(&ZERO);
		let actual_value = actual.get(key).unwrap_or(&ZERO);
		if expected_value != actual_value {
			failures.push(Failure::strict(format!(
				"storage {address}[{}] = {} expected {}",
				format_word(key),
				format_word(actual_value),
				format_word(expected_value)
			)));
		}
	}
}

/// `actual - expected` with its sign.
fn signed_difference(actual: u128, expected: u128) -> String {
	if actual >= expected {
		format!("+{}", actual - expected)
	} else {
		format!("-{}", expected - actual)
	}
}

/// Code shown in full up to this many bytes, abbreviated beyond.
const CODE_SHOWN: usize = 16;

/// Code in a failure line: empty, its hex, or the start of its hex and its length.
fn describe_code(code: &[u8]) -> String {
	match code.len() {
		0 => "empty".into(),
		len if len <= CODE_SHOWN => format_bytes(code),
		len => format!("{}... ({len} bytes)", format_bytes(&code[..CODE_SHOWN])),
	}
}

#[cfg(test)]
mod tests {
	use super::*;
	use crate::parse;

	const CONTRACT: Address = Address([0xde; 20]);

	fn word(tail: &[u8]) -> Word {
		let mut word = [0u8; 32];
		word[32 - tail.len()..].copy_from_slice(tail);
		word
	}

	fn expecting(fields: ExpectedFields) -> Expectation {
		Expectation {
			accounts: BTreeMap::from([(CONTRACT, ExpectedAccount::Present(fields))]),
			logs_hash: None,
		}
	}

	fn post(state: AccountState) -> PostState {
		PostState { accounts: BTreeMap::from([(CONTRACT, state)]), logs: Vec::new() }
	}

	fn reasons(failures: &[Failure], category: Category) -> Vec<&str> {
		failures.iter().filter(|f| f.category == category).map(|f| f.reason.as_str()).collect()
	}

	fn existing() -> AccountState {
		AccountState { exists: true, ..Default::default() }
	}

	#[test]
	fn matching_state_has_no_failures() {
		let storage = BTreeMap::from([(word(&[1]), word(&[0xde, 0xad]))]);
		let expect = expecting(ExpectedFields {
			balance: Some(10),
			nonce: Some(1),
			code: Some(vec![0xbe, 0xef]),
			storage: Some(storage.clone()),
		});
		let state =
			AccountState { balance: 10, nonce: 1, code: vec![0xbe, 0xef], storage, ..existing() };
		assert_eq!(check(&expect, &post(state)), []);
	}

	#[test]
	fn storage_must_match_key_by_key() {
		let expect = expecting(ExpectedFields {
			storage: Some(BTreeMap::from([(word(&[0]), word(&[0xde, 0xad]))])),
			..Default::default()
		});
		let state = AccountState {
			storage: BTreeMap::from([(word(&[0]), word(&[0xbe, 0xef])), (word(&[2]), word(&[1]))]),
			..existing()
		};
		let failures = check(&expect, &post(state));
		let address = "0xdededededededededededededededededededede";
		assert_eq!(
			reasons(&failures, Category::Strict),
			[
				format!("storage {address}[0x00] = 0xbeef expected 0xdead"),
				format!("storage {address}[0x02] = 0x01 expected 0x00"),
			]
		);
		assert_eq!(reasons(&failures, Category::Balance), Vec::<&str>::new());
	}

	#[test]
	fn balances_are_their_own_category() {
		let expect = expecting(ExpectedFields { balance: Some(100), ..Default::default() });
		let failures = check(&expect, &post(AccountState { balance: 93, ..existing() }));
		assert_eq!(
			reasons(&failures, Category::Balance),
			["balance of 0xdededededededededededededededededededede = 93 expected 100 (difference -7)"]
		);
		assert!(reasons(&failures, Category::Strict).is_empty());
	}

	#[test]
	fn existence_nonce_and_code() {
		let expect = expecting(ExpectedFields {
			nonce: Some(0),
			code: Some(vec![0xbe, 0xef]),
			..Default::default()
		});
		let failures = check(&expect, &post(AccountState::default()));
		assert_eq!(
			reasons(&failures, Category::Strict),
			["0xdededededededededededededededededededede does not exist"]
		);

		let state = AccountState { nonce: 1, code: vec![0; 40], ..existing() };
		let failures = check(&expect, &post(state));
		assert_eq!(
			reasons(&failures, Category::Strict),
			[
				"nonce of 0xdededededededededededededededededededede = 1 expected 0",
				"code of 0xdededededededededededededededededededede = \
				 0x00000000000000000000000000000000... (40 bytes) expected 0xbeef",
			]
		);

		let absent = Expectation {
			accounts: BTreeMap::from([(CONTRACT, ExpectedAccount::Absent)]),
			logs_hash: None,
		};
		assert_eq!(check(&absent, &post(AccountState::default())), []);
		assert_eq!(
			reasons(&check(&absent, &post(existing())), Category::Strict),
			["0xdededededededededededededededededededede exists, expected not to"]
		);
	}

	#[test]
	fn logs_are_compared_by_hash() {
		let empty = "1dcc4de8dec75d7aab85b567b6ccd41ad312451b948a7413f0a142fd40d49347";
		let expect =
			Expectation { accounts: BTreeMap::new(), logs_hash: Some(parse::hash(empty).unwrap()) };
		assert_eq!(check(&expect, &PostState::default()), []);
		let log = Log { address: CONTRACT, topics: Vec::new(), data: Vec::new() };
		let failures = check(&expect, &PostState { logs: vec![log], ..Default::default() });
		let reason = &reasons(&failures, Category::Strict)[0];
		assert!(reason.starts_with("logs hash 0x"), "{reason}");
		assert!(reason.ends_with(&format!("expected 0x{empty} (1 logs)")), "{reason}");
	}
}
