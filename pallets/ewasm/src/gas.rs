//! Gas: what execution costs and how gas turns into weight.
//!
//! During execution the gas left is kept in the wasmi store's fuel: every wasm instruction
//! burns fuel at wasmi's pinned per-operator cost, each unit of fuel costing the module's
//! [`FuelPrice::gas_per_fuel`], and every host function burns its cost from [`HostCosts`] out
//! of the same counter before it does any work. So one counter meters both, and running out
//! anywhere is the same "out of gas" halt, which consumes all gas of the frame.
//!
//! With [`InstructionMetering::Free`] (off-chain tools only) instructions are free and the
//! gas left is a counter of the host state instead.
//!
//! Gas becomes weight linearly through `Config::GasWeight` ([`GasWeight`]): a unit of gas is
//! a fixed slice of execution time, and a fixed number of units buy a byte of proof size. The
//! extrinsic is charged for its whole gas limit up front and refunded for the gas it did not
//! use.

use crate::{
	limits::{MAX_EE_FUNCTION_LOCALS, MAX_FUNCTION_LOCALS},
	weights::WeightInfo,
	Config,
};
use alloc::vec::Vec;
use codec::{Decode, Encode, MaxEncodedLen};
use core::marker::PhantomData;
use polkadot_sdk::{
	frame_support::{dispatch::DispatchClass, weights::Weight},
	sp_core::Get,
};
use scale_info::TypeInfo;
use serde::Serialize;

/// What gas is worth in weight: each unit buys `ref_time_per_gas` of execution time, and
/// `gas_per_proof_byte` units buy a byte of proof size. Gas is one number while weight has
/// two dimensions: a function that reads storage costs the gas of its time or of its proof,
/// whichever is more, and any amount of gas is worth the proof it could have bought.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Encode, Decode, TypeInfo, MaxEncodedLen, Serialize)]
pub struct GasWeight {
	/// The execution time one unit of gas buys, in picoseconds (weight's ref time).
	pub ref_time_per_gas: u64,
	/// The units of gas one byte of proof size costs.
	pub gas_per_proof_byte: u64,
}

impl GasWeight {
	/// The weight `gas` units are worth: their time, and the proof they could buy (rounded up).
	pub fn weight(&self, gas: u64) -> Weight {
		Weight::from_parts(
			gas.saturating_mul(self.ref_time_per_gas),
			gas.div_ceil(self.gas_per_proof_byte.max(1)),
		)
	}

	/// The gas that buys `weight`: enough of both its time and its proof size, rounded up.
	pub fn gas(&self, weight: Weight) -> u64 {
		let time = weight.ref_time().div_ceil(self.ref_time_per_gas.max(1));
		let proof = weight.proof_size().saturating_mul(self.gas_per_proof_byte);
		time.max(proof)
	}

	/// The most gas whose weight fits in `room`, in both time and proof size.
	pub fn gas_within(&self, room: Weight) -> u64 {
		let by_time = room.ref_time().checked_div(self.ref_time_per_gas).unwrap_or(u64::MAX);
		let by_proof = room.proof_size().saturating_mul(self.gas_per_proof_byte);
		by_time.min(by_proof)
	}
}

/// The proof FRAME's benchmarks allow for the trie path to one value of a map without a bound
/// on its entries: what `MaxEncodedLen` proof mode adds to the largest encoding of each read
/// (`added` less `max_size` in the generated weights). The benchmarks of loading code measure
/// the proof of the code (`Measured`, so that a load is charged the code it loads, not the
/// largest) on a small state, whose trie paths are shorter than a live chain's: each load of
/// code is charged this allowance besides ([`HostCosts::code_load_base`]).
pub const MAP_PATH_PROOF_BYTES: u64 = 2_475;

/// Default worth of gas: a unit is 250 ps of execution, and 763 units (about 191 ns) buy a
/// byte of proof, the rate at which a parachain block (2 s of execution, a 10 MiB proof of
/// validity) runs out of both at once.
///
/// Instructions cost what the benchmarks measure ([`FuelPrice`]), host functions the gas that
/// buys their benchmarked weight ([`Schedule::chain`]). A unit this small keeps rounding
/// small: one unit of fuel costs about eight units of gas in the cheapest modules, so rounding
/// up adds at most an eighth. Proof size is also accounted for exactly after the fact by the
/// runtime's storage-weight reclaim.
pub const DEFAULT_GAS_WEIGHT: GasWeight =
	GasWeight { ref_time_per_gas: 250, gas_per_proof_byte: 763 };

/// The fuel one iteration of each instruction benchmark burns at wasmi's pinned costs (for
/// `instr_recursion`, one level of recursion): what the benchmark's weight per iteration is
/// divided by to give its weight per unit of fuel. The pallet's benchmark tests check each; they
/// change only with wasmi's version and the engine's fuel costs.
pub mod fuel_per_iteration {
	/// `instr`: the loop and a memory load, a 64-bit division and a store in it.
	pub const INSTR: u64 = 16;
	/// `instr_call`: a call of a function without parameters or locals.
	pub const CALL: u64 = 11;
	/// `instr_call_locals` and `instr_call_ee_locals`: a call of a function with the most
	/// locals (wasmi charges a call, not the locals it initializes).
	pub const CALL_LOCALS: u64 = 11;
	/// `instr_call_params`: a call of a function with the most parameters.
	pub const CALL_PARAMS: u64 = 43;
	/// `instr_call_indirect`: a `call_indirect` through the table.
	pub const CALL_INDIRECT: u64 = 12;
	/// `instr_br_table`: a `br_table` of 1024 targets.
	pub const BR_TABLE: u64 = 11;
	/// `instr_memory_grow`: a `memory.grow` by one page, 8 192 of it for the 64 KiB (a unit per
	/// 8 bytes).
	pub const MEMORY_GROW: u64 = 8_203;
	/// `instr_recursion`: one level of wasm recursion.
	pub const RECURSION: u64 = 8;
}

