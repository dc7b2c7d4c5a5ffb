//! Generates the contract's imports of the host functions (`sys.rs` includes them) from the
//! one table of the interface, `ewasm-eei`: every function of the contract's VM version, under
//! its namespace (`v1`'s `ethereum`, or `v2`'s `ethereum_v2` with the `v2` feature), and of
//! `debug` in a module of its own, with its wasm signature; and the execution environments'
//! (`ee.rs`, which `ee::sys` includes with the `ee` feature), every one under `env` with its
//! group's prefix (`env.eth2_blockDataSize`), as Scout resolves them. Nothing else lists them.

use ewasm_eei::{
	ee::{EE_ENV_NAMESPACE, EE_FUNCTIONS},
	HostFunction, Interface, ValueType, DEBUG_FUNCTIONS, DEBUG_NAMESPACE,
};
use std::{env, fmt::Write, fs, path::PathBuf};

fn rust_type(value: &ValueType) -> &'static str {
	match value {
		ValueType::I32 => "i32",
		ValueType::I64 => "i64",
	}
}

/// One `extern` block of the functions of `namespace`.
fn imports<'a>(namespace: &str, functions: impl IntoIterator<Item = &'a HostFunction>) -> String {
	let mut block =
		format!("#[link(wasm_import_module = \"{namespace}\")]\nunsafe extern \"C\" {{\n");
	for function in functions {
		let params: Vec<String> = function
			.params
			.iter()
			.enumerate()
			.map(|(index, param)| format!("p{index}: {}", rust_type(param)))
			.collect();
		let result = match function.results {
			[] => String::new(),
			[result] => format!(" -> {}", rust_type(result)),
			_ => panic!("{}: EEI functions have at most one result", function.name),
		};
		let _ = writeln!(
			block,
			"\t/// `{namespace}.{name}` of the EEI table.\n\tpub fn {name}({params}){result};",
			name = function.name,
			params = params.join(", "),
		);
	}
	block.push_str("}\n");
	block
}

fn main() {
	let out = PathBuf::from(env::var("OUT_DIR").expect("cargo sets OUT_DIR"));
	let version =
		if env::var_os("CARGO_FEATURE_V2").is_some() { Interface::V2 } else { Interface::V1 };
	let functions: Vec<HostFunction> = version.functions().collect();
	let code = format!(
		"{}\n/// The `debug` namespace: development chains only.\npub mod debug {{\n{}}}\n",
		imports(version.namespace(), &functions),
		imports(DEBUG_NAMESPACE, DEBUG_FUNCTIONS),
	);
	fs::write(out.join("eei.rs"), code).expect("OUT_DIR is writable");
	// An EE's imports under their prefixed names: unique symbols, whatever a contract's are.
	let ee_functions: Vec<HostFunction> = EE_FUNCTIONS
		.iter()
		.map(|function| HostFunction {
			namespace: EE_ENV_NAMESPACE,
			name: format!("{}_{}", function.group.namespace(), function.name).leak(),
			..function.as_host_function()
		})
		.collect();
	fs::write(out.join("ee.rs"), imports(EE_ENV_NAMESPACE, &ee_functions))
		.expect("OUT_DIR is writable");
	println!("cargo::rerun-if-changed=build.rs");
}
