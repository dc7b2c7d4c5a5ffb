//! Reading state tests from the two formats of the suite:
//!
//! - JSON (`stEWASMTests_merged.json`): an object of tests, each with `env`, `pre`,
//!   `transaction`, `logs_hash` and `expect` as one object of accounts. Code and call data are
//!   hex. A test that does not have this shape (such as the suite's filled tests, which carry a
//!   state-root hash instead of `expect`) is an error of that test alone.
//! - YAML fillers (`*Filler.yml`): one test per file, `expect` a list of entries for sets of
//!   networks and of data/gas/value indexes; code is WAT or hex. The first entry for
//!   Byzantium (or `ALL`) applies. Fillers carry no logs hash.
//!
//! `env.previousHash` is not read: block hashes follow the state tests' own convention (see
//! [`crate::sandbox`]).

use super::model::{
	Env, Expectation, ExpectedAccount, ExpectedFields, StateTest, Transaction, SENDER, SENDER_KEY,
};
use crate::{code, parse, sandbox::Account};
use ewasm_primitives::value::Word;
use serde::Deserialize;
use std::{collections::BTreeMap, path::Path};

/// A test read from a file: its name, and the test or why it cannot be run.
pub struct LoadedTest {
	/// The test's name.
	pub name: String,
	/// The test, or what is wrong with it.
	pub test: Result<StateTest, String>,
}

/// The tests in `path`, by its extension: `.json` or `.yml`/`.yaml`.
pub fn load_file(path: &Path) -> Result<Vec<LoadedTest>, String> {
	let text = std::fs::read_to_string(path).map_err(|error| format!("cannot read: {error}"))?;
	match path.extension().and_then(|extension| extension.to_str()) {
		Some("json") => json_tests(&text),
		Some("yml" | "yaml") => yaml_tests(&text),
		_ => Err("not a state-test file: expected a .json, .yml or .yaml extension".into()),
	}
}

fn json_tests(text: &str) -> Result<Vec<LoadedTest>, String> {
	let tests: BTreeMap<String, serde_json::Value> = serde_json::from_str(text)
		.map_err(|error| format!("not a JSON object of state tests: {error}"))?;
	Ok(tests
		.into_iter()
		.map(|(name, value)| {
			let test = serde_json::from_value::<RawTest<JsonExpect>>(value)
				.map_err(|error| format!("not a merged state test: {error}"))
				.and_then(RawTest::into_state_test);
			LoadedTest { name, test }
		})
		.collect())
}

