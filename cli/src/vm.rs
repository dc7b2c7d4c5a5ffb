//! `--vm`: running code written for one interface revision on another (and so on the tool's
//! VM version of that interface). Every function import from a revision's namespace is renamed
//! into the chosen revision's; every later revision has the functions of the earlier ones, so
//! `v1` code runs on `v2` as it is otherwise (and `v2` code that uses a `v2` function is refused
//! on `v1`, as the chain refuses it).

use crate::sections::{self, malformed, Edit};
use ewasm_primitives::Interface;
use wasm_encoder::{EntityType, ImportSection};
use wasmparser::{Payload, TypeRef};

/// An interface revision on the command line.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum VmChoice {
	/// `ethereum`: Revision 4 and `create2`.
	V1,
	/// `ethereum_v2`: `v1`, the hash functions, three getters, the bignum helpers and
	/// `ecrecover`.
	V2,
}

impl VmChoice {
	/// The interface chosen.
	pub fn interface(self) -> Interface {
		match self {
			VmChoice::V1 => Interface::V1,
			VmChoice::V2 => Interface::V2,
		}
	}
}

/// `code` importing from `version`'s namespace wherever it imports a function from a
/// revision's. Bytes that are not a wasm module (state tests deploy such bytes to see them
/// refused), and modules that import anything but functions (the chain refuses them), are
/// returned as they are.
pub fn on_version(code: &[u8], version: Interface) -> Vec<u8> {
	renamed(code, version).unwrap_or_else(|_| code.to_vec())
}

/// [`on_version`] of a module, or why `code` is not one.
fn renamed(code: &[u8], version: Interface) -> Result<Vec<u8>, String> {
	sections::rebuild(code, |payload, module| {
		let Payload::ImportSection(reader) = payload else {
			return Ok(Edit::Keep);
		};
		let mut imports = ImportSection::new();
		for import in reader.clone().into_imports() {
			let import = import.map_err(malformed)?;
			let TypeRef::Func(type_index) = import.ty else {
				return Ok(Edit::Keep);
			};
			let namespace = match Interface::of_namespace(import.module) {
				Some(_) => version.namespace(),
				None => import.module,
			};
			imports.import(namespace, import.name, EntityType::Function(type_index));
		}
		module.section(&imports);
		Ok(Edit::Taken)
	})
}

#[cfg(test)]
mod tests {
	use super::*;
	use crate::contract::strip::imports;

	#[test]
	fn function_imports_move_to_the_chosen_version_s_namespace() {
		let code = wat::parse_str(
			r#"(module
				(import "ethereum" "getCaller" (func (param i32)))
				(import "debug" "print32" (func (param i32)))
				(import "ethereum" "finish" (func (param i32 i32)))
				(memory (export "memory") 1)
				(func (export "main")))"#,
		)
		.unwrap();
		let v2 = on_version(&code, Interface::V2);
		assert_eq!(
			imports(&v2).unwrap(),
			["ethereum_v2.getCaller", "debug.print32", "ethereum_v2.finish"]
		);
		let v1 = on_version(&v2, Interface::V1);
		assert_eq!(imports(&v1).unwrap(), imports(&code).unwrap(), "and back");
		for not_a_module in [&b"\xbe\xef"[..], b"\0asm\x01\0\0\0\x02\x05", b"\0asm\x02\0\0\0"] {
			assert_eq!(on_version(not_a_module, Interface::V2), not_a_module);
		}
	}
}
