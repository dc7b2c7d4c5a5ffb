//! What a block of an execution environment can do beyond its own data: read and move value
//! (`eth2.getCaller`, `getAddress`, `getCallValue`, `getBalance`, `transfer`) and call other
//! EEs (`eth2.callEE`). On chain, the EE's account among the chain's balances and the chain's
//! other EEs (`super::chain::ChainLedger`); off chain (`ewasm scout`), nothing ([`NoValue`]).

use crate::gas::HostCosts;
use alloc::boxed::Box;
use ewasm_primitives::Address;

/// A call of another EE (`eth2.callEE`): its `main` runs on `data` as its block, sent by the
/// calling EE with `value`.
pub struct EeCall<'a> {
	/// The EE called.
	pub ee: u32,
	/// Its block data.
	pub data: &'a [u8],
	/// The value moved from the calling EE to it before it runs.
	pub value: u128,
	/// The gas forwarded to it: what loading its code and moving the value cost comes out of
	/// it, at the prices of `costs` (the calling EE's).
	pub gas_limit: u64,
	/// The calling EE's prices.
	pub costs: HostCosts,
}

/// How a call of another EE went.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct EeCallOutcome {
	/// Whether it succeeded: its root was replaced and its value stays moved. Otherwise nothing
	/// it did stays.
	pub succeeded: bool,
	/// The gas of [`EeCall::gas_limit`] it used.
	pub gas_used: u64,
}

/// The value side of one block: who sent it, with what, and the EE's balance, which the block
/// may move.
pub trait Ledger {
	/// The address of who sent the block: a signer's, or the calling EE's.
	fn caller(&self) -> Address;

	/// The EE's own address.
	fn address(&self) -> Address;

	/// The chain's id: this parachain's.
	fn chain_id(&self) -> u32;

	/// The value sent with the block (already in the EE's balance).
	fn call_value(&self) -> u128;

	/// The EE's balance.
	fn balance(&self) -> u128;

	/// Moves `value` from the EE to `to`: whether it moved (nothing moves otherwise).
	fn transfer(&mut self, to: &Address, value: u128) -> bool;

	/// Runs `call` (an EE calling another): how it went.
	fn call_ee(&mut self, call: EeCall<'_>) -> EeCallOutcome;
}

/// A block without value, as off chain: nobody sent it, with nothing; the EE holds nothing,
/// can move nothing but zero, and has no other EE to call; the chain's id is 0.
pub struct NoValue;

impl Ledger for NoValue {
	fn caller(&self) -> Address {
		Address::default()
	}

	fn address(&self) -> Address {
		Address::default()
	}

	fn chain_id(&self) -> u32 {
		0
	}

	fn call_value(&self) -> u128 {
		0
	}

	fn balance(&self) -> u128 {
		0
	}

	fn transfer(&mut self, _to: &Address, value: u128) -> bool {
		value == 0
	}

	fn call_ee(&mut self, _call: EeCall<'_>) -> EeCallOutcome {
		EeCallOutcome { succeeded: false, gas_used: 0 }
	}
}

impl NoValue {
	/// [`NoValue`] as the ledger a block takes.
	pub fn boxed() -> Box<dyn Ledger> {
		Box::new(NoValue)
	}
}
