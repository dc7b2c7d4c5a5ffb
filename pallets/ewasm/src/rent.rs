//! Rent, as the "minimal state execution proposal" defines it: a global TOTALFEE counter
//! grows every block; a contract remembers the TOTALFEE when it last paid (F1); when it is
//! touched at TOTALFEE = F2 it owes `(F2 - F1) * (100 + len(code) + len(storage))`.
//!
//! An evicted contract leaves a tombstone: a hash committing to its address, code hash,
//! storage, nonce and the TOTALFEE at eviction. Its storage is deleted, and the storage part
//! of the commitment computed, a bounded number of items per block in `on_idle`; then it can
//! be woken ([`tombstone`]) from its code and storage by anyone who has them.
//!
//! [`RentPolicy::TimeToLive`] is the seed's TOTALFEE_TTL alternative to rent.
//!
//! The pure part decides ([`rent_owed`], [`consider`], [`consider_ttl`],
//! [`blocks_until_evictable`], [`tombstone`]); the rest ([`touch`], [`evict`],
//! [`delete_evicted_storage`]) enacts.

use crate::{
	accounts::contract_account, versions::VmVersion, weights::WeightInfo, Config, ContractInfo,
	ContractInfoOf, ContractStorage, Error, Event, Evicting, Pallet, Tombstones, TotalFee,
};
use codec::{Decode, Encode, MaxEncodedLen};
use ewasm_primitives::{value::Word, Address};
use polkadot_sdk::{
	frame_support::{
		traits::{
			fungible::{Inspect, Mutate},
			tokens::{Fortitude, Precision, Preservation},
		},
		weights::Weight,
	},
	sp_core::{Get, H256},
	sp_io::hashing::keccak_256,
	sp_runtime::DispatchError,
};
use scale_info::TypeInfo;

/// How contracts pay for the state they occupy: a `Config` choice.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Encode, Decode, TypeInfo)]
pub enum RentPolicy {
	/// Rent from the contract's balance on every touch: `(F2 - F1) * bytes`.
	PayAsYouGo,
	/// TOTALFEE_TTL: a contract lives while TOTALFEE does not exceed its TTL; every touch by a
	/// call burns `touch_gas` more gas of the caller and extends the TTL by
	/// `touch_gas * min_fee`. A free `poke` only evicts expired contracts.
	TimeToLive {
		/// Gas every touch costs.
		touch_gas: u64,
		/// TOTALFEE units one unit of that gas buys (the "minfee").
		min_fee: u128,
	},
}

/// Bytes every contract is charged for on top of its code and storage.
pub const RENT_BASE_BYTES: u64 = 100;

/// How much TOTALFEE grows each block.
pub trait TotalFeePolicy {
	/// The increment of TOTALFEE at the start of a block.
	fn increment() -> u128;
}

/// TOTALFEE grows by the same amount every block.
pub struct ConstantFee<Increment>(core::marker::PhantomData<Increment>);

impl<Increment: Get<u128>> TotalFeePolicy for ConstantFee<Increment> {
	fn increment() -> u128 {
		Increment::get()
	}
}

/// The bytes a contract pays rent for.
pub fn rented_bytes(code_len: u32, storage_bytes: u64) -> u64 {
	RENT_BASE_BYTES.saturating_add(code_len.into()).saturating_add(storage_bytes)
}

/// The rent owed for `bytes` between TOTALFEE `fee_mark` (F1) and `total_fee` (F2).
pub fn rent_owed(total_fee: u128, fee_mark: u128, bytes: u64) -> u128 {
	total_fee.saturating_sub(fee_mark).saturating_mul(bytes.into())
}

/// What to do with a contract that is touched.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
	/// Nothing is owed (F2 = F1).
	Nothing,
	/// Take `owed` from its balance and set F1 = F2.
	Charge {
		/// The rent.
		owed: u128,
	},
	/// TOTALFEE_TTL: charge the toucher `gas` and extend the TTL to `ttl`.
	Extend {
		/// The new TTL.
		ttl: u128,
		/// The gas the touch costs.
		gas: u64,
	},
	/// It cannot pay `owed` (or its TTL has passed): evict it.
	Evict {
		/// The rent it could not pay (zero under TOTALFEE_TTL).
		owed: u128,
	},
}

/// Decides what happens to a contract with `balance` that owes `owed`.
pub fn consider(balance: u128, owed: u128) -> Verdict {
	match owed {
		0 => Verdict::Nothing,
		owed if owed <= balance => Verdict::Charge { owed },
		owed => Verdict::Evict { owed },
	}
}