/// The locals of the function `instr_call_ee_locals` calls: as many as a function called from
/// `main` can declare within the value stack ([`MAX_EE_FUNCTION_LOCALS`] fill it alone), so
/// that the benchmark measures a local's cost where an execution environment has the most.
pub const EE_LOCALS_BENCHMARKED: u32 = MAX_EE_FUNCTION_LOCALS - 128;

/// An instruction benchmark: its name, its weight over iterations, the fuel an iteration
/// burns, and the most locals a function of its contract declares.
type InstructionBenchmark = (&'static str, fn(u32) -> Weight, u64, u32);

/// Every instruction benchmark: the `instr` mix and the shapes that do the most work per unit
/// of fuel (a call of a function with the most locals: a contract's, and an execution
/// environment's).
fn instruction_benchmarks<W: WeightInfo>() -> [InstructionBenchmark; 9] {
	use fuel_per_iteration as fuel;
	[
		("instr", W::instr, fuel::INSTR, 0),
		("instr_call", W::instr_call, fuel::CALL, 0),
		("instr_call_locals", W::instr_call_locals, fuel::CALL_LOCALS, MAX_FUNCTION_LOCALS),
		("instr_call_ee_locals", W::instr_call_ee_locals, fuel::CALL_LOCALS, EE_LOCALS_BENCHMARKED),
		("instr_call_params", W::instr_call_params, fuel::CALL_PARAMS, 0),
		("instr_call_indirect", W::instr_call_indirect, fuel::CALL_INDIRECT, 0),
		("instr_br_table", W::instr_br_table, fuel::BR_TABLE, 0),
		("instr_memory_grow", W::instr_memory_grow, fuel::MEMORY_GROW, 0),
		("instr_recursion", W::instr_recursion, fuel::RECURSION, 0),
	]
}

/// The benchmarked weight of one unit of wasmi fuel in each instruction benchmark, by name,
/// with the most locals a function of its contract declares: its weight per iteration over the
/// fuel an iteration burns, rounded up.
pub fn weights_per_fuel<W: WeightInfo>() -> impl Iterator<Item = (&'static str, Weight, u32)> {
	instruction_benchmarks::<W>().into_iter().map(|(name, benchmark, fuel, locals)| {
		let iteration = Measured::<W>::slope(benchmark);
		let per_fuel = Weight::from_parts(
			iteration.ref_time().div_ceil(fuel),
			iteration.proof_size().div_ceil(fuel),
		);
		(name, per_fuel, locals)
	})
}

/// The first instruction benchmark whose unit of fuel takes more time than `price` charges for
/// it (in a module whose functions declare as many locals as the benchmark's) at
/// `gas_weight`, with its weight per unit of fuel; `None` if the price pays for every
/// instruction shape.
pub fn underpriced_instruction<W: WeightInfo>(
	price: FuelPrice,
	gas_weight: GasWeight,
) -> Option<(&'static str, Weight)> {
	weights_per_fuel::<W>()
		.find(|(_, per_fuel, locals)| {
			let charged = gas_weight.weight(price.gas_per_fuel(*locals));
			per_fuel.ref_time() > charged.ref_time()
		})
		.map(|(name, per_fuel, _)| (name, per_fuel))
}

/// What a unit of wasmi fuel costs in gas, in 1/[`FuelPrice::SCALE`] units of gas.
///
/// A call initializes every local of the function it enters for the fuel of one call, so a
/// unit of fuel is dearer in a module whose functions declare more locals: it costs `base`
/// plus `per_local` for each local of the module's largest function (parameters not counted).
/// [`Schedule::chain`] derives both from the instruction benchmarks: `base` covers the dearest
/// shape without locals, `per_local` what each local adds to a call (between `instr_call` and
/// `instr_call_locals`, the same call with none and with the most), so every module pays for
/// the worst any of its instructions can do.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Encode, Decode, TypeInfo, Serialize)]
pub struct FuelPrice {
	/// Gas per unit of fuel in a module without locals, times [`FuelPrice::SCALE`].
	pub base: u64,
	/// Gas per unit of fuel each local of the module's largest function adds, times
	/// [`FuelPrice::SCALE`].
	pub per_local: u64,
}

impl FuelPrice {
	/// The fraction of a unit of gas the price is counted in.
	pub const SCALE: u64 = 1024;

	/// The gas one unit of fuel costs in a module whose largest function declares
	/// `max_function_locals` locals: at least one.
	pub fn gas_per_fuel(&self, max_function_locals: u32) -> u64 {
		self.per_local
			.saturating_mul(max_function_locals.into())
			.saturating_add(self.base)
			.div_ceil(Self::SCALE)
			.max(1)
	}
}

/// Gas that buys `weight` at `T::GasWeight`.
pub fn gas_to_weight<T: Config>(gas: u64) -> Weight {
	T::GasWeight::get().weight(gas)
}

/// The most gas one extrinsic whose own weight (gas excluded) is `base` can carry: what the
/// largest normal extrinsic the block admits buys after `base`, in both time and proof size. A
/// `call` or `deploy` with a larger `gas_limit` is refused by the block's weight check; dry runs
/// clamp to it.
pub fn max_extrinsic_gas<T: Config>(base: Weight) -> u64 {
	let weights = <T as polkadot_sdk::frame_system::Config>::BlockWeights::get();
	let max = weights.get(DispatchClass::Normal).max_extrinsic.unwrap_or(weights.max_block);
	T::GasWeight::get().gas_within(max.saturating_sub(base))
}

/// Gas prices of the EEI functions (Hera's prices, after their EVM opcodes).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Encode, Decode, TypeInfo, Serialize)]
pub struct HostCosts {
	/// Getters that return a constant-size value (`getCaller`, `getCallDataSize`, ...).
	pub base: u64,
	/// `getExternalBalance`.
	pub external_balance: u64,
	/// `getBlockHash`.
	pub block_hash: u64,
	/// `getExternalCodeSize`, and the fixed part of `externalCodeCopy`.
	pub external_code: u64,
	/// Fixed part of loading a contract's code for a nested call (any kind) or
	/// `externalCodeCopy`, if it has code: the proof of the trie path to it
	/// ([`MAP_PATH_PROOF_BYTES`]), which the benchmarks measure on a state smaller than a live
	/// chain's.
	pub code_load_base: u64,
	/// Per 32-byte word (rounded up) of a contract's code that a nested call (any kind) runs
	/// or `externalCodeCopy` reads, charged before the code is loaded: its proof, reading,
	/// validating and compiling it. A call's and `externalCodeCopy`'s fixed price covers a
	/// contract of the smallest size only.
	pub code_load_per_word: u64,
	/// `storageLoad`.
	pub storage_load: u64,
	/// `storageStore` that makes a zero slot non-zero.
	pub storage_store_create: u64,
	/// `storageStore` of any other kind.
	pub storage_store_update: u64,
	/// `storageLoad` of a slot the transaction has already accessed (its proof is in the
	/// block's already: [`crate::vm::accessed`]).
	pub storage_load_warm: u64,
	/// `storageStore` that makes a zero slot non-zero, the slot already accessed.
	pub storage_store_create_warm: u64,
	/// `storageStore` of any other kind, the slot already accessed.
	pub storage_store_update_warm: u64,
	/// Per 64 KiB page of a module's initial memory, charged as a frame starts, before the
	/// module is instantiated (the memory is allocated and zeroed).
	pub memory_page: u64,
	/// Refund counted when `storageStore` clears a slot (applied by the transaction layer, at
	/// most half the gas used, as in Byzantium; this chain's extrinsics do not apply it).
	pub storage_clear_refund: u64,
	/// Fixed part of a memory copy (`callDataCopy`, `codeCopy`, `returnDataCopy`).
	pub copy_base: u64,
	/// Per 32-byte word (rounded up) of a memory copy.
	pub copy_per_word: u64,
	/// Per 32-byte word (rounded up) of the call data a call passes and of the init code a
	/// creation reads, charged before they are copied out of the contract's memory.
	pub nested_input_per_word: u64,
	/// Fixed part of the data `finish` and `revert` return.
	pub output_base: u64,
	/// Per 32-byte word (rounded up) of the data `finish` and `revert` return.
	pub output_per_word: u64,
	/// Fixed part of `log`.
	pub log_base: u64,
	/// Per topic of `log`.
	pub log_per_topic: u64,
	/// Per data byte of `log`.
	pub log_per_byte: u64,
	/// Fixed part of `call`, `callCode`, `callDelegate` and `callStatic`.
	pub call: u64,
	/// A call of a system contract (any kind), in place of `call`: the pallet answers it
	/// without running code.
	pub system_call: u64,
	/// A `generateReceipt` of the receipts contract, on top of the system call (the gas the
	/// receipt carries for its target is charged besides).
	pub generate_receipt: u64,
	/// Per byte of a receipt's payload.
	pub generate_receipt_per_byte: u64,
	/// A `claimReceipt` of the receipts contract, on top of the system call: the proof's
	/// verification and the delivery (the gas the receipt carries for its target's
	/// `receiveMessage` is charged besides, as much as it used).
	pub claim_receipt: u64,
	/// Per 32-byte word (rounded up) of a claim's proof, as claims count its size (each trie
	/// node with 32 bytes more).
	pub claim_receipt_per_proof_word: u64,
	/// Per 32-byte word (rounded up) of a claimed receipt's payload.
	pub claim_receipt_per_payload_word: u64,
	/// Per 32-byte word (rounded up) of the claimed receipt's target's code (a claim must have
	/// the gas for the largest code; it pays for the target's).
	pub claim_receipt_per_code_word: u64,
	/// Extra for a call that sends value.
	pub call_value: u64,
	/// Gas a call that sends value gives the callee on top of what it forwards (free to the
	/// caller, as Ethereum's stipend).
	pub call_stipend: u64,
	/// Extra for a call that sends value to an account that does not exist yet.
	pub new_account: u64,
	/// `create` and `create2`, from init code of the smallest size.
	pub create: u64,
	/// Per 32-byte word (rounded up) of a creation's init code, charged before it is copied:
	/// hashing (for the address of `create2`), validating and compiling it.
	pub init_code_per_word: u64,
	/// Per byte of code a creation stores (validated, compiled, checked that it starts,
	/// hashed and stored).
	pub code_deposit_per_byte: u64,
	/// `selfDestruct`.
	pub self_destruct: u64,
	/// Per storage item `selfDestruct` deletes.
	pub self_destruct_per_item: u64,
	/// Refund counted when a contract self-destructs (once per contract).
	pub self_destruct_refund: u64,
	/// `keccak256` (`v2`).
	pub keccak256: HashCost,
	/// `sha256` (`v2`).
	pub sha256: HashCost,
	/// `blake2b256` (`v2`).
	pub blake2b256: HashCost,
	/// `bignum_add256`, `bignum_sub256` and `bignum_mul256` (`v2`): the dearest of them.
	pub bignum: u64,
	/// `bignum_umulmod256` (`v2`).
	pub bignum_mulmod: u64,
	/// `ecrecover` (`v2`).
	pub ecrecover: u64,
}

/// The price of a hash function of memory: a fixed part, and a price per 32-byte word hashed
/// (rounded up), charged before anything is read.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Encode, Decode, TypeInfo, Serialize)]
pub struct HashCost {
	/// Hashing nothing.
	pub base: u64,
	/// Per 32-byte word hashed.
	pub per_word: u64,
}

impl HashCost {
	/// Cost of hashing `len` bytes.
	pub fn of(&self, len: u32) -> u64 {
		self.base.saturating_add(self.per_word.saturating_mul(words(len)))
	}
}

/// Hera's prices: every EEI function priced like its EVM opcode (Byzantium); returning data
/// and deleting storage are free.
pub const HERA_COSTS: HostCosts = HostCosts {
	base: 2,
	external_balance: 400,
	block_hash: 800,
	external_code: 700,
	// Hera priced neither code by its size (EIP-170 bounded it) nor init code.
	code_load_base: 0,
	code_load_per_word: 0,
	storage_load: 200,
	storage_store_create: 20_000,
	storage_store_update: 5_000,
	// Hera knew no warm slots: every access pays the full price.
	storage_load_warm: 200,
	storage_store_create_warm: 20_000,
	storage_store_update_warm: 5_000,
	// Nor initial memory: a frame started for the price of its call.
	memory_page: 0,
	storage_clear_refund: 15_000,
	copy_base: 3,
	copy_per_word: 3,
	// Hera copied them for free.
	nested_input_per_word: 0,
	output_base: 0,
	output_per_word: 0,
	log_base: 375,
	log_per_topic: 375,
	log_per_byte: 8,
	call: 700,
	// Hera had no system contracts; a call costs a call.
	system_call: 700,
	// Nor receipts: one is priced as a creation (state another chain acts on), its payload as
	// log data.
	generate_receipt: 32_000,
	generate_receipt_per_byte: 8,
	// A claim as a creation too, its proof, payload and code as a memory copy.
	claim_receipt: 32_000,
	claim_receipt_per_proof_word: 3,
	claim_receipt_per_payload_word: 3,
	claim_receipt_per_code_word: 3,
	call_value: 9_000,
	call_stipend: 2_300,
	new_account: 25_000,
	create: 32_000,
	init_code_per_word: 0,
	code_deposit_per_byte: 200,
	self_destruct: 5_000,
	self_destruct_per_item: 0,
	self_destruct_refund: 24_000,
	// Hera had no hash functions (they are `v2`'s): Ethereum's prices, `SHA3` and the `SHA256`
	// precompile's, blake2b as the latter.
	keccak256: HashCost { base: 30, per_word: 6 },
	sha256: HashCost { base: 60, per_word: 12 },
	blake2b256: HashCost { base: 60, per_word: 12 },
	// Nor bignum helpers nor signature recovery: the EVM's `MUL` and `MULMOD`, and its
	// `ecrecover` precompile.
	bignum: 5,
	bignum_mulmod: 8,
	ecrecover: 3_000,
};

impl HostCosts {
	/// Cost of copying `len` bytes: base plus a price per started 32-byte word.
	pub fn copy(&self, len: u32) -> u64 {
		self.copy_base.saturating_add(self.per_word(len))
	}

	/// Cost of `externalCodeCopy` of `len` bytes.
	pub fn external_code_copy(&self, len: u32) -> u64 {
		self.external_code.saturating_add(self.per_word(len))
	}

	/// Cost of copying the `len` bytes of a call's call data or a creation's init code.
	pub fn nested_input(&self, len: u32) -> u64 {
		self.nested_input_per_word.saturating_mul(words(len))
	}

	/// Cost of loading `code_len` bytes of a contract's code for a nested call or
	/// `externalCodeCopy` (nothing for an address without code).
	pub fn code_load(&self, code_len: u32) -> u64 {
		if code_len == 0 {
			return 0;
		}
		self.code_load_per_word.saturating_mul(words(code_len)).saturating_add(self.code_load_base)
	}

	/// Cost of a creation's `len` bytes of init code: their copy out of the creator's memory,
	/// and their hashing, validation and compilation.
	pub fn init_code(&self, len: u32) -> u64 {
		self.nested_input(len).saturating_add(self.init_code_per_word.saturating_mul(words(len)))
	}

	/// Cost of returning `len` bytes with `finish` or `revert`.
	pub fn output(&self, len: u32) -> u64 {
		self.output_base.saturating_add(self.output_per_word.saturating_mul(words(len)))
	}

	fn per_word(&self, len: u32) -> u64 {
		self.copy_per_word.saturating_mul(words(len))
	}

	/// Cost of a `log` with `topics` topics and `len` data bytes.
	pub fn log(&self, topics: u32, len: u32) -> u64 {
		self.log_base
			.saturating_add(self.log_per_topic.saturating_mul(topics.into()))
			.saturating_add(self.log_per_byte.saturating_mul(len.into()))
	}
}

/// 32-byte words in `len` bytes, rounded up.
fn words(len: u32) -> u64 {
	u64::from(len).div_ceil(32)
}

/// How wasm instructions are charged.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Encode, Decode, TypeInfo, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum InstructionMetering {
	/// Every instruction burns wasmi's pinned per-operator fuel, each unit of it costing the
	/// price's gas for the module. What every chain uses.
	Fuel(FuelPrice),
	/// Instructions are free, as in Hera (which relied on injected `useGas` calls). For
	/// off-chain tools that compare with Hera's results only: execution is still bounded by
	/// `step_limit` instruction fuel per frame, and exhausting it traps.
	Free {
		/// The instruction fuel one frame may burn.
		step_limit: u64,
	},
}

