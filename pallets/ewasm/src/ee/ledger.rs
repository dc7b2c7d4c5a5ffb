//! What a block of an execution environment can do with value (`eth2.getCaller`,
//! `getCallValue`, `getBalance`, `transfer`): on chain, the EE's account among the chain's
//! balances (`super::chain::ChainLedger`); off chain (`ewasm scout`), nothing ([`NoValue`]).

use alloc::boxed::Box;
use ewasm_primitives::Address;

/// The value side of one block: who sent it, with what, and the EE's balance, which the block
/// may move.
pub trait Ledger {
	/// The address of who sent the block.
	fn caller(&self) -> Address;

	/// The value sent with the block (already in the EE's balance).
	fn call_value(&self) -> u128;

	/// The EE's balance.
	fn balance(&self) -> u128;

	/// Moves `value` from the EE to `to`: whether it moved (nothing moves otherwise).
	fn transfer(&mut self, to: &Address, value: u128) -> bool;
}

/// A block without value, as off chain: nobody sent it, with nothing; the EE holds nothing and
/// can move nothing but zero.
pub struct NoValue;

impl Ledger for NoValue {
	fn caller(&self) -> Address {
		Address::default()
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
}

impl NoValue {
	/// [`NoValue`] as the ledger a block takes.
	pub fn boxed() -> Box<dyn Ledger> {
		Box::new(NoValue)
	}
}
