//! Rebuilding a wasm module section by section, every section copied as it is unless an edit
//! takes it: what `ewasm build`'s stripping ([`crate::contract`]) and `--vm`'s renaming of
//! imports ([`crate::vm`]) share.

use wasm_encoder::{Module, RawSection};
use wasmparser::{BinaryReaderError, Parser, Payload};

/// What an edit did with a section.
pub enum Edit {
	/// Nothing: the section is copied as it is.
	Keep,
	/// It took the section: it added what replaces it to the module, or nothing to drop it.
	Taken,
}

/// Why `code` could not be read: it is not a wasm module.
pub fn malformed(error: BinaryReaderError) -> String {
	format!("not a wasm module: {error}")
}

/// `code` rebuilt: each section given to `edit` first, which may take it and add to the new
/// module what replaces it; the others copied as they are. Fails if `code` is not a wasm
/// module or `edit` fails.
pub fn rebuild(
	code: &[u8],
	mut edit: impl FnMut(&Payload<'_>, &mut Module) -> Result<Edit, String>,
) -> Result<Vec<u8>, String> {
	let mut module = Module::new();
	for payload in Parser::new(0).parse_all(code) {
		let payload = payload.map_err(malformed)?;
		if let Edit::Taken = edit(&payload, &mut module)? {
			continue;
		}
		if let Some((id, range)) = payload.as_section() {
			let data = code
				.get(range.start as usize..range.end as usize)
				.ok_or("not a wasm module: a section runs past the end")?;
			module.section(&RawSection { id, data });
		}
	}
	Ok(module.finish())
}
