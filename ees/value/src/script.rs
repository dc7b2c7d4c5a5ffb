//! Validation scripts: an address of the EE is keccak256 of its script's SCALE encoding, and
//! only a witness that satisfies the script may spend from it.
//!
//! | script | SCALE encoding | witness |
//! |---|---|---|
//! | `Key(address)` | `0x00`, the 20-byte Ethereum address of a secp256k1 key | its 65-byte signature `r ‖ s ‖ v` of the transaction's message |
//! | `Multi { threshold, keys }` | `0x01`, threshold (u8), the keys' count (SCALE compact, one byte: count × 4), 20 bytes each, all different; 1 ≤ threshold ≤ count ≤ 16 | a count (u8, at least the threshold, at most the keys'), then for each signature the index of its key (u8, strictly increasing) and the 65-byte signature |
//! | `Ee { id, account }` | `0x02`, the EE's id (u32 little-endian), an address (32 bytes) | nothing: EE `id` must send the block (`eth2.callEE`) with `account` as its origin (the value EE sends its authorised sender's address: `account` is that sender's account in EE `id`) |
//! | `Limit { cap, spender, owner }` | `0x03`, cap (u128 little-endian), then two scripts of the three kinds above | a role (u8, signed with the message): 0, the spender's witness (the spender may spend while what it spent since the owner last spent stays within `cap`), or 1, the owner's (any amount; what the spender spent starts again from zero) |

use crate::reader::Reader;
use alloc::vec::Vec;
use ewasm_sdk::{
	ee::{caller, ecrecover, keccak256},
	Address, Word,
};

/// The most keys an m-of-n script may name.
pub const MAX_KEYS: usize = 16;

/// A script that does not limit spending.
#[derive(Clone, Copy, Debug)]
pub enum Owner<'a> {
	/// One secp256k1 key, by its Ethereum address.
	Key(Address),
	/// `threshold` of the keys (20 bytes each) must sign.
	Multi { threshold: u8, keys: &'a [u8] },
	/// An account of another EE on this chain: it spends when that EE sends the block on its
	/// behalf (as the block's origin).
	Ee { ee: u32, account: &'a Word },
}

/// A script.
#[derive(Clone, Copy, Debug)]
pub enum Script<'a> {
	/// An owner's script.
	Plain(Owner<'a>),
	/// A spender who may spend up to `cap` between the owner's spends, and an owner.
	Limit { cap: u128, spender: Owner<'a>, owner: Owner<'a> },
}

/// Who authorised a spend.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
	/// The owner of a script without a limit.
	Plain,
	/// A spending limit's spender.
	Spender,
	/// A spending limit's owner.
	Owner,
}

impl<'a> Owner<'a> {
	fn read(reader: &mut Reader<'a>) -> Self {
		let tag = reader.u8();
		Self::read_after(tag, reader)
	}

	/// Reads the script whose tag (its first byte) was `tag`.
	fn read_after(tag: u8, reader: &mut Reader<'a>) -> Self {
		match tag {
			0 => Owner::Key(Address(reader.array())),
			1 => {
				let threshold = reader.u8();
				let compact = reader.u8();
				let count = (compact >> 2) as usize;
				assert!(compact & 3 == 0 && count <= MAX_KEYS, "at most 16 keys");
				assert!(threshold >= 1 && threshold as usize <= count, "a threshold of 1 to n");
				let keys = reader.take(count * 20);
				for (index, key) in keys.chunks(20).enumerate() {
					assert!(
						!keys[(index + 1) * 20..].chunks(20).any(|other| other == key),
						"a key twice"
					);
				}
				Owner::Multi { threshold, keys }
			}
			2 => Owner::Ee { ee: reader.u32(), account: reader.word() },
			_ => panic!("no such script"),
		}
	}

	/// Whether the witness the reader holds satisfies the script for `message`, in a block of
	/// `origin`.
	fn authorises(&self, witness: &mut Reader<'_>, message: &Word, origin: &Word) -> bool {
		match *self {
			Owner::Key(key) => signer(witness, message) == Some(key),
			Owner::Multi { threshold, keys } => {
				let count = witness.u8();
				if count < threshold || count as usize > keys.len() / 20 {
					return false;
				}
				let mut next_index = 0usize;
				for _ in 0..count {
					let index = witness.u8() as usize;
					let Some(key) = keys.get(index * 20..index * 20 + 20) else { return false };
					let signed = signer(witness, message);
					if index < next_index || signed.is_none_or(|signer| signer.0[..] != *key) {
						return false;
					}
					next_index = index + 1;
				}
				true
			}
			Owner::Ee { ee, account } => caller() == ee_address(ee) && origin == account,
		}
	}
}

impl<'a> Script<'a> {
	/// Reads a script, and gives the address it is of (keccak256 of its bytes).
	pub fn read(reader: &mut Reader<'a>) -> (Self, Word) {
		let start = reader.position();
		let script = match reader.u8() {
			3 => {
				let cap = reader.u128();
				Script::Limit { cap, spender: Owner::read(reader), owner: Owner::read(reader) }
			}
			tag => Script::Plain(Owner::read_after(tag, reader)),
		};
		(script, keccak256(reader.since(start)))
	}

	/// Who authorised a spend with the witness the reader holds, signing keccak256 of
	/// `preimage` (and, for a spending limit, of its role byte after it), in a block of `origin`;
	/// panics (failing the block) if it does not satisfy the script.
	pub fn authorise(
		&self,
		witness: &mut Reader<'_>,
		preimage: &mut Vec<u8>,
		origin: &Word,
	) -> Role {
		let (owner, role) = match self {
			Script::Plain(owner) => (owner, Role::Plain),
			Script::Limit { spender, owner, .. } => {
				let role = witness.u8();
				preimage.push(role);
				match role {
					0 => (spender, Role::Spender),
					1 => (owner, Role::Owner),
					_ => panic!("no such role"),
				}
			}
		};
		let message = keccak256(preimage);
		let authorised = owner.authorises(witness, &message, origin);
		assert!(authorised, "the witness does not satisfy the script");
		role
	}

	/// What the spender has spent after spending `amount` by `role`, from `spent`; panics
	/// (failing the block) past a spending limit's cap.
	pub fn spent_after(&self, role: Role, spent: u128, amount: u128) -> u128 {
		match (self, role) {
			(Script::Limit { cap, .. }, Role::Spender) => {
				let spent = spent.checked_add(amount).filter(|spent| spent <= cap);
				spent.unwrap_or_else(|| panic!("past the spending limit"))
			}
			(_, Role::Owner) => 0,
			_ => spent,
		}
	}
}

/// Who signed `message` with the 65-byte signature the reader holds.
fn signer(witness: &mut Reader<'_>, message: &Word) -> Option<Address> {
	ecrecover(message, &witness.array())
}

/// The address of EE `ee` on this chain: `keccak256("ewasm/ee" ‖ ee as u32 little-endian)`'s
/// last 20 bytes.
pub fn ee_address(ee: u32) -> Address {
	let mut preimage = [0u8; 12];
	preimage[..8].copy_from_slice(b"ewasm/ee");
	preimage[8..].copy_from_slice(&ee.to_le_bytes());
	let hash = keccak256(&preimage);
	let mut address = Address::ZERO;
	address.0.copy_from_slice(&hash[12..]);
	address
}
