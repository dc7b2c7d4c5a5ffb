//! The host interface of execution environments (EEs): stateless wasm programs run as
//! `f(pre_state_root, block_data) -> post_state_root`, as Ethereum's Scout prototyped them.
//!
//! Scout resolved each function under two names, and EEs in the wild use both: in namespace
//! `env` with its group's prefix (`eth2_loadPreStateRoot`, `bignum_add256`, `debug_print32`),
//! and unprefixed in the group's own namespace (`eth2.loadPreStateRoot`, `bignum.add256`,
//! `debug.print32`). [`ee_function`] accepts either.

use crate::{HostFunction, ValueType};
use ValueType::{I32, I64};

/// The namespace Scout's EEs import from with prefixed names.
pub const EE_ENV_NAMESPACE: &str = "env";

/// A group of EE host functions: its own namespace, which is also the prefix of its names
/// under [`EE_ENV_NAMESPACE`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EeGroup {
	/// The state root, the block data, deposits, and value.
	Eth2,
	/// 256-bit arithmetic.
	Bignum,
	/// Hashes and signature recovery.
	Crypto,
	/// Printing, for development.
	Debug,
}

impl EeGroup {
	/// The group's namespace, and the prefix of its names under `env` (followed by `_`).
	pub const fn namespace(self) -> &'static str {
		match self {
			EeGroup::Eth2 => "eth2",
			EeGroup::Bignum => "bignum",
			EeGroup::Crypto => "crypto",
			EeGroup::Debug => "debug",
		}
	}
}

/// One EE host function: its group, its unprefixed name and its wasm signature.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct EeFunction {
	/// The group it belongs to.
	pub group: EeGroup,
	/// Its name in its group's namespace (and, prefixed, under `env`).
	pub name: &'static str,
	/// Parameter types, in order.
	pub params: &'static [ValueType],
	/// Result types (zero or one).
	pub results: &'static [ValueType],
}

impl EeFunction {
	/// The function as imported from its group's namespace (its name and signature, as
	/// validation checks an import against them).
	pub const fn as_host_function(&self) -> HostFunction {
		HostFunction {
			namespace: self.group.namespace(),
			name: self.name,
			params: self.params,
			results: self.results,
		}
	}
}

const fn ee(
	group: EeGroup,
	name: &'static str,
	params: &'static [ValueType],
	results: &'static [ValueType],
) -> EeFunction {
	EeFunction { group, name, params, results }
}

