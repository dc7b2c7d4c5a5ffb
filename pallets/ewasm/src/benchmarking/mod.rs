//! Benchmarks (frame-benchmarking v2) of the pallet's extrinsics, over code size and input
//! size, and of every EEI host function.
//!
//! A host function is benchmarked inside a contract that calls it `r` times in a loop
//! (`host_*(r)`), against `host_baseline(r)`, the same loop calling nothing: the difference of
//! their slopes is the cost of one call. Functions that end execution (`finish`, `revert`,
//! `selfDestruct`) run once and are compared with `host_baseline(0)`. Costs that grow with a
//! size have their own `*_per_byte(n)` benchmark. Every access that could hit a cache names
//! another address, storage key or salt in each iteration (the loop counter is written into
//! it), so each one is a fresh database access. [`crate::gas::Schedule::chain`] turns these
//! weights into the gas schedule.
//!
//! Contracts are generated as wasm bytes by [`code`]: the benchmarks run inside the runtime,
//! where no WAT compiler exists.
#![cfg(feature = "runtime-benchmarks")]

use crate::{
	accounts::account_of,
	address::AddressMapper,
	ee::{self, MAX_EE_CODE_BYTES},
	exec::{CallRequest, ExecOutcome},
	limits::{
		MAX_FUNCTION_LOCALS, MAX_FUNCTION_PARAMS, MAX_MEMORY_PAGES, MAX_WASM_RECURSION_DEPTH,
	},
	receipts::{self, ReceiptTransport, MAX_PROOF_BYTES, MAX_SIBLING_ROOTS, MAX_TRUSTED_SIBLINGS},
	rent, storage, Address, BlockEnvironment, Call, Config, ContractInfo, ContractInfoOf, Ees,
	Error, Evicting, Inbox, NextEeId, OutboxNonce, Pallet, SiblingStateRoots, Tombstones, TotalFee,
	TrustedSiblings,
};
use alloc::{vec, vec::Vec};
use code::{Arg, Body};
use codec::Encode;
use ewasm_primitives::{
	system::{
		self,
		environment::Query,
		receipts::{payload_hash, GenerateReceipt, Receipt},
	},
	value::encode_value,
};
use polkadot_sdk::{
	frame_benchmarking::v2::*,
	frame_support::{
		traits::{fungible::Inspect, fungible::Mutate, EnsureOrigin, Get, Hooks},
		BoundedVec,
	},
	frame_system::{
		self,
		pallet_prelude::{BlockNumberFor, HeaderFor},
		RawOrigin,
	},
	sp_runtime::traits::{Hash, Header},
	sp_trie::{LayoutV1, StorageProof, TrieDBMutBuilder, TrieMut},
};

pub(crate) mod code;

/// The balance of the benchmarks' caller and contracts: more than any benchmark spends, and
/// small enough that dozens of funded accounts do not overflow the total issuance (minting
/// past it would silently leave an account unfunded).
const FUNDS: u128 = u128::MAX >> 16;

/// The benchmarks' caller, funded, and not yet recorded under its address, with value waiting
/// at the address: its first `deploy` or `call` records it and claims the value, the worst case
/// of [`crate::accounts::signer_address`].
fn funded<T: Config>() -> T::AccountId {
	let caller: T::AccountId = whitelisted_caller();
	let _ = T::Currency::set_balance(&caller, FUNDS);
	let address = T::AddressMapper::to_address(&caller);
	let _ = T::Currency::set_balance(&crate::accounts::contract_account::<T>(&address), FUNDS);
	caller
}

/// The address the benchmarked contract is installed at.
const CONTRACT: Address = Address([0xbe; 20]);

/// Installs `code` as a contract at `address`, funded for rent.
fn install_at<T: Config>(address: Address, code: Vec<u8>) {
	let len = code.len() as u32;
	let vm = crate::exec::version_for::<T>(&code);
	let code = code.try_into().map_err(|_| ()).expect("generated within MaxCodeLen; qed");
	let code_hash = storage::add_code_user::<T>(code);
	ContractInfoOf::<T>::insert(address, ContractInfo::new::<T>(code_hash, len, 1, vm));
	let _ = T::Currency::set_balance(&account_of::<T>(&address), FUNDS);
}

/// Installs `code` as a contract at [`CONTRACT`].
fn install<T: Config>(code: Vec<u8>) -> Address {
	install_at::<T>(CONTRACT, code);
	CONTRACT
}

/// Gas of every benchmarked transaction: more than any of them uses.
const GAS: u64 = 1_000_000_000_000;

/// Gas each nested call of the host benchmarks forwards.
const CALL_GAS: i64 = 100_000_000;

/// Iterations of the looped host benchmarks.
const REPEATS: u32 = 128;

/// Iterations of the instruction benchmark: enough that the instructions, not the call
/// around them, dominate its largest run.
const INSTR_REPEATS: u32 = 10_000;

/// Iterations of the instruction-shape benchmarks ([`Shape`]).
const SHAPE_REPEATS: u32 = 1_000;

/// Iterations of the looped host benchmarks whose every iteration runs or creates a contract.
const FRAME_REPEATS: u32 = 32;

/// Largest size of the per-byte host benchmarks.
const MAX_BYTES: u32 = 16 * 1024;

/// Memory layout of the host benchmarks' data segment: the address a function is about (20
/// bytes; iterations write the loop counter over its first 4 bytes)...
const ADDRESS: i32 = 0;
/// ...a value (16 bytes, big-endian)...
const VALUE: i32 = 32;
/// ...a storage key or salt (32 bytes, zero but for the loop counter)...
const KEY: i32 = 64;
/// ...a non-zero word (stored values, log topics)...
const WORD: i32 = 96;
/// ...and the payload (init code, data to copy, log, return).
const PAYLOAD: i32 = 128;
/// Where results go: the scratch page after the data (which is shorter than a page).
const SCRATCH: i32 = 65_536;

/// The address numbered `n`, as a host benchmark's loop counter writes it over [`ADDRESS`].
fn numbered(n: u32) -> Address {
	let mut address = [0xcc; 20];
	address[..4].copy_from_slice(&n.to_le_bytes());
	Address(address)
}

/// The storage key numbered `n`, as a loop counter writes it over [`KEY`].
fn numbered_key(n: u32) -> [u8; 32] {
	let mut key = [0; 32];
	key[..4].copy_from_slice(&n.to_le_bytes());
	key
}

/// A host benchmark's data segment: [`numbered`]`(1)`, `value`, the zero key, a word of ones
/// and `payload`, laid out as [`ADDRESS`] to [`PAYLOAD`] say.
fn host_data(value: u128, payload: &[u8]) -> Vec<u8> {
	let mut data = vec![0; PAYLOAD as usize];
	data[ADDRESS as usize..][..20].copy_from_slice(&numbered(1).0);
	data[VALUE as usize..][..16].copy_from_slice(&encode_value(value));
	data[WORD as usize..][..32].copy_from_slice(&[1; 32]);
	data.extend_from_slice(payload);
	assert!(data.len() < SCRATCH as usize, "host benchmark data fits before the scratch page");
	data
}

/// Installs, at [`CONTRACT`], a contract calling `import` with `args` `r` times, first
/// writing the loop counter at `vary` if given, with [`host_data`]`(value, payload)`.
fn looped<T: Config>(
	import: &str,
	args: &[Arg],
	vary: Option<i32>,
	r: u32,
	value: u128,
	payload: &[u8],
) -> Address {
	let step = match vary {
		Some(offset) => Body::new().store_counter(offset),
		None => Body::new(),
	};
	let body = Body::new().repeat(r, step.call(0, import, args));
	install::<T>(code::module(&[import], &host_data(value, payload), &body))
}

/// Installs, at [`CONTRACT`], a contract calling `import` with `args` once, with
/// [`host_data`]`(0, payload)`.
fn once<T: Config>(import: &str, args: &[Arg], payload: &[u8]) -> Address {
	let body = Body::new().call(0, import, args);
	install::<T>(code::module(&[import], &host_data(0, payload), &body))
}

/// Installs contracts of `len` bytes of dense code with the least memory (two pages: its data's
/// and a scratch page; each page is charged as gas: `instantiate_memory`), each with different
/// code, at [`numbered`] addresses 1 to `count`: every call of one reads, compiles and
/// instantiates the worst case.
fn install_numbered<T: Config>(count: u32, len: u32) {
	for n in 1..=count {
		install_at::<T>(numbered(n), code::dense_contract(len, 1, n as u8));
	}
}

/// Stores a non-zero value under the [`numbered_key`]s 1 to `count` of `contract`.
fn fill_storage<T: Config>(contract: &Address, count: u32) {
	for n in 1..=count {
		storage::write::<T>(contract, &numbered_key(n), &[2; 32], false);
	}
}

/// Calls `contract` with `input` as a funded account, outside any extrinsic.
fn run<T: Config>(contract: Address, input: Vec<u8>) -> ExecOutcome<Vec<u8>> {
	let caller = funded::<T>();
	Pallet::<T>::bare_call(CallRequest {
		caller: &caller,
		dest: contract,
		value: 0,
		gas_limit: GAS,
		input,
	})
}

