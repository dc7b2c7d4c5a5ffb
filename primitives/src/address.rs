//! The 20-byte Ewasm account address.

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use core::fmt;
use scale_info::TypeInfo;

/// Length in bytes of an [`Address`].
pub const ADDRESS_LEN: usize = 20;

/// An Ewasm (Ethereum-style) 20-byte account address.
///
/// SCALE-encodes as its 20 raw bytes, so polkadot.js accepts a `0x`-prefixed hex string of
/// 40 digits for it.
#[derive(
	Clone,
	Copy,
	Default,
	PartialEq,
	Eq,
	PartialOrd,
	Ord,
	Hash,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
)]
pub struct Address(pub [u8; ADDRESS_LEN]);

impl Address {
	/// The address made of the last 20 bytes of a 32-byte hash, as Ethereum derives addresses.
	pub fn from_hash_tail(hash: &[u8; 32]) -> Self {
		let mut bytes = [0u8; ADDRESS_LEN];
		bytes.copy_from_slice(&hash[32 - ADDRESS_LEN..]);
		Address(bytes)
	}

	/// The raw bytes.
	pub fn as_bytes(&self) -> &[u8; ADDRESS_LEN] {
		&self.0
	}
}

impl From<[u8; ADDRESS_LEN]> for Address {
	fn from(bytes: [u8; ADDRESS_LEN]) -> Self {
		Address(bytes)
	}
}

impl fmt::Debug for Address {
	fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
		fmt::Display::fmt(self, f)
	}
}

impl fmt::Display for Address {
	fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
		f.write_str("0x")?;
		for byte in self.0 {
			write!(f, "{byte:02x}")?;
		}
		Ok(())
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn hash_tail_takes_last_twenty_bytes() {
		let mut hash = [0u8; 32];
		for (i, b) in hash.iter_mut().enumerate() {
			*b = i as u8;
		}
		let address = Address::from_hash_tail(&hash);
		assert_eq!(address.0[0], 12);
		assert_eq!(address.0[19], 31);
	}

	#[test]
	fn displays_as_lowercase_hex() {
		let address = Address([0xab; ADDRESS_LEN]);
		assert_eq!(format!("{address}"), format!("0x{}", "ab".repeat(20)));
	}

	#[test]
	fn encodes_as_raw_bytes() {
		let address = Address([7; ADDRESS_LEN]);
		assert_eq!(address.encode(), vec![7; ADDRESS_LEN]);
	}
}
