//! The runtime accounts behind 20-byte addresses, and the record that makes a user's address
//! lead back to the user.
//!
//! A contract's balance lives in the account derived from its address
//! ([`AddressMapper::contract_account`](crate::address::AddressMapper::contract_account)). A
//! user's address is derived from the user's account (on this chain's 32-byte accounts, the last
//! 20 bytes of its keccak256) and cannot be turned back into it. So the first time a user signs
//! `deploy` or `call`, the pallet records the user's account under
//! the address ([`OriginalAccount`]); from then on value any contract sends to that address
//! (a call with value to `getCaller()` or `getTxOrigin()`, a `selfDestruct` beneficiary, a
//! payment to the coinbase) reaches the user's own account, and `getExternalBalance` reports
//! its balance.
//!
//! Value sent to a user's address before the user is recorded lands in the account derived
//! from the address, as for any address without a contract. It stays claimable: recording the
//! user moves everything that account holds to the user, so the user's first Ewasm extrinsic
//! claims it.
//!
//! Where the derived account of a user's address is the user's own account (the `ewasm` tool's
//! mapping, where every address is an account), nothing needs recording and nothing is stored.

use crate::{address::AddressMapper, Config, ContractInfoOf, OriginalAccount};
use ewasm_primitives::Address;
use polkadot_sdk::frame_support::traits::{
	fungible::{Inspect, Mutate},
	tokens::Preservation,
};

/// The account that holds the balance of the contract at `address` (derived from it).
pub fn contract_account<T: Config>(address: &Address) -> T::AccountId {
	T::AddressMapper::contract_account(address)
}

/// The account that holds the balance of any `address`: the user recorded under it, or else
/// the account derived from it (a contract's, or an address nobody has claimed).
pub fn account_of<T: Config>(address: &Address) -> T::AccountId {
	OriginalAccount::<T>::get(address).unwrap_or_else(|| contract_account::<T>(address))
}

/// The balance of any `address` (see [`account_of`]).
pub fn balance_of<T: Config>(address: &Address) -> u128 {
	T::Currency::balance(&account_of::<T>(address))
}

/// The balance of the contract at `address`.
pub fn contract_balance<T: Config>(address: &Address) -> u128 {
	T::Currency::balance(&contract_account::<T>(address))
}

/// Whether `address` exists in Ethereum's sense: it has a contract or a balance.
pub fn exists<T: Config>(address: &Address) -> bool {
	ContractInfoOf::<T>::contains_key(address) || balance_of::<T>(address) > 0
}

/// The address of `signer`, recording the signer under it the first time (see the module
/// documentation) and moving to the signer what was sent to the address before. If that
/// value cannot move (an amount below the existential deposit into an empty account), the
/// signer is not recorded yet, so the value stays claimable by a later extrinsic.
pub fn signer_address<T: Config>(signer: &T::AccountId) -> Address {
	let address = T::AddressMapper::to_address(signer);
	let derived = contract_account::<T>(&address);
	if derived == *signer || OriginalAccount::<T>::contains_key(address) {
		return address;
	}
	let held = T::Currency::balance(&derived);
	if held == 0 || T::Currency::transfer(&derived, signer, held, Preservation::Expendable).is_ok()
	{
		OriginalAccount::<T>::insert(address, signer.clone());
	}
	address
}