/// Fillers are read straight into their shape (not through a YAML value): every scalar is
/// read as a string, so plain scalars that look like numbers (`0`, an address made of
/// digits) keep their text.
fn yaml_tests(text: &str) -> Result<Vec<LoadedTest>, String> {
	let tests: BTreeMap<String, RawTest<Vec<FillerExpect>>> = serde_yaml::from_str(text)
		.map_err(|error| format!("not a YAML state-test filler: {error}"))?;
	Ok(tests
		.into_iter()
		.map(|(name, raw)| LoadedTest { name, test: raw.into_state_test() })
		.collect())
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawEnv {
	current_coinbase: String,
	current_difficulty: String,
	current_gas_limit: String,
	current_number: String,
	current_timestamp: String,
}

#[derive(Deserialize)]
struct RawAccount {
	#[serde(default)]
	balance: String,
	#[serde(default)]
	code: String,
	#[serde(default)]
	nonce: String,
	#[serde(default)]
	storage: BTreeMap<String, String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawTransaction {
	data: Vec<String>,
	gas_limit: Vec<String>,
	gas_price: String,
	#[serde(default)]
	nonce: String,
	secret_key: String,
	#[serde(default)]
	to: String,
	value: Vec<String>,
}

#[derive(Deserialize)]
struct RawExpectedAccount {
	balance: Option<String>,
	code: Option<String>,
	nonce: Option<String>,
	storage: Option<BTreeMap<String, String>>,
	shouldnotexist: Option<String>,
}

type RawAccounts = BTreeMap<String, RawExpectedAccount>;

/// One entry of a filler's `expect` list.
#[derive(Deserialize)]
struct FillerExpect {
	#[serde(default)]
	indexes: Indexes,
	network: Vec<String>,
	result: RawAccounts,
}

/// Which of the transaction's data, gas limits and values apply; -1 means any (the first).
#[derive(Clone, Copy, Debug, Default, Deserialize, PartialEq, Eq)]
struct Indexes {
	#[serde(default)]
	data: i64,
	#[serde(default)]
	gas: i64,
	#[serde(default)]
	value: i64,
}

/// The merged JSON's `expect`: the accounts, for the first data, gas limit and value.
type JsonExpect = RawAccounts;

/// An `expect` section of either format.
trait RawExpectation {
	/// The accounts expected for Byzantium, and the transaction variant they are for.
	fn for_byzantium(self) -> Result<(Indexes, RawAccounts), String>;
}

impl RawExpectation for JsonExpect {
	fn for_byzantium(self) -> Result<(Indexes, RawAccounts), String> {
		Ok((Indexes::default(), self))
	}
}

/// Networks whose expectations hold for Byzantium.
const BYZANTIUM_NETWORKS: [&str; 2] = ["ALL", "Byzantium"];

impl RawExpectation for Vec<FillerExpect> {
	fn for_byzantium(self) -> Result<(Indexes, RawAccounts), String> {
		let networks: Vec<String> =
			self.iter().flat_map(|entry| entry.network.iter().cloned()).collect();
		self.into_iter()
			.find(|entry| entry.network.iter().any(|n| BYZANTIUM_NETWORKS.contains(&n.as_str())))
			.map(|entry| (entry.indexes, entry.result))
			.ok_or_else(|| format!("expect: no entry for Byzantium (networks: {networks:?})"))
	}
}

#[derive(Deserialize)]
struct RawTest<E> {
	env: RawEnv,
	pre: BTreeMap<String, RawAccount>,
	transaction: RawTransaction,
	expect: E,
	#[serde(default)]
	logs_hash: Option<String>,
}

/// Prefixes an error with the field it is about.
fn field<T>(name: &str, result: Result<T, String>) -> Result<T, String> {
	result.map_err(|error| format!("{name}: {error}"))
}

impl<E: RawExpectation> RawTest<E> {
	fn into_state_test(self) -> Result<StateTest, String> {
		let (indexes, accounts) = self.expect.for_byzantium()?;
		let logs_hash = match &self.logs_hash {
			Some(hash) => Some(field("logs_hash", parse::hash(hash))?),
			None => None,
		};
		Ok(StateTest {
			env: field("env", self.env.into_env())?,
			pre: self
				.pre
				.into_iter()
				.map(|(address, account)| {
					let context = format!("pre {address}");
					let address = field(&context, parse::address(&address))?;
					Ok((address, field(&context, account.into_account())?))
				})
				.collect::<Result<_, String>>()?,
			transaction: field("transaction", self.transaction.select(indexes))?,
			expect: Expectation {
				accounts: accounts
					.into_iter()
					.map(|(address, account)| {
						let context = format!("expect {address}");
						let address = field(&context, parse::address(&address))?;
						Ok((address, field(&context, account.into_expected())?))
					})
					.collect::<Result<_, String>>()?,
				logs_hash,
			},
		})
	}
}

impl RawEnv {
	fn into_env(self) -> Result<Env, String> {
		let mut difficulty =
			field("currentDifficulty", parse::word_number(&self.current_difficulty))?;
		difficulty.reverse();
		Ok(Env {
			number: field("currentNumber", parse::u64_number(&self.current_number))?,
			timestamp: field("currentTimestamp", parse::u64_number(&self.current_timestamp))?,
			coinbase: field("currentCoinbase", parse::address(&self.current_coinbase))?,
			difficulty,
			gas_limit: field("currentGasLimit", parse::u64_number(&self.current_gas_limit))?,
		})
	}
}

/// Storage as a test writes it: big-endian numbers for keys and values, zero values left out.
fn storage(raw: BTreeMap<String, String>) -> Result<BTreeMap<Word, Word>, String> {
	let mut storage = BTreeMap::new();
	for (key, value) in raw {
		let context = format!("storage[{key}]");
		let key = field(&context, parse::word_number(&key))?;
		let value = field(&context, parse::word_number(&value))?;
		if value != [0u8; 32] {
			storage.insert(key, value);
		}
	}
	Ok(storage)
}

impl RawAccount {
	fn into_account(self) -> Result<Account, String> {
		Ok(Account {
			balance: field("balance", parse::u128_number(&self.balance))?,
			nonce: field("nonce", parse::u64_number(&self.nonce))?,
			code: field("code", code::from_test_text(&self.code))?,
			storage: storage(self.storage)?.into_iter().collect(),
		})
	}
}

impl RawExpectedAccount {
	fn into_expected(self) -> Result<ExpectedAccount, String> {
		if self.shouldnotexist.is_some() {
			return Ok(ExpectedAccount::Absent);
		}
		Ok(ExpectedAccount::Present(ExpectedFields {
			balance: self.balance.map(|b| field("balance", parse::u128_number(&b))).transpose()?,
			nonce: self.nonce.map(|n| field("nonce", parse::u64_number(&n))).transpose()?,
			code: self.code.map(|c| field("code", code::from_test_text(&c))).transpose()?,
			storage: self.storage.map(storage).transpose()?,
		}))
	}
}

/// The entry of `list` (named `name`) that `index` selects; -1 selects the first.
fn pick<'a>(list: &'a [String], index: i64, name: &str) -> Result<&'a str, String> {
	let position = if index < 0 { 0 } else { index as usize };
	list.get(position).map(String::as_str).ok_or_else(|| {
		format!("{name} has {} entries, the expectation needs entry {position}", list.len())
	})
}

