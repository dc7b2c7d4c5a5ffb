//! A client of the value-holding EE for its tests, written from its documented formats (the
//! crate's `block`, `script` and `tree` docs), independently of the EE's own code: scripts and
//! their addresses, secp256k1 signers, the sparse Merkle tree with its proofs, and blocks.
#![allow(dead_code)]

use ewasm_cli::testing::Chain;
use polkadot_sdk::{
	sp_core::{ecdsa, Pair},
	sp_io::{crypto::secp256k1_ecdsa_recover, hashing::keccak_256},
};
use std::collections::BTreeMap;

pub type Word = [u8; 32];

/// What a signed message starts with.
pub const DOMAIN: &[u8] = b"ewasm/value-ee/v1";

/// The chain's id the tool's runtime gives (it is no parachain).
pub const TOOL_CHAIN_ID: u32 = 0;

/// Kinds of transaction.
pub const DEPOSIT: u8 = 0;
pub const TRANSFER: u8 = 1;
pub const WITHDRAWAL: u8 = 2;
pub const CALL: u8 = 3;

/// A secp256k1 key.
pub struct Signer(ecdsa::Pair);

impl Signer {
	/// The key of `seed`.
	pub fn new(seed: u8) -> Self {
		Signer(ecdsa::Pair::from_seed(&[seed; 32]))
	}

	/// Its 65-byte signature `r ‖ s ‖ v` of `message`.
	pub fn sign(&self, message: &Word) -> [u8; 65] {
		self.0.sign_prehashed(message).0
	}

	/// Its Ethereum address.
	pub fn address(&self) -> [u8; 20] {
		let message = [7u8; 32];
		let public = secp256k1_ecdsa_recover(&self.sign(&message), &message)
			.unwrap_or_else(|_| panic!("a key recovers from its signature"));
		keccak_256(&public)[12..].try_into().expect("20 bytes")
	}
}

/// A script that does not limit spending.
#[derive(Clone, Debug)]
pub enum Owner {
	Key([u8; 20]),
	Multi { threshold: u8, keys: Vec<[u8; 20]> },
	Ee { ee: u32, account: Word },
}

/// A script.
#[derive(Clone, Debug)]
pub enum Script {
	Plain(Owner),
	Limit { cap: u128, spender: Owner, owner: Owner },
}

impl Owner {
	fn encode(&self, bytes: &mut Vec<u8>) {
		match self {
			Owner::Key(key) => {
				bytes.push(0);
				bytes.extend(key);
			}
			Owner::Multi { threshold, keys } => {
				bytes.extend([1, *threshold, (keys.len() as u8) << 2]);
				keys.iter().for_each(|key| bytes.extend(key));
			}
			Owner::Ee { ee, account } => {
				bytes.push(2);
				bytes.extend(ee.to_le_bytes());
				bytes.extend(account);
			}
		}
	}
}

impl Script {
	/// Its SCALE encoding.
	pub fn encode(&self) -> Vec<u8> {
		let mut bytes = Vec::new();
		match self {
			Script::Plain(owner) => owner.encode(&mut bytes),
			Script::Limit { cap, spender, owner } => {
				bytes.push(3);
				bytes.extend(cap.to_le_bytes());
				spender.encode(&mut bytes);
				owner.encode(&mut bytes);
			}
		}
		bytes
	}

	/// Its address in the EE.
	pub fn address(&self) -> Word {
		keccak_256(&self.encode())
	}

	/// A single key's script.
	pub fn key(signer: &Signer) -> Self {
		Script::Plain(Owner::Key(signer.address()))
	}
}

/// An account.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Account {
	pub balance: u128,
	pub nonce: u64,
	pub spent: u128,
}

impl Account {
	fn encode(&self) -> Vec<u8> {
		[&self.balance.to_le_bytes()[..], &self.nonce.to_le_bytes(), &self.spent.to_le_bytes()]
			.concat()
	}

	fn leaf(&self) -> Word {
		if *self == Account::default() {
			[0; 32]
		} else {
			keccak_256(&self.encode())
		}
	}
}

fn node(left: &Word, right: &Word) -> Word {
	if *left == [0; 32] && *right == [0; 32] {
		return [0; 32];
	}
	keccak_256(&[&left[..], right].concat())
}

fn bit(key: &Word, index: usize) -> bool {
	key[index / 8] & (0x80 >> (index % 8)) != 0
}

/// The root of the subtree at `depth` holding `leaves` (sorted by key, all under it).
fn subtree(leaves: &[(Word, Word)], depth: usize) -> Word {
	match leaves {
		[] => [0; 32],
		[(_, leaf)] if depth == 256 => *leaf,
		_ => {
			let split = leaves.partition_point(|(key, _)| !bit(key, depth));
			node(&subtree(&leaves[..split], depth + 1), &subtree(&leaves[split..], depth + 1))
		}
	}
}

/// The EE's state as its client keeps it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Tree {
	pub accounts: BTreeMap<Word, Account>,
}

impl Tree {
	fn leaves(&self) -> Vec<(Word, Word)> {
		self.accounts
			.iter()
			.map(|(key, account)| (*key, account.leaf()))
			.filter(|(_, leaf)| *leaf != [0; 32])
			.collect()
	}

	/// The root.
	pub fn root(&self) -> Word {
		subtree(&self.leaves(), 0)
	}

	/// The account of `address`.
	pub fn account(&self, address: &Word) -> Account {
		self.accounts.get(address).copied().unwrap_or_default()
	}