/// [`run`], which must succeed.
fn run_ok<T: Config>(contract: Address, input: Vec<u8>) {
	let outcome = run::<T>(contract, input);
	assert!(outcome.result.is_ok(), "{:?}", outcome.result);
}

/// Installs, at [`CONTRACT`], a contract calling the getter `import` `r` times (its
/// pointer arguments point at [`SCRATCH`]; `useGas` burns 1).
fn looped_getter<T: Config>(import: &str, r: u32) -> Address {
	let function = ewasm_primitives::eei::ethereum_function(import).expect("an EEI getter; qed");
	let args: Vec<_> = function
		.params
		.iter()
		.map(|param| match param {
			ewasm_primitives::eei::ValueType::I32 => Arg::I32(SCRATCH),
			ewasm_primitives::eei::ValueType::I64 => Arg::I64(1),
		})
		.collect();
	looped::<T>(import, &args, None, r, 0, &[])
}

/// The arguments of `call` and `callCode` sending the value at [`VALUE`] to [`ADDRESS`].
const CALL_ARGS: [Arg; 5] =
	[Arg::I64(CALL_GAS), Arg::I32(ADDRESS), Arg::I32(VALUE), Arg::I32(PAYLOAD), Arg::I32(0)];

/// The arguments of `callDelegate` and `callStatic` to [`ADDRESS`].
const CALL_NO_VALUE_ARGS: [Arg; 4] =
	[Arg::I64(CALL_GAS), Arg::I32(ADDRESS), Arg::I32(PAYLOAD), Arg::I32(0)];

/// The arguments of a hash function (`keccak256`, `sha256`, `blake2b256`) hashing `len` bytes
/// of the scratch page and writing the hash over them.
fn hash_args(len: u32) -> [Arg; 3] {
	[Arg::I32(SCRATCH), Arg::I32(len as i32), Arg::I32(SCRATCH)]
}

/// Installs, at [`CONTRACT`], a contract calling the bignum helper `import` `r` times, on the
/// operands of its worst case laid out at [`PAYLOAD`] (`a`, `b`, and the modulus of
/// `bignum_umulmod256`), writing the result to the scratch page.
fn looped_bignum<T: Config>(import: &str, r: u32) -> Address {
	let mut all_ones_low = [0u8; 32];
	all_ones_low[16..].fill(0xff);
	let mut just_below_top = [0xffu8; 32];
	just_below_top[0] = 0x7f;
	let mut top = [0u8; 32];
	top[0] = 0x80;
	let mut large_odd = top;
	large_odd[31] = 1;
	let mut one = [0u8; 32];
	one[31] = 1;
	let operands: [[u8; 32]; 3] = match import {
		// 0x7fff…ff + 0x7fff…ff and 0x8000…00 - 1: a carry or a borrow at every byte.
		"bignum_add256" => [just_below_top, just_below_top, one],
		"bignum_sub256" => [top, one, one],
		"bignum_mul256" => [all_ones_low, all_ones_low, one],
		// Any numbers do the same work (`crate::bignum`): the largest.
		"bignum_umulmod256" => [[0xff; 32], [0xff; 32], large_odd],
		other => unreachable!("{other} is no bignum helper"),
	};
	let arg = |word: i32| Arg::I32(PAYLOAD + 32 * word);
	let args = match import {
		"bignum_umulmod256" => vec![arg(0), arg(1), arg(2), Arg::I32(SCRATCH)],
		_ => vec![arg(0), arg(1), Arg::I32(SCRATCH)],
	};
	looped::<T>(import, &args, None, r, 0, &operands.concat())
}

/// The size of the smallest code the benchmarks load: a call's and `externalCodeCopy`'s fixed
/// price is for code of this size, each byte more costs `code_load_per_word`.
const SMALL_CODE: u32 = 200;

/// Installs, at [`CONTRACT`], a contract making `r` calls of kind `import` with `args`, each
/// to another of `r` contracts of the smallest size (each compiled and run once; their code's
/// size is priced apart: `host_call_per_code_byte`).
fn looped_calls<T: Config>(import: &str, args: &[Arg], r: u32, value: u128) -> Address {
	install_numbered::<T>(r, SMALL_CODE);
	looped::<T>(import, args, Some(ADDRESS), r, value, &[])
}

/// Installs `callee` at [`numbered`]`(1)`, owing rent, and at [`CONTRACT`] a contract calling
/// it once.
fn call_once<T: Config>(callee: Vec<u8>) -> Address {
	install_at::<T>(numbered(1), callee);
	TotalFee::<T>::put(1_000);
	once::<T>("call", &CALL_ARGS, &[])
}

/// Checks that the call of [`call_once`] succeeded: the callee paid its rent, which a failed
/// frame would have undone.
fn assert_called<T: Config>() {
	let mark = ContractInfoOf::<T>::get(numbered(1)).map(|info| info.rent_fee_mark);
	assert_eq!(mark, Some(1_000), "the call of the benchmarked code succeeds");
}

/// Init code deploying a contract of the smallest size (init code is priced per byte apart:
/// `host_create_per_init_byte`).
fn small_init_code() -> Vec<u8> {
	code::init_code(&code::contract(SMALL_CODE))
}

/// Installs, at [`CONTRACT`], a contract making one `create` (`create2` if `salted`, with the
/// zero salt) from `init_code`, which may be as long as a contract can hold: the new address
/// is written on the scratch page after it.
fn create_once<T: Config>(init_code: &[u8], salted: bool) -> Address {
	let mut data = host_data(0, &[]);
	data.extend_from_slice(init_code);
	let result = Arg::I32(code::scratch(data.len()));
	let (import, args) = if salted {
		let len = Arg::I32(init_code.len() as i32);
		("create2", vec![Arg::I32(VALUE), Arg::I32(PAYLOAD), len, Arg::I32(KEY), result])
	} else {
		let len = Arg::I32(init_code.len() as i32);
		("create", vec![Arg::I32(VALUE), Arg::I32(PAYLOAD), len, result])
	};
	let body = Body::new().call(0, import, &args);
	install::<T>(code::module(&[import], &data, &body))
}

/// The arguments of `log` with `topics` topics (all [`WORD`]) and `len` bytes of data.
fn log_args(topics: i32, len: i32) -> [Arg; 7] {
	let word = Arg::I32(WORD);
	[Arg::I32(PAYLOAD), Arg::I32(len), Arg::I32(topics), word, word, word, word]
}

/// A benchmark contract's input of `len` bytes.
fn input(len: u32) -> Vec<u8> {
	vec![0; len as usize]
}

/// Installs, at [`CONTRACT`], the contract of the `instr` benchmark: `r` iterations of a
/// memory load, a 64-bit division and a store (see [`Body::divide_in_memory`]).
fn instr_contract<T: Config>(r: u32) -> Address {
	install::<T>(instr_code(r))
}

/// The code of the `instr` benchmark's contract ([`instr_contract`]).
fn instr_code(r: u32) -> Vec<u8> {
	let body = Body::new().repeat(r, Body::new().divide_in_memory(SCRATCH));
	code::module(&[], &host_data(0, &[]), &body)
}

/// The instruction shapes whose cost per unit of fuel may exceed the `instr` mix's: each
/// burns little fuel for the work it makes the interpreter do.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shape {
	/// A call of a function without parameters or locals: what [`Shape::CallLocals`] costs
	/// without its locals.
	Call,
	/// A call of a function with [`MAX_FUNCTION_LOCALS`] locals (each call initializes them).
	CallLocals,
	/// A call of a function with [`MAX_FUNCTION_PARAMS`] parameters.
	CallParams,
	/// A `call_indirect` through the table.
	CallIndirect,
	/// A `br_table` of [`BR_TABLE_TARGETS`] targets.
	BrTable,
	/// A `memory.grow` by one page (up to the largest memory).
	MemoryGrow,
	/// One level of wasm recursion (up to the deepest).
	Recursion,
}

/// The targets of the `br_table` of [`Shape::BrTable`].
const BR_TABLE_TARGETS: u32 = 1024;

impl Shape {
	/// Every shape.
	#[cfg(test)]
	const ALL: [Shape; 7] = [
		Shape::Call,
		Shape::CallLocals,
		Shape::CallParams,
		Shape::CallIndirect,
		Shape::BrTable,
		Shape::MemoryGrow,
		Shape::Recursion,
	];

	/// The fuel one iteration burns (for [`Shape::Recursion`], one level), as the gas schedule
	/// has it.
	#[cfg(test)]
	fn fuel_per_iteration(self) -> u64 {
		use crate::gas::fuel_per_iteration as fuel;
		match self {
			Shape::Call => fuel::CALL,
			Shape::CallLocals => fuel::CALL_LOCALS,
			Shape::CallParams => fuel::CALL_PARAMS,
			Shape::CallIndirect => fuel::CALL_INDIRECT,
			Shape::BrTable => fuel::BR_TABLE,
			Shape::MemoryGrow => fuel::MEMORY_GROW,
			Shape::Recursion => fuel::RECURSION,
		}
	}