/// Decides what happens to a contract with TTL `ttl` touched at TOTALFEE `total_fee` under
/// [`RentPolicy::TimeToLive`]; `extend` is false for a free `poke`.
pub fn consider_ttl(
	total_fee: u128,
	ttl: u128,
	extend: bool,
	touch_gas: u64,
	min_fee: u128,
) -> Verdict {
	if total_fee > ttl {
		Verdict::Evict { owed: 0 }
	} else if extend {
		let extension = u128::from(touch_gas).saturating_mul(min_fee);
		Verdict::Extend { ttl: ttl.saturating_add(extension), gas: touch_gas }
	} else {
		Verdict::Nothing
	}
}

/// How many blocks from now, at `increment` per block, until a contract with `balance` that
/// has paid up to `fee_mark` and rents `bytes` can no longer pay (is evictable); `None` if
/// TOTALFEE does not grow. Zero means it is evictable now.
pub fn blocks_until_evictable(
	total_fee: u128,
	fee_mark: u128,
	bytes: u64,
	balance: u128,
	increment: u128,
) -> Option<u128> {
	if increment == 0 {
		return None;
	}
	// The first TOTALFEE at which the rent exceeds the balance.
	let bytes = u128::from(bytes.max(1));
	let evictable_fee = fee_mark.saturating_add(balance / bytes).saturating_add(1);
	Some(evictable_fee.saturating_sub(total_fee).div_ceil(increment))
}

/// The running hash of storage items: `keccak256(previous ++ key ++ value)`.
pub fn chain_storage_hash(previous: H256, key: &Word, value: &Word) -> H256 {
	let mut preimage = [0u8; 96];
	preimage[..32].copy_from_slice(previous.as_bytes());
	preimage[32..64].copy_from_slice(key);
	preimage[64..].copy_from_slice(value);
	H256(keccak_256(&preimage))
}

/// The storage part of a tombstone: the running hash of its items in the order storage
/// iterates them (by `blake2_128(key) ++ key`, as `ContractStorage` is keyed).
pub fn storage_commitment(items: &[(Word, Word)]) -> H256 {
	let mut ordered: alloc::vec::Vec<_> = items
		.iter()
		.map(|(key, value)| (polkadot_sdk::sp_io::hashing::blake2_128(key), key, value))
		.collect();
	ordered.sort();
	ordered.iter().fold(H256::zero(), |hash, (_, key, value)| chain_storage_hash(hash, key, value))
}

/// A contract being evicted: what its tombstone will commit to, and the storage hash so far.
#[derive(Clone, Encode, Decode, PartialEq, Eq, Debug, TypeInfo, MaxEncodedLen)]
pub struct Eviction {
	/// Its code hash.
	pub code_hash: H256,
	/// Its nonce.
	pub nonce: u64,
	/// TOTALFEE when it was evicted.
	pub fee_mark: u128,
	/// The running hash of the storage items deleted so far.
	pub storage_hash: H256,
	/// The VM version it ran on, which it keeps when woken.
	pub vm: VmVersion,
}

/// What an evicted contract leaves once its storage is gone.
#[derive(Clone, Encode, Decode, PartialEq, Eq, Debug, TypeInfo, MaxEncodedLen)]
pub struct Tombstone {
	/// [`tombstone`] of its eviction: what `wake` must show.
	pub hash: H256,
	/// The VM version it ran on, which it keeps when woken.
	pub vm: VmVersion,
}

/// The hash of an evicted contract's tombstone: commits to everything a waker supplies to
/// restore it (its VM version is kept beside it, not supplied).
pub fn tombstone(address: &Address, eviction: &Eviction) -> H256 {
	let Eviction { code_hash, nonce, fee_mark, storage_hash, vm: _ } = eviction;
	H256(keccak_256(&(address, code_hash, nonce, fee_mark, storage_hash).encode()))
}

/// Why a touch is made.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Touch {
	/// A call runs the contract (and pays the TOTALFEE_TTL touch gas).
	Call,
	/// A free `poke`.
	Poke,
}

/// What a touch did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Touched {
	/// Nothing was owed, or the TTL was not extended (a `poke` of a live contract).
	Nothing,
	/// The contract paid its rent.
	Charged,
	/// TOTALFEE_TTL: the TTL was extended for `gas` of the caller's gas.
	Extended {
		/// The gas the touch costs the caller.
		gas: u64,
	},
}

impl Touched {
	/// The gas the touch costs the caller.
	pub fn gas(self) -> u64 {
		match self {
			Touched::Extended { gas } => gas,
			Touched::Nothing | Touched::Charged => 0,
		}
	}
}

/// The rent the contract `info` owes at `total_fee` under [`RentPolicy::PayAsYouGo`] (zero
/// under TOTALFEE_TTL, where contracts owe no rent).
fn owed_by<T: Config>(info: &ContractInfo, total_fee: u128) -> u128 {
	match T::RentPolicy::get() {
		RentPolicy::PayAsYouGo => rent_owed(
			total_fee,
			info.rent_fee_mark,
			rented_bytes(info.code_len, info.storage_bytes),
		),
		RentPolicy::TimeToLive { .. } => 0,
	}
}