	/// The account of `address` and its proof, as a transaction carries them.
	pub fn account_and_proof(&self, address: &Word) -> Vec<u8> {
		let mut leaves = self.leaves();
		let mut bitmap = [0u8; 32];
		let mut siblings = vec![[0u8; 32]; 256];
		for depth in 0..256 {
			let split = leaves.partition_point(|(key, _)| !bit(key, depth));
			let (left, right) = leaves.split_at(split);
			let (same, other) = if bit(address, depth) { (right, left) } else { (left, right) };
			let level = 255 - depth;
			siblings[level] = subtree(other, depth + 1);
			leaves = same.to_vec();
		}
		let mut bytes = self.account(address).encode();
		let set: Vec<usize> = (0..256).filter(|level| siblings[*level] != [0; 32]).collect();
		set.iter().for_each(|level| bitmap[level / 8] |= 1 << (level % 8));
		bytes.extend(bitmap);
		set.iter().for_each(|level| bytes.extend(siblings[*level]));
		bytes
	}

	/// The sum of every balance.
	pub fn total(&self) -> u128 {
		self.accounts.values().map(|account| account.balance).sum()
	}
}

/// How a spend is authorised: the witness for the message whose keccak256 is signed.
pub type Witness<'a> = Box<dyn Fn(&[u8]) -> Vec<u8> + 'a>;

/// The witness of a single key.
pub fn signed_by(signer: &Signer) -> Witness<'_> {
	Box::new(|preimage| signer.sign(&keccak_256(preimage)).to_vec())
}

/// The witness of `signers` (by their index among the keys) of an m-of-n script.
pub fn signed_by_keys<'a>(signers: Vec<(u8, &'a Signer)>) -> Witness<'a> {
	Box::new(move |preimage| {
		let mut bytes = vec![signers.len() as u8];
		for (index, signer) in &signers {
			bytes.push(*index);
			bytes.extend(signer.sign(&keccak_256(preimage)));
		}
		bytes
	})
}

/// A spending limit's witness: `role` (0 the spender, 1 the owner, signed after the message),
/// then `inner`'s.
pub fn as_role(role: u8, inner: Witness<'_>) -> Witness<'_> {
	Box::new(move |preimage| [vec![role], inner(&[preimage, &[role]].concat())].concat())
}

/// No witness (a script `Ee(id)`: the calling EE authorises).
pub fn unsigned<'a>() -> Witness<'a> {
	Box::new(|_| Vec::new())
}

/// Where a spend goes.
pub enum Destination {
	Account(Word),
	Recipient([u8; 20]),
	Ee(u32, Vec<u8>),
}

/// A block being built on a copy of the tree: the tree after it, and its transactions.
pub struct Block {
	pub ee: u32,
	/// The chain the signatures are for.
	pub chain_id: u32,
	pub tree: Tree,
	pub transactions: Vec<u8>,
	pub value: u128,
}

impl Block {
	/// A block of EE `ee` on `tree`.
	pub fn new(ee: u32, tree: &Tree) -> Self {
		Block {
			ee,
			chain_id: TOOL_CHAIN_ID,
			tree: tree.clone(),
			transactions: Vec::new(),
			value: 0,
		}
	}

	/// The block a user sends: a zero origin, then the transactions. (An EE calling this one
	/// sends its sender's address as the origin, then the transactions its sender signed.)
	pub fn data(&self) -> Vec<u8> {
		[&[0u8; 32][..], &self.transactions].concat()
	}

	/// Deposits `amount` (sent with the block) to `to`.
	pub fn deposit(mut self, to: Word, amount: u128) -> Self {
		self.transactions.push(DEPOSIT);
		self.transactions.extend(amount.to_le_bytes());
		self.transactions.extend(to);
		self.credit(&to, amount);
		self.value += amount;
		self
	}

	fn credit(&mut self, to: &Word, amount: u128) {
		self.transactions.extend(self.tree.account_and_proof(to));
		self.tree.accounts.entry(*to).or_default().balance += amount;
	}

	/// Spends `amount` from `script`'s address to `destination`, with its account's nonce
	/// (`nonce` overrides it), authorised by `witness`.
	pub fn spend(
		mut self,
		script: &Script,
		amount: u128,
		destination: Destination,
		witness: Witness<'_>,
		nonce: Option<u64>,
	) -> Self {
		let from = script.address();
		let account = self.tree.account(&from);
		let mut body = nonce.unwrap_or(account.nonce).to_le_bytes().to_vec();
		body.extend(amount.to_le_bytes());
		let kind = match &destination {
			Destination::Account(to) => {
				body.extend(to);
				TRANSFER
			}
			Destination::Recipient(recipient) => {
				body.extend(recipient);
				WITHDRAWAL
			}
			Destination::Ee(ee, data) => {
				body.extend(ee.to_le_bytes());
				body.extend((data.len() as u32).to_le_bytes());
				body.extend(data);
				CALL
			}
		};
		let ee_address = Chain::ee_address(self.ee).0;
		let chain = self.chain_id.to_le_bytes();
		let preimage = [DOMAIN, &chain, &ee_address[..], &from[..], &[kind], &body[..]].concat();
		self.transactions.push(kind);
		self.transactions.extend(script.encode());
		self.transactions.extend(&body);
		let witness = witness(&preimage);
		self.transactions.extend(&witness);
		self.transactions.extend(self.tree.account_and_proof(&from));
		let spent = match (script, witness_role(script, &witness)) {
			(Script::Limit { .. }, Some(0)) => account.spent + amount,
			(Script::Limit { .. }, _) => 0,
			_ => account.spent,
		};
		let after = Account {
			balance: account.balance.saturating_sub(amount),
			nonce: account.nonce + 1,
			spent,
		};
		self.tree.accounts.insert(from, after);
		if let Destination::Account(to) = destination {
			self.credit(&to, amount);
		}
		self
	}
}

fn witness_role(script: &Script, witness: &[u8]) -> Option<u8> {
	matches!(script, Script::Limit { .. }).then(|| witness[0])
}
