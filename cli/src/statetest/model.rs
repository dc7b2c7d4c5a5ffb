//! A state test as the runner sees it, whichever file format it came from: the block, the
//! accounts before, the one transaction, and what must hold afterwards.

use crate::sandbox::Account;
use ewasm_primitives::{value::Word, Address};
use std::collections::BTreeMap;

/// The sender of every transaction of the suite (its key is [`SENDER_KEY`]).
pub const SENDER: Address = Address([
	0xa9, 0x4f, 0x53, 0x74, 0xfc, 0xe5, 0xed, 0xbc, 0x8e, 0x2a, 0x86, 0x97, 0xc1, 0x53, 0x31, 0x67,
	0x7e, 0x6e, 0xbf, 0x0b,
]);

/// The secret key of [`SENDER`], as the suite writes it.
pub const SENDER_KEY: &str = "45a915e4d060149eb4365960e6a7a45f334393093061116b197e3240065ff2d8";

/// One state test.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StateTest {
	/// The block the transaction runs in.
	pub env: Env,
	/// The accounts before the transaction.
	pub pre: BTreeMap<Address, Account>,
	/// The transaction.
	pub transaction: Transaction,
	/// What must hold afterwards.
	pub expect: Expectation,
}

/// The block of a state test.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Env {
	/// Its number.
	pub number: u64,
	/// Its timestamp in seconds.
	pub timestamp: u64,
	/// Its author.
	pub coinbase: Address,
	/// Its difficulty, u256 little-endian (as contracts see it).
	pub difficulty: Word,
	/// Its gas limit.
	pub gas_limit: u64,
}

/// The transaction of a state test, with the data, gas limit and value its expectation
/// selects.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Transaction {
	/// Who signs it.
	pub sender: Address,
	/// Its nonce.
	pub nonce: u64,
	/// The contract called, or `None` for a creation (`data` is then the init code).
	pub to: Option<Address>,
	/// Call data, or init code.
	pub data: Vec<u8>,
	/// Gas limit, intrinsic gas included.
	pub gas_limit: u64,
	/// Price of one unit of gas.
	pub gas_price: u128,
	/// Value sent.
	pub value: u128,
}

/// What must hold after the transaction.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Expectation {
	/// Accounts and what they must hold.
	pub accounts: BTreeMap<Address, ExpectedAccount>,
	/// `keccak256(rlp(logs))`, when the test gives it.
	pub logs_hash: Option<Word>,
}

/// What an account must hold.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ExpectedAccount {
	/// It must not exist (`shouldnotexist`).
	Absent,
	/// It must exist, with the fields given.
	Present(ExpectedFields),
}

/// The fields of an account a test checks; `None` is not checked.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ExpectedFields {
	/// Its balance.
	pub balance: Option<u128>,
	/// Its nonce.
	pub nonce: Option<u64>,
	/// Its code.
	pub code: Option<Vec<u8>>,
	/// Its whole storage, non-zero values only: any other key must be zero.
	pub storage: Option<BTreeMap<Word, Word>>,
}
