//! The runtime API of the Ewasm pallet, callable from polkadot.js as `api.call.ewasmApi.*`.

use crate::Address;
use codec::{Decode, Encode};
use scale_info::TypeInfo;

/// A contract's rent, as of the current block (see the pallet's `rent` module for the
/// formula: `(TOTALFEE - fee_mark) * rented_bytes`).
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode, TypeInfo)]
pub struct RentStatus {
	/// The contract's balance.
	pub balance: u128,
	/// TOTALFEE up to which it has paid (F1).
	pub fee_mark: u128,
	/// TOTALFEE now (F2).
	pub total_fee: u128,
	/// The bytes it pays for: 100 + code length + storage bytes.
	pub rented_bytes: u64,
	/// The rent it would pay if touched now.
	pub owed: u128,
	/// How much TOTALFEE grows each block.
	pub fee_per_block: u128,
	/// The first block at which it can no longer pay (and `poke` evicts it), at the current
	/// rate; `None` if TOTALFEE does not grow. A block in the past means it is evictable now.
	pub evictable_at_block: Option<u64>,
}

polkadot_sdk::sp_api::decl_runtime_apis! {
	/// Queries of Ewasm contracts.
	pub trait EwasmApi {
		/// The rent status of the contract at `address`, or `None` if there is no contract.
		fn rent_status(address: Address) -> Option<RentStatus>;
	}
}
