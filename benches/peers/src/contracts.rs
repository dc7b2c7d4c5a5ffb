//! The contracts every system runs, built from source by the benchmark's setup: the SDK's
//! ERC-20 and SHA-256 examples with `ewasm build` for pallet-ewasm, the same contracts in
//! Solidity (`solidity/ERC20.sol`, `solidity/Sha256.sol`) with the pinned solc-js for
//! pallet-revive and revm, and an empty contract on each side for the pure overhead of a call;
//! on pallet-ewasm besides, a contract of nearly the largest code the chain admits.

use polkadot_sdk::sp_core::Get;
use std::{path::PathBuf, process::Command};

/// What one system deploys: init code, and the code it leaves.
#[derive(Clone, Debug)]
pub struct Artifact {
	/// The init code (a deployment's code).
	pub init_code: Vec<u8>,
	/// The code the init code deploys (what calls run).
	pub code: Vec<u8>,
}

/// The contracts of one system.
#[derive(Clone, Debug)]
pub struct Contracts {
	/// The ERC-20 token.
	pub erc20: Artifact,
	/// SHA-256 computed in contract code: `hash(bytes) returns (bytes32)`.
	pub sha256: Artifact,
	/// A contract whose every call succeeds doing nothing.
	pub empty: Artifact,
	/// A contract of nearly the largest code the chain admits whose every call succeeds doing
	/// nothing (pallet-ewasm's only).
	pub largest: Option<Artifact>,
}

fn crate_dir() -> PathBuf {
	PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The SDK example `examples/<name>` built as `ewasm build` does.
fn example(name: &str) -> Artifact {
	let examples = crate_dir().join("../../examples");
	let built =
		ewasm_cli::testing::build_contract(examples.join(name).to_str().expect("a UTF-8 path"));
	Artifact { init_code: built.init_code, code: built.code }
}

/// The Ewasm contracts: `examples/erc20` and `examples/sha256` built as `ewasm build` does, a
/// `main` that returns, and the same `main` beside [`largest_ewasm_code`].
pub fn ewasm() -> Contracts {
	let empty = wat::parse_str(r#"(module (memory (export "memory") 1) (func (export "main")))"#)
		.expect("the empty contract is valid WAT");
	let largest = largest_ewasm_code();
	Contracts {
		erc20: example("erc20"),
		sha256: example("sha256"),
		empty: Artifact { init_code: ewasm_init_code(&empty), code: empty },
		largest: Some(Artifact { init_code: ewasm_init_code(&largest), code: largest }),
	}
}

/// How far below the chain's code limit the largest contract stays: its init code, which
/// carries it, must fit the same limit.
const INIT_CODE_OVERHEAD: usize = 256;

/// A contract of `MaxCodeLen` less [`INIT_CODE_OVERHEAD`] bytes: a `main` that returns, and a
/// function never called of dense arithmetic (a local incremented again and again, 7 bytes a
/// time), the code a call must read, validate and compile, as much of it as a compiler's
/// output holds at most.
pub fn largest_ewasm_code() -> Vec<u8> {
	let limit: u32 = <crate::runtime::Runtime as pallet_ewasm::Config>::MaxCodeLen::get();
	let limit = limit as usize;
	let with_increments = |count: usize| {
		let increments = "(local.set 0 (i64.add (local.get 0) (i64.const 1)))".repeat(count);
		let module = format!(
			r#"(module (memory (export "memory") 1) (func (export "main"))
				(func (local i64) {increments}))"#
		);
		wat::parse_str(module).expect("the largest contract is valid WAT")
	};
	let overhead = with_increments(0).len() + 8;
	with_increments((limit - INIT_CODE_OVERHEAD - overhead) / 7)
}

/// Ewasm init code that deploys `code`: `main` passes it, a data segment, to `finish`.
fn ewasm_init_code(code: &[u8]) -> Vec<u8> {
	let bytes: String = code.iter().map(|byte| format!("\\{byte:02x}")).collect();
	let pages = code.len() / 65_536 + 1;
	let init = format!(
		r#"(module
			(import "ethereum" "finish" (func $finish (param i32 i32)))
			(memory (export "memory") {pages})
			(data (i32.const 0) "{bytes}")
			(func (export "main") (call $finish (i32.const 0) (i32.const {len}))))"#,
		len = code.len()
	);
	wat::parse_str(init).expect("the init code is valid WAT")
}

/// The EVM contracts: `solidity/ERC20.sol` and `solidity/Sha256.sol` compiled by the pinned
/// solc-js (`solidity/`, `npm ci` there first: `make setup` does it), and an empty contract
/// (`STOP`).
pub fn evm() -> Contracts {
	let dir = crate_dir().join("solidity");
	let output = Command::new("node")
		.current_dir(&dir)
		.args(["compile.mjs", "ERC20.sol", "Sha256.sol"])
		.output()
		.expect("node runs (make setup installs it)");
	assert!(
		output.status.success(),
		"solc-js in {}: {}",
		dir.display(),
		String::from_utf8_lossy(&output.stderr)
	);
	let compiled: serde_json::Value =
		serde_json::from_slice(&output.stdout).expect("compile.mjs prints JSON");
	let artifact = |contract: &str| {
		let hex_field = |field: &str| {
			hex::decode(compiled[contract][field].as_str().expect("a hex field")).expect("hex")
		};
		Artifact { init_code: hex_field("initCode"), code: hex_field("runtimeCode") }
	};
	// Init code that returns the one-byte code `STOP`: PUSH1 0x00, PUSH1 0, MSTORE8, PUSH1 1,
	// PUSH1 0, RETURN.
	let empty_init = vec![0x60, 0x00, 0x60, 0x00, 0x53, 0x60, 0x01, 0x60, 0x00, 0xf3];
	Contracts {
		erc20: artifact("ERC20"),
		sha256: artifact("Sha256"),
		empty: Artifact { init_code: empty_init, code: vec![0x00] },
		largest: None,
	}
}
