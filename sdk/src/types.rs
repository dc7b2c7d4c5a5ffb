//! The values contracts handle: [`Address`] (20 bytes) and [`U256`] (Solidity's `uint256`),
//! and [`Word`], a 32-byte big-endian ABI word and storage value.

/// A 32-byte word: an ABI argument or result, a storage key or value, a log topic. Big-endian
/// as Solidity's ABI and storage layout have it.
///
/// ```
/// use ewasm_sdk::{Word, U256};
/// let word: Word = U256::from(1u64).to_be_bytes();
/// assert_eq!(word[31], 1, "big-endian: the low byte last");
/// ```
pub type Word = [u8; 32];

/// A 20-byte account address.
///
/// ```
/// use ewasm_sdk::Address;
/// let owner = Address([0x11; 20]);
/// assert_ne!(owner, Address::ZERO);
/// assert_eq!(owner.0[19], 0x11);
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Address(pub [u8; 20]);

impl Address {
	/// The zero address.
	///
	/// ```
	/// use ewasm_sdk::Address;
	/// assert_eq!(Address::ZERO, Address([0; 20]));
	/// assert_eq!(Address::default(), Address::ZERO);
	/// ```
	pub const ZERO: Address = Address([0; 20]);

	/// Whether it is the zero address.
	///
	/// ```
	/// use ewasm_sdk::Address;
	/// assert!(Address::ZERO.is_zero());
	/// assert!(!Address([1; 20]).is_zero());
	/// ```
	pub fn is_zero(&self) -> bool {
		*self == Self::ZERO
	}
}

/// An unsigned 256-bit integer, Solidity's `uint256`, kept as its 32-byte big-endian word (so
/// storing it, encoding it and comparing it cost nothing more than copying bytes).
/// Arithmetic is checked (`None` on overflow) or saturating, never wrapping silently.
///
/// ```
/// use ewasm_sdk::U256;
/// let a = U256::from(5u64);
/// assert_eq!(a.checked_sub(U256::from(6u64)), None);
/// assert_eq!(a.checked_add(U256::ONE), Some(U256::from(6u64)));
/// assert_eq!(U256::from_be_bytes(a.to_be_bytes()), a);
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct U256(Word);

impl U256 {
	/// 0.
	///
	/// ```
	/// use ewasm_sdk::U256;
	/// assert!(U256::ZERO.is_zero());
	/// assert_eq!(U256::default(), U256::ZERO);
	/// ```
	pub const ZERO: U256 = U256([0; 32]);

	/// 1.
	///
	/// ```
	/// use ewasm_sdk::U256;
	/// assert_eq!(U256::ONE, U256::from(1u64));
	/// assert_eq!(U256::ZERO.checked_add(U256::ONE), Some(U256::ONE));
	/// ```
	pub const ONE: U256 = U256::from_u128(1);

	/// 2²⁵⁶ − 1.
	///
	/// ```
	/// use ewasm_sdk::U256;
	/// assert_eq!(U256::MAX.to_be_bytes(), [0xff; 32]);
	/// assert_eq!(U256::MAX.checked_add(U256::ONE), None);
	/// ```
	pub const MAX: U256 = U256([0xff; 32]);

	/// The number a 32-byte big-endian word holds.
	///
	/// ```
	/// use ewasm_sdk::U256;
	/// let mut word = [0u8; 32];
	/// word[31] = 42;
	/// assert_eq!(U256::from_be_bytes(word), U256::from(42u64));
	/// ```
	pub const fn from_be_bytes(bytes: Word) -> U256 {
		U256(bytes)
	}

	/// The number as a 32-byte big-endian word.
	///
	/// ```
	/// use ewasm_sdk::U256;
	/// let word = U256::from(0x0102u64).to_be_bytes();
	/// assert_eq!(word[30..], [0x01, 0x02]);
	/// ```
	pub const fn to_be_bytes(self) -> Word {
		self.0
	}

	/// `value` as a `U256`.
	///
	/// ```
	/// use ewasm_sdk::U256;
	/// const ONE_ETHER: U256 = U256::from_u128(1_000_000_000_000_000_000);
	/// assert_eq!(ONE_ETHER.to_u128(), Some(10u128.pow(18)));
	/// ```
	pub const fn from_u128(value: u128) -> U256 {
		let mut word = [0u8; 32];
		let bytes = value.to_be_bytes();
		let mut i = 0;
		while i < 16 {
			word[16 + i] = bytes[i];
			i += 1;
		}
		U256(word)
	}

	/// Whether it is 0.
	///
	/// ```
	/// use ewasm_sdk::U256;
	/// assert!(U256::ZERO.is_zero());
	/// assert!(!U256::ONE.is_zero());
	/// ```
	pub fn is_zero(&self) -> bool {
		*self == U256::ZERO
	}

