//! Reading a block's bytes in order; reading past the end panics, which fails the block.

/// A cursor over a block's bytes.
pub struct Reader<'a> {
	bytes: &'a [u8],
	position: usize,
}

impl<'a> Reader<'a> {
	/// A reader at the start of `bytes`.
	pub fn new(bytes: &'a [u8]) -> Self {
		Reader { bytes, position: 0 }
	}

	/// Whether every byte has been read.
	pub fn is_empty(&self) -> bool {
		self.position == self.bytes.len()
	}

	/// How many bytes have been read.
	pub fn position(&self) -> usize {
		self.position
	}

	/// The bytes from `start` to where the reader is.
	pub fn since(&self, start: usize) -> &'a [u8] {
		&self.bytes[start..self.position]
	}

	/// The next `length` bytes.
	pub fn take(&mut self, length: usize) -> &'a [u8] {
		let end = self.position.checked_add(length).filter(|end| *end <= self.bytes.len());
		let end = end.unwrap_or_else(|| panic!("the block ends early"));
		let taken = &self.bytes[self.position..end];
		self.position = end;
		taken
	}

	/// The next `N` bytes.
	pub fn array<const N: usize>(&mut self) -> [u8; N] {
		let mut array = [0u8; N];
		array.copy_from_slice(self.take(N));
		array
	}

	/// The next 32 bytes, where they lie.
	pub fn word(&mut self) -> &'a [u8; 32] {
		self.take(32).try_into().unwrap_or_else(|_| unreachable!())
	}

	/// The next byte.
	pub fn u8(&mut self) -> u8 {
		self.take(1)[0]
	}

	/// The next u32, little-endian.
	pub fn u32(&mut self) -> u32 {
		u32::from_le_bytes(self.array())
	}

	/// The next u64, little-endian.
	pub fn u64(&mut self) -> u64 {
		u64::from_le_bytes(self.array())
	}

	/// The next u128, little-endian.
	pub fn u128(&mut self) -> u128 {
		u128::from_le_bytes(self.array())
	}
}
