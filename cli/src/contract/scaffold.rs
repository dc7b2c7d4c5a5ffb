//! `ewasm new <path>`: a contract crate to start from. A counter with an owner, written with
//! `ewasm-sdk`, and a test that builds it and runs it on the pallet ([`crate::testing`]).
//! The crate is a workspace of its own, with the `Cargo.lock` of the repository the tool was
//! built from (so its test dependencies are the versions this repository tests).

use std::path::{Path, PathBuf};

/// This repository's root, where the tool was built.
fn repository() -> PathBuf {
	Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// The SDK of the repository the tool was built from.
pub fn default_sdk() -> PathBuf {
	repository().join("sdk")
}

/// The crate name of the directory `path`: its last component, `-` for `_`, which must be a
/// Rust identifier.
fn crate_name(path: &Path) -> Result<String, String> {
	let name = path
		.file_name()
		.and_then(|name| name.to_str())
		.ok_or_else(|| format!("{} does not end in a name", path.display()))?
		.replace('-', "_");
	let valid = name.chars().next().is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
		&& name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
	if !valid {
		return Err(format!("`{name}` is not a crate name (letters, digits, `_` and `-`)"));
	}
	Ok(name)
}

/// A path as TOML writes a string.
fn toml_path(path: &Path) -> String {
	path.display().to_string().replace('\\', "\\\\").replace('"', "\\\"")
}

fn manifest(name: &str, sdk: &Path, cli: &Path) -> String {
	format!(
		r#"[package]
name = "{name}"
version = "0.1.0"
edition = "2021"
publish = false

[lib]
# An Ewasm contract: `ewasm build` compiles it to wasm; its tests (tests/) run the wasm.
crate-type = ["cdylib"]
test = false
doctest = false

[dependencies]
# `v2`: the newest VM version (host keccak256 for the storage mappings' keys).
ewasm-sdk = {{ path = "{sdk}", features = ["v2"] }}

[dev-dependencies]
ewasm-cli = {{ path = "{cli}" }}

# A workspace of its own, wherever it is created.
[workspace]
"#,
		sdk = toml_path(sdk),
		cli = toml_path(cli),
	)
}

const CONTRACT: &str = r#"//! A counter: `count()` returns it, `increment(uint256)` adds to it (only its owner, the
//! deployer, may), emitting `Incremented(uint256)`.
#![cfg_attr(target_arch = "wasm32", no_std)]

use ewasm_sdk::{abi::AbiType, env, halt, input, log, storage::Slot, topic, Address, U256};

const COUNT: Slot<U256> = Slot::new(0);
const OWNER: Slot<Address> = Slot::new(1);

fn run() {
	ewasm_sdk::dispatch! {
		"count()" => halt::finish_value(&COUNT.get()),
		"increment(uint256)" => {
			halt::require(env::caller() == OWNER.get(), "only the owner");
			let by: U256 = input::required_arg(0);
			let Some(count) = COUNT.get().checked_add(by) else { halt::revert_with_message("overflow") };
			COUNT.set(&count);
			log::emit(&[topic!("Incremented(uint256)")], &count.encode());
			halt::finish_value(&count)
		},
	}
}

fn construct() {
	OWNER.set(&env::caller());
}

ewasm_sdk::entry!(run, construct);
"#;

fn test(name: &str) -> String {
	format!(
		r#"//! Runs the contract on the ewasm pallet in memory.

use ewasm_cli::testing::{{build_contract, call_data, Chain, ALICE, BOB}};
use ewasm_sdk::{{abi::AbiType, U256}};

#[test]
fn the_owner_increments_and_others_cannot() {{
	let contract = build_contract(env!("CARGO_MANIFEST_DIR"));
	let mut chain = Chain::new();
	let counter = chain.deploy(ALICE, &contract.init_code, 0, &[]).expect("deploys").address;
	let increment = call_data("increment(uint256)", &[U256::from(5u64).encode()]);
	let outcome = chain.call(ALICE, counter, 0, &increment);
	assert!(outcome.succeeded(), "{{outcome:?}}");
	assert_eq!(outcome.logs.len(), 1);
	let refused = chain.call(BOB, counter, 0, &increment);
	assert_eq!(refused.revert_message().as_deref(), Some("only the owner"));
	let count = chain.call(BOB, counter, 0, &call_data("count()", &[]));
	assert_eq!(count.value::<U256>(), Some(U256::from(5u64)), "{name}");
}}
"#
	)
}

/// Creates the crate at `path` (which must not exist) depending on the SDK at `sdk`; returns
/// its name.
pub fn create(path: &Path, sdk: &Path) -> Result<String, String> {
	let name = crate_name(path)?;
	if path.exists() {
		return Err(format!("{} exists already", path.display()));
	}
	let sdk = sdk
		.canonicalize()
		.map_err(|error| format!("the SDK at {}: {error} (pass --sdk <path>)", sdk.display()))?;
	let repository = sdk.join("..");
	let cli = repository.join("cli");
	let write = |relative: &str, contents: &str| {
		let file = path.join(relative);
		if let Some(parent) = file.parent() {
			std::fs::create_dir_all(parent)
				.map_err(|error| format!("{}: {error}", parent.display()))?;
		}
		std::fs::write(&file, contents).map_err(|error| format!("{}: {error}", file.display()))
	};
	write("Cargo.toml", &manifest(&name, &sdk, &cli))?;
	write("src/lib.rs", CONTRACT)?;
	write(&format!("tests/{name}.rs"), &test(&name))?;
	write(".gitignore", "/target\n")?;
	if let Ok(lock) = std::fs::read_to_string(repository.join("Cargo.lock")) {
		write("Cargo.lock", &lock)?;
	}
	Ok(name)
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn names_must_be_crate_names() {
		assert_eq!(crate_name(Path::new("a/my-token")).unwrap(), "my_token");
		assert!(crate_name(Path::new("9lives")).is_err());
		assert!(crate_name(Path::new("a b")).is_err());
	}

	#[test]
	fn a_new_crate_has_a_manifest_a_contract_and_a_test() {
		let directory = std::env::temp_dir().join(format!("ewasm-new-{}", std::process::id()));
		let path = directory.join("demo-token");
		assert_eq!(create(&path, &default_sdk()).unwrap(), "demo_token");
		let manifest = std::fs::read_to_string(path.join("Cargo.toml")).unwrap();
		assert!(manifest.contains("name = \"demo_token\"") && manifest.contains("cdylib"));
		assert!(path.join("src/lib.rs").exists() && path.join("tests/demo_token.rs").exists());
		assert!(create(&path, &default_sdk()).unwrap_err().contains("exists already"));
		std::fs::remove_dir_all(&directory).unwrap();
	}
}
