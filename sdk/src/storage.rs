//! Contract storage: 32-byte keys to 32-byte values of this contract's account, laid out as
//! Solidity lays out state variables: [`Slot`] `n` is the `n`-th variable, a [`Mapping`]
//! keeps `m[k]` at `keccak256(k ++ slot)`, a [`Mapping2`] keeps `m[a][b]` at
//! `keccak256(b ++ keccak256(a ++ slot))`. An unset key reads as zero, which every
//! [`AbiType`] decodes as its default; storing zero deletes the key (and is refunded by rent).
//!
//! ```no_run
//! use ewasm_sdk::{storage::{Mapping, Slot}, Address, U256};
//! const TOTAL_SUPPLY: Slot<U256> = Slot::new(0);
//! const BALANCES: Mapping<Address, U256> = Mapping::new(1);
//! let holder = ewasm_sdk::env::caller();
//! BALANCES.set(&holder, &BALANCES.get(&holder).saturating_add(U256::ONE));
//! TOTAL_SUPPLY.set(&TOTAL_SUPPLY.get().saturating_add(U256::ONE));
//! ```

use crate::{
	abi::AbiType,
	env::{offset, offset_mut},
	keccak::hash,
	sys, Word,
};
use core::marker::PhantomData;

/// The value under `key` (`storageLoad`); zero if unset.
///
/// ```no_run
/// use ewasm_sdk::{halt, storage, U256};
/// let key = U256::from(7u64).to_be_bytes(); // slot 7
/// halt::finish(&storage::load(&key));
/// ```
pub fn load(key: &Word) -> Word {
	let mut value = [0u8; 32];
	// SAFETY: the host reads 32 bytes at the first offset (`key`) and writes 32 at the
	// second (`value`).
	unsafe { sys::storageLoad(offset(key), offset_mut(&mut value)) };
	value
}

/// Stores `value` under `key` (`storageStore`); zero deletes the key. Traps in a static call.
///
/// ```no_run
/// use ewasm_sdk::{storage, U256};
/// let key = U256::from(7u64).to_be_bytes(); // slot 7
/// storage::store(&key, &U256::ONE.to_be_bytes());
/// storage::store(&key, &[0; 32]); // deleted again
/// ```
pub fn store(key: &Word, value: &Word) {
	// SAFETY: the host reads 32 bytes at each offset (`key`, `value`).
	unsafe { sys::storageStore(offset(key), offset(value)) }
}

/// Reads a `T` under `key`: its default if unset (or, for a key something else wrote, not a
/// valid `T`).
fn get<T: AbiType + Default>(key: &Word) -> T {
	T::decode(&load(key)).unwrap_or_default()
}

/// The key of the slot numbered `n`: `n` as a big-endian word.
const fn slot_key(n: u64) -> Word {
	let mut key = [0u8; 32];
	let bytes = n.to_be_bytes();
	let mut i = 0;
	while i < 8 {
		key[24 + i] = bytes[i];
		i += 1;
	}
	key
}

/// `keccak256(key ++ base)`: where a mapping at `base` keeps its value for `key`.
fn mapped<K: AbiType>(key: &K, base: &Word) -> Word {
	let mut preimage = [0u8; 64];
	preimage[..32].copy_from_slice(&key.encode());
	preimage[32..].copy_from_slice(base);
	hash(&preimage)
}

/// One value of type `T` in the slot numbered `n`.
///
/// ```no_run
/// use ewasm_sdk::{env, halt, storage::Slot, Address};
/// const OWNER: Slot<Address> = Slot::new(0);
/// halt::require(env::caller() == OWNER.get(), "only the owner");
/// ```
pub struct Slot<T> {
	key: Word,
	_value: PhantomData<T>,
}

impl<T: AbiType + Default> Slot<T> {
	/// The slot numbered `n`.
	///
	/// ```
	/// use ewasm_sdk::{storage::Slot, Address, U256};
	/// const TOTAL_SUPPLY: Slot<U256> = Slot::new(0); // uint256 totalSupply;
	/// const OWNER: Slot<Address> = Slot::new(1); // address owner;
	/// ```
	pub const fn new(n: u64) -> Self {
		Slot { key: slot_key(n), _value: PhantomData }
	}