/// The gas schedule: what host functions and instructions cost.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Encode, Decode, TypeInfo, Serialize)]
pub struct Schedule {
	/// Prices of the EEI functions.
	pub host: HostCosts,
	/// How instructions are charged.
	pub instructions: InstructionMetering,
}

/// Turns benchmarked weights into gas at a given worth of gas.
struct Measured<W> {
	gas_weight: GasWeight,
	_weights: PhantomData<W>,
}

impl<W: WeightInfo> Measured<W> {
	/// The gas that buys `weight`.
	fn gas(&self, weight: Weight) -> u64 {
		self.gas_weight.gas(weight)
	}

	/// The weight one more iteration (or byte) adds to `benchmark`.
	fn slope(benchmark: fn(u32) -> Weight) -> Weight {
		benchmark(1).saturating_sub(benchmark(0))
	}

	/// The weight of one call in a looped host benchmark, beyond the loop itself.
	fn per_call_weight(benchmark: fn(u32) -> Weight) -> Weight {
		Self::slope(benchmark).saturating_sub(Self::slope(W::host_baseline))
	}

	/// Gas of one call in a looped host benchmark, beyond the loop itself.
	fn per_call(&self, benchmark: fn(u32) -> Weight) -> u64 {
		self.gas(Self::per_call_weight(benchmark))
	}

