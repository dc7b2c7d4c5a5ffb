//! Contract state in Substrate storage: code stored once by hash, apart from the contract
//! metadata that points to it, and each contract's 32-byte key/value storage with its size
//! kept as counters (so rent can be computed in O(1)).

use crate::{CodeInfo, CodeInfoOf, CodeVec, Config, ContractInfoOf, ContractStorage, PristineCode};
use alloc::vec::Vec;
use ewasm_primitives::{value::Word, Address};
use polkadot_sdk::{sp_core::H256, sp_io::hashing::keccak_256};

/// Bytes one storage item occupies for accounting: a 32-byte key and a 32-byte value.
pub const STORAGE_ITEM_BYTES: u64 = 64;

/// The value under `key` of the contract at `address`; `None` for an unset (zero) slot.
pub fn read<T: Config>(address: &Address, key: &Word) -> Option<Word> {
	ContractStorage::<T>::get(address, key)
}

/// Sets `key` of the contract at `address` to `value`; zero deletes the key. `existed` is
/// whether the key was set before (the caller has just read it). Keeps the contract's storage
/// counters in step.
pub fn write<T: Config>(address: &Address, key: &Word, value: &Word, existed: bool) {
	let exists = *value != [0u8; 32];
	if exists {
		ContractStorage::<T>::insert(address, key, value);
	} else {
		ContractStorage::<T>::remove(address, key);
	}
	if existed == exists {
		return;
	}
	ContractInfoOf::<T>::mutate(address, |info| {
		if let Some(info) = info {
			if exists {
				info.storage_items = info.storage_items.saturating_add(1);
				info.storage_bytes = info.storage_bytes.saturating_add(STORAGE_ITEM_BYTES);
			} else {
				info.storage_items = info.storage_items.saturating_sub(1);
				info.storage_bytes = info.storage_bytes.saturating_sub(STORAGE_ITEM_BYTES);
			}
		}
	});
}

/// The code hash of `code`: keccak256, as Ethereum's `EXTCODEHASH`.
pub fn code_hash(code: &[u8]) -> H256 {
	H256(keccak_256(code))
}

/// Stores `code` under its hash (once, however many contracts use it) and counts one more
/// user of it.
pub fn add_code_user<T: Config>(code: CodeVec<T>) -> H256 {
	let hash = code_hash(&code);
	let len = code.len() as u32;
	CodeInfoOf::<T>::mutate(hash, |info| match info {
		Some(info) => info.refcount = info.refcount.saturating_add(1),
		None => {
			*info = Some(CodeInfo { len, refcount: 1 });
			PristineCode::<T>::insert(hash, code);
		}
	});
	hash
}

/// Counts one user less of the code under `hash`, deleting it when none is left.
pub fn remove_code_user<T: Config>(hash: &H256) {
	CodeInfoOf::<T>::mutate_exists(hash, |info| {
		if let Some(code) = info {
			code.refcount = code.refcount.saturating_sub(1);
			if code.refcount == 0 {
				*info = None;
				PristineCode::<T>::remove(hash);
			}
		}
	});
}

/// Deletes the contract at `address`: its metadata, all its storage (as many items as its
/// counter says, which the caller has paid for) and its use of its code. Its balance is left
/// to the caller.
pub fn remove_contract<T: Config>(address: &Address) {
	let Some(info) = ContractInfoOf::<T>::take(address) else {
		return;
	};
	let _ = ContractStorage::<T>::clear_prefix(address, info.storage_items.saturating_add(1), None);
	remove_code_user::<T>(&info.code_hash);
}

/// The code stored under `hash`.
pub fn code<T: Config>(hash: &H256) -> Option<Vec<u8>> {
	PristineCode::<T>::get(hash).map(|code| code.into_inner())
}

/// The code of the contract at `address`, if there is one.
pub fn code_of<T: Config>(address: &Address) -> Option<Vec<u8>> {
	ContractInfoOf::<T>::get(address).and_then(|info| code::<T>(&info.code_hash))
}

/// The hash of the code of the contract at `address` ([`code_hash`]), if a contract lives
/// there.
pub fn code_hash_of<T: Config>(address: &Address) -> Option<H256> {
	ContractInfoOf::<T>::get(address).map(|info| info.code_hash)
}

/// The length of the code of the contract at `address` (0 without a contract).
pub fn code_len_of<T: Config>(address: &Address) -> u32 {
	ContractInfoOf::<T>::get(address).map_or(0, |info| info.code_len)
}

/// The nonce of the contract at `address`, which is then incremented (for `create`).
pub fn take_nonce<T: Config>(address: &Address) -> u64 {
	ContractInfoOf::<T>::mutate(address, |info| match info {
		Some(info) => {
			let nonce = info.nonce;
			info.nonce = nonce.saturating_add(1);
			nonce
		}
		None => 0,
	})
}