	/// Its value (the default while unset).
	///
	/// ```no_run
	/// use ewasm_sdk::{halt, storage::Slot};
	/// const PAUSED: Slot<bool> = Slot::new(2);
	/// halt::require(!PAUSED.get(), "paused");
	/// ```
	pub fn get(&self) -> T {
		get(&self.key)
	}

	/// Sets its value.
	///
	/// ```no_run
	/// use ewasm_sdk::{env, storage::Slot, Address};
	/// const OWNER: Slot<Address> = Slot::new(1);
	/// OWNER.set(&env::caller());
	/// ```
	pub fn set(&self, value: &T) {
		store(&self.key, &value.encode())
	}
}

/// A mapping from `K` to `V` declared at slot `n`.
///
/// ```no_run
/// use ewasm_sdk::{env, halt, storage::Mapping, Address, U256};
/// const BALANCES: Mapping<Address, U256> = Mapping::new(1); // mapping(address => uint256)
/// halt::finish_value(&BALANCES.get(&env::caller()));
/// ```
pub struct Mapping<K, V> {
	slot: Word,
	_types: PhantomData<(K, V)>,
}

impl<K: AbiType, V: AbiType + Default> Mapping<K, V> {
	/// The mapping at slot `n`.
	///
	/// ```
	/// use ewasm_sdk::{storage::Mapping, Address, Word};
	/// const OWNERS: Mapping<Word, Address> = Mapping::new(3); // mapping(bytes32 => address)
	/// ```
	pub const fn new(n: u64) -> Self {
		Mapping { slot: slot_key(n), _types: PhantomData }
	}

	/// The storage key of `m[key]`.
	///
	/// ```
	/// use ewasm_sdk::{abi::AbiType, keccak::keccak256, storage::Mapping, Address, U256};
	/// let balances: Mapping<Address, U256> = Mapping::new(1);
	/// let holder = Address([7; 20]);
	/// let slot = U256::ONE.to_be_bytes();
	/// assert_eq!(balances.key(&holder), keccak256(&[holder.encode(), slot].concat()));
	/// ```
	pub fn key(&self, key: &K) -> Word {
		mapped(key, &self.slot)
	}

	/// `m[key]` as a [`Slot`]: its key is hashed once, for any number of reads and writes
	/// (each [`Mapping::get`] and [`Mapping::set`] hashes it again: in a `v1` contract keccak256
	/// runs in the contract's own wasm, about 125 000 units of fuel a key; in a `v2` contract
	/// it is a host call).
	///
	/// ```no_run
	/// use ewasm_sdk::{env, storage::Mapping, Address, U256};
	/// const BALANCES: Mapping<Address, U256> = Mapping::new(1);
	/// let balance = BALANCES.at(&env::caller());
	/// balance.set(&balance.get().saturating_add(U256::ONE));
	/// ```
	pub fn at(&self, key: &K) -> Slot<V> {
		Slot { key: self.key(key), _value: PhantomData }
	}

	/// `m[key]` (the default while unset).
	///
	/// ```no_run
	/// use ewasm_sdk::{env, storage::Mapping, Address, U256};
	/// const BALANCES: Mapping<Address, U256> = Mapping::new(1);
	/// let balance = BALANCES.get(&env::caller());
	/// # let _ = balance;
	/// ```
	pub fn get(&self, key: &K) -> V {
		self.at(key).get()
	}

	/// Sets `m[key]`.
	///
	/// ```no_run
	/// use ewasm_sdk::{env, storage::Mapping, Address, U256};
	/// const BALANCES: Mapping<Address, U256> = Mapping::new(1);
	/// let holder = env::caller();
	/// BALANCES.set(&holder, &BALANCES.get(&holder).saturating_add(U256::ONE));
	/// ```
	pub fn set(&self, key: &K, value: &V) {
		self.at(key).set(value)
	}
}

/// A mapping from `A` to a mapping from `B` to `V` (Solidity's `mapping(A => mapping(B => V))`),
/// declared at slot `n`.
///
/// ```no_run
/// use ewasm_sdk::{env, storage::Mapping2, Address, U256};
/// // mapping(address owner => mapping(address spender => uint256)) allowances
/// const ALLOWANCES: Mapping2<Address, Address, U256> = Mapping2::new(2);
/// let owner = Address([1; 20]);
/// let allowed = ALLOWANCES.get(&owner, &env::caller());
/// # let _ = allowed;
/// ```
pub struct Mapping2<A, B, V> {
	slot: Word,
	_types: PhantomData<(A, B, V)>,
}