	/// `self + other`, `None` if it overflows.
	///
	/// ```
	/// use ewasm_sdk::U256;
	/// let balance = U256::from(100u64);
	/// assert_eq!(balance.checked_add(U256::from(5u64)), Some(U256::from(105u64)));
	/// assert_eq!(U256::MAX.checked_add(U256::ONE), None);
	/// ```
	pub fn checked_add(self, other: U256) -> Option<U256> {
		let mut sum = [0u8; 32];
		let mut carry = 0u16;
		for i in (0..32).rev() {
			let total = u16::from(self.0[i]) + u16::from(other.0[i]) + carry;
			sum[i] = total as u8;
			carry = total >> 8;
		}
		(carry == 0).then_some(U256(sum))
	}

	/// `self - other`, `None` if `other` is larger.
	///
	/// ```
	/// use ewasm_sdk::U256;
	/// let balance = U256::from(100u64);
	/// assert_eq!(balance.checked_sub(U256::from(30u64)), Some(U256::from(70u64)));
	/// assert_eq!(balance.checked_sub(U256::from(101u64)), None, "insufficient balance");
	/// ```
	pub fn checked_sub(self, other: U256) -> Option<U256> {
		let mut difference = [0u8; 32];
		let mut borrow = 0i16;
		for i in (0..32).rev() {
			let total = i16::from(self.0[i]) - i16::from(other.0[i]) - borrow;
			difference[i] = total as u8;
			borrow = i16::from(total < 0);
		}
		(borrow == 0).then_some(U256(difference))
	}

	/// `self + other`, or [`U256::MAX`] if it overflows.
	///
	/// ```
	/// use ewasm_sdk::U256;
	/// assert_eq!(U256::from(2u64).saturating_add(U256::ONE), U256::from(3u64));
	/// assert_eq!(U256::MAX.saturating_add(U256::ONE), U256::MAX);
	/// ```
	pub fn saturating_add(self, other: U256) -> U256 {
		self.checked_add(other).unwrap_or(U256::MAX)
	}

	/// `self - other`, or 0 if `other` is larger.
	///
	/// ```
	/// use ewasm_sdk::U256;
	/// assert_eq!(U256::from(3u64).saturating_sub(U256::ONE), U256::from(2u64));
	/// assert_eq!(U256::ONE.saturating_sub(U256::from(3u64)), U256::ZERO);
	/// ```
	pub fn saturating_sub(self, other: U256) -> U256 {
		self.checked_sub(other).unwrap_or(U256::ZERO)
	}

	/// The number as a `u128`, `None` if it is larger.
	///
	/// ```
	/// use ewasm_sdk::U256;
	/// assert_eq!(U256::from(7u64).to_u128(), Some(7));
	/// assert_eq!(U256::MAX.to_u128(), None);
	/// ```
	pub fn to_u128(self) -> Option<u128> {
		let (high, low) = self.0.split_at(16);
		high.iter()
			.all(|byte| *byte == 0)
			.then(|| u128::from_be_bytes(low.try_into().unwrap_or_default()))
	}
}

impl From<u128> for U256 {
	fn from(value: u128) -> U256 {
		U256::from_u128(value)
	}
}

impl From<u64> for U256 {
	fn from(value: u64) -> U256 {
		U256::from_u128(value.into())
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn words_are_big_endian_and_round_trip() {
		let mut word = [0u8; 32];
		word[31] = 1;
		word[0] = 0x80;
		let value = U256::from_be_bytes(word);
		assert_eq!(value.to_be_bytes(), word);
		assert_eq!(U256::from(1u64).to_be_bytes()[31], 1);
		assert_eq!(U256::from(u128::MAX).to_u128(), Some(u128::MAX));
		assert_eq!(value.to_u128(), None);
	}

	#[test]
	fn arithmetic_carries_across_limbs_and_refuses_overflow() {
		let low = U256::from(u64::MAX);
		let carried = U256::from(u128::from(u64::MAX) + 1);
		assert_eq!(low.checked_add(U256::ONE), Some(carried));
		assert_eq!(carried.checked_sub(U256::ONE), Some(low));
		let mut high = [0u8; 32];
		high[0] = 1;
		assert_eq!(
			U256::from(u128::MAX).checked_add(U256::ONE).map(|v| v.to_be_bytes()[15]),
			Some(1)
		);
		assert!(U256::from_be_bytes(high) > U256::from(u128::MAX));
		assert_eq!(U256::MAX.checked_add(U256::ONE), None);
		assert_eq!(U256::ZERO.checked_sub(U256::ONE), None);
		assert_eq!(U256::MAX.saturating_add(U256::ONE), U256::MAX);
		assert_eq!(U256::ZERO.saturating_sub(U256::ONE), U256::ZERO);
		assert!(U256::from(2u64) < U256::from(3u64));
	}
}
