//! Addresses: how a contract's address is derived (CREATE2), and how runtime accounts and
//! 20-byte Ewasm addresses map onto each other.
//!
//! # The mapping ([`AccountId32Mapper`])
//!
//! - A contract's balance lives in the runtime account `address ++ [0xEE; 12]`: the mapping
//!   is reversible, so a contract account always maps back to its address.
//! - Any other (user) account's address is the last 20 bytes of `keccak256(account_id)`, the
//!   way Ethereum derives an address from a public key. It is not reversible by computation;
//!   the pallet records the user under the address instead ([`crate::accounts`]), so value sent
//!   to it reaches the user.

use ewasm_primitives::{address::ADDRESS_LEN, Address};
use polkadot_sdk::{sp_io::hashing::keccak_256, sp_runtime::AccountId32};

/// The 12 bytes that follow a contract's address in its runtime account id.
pub const CONTRACT_ACCOUNT_SUFFIX: [u8; 12] = [0xEE; 12];

/// The CREATE2-style address of a contract deployed by `deployer`:
/// `keccak256(0xff ++ deployer ++ salt ++ keccak256(init_code))[12..]`.
///
/// It depends only on who deploys, the salt and the init code, never on a nonce.
pub fn create2_address(deployer: &Address, salt: &[u8; 32], init_code: &[u8]) -> Address {
	let mut preimage = [0u8; 1 + ADDRESS_LEN + 32 + 32];
	preimage[0] = 0xff;
	preimage[1..1 + ADDRESS_LEN].copy_from_slice(deployer.as_bytes());
	preimage[1 + ADDRESS_LEN..1 + ADDRESS_LEN + 32].copy_from_slice(salt);
	preimage[1 + ADDRESS_LEN + 32..].copy_from_slice(&keccak_256(init_code));
	Address::from_hash_tail(&keccak_256(&preimage))
}

/// The address of a contract created by `creator` with `nonce`, as Ethereum's `CREATE`:
/// `keccak256(rlp([creator, nonce]))[12..]`. Used by the `create` host function, with the
/// creating contract's nonce.
pub fn create_address(creator: &Address, nonce: u64) -> Address {
	// rlp([creator, nonce]): a short list of a 20-byte string and a minimal big-endian integer.
	let nonce_bytes = nonce.to_be_bytes();
	let significant = &nonce_bytes[nonce.leading_zeros() as usize / 8..];
	let mut nonce_rlp = [0u8; 9];
	let nonce_rlp: &[u8] = match significant {
		[] => &[0x80],
		[byte] if *byte < 0x80 => significant,
		_ => {
			nonce_rlp[0] = 0x80 + significant.len() as u8;
			nonce_rlp[1..=significant.len()].copy_from_slice(significant);
			&nonce_rlp[..=significant.len()]
		}
	};
	let payload_len = 1 + ADDRESS_LEN + nonce_rlp.len();
	let mut rlp = [0u8; 1 + 1 + ADDRESS_LEN + 9];
	rlp[0] = 0xc0 + payload_len as u8;
	rlp[1] = 0x80 + ADDRESS_LEN as u8;
	rlp[2..2 + ADDRESS_LEN].copy_from_slice(creator.as_bytes());
	rlp[2 + ADDRESS_LEN..1 + payload_len].copy_from_slice(nonce_rlp);
	Address::from_hash_tail(&keccak_256(&rlp[..1 + payload_len]))
}

/// Maps runtime accounts to Ewasm addresses and contract addresses to runtime accounts.
pub trait AddressMapper<AccountId> {
	/// The address contracts see for `account` (as `getCaller`, for example).
	fn to_address(account: &AccountId) -> Address;

	/// The runtime account derived from `address`, which holds the balance of the contract
	/// there. Value sent to an address without a contract and without a recorded user goes to
	/// this account too, so a contract deployed there later finds it (and a user recorded there
	/// later receives it: [`crate::accounts`]).
	fn contract_account(address: &Address) -> AccountId;

	/// The contract address whose balance `account` holds, if it is a contract account.
	fn contract_address(account: &AccountId) -> Option<Address>;
}

/// The mapping for runtimes whose accounts are 32 bytes ([`AccountId32`]); see the module
/// documentation.
pub struct AccountId32Mapper;