impl<A: AbiType, B: AbiType, V: AbiType + Default> Mapping2<A, B, V> {
	/// The mapping at slot `n`.
	///
	/// ```
	/// use ewasm_sdk::{storage::Mapping2, Address, U256};
	/// const ALLOWANCES: Mapping2<Address, Address, U256> = Mapping2::new(2);
	/// ```
	pub const fn new(n: u64) -> Self {
		Mapping2 { slot: slot_key(n), _types: PhantomData }
	}

	/// The storage key of `m[a][b]`.
	///
	/// ```
	/// use ewasm_sdk::{abi::AbiType, keccak::keccak256, storage::Mapping2, Address, U256};
	/// let allowances: Mapping2<Address, Address, U256> = Mapping2::new(2);
	/// let (owner, spender) = (Address([1; 20]), Address([2; 20]));
	/// let inner = keccak256(&[owner.encode(), U256::from(2u64).encode()].concat());
	/// let key = keccak256(&[spender.encode(), inner].concat());
	/// assert_eq!(allowances.key(&owner, &spender), key);
	/// ```
	pub fn key(&self, a: &A, b: &B) -> Word {
		mapped(b, &mapped(a, &self.slot))
	}

	/// `m[a][b]` as a [`Slot`], its key hashed once (see [`Mapping::at`]).
	///
	/// ```no_run
	/// use ewasm_sdk::{env, storage::Mapping2, Address, U256};
	/// const ALLOWANCES: Mapping2<Address, Address, U256> = Mapping2::new(2);
	/// let allowance = ALLOWANCES.at(&Address([1; 20]), &env::caller());
	/// allowance.set(&allowance.get().saturating_sub(U256::ONE));
	/// ```
	pub fn at(&self, a: &A, b: &B) -> Slot<V> {
		Slot { key: self.key(a, b), _value: PhantomData }
	}

	/// `m[a][b]` (the default while unset).
	///
	/// ```no_run
	/// use ewasm_sdk::{env, halt, storage::Mapping2, Address, U256};
	/// const ALLOWANCES: Mapping2<Address, Address, U256> = Mapping2::new(2);
	/// let allowed = ALLOWANCES.get(&Address([1; 20]), &env::caller());
	/// halt::require(allowed >= U256::from(10u64), "allowance too small");
	/// ```
	pub fn get(&self, a: &A, b: &B) -> V {
		self.at(a, b).get()
	}

	/// Sets `m[a][b]`.
	///
	/// ```no_run
	/// use ewasm_sdk::{env, storage::Mapping2, Address, U256};
	/// const ALLOWANCES: Mapping2<Address, Address, U256> = Mapping2::new(2);
	/// // approve(spender, 100)
	/// ALLOWANCES.set(&env::caller(), &Address([2; 20]), &U256::from(100u64));
	/// ```
	pub fn set(&self, a: &A, b: &B, value: &V) {
		self.at(a, b).set(value)
	}
}

#[cfg(test)]
mod tests {
	use super::*;
	use crate::{keccak::keccak256, Address};

	/// Where solc puts `balances[0x..01]` of a `mapping(address => uint256)` at slot 1, and
	/// `allowance[a][b]` of a nested mapping at slot 2 (keccak of the padded key and slot).
	#[test]
	fn keys_follow_solidity_s_layout() {
		let mut bytes = [0u8; 20];
		bytes[19] = 1;
		let holder = Address(bytes);
		let balances: Mapping<Address, crate::U256> = Mapping::new(1);
		let mut preimage = [0u8; 64];
		preimage[31] = 1;
		preimage[63] = 1;
		assert_eq!(balances.key(&holder), keccak256(&preimage));
		let allowances: Mapping2<Address, Address, crate::U256> = Mapping2::new(2);
		let inner = mapped(&holder, &slot_key(2));
		assert_eq!(allowances.key(&holder, &Address([2; 20])), mapped(&Address([2; 20]), &inner));
		assert_eq!(slot_key(0x0102)[30..], [1, 2]);
	}
}
