//! Skip lists: what a runner of third-party tests does not run, each with its reason, kept short
//! on purpose (at most [`MAX_ENTRIES`]): `cli/statetest-skip.txt` for `ewasm statetest`,
//! `cli/scout-skip.txt` for `ewasm scout`, built into the tool: one `name: reason` per line,
//! `#` comments and blank lines ignored.

use std::collections::BTreeMap;

/// Most tests the list may skip.
pub const MAX_ENTRIES: usize = 10;

/// The list in the repository.
const SKIP_FILE: &str = include_str!("../../statetest-skip.txt");

/// What to skip, by name, with the reasons.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SkipList(BTreeMap<String, String>);

impl SkipList {
	/// `ewasm statetest`'s list, built into the tool.
	pub fn built_in() -> Result<Self, String> {
		Self::parse(SKIP_FILE).map_err(|error| format!("cli/statetest-skip.txt: {error}"))
	}

	/// Reads a list.
	pub fn parse(text: &str) -> Result<Self, String> {
		let mut entries = BTreeMap::new();
		for (index, line) in text.lines().enumerate() {
			let line = line.trim();
			if line.is_empty() || line.starts_with('#') {
				continue;
			}
			let line_number = index + 1;
			let (name, reason) = line
				.split_once(':')
				.map(|(name, reason)| (name.trim(), reason.trim()))
				.filter(|(name, reason)| !name.is_empty() && !reason.is_empty())
				.ok_or_else(|| format!("line {line_number}: expected `testName: reason`"))?;
			if name.contains(char::is_whitespace) {
				return Err(format!("line {line_number}: test name {name:?} contains a space"));
			}
			if entries.insert(name.to_string(), reason.to_string()).is_some() {
				return Err(format!("line {line_number}: {name} is listed twice"));
			}
		}
		if entries.len() > MAX_ENTRIES {
			return Err(format!("{} entries, more than {MAX_ENTRIES}", entries.len()));
		}
		Ok(SkipList(entries))
	}

	/// Why `name` is skipped, if it is.
	pub fn reason(&self, name: &str) -> Option<&str> {
		self.0.get(name).map(String::as_str)
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn the_built_in_list_is_valid() {
		SkipList::built_in().unwrap();
	}

	#[test]
	fn entries_have_names_and_reasons() {
		let list =
			SkipList::parse("# comment\n\ncreateCode: 0xbeef is not wasm: refused\n").unwrap();
		assert_eq!(list.reason("createCode"), Some("0xbeef is not wasm: refused"));
		assert_eq!(list.reason("callCode"), None);
	}

	#[test]
	fn malformed_lists_are_refused() {
		assert_eq!(
			SkipList::parse("createCode\n").unwrap_err(),
			"line 1: expected `testName: reason`"
		);
		assert_eq!(
			SkipList::parse("#\ncreateCode:   \n").unwrap_err(),
			"line 2: expected `testName: reason`"
		);
		assert!(SkipList::parse("a b: reason").unwrap_err().contains("contains a space"));
		assert!(SkipList::parse("a: x\na: y").unwrap_err().contains("listed twice"));
		let eleven: String = (0..11).map(|i| format!("test{i}: reason\n")).collect();
		assert_eq!(SkipList::parse(&eleven).unwrap_err(), "11 entries, more than 10");
	}
}