	/// Gas of the time alone of one call in a looped host benchmark: its price when the proof
	/// it reads is in the block already.
	fn per_call_time(&self, benchmark: fn(u32) -> Weight) -> u64 {
		self.gas(Self::per_call_weight(benchmark).set_proof_size(0))
	}

	/// Gas of the largest per-call cost among `benchmarks`.
	fn per_call_max(&self, benchmarks: &[fn(u32) -> Weight]) -> u64 {
		benchmarks.iter().map(|benchmark| self.per_call(*benchmark)).max().unwrap_or(0)
	}

	/// Gas of a function that ends execution, called once with size 0, beyond a contract
	/// that does nothing.
	fn once(&self, benchmark: fn(u32) -> Weight) -> u64 {
		self.gas(benchmark(0).saturating_sub(W::host_baseline(0)))
	}

	/// Gas per 32-byte word of a per-byte benchmark (measured over 32 bytes, so that costs
	/// below a picosecond per byte still count).
	fn per_word(&self, benchmark: fn(u32) -> Weight) -> u64 {
		self.gas(benchmark(32).saturating_sub(benchmark(0)))
	}

	/// Gas per item or byte of a benchmark over items or bytes.
	fn per_unit(&self, benchmark: fn(u32) -> Weight) -> u64 {
		self.gas(Self::slope(benchmark))
	}