/// Every EE host function. Each traps if a range of memory it reads or writes is outside the
/// EE's memory.
///
/// | function | what it does |
/// |---|---|
/// | `eth2.loadPreStateRoot(ptr)` | writes the 32-byte root the block runs on |
/// | `eth2.blockDataSize() -> i32` | the block data's length |
/// | `eth2.blockDataCopy(ptr, offset, length)` | copies `data[offset..offset + length]` to `ptr`; traps past the data's end |
/// | `eth2.savePostStateRoot(ptr)` | reads 32 bytes: the root the block leaves (the last saved counts) |
/// | `eth2.pushNewDeposit(ptr, length)` | records a deposit of exactly 184 bytes (pubkey 48, withdrawal credentials 32, amount u64 big-endian, signature 96); traps on another length or past 16 a block |
/// | `eth2.useTicks(ticks)` | nothing: instructions are metered by gas (Scout's own metering) |
/// | `eth2.getCaller(ptr)` | writes the 20-byte address of who sent the block (the signer's) |
/// | `eth2.getCallValue(ptr)` | writes the value sent with the block, 16 bytes little-endian (as the EEI's values) |
/// | `eth2.getBalance(ptr)` | writes the EE's own balance, 16 bytes little-endian (the block's value included) |
/// | `eth2.transfer(addressPtr, valuePtr) -> i32` | moves the 16-byte little-endian value at `valuePtr` from the EE to the 20-byte address at `addressPtr`: 0 if it moved, 1 if it cannot (the EE's balance, less what it must keep, is short; the amount would leave a new account below the existential deposit) |
/// | `eth2.getAddress(ptr)` | writes the EE's own 20-byte address (where its balance is kept) |
/// | `eth2.getChainId(ptr)` | writes the chain's id, 32 bytes little-endian (this parachain's id, as `v2`'s `getChainId`) |
/// | `eth2.callEE(ee, dataPtr, dataLength, valuePtr) -> i32` | runs EE `ee`'s `main` on `dataLength` bytes at `dataPtr` as its block, sent by this EE with the 16-byte little-endian value at `valuePtr` (moved first): 0 if it succeeded (its root is replaced, the value stays moved), 1 if not (nothing it did stays; no such EE, already running in this block, calls nested more than 4 deep, the value cannot move, or it failed) |
/// | `bignum.add256(a, b, out)` / `bignum.sub256(a, b, out)` / `bignum.mul256(a, b, out)` | `out = a + b`, `a - b`, `a * b` of 32-byte big-endian numbers; traps on overflow or underflow |
/// | `bignum.umulmod256(a, b, modulus, out)` | `out = a * b mod modulus` of the full 512-bit product; traps on a zero modulus |
/// | `crypto.keccak256(dataPtr, length, out)` / `crypto.sha256(...)` / `crypto.blake2b256(...)` | writes the 32-byte hash of `length` bytes at `dataPtr` |
/// | `crypto.ecrecover(hashPtr, signaturePtr, out) -> i32` | writes the 20-byte address whose secp256k1 key signed the 32-byte hash with the 65-byte signature `r ‖ s ‖ v` (`v` 0, 1, 27 or 28) and returns 0; returns 1 and writes nothing if no key recovers |
/// | `debug.print32(value)`, `debug.print64(value)`, `debug.printMem(ptr, length)`, `debug.printMemHex(ptr, length)` | print to the log (nothing on chain) |
pub const EE_FUNCTIONS: &[EeFunction] = &[
	ee(EeGroup::Eth2, "loadPreStateRoot", &[I32], &[]),
	ee(EeGroup::Eth2, "blockDataSize", &[], &[I32]),
	ee(EeGroup::Eth2, "blockDataCopy", &[I32, I32, I32], &[]),
	ee(EeGroup::Eth2, "savePostStateRoot", &[I32], &[]),
	ee(EeGroup::Eth2, "pushNewDeposit", &[I32, I32], &[]),
	ee(EeGroup::Eth2, "useTicks", &[I32], &[]),
	ee(EeGroup::Eth2, "getCaller", &[I32], &[]),
	ee(EeGroup::Eth2, "getCallValue", &[I32], &[]),
	ee(EeGroup::Eth2, "getBalance", &[I32], &[]),
	ee(EeGroup::Eth2, "transfer", &[I32, I32], &[I32]),
	ee(EeGroup::Eth2, "getAddress", &[I32], &[]),
	ee(EeGroup::Eth2, "getChainId", &[I32], &[]),
	ee(EeGroup::Eth2, "callEE", &[I32, I32, I32, I32], &[I32]),
	ee(EeGroup::Bignum, "add256", &[I32, I32, I32], &[]),
	ee(EeGroup::Bignum, "sub256", &[I32, I32, I32], &[]),
	ee(EeGroup::Bignum, "mul256", &[I32, I32, I32], &[]),
	ee(EeGroup::Bignum, "umulmod256", &[I32, I32, I32, I32], &[]),
	ee(EeGroup::Crypto, "keccak256", &[I32, I32, I32], &[]),
	ee(EeGroup::Crypto, "sha256", &[I32, I32, I32], &[]),
	ee(EeGroup::Crypto, "blake2b256", &[I32, I32, I32], &[]),
	ee(EeGroup::Crypto, "ecrecover", &[I32, I32, I32], &[I32]),
	ee(EeGroup::Debug, "print32", &[I32], &[]),
	ee(EeGroup::Debug, "print64", &[I64], &[]),
	ee(EeGroup::Debug, "printMem", &[I32, I32], &[]),
	ee(EeGroup::Debug, "printMemHex", &[I32, I32], &[]),
];

/// The EE host function an import names, under either of Scout's names: `env` and the group's
/// prefix (`env.eth2_blockDataSize`), or the group's namespace (`eth2.blockDataSize`).
pub fn ee_function(namespace: &str, name: &str) -> Option<&'static EeFunction> {
	EE_FUNCTIONS.iter().find(|function| {
		let group = function.group.namespace();
		if namespace == EE_ENV_NAMESPACE {
			name.strip_prefix(group)
				.and_then(|rest| rest.strip_prefix('_'))
				.is_some_and(|rest| rest == function.name)
		} else {
			namespace == group && name == function.name
		}
	})
}