	/// The contract running the shape `r` times (for [`Shape::Recursion`], `r` levels deep).
	fn contract(self, r: u32) -> Vec<u8> {
		let function = |params, locals, body| code::Function { params, locals, body };
		// Function 1 is the first after `main` (no imports).
		let (functions, table, step, pages) = match self {
			Shape::Call => {
				(vec![function(0, 0, Body::new())], false, Body::new().call_function(1, 0), 0)
			}
			Shape::CallLocals => {
				let callee = function(0, MAX_FUNCTION_LOCALS, Body::new());
				(vec![callee], false, Body::new().call_function(1, 0), 0)
			}
			Shape::CallParams => {
				let callee = function(MAX_FUNCTION_PARAMS, 0, Body::new());
				(vec![callee], false, Body::new().call_function(1, MAX_FUNCTION_PARAMS), 0)
			}
			Shape::CallIndirect => {
				(vec![function(0, 0, Body::new())], true, Body::new().call_indirect(1, 0, 0), 0)
			}
			Shape::BrTable => (vec![], false, Body::new().br_table(BR_TABLE_TARGETS), 0),
			Shape::MemoryGrow => (vec![], false, Body::new().memory_grow(1), 1),
			Shape::Recursion => {
				let recursive = function(1, 0, Body::new().recurse(1));
				let main = Body::new().call_with_i64(1, r.into());
				let module =
					code::Module { main: &main, functions: &[recursive], ..Default::default() };
				return module.build();
			}
		};
		let main = Body::new().repeat(r, step);
		code::Module { main: &main, functions: &functions, table, pages, ..Default::default() }
			.build()
	}

	/// Installs [`Shape::contract`] at [`CONTRACT`].
	fn install<T: Config>(self, r: u32) -> Address {
		install::<T>(self.contract(r))
	}
}

/// The payload of `host_call_system`: the environment contract's address (a word), then a
/// `blockHash` query, whose number's last byte the loop counter overwrites (its other three
/// bytes land in the padding after the query). With the query's length and the offset (in
/// the contract's memory) of that byte.
fn block_hash_query_payload() -> (Vec<u8>, i32, i32) {
	let mut payload = system::ENVIRONMENT.0.to_vec();
	payload.resize(32, 0);
	payload.extend(Query::BlockHash(0).encode());
	let query_len = payload.len() as i32 - 32;
	payload.extend([0; 3]);
	(payload, query_len, PAYLOAD + 32 + query_len - 1)
}

/// The parachain numbered `n`, as a loop counter written (little-endian) over the low four
/// bytes of a `generateReceipt`'s big-endian target-parachain word makes it: `n << 24`.
fn numbered_para(n: u32) -> u32 {
	u32::from_be_bytes(n.to_le_bytes())
}

/// Where the loop counter goes to vary the target parachain: the low four bytes of the
/// target-parachain word (the second argument) of [`generate_receipt_payload`]'s call data.
const TARGET_PARA_LOW: i32 = PAYLOAD + 32 + 4 + 32 + 28;

/// The payload of the receipt benchmarks: the receipts contract's address (a word), then the
/// call data of a `generateReceipt` of `amount` with `payload_len` bytes of payload to
/// parachain [`numbered_para`]`(1)`; with the call data's length.
fn generate_receipt_payload(amount: u128, payload_len: u32) -> (Vec<u8>, i32) {
	let mut payload = system::RECEIPTS.0.to_vec();
	payload.resize(32, 0);
	let call = GenerateReceipt {
		amount,
		target_para: numbered_para(1),
		target: CONTRACT,
		gas_limit: 0,
		payload: vec![0x2a; payload_len as usize],
	}
	.encode();
	let len = call.len() as i32;
	payload.extend(call);
	(payload, len)
}

/// Trusts parachains [`numbered_para`] 1 to `count` (at least 1) and prepares the dearest
/// route to each ([`ReceiptTransport::prepare_worst_routes`]): every receipt of a benchmark
/// goes to a parachain no other receipt touched.
fn open_receipt_routes<T: Config>(count: u32) {
	let paras: Vec<u32> = (1..=count.max(1)).map(numbered_para).collect();
	assert!(!paras.contains(&T::Environment::para_id()), "the targets are other parachains");
	TrustedSiblings::<T>::put(BoundedVec::truncate_from(paras.clone()));
	T::ReceiptTransport::prepare_worst_routes(&paras);
}

/// A header of this chain's type with `number` and `state_root`, as a sibling's head.
fn sibling_head<T: Config>(number: u32, state_root: T::Hash) -> Vec<u8> {
	let header = HeaderFor::<T>::new(
		number.into(),
		Default::default(),
		state_root,
		Default::default(),
		Default::default(),
	);
	header.encode()
}

/// A receipt from [`numbered_para`]`(1)` to this chain, the root of a source state whose outbox
/// holds only it, and a proof of it with junk nodes (never read, but hashed like every node)
/// added up to `proof_bytes` bytes as claims count them ([`receipts::proof_bytes`]). The junk
/// nodes are the shortest distinct ones (four bytes): per byte counted, the most nodes to hash
/// and insert, the dearest proof.
fn outbox_proof<T: Config>(proof_bytes: u32) -> (Receipt, T::Hash, Vec<Vec<u8>>) {
	let receipt = Receipt {
		source_para: numbered_para(1),
		source: numbered(1),
		nonce: 0,
		target_para: T::Environment::para_id(),
		target: CONTRACT,
		amount: 0,
		gas_limit: 0,
		payload_hash: payload_hash(&[]),
	};
	let key = crate::Outbox::<T>::hashed_key_for(receipt.target_para, receipt.nonce);
	let mut db = StorageProof::empty().into_memory_db::<T::Hashing>();
	let mut root = T::Hash::default();
	{
		let mut trie = TrieDBMutBuilder::<LayoutV1<T::Hashing>>::new(&mut db, &mut root).build();
		trie.insert(&key, &receipt.id().encode()).expect("an in-memory trie; qed");
	}
	let mut proof: Vec<Vec<u8>> = db.drain().into_values().map(|(node, _)| node).collect();
	let mut filler = 0u32;
	while receipts::proof_bytes(&proof) < proof_bytes {
		proof.push(filler.to_le_bytes().to_vec());
		filler += 1;
	}
	(receipt, root, proof)
}

/// The arguments of a `call` of the receipts contract with [`generate_receipt_payload`]'s call
/// data of `len` bytes, sending the value at [`VALUE`].
fn generate_receipt_args(len: i32) -> [Arg; 5] {
	[Arg::I64(CALL_GAS), Arg::I32(PAYLOAD), Arg::I32(VALUE), Arg::I32(PAYLOAD + 32), Arg::I32(len)]
}

/// The existential deposit: the value the value-sending benchmarks send.
fn existential<T: Config>() -> u128 {
	T::Currency::minimum_balance()
}

/// The origin `EeRegistrar` admits in benchmarks, its account funded.
fn ee_registrar<T: Config>() -> Result<T::RuntimeOrigin, BenchmarkError> {
	let origin = T::EeRegistrar::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
	let registrar =
		T::EeRegistrar::ensure_origin(origin.clone()).map_err(|_| BenchmarkError::Weightless)?;
	let _ = T::Currency::set_balance(&registrar, FUNDS);
	Ok(origin)
}

/// The root the benchmarks' EEs start at (their blocks save zeros).
const EE_ROOT: [u8; 32] = [1; 32];

/// Registers `code` as an EE at [`EE_ROOT`]: its id.
fn registered_ee<T: Config>(code: Vec<u8>) -> Result<ee::chain::EeId, BenchmarkError> {
	let registrar = T::EeRegistrar::ensure_origin(ee_registrar::<T>()?)
		.map_err(|_| BenchmarkError::Weightless)?;
	ee::chain::register::<T>(&registrar, code, EE_ROOT, 0)
		.map_err(|_| BenchmarkError::Stop("the benchmark's EE registers"))
}

#[benchmarks]
mod benchmarks {
	use super::*;

	/// `deploy` of `c` bytes of dense contract code with the largest memory, from init code of
	/// the largest size (the rest of it dense code) and memory, with value and `i` bytes of
	/// input: both are validated and compiled, the init code instantiated and run, the new code
	/// instantiated (to check it can be) and stored.
	#[benchmark]
	fn deploy(c: Linear<200, { T::MaxCodeLen::get() - 200 }>, i: Linear<0, 1024>) {
		let caller = funded::<T>();
		let contract = code::dense_contract(c, MAX_MEMORY_PAGES, 0);
		let init_code = code::dense_init_code(&contract, T::MaxCodeLen::get(), MAX_MEMORY_PAGES);
		#[extrinsic_call]
		_(
			RawOrigin::Signed(caller),
			1_000_000_000_000,
			GAS,
			init_code,
			vec![0; i as usize],
			[0; 32],
		);
	}