	/// The price of fuel that covers every instruction benchmark ([`FuelPrice`]).
	fn fuel_price(&self) -> FuelPrice {
		let time_per_gas = self.gas_weight.ref_time_per_gas.max(1);
		let flat = weights_per_fuel::<W>()
			.filter(|(_, _, locals)| *locals == 0)
			.map(|(_, per_fuel, _)| per_fuel.ref_time())
			.max()
			.unwrap_or(0);
		// What the most locals add to one call, spread over the call's fuel and each local: of a
		// contract's most and an execution environment's, the dearer per local.
		let per_local = |benchmark: fn(u32) -> Weight, most_locals: u32| {
			let locals = Self::slope(benchmark)
				.ref_time()
				.saturating_sub(Self::slope(W::instr_call).ref_time());
			let divisor = u64::from(most_locals)
				.saturating_mul(fuel_per_iteration::CALL_LOCALS)
				.saturating_mul(time_per_gas);
			locals.saturating_mul(FuelPrice::SCALE).div_ceil(divisor.max(1))
		};
		FuelPrice {
			base: flat.saturating_mul(FuelPrice::SCALE).div_ceil(time_per_gas),
			per_local: per_local(W::instr_call_locals, MAX_FUNCTION_LOCALS)
				.max(per_local(W::instr_call_ee_locals, EE_LOCALS_BENCHMARKED)),
		}
	}