/// Takes `amount` of rent from `account`: to [`Config::RentPayee`], or burned.
fn take_rent<T: Config>(account: &T::AccountId, amount: u128) -> Result<(), DispatchError> {
	match T::RentPayee::get() {
		Some(payee) => {
			T::Currency::transfer(account, &payee, amount, Preservation::Expendable).map(|_| ())
		}
		None => T::Currency::burn_from(
			account,
			amount,
			Preservation::Expendable,
			Precision::Exact,
			Fortitude::Polite,
		)
		.map(|_| ()),
	}
}

/// Touches the contract at `address` (a modification): it pays the rent it owes under
/// [`RentPolicy::PayAsYouGo`], or has its TTL extended under [`RentPolicy::TimeToLive`].
/// Fails with `RentUnpaid`, changing nothing, if it cannot pay or its TTL has passed (the
/// caller decides whether to evict it).
pub fn touch<T: Config>(address: &Address, touch: Touch) -> Result<Touched, DispatchError> {
	let Some(mut info) = ContractInfoOf::<T>::get(address) else {
		return Ok(Touched::Nothing);
	};
	let total_fee = TotalFee::<T>::get();
	let account = contract_account::<T>(address);
	let verdict = match T::RentPolicy::get() {
		RentPolicy::PayAsYouGo => {
			consider(T::Currency::balance(&account), owed_by::<T>(&info, total_fee))
		}
		RentPolicy::TimeToLive { touch_gas, min_fee } => {
			consider_ttl(total_fee, info.ttl, touch == Touch::Call, touch_gas, min_fee)
		}
	};
	match verdict {
		Verdict::Nothing => Ok(Touched::Nothing),
		Verdict::Charge { owed } => {
			take_rent::<T>(&account, owed)?;
			info.rent_fee_mark = total_fee;
			ContractInfoOf::<T>::insert(address, info);
			Pallet::<T>::deposit_event(Event::RentCharged {
				contract: *address,
				amount: owed,
				fee_mark: total_fee,
			});
			Ok(Touched::Charged)
		}
		Verdict::Extend { ttl, gas } => {
			info.ttl = ttl;
			ContractInfoOf::<T>::insert(address, info);
			Ok(Touched::Extended { gas })
		}
		Verdict::Evict { .. } => Err(Error::<T>::RentUnpaid.into()),
	}
}

/// The TTL a new contract starts with: one touch's extension from now (zero under
/// [`RentPolicy::PayAsYouGo`]).
pub fn initial_ttl<T: Config>() -> u128 {
	match T::RentPolicy::get() {
		RentPolicy::PayAsYouGo => 0,
		RentPolicy::TimeToLive { touch_gas, min_fee } => {
			TotalFee::<T>::get().saturating_add(u128::from(touch_gas).saturating_mul(min_fee))
		}
	}
}

/// Evicts the contract at `address`: it stops existing now; its storage is deleted (and its
/// tombstone sealed) later, in `on_idle`. The rent it owes is taken first, as much of it as
/// its balance holds (all of it, since it could not pay): a sleeper keeps nothing of what it
/// owed. Whatever else its account holds (under TOTALFEE_TTL, where no rent is owed) stays
/// there.
pub fn evict<T: Config>(address: &Address) {
	let Some(info) = ContractInfoOf::<T>::take(address) else {
		return;
	};
	crate::storage::remove_code_user::<T>(&info.code_hash);
	let fee_mark = TotalFee::<T>::get();
	let account = contract_account::<T>(address);
	let rent_taken = owed_by::<T>(&info, fee_mark).min(T::Currency::balance(&account));
	// Fails only when the amount would leave a `RentPayee` account below its existential
	// deposit; then nothing is taken (the amount is at most the balance, which may be emptied).
	let rent_taken = if take_rent::<T>(&account, rent_taken).is_ok() { rent_taken } else { 0 };
	Evicting::<T>::insert(
		address,
		Eviction {
			code_hash: info.code_hash,
			nonce: info.nonce,
			fee_mark,
			storage_hash: H256::zero(),
			vm: info.vm,
		},
	);
	Pallet::<T>::deposit_event(Event::Evicted { contract: *address, fee_mark, rent_taken });
}

