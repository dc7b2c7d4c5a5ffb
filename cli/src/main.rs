//! `ewasm`: runs Ewasm contracts off-chain, in an in-memory runtime with the ewasm pallet.

mod code;
mod logs;
mod parse;
mod rlp;
mod runtime;
mod sandbox;

fn main() {}
