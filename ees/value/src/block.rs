//! A block: its origin (32 bytes: the address, in the calling EE, of the account that sent it
//! there, when another EE sends it with `eth2.callEE`; anything, e.g. zero, when a user sends
//! it), then transactions one after another, until the data ends. Each names the accounts it
//! touches with their current contents and a proof against the root as the transactions before
//! it left it; all numbers little-endian.
//!
//! | kind | transaction |
//! |---|---|
//! | `0x00` deposit | amount (u128), `to` (32-byte address), `to`'s account and proof |
//! | `0x01` transfer | the sender's script, nonce (u64), amount (u128), `to` (32-byte address), witness, the sender's account and proof, then `to`'s (against the root after the sender's) |
//! | `0x02` withdrawal | the sender's script, nonce (u64), amount (u128), recipient (20-byte chain address), witness, the sender's account and proof |
//! | `0x03` call | the sender's script, nonce (u64), amount (u128), EE id (u32), data length (u32) and data, witness, the sender's account and proof |
//!
//! An account is its balance (u128), nonce (u64) and spent (u128); a proof is as [`tree`]
//! describes. Deposits credit the value sent with the block: they must add up to exactly that
//! value. A withdrawal pays the recipient out of the EE's balance (`eth2.transfer`; not this EE
//! itself); a call runs EE `id` with the amount on a block of the sender's address (its origin)
//! and the data (`eth2.callEE`: e.g. deposits into another value EE, where an account of script
//! `Ee { id: this EE's, account: the sender }` may then spend). Each must succeed.
//!
//! The message a witness signs is keccak256 of `"ewasm/value-ee/v1"`, the chain's id (u32:
//! this parachain's), this EE's address (20 bytes), the sender's address (32), the kind (1), the
//! transaction's bytes from its nonce to its witness, and, for a spending limit, the witness's
//! role (1): a signature is good on one chain, for one EE, once. The nonce must be the sender's
//! account's; it counts up by one.

use crate::{
	reader::Reader,
	script::Script,
	tree::{self, Account},
};
use alloc::{vec, vec::Vec};
use ewasm_sdk::{ee, Address, Word};

/// What a signed message starts with.
pub const DOMAIN: &[u8] = b"ewasm/value-ee/v1";

/// Kinds of transaction.
const DEPOSIT: u8 = 0;
const TRANSFER: u8 = 1;
const WITHDRAWAL: u8 = 2;
const CALL: u8 = 3;

/// Where a spend goes.
enum Destination<'a> {
	/// An address of this EE.
	Account(Word),
	/// An account of the chain.
	Recipient(Address),
	/// Another EE, with data.
	Ee(u32, &'a [u8]),
}

/// Runs the block: applies every transaction to the pre-state root and saves the root they
/// leave. Panics (failing the block) on any invalid transaction.
pub fn execute() {
	let mut data = vec![0u8; ee::block_data_size()];
	ee::copy_block_data(0, &mut data);
	let mut reader = Reader::new(&data);
	let origin: Word = reader.array();
	let me = ee::address();
	let chain = ee::chain_id();
	let mut root = ee::pre_state_root();
	let mut deposited = 0u128;
	while !reader.is_empty() {
		let kind = reader.u8();
		if kind == DEPOSIT {
			let amount = reader.u128();
			let to: Word = reader.array();
			deposited = deposited.checked_add(amount).unwrap_or_else(|| panic!("overflow"));
			root = credit(&root, &to, amount, &mut reader);
			continue;
		}
		let (script, from) = Script::read(&mut reader);
		let body_start = reader.position();
		let nonce = reader.u64();
		let amount = reader.u128();
		let destination = match kind {
			TRANSFER => Destination::Account(reader.array()),
			WITHDRAWAL => Destination::Recipient(Address(reader.array())),
			CALL => {
				let ee = reader.u32();
				let length = reader.u32() as usize;
				Destination::Ee(ee, reader.take(length))
			}
			_ => panic!("no such transaction"),
		};
		let mut preimage = preimage(chain, &me, &from, kind, reader.since(body_start));
		let role = script.authorise(&mut reader, &mut preimage, &origin);
		let account = Account::read(&mut reader);
		assert!(account.nonce == nonce, "a nonce other than the account's");
		let balance = account.balance.checked_sub(amount).unwrap_or_else(|| panic!("short"));
		let spent = script.spent_after(role, account.spent, amount);
		let nonce = nonce.checked_add(1).unwrap_or_else(|| panic!("nonces exhausted"));
		let after = Account { balance, nonce, spent };
		root = tree::update(&root, &from, &account, &after, &mut reader);
		match destination {
			Destination::Account(to) => root = credit(&root, &to, amount, &mut reader),
			Destination::Recipient(recipient) => {
				assert!(recipient != me, "a withdrawal to this EE itself");
				assert!(ee::transfer(&recipient, amount), "the withdrawal cannot be paid")
			}
			Destination::Ee(ee, call_data) => {
				// The callee's block: its origin, the sender, then the signed data.
				let block = [&from[..], call_data].concat();
				assert!(ee::call_ee(ee, &block, amount), "the call failed")
			}
		}
	}
	assert!(deposited == ee::call_value(), "deposits must add up to the value sent");
	ee::save_post_state_root(&root);
}

/// Credits `amount` to the account of `to` whose contents and proof the reader holds: the new
/// root.
fn credit(root: &Word, to: &Word, amount: u128, reader: &mut Reader<'_>) -> Word {
	let account = Account::read(reader);
	let balance = account.balance.checked_add(amount).unwrap_or_else(|| panic!("overflow"));
	tree::update(root, to, &account, &Account { balance, ..account }, reader)
}

/// What a witness signs the keccak256 of for a transaction of `kind` from `from` whose bytes
/// from the nonce to the witness are `body`, on chain `chain` in EE `me` (a spending limit's
/// role byte follows).
fn preimage(chain: u32, me: &Address, from: &Word, kind: u8, body: &[u8]) -> Vec<u8> {
	[DOMAIN, &chain.to_le_bytes(), &me.0, from, &[kind], body].concat()
}