/// Deletes storage of evicted contracts, folding the items into their tombstones' storage
/// hashes, and seals the tombstone of every contract whose storage is gone; spends at most
/// `budget` units of work, one per contract looked at and one per item deleted, so that
/// evicted contracts with no storage left cost their share too. Returns how many items it
/// deleted and how many contracts it looked at.
pub fn delete_evicted_storage<T: Config>(budget: u32) -> (u32, u32) {
	let mut deleted = 0u32;
	let mut contracts = 0u32;
	let mut evicting = Evicting::<T>::iter();
	while deleted.saturating_add(contracts) < budget {
		let Some((address, mut eviction)) = evicting.next() else {
			break;
		};
		contracts += 1;
		let room = budget - deleted - contracts;
		let items: alloc::vec::Vec<_> =
			ContractStorage::<T>::iter_prefix(address).take(room as usize).collect();
		for (key, value) in &items {
			eviction.storage_hash = chain_storage_hash(eviction.storage_hash, key, value);
			ContractStorage::<T>::remove(address, key);
		}
		deleted += items.len() as u32;
		if ContractStorage::<T>::iter_prefix(address).next().is_none() {
			Evicting::<T>::remove(address);
			let hash = tombstone(&address, &eviction);
			Tombstones::<T>::insert(address, Tombstone { hash, vm: eviction.vm });
		} else {
			Evicting::<T>::insert(address, eviction);
		}
	}
	(deleted, contracts)
}

/// The rent status of the contract at `address` now, for the runtime API.
pub fn status<T: Config>(address: &Address) -> Option<ewasm_primitives::api::RentStatus> {
	let info = ContractInfoOf::<T>::get(address)?;
	let total_fee = TotalFee::<T>::get();
	let bytes = rented_bytes(info.code_len, info.storage_bytes);
	let balance = T::Currency::balance(&contract_account::<T>(address));
	let fee_per_block = T::FeePolicy::increment();
	let now = crate::environment::block_number::<T>();
	let blocks = match T::RentPolicy::get() {
		RentPolicy::PayAsYouGo => {
			blocks_until_evictable(total_fee, info.rent_fee_mark, bytes, balance, fee_per_block)
		}
		RentPolicy::TimeToLive { .. } => (fee_per_block > 0)
			.then(|| info.ttl.saturating_add(1).saturating_sub(total_fee).div_ceil(fee_per_block)),
	};
	let evictable_at_block =
		blocks.map(|blocks| now.saturating_add(u64::try_from(blocks).unwrap_or(u64::MAX)));
	Some(ewasm_primitives::api::RentStatus {
		balance,
		fee_mark: info.rent_fee_mark,
		total_fee,
		rented_bytes: bytes,
		owed: match T::RentPolicy::get() {
			RentPolicy::PayAsYouGo => rent_owed(total_fee, info.rent_fee_mark, bytes),
			RentPolicy::TimeToLive { .. } => 0,
		},
		fee_per_block,
		evictable_at_block,
	})
}

/// The weight of [`delete_evicted_storage`] for `items` items over `contracts` contracts.
pub fn deletion_weight<T: Config>(items: u32, contracts: u32) -> Weight {
	T::WeightInfo::delete_evicted_storage(contracts, items)
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn rent_is_the_fee_difference_times_the_bytes() {
		assert_eq!(rented_bytes(0, 0), 100);
		assert_eq!(rented_bytes(1_000, 128), 1_228);
		assert_eq!(rent_owed(10, 4, 1_228), 6 * 1_228);
		assert_eq!(rent_owed(4, 4, 1_228), 0, "F2 = F1 owes nothing");
	}

	#[test]
	fn a_contract_pays_while_it_can_and_is_evicted_after() {
		assert_eq!(consider(0, 0), Verdict::Nothing);
		assert_eq!(consider(100, 100), Verdict::Charge { owed: 100 }, "exactly enough pays");
		assert_eq!(consider(99, 100), Verdict::Evict { owed: 100 });
	}

	#[test]
	fn a_ttl_is_extended_by_touches_until_it_passes() {
		assert_eq!(consider_ttl(10, 10, true, 5, 2), Verdict::Extend { ttl: 20, gas: 5 });
		assert_eq!(consider_ttl(10, 10, false, 5, 2), Verdict::Nothing, "a poke does not extend");
		assert_eq!(consider_ttl(11, 10, true, 5, 2), Verdict::Evict { owed: 0 });
	}

	#[test]
	fn eviction_is_predicted_in_blocks() {
		// 100 bytes, balance 1 000: it pays up to TOTALFEE 10 and is evictable at 11.
		assert_eq!(blocks_until_evictable(0, 0, 100, 1_000, 1), Some(11));
		assert_eq!(blocks_until_evictable(0, 0, 100, 1_000, 2), Some(6));
		assert_eq!(blocks_until_evictable(11, 0, 100, 1_000, 1), Some(0));
		assert_eq!(blocks_until_evictable(0, 0, 100, 1_000, 0), None);
	}
}