impl RawTransaction {
	fn select(self, indexes: Indexes) -> Result<Transaction, String> {
		let key = self.secret_key.trim().trim_start_matches("0x").to_lowercase();
		if key != SENDER_KEY {
			return Err(format!(
				"secretKey {key} is not the suite's sender key: only {SENDER} can sign"
			));
		}
		let to = self.to.trim();
		Ok(Transaction {
			sender: SENDER,
			nonce: field("nonce", parse::u64_number(&self.nonce))?,
			to: if to.is_empty() { None } else { Some(field("to", parse::address(to))?) },
			data: field("data", code::from_test_text(pick(&self.data, indexes.data, "data")?))?,
			gas_limit: field(
				"gasLimit",
				parse::u64_number(pick(&self.gas_limit, indexes.gas, "gasLimit")?),
			)?,
			gas_price: field("gasPrice", parse::u128_number(&self.gas_price))?,
			value: field("value", parse::u128_number(pick(&self.value, indexes.value, "value")?))?,
		})
	}
}

#[cfg(test)]
mod tests {
	use super::*;
	use ewasm_primitives::Address;

	fn address_of(text: &str) -> Address {
		parse::address(text).unwrap()
	}

	const JSON: &str = r#"{
		"storageLoad": {
			"create_tx": false,
			"env": {
				"currentCoinbase": "0x2adc25665018aa1fe0e6bc666dac8fc2697ff9ba",
				"currentDifficulty": "0x020000",
				"currentGasLimit": "0x05500000",
				"currentNumber": "0x01",
				"currentTimestamp": "0x03e8",
				"previousHash": "0x5e20a0453cecd065ea59c37ac63e079ee08998b6045136a8ce6635c7912ec0b6"
			},
			"expect": {
				"a94f5374fce5edbc8e2a8697c15331677e6ebf0b": { "balance": "99999958664" },
				"deadbeef00000000000000000000000000000000": {
					"storage": { "0": "0xdeadbeef", "1": "0xdeadbeef", "2": "0x00" }
				},
				"6295ee1b4f6dd65047762f924ecd367c17eabf8f": { "shouldnotexist": "1" }
			},
			"logs_hash": "0x1dcc4de8dec75d7aab85b567b6ccd41ad312451b948a7413f0a142fd40d49347",
			"post_hash_byzantium": "0x00",
			"pre": {
				"0xa94f5374fce5edbc8e2a8697c15331677e6ebf0b": {
					"balance": "0x174876e800", "code": "", "nonce": "0x00", "storage": {}
				},
				"0xdeadbeef00000000000000000000000000000000": {
					"balance": "0x174876e800", "code": "0x0061736d01000000", "nonce": "0x00",
					"storage": { "0x00": "0xdeadbeef" }
				}
			},
			"transaction": {
				"data": ["0xffff"], "gasLimit": ["0x5000001"], "gasPrice": "0x01", "nonce": "0x00",
				"secretKey": "0x45a915e4d060149eb4365960e6a7a45f334393093061116b197e3240065ff2d8",
				"to": "0xdeadbeef00000000000000000000000000000000", "value": ["0x00"]
			}
		},
		"broken": { "env": {} }
	}"#;

	const YAML: &str = r#"