	/// `call` of a contract of `c` bytes of dense code with the least memory (two pages; each
	/// page is charged as gas besides: `instantiate_memory`), with value and `i` bytes of input,
	/// the contract owing rent: it pays the rent, is compiled, instantiated and run. The proof
	/// of the code is measured, so that it grows with `c` (the others are each item's largest
	/// encoding): a call is charged the proof of the code it ran, not of the largest code.
	#[benchmark(pov_mode = MaxEncodedLen { Ewasm::PristineCode: Measured })]
	fn call(c: Linear<200, { T::MaxCodeLen::get() }>, i: Linear<0, 1024>) {
		let caller = funded::<T>();
		let dest = install::<T>(code::dense_contract(c, 1, 0));
		TotalFee::<T>::put(1_000);
		let value = existential::<T>();
		#[extrinsic_call]
		_(RawOrigin::Signed(caller), dest, value, GAS, vec![0; i as usize]);
		assert_eq!(ContractInfoOf::<T>::get(dest).map(|info| info.rent_fee_mark), Some(1_000));
	}

	/// `poke` that evicts (the heavier outcome).
	#[benchmark]
	fn poke() {
		let caller = funded::<T>();
		let target = install::<T>(code::contract(1024));
		let _ = T::Currency::set_balance(&account_of::<T>(&target), 0);
		TotalFee::<T>::put(u128::MAX / 2);
		#[extrinsic_call]
		_(RawOrigin::Signed(caller), target);
		assert!(ContractInfoOf::<T>::get(target).is_none());
	}

	/// `on_initialize`: TOTALFEE grows and the `poke` quota reopens.
	#[benchmark]
	fn on_initialize() {
		#[block]
		{
			Pallet::<T>::on_initialize(1u32.into());
		}
	}

	/// `on_idle`'s deletion of evicted storage: `s` items of the first of `c` evicted
	/// contracts (the others have none left), every tombstone sealed; a budget of `s + c`
	/// units, one per item and one per contract, covers exactly that.
	#[benchmark]
	fn delete_evicted_storage(c: Linear<1, 16>, s: Linear<0, 1024>) {
		let eviction = rent::Eviction {
			code_hash: Default::default(),
			nonce: 1,
			fee_mark: 0,
			storage_hash: Default::default(),
			vm: crate::versions::VmVersion(1),
		};
		for n in 1..=c {
			Evicting::<T>::insert(numbered(n), eviction.clone());
		}
		fill_storage::<T>(&numbered(1), s);
		let deleted;
		#[block]
		{
			deleted = rent::delete_evicted_storage::<T>(s + c);
		}
		assert_eq!(deleted, (s, c));
		assert!(Tombstones::<T>::contains_key(numbered(c)));
	}

	/// `wake` with `c` bytes of dense code (validated and compiled) and `s` storage items.
	#[benchmark]
	fn wake(c: Linear<200, { T::MaxCodeLen::get() }>, s: Linear<0, 1024>) {
		let caller = funded::<T>();
		let address = Address([0xbf; 20]);
		let code = code::dense_contract(c, 1, 0);
		let items: Vec<_> = (0..s)
			.map(|n| {
				let mut key = [0u8; 32];
				key[..4].copy_from_slice(&n.to_le_bytes());
				(key, [1u8; 32])
			})
			.collect();
		let eviction = rent::Eviction {
			code_hash: storage::code_hash(&code),
			nonce: 1,
			fee_mark: 0,
			storage_hash: rent::storage_commitment(&items),
			vm: crate::exec::version_for::<T>(&code),
		};
		let hash = rent::tombstone(&address, &eviction);
		Tombstones::<T>::insert(address, rent::Tombstone { hash, vm: eviction.vm });
		#[extrinsic_call]
		_(RawOrigin::Signed(caller), address, code, items, 1, 0, 1_000_000_000_000_000_000);
		assert!(ContractInfoOf::<T>::get(address).is_some());
	}

	/// The loop of the looped host benchmarks, calling nothing.
	#[benchmark]
	fn host_baseline(r: Linear<0, REPEATS>) {
		let body = Body::new().repeat(r, Body::new());
		let contract = install::<T>(code::module(&[], &host_data(0, &[]), &body));
		#[block]
		{
			run_ok::<T>(contract, vec![]);
		}
	}

	/// Wasm instructions alone: the baseline loop doing a memory load, a 64-bit division and
	/// a store in each of its `r` iterations. Its slope over the fuel an iteration burns is
	/// the weight of one unit of fuel.
	#[benchmark]
	fn instr(r: Linear<0, INSTR_REPEATS>) {
		let contract = instr_contract::<T>(r);
		#[block]
		{
			run_ok::<T>(contract, vec![]);
		}
	}

	/// Calls of a function without parameters or locals, `r` times ([`Shape::Call`]).
	#[benchmark]
	fn instr_call(r: Linear<0, SHAPE_REPEATS>) {
		let contract = Shape::Call.install::<T>(r);
		#[block]
		{
			run_ok::<T>(contract, vec![]);
		}
	}

	/// Calls of a function with the most locals, `r` times ([`Shape::CallLocals`]).
	#[benchmark]
	fn instr_call_locals(r: Linear<0, SHAPE_REPEATS>) {
		let contract = Shape::CallLocals.install::<T>(r);
		#[block]
		{
			run_ok::<T>(contract, vec![]);
		}
	}

	/// Calls of a function with about the most locals an execution environment's may declare
	/// ([`crate::gas::EE_LOCALS_BENCHMARKED`], 16 times a contract's), `r` times, in a block of
	/// an EE: a unit of its fuel must cost what its locals do (`gas::FuelPrice`).
	#[benchmark]
	fn instr_call_ee_locals(r: Linear<0, SHAPE_REPEATS>) {
		let locals = crate::gas::EE_LOCALS_BENCHMARKED;
		let callee = code::Function { params: 0, locals, body: Body::new() };
		let main = Body::new().repeat(r, Body::new().call_function(1, 0));
		let code = code::Module { main: &main, functions: &[callee], ..Default::default() }.build();
		let schedule = crate::gas::Schedule::chain::<T::WeightInfo>(T::GasWeight::get());
		#[block]
		{
			// It saves no root: the calls are all it does.
			let no_value = ee::ledger::NoValue::boxed();
			let outcome = ee::execute_block(
				&code,
				[0; 32],
				&[],
				GAS,
				&schedule,
				no_value,
				&ee::block_budget(),
			);
			assert_eq!(outcome, Err(ee::EeError::NoPostRoot));
		}
	}

	/// Calls of a function with the most parameters, `r` times ([`Shape::CallParams`]).
	#[benchmark]
	fn instr_call_params(r: Linear<0, SHAPE_REPEATS>) {
		let contract = Shape::CallParams.install::<T>(r);
		#[block]
		{
			run_ok::<T>(contract, vec![]);
		}
	}

	/// `call_indirect`, `r` times ([`Shape::CallIndirect`]).
	#[benchmark]
	fn instr_call_indirect(r: Linear<0, SHAPE_REPEATS>) {
		let contract = Shape::CallIndirect.install::<T>(r);
		#[block]
		{
			run_ok::<T>(contract, vec![]);
		}
	}

	/// A large `br_table`, `r` times ([`Shape::BrTable`]).
	#[benchmark]
	fn instr_br_table(r: Linear<0, SHAPE_REPEATS>) {
		let contract = Shape::BrTable.install::<T>(r);
		#[block]
		{
			run_ok::<T>(contract, vec![]);
		}
	}

	/// `memory.grow` by a page, `r` times, up to the largest memory ([`Shape::MemoryGrow`]).
	#[benchmark]
	fn instr_memory_grow(r: Linear<0, { MAX_MEMORY_PAGES - 2 }>) {
		let contract = Shape::MemoryGrow.install::<T>(r);
		#[block]
		{
			run_ok::<T>(contract, vec![]);
		}
	}

	/// A call of a contract whose memory starts with `p` pages and whose `main` returns: the
	/// module instantiated with its memory allocated and zeroed, per page what
	/// `HostCosts::memory_page` charges as a frame starts.
	#[benchmark]
	fn instantiate_memory(p: Linear<1, MAX_MEMORY_PAGES>) {
		let contract = install::<T>(code::Module { pages: p, ..Default::default() }.build());
		#[block]
		{
			run_ok::<T>(contract, vec![]);
		}
	}

	/// Wasm recursion `r` levels deep ([`Shape::Recursion`]).
	#[benchmark]
	fn instr_recursion(r: Linear<0, { MAX_WASM_RECURSION_DEPTH as u32 - 2 }>) {
		let contract = Shape::Recursion.install::<T>(r);
		#[block]
		{
			run_ok::<T>(contract, vec![]);
		}
	}

	/// `useGas(1)`, `r` times.
	#[benchmark]
	fn host_use_gas(r: Linear<0, REPEATS>) {
		let contract = looped_getter::<T>("useGas", r);
		#[block]
		{
			run_ok::<T>(contract, vec![]);
		}
	}

	/// `getGasLeft`, `r` times.
	#[benchmark]
	fn host_get_gas_left(r: Linear<0, REPEATS>) {
		let contract = looped_getter::<T>("getGasLeft", r);
		#[block]
		{
			run_ok::<T>(contract, vec![]);
		}
	}

