//! Value encodings of the contract interface: balances and call values are u128
//! little-endian (16 bytes); storage keys and values are raw 32-byte words.

/// Length in bytes of an encoded value (`u128`, little-endian).
pub const VALUE_LEN: usize = 16;

/// Length in bytes of a storage key, a storage value, a block hash or a log topic.
pub const WORD_LEN: usize = 32;

/// A 32-byte storage key or value, stored and returned exactly as the contract wrote it.
pub type Word = [u8; WORD_LEN];

/// Encodes a balance or call value the way the EEI hands it to a contract.
pub fn encode_value(value: u128) -> [u8; VALUE_LEN] {
	value.to_le_bytes()
}

/// Decodes a balance or call value a contract wrote to memory.
pub fn decode_value(bytes: [u8; VALUE_LEN]) -> u128 {
	u128::from_le_bytes(bytes)
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn value_is_little_endian() {
		let bytes = encode_value(0x0102);
		assert_eq!(bytes[0], 0x02);
		assert_eq!(bytes[1], 0x01);
		assert_eq!(decode_value(bytes), 0x0102);
	}
}