creation:
  env:
    currentCoinbase: 2adc25665018aa1fe0e6bc666dac8fc2697ff9ba
    currentDifficulty: '0x020000'
    currentGasLimit: '89128960'
    currentNumber: '1'
    currentTimestamp: '1000'
    previousHash: 5e20a0453cecd065ea59c37ac63e079ee08998b6045136a8ce6635c7912ec0b6
  pre:
    a94f5374fce5edbc8e2a8697c15331677e6ebf0b:
      balance: '100000000000'
      code: ''
      nonce: ''
      storage: {}
    1000000000000000000000000000000000000001:
      balance: 7
      code: |
        (module (memory 1) (export "memory" (memory 0)) (func (export "main")))
      nonce: 0x4
      storage: {
        0: "0xdeadbeef"
      }
  expect:
    - indexes:
        data: !!int 1
        gas: !!int -1
        value: !!int -1
      network:
        - Frontier
      result: {}
    - indexes:
        data: !!int 1
        gas: !!int -1
        value: !!int -1
      network:
        - Byzantium
      result:
        a94f5374fce5edbc8e2a8697c15331677e6ebf0b:
          balance: "99999958664"
          nonce: 1
        1000000000000000000000000000000000000001:
          storage: {
            1: "0xdeadbeef"
          }
  transaction:
    data:
    - '0x'
    - '0x0061'
    gasLimit:
    - '0x5000001'
    gasPrice: '0x01'
    nonce: '0x00'
    secretKey: 45a915e4d060149eb4365960e6a7a45f334393093061116b197e3240065ff2d8
    to: ''
    value:
    - '0'