	fn host_costs(&self) -> HostCosts {
		let per_call = |benchmark| self.per_call(benchmark);
		let call = self.per_call_max(&[
			W::host_call,
			W::host_call_code,
			W::host_call_delegate,
			W::host_call_static,
		]);
		let log_base = per_call(W::host_log);
		let copy_per_word = [
			W::host_call_data_copy_per_byte,
			W::host_code_copy_per_byte,
			W::host_external_code_copy_per_byte,
		]
		.into_iter()
		.map(|benchmark| self.per_word(benchmark))
		.max()
		.unwrap_or(0);
		let storage_store_update_warm = self.per_call_time(W::host_storage_store_update);
		HostCosts {
			base: self.per_call_max(&[
				W::host_use_gas,
				W::host_get_gas_left,
				W::host_get_address,
				W::host_get_call_data_size,
				W::host_get_caller,
				W::host_get_call_value,
				W::host_get_code_size,
				W::host_get_block_coinbase,
				W::host_get_block_difficulty,
				W::host_get_block_gas_limit,
				W::host_get_tx_gas_price,
				W::host_get_block_number,
				W::host_get_tx_origin,
				W::host_get_return_data_size,
				W::host_get_block_timestamp,
			]),
			external_balance: per_call(W::host_get_external_balance),
			block_hash: per_call(W::host_get_block_hash),
			external_code: self
				.per_call_max(&[W::host_get_external_code_size, W::host_external_code_copy]),
			code_load_base: self.gas(Weight::from_parts(0, MAP_PATH_PROOF_BYTES)),
			// A call's loading of the callee's code, the dearer of the two per byte: it is
			// compiled besides (`externalCodeCopy` pays the same). Of the densest code and of
			// the most functions, the dearer.
			code_load_per_word: self
				.per_word(W::host_call_per_code_byte)
				.max(self.per_word(W::host_call_per_code_byte_functions)),
			storage_load: per_call(W::host_storage_load),
			storage_store_create: per_call(W::host_storage_store_create),
			storage_store_update: per_call(W::host_storage_store_update),
			storage_load_warm: self.per_call_time(W::host_storage_load),
			// A store charges the update's price first: a creation is never less.
			storage_store_create_warm: self
				.per_call_time(W::host_storage_store_create)
				.max(storage_store_update_warm),
			storage_store_update_warm,
			memory_page: self.per_unit(W::instantiate_memory),
			storage_clear_refund: HERA_COSTS.storage_clear_refund,
			copy_base: self.per_call_max(&[
				W::host_call_data_copy,
				W::host_code_copy,
				W::host_return_data_copy,
			]),
			copy_per_word,
			// The same memory copy, out of the contract's memory instead of into it.
			nested_input_per_word: copy_per_word,
			output_base: self.once(W::host_finish).max(self.once(W::host_revert)),
			output_per_word: self.per_word(W::host_finish).max(self.per_word(W::host_revert)),
			log_base,
			log_per_topic: per_call(W::host_log_four_topics).saturating_sub(log_base).div_ceil(4),
			log_per_byte: self.per_unit(W::host_log_per_byte),
			call,
			system_call: per_call(W::host_call_system),
			generate_receipt: per_call(W::host_generate_receipt),
			generate_receipt_per_byte: self.per_unit(W::host_generate_receipt_per_byte),
			// A claim is the `claim_receipt` extrinsic's work: a proof's verification and a
			// delivery, whose benchmarks measure their worst cases (the target's code's proof
			// measured on a small state: its trie path allowed for besides).
			claim_receipt: self.gas(
				W::verify_receipt_proof(0)
					.saturating_add(W::deliver_receipt(0, 0))
					.saturating_add(Weight::from_parts(0, MAP_PATH_PROOF_BYTES)),
			),
			claim_receipt_per_proof_word: self.per_word(W::verify_receipt_proof),
			claim_receipt_per_payload_word: self.per_word(|n| W::deliver_receipt(0, n)),
			claim_receipt_per_code_word: self.per_word(|c| W::deliver_receipt(c, 0)),
			call_value: per_call(W::host_call_value).saturating_sub(call),
			// Ethereum's stipend is 2 300 of the 5 000 a storage update costs: enough for a
			// log, not for a write. The same share of this schedule's cheapest write, a warm
			// update, so that no write fits in it.
			call_stipend: storage_store_update_warm.saturating_mul(HERA_COSTS.call_stipend)
				/ HERA_COSTS.storage_store_update,
			new_account: per_call(W::host_call_new_account),
			create: self.per_call_max(&[W::host_create, W::host_create2]),
			init_code_per_word: self.per_word(W::host_create_per_init_byte),
			code_deposit_per_byte: self.per_unit(W::host_create_per_byte),
			self_destruct: self.once(W::host_self_destruct),
			self_destruct_per_item: self.per_unit(W::host_self_destruct),
			self_destruct_refund: HERA_COSTS.self_destruct_refund,
			keccak256: HashCost {
				base: per_call(W::host_keccak256),
				per_word: self.per_word(W::host_keccak256_per_byte),
			},
			sha256: HashCost {
				base: per_call(W::host_sha256),
				per_word: self.per_word(W::host_sha256_per_byte),
			},
			blake2b256: HashCost {
				base: per_call(W::host_blake2b256),
				per_word: self.per_word(W::host_blake2b256_per_byte),
			},
			bignum: self.per_call_max(&[
				W::host_bignum_add256,
				W::host_bignum_sub256,
				W::host_bignum_mul256,
			]),
			bignum_mulmod: per_call(W::host_bignum_umulmod256),
			ecrecover: per_call(W::host_ecrecover),
		}
	}
}

impl Schedule {
	/// The chain's schedule: every EEI function costs the gas that buys its benchmarked
	/// weight `W` at `gas_weight` (the `benchmarking` module, built with `runtime-benchmarks`,
	/// says how each is measured), and instructions are metered by fuel priced from the
	/// instruction benchmarks ([`FuelPrice`]).
	///
	/// Three entries are not costs: the stipend a value call gives is Ethereum's share of a
	/// storage update (2 300 of 5 000: a log, not a write), and the two refunds (which this
	/// chain's extrinsics do not apply) keep their Ethereum values.
	pub fn chain<W: WeightInfo>(gas_weight: GasWeight) -> Self {
		let measured = Measured::<W> { gas_weight, _weights: PhantomData };
		Schedule {
			host: measured.host_costs(),
			instructions: InstructionMetering::Fuel(measured.fuel_price()),
		}
	}

	/// Hera's model, for off-chain comparison with the Ewasm test suite: Hera's EEI prices and
	/// free instructions (bounded by a step limit of 10^10 per frame).
	pub const fn hera() -> Self {
		Schedule {
			host: HERA_COSTS,
			instructions: InstructionMetering::Free { step_limit: 10_000_000_000 },
		}
	}
}

impl Schedule {
	/// The entries of this schedule that cost less than they do in `measured` (the schedule the
	/// current benchmarks give): each with its price here and there. Not costs, and so not
	/// compared: the refunds and a value call's stipend.
	pub fn underpriced(&self, measured: &Schedule) -> Vec<(&'static str, u64, u64)> {
		let ours = self.prices();
		let price_of = |name| ours.iter().find(|(ours, _)| *ours == name).map_or(0, |(_, p)| *p);
		measured
			.prices()
			.into_iter()
			.map(|(name, needed)| (name, price_of(name), needed))
			.filter(|(_, price, needed)| price < needed)
			.collect()
	}

