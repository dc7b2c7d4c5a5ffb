//! The value-holding execution environment (the seeds' Phase 2 proposal): it holds the chain's
//! native token for addresses that are the keccak256 hash of a validation script, P2SH-style,
//! and keeps their balances in a sparse Merkle tree whose root is its state root. A block is a
//! list of transactions, each with the Merkle proofs of the accounts it touches; the EE checks
//! every proof against the root, every witness against its script, and saves the new root. Any
//! invalid transaction fails the whole block, which then changes nothing.
//!
//! - [`script`]: the scripts (a key, m of n keys, another EE, a spending limit) and their
//!   witnesses;
//! - [`tree`]: accounts and the sparse Merkle tree;
//! - [`block`]: the transactions (deposit, transfer, withdrawal, a call of another EE).
//!
//! The formats are in the README ("The value-holding EE"); `tests/client/src/value-ee.ts`
//! builds blocks for it.
#![cfg_attr(target_arch = "wasm32", no_std)]

extern crate alloc;

pub mod block;
mod reader;
pub mod script;
pub mod tree;

fn run() {
	block::execute();
}

ewasm_sdk::entry!(run);
