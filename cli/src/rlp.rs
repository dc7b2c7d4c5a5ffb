//! The encoding half of RLP (Ethereum's Recursive Length Prefix), as much as the tool needs
//! to hash logs: byte strings and nested lists of them.

/// A value to encode: a byte string, or a list of values.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Rlp<'a> {
	/// A byte string.
	Bytes(&'a [u8]),
	/// A list.
	List(Vec<Rlp<'a>>),
}

/// First byte of a byte string's header: short (`+ len`) or long (`+ 55 + len of len`).
const STRING_OFFSET: u8 = 0x80;
/// First byte of a list's header.
const LIST_OFFSET: u8 = 0xc0;
/// Longest payload whose length fits in the header's first byte.
const SHORT_PAYLOAD_MAX: usize = 55;

impl Rlp<'_> {
	/// The RLP encoding.
	pub fn encode(&self) -> Vec<u8> {
		let mut out = Vec::new();
		self.encode_into(&mut out);
		out
	}

	fn encode_into(&self, out: &mut Vec<u8>) {
		match self {
			Rlp::Bytes([byte]) if *byte < STRING_OFFSET => out.push(*byte),
			Rlp::Bytes(bytes) => {
				push_header(out, STRING_OFFSET, bytes.len());
				out.extend_from_slice(bytes);
			}
			Rlp::List(items) => {
				let mut payload = Vec::new();
				for item in items {
					item.encode_into(&mut payload);
				}
				push_header(out, LIST_OFFSET, payload.len());
				out.extend_from_slice(&payload);
			}
		}
	}
}

/// The header of a payload of `len` bytes.
fn push_header(out: &mut Vec<u8>, offset: u8, len: usize) {
	if len <= SHORT_PAYLOAD_MAX {
		out.push(offset + len as u8);
		return;
	}
	let len_bytes = len.to_be_bytes();
	let significant = &len_bytes[len.leading_zeros() as usize / 8..];
	out.push(offset + SHORT_PAYLOAD_MAX as u8 + significant.len() as u8);
	out.extend_from_slice(significant);
}

#[cfg(test)]
mod tests {
	use super::*;
	use Rlp::{Bytes, List};

	/// The examples of the RLP specification (Ethereum yellow paper, appendix B, and the
	/// ethereum.org RLP page).
	#[test]
	fn specification_examples() {
		assert_eq!(Bytes(b"dog").encode(), [0x83, b'd', b'o', b'g']);
		assert_eq!(
			List(vec![Bytes(b"cat"), Bytes(b"dog")]).encode(),
			[0xc8, 0x83, b'c', b'a', b't', 0x83, b'd', b'o', b'g']
		);
		assert_eq!(Bytes(b"").encode(), [0x80]);
		assert_eq!(List(vec![]).encode(), [0xc0]);
		assert_eq!(Bytes(&[0x00]).encode(), [0x00]);
		assert_eq!(Bytes(&[0x0f]).encode(), [0x0f]);
		assert_eq!(Bytes(&[0x04, 0x00]).encode(), [0x82, 0x04, 0x00]);
		assert_eq!(Bytes(&[0x80]).encode(), [0x81, 0x80]);
		// The set-theoretic representation of three: [ [], [[]], [ [], [[]] ] ].
		let three = List(vec![
			List(vec![]),
			List(vec![List(vec![])]),
			List(vec![List(vec![]), List(vec![List(vec![])])]),
		]);
		assert_eq!(three.encode(), [0xc7, 0xc0, 0xc1, 0xc0, 0xc3, 0xc0, 0xc1, 0xc0]);
	}

	#[test]
	fn long_strings_and_lists_have_length_of_length_headers() {
		let lorem = b"Lorem ipsum dolor sit amet, consectetur adipisicing elit";
		assert_eq!(lorem.len(), 56);
		let encoded = Bytes(lorem).encode();
		assert_eq!(encoded[..2], [0xb8, 56]);
		assert_eq!(&encoded[2..], lorem);

		let long = vec![0xaa; 1024];
		assert_eq!(Bytes(&long).encode()[..3], [0xb9, 0x04, 0x00]);

		let list = List(vec![Bytes(lorem)]);
		assert_eq!(list.encode()[..4], [0xf8, 58, 0xb8, 56]);
	}

	#[test]
	fn fifty_five_bytes_is_still_short() {
		let bytes = [0x11; 55];
		assert_eq!(Bytes(&bytes).encode()[0], 0x80 + 55);
	}
}
