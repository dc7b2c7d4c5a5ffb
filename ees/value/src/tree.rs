//! Accounts and the sparse Merkle tree that holds them.
//!
//! The tree has 2^256 leaves, one per address (32 bytes), the address's bits from the most
//! significant of its first byte choosing the path from the root (0 left, 1 right). A leaf is
//! the hash of its account, or zero for an account never used (balance, nonce and spending all
//! zero); an inner node is zero if both children are, else keccak256 of the two. The root is
//! the EE's state root: the empty tree's is zero.
//!
//! A proof of a leaf is a bitmap of 32 bytes, bit `level` (of byte `level / 8`, from the least
//! significant) set where the sibling at that level is not zero, then the siblings set, 32 bytes
//! each, from the leaf's (level 0) to the root's children's (level 255).

use crate::reader::Reader;
use ewasm_sdk::{
	ee::{keccak256, keccak256_into},
	Word,
};

/// An account: its balance, its nonce (the transactions it has signed), and what its spending
/// key has spent since its owner last spent (spending-limit scripts only).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Account {
	/// Its balance.
	pub balance: u128,
	/// The nonce its next transaction must carry.
	pub nonce: u64,
	/// What a spending limit's spender has spent.
	pub spent: u128,
}

impl Account {
	/// Reads an account: balance (u128), nonce (u64), spent (u128), little-endian.
	pub fn read(reader: &mut Reader<'_>) -> Self {
		Account { balance: reader.u128(), nonce: reader.u64(), spent: reader.u128() }
	}

	/// The account's leaf: zero for an unused account, else keccak256 of its 40 bytes.
	pub fn leaf(&self) -> Word {
		if *self == Account::default() {
			return [0; 32];
		}
		let mut bytes = [0u8; 40];
		bytes[..16].copy_from_slice(&self.balance.to_le_bytes());
		bytes[16..24].copy_from_slice(&self.nonce.to_le_bytes());
		bytes[24..].copy_from_slice(&self.spent.to_le_bytes());
		keccak256(&bytes)
	}
}

/// Bit `index` of `bits` (0 is the most significant of byte 0).
fn path_bit(bits: &Word, index: usize) -> bool {
	bits[index / 8] & (0x80 >> (index % 8)) != 0
}

/// One path up the tree, from a leaf to the root: the node it is at, as the left or right
/// child of the pair the next node is the hash of (two pairs in turn, so that a hash is written
/// where the next level reads it, with no copy; each child a whole `Word`, so that every copy
/// is of a constant 32 bytes).
struct Path {
	pairs: [[Word; 2]; 2],
	/// Which of `pairs` holds the current node.
	current: usize,
	/// Whether the current node is zero.
	zero: bool,
}

impl Path {
	/// A path from `leaf`, the right child of its parent if `right`.
	fn new(leaf: Word, right: bool) -> Self {
		let mut pairs = [[[0u8; 32]; 2]; 2];
		pairs[0][right as usize] = leaf;
		Path { pairs, current: 0, zero: leaf == [0; 32] }
	}

	/// Goes up one level: the current node (the `right` child if so) and `sibling` (zero if
	/// none) make the parent, which is placed as the right child of its own parent if
	/// `parent_right`.
	fn up(&mut self, right: bool, sibling: Option<&Word>, parent_right: bool) {
		let [first, second] = &mut self.pairs;
		let (pair, next) = if self.current == 0 { (first, second) } else { (second, first) };
		pair[!right as usize] = sibling.copied().unwrap_or([0; 32]);
		let parent = &mut next[parent_right as usize];
		if self.zero && sibling.is_none() {
			*parent = [0; 32];
		} else {
			keccak256_into(pair.as_flattened(), parent);
			self.zero = false;
		}
		self.current = 1 - self.current;
	}

	/// The node the path is at, the left child of its pair (the root, after the last level).
	fn node(&self) -> &Word {
		&self.pairs[self.current][0]
	}
}

/// Replaces the leaf of `address` from `old` to `new` in the tree of `root`, with the proof the
/// reader holds: the new root. Panics (failing the block) if the proof does not show `old` at
/// `address` under `root`, or names a sibling of zero (a proof has one form only).
pub fn update(
	root: &Word,
	address: &Word,
	old: &Account,
	new: &Account,
	proof: &mut Reader<'_>,
) -> Word {
	let bitmap: Word = proof.array();
	let right_at = |level: usize| level < 256 && path_bit(address, 255 - level);
	let mut paths = [Path::new(old.leaf(), right_at(0)), Path::new(new.leaf(), right_at(0))];
	for level in 0..256 {
		let sibling = (bitmap[level / 8] & (1 << (level % 8)) != 0).then(|| proof.word());
		assert!(sibling.is_none_or(|sibling| *sibling != [0; 32]), "a zero sibling named");
		for path in &mut paths {
			path.up(right_at(level), sibling, right_at(level + 1));
		}
	}
	assert!(paths[0].node() == root, "the proof does not show the account under the root");
	*paths[1].node()
}