	/// `getAddress`, `r` times.
	#[benchmark]
	fn host_get_address(r: Linear<0, REPEATS>) {
		let contract = looped_getter::<T>("getAddress", r);
		#[block]
		{
			run_ok::<T>(contract, vec![]);
		}
	}

	/// `getExternalBalance` of `r` different accounts.
	#[benchmark]
	fn host_get_external_balance(r: Linear<0, REPEATS>) {
		let args = [Arg::I32(ADDRESS), Arg::I32(SCRATCH)];
		let contract = looped::<T>("getExternalBalance", &args, Some(ADDRESS), r, 0, &[]);
		#[block]
		{
			run_ok::<T>(contract, vec![]);
		}
	}

	/// `getBlockHash` of the `r` blocks before the current one.
	#[benchmark]
	fn host_get_block_hash(r: Linear<0, REPEATS>) {
		frame_system::Pallet::<T>::set_block_number((r + 1).into());
		let args = [Arg::CounterI64, Arg::I32(SCRATCH)];
		let contract = looped::<T>("getBlockHash", &args, None, r, 0, &[]);
		#[block]
		{
			run_ok::<T>(contract, vec![]);
		}
	}

	/// `call` of `r` different contracts of the smallest size, without value (the proof of
	/// their code is measured: each byte more is `host_call_per_code_byte`'s).
	#[benchmark(pov_mode = MaxEncodedLen { Ewasm::PristineCode: Measured })]
	fn host_call(r: Linear<0, FRAME_REPEATS>) {
		let contract = looped_calls::<T>("call", &CALL_ARGS, r, 0);
		#[block]
		{
			run_ok::<T>(contract, vec![]);
		}
	}

	/// `call` of `r` different contracts of the smallest size, sending the existential
	/// deposit to each.
	#[benchmark(pov_mode = MaxEncodedLen { Ewasm::PristineCode: Measured })]
	fn host_call_value(r: Linear<0, FRAME_REPEATS>) {
		let value = existential::<T>();
		let contract = looped_calls::<T>("call", &CALL_ARGS, r, value);
		let last_callee = numbered(r);
		let before = crate::accounts::balance_of::<T>(&last_callee);
		#[block]
		{
			run_ok::<T>(contract, vec![]);
		}
		let received = crate::accounts::balance_of::<T>(&last_callee) - before;
		assert_eq!(received, if r == 0 { 0 } else { value });
	}

	/// `call` sending the existential deposit to `r` different accounts that do not exist.
	#[benchmark]
	fn host_call_new_account(r: Linear<0, FRAME_REPEATS>) {
		let value = existential::<T>();
		let contract = looped::<T>("call", &CALL_ARGS, Some(ADDRESS), r, value, &[]);
		#[block]
		{
			run_ok::<T>(contract, vec![]);
		}
		assert!(r == 0 || crate::accounts::balance_of::<T>(&numbered(1)) == value);
	}

	/// `callCode` of `r` different contracts of the smallest size.
	#[benchmark(pov_mode = MaxEncodedLen { Ewasm::PristineCode: Measured })]
	fn host_call_code(r: Linear<0, FRAME_REPEATS>) {
		let contract = looped_calls::<T>("callCode", &CALL_ARGS, r, 0);
		#[block]
		{
			run_ok::<T>(contract, vec![]);
		}
	}

	/// `callDelegate` of `r` different contracts of the smallest size.
	#[benchmark(pov_mode = MaxEncodedLen { Ewasm::PristineCode: Measured })]
	fn host_call_delegate(r: Linear<0, FRAME_REPEATS>) {
		let contract = looped_calls::<T>("callDelegate", &CALL_NO_VALUE_ARGS, r, 0);
		#[block]
		{
			run_ok::<T>(contract, vec![]);
		}
	}

	/// `callStatic` of `r` different contracts of the smallest size.
	#[benchmark(pov_mode = MaxEncodedLen { Ewasm::PristineCode: Measured })]
	fn host_call_static(r: Linear<0, FRAME_REPEATS>) {
		let contract = looped_calls::<T>("callStatic", &CALL_NO_VALUE_ARGS, r, 0);
		#[block]
		{
			run_ok::<T>(contract, vec![]);
		}
	}

	/// One `call` of a contract of `c` bytes of dense code with the least memory (two pages),
	/// owing rent: its code is read (the proof of it measured), validated, compiled and
	/// instantiated, and its `main` run. The slope is what each byte of a callee's code costs
	/// (`code_load_per_word`, with `host_call_per_code_byte_functions`).
	#[benchmark(pov_mode = MaxEncodedLen { Ewasm::PristineCode: Measured })]
	fn host_call_per_code_byte(c: Linear<SMALL_CODE, { T::MaxCodeLen::get() }>) {
		let contract = call_once::<T>(code::dense_contract(c, 1, 1));
		#[block]
		{
			run_ok::<T>(contract, vec![]);
		}
		assert_called::<T>();
	}

	/// As `host_call_per_code_byte`, the callee's code as many small functions as wasmi's
	/// limits allow ([`code::many_functions_contract`]): the most work per byte spent per
	/// function rather than per instruction.
	#[benchmark(pov_mode = MaxEncodedLen { Ewasm::PristineCode: Measured })]
	fn host_call_per_code_byte_functions(c: Linear<SMALL_CODE, { T::MaxCodeLen::get() }>) {
		let contract = call_once::<T>(code::many_functions_contract(c, 1, 1));
		#[block]
		{
			run_ok::<T>(contract, vec![]);
		}
		assert_called::<T>();
	}

	/// `callStatic` of the environment contract (a system contract) asking for a block hash,
	/// `r` times, each for another block whose hash is stored (a fresh storage read): the
	/// dearest answer of a system contract.
	#[benchmark]
	fn host_call_system(r: Linear<0, REPEATS>) {
		// Blocks 1 to `REPEATS` are all within the hash window of the current block.
		frame_system::Pallet::<T>::set_block_number((REPEATS + 1).into());
		for n in 1..=r {
			let number: BlockNumberFor<T> = n.into();
			frame_system::BlockHash::<T>::insert(number, T::Hashing::hash_of(&number));
		}
		let (payload, query_len, number_last_byte) = block_hash_query_payload();
		let args =
			[Arg::I64(CALL_GAS), Arg::I32(PAYLOAD), Arg::I32(PAYLOAD + 32), Arg::I32(query_len)];
		let contract = looped::<T>("callStatic", &args, Some(number_last_byte), r, 0, &payload);
		#[block]
		{
			run_ok::<T>(contract, vec![]);
		}
	}

	/// `call` of the receipts contract's `generateReceipt`, `r` times, each sending the
	/// existential deposit (burned) with an empty payload to another trusted parachain, whose
	/// nonce, total sent and channel no other iteration touched: a fresh outbox nonce and
	/// total, and the message appended to a nearly full page of the channel (read and written
	/// back whole).
	#[benchmark]
	fn host_generate_receipt(r: Linear<0, FRAME_REPEATS>) {
		open_receipt_routes::<T>(r);
		let value = existential::<T>();
		let (payload, len) = generate_receipt_payload(value, 0);
		let args = generate_receipt_args(len);
		let contract = looped::<T>("call", &args, Some(TARGET_PARA_LOW), r, value, &payload);
		#[block]
		{
			run_ok::<T>(contract, vec![]);
		}
		for n in 1..=r {
			assert_eq!(OutboxNonce::<T>::get(numbered_para(n)), 1);
		}
	}

	/// One `generateReceipt` with `n` bytes of payload (hashed, copied into the message).
	#[benchmark]
	fn host_generate_receipt_per_byte(n: Linear<0, { T::MaxReceiptPayload::get() }>) {
		open_receipt_routes::<T>(1);
		let (payload, len) = generate_receipt_payload(0, n);
		let contract = once::<T>("call", &generate_receipt_args(len), &payload);
		#[block]
		{
			run_ok::<T>(contract, vec![]);
		}
		assert_eq!(OutboxNonce::<T>::get(numbered_para(1)), 1);
	}

