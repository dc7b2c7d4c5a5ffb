//! Makes a module rustc built into one Ewasm accepts: drops custom sections (names, producers,
//! target features), a start function and every export but `memory`, `main` and
//! `receiveMessage` (rustc's linker exports `__data_end` and `__heap_base`). Every other
//! section is copied as it is.

use crate::sections::{self, malformed, Edit};
use ewasm_primitives::system::receipts::RECEIVE_ENTRY_POINT;
use ewasm_primitives::{ENTRY_POINT, MEMORY_EXPORT};
use wasm_encoder::{ExportKind, ExportSection};
use wasmparser::{ExternalKind, Parser, Payload};

/// The exports an Ewasm module may have.
const KEPT_EXPORTS: [&str; 3] = [MEMORY_EXPORT, ENTRY_POINT, RECEIVE_ENTRY_POINT];

/// `code` without what Ewasm forbids, or why it is not a wasm module.
pub fn strip(code: &[u8]) -> Result<Vec<u8>, String> {
	sections::rebuild(code, |payload, module| match payload {
		Payload::CustomSection(_) | Payload::StartSection { .. } => Ok(Edit::Taken),
		Payload::ExportSection(reader) => {
			let mut exports = ExportSection::new();
			for export in reader.clone() {
				let export = export.map_err(malformed)?;
				let kind = match export.kind {
					ExternalKind::Func => ExportKind::Func,
					ExternalKind::Memory => ExportKind::Memory,
					_ => continue,
				};
				if KEPT_EXPORTS.contains(&export.name) {
					exports.export(export.name, kind, export.index);
				}
			}
			module.section(&exports);
			Ok(Edit::Taken)
		}
		_ => Ok(Edit::Keep),
	})
}

/// The imports of `code` as `namespace.name`, in order.
pub fn imports(code: &[u8]) -> Result<Vec<String>, String> {
	let mut names = Vec::new();
	for payload in Parser::new(0).parse_all(code) {
		if let Payload::ImportSection(reader) = payload.map_err(malformed)? {
			for import in reader.into_imports() {
				let import = import.map_err(malformed)?;
				names.push(format!("{}.{}", import.module, import.name));
			}
		}
	}
	Ok(names)
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn only_ewasm_s_exports_and_no_custom_sections_or_start_remain() {
		let built = wat::parse_str(
			r#"(module
				(import "ethereum" "finish" (func $finish (param i32 i32)))
				(memory (export "memory") 1)
				(global (export "__heap_base") i32 (i32.const 1024))
				(func $start)
				(start $start)
				(func (export "main") (call $finish (i32.const 0) (i32.const 0)))
				(func (export "receiveMessage"))
				(func (export "helper"))
				(@custom "producers" "rustc"))"#,
		)
		.unwrap();
		let stripped = strip(&built).unwrap();
		let mut exports = Vec::new();
		for payload in Parser::new(0).parse_all(&stripped) {
			match payload.unwrap() {
				Payload::ExportSection(reader) => exports
					.extend(reader.into_iter().map(|export| export.unwrap().name.to_string())),
				Payload::CustomSection(_) => panic!("a custom section is left"),
				Payload::StartSection { .. } => panic!("the start function is left"),
				_ => {}
			}
		}
		assert_eq!(exports, ["memory", "main", "receiveMessage"]);
		assert_eq!(imports(&stripped).unwrap(), ["ethereum.finish"]);
		assert!(strip(b"\0asm\x01\0\0\0\x07").is_err());
	}
}