impl AddressMapper<AccountId32> for AccountId32Mapper {
	fn to_address(account: &AccountId32) -> Address {
		match Self::contract_address(account) {
			Some(address) => address,
			None => Address::from_hash_tail(&keccak_256(account.as_ref())),
		}
	}

	fn contract_account(address: &Address) -> AccountId32 {
		let mut bytes = [0u8; 32];
		bytes[..ADDRESS_LEN].copy_from_slice(address.as_bytes());
		bytes[ADDRESS_LEN..].copy_from_slice(&CONTRACT_ACCOUNT_SUFFIX);
		AccountId32::new(bytes)
	}

	fn contract_address(account: &AccountId32) -> Option<Address> {
		let bytes: &[u8; 32] = account.as_ref();
		if bytes[ADDRESS_LEN..] != CONTRACT_ACCOUNT_SUFFIX {
			return None;
		}
		let mut address = [0u8; ADDRESS_LEN];
		address.copy_from_slice(&bytes[..ADDRESS_LEN]);
		Some(Address(address))
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	fn hex(s: &str) -> Vec<u8> {
		(0..s.len()).step_by(2).map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap()).collect()
	}

	fn address(s: &str) -> Address {
		Address(hex(s).try_into().unwrap())
	}

	/// EIP-1014's first two test vectors.
	#[test]
	fn create2_matches_eip_1014_vectors() {
		assert_eq!(
			create2_address(&Address::default(), &[0; 32], &[0x00]),
			address("4d1a2e2bb4f88f0250f26ffff098b0b30b26bf38"),
		);
		assert_eq!(
			create2_address(
				&address("deadbeef00000000000000000000000000000000"),
				&[0; 32],
				&[0x00]
			),
			address("b928f69bb1d91cd65274e3c79d8986362984fda3"),
		);
	}

	/// Known CREATE addresses: the suite's sender at nonce 0, and a contract at nonces 0 and 1.
	#[test]
	fn create_matches_ethereum() {
		assert_eq!(
			create_address(&address("a94f5374fce5edbc8e2a8697c15331677e6ebf0b"), 0),
			address("6295ee1b4f6dd65047762f924ecd367c17eabf8f"),
		);
		assert_eq!(
			create_address(&address("6ac7ea33f8831ea9dcc53393aaa88b25a785dbf0"), 0),
			address("cd234a471b72ba2f1ccf0a70fcaba648a5eecd8d"),
		);
		assert_eq!(
			create_address(&address("6ac7ea33f8831ea9dcc53393aaa88b25a785dbf0"), 1),
			address("343c43a37d37dff08ae8c4a11544c718abb4fcf8"),
		);
	}

	#[test]
	fn create_encodes_large_nonces() {
		let creator = Address([9; 20]);
		let addresses: Vec<_> = [0x7f, 0x80, 0xff, 0x100, u64::MAX]
			.iter()
			.map(|n| create_address(&creator, *n))
			.collect();
		let mut unique = addresses.clone();
		unique.sort();
		unique.dedup();
		assert_eq!(unique.len(), addresses.len());
	}

	#[test]
	fn create2_depends_on_salt_and_code() {
		let deployer = Address([1; 20]);
		let a = create2_address(&deployer, &[0; 32], b"code");
		assert_ne!(a, create2_address(&deployer, &[1; 32], b"code"));
		assert_ne!(a, create2_address(&deployer, &[0; 32], b"other"));
		assert_eq!(a, create2_address(&deployer, &[0; 32], b"code"));
	}

	#[test]
	fn contract_accounts_round_trip() {
		let contract = Address([0x42; 20]);
		let account = AccountId32Mapper::contract_account(&contract);
		assert_eq!(AccountId32Mapper::contract_address(&account), Some(contract));
		assert_eq!(AccountId32Mapper::to_address(&account), contract);
	}

	#[test]
	fn user_accounts_map_to_keccak_tail() {
		let user = AccountId32::new([7; 32]);
		assert_eq!(AccountId32Mapper::contract_address(&user), None);
		assert_eq!(
			AccountId32Mapper::to_address(&user),
			Address::from_hash_tail(&keccak_256(&[7; 32]))
		);
	}
}
