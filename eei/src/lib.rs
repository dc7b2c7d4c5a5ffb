//! The Ethereum Environment Interface (ewasm/design Revision 4) as a table: the name and wasm
//! signature of every host function a contract may import, the namespaces they live in, the
//! exports every contract has, and the result codes host functions return.
//!
//! It is the one list of the interface: the pallet links its host functions and validates a
//! module's imports against it (through `ewasm-primitives`, which re-exports it), and the
//! contract SDK (`ewasm-sdk`) generates its imports from it. It depends on nothing, so a
//! contract's build can read it cheaply.
//!
//! The `debug` namespace ([`DEBUG_FUNCTIONS`]) is for development chains only; a module
//! importing a name that is not here, or with another signature, is rejected.
#![no_std]

/// What a host function that can fail returns to the contract (ewasm/design Revision 4).
///
/// The numbers are part of the contract ABI: never renumber them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(i32)]
pub enum ReturnCode {
	/// The operation succeeded.
	Success = 0,
	/// The operation failed (a trap, out of gas, an unknown block, ...).
	Failure = 1,
	/// The callee ran `revert`.
	Revert = 2,
}

impl From<ReturnCode> for i32 {
	fn from(code: ReturnCode) -> i32 {
		code as i32
	}
}

/// The name of the only import namespace an Ewasm contract may use.
pub const ETHEREUM_NAMESPACE: &str = "ethereum";

/// The import namespace of the debugging helpers, accepted only where the runtime enables it.
pub const DEBUG_NAMESPACE: &str = "debug";

/// The function every Ewasm contract exports as its entry point: `main`, no params, no results.
pub const ENTRY_POINT: &str = "main";

/// The memory every Ewasm contract exports so the host can read and write it.
pub const MEMORY_EXPORT: &str = "memory";

/// A wasm value type as it appears in an EEI signature.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ValueType {
	/// 32-bit integer: memory offsets, lengths, result codes.
	I32,
	/// 64-bit integer: gas amounts, block numbers, timestamps.
	I64,
}

use ValueType::{I32, I64};

/// One host function of the interface.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct HostFunction {
	/// The import namespace: [`ETHEREUM_NAMESPACE`] or [`DEBUG_NAMESPACE`].
	pub namespace: &'static str,
	/// The import name.
	pub name: &'static str,
	/// Parameter types, in order.
	pub params: &'static [ValueType],
	/// Result types (zero or one).
	pub results: &'static [ValueType],
}

const fn eth(
	name: &'static str,
	params: &'static [ValueType],
	results: &'static [ValueType],
) -> HostFunction {
	HostFunction { namespace: ETHEREUM_NAMESPACE, name, params, results }
}

/// Every function of the `ethereum` namespace, in the order of the specification, followed by
/// the `create2` extension.
pub const ETHEREUM_FUNCTIONS: &[HostFunction] = &[
	eth("useGas", &[I64], &[]),
	eth("getGasLeft", &[], &[I64]),
	eth("getAddress", &[I32], &[]),
	eth("getExternalBalance", &[I32, I32], &[]),
	eth("getBlockHash", &[I64, I32], &[I32]),
	eth("call", &[I64, I32, I32, I32, I32], &[I32]),
	eth("callCode", &[I64, I32, I32, I32, I32], &[I32]),
	eth("callDelegate", &[I64, I32, I32, I32], &[I32]),
	eth("callStatic", &[I64, I32, I32, I32], &[I32]),
	eth("callDataCopy", &[I32, I32, I32], &[]),
	eth("getCallDataSize", &[], &[I32]),
	eth("storageStore", &[I32, I32], &[]),
	eth("storageLoad", &[I32, I32], &[]),
	eth("getCaller", &[I32], &[]),
	eth("getCallValue", &[I32], &[]),
	eth("codeCopy", &[I32, I32, I32], &[]),
	eth("getCodeSize", &[], &[I32]),
	eth("externalCodeCopy", &[I32, I32, I32, I32], &[]),
	eth("getExternalCodeSize", &[I32], &[I32]),
	eth("getBlockCoinbase", &[I32], &[]),
	eth("getBlockDifficulty", &[I32], &[]),
	eth("getBlockGasLimit", &[], &[I64]),
	eth("getTxGasPrice", &[I32], &[]),
	eth("log", &[I32, I32, I32, I32, I32, I32, I32], &[]),
	eth("getBlockNumber", &[], &[I64]),
	eth("getTxOrigin", &[I32], &[]),
	eth("finish", &[I32, I32], &[]),
	eth("revert", &[I32, I32], &[]),
	eth("getReturnDataSize", &[], &[I32]),
	eth("returnDataCopy", &[I32, I32, I32], &[]),
	eth("selfDestruct", &[I32], &[]),
	eth("getBlockTimestamp", &[], &[I64]),
	eth("create", &[I32, I32, I32, I32], &[I32]),
	eth("create2", &[I32, I32, I32, I32, I32], &[I32]),
];

const fn debug(name: &'static str, params: &'static [ValueType]) -> HostFunction {
	HostFunction { namespace: DEBUG_NAMESPACE, name, params, results: &[] }
}

/// The debugging helpers of the `debug` namespace, accepted only on chains that enable them
/// (development chains): they print to the node's log and change nothing.
pub const DEBUG_FUNCTIONS: &[HostFunction] = &[
	debug("print32", &[I32]),
	debug("print64", &[I64]),
	debug("printMem", &[I32, I32]),
	debug("printMemHex", &[I32, I32]),
	debug("printStorage", &[I32]),
	debug("printStorageHex", &[I32]),
];

/// Looks up an `ethereum` namespace function by name.
pub fn ethereum_function(name: &str) -> Option<&'static HostFunction> {
	ETHEREUM_FUNCTIONS.iter().find(|function| function.name == name)
}

/// Looks up a function by namespace and name, in either table.
pub fn host_function(namespace: &str, name: &str) -> Option<&'static HostFunction> {
	ETHEREUM_FUNCTIONS
		.iter()
		.chain(DEBUG_FUNCTIONS)
		.find(|function| function.namespace == namespace && function.name == name)
}

#[cfg(test)]
mod tests {
	extern crate std;
	use super::*;
	use std::vec::Vec;

	#[test]
	fn table_has_the_33_specified_functions_and_create2() {
		assert_eq!(ETHEREUM_FUNCTIONS.len(), 34);
		let mut names: Vec<_> = ETHEREUM_FUNCTIONS.iter().map(|f| f.name).collect();
		names.sort_unstable();
		names.dedup();
		assert_eq!(names.len(), 34, "names are unique");
	}

	#[test]
	fn lookup_finds_signatures() {
		let store = ethereum_function("storageStore").expect("specified");
		assert_eq!(store.params, &[I32, I32]);
		assert!(store.results.is_empty());
		assert_eq!(ethereum_function("getGasLeft").expect("specified").results, &[I64]);
		assert!(ethereum_function("sha3").is_none());
	}

	#[test]
	fn lookup_by_namespace_keeps_the_namespaces_apart() {
		assert_eq!(host_function("debug", "print32").expect("specified").params, &[I32]);
		assert!(host_function("ethereum", "print32").is_none());
		assert!(host_function("debug", "finish").is_none());
		assert!(host_function("ethereum", "finish").is_some());
	}
}
