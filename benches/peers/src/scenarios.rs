//! The scenarios, one list for the benchmark and its test: each one's work on pallet-ewasm,
//! on pallet-revive and on revm.

use crate::{
	chain::{address_word, call_data, number_word, Chain, Peer, ALICE, AMOUNT, BOB},
	native_evm::{self, NativeEvm},
	report::NATIVE_EVM,
	runtime::{AccountId, RuntimeCall},
};
use polkadot_sdk::frame_support::weights::Weight;
use revm::context::TxEnv;

/// What a scenario runs: a signed call on the runtime, or a transaction on revm.
pub enum Work {
	/// `call` signed by `signer`.
	Runtime {
		/// The call.
		call: RuntimeCall,
		/// Who signs it.
		signer: AccountId,
	},
	/// A transaction on revm.
	Native(TxEnv),
}

/// One scenario on one system.
pub struct Scenario {
	/// The scenario's name in the table.
	pub name: &'static str,
	/// The system's name in the table.
	pub system: &'static str,
	/// What it runs.
	pub work: Work,
}

impl Scenario {
	/// Its benchmark id: `<name> on <system>`.
	pub fn id(&self) -> String {
		format!("{} on {}", self.name, self.system)
	}

	/// Runs it once, leaving no change: the weight charged on the runtime (`None` on revm), or
	/// why it failed.
	pub fn run(&self, chain: &mut Chain, native: &mut NativeEvm) -> Result<Option<Weight>, String> {
		match &self.work {
			Work::Runtime { call, signer } => {
				let dispatched = chain.run(call, signer);
				match dispatched.error {
					None => Ok(Some(dispatched.weight)),
					Some(error) => Err(format!("{}: {error:?}", self.id())),
				}
			}
			Work::Native(transaction) => match native.run(transaction) {
				true => Ok(None),
				false => Err(format!("{} fails", self.id())),
			},
		}
	}

	/// The proof a run records on the runtime ([`Chain::recorded_proof`]); `None` on revm.
	pub fn recorded_proof(&self, chain: &mut Chain) -> Option<u64> {
		match &self.work {
			Work::Runtime { call, signer } => Some(chain.recorded_proof(call, signer)),
			Work::Native(_) => None,
		}
	}
}

/// The compute-heavy scenario's name: SHA-256 in contract code.
pub const SHA256_SCENARIO: &str = "SHA-256 of 4 KiB";

/// The scenario of the largest code: pallet-ewasm's only (the EVM's code limit is 24 KiB).
pub const LARGEST_SCENARIO: &str = "call of a 128 KiB contract";

/// How many bytes the compute-heavy scenario hashes.
pub const HASHED_BYTES: usize = 4096;

/// `hash(bytes)`'s call data for `len` bytes of a fixed pattern: what the compute-heavy
/// scenario sends each system's SHA-256 contract ([`HASHED_BYTES`] of them).
pub fn hash_call(len: usize) -> Vec<u8> {
	let mut input = call_data("hash(bytes)", &[number_word(32), number_word(len as u64)]);
	input.extend((0..len).map(|i| (i % 251) as u8));
	input.resize(4 + 64 + len.div_ceil(32) * 32, 0);
	input
}

/// Every scenario on every system, in the table's order.
pub fn all(chain: &Chain, native: &NativeEvm) -> Vec<Scenario> {
	let mut all = Vec::new();
	for peer in Peer::ALL {
		let token = chain.erc20(peer);
		let bob = address_word(&chain.holder(peer, &BOB).0);
		let transfer = call_data("transfer(address,uint256)", &[bob, number_word(AMOUNT)]);
		let balance_of = call_data("balanceOf(address)", &[bob]);
		for (name, call, signer) in [
			("ERC-20 transfer", chain.call(peer, token, transfer), ALICE),
			("ERC-20 balanceOf", chain.call(peer, token, balance_of), ALICE),
			("empty call", chain.call(peer, chain.empty(peer), Vec::new()), ALICE),
			(SHA256_SCENARIO, chain.call(peer, chain.sha256(peer), hash_call(HASHED_BYTES)), ALICE),
			("ERC-20 deploy", chain.deploy_erc20(peer), BOB),
		] {
			all.push(Scenario { name, system: peer.name(), work: Work::Runtime { call, signer } });
		}
		if let Some(largest) = chain.largest(peer) {
			let call = chain.call(peer, largest, Vec::new());
			let work = Work::Runtime { call, signer: ALICE };
			all.push(Scenario { name: LARGEST_SCENARIO, system: peer.name(), work });
		}
	}
	let (alice, token) = (native_evm::ALICE, native.erc20);
	let bob = address_word(&native_evm::BOB.into_array());
	let transfer = call_data("transfer(address,uint256)", &[bob, number_word(AMOUNT)]);
	let balance_of = call_data("balanceOf(address)", &[bob]);
	for (name, transaction) in [
		("ERC-20 transfer", native.call(alice, token, transfer)),
		("ERC-20 balanceOf", native.call(alice, token, balance_of)),
		("empty call", native.call(alice, native.empty, Vec::new())),
		(SHA256_SCENARIO, native.call(alice, native.sha256, hash_call(HASHED_BYTES))),
		("ERC-20 deploy", native.deploy_erc20()),
	] {
		all.push(Scenario { name, system: NATIVE_EVM, work: Work::Native(transaction) });
	}
	all
}