	/// `deliver_receipt` of a receipt with the existential deposit and `n` bytes of payload to
	/// a contract of `c` bytes of dense code with the least memory (two pages, charged as gas
	/// besides) that exports `receiveMessage` and owes rent: the value is minted, the nullifier
	/// stored, the contract pays its rent, is compiled, instantiated and run. The proof of the
	/// code is measured, as `call`'s.
	#[benchmark(pov_mode = MaxEncodedLen { Ewasm::PristineCode: Measured })]
	fn deliver_receipt(
		c: Linear<200, { T::MaxCodeLen::get() }>,
		n: Linear<0, { T::MaxReceiptPayload::get() }>,
	) -> Result<(), BenchmarkError> {
		let origin =
			T::SiblingOrigin::try_successful_origin().map_err(|()| BenchmarkError::Weightless)?;
		let source_para = T::SiblingOrigin::ensure_origin(origin.clone())
			.map_err(|_| BenchmarkError::Weightless)?;
		TrustedSiblings::<T>::put(BoundedVec::truncate_from(vec![source_para]));
		let target = install::<T>(code::dense_receiver(c, 1));
		TotalFee::<T>::put(1_000);
		let payload = vec![0x2a; n as usize];
		let receipt = Receipt {
			source_para,
			source: numbered(1),
			nonce: 0,
			target_para: T::Environment::para_id(),
			target,
			amount: existential::<T>(),
			gas_limit: 1_000_000,
			payload_hash: payload_hash(&payload),
		};
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, receipt, payload);
		assert!(Inbox::<T>::contains_key(source_para, 0));
		assert_eq!(ContractInfoOf::<T>::get(target).map(|info| info.rent_fee_mark), Some(1_000));
		Ok(())
	}

	/// `note_sibling_heads` of `s` heads, one of each of `s` trusted siblings, each newer than
	/// the last recorded and the sibling's record full (the oldest dropped, the rest moved).
	#[benchmark]
	fn note_sibling_heads(s: Linear<0, MAX_TRUSTED_SIBLINGS>) {
		let paras: Vec<u32> = (1..=s).map(numbered_para).collect();
		TrustedSiblings::<T>::put(BoundedVec::truncate_from(paras.clone()));
		let full: Vec<(u32, T::Hash)> =
			(0..MAX_SIBLING_ROOTS).map(|n| (n, T::Hash::default())).collect();
		for para in &paras {
			SiblingStateRoots::<T>::insert(para, BoundedVec::truncate_from(full.clone()));
		}
		let heads: Vec<(u32, Vec<u8>)> = paras
			.iter()
			.map(|para| (*para, sibling_head::<T>(MAX_SIBLING_ROOTS, T::Hash::default())))
			.collect();
		#[block]
		{
			receipts::note_sibling_heads::<T>(heads);
		}
		for para in &paras {
			let roots = SiblingStateRoots::<T>::get(para);
			assert_eq!(roots.last().map(|(number, _)| *number), Some(MAX_SIBLING_ROOTS));
		}
	}

	/// A claim's proof of `p` bytes checked: the source's recorded roots searched to the last
	/// (the record full), every node hashed into the proof's database, the receipt's id found.
	#[benchmark]
	fn verify_receipt_proof(p: Linear<0, MAX_PROOF_BYTES>) {
		let (receipt, root, proof) = outbox_proof::<T>(p);
		let mut roots: Vec<(u32, T::Hash)> =
			(0..MAX_SIBLING_ROOTS - 1).map(|n| (n, T::Hash::default())).collect();
		roots.push((MAX_SIBLING_ROOTS, root));
		SiblingStateRoots::<T>::insert(receipt.source_para, BoundedVec::truncate_from(roots));
		#[block]
		{
			let root = receipts::sibling_state_root::<T>(receipt.source_para, MAX_SIBLING_ROOTS)
				.expect("recorded above; qed");
			receipts::verify_outbox_proof::<T>(&receipt, &root, proof).expect("a valid proof");
		}
	}

	/// `set_trusted_siblings` of `s` parachains.
	#[benchmark]
	fn set_trusted_siblings(s: Linear<0, MAX_TRUSTED_SIBLINGS>) {
		let siblings: Vec<u32> = (0..s).collect();
		#[extrinsic_call]
		_(RawOrigin::Root, siblings);
		assert_eq!(TrustedSiblings::<T>::get().len(), s as usize);
	}

	/// `register_ee` of `c` bytes of dense code ([`code::dense_ee`]) with value: validated,
	/// compiled and instantiated, the deposit held, the value moved, the code hashed and stored.
	#[benchmark]
	fn register_ee(c: Linear<SMALL_CODE, MAX_EE_CODE_BYTES>) -> Result<(), BenchmarkError> {
		let (origin, code) = (ee_registrar::<T>()?, code::dense_ee(c));
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, code, EE_ROOT, existential::<T>());
		assert_eq!(NextEeId::<T>::get(), 1);
		Ok(())
	}

	/// As `register_ee`, the code as many small functions as fit
	/// ([`code::many_functions_ee`]): the most work per byte spent per function.
	#[benchmark]
	fn register_ee_functions(
		c: Linear<SMALL_CODE, MAX_EE_CODE_BYTES>,
	) -> Result<(), BenchmarkError> {
		let (origin, code) = (ee_registrar::<T>()?, code::many_functions_ee(c));
		#[extrinsic_call]
		register_ee(origin as T::RuntimeOrigin, code, EE_ROOT, existential::<T>());
		assert_eq!(NextEeId::<T>::get(), 1);
		Ok(())
	}

	/// `execute_block` of an EE of `c` bytes of dense code ([`code::dense_ee`]) with `d` bytes
	/// of block data, its root expected: the EE and its code read, compiled, instantiated and
	/// run (it saves a root), the new root written. The EE's run is charged as gas besides (its
	/// memory, instructions and host calls). The proof of the code is measured: a block is
	/// charged the proof of its EE's code, not of the largest.
	#[benchmark(pov_mode = MaxEncodedLen { Ewasm::EeCode: Measured })]
	fn execute_block(
		c: Linear<SMALL_CODE, MAX_EE_CODE_BYTES>,
		d: Linear<0, { T::MaxEeBlockData::get() }>,
	) -> Result<(), BenchmarkError> {
		let ee = registered_ee::<T>(code::dense_ee(c))?;
		let data =
			BoundedVec::try_from(vec![7; d as usize]).map_err(|_| BenchmarkError::Stop("data"))?;
		#[extrinsic_call]
		_(RawOrigin::Signed(funded::<T>()), ee, data, Some(EE_ROOT), 0, GAS);
		assert_eq!(Ees::<T>::get(ee).map(|info| info.root), Some([0; 32]));
		Ok(())
	}

	/// As `execute_block` without block data, the code as many small functions as fit
	/// ([`code::many_functions_ee`]).
	#[benchmark(pov_mode = MaxEncodedLen { Ewasm::EeCode: Measured })]
	fn execute_block_functions(
		c: Linear<SMALL_CODE, MAX_EE_CODE_BYTES>,
	) -> Result<(), BenchmarkError> {
		let ee = registered_ee::<T>(code::many_functions_ee(c))?;
		#[extrinsic_call]
		execute_block(
			RawOrigin::Signed(funded::<T>()),
			ee,
			BoundedVec::new(),
			Some(EE_ROOT),
			0,
			GAS,
		);
		assert_eq!(Ees::<T>::get(ee).map(|info| info.root), Some([0; 32]));
		Ok(())
	}

	/// `callDataCopy` of 32 bytes, `r` times.
	#[benchmark]
	fn host_call_data_copy(r: Linear<0, REPEATS>) {
		let args = [Arg::I32(SCRATCH), Arg::I32(0), Arg::I32(32)];
		let contract = looped::<T>("callDataCopy", &args, None, r, 0, &[]);
		#[block]
		{
			run_ok::<T>(contract, input(32));
		}
	}

	/// One `callDataCopy` of `n` bytes.
	#[benchmark]
	fn host_call_data_copy_per_byte(n: Linear<0, MAX_BYTES>) {
		let args = [Arg::I32(SCRATCH), Arg::I32(0), Arg::I32(n as i32)];
		let contract = once::<T>("callDataCopy", &args, &[]);
		#[block]
		{
			run_ok::<T>(contract, input(n));
		}
	}

	/// `getCallDataSize`, `r` times.
	#[benchmark]
	fn host_get_call_data_size(r: Linear<0, REPEATS>) {
		let contract = looped_getter::<T>("getCallDataSize", r);
		#[block]
		{
			run_ok::<T>(contract, vec![]);
		}
	}

	/// `storageStore` of a non-zero value under `r` different empty keys.
	#[benchmark]
	fn host_storage_store_create(r: Linear<0, REPEATS>) {
		let args = [Arg::I32(KEY), Arg::I32(WORD)];
		let contract = looped::<T>("storageStore", &args, Some(KEY), r, 0, &[]);
		#[block]
		{
			run_ok::<T>(contract, vec![]);
		}
		assert_eq!(ContractInfoOf::<T>::get(contract).map(|info| info.storage_items), Some(r));
	}

	/// `storageStore` of a new non-zero value under `r` different non-empty keys.
	#[benchmark]
	fn host_storage_store_update(r: Linear<0, REPEATS>) {
		let args = [Arg::I32(KEY), Arg::I32(WORD)];
		let contract = looped::<T>("storageStore", &args, Some(KEY), r, 0, &[]);
		fill_storage::<T>(&contract, r);
		#[block]
		{
			run_ok::<T>(contract, vec![]);
		}
	}

	/// `storageLoad` of `r` different non-empty keys.
	#[benchmark]
	fn host_storage_load(r: Linear<0, REPEATS>) {
		let args = [Arg::I32(KEY), Arg::I32(SCRATCH)];
		let contract = looped::<T>("storageLoad", &args, Some(KEY), r, 0, &[]);
		fill_storage::<T>(&contract, r);
		#[block]
		{
			run_ok::<T>(contract, vec![]);
		}
	}

	/// `getCaller`, `r` times.
	#[benchmark]
	fn host_get_caller(r: Linear<0, REPEATS>) {
		let contract = looped_getter::<T>("getCaller", r);
		#[block]
		{
			run_ok::<T>(contract, vec![]);
		}
	}

	/// `getCallValue`, `r` times.
	#[benchmark]
	fn host_get_call_value(r: Linear<0, REPEATS>) {
		let contract = looped_getter::<T>("getCallValue", r);
		#[block]
		{
			run_ok::<T>(contract, vec![]);
		}
	}

	/// `codeCopy` of 32 bytes, `r` times.
	#[benchmark]
	fn host_code_copy(r: Linear<0, REPEATS>) {
		let args = [Arg::I32(SCRATCH), Arg::I32(0), Arg::I32(32)];
		let contract = looped::<T>("codeCopy", &args, None, r, 0, &[]);
		#[block]
		{
			run_ok::<T>(contract, vec![]);
		}
	}

	/// One `codeCopy` of `n` bytes.
	#[benchmark]
	fn host_code_copy_per_byte(n: Linear<0, MAX_BYTES>) {
		let args = [Arg::I32(SCRATCH), Arg::I32(0), Arg::I32(n as i32)];
		let contract = once::<T>("codeCopy", &args, &input(n));
		#[block]
		{
			run_ok::<T>(contract, vec![]);
		}
	}

	/// `getCodeSize`, `r` times.
	#[benchmark]
	fn host_get_code_size(r: Linear<0, REPEATS>) {
		let contract = looped_getter::<T>("getCodeSize", r);
		#[block]
		{
			run_ok::<T>(contract, vec![]);
		}
	}

	/// `externalCodeCopy` of 32 bytes from `r` different contracts of the smallest size (the
	/// proof of their code measured: each byte more is priced as a call's,
	/// `host_call_per_code_byte`).
	#[benchmark(pov_mode = MaxEncodedLen { Ewasm::PristineCode: Measured })]
	fn host_external_code_copy(r: Linear<0, FRAME_REPEATS>) {
		install_numbered::<T>(r, SMALL_CODE);
		let args = [Arg::I32(ADDRESS), Arg::I32(SCRATCH), Arg::I32(0), Arg::I32(32)];
		let contract = looped::<T>("externalCodeCopy", &args, Some(ADDRESS), r, 0, &[]);
		#[block]
		{
			run_ok::<T>(contract, vec![]);
		}
	}

	/// One `externalCodeCopy` of `n` bytes.
	#[benchmark]
	fn host_external_code_copy_per_byte(n: Linear<0, MAX_BYTES>) {
		install_numbered::<T>(1, MAX_BYTES + 1024);
		let args = [Arg::I32(ADDRESS), Arg::I32(SCRATCH), Arg::I32(0), Arg::I32(n as i32)];
		let contract = once::<T>("externalCodeCopy", &args, &[]);
		#[block]
		{
			run_ok::<T>(contract, vec![]);
		}
	}

	/// `getExternalCodeSize` of `r` different contracts.
	#[benchmark]
	fn host_get_external_code_size(r: Linear<0, REPEATS>) {
		install_numbered::<T>(r, SMALL_CODE);
		let args = [Arg::I32(ADDRESS)];
		let contract = looped::<T>("getExternalCodeSize", &args, Some(ADDRESS), r, 0, &[]);
		#[block]
		{
			run_ok::<T>(contract, vec![]);
		}
	}

	/// `getBlockCoinbase`, `r` times.
	#[benchmark]
	fn host_get_block_coinbase(r: Linear<0, REPEATS>) {
		let contract = looped_getter::<T>("getBlockCoinbase", r);
		#[block]
		{
			run_ok::<T>(contract, vec![]);
		}
	}

	/// `getBlockDifficulty`, `r` times.
	#[benchmark]
	fn host_get_block_difficulty(r: Linear<0, REPEATS>) {
		let contract = looped_getter::<T>("getBlockDifficulty", r);
		#[block]
		{
			run_ok::<T>(contract, vec![]);
		}
	}

	/// `getBlockGasLimit`, `r` times.
	#[benchmark]
	fn host_get_block_gas_limit(r: Linear<0, REPEATS>) {
		let contract = looped_getter::<T>("getBlockGasLimit", r);
		#[block]
		{
			run_ok::<T>(contract, vec![]);
		}
	}

	/// `getTxGasPrice`, `r` times.
	#[benchmark]
	fn host_get_tx_gas_price(r: Linear<0, REPEATS>) {
		let contract = looped_getter::<T>("getTxGasPrice", r);
		#[block]
		{
			run_ok::<T>(contract, vec![]);
		}
	}

	/// `log` without topics or data, `r` times.
	#[benchmark]
	fn host_log(r: Linear<0, REPEATS>) {
		let contract = looped::<T>("log", &log_args(0, 0), None, r, 0, &[]);
		#[block]
		{
			run_ok::<T>(contract, vec![]);
		}
	}

	/// `log` with 4 topics and no data, `r` times.
	#[benchmark]
	fn host_log_four_topics(r: Linear<0, REPEATS>) {
		let contract = looped::<T>("log", &log_args(4, 0), None, r, 0, &[]);
		#[block]
		{
			run_ok::<T>(contract, vec![]);
		}
	}

	/// One `log` of `n` bytes.
	#[benchmark]
	fn host_log_per_byte(n: Linear<0, MAX_BYTES>) {
		let contract = once::<T>("log", &log_args(0, n as i32), &[]);
		#[block]
		{
			run_ok::<T>(contract, vec![]);
		}
	}

	/// `keccak256` (`v2`) of nothing, `r` times.
	#[benchmark]
	fn host_keccak256(r: Linear<0, REPEATS>) {
		let contract = looped::<T>("keccak256", &hash_args(0), None, r, 0, &[]);
		#[block]
		{
			run_ok::<T>(contract, vec![]);
		}
	}

	/// One `keccak256` (`v2`) of `n` bytes.
	#[benchmark]
	fn host_keccak256_per_byte(n: Linear<0, MAX_BYTES>) {
		let contract = once::<T>("keccak256", &hash_args(n), &[]);
		#[block]
		{
			run_ok::<T>(contract, vec![]);
		}
	}

	/// `sha256` (`v2`) of nothing, `r` times.
	#[benchmark]
	fn host_sha256(r: Linear<0, REPEATS>) {
		let contract = looped::<T>("sha256", &hash_args(0), None, r, 0, &[]);
		#[block]
		{
			run_ok::<T>(contract, vec![]);
		}
	}

	/// One `sha256` (`v2`) of `n` bytes.
	#[benchmark]
	fn host_sha256_per_byte(n: Linear<0, MAX_BYTES>) {
		let contract = once::<T>("sha256", &hash_args(n), &[]);
		#[block]
		{
			run_ok::<T>(contract, vec![]);
		}
	}

	/// `blake2b256` (`v2`) of nothing, `r` times.
	#[benchmark]
	fn host_blake2b256(r: Linear<0, REPEATS>) {
		let contract = looped::<T>("blake2b256", &hash_args(0), None, r, 0, &[]);
		#[block]
		{
			run_ok::<T>(contract, vec![]);
		}
	}

	/// One `blake2b256` (`v2`) of `n` bytes.
	#[benchmark]
	fn host_blake2b256_per_byte(n: Linear<0, MAX_BYTES>) {
		let contract = once::<T>("blake2b256", &hash_args(n), &[]);
		#[block]
		{
			run_ok::<T>(contract, vec![]);
		}
	}

	/// `bignum_add256` (`v2`), `r` times, of numbers whose sum carries through every byte.
	#[benchmark]
	fn host_bignum_add256(r: Linear<0, REPEATS>) {
		let contract = looped_bignum::<T>("bignum_add256", r);
		#[block]
		{
			run_ok::<T>(contract, vec![]);
		}
	}

	/// `bignum_sub256` (`v2`), `r` times, borrowing through every byte.
	#[benchmark]
	fn host_bignum_sub256(r: Linear<0, REPEATS>) {
		let contract = looped_bignum::<T>("bignum_sub256", r);
		#[block]
		{
			run_ok::<T>(contract, vec![]);
		}
	}

	/// `bignum_mul256` (`v2`), `r` times, of two 128-bit numbers of all ones (the largest
	/// product that fits).
	#[benchmark]
	fn host_bignum_mul256(r: Linear<0, REPEATS>) {
		let contract = looped_bignum::<T>("bignum_mul256", r);
		#[block]
		{
			run_ok::<T>(contract, vec![]);
		}
	}

	/// `bignum_umulmod256` (`v2`), `r` times (its work is the same for any numbers).
	#[benchmark]
	fn host_bignum_umulmod256(r: Linear<0, REPEATS>) {
		let contract = looped_bignum::<T>("bignum_umulmod256", r);
		#[block]
		{
			run_ok::<T>(contract, vec![]);
		}
	}

	/// `ecrecover` (`v2`), `r` times, of a valid signature (a key recovers and is hashed).
	#[benchmark]
	fn host_ecrecover(r: Linear<0, REPEATS>) {
		use crate::signature::{known, recover_address};
		assert_eq!(recover_address(&known::HASH, &known::SIGNATURE), Some(Address(known::SIGNER)));
		let payload = [&known::HASH[..], &known::SIGNATURE[..]].concat();
		let args = [Arg::I32(PAYLOAD), Arg::I32(PAYLOAD + 32), Arg::I32(SCRATCH)];
		let contract = looped::<T>("ecrecover", &args, None, r, 0, &payload);
		#[block]
		{
			run_ok::<T>(contract, vec![]);
		}
	}

	/// `getBlockNumber`, `r` times.
	#[benchmark]
	fn host_get_block_number(r: Linear<0, REPEATS>) {
		let contract = looped_getter::<T>("getBlockNumber", r);
		#[block]
		{
			run_ok::<T>(contract, vec![]);
		}
	}

	/// `getTxOrigin`, `r` times.
	#[benchmark]
	fn host_get_tx_origin(r: Linear<0, REPEATS>) {
		let contract = looped_getter::<T>("getTxOrigin", r);
		#[block]
		{
			run_ok::<T>(contract, vec![]);
		}
	}

	/// `finish` with `n` bytes.
	#[benchmark]
	fn host_finish(n: Linear<0, MAX_BYTES>) {
		let contract = once::<T>("finish", &[Arg::I32(PAYLOAD), Arg::I32(n as i32)], &[]);
		#[block]
		{
			run_ok::<T>(contract, vec![]);
		}
	}

	/// `revert` with `n` bytes.
	#[benchmark]
	fn host_revert(n: Linear<0, MAX_BYTES>) {
		let contract = once::<T>("revert", &[Arg::I32(PAYLOAD), Arg::I32(n as i32)], &[]);
		let outcome;
		#[block]
		{
			outcome = run::<T>(contract, vec![]);
		}
		assert_eq!(outcome.result, Err(Error::<T>::ContractReverted.into()));
	}

	/// `getReturnDataSize`, `r` times.
	#[benchmark]
	fn host_get_return_data_size(r: Linear<0, REPEATS>) {
		let contract = looped_getter::<T>("getReturnDataSize", r);
		#[block]
		{
			run_ok::<T>(contract, vec![]);
		}
	}

	/// `returnDataCopy` of the empty return data, `r` times.
	#[benchmark]
	fn host_return_data_copy(r: Linear<0, REPEATS>) {
		let args = [Arg::I32(SCRATCH), Arg::I32(0), Arg::I32(0)];
		let contract = looped::<T>("returnDataCopy", &args, None, r, 0, &[]);
		#[block]
		{
			run_ok::<T>(contract, vec![]);
		}
	}

	/// `selfDestruct` of a contract with `s` storage items, to an existing beneficiary.
	#[benchmark]
	fn host_self_destruct(s: Linear<0, REPEATS>) {
		install_numbered::<T>(1, SMALL_CODE);
		let contract = once::<T>("selfDestruct", &[Arg::I32(ADDRESS)], &[]);
		fill_storage::<T>(&contract, s);
		#[block]
		{
			run_ok::<T>(contract, vec![]);
		}
		assert!(ContractInfoOf::<T>::get(contract).is_none());
	}

	/// `getBlockTimestamp`, `r` times.
	#[benchmark]
	fn host_get_block_timestamp(r: Linear<0, REPEATS>) {
		let contract = looped_getter::<T>("getBlockTimestamp", r);
		#[block]
		{
			run_ok::<T>(contract, vec![]);
		}
	}

	/// `create`, `r` times, each from init code of the smallest size.
	#[benchmark]
	fn host_create(r: Linear<0, FRAME_REPEATS>) {
		let init_code = small_init_code();
		let args = [
			Arg::I32(VALUE),
			Arg::I32(PAYLOAD),
			Arg::I32(init_code.len() as i32),
			Arg::I32(SCRATCH),
		];
		let contract = looped::<T>("create", &args, None, r, 0, &init_code);
		#[block]
		{
			run_ok::<T>(contract, vec![]);
		}
		assert_eq!(
			ContractInfoOf::<T>::get(contract).map(|info| info.nonce),
			Some(1 + u64::from(r))
		);
	}

	/// `create2` with `r` different salts, each from init code of the smallest size.
	#[benchmark]
	fn host_create2(r: Linear<0, FRAME_REPEATS>) {
		let init_code = small_init_code();
		let args = [
			Arg::I32(VALUE),
			Arg::I32(PAYLOAD),
			Arg::I32(init_code.len() as i32),
			Arg::I32(KEY),
			Arg::I32(SCRATCH),
		];
		let contract = looped::<T>("create2", &args, Some(KEY), r, 0, &init_code);
		#[block]
		{
			run_ok::<T>(contract, vec![]);
		}
	}

	/// One `create` of a contract of `n` bytes of dense code with the least memory (two pages),
	/// from init code holding it as data: the slope is what each byte of code a creation stores costs
	/// (validated, compiled, checked that it starts, hashed and stored).
	#[benchmark]
	fn host_create_per_byte(n: Linear<SMALL_CODE, { T::MaxCodeLen::get() - 1024 }>) {
		let contract = create_once::<T>(&code::init_code(&code::dense_contract(n, 1, 0)), false);
		#[block]
		{
			run_ok::<T>(contract, vec![]);
		}
		let created = crate::address::create_address(&contract, 1);
		assert!(ContractInfoOf::<T>::get(created).is_some_and(|info| info.code_len > 0));
	}

	/// One `create2` from `n` bytes of init code, all of it dense code but for a contract of the
	/// smallest size it deploys, with the least memory: the slope is what each byte of init
	/// code costs (copied, hashed for the address, validated and compiled).
	#[benchmark]
	fn host_create_per_init_byte(n: Linear<1024, { T::MaxCodeLen::get() - 1024 }>) {
		let init_code = code::dense_init_code(&code::contract(SMALL_CODE), n, 1);
		let contract = create_once::<T>(&init_code, true);
		#[block]
		{
			run_ok::<T>(contract, vec![]);
		}
		let created = crate::address::create2_address(&contract, &[0; 32], &init_code);
		assert!(ContractInfoOf::<T>::get(created).is_some_and(|info| info.code_len > 0));
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}