	/// This schedule with each price raised to `measured`'s where that is dearer: the fewest
	/// changes that leave nothing [`Schedule::underpriced`] (where both meter instructions by
	/// fuel), what a frozen schedule the benchmarks find underpriced is repriced to (`ewasm
	/// schedule --raise`). Instructions metered for free stay free (and so the price of fuel
	/// stays underpriced).
	pub fn raised_to(&self, measured: &Schedule) -> Schedule {
		let mut raised = *self;
		let measured = measured.prices();
		for (name, price) in raised.prices_mut() {
			if let Some((_, needed)) = measured.iter().find(|(measured, _)| *measured == name) {
				*price = (*price).max(*needed);
			}
		}
		raised
	}

	/// Every price of the schedule by name (the price of fuel in 1/1024ths of gas).
	fn prices(&self) -> Vec<(&'static str, u64)> {
		let mut schedule = *self;
		schedule.prices_mut().into_iter().map(|(name, price)| (name, *price)).collect()
	}

	/// [`Schedule::prices`], to change: the price of fuel only where instructions burn fuel
	/// ([`Schedule::underpriced`] counts a missing one as 0).
	fn prices_mut(&mut self) -> Vec<(&'static str, &mut u64)> {
		let mut prices = match &mut self.instructions {
			InstructionMetering::Fuel(FuelPrice { base, per_local }) => {
				alloc::vec![("fuel.base", base), ("fuel.per_local", per_local)]
			}
			InstructionMetering::Free { .. } => Vec::new(),
		};
		prices.extend(self.host.prices_mut());
		prices
	}
}

impl HostCosts {
	/// Every price by name: each field but the refunds and the stipend (named here so that a
	/// new field cannot be left out), to read or to change.
	fn prices_mut(&mut self) -> Vec<(&'static str, &mut u64)> {
		let HostCosts {
			base,
			external_balance,
			block_hash,
			external_code,
			code_load_base,
			code_load_per_word,
			storage_load,
			storage_store_create,
			storage_store_update,
			storage_load_warm,
			storage_store_create_warm,
			storage_store_update_warm,
			memory_page,
			storage_clear_refund: _,
			copy_base,
			copy_per_word,
			nested_input_per_word,
			output_base,
			output_per_word,
			log_base,
			log_per_topic,
			log_per_byte,
			call,
			system_call,
			generate_receipt,
			generate_receipt_per_byte,
			claim_receipt,
			claim_receipt_per_proof_word,
			claim_receipt_per_payload_word,
			claim_receipt_per_code_word,
			call_value,
			call_stipend: _,
			new_account,
			create,
			init_code_per_word,
			code_deposit_per_byte,
			self_destruct,
			self_destruct_per_item,
			self_destruct_refund: _,
			keccak256: HashCost { base: keccak256, per_word: keccak256_per_word },
			sha256: HashCost { base: sha256, per_word: sha256_per_word },
			blake2b256: HashCost { base: blake2b256, per_word: blake2b256_per_word },
			bignum,
			bignum_mulmod,
			ecrecover,
		} = self;
		alloc::vec![
			("base", base),
			("external_balance", external_balance),
			("block_hash", block_hash),
			("external_code", external_code),
			("code_load_base", code_load_base),
			("code_load_per_word", code_load_per_word),
			("storage_load", storage_load),
			("storage_store_create", storage_store_create),
			("storage_store_update", storage_store_update),
			("storage_load_warm", storage_load_warm),
			("storage_store_create_warm", storage_store_create_warm),
			("storage_store_update_warm", storage_store_update_warm),
			("memory_page", memory_page),
			("copy_base", copy_base),
			("copy_per_word", copy_per_word),
			("nested_input_per_word", nested_input_per_word),
			("output_base", output_base),
			("output_per_word", output_per_word),
			("log_base", log_base),
			("log_per_topic", log_per_topic),
			("log_per_byte", log_per_byte),
			("call", call),
			("system_call", system_call),
			("generate_receipt", generate_receipt),
			("generate_receipt_per_byte", generate_receipt_per_byte),
			("claim_receipt", claim_receipt),
			("claim_receipt_per_proof_word", claim_receipt_per_proof_word),
			("claim_receipt_per_payload_word", claim_receipt_per_payload_word),
			("claim_receipt_per_code_word", claim_receipt_per_code_word),
			("call_value", call_value),
			("new_account", new_account),
			("create", create),
			("init_code_per_word", init_code_per_word),
			("code_deposit_per_byte", code_deposit_per_byte),
			("self_destruct", self_destruct),
			("self_destruct_per_item", self_destruct_per_item),
			("keccak256", keccak256),
			("keccak256_per_word", keccak256_per_word),
			("sha256", sha256),
			("sha256_per_word", sha256_per_word),
			("blake2b256", blake2b256),
			("blake2b256_per_word", blake2b256_per_word),
			("bignum", bignum),
			("bignum_mulmod", bignum_mulmod),
			("ecrecover", ecrecover),
		]
	}
}

