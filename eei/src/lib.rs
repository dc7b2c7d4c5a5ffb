//! The Ethereum Environment Interface (ewasm/design Revision 4) as a table: the name and wasm
//! signature of every host function a contract may import, the namespaces they live in, the
//! exports every contract has, and the result codes host functions return.
//!
//! Two revisions of the interface exist ([`Interface`]); a module chooses one by the namespace
//! it imports from: `ethereum` is `v1` (Revision 4 and `create2`), `ethereum_v2` is `v2`
//! (every `v1` function under the new namespace, and [`V2_FUNCTIONS`]). A module imports
//! from one of them only. The chain pairs each with a frozen gas schedule into the VM versions
//! contracts are deployed on (the pallet's `versions`).
//!
//! It is the one list of the interface: the pallet links its host functions and validates a
//! module's imports against it (through `ewasm-primitives`, which re-exports it), and the
//! contract SDK (`ewasm-sdk`) generates its imports from it. It depends on nothing, so a
//! contract's build can read it cheaply.
//!
//! The `debug` namespace ([`DEBUG_FUNCTIONS`]) is for development chains only; a module
//! importing a name that is not here, or with another signature, is rejected.
//!
//! Execution environments, stateless programs of their own kind, have a host interface of
//! their own: [`ee`].
#![no_std]

pub mod ee;

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

/// The import namespace of the interface's first version, [`Interface::V1`].
pub const ETHEREUM_NAMESPACE: &str = "ethereum";

/// The import namespace of the interface's second version, [`Interface::V2`].
pub const ETHEREUM_V2_NAMESPACE: &str = "ethereum_v2";

/// A revision of the interface: the host functions a contract may import, chosen by the
/// namespace its code imports from (code never changes, so neither does its interface). Part
/// of the VM version a contract is deployed on, which pairs it with a gas schedule.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord)]
pub enum Interface {
	/// ewasm Revision 4 and `create2`, under `ethereum`; also a module that imports nothing.
	#[default]
	V1,
	/// Everything in `v1` and [`V2_FUNCTIONS`], under `ethereum_v2`.
	V2,
}

impl Interface {
	/// Every revision, oldest first.
	pub const ALL: [Interface; 2] = [Interface::V1, Interface::V2];

	/// The import namespace of the revision's functions.
	pub const fn namespace(self) -> &'static str {
		match self {
			Interface::V1 => ETHEREUM_NAMESPACE,
			Interface::V2 => ETHEREUM_V2_NAMESPACE,
		}
	}

	/// The revision whose functions live in `namespace`, if one does.
	pub fn of_namespace(namespace: &str) -> Option<Interface> {
		Self::ALL.into_iter().find(|version| version.namespace() == namespace)
	}

	/// The functions the revision adds to those of the revision before it.
	pub const fn added_functions(self) -> &'static [HostFunction] {
		match self {
			Interface::V1 => ETHEREUM_FUNCTIONS,
			Interface::V2 => V2_FUNCTIONS,
		}
	}

	/// Every function of the revision, in its namespace: those of the revisions before it, then
	/// its own.
	pub fn functions(self) -> impl Iterator<Item = HostFunction> {
		Self::ALL
			.into_iter()
			.filter(move |version| *version <= self)
			.flat_map(|version| version.added_functions())
			.map(move |function| HostFunction { namespace: self.namespace(), ..*function })
	}
}

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

const fn v2(
	name: &'static str,
	params: &'static [ValueType],
	results: &'static [ValueType],
) -> HostFunction {
	HostFunction { namespace: ETHEREUM_V2_NAMESPACE, name, params, results }
}