#[cfg(test)]
mod tests {
	use super::*;
	use crate::mock::{new_test_ext, Test};

	/// The gas a unit of fuel costs in `code` at the chain's schedule.
	fn gas_per_fuel(code: &[u8]) -> u64 {
		use crate::vm::prepare::{engine, prepare, CodeRules};
		let rules = CodeRules { max_len: u32::MAX, debug_enabled: false };
		let prepared = prepare(&engine(), code, rules).expect("valid");
		crate::mock::chain_fuel_price().gas_per_fuel(prepared.max_function_locals)
	}

	/// Each shape's iterations burn the fuel the gas schedule divides its weight by
	/// ([`crate::gas::fuel_per_iteration`]), at the price of fuel of the shape's module.
	#[test]
	fn every_shape_iteration_burns_its_pinned_fuel() {
		new_test_ext().execute_with(|| {
			let gas_used = |shape: Shape, r| run::<Test>(shape.install::<Test>(r), vec![]).gas_used;
			for shape in Shape::ALL {
				let per_iteration = shape.fuel_per_iteration() * gas_per_fuel(&shape.contract(1));
				assert_eq!(gas_used(shape, 2) - gas_used(shape, 1), per_iteration, "{shape:?}");
				let ten = gas_used(shape, 12) - gas_used(shape, 2);
				assert_eq!(ten, 10 * per_iteration, "{shape:?}");
			}
		});
	}