"#;

	fn word(tail: &[u8]) -> Word {
		let mut word = [0u8; 32];
		word[32 - tail.len()..].copy_from_slice(tail);
		word
	}

	#[test]
	fn merged_json_tests_load_one_by_one() {
		let tests = json_tests(JSON).unwrap();
		let names: Vec<_> = tests.iter().map(|t| t.name.as_str()).collect();
		assert_eq!(names, ["broken", "storageLoad"]);
		let error = tests[0].test.as_ref().unwrap_err();
		assert!(error.starts_with("not a merged state test: missing field"), "{error}");

		let test = tests[1].test.as_ref().unwrap();
		assert_eq!(test.env.number, 1);
		assert_eq!(test.env.timestamp, 1000);
		assert_eq!(test.env.difficulty[..3], [0x00, 0x00, 0x02], "little-endian");
		assert_eq!(test.env.gas_limit, 0x0550_0000);
		let contract = address_of("deadbeef00000000000000000000000000000000");
		let pre = &test.pre[&contract];
		assert_eq!(pre.balance, 100_000_000_000);
		assert_eq!(pre.code, b"\0asm\x01\0\0\0");
		assert_eq!(pre.storage, vec![([0u8; 32], word(&[0xde, 0xad, 0xbe, 0xef]))]);
		assert_eq!(
			test.transaction,
			Transaction {
				sender: SENDER,
				nonce: 0,
				to: Some(contract),
				data: vec![0xff, 0xff],
				gas_limit: 0x500_0001,
				gas_price: 1,
				value: 0,
			}
		);
		assert_eq!(test.expect.logs_hash.unwrap()[..2], [0x1d, 0xcc]);
		let expected_storage = BTreeMap::from([
			(word(&[0]), word(&[0xde, 0xad, 0xbe, 0xef])),
			(word(&[1]), word(&[0xde, 0xad, 0xbe, 0xef])),
		]);
		assert_eq!(
			test.expect.accounts[&contract],
			ExpectedAccount::Present(ExpectedFields {
				storage: Some(expected_storage),
				..Default::default()
			})
		);
		assert_eq!(
			test.expect.accounts[&SENDER],
			ExpectedAccount::Present(ExpectedFields {
				balance: Some(99_999_958_664),
				..Default::default()
			})
		);
		let absent = address_of("6295ee1b4f6dd65047762f924ecd367c17eabf8f");
		assert_eq!(test.expect.accounts[&absent], ExpectedAccount::Absent);
	}

	#[test]
	fn fillers_compile_wat_and_select_the_byzantium_variant() {
		let tests = yaml_tests(YAML).unwrap();
		assert_eq!(tests.len(), 1);
		let test = tests[0].test.as_ref().unwrap();
		let contract = address_of("1000000000000000000000000000000000000001");
		let pre = &test.pre[&contract];
		assert_eq!((pre.balance, pre.nonce), (7, 4));
		assert_eq!(pre.code[..4], *b"\0asm");
		assert_eq!(pre.storage, vec![([0u8; 32], word(&[0xde, 0xad, 0xbe, 0xef]))]);
		assert_eq!(test.pre[&SENDER].nonce, 0);
		assert_eq!(test.transaction.to, None);
		assert_eq!(test.transaction.data, vec![0x00, 0x61], "data index 1");
		assert_eq!(test.expect.logs_hash, None);
		let ExpectedAccount::Present(sender) = &test.expect.accounts[&SENDER] else {
			panic!("the sender is expected to exist");
		};
		assert_eq!((sender.balance, sender.nonce), (Some(99_999_958_664), Some(1)));
	}

	#[test]
	fn field_errors_name_the_field() {
		let bad_balance =
			JSON.replace("\"0x174876e800\", \"code\": \"\"", "\"0xzz\", \"code\": \"\"");
		let error = json_tests(&bad_balance).unwrap().remove(1).test.unwrap_err();
		assert_eq!(
			error,
			"pre 0xa94f5374fce5edbc8e2a8697c15331677e6ebf0b: balance: \"0xzz\" is not a hex number"
		);

		let other_key = JSON.replace("0x45a915e4", "0x55a915e4");
		let error = json_tests(&other_key).unwrap().remove(1).test.unwrap_err();
		assert!(error.starts_with("transaction: secretKey 55a915e4"), "{error}");

		let old_wat = YAML.replace("(func (export", "(func (set_local 0 (i32.const 0)) (export");
		let error = yaml_tests(&old_wat).unwrap().remove(0).test.unwrap_err();
		assert!(
			error.starts_with("pre 1000000000000000000000000000000000000001: code: invalid WAT")
		);

		let no_byzantium = YAML.replace("- Byzantium", "- Constantinople");
		let error = yaml_tests(&no_byzantium).unwrap().remove(0).test.unwrap_err();
		assert!(error.contains("no entry for Byzantium"), "{error}");

		let error = yaml_tests(&YAML.replace("data: !!int 1", "data: !!int 5")).unwrap();
		assert!(error[0].test.as_ref().unwrap_err().contains("needs entry 5"));
	}

	#[test]
	fn files_are_read_by_extension() {
		let error = load_file(Path::new("Cargo.toml")).err().unwrap();
		assert!(error.contains("expected a .json, .yml or .yaml extension"), "{error}");
		let error = load_file(Path::new("missing.json")).err().unwrap();
		assert!(error.starts_with("cannot read"), "{error}");
		assert!(json_tests("[]").err().unwrap().starts_with("not a JSON object of state tests"));
	}
}