/// The functions `v2` adds (each traps if a range of memory it reads or writes is out of
/// bounds):
/// - the hashes `keccak256`, `sha256` and `blake2b256`, each `(dataOffset, length,
///   resultOffset)`: the 32-byte hash of `length` bytes of memory at `dataOffset`, written at
///   `resultOffset`;
/// - `getChainId(resultOffset)`: the chain's id (on a parachain, its para id), u256
///   little-endian;
/// - `getSelfBalance(resultOffset)`: the balance of the account the frame acts as, u128
///   little-endian;
/// - `getExternalCodeHash(addressOffset, resultOffset)`: the keccak256 of the code of the
///   contract at an address, 32 zero bytes if no contract lives there;
/// - the bignum helpers `bignum_add256`, `bignum_sub256` and `bignum_mul256`, each `(aOffset,
///   bOffset, resultOffset)`, and `bignum_umulmod256(aOffset, bOffset, modulusOffset,
///   resultOffset)`: `a + b`, `a - b`, `a * b` and `a * b mod modulus` (of the full 512-bit
///   product) of 32-byte big-endian numbers, written at `resultOffset` (which may be an
///   operand's); they trap where the result does not fit 256 bits (overflow, underflow) and on
///   a zero modulus;
/// - `ecrecover(hashOffset, signatureOffset, resultOffset) -> i32`: the Ethereum address (20
///   bytes, the last of the keccak256 of the public key) whose secp256k1 key signed the 32-byte
///   hash, from a 65-byte signature `r ‖ s ‖ v` (`v` 27 or 28, or 0 or 1); 0 if it wrote one, 1
///   (writing nothing) if no key recovers from the signature.
///
/// An interface only grows, and only by functions that change nothing a deployed contract can
/// do: code never changes, so a contract deployed before a function existed cannot import it.
pub const V2_FUNCTIONS: &[HostFunction] = &[
	v2("keccak256", &[I32, I32, I32], &[]),
	v2("sha256", &[I32, I32, I32], &[]),
	v2("blake2b256", &[I32, I32, I32], &[]),
	v2("getChainId", &[I32], &[]),
	v2("getSelfBalance", &[I32], &[]),
	v2("getExternalCodeHash", &[I32, I32], &[]),
	v2("bignum_add256", &[I32, I32, I32], &[]),
	v2("bignum_sub256", &[I32, I32, I32], &[]),
	v2("bignum_mul256", &[I32, I32, I32], &[]),
	v2("bignum_umulmod256", &[I32, I32, I32, I32], &[]),
	v2("ecrecover", &[I32, I32, I32], &[I32]),
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

/// Looks up a function by namespace and name: of a version's namespace (with every function
/// of that version), or of `debug`.
pub fn host_function(namespace: &str, name: &str) -> Option<HostFunction> {
	match Interface::of_namespace(namespace) {
		Some(version) => version.functions().find(|function| function.name == name),
		None => DEBUG_FUNCTIONS
			.iter()
			.find(|function| function.namespace == namespace && function.name == name)
			.copied(),
	}
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

	#[test]
	fn v2_has_every_v1_function_under_its_namespace_and_its_own() {
		let v2: Vec<_> = Interface::V2.functions().collect();
		assert_eq!(v2.len(), ETHEREUM_FUNCTIONS.len() + V2_FUNCTIONS.len());
		assert!(v2.iter().all(|function| function.namespace == ETHEREUM_V2_NAMESPACE));
		let finish = host_function(ETHEREUM_V2_NAMESPACE, "finish").expect("in v2");
		assert_eq!(finish.params, ethereum_function("finish").expect("in v1").params);
		assert_eq!(
			host_function(ETHEREUM_V2_NAMESPACE, "keccak256").expect("in v2").params,
			&[I32, I32, I32]
		);
		assert!(host_function(ETHEREUM_NAMESPACE, "keccak256").is_none(), "not in v1");
		assert_eq!(
			host_function(ETHEREUM_V2_NAMESPACE, "getExternalCodeHash").expect("in v2").params,
			&[I32, I32]
		);
		assert!(host_function(ETHEREUM_NAMESPACE, "getChainId").is_none(), "not in v1");
		assert_eq!(Interface::V1.functions().count(), ETHEREUM_FUNCTIONS.len());
	}

	#[test]
	fn versions_are_named_by_their_namespaces() {
		for version in Interface::ALL {
			assert_eq!(Interface::of_namespace(version.namespace()), Some(version));
		}
		assert_eq!(Interface::of_namespace(DEBUG_NAMESPACE), None);
		assert_eq!(Interface::default(), Interface::V1);
	}
}
