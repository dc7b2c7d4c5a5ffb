//! Contract code as the tool reads it: a wasm binary or WAT text in a file (`ewasm run`),
//! and WAT text or hex in state-test files.

use crate::parse;
use std::path::Path;

/// The code in `path`: a wasm binary as it is, WAT text compiled.
pub fn from_file(path: &Path) -> Result<Vec<u8>, String> {
	let contents =
		std::fs::read(path).map_err(|error| format!("cannot read {}: {error}", path.display()))?;
	wat::parse_bytes(&contents).map(|code| code.into_owned()).map_err(|error| {
		let source = String::from_utf8_lossy(&contents);
		format!("{} is neither wasm nor valid WAT: {}", path.display(), one_line(&error, &source))
	})
}

/// Code written in a state test: WAT text (it starts with `(module`) compiled, anything else
/// read as hex bytes (empty for no code).
pub fn from_test_text(text: &str) -> Result<Vec<u8>, String> {
	if text.trim_start().starts_with("(module") {
		wat::parse_str(text).map_err(|error| format!("invalid WAT: {}", one_line(&error, text)))
	} else {
		parse::bytes(text)
	}
}

/// A WAT error on one line: its message, the word of `source` it is about and where that
/// is (the error's own source excerpt spans several lines).
fn one_line(error: &wat::Error, source: &str) -> String {
	let text = error.to_string();
	let mut lines = text.lines().map(str::trim);
	let message = lines.next().unwrap_or_default();
	let position = lines.find_map(|line| line.strip_prefix("--> ")).and_then(|location| {
		let mut parts = location.rsplitn(3, ':');
		let column: usize = parts.next()?.parse().ok()?;
		let line: usize = parts.next()?.parse().ok()?;
		Some((line, column))
	});
	let Some((line, column)) = position else {
		return message.to_string();
	};
	let word: String = source
		.lines()
		.nth(line.saturating_sub(1))
		.unwrap_or_default()
		.chars()
		.skip(column.saturating_sub(1))
		.take_while(|c| !c.is_whitespace() && *c != '(' && *c != ')')
		.collect();
	if word.is_empty() {
		format!("{message} at line {line}, column {column}")
	} else {
		format!("{message}: `{word}` at line {line}, column {column}")
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	const MINIMAL: &str = r#"(module (memory 1) (export "memory" (memory 0))
		(func (export "main")))"#;

	#[test]
	fn test_text_is_wat_or_hex() {
		let compiled = from_test_text(MINIMAL).unwrap();
		assert_eq!(&compiled[..4], b"\0asm");
		assert_eq!(from_test_text("0x0061736d").unwrap(), b"\0asm");
		assert_eq!(from_test_text("").unwrap(), Vec::<u8>::new());
	}

	/// The suite's fillers use the opcode names of 2018; the error says where.
	#[test]
	fn pre_2019_opcode_names_are_a_one_line_error() {
		let old = "(module\n  (func $f (local i32)\n    (set_local 0 (i32.const 1))))";
		assert_eq!(
			from_test_text(old).unwrap_err(),
			"invalid WAT: unknown operator or unexpected token: `set_local` at line 3, column 6"
		);
	}

	#[test]
	fn files_hold_wasm_or_wat() {
		let directory = std::env::temp_dir().join(format!("ewasm-code-{}", std::process::id()));
		std::fs::create_dir_all(&directory).unwrap();
		let wat_file = directory.join("minimal.wat");
		std::fs::write(&wat_file, MINIMAL).unwrap();
		let compiled = from_file(&wat_file).unwrap();
		let wasm_file = directory.join("minimal.wasm");
		std::fs::write(&wasm_file, &compiled).unwrap();
		assert_eq!(from_file(&wasm_file).unwrap(), compiled);
		std::fs::write(&wat_file, "(module (func (bogus)))").unwrap();
		assert!(from_file(&wat_file).unwrap_err().contains("neither wasm nor valid WAT"));
		assert!(from_file(&directory.join("missing.wat")).unwrap_err().contains("cannot read"));
		std::fs::remove_dir_all(&directory).unwrap();
	}
}