/// The gas a frame may forward to a call or creation: all but one 64th of what it has left
/// (EIP-150), and no more than it asked for.
pub fn forwardable(gas_left: u64, requested: u64) -> u64 {
	requested.min(gas_left - gas_left / 64)
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn copy_rounds_up_to_words() {
		assert_eq!(HERA_COSTS.copy(0), 3);
		assert_eq!(HERA_COSTS.copy(1), 6);
		assert_eq!(HERA_COSTS.copy(32), 6);
		assert_eq!(HERA_COSTS.copy(33), 9);
	}

	#[test]
	fn forwarding_keeps_one_64th() {
		assert_eq!(forwardable(6400, u64::MAX), 6300);
		assert_eq!(forwardable(6400, 100), 100);
		assert_eq!(forwardable(63, u64::MAX), 63);
	}

	#[test]
	fn the_chain_schedule_meters_instructions_and_hera_does_not() {
		let chain = crate::mock::chain_schedule();
		assert!(matches!(chain.instructions, InstructionMetering::Fuel(_)));
		assert!(matches!(Schedule::hera().instructions, InstructionMetering::Free { .. }));
		assert_eq!(Schedule::hera().host.self_destruct_per_item, 0);
	}

	#[test]
	fn the_derived_chain_prices_cover_database_access() {
		use polkadot_sdk::frame_support::weights::constants::RocksDbWeight;
		let host = crate::mock::chain_schedule().host;
		let gas_of = |weight: Weight| DEFAULT_GAS_WEIGHT.gas(weight);
		// Fresh keys: each access is a database read or write, and its gas buys that.
		assert!(host.storage_load >= gas_of(RocksDbWeight::get().reads(1)));
		assert!(host.storage_store_create >= gas_of(RocksDbWeight::get().reads_writes(1, 1)));
		assert!(host.storage_store_update >= gas_of(RocksDbWeight::get().reads_writes(1, 1)));
		// A warm access makes the same database access (the overlay may cache it, the price
		// does not count on it).
		assert!(host.storage_load_warm >= gas_of(RocksDbWeight::get().reads(1)));
		assert!(host.storage_store_update_warm >= gas_of(RocksDbWeight::get().reads_writes(1, 1)));
		assert!(host.external_balance >= gas_of(RocksDbWeight::get().reads(1)));
		// A value call's stipend pays for a log in a contract of two pages (what `ewasm build`
		// makes of the SDK's examples: a stack of 64 KiB and the data) but not for a storage
		// write, even of a slot the transaction has accessed.
		assert!(
			host.log(2, 32) + 2 * host.memory_page < host.call_stipend
				&& host.call_stipend < host.storage_store_update_warm
		);
		// A warm access pays its time, which a cold one pays too, and less than it.
		assert!(host.storage_load_warm < host.storage_load);
		assert!(host.storage_store_update_warm < host.storage_store_update);
		assert!(host.storage_store_create_warm < host.storage_store_create);
		assert!(host.storage_store_update_warm <= host.storage_store_create_warm);
		// A call reads the callee's code and compiles it.
		assert!(host.call > host.storage_load);
		assert!(host.create > host.storage_store_create);
		// Getters only read the frame's context.
		assert!(0 < host.base && host.base < host.storage_load);
	}

	#[test]
	fn fuel_pays_for_the_dearest_instruction_shape_and_for_each_local() {
		use crate::mock::{chain_fuel_price, TestWeights};
		let price = chain_fuel_price();
		assert_eq!(underpriced_instruction::<TestWeights>(price, DEFAULT_GAS_WEIGHT), None);
		// Without a price per local, calls of functions with many locals are underpaid.
		let flat = FuelPrice { per_local: 0, ..price };
		let (benchmark, _) =
			underpriced_instruction::<TestWeights>(flat, DEFAULT_GAS_WEIGHT).expect("underpriced");
		assert_eq!(benchmark, "instr_call_locals");
		// Nor can the base go below the dearest shape without locals.
		let cheaper = FuelPrice { base: price.base - FuelPrice::SCALE, ..price };
		let (benchmark, _) = underpriced_instruction::<TestWeights>(cheaper, DEFAULT_GAS_WEIGHT)
			.expect("underpriced");
		assert_ne!(benchmark, "instr_call_locals");
	}

	#[test]
	fn fuel_costs_more_in_modules_with_more_locals_and_never_nothing() {
		let price = crate::mock::chain_fuel_price();
		let gas = |locals| price.gas_per_fuel(locals);
		assert!(gas(0) >= 1 && gas(0) <= gas(10) && gas(10) < gas(MAX_FUNCTION_LOCALS));
		assert_eq!(FuelPrice { base: 0, per_local: 0 }.gas_per_fuel(MAX_FUNCTION_LOCALS), 1);
		assert_eq!(FuelPrice { base: u64::MAX, per_local: u64::MAX }.gas_per_fuel(u32::MAX), {
			u64::MAX.div_ceil(FuelPrice::SCALE)
		});
	}

	#[test]
	fn gas_weight_rounds_against_the_buyer() {
		let worth = GasWeight { ref_time_per_gas: 250, gas_per_proof_byte: 763 };
		assert_eq!(worth.weight(764), Weight::from_parts(191_000, 2));
		assert_eq!(worth.gas(Weight::from_parts(251, 0)), 2);
		assert_eq!(worth.gas(Weight::from_parts(251, 1)), 763);
		assert_eq!(worth.gas_within(Weight::from_parts(2_000, 1)), 8);
		assert_eq!(worth.gas_within(Weight::from_parts(1_000_000, 1)), 763);
		// A proof byte is worth as much as the same share of a parachain block's time.
		let block_ps_per_byte = 2_000_000_000_000u64 / (10 * 1024 * 1024);
		let ps_per_byte =
			DEFAULT_GAS_WEIGHT.ref_time_per_gas * DEFAULT_GAS_WEIGHT.gas_per_proof_byte;
		assert!(ps_per_byte >= block_ps_per_byte && ps_per_byte < block_ps_per_byte + 250);
	}

	#[test]
	fn log_prices_topics_and_bytes() {
		assert_eq!(HERA_COSTS.log(0, 0), 375);
		assert_eq!(HERA_COSTS.log(2, 10), 375 + 750 + 80);
	}
}