	/// Each iteration of `host_call_system` asks for the hash of the block its loop counter
	/// numbers (1 to 128, all stored and within the window).
	#[test]
	fn each_system_call_iteration_asks_for_another_block() {
		let (payload, query_len, number_last_byte) = block_hash_query_payload();
		assert_eq!(&payload[..20], &system::ENVIRONMENT.0);
		for counter in [1u32, 2, REPEATS] {
			let mut memory = payload.clone();
			let at = (number_last_byte - PAYLOAD) as usize;
			memory[at..at + 4].copy_from_slice(&counter.to_le_bytes());
			let query = &memory[32..32 + query_len as usize];
			assert_eq!(Query::decode(query), Some(Query::BlockHash(counter.into())));
		}
	}

	/// An iteration of the `instr` benchmark burns the fuel the gas schedule divides its weight
	/// by.
	#[test]
	fn an_instr_iteration_burns_the_fuel_the_schedule_assumes() {
		new_test_ext().execute_with(|| {
			let gas_used = |r| run::<Test>(instr_contract::<Test>(r), vec![]).gas_used;
			let per_iteration =
				crate::gas::fuel_per_iteration::INSTR * gas_per_fuel(&instr_code(1));
			assert_eq!(gas_used(2) - gas_used(1), per_iteration);
			assert_eq!(gas_used(101) - gas_used(1), 100 * per_iteration);
		});
	}
}
