//! Execution environments: a block's root comes from what the EE saves, under either of
//! Scout's import names; every host function traps out of bounds and charges its price; a
//! trap, running out of gas or saving no root fails the block; validation keeps contracts'
//! imports and entry points out.

use super::*;
use crate::{bignum, mock::chain_schedule};
use alloc::{format, vec, vec::Vec};

const GAS: u64 = 100_000_000;

/// Runs a block of `code` with `gas` at the chain's prices.
fn execute(code: &[u8], pre_root: Word, data: &[u8], gas: u64) -> Result<BlockOutcome, EeError> {
	let no_value = ledger::NoValue::boxed();
	execute_block(code, pre_root, data, gas, &chain_schedule(), no_value, &block_budget())
}

fn wasm(wat: &str) -> Vec<u8> {
	wat::parse_str(wat).expect("valid WAT")
}

/// An EE importing `imports` whose `main` is `body`, with one page of memory.
fn ee(imports: &str, body: &str) -> Vec<u8> {
	wasm(&format!(
		r#"(module {imports} (memory (export "memory") 1) (func (export "main") {body}))"#
	))
}

/// The host functions the tests' EEs import: their alias, group, name and signature.
const IMPORTS: [(&str, &str, &str, &str); 21] = [
	("$load", "eth2", "loadPreStateRoot", "(param i32)"),
	("$size", "eth2", "blockDataSize", "(result i32)"),
	("$copy", "eth2", "blockDataCopy", "(param i32 i32 i32)"),
	("$save", "eth2", "savePostStateRoot", "(param i32)"),
	("$deposit", "eth2", "pushNewDeposit", "(param i32 i32)"),
	("$add", "bignum", "add256", "(param i32 i32 i32)"),
	("$sub", "bignum", "sub256", "(param i32 i32 i32)"),
	("$mul", "bignum", "mul256", "(param i32 i32 i32)"),
	("$mulmod", "bignum", "umulmod256", "(param i32 i32 i32 i32)"),
	("$print", "debug", "printMemHex", "(param i32 i32)"),
	("$caller", "eth2", "getCaller", "(param i32)"),
	("$value", "eth2", "getCallValue", "(param i32)"),
	("$balance", "eth2", "getBalance", "(param i32)"),
	("$transfer", "eth2", "transfer", "(param i32 i32) (result i32)"),
	("$address", "eth2", "getAddress", "(param i32)"),
	("$chain", "eth2", "getChainId", "(param i32)"),
	("$callee", "eth2", "callEE", "(param i32 i32 i32 i32) (result i32)"),
	("$keccak", "crypto", "keccak256", "(param i32 i32 i32)"),
	("$sha256", "crypto", "sha256", "(param i32 i32 i32)"),
	("$blake2", "crypto", "blake2b256", "(param i32 i32 i32)"),
	("$ecrecover", "crypto", "ecrecover", "(param i32 i32 i32) (result i32)"),
];

/// [`IMPORTS`] under Scout's prefixed names (`env.eth2_loadPreStateRoot`) or its unprefixed
/// ones (`eth2.loadPreStateRoot`).
fn imports(prefixed: bool) -> String {
	IMPORTS
		.iter()
		.map(|(alias, group, name, signature)| {
			let (namespace, name) = match prefixed {
				true => ("env".to_string(), format!("{group}_{name}")),
				false => (group.to_string(), name.to_string()),
			};
			format!(r#"(import "{namespace}" "{name}" (func {alias} {signature}))"#)
		})
		.collect()
}

/// [`IMPORTS`] under Scout's prefixed names, as most EEs import them.
fn prefixed() -> String {
	imports(true)
}

/// Adds the block's 32 bytes to the root (a counter EE): pre-root at 0, data at 32, the sum
/// saved from 64.
const ADD_BLOCK_TO_ROOT: &str = r#"
	(call $load (i32.const 0))
	(call $copy (i32.const 32) (i32.const 0) (call $size))
	(call $print (i32.const 32) (i32.const 32))
	(call $add (i32.const 0) (i32.const 32) (i32.const 64))
	(call $save (i32.const 64))"#;

fn number(value: u128) -> Word {
	let mut word = [0u8; 32];
	word[16..].copy_from_slice(&value.to_be_bytes());
	word
}

fn run(imports: &str, body: &str, pre_root: Word, data: &[u8]) -> Result<BlockOutcome, EeError> {
	execute(&ee(imports, body), pre_root, data, GAS)
}

#[test]
fn a_block_leaves_the_root_the_ee_saves_under_either_name() {
	for imports in [imports(true), imports(false)] {
		let outcome = run(&imports, ADD_BLOCK_TO_ROOT, number(40), &number(2)).expect("runs");
		assert_eq!(outcome.post_root, number(42));
		assert!(outcome.deposits.is_empty());
		assert!(outcome.gas_used > 0 && outcome.gas_used < GAS);
	}
	// The last root saved counts.
	let body = "(call $save (i32.const 0)) (i32.store8 (i32.const 31) (i32.const 7)) (call $save (i32.const 0))";
	assert_eq!(run(&prefixed(), body, number(0), &[]).expect("runs").post_root, number(7));
}

#[test]
fn a_block_that_saves_no_root_traps_or_runs_out_of_gas_fails() {
	assert_eq!(run(&prefixed(), "", number(1), &[]), Err(EeError::NoPostRoot));
	let trap = "(call $save (i32.const 0)) unreachable";
	assert_eq!(run(&prefixed(), trap, number(1), &[]), Err(EeError::Trapped));
	let forever = "(call $save (i32.const 0)) (loop $again (br $again))";
	assert_eq!(run(&prefixed(), forever, number(1), &[]), Err(EeError::OutOfGas));
}

#[test]
fn every_host_function_traps_out_of_bounds() {
	let trapped = |body: &str, data: &[u8]| {
		assert_eq!(run(&prefixed(), body, number(1), data), Err(EeError::Trapped), "{body}");
	};
	trapped("(call $load (i32.const 65505))", &[]);
	trapped("(call $save (i32.const 65505))", &[]);
	trapped("(call $print (i32.const 65535) (i32.const 2))", &[]);
	trapped("(call $add (i32.const 65505) (i32.const 0) (i32.const 0))", &[]);
	trapped("(call $sub (i32.const 0) (i32.const 0) (i32.const 65505))", &[]);
	trapped("(call $mul (i32.const 0) (i32.const 65505) (i32.const 0))", &[]);
	trapped("(call $mulmod (i32.const 0) (i32.const 0) (i32.const 65505) (i32.const 0))", &[]);
	trapped("(call $caller (i32.const 65520))", &[]);
	trapped("(call $value (i32.const 65530))", &[]);
	trapped("(call $balance (i32.const 65530))", &[]);
	trapped("(drop (call $transfer (i32.const 65520) (i32.const 0)))", &[]);
	trapped("(drop (call $transfer (i32.const 0) (i32.const 65530)))", &[]);
	trapped("(call $deposit (i32.const 65500) (i32.const 184))", &[]);
	trapped("(call $address (i32.const 65520))", &[]);
	trapped("(call $chain (i32.const 65510))", &[]);
	trapped(
		"(drop (call $callee (i32.const 0) (i32.const 65535) (i32.const 2) (i32.const 0)))",
		&[],
	);
	trapped(
		"(drop (call $callee (i32.const 0) (i32.const 0) (i32.const 2) (i32.const 65530)))",
		&[],
	);
	for hash in ["$keccak", "$sha256", "$blake2"] {
		trapped(&format!("(call {hash} (i32.const 65535) (i32.const 2) (i32.const 0))"), &[]);
		trapped(&format!("(call {hash} (i32.const 0) (i32.const 2) (i32.const 65520))"), &[]);
	}
	for (hash, signature, out) in [(65520, 0, 0), (0, 65500, 0), (0, 0, 65530)] {
		let body = format!(
			"(drop (call $ecrecover (i32.const {hash}) (i32.const {signature}) (i32.const {out})))"
		);
		trapped(&body, &[]);
	}
	// The data's range: past its end, wrapping, and a memory range past the end.
	trapped("(call $copy (i32.const 0) (i32.const 1) (i32.const 4))", &[1, 2, 3, 4]);
	trapped("(call $copy (i32.const 0) (i32.const -1) (i32.const 2))", &[1, 2, 3, 4]);
	trapped("(call $copy (i32.const 65535) (i32.const 0) (i32.const 2))", &[1, 2]);
}

#[test]
fn block_data_copies_the_range_asked_and_pays_a_copy_by_its_length() {
	// Scout copied `data[offset..length]`; the range is `offset..offset + length`.
	let body = "(call $copy (i32.const 0) (i32.const 2) (i32.const 3)) (call $save (i32.const 0))";
	let outcome = run(&prefixed(), body, number(0), &[1, 2, 3, 4, 5]).expect("runs");
	assert_eq!(outcome.post_root[..4], [3, 4, 5, 0]);
	let copy = |length: usize| {
		let body = format!(
			"(call $copy (i32.const 0) (i32.const 0) (i32.const {length})) (call $save (i32.const 0))"
		);
		run(&prefixed(), &body, number(0), &vec![9; length]).expect("runs").gas_used
	};
	// A contract's copy of as many bytes.
	let costs = chain_schedule().host;
	assert_eq!(copy(32 * 1000) - copy(0), costs.copy(32 * 1000) - costs.copy(0));
	// Gas too short for the copy: out of gas, nothing copied, all of it used.
	let body =
		"(call $copy (i32.const 0) (i32.const 0) (i32.const 40000)) (call $save (i32.const 0))";
	let short = execute(&ee(&prefixed(), body), number(0), &[0; 40000], costs.copy(40000));
	assert_eq!(short, Err(EeError::OutOfGas));
}

#[test]
fn every_host_function_charges_a_contracts_price_for_the_same_work() {
	// With instructions free, a block uses its memory's and its host calls' prices exactly.
	let host = chain_schedule().host;
	let free = Schedule { host, instructions: InstructionMetering::Free { step_limit: GAS } };
	let used = |call: &str| {
		let code = ee(&prefixed(), &format!("{call} (call $save (i32.const 0))"));
		let no_value = ledger::NoValue::boxed();
		let used =
			execute_block(&code, number(1), &[5; 100], GAS, &free, no_value, &block_budget());
		let used = used.expect("runs").gas_used;
		// Less the page of memory and the root saved.
		used - host.memory_page - host.copy(32)
	};
	let three = "(i32.const 0) (i32.const 32) (i32.const 64)";
	assert_eq!(used(""), 0);
	assert_eq!(used("(call $load (i32.const 0))"), host.copy(32));
	assert_eq!(used("(drop (call $size))"), host.base);
	assert_eq!(used("(call $copy (i32.const 0) (i32.const 10) (i32.const 90))"), host.copy(90));
	assert_eq!(used(&format!("(call $add {three})")), host.bignum);
	assert_eq!(used(&format!("(call $sub {three})")), host.bignum);
	assert_eq!(used(&format!("(call $mul {three})")), host.bignum);
	let mulmod = "(i32.store8 (i32.const 95) (i32.const 7)) (call $mulmod (i32.const 0) (i32.const 32) (i32.const 64) (i32.const 96))";
	assert_eq!(used(mulmod), host.bignum_mulmod);
	assert_eq!(used("(call $deposit (i32.const 0) (i32.const 184))"), host.log(0, 184));
	assert_eq!(used("(call $print (i32.const 0) (i32.const 70))"), host.copy(70));
	assert_eq!(used("(call $caller (i32.const 0))"), host.base);
	assert_eq!(used("(call $value (i32.const 0))"), host.base);
	assert_eq!(used("(call $balance (i32.const 0))"), host.external_balance);
	let transfer = "(drop (call $transfer (i32.const 0) (i32.const 32)))";
	assert_eq!(used(transfer), host.external_balance + host.new_account);
	assert_eq!(used("(call $address (i32.const 0))"), host.base);
	assert_eq!(used("(call $chain (i32.const 0))"), host.base);
	// Off chain no EE answers: the call and its input's copy, nothing forwarded is used.
	let call = "(drop (call $callee (i32.const 3) (i32.const 0) (i32.const 70) (i32.const 100)))";
	assert_eq!(used(call), host.call + host.nested_input(70));
	let hash = |name: &str| format!("(call {name} (i32.const 0) (i32.const 70) (i32.const 0))");
	assert_eq!(used(&hash("$keccak")), host.keccak256.of(70));
	assert_eq!(used(&hash("$sha256")), host.sha256.of(70));
	assert_eq!(used(&hash("$blake2")), host.blake2b256.of(70));
	let recover = "(drop (call $ecrecover (i32.const 0) (i32.const 32) (i32.const 0)))";
	assert_eq!(used(recover), host.ecrecover);
}

#[test]
fn hashes_and_signature_recovery_are_the_contracts() {
	use crate::signature::known;
	use polkadot_sdk::sp_io::hashing::{blake2_256, keccak_256, sha2_256};
	// The root: the hash of the block's data.
	for (name, hash) in [
		("$keccak", keccak_256 as fn(&[u8]) -> [u8; 32]),
		("$sha256", sha2_256),
		("$blake2", blake2_256),
	] {
		let body = format!("(call $copy (i32.const 100) (i32.const 0) (call $size)) (call {name} (i32.const 100) (call $size) (i32.const 0)) (call $save (i32.const 0))");
		let data = b"the value-holding EE";
		assert_eq!(
			run(&prefixed(), &body, number(0), data).expect("runs").post_root,
			hash(data),
			"{name}"
		);
	}
	// The block: the hash, then the signature; the root: the result, then the signer.
	let body = "(call $copy (i32.const 100) (i32.const 0) (call $size)) (i32.store8 (i32.const 0) (call $ecrecover (i32.const 100) (i32.const 132) (i32.const 1))) (call $save (i32.const 0))";
	let data = [&known::HASH[..], &known::SIGNATURE[..]].concat();
	let root = run(&prefixed(), body, number(0), &data).expect("runs").post_root;
	assert_eq!(root[0], 0);
	assert_eq!(root[1..21], known::SIGNER);
	let mut bad = data.clone();
	bad[32 + 64] = 5;
	let root = run(&prefixed(), body, number(0), &bad).expect("runs").post_root;
	assert_eq!((root[0], root[1..21] == [0; 20]), (1, true), "nothing written");
}

#[test]
fn off_chain_a_block_has_no_value_and_moves_only_zero() {
	let body = "(call $caller (i32.const 0)) (call $value (i32.const 20)) (call $balance (i32.const 36)) (i32.store8 (i32.const 52) (call $transfer (i32.const 64) (i32.const 96))) (i32.store8 (i32.const 96) (i32.const 1)) (i32.store8 (i32.const 53) (call $transfer (i32.const 64) (i32.const 96))) (call $save (i32.const 30))";
	let root = run(&prefixed(), body, [7; 32], &[]).expect("runs").post_root;
	// Zero value and balance from byte 30 on; a zero transfer moved (0), one unit did not (1).
	assert_eq!(root[..22], [0; 22]);
	assert_eq!(root[22..24], [0, 1]);
}

#[test]
fn initial_memory_and_locals_are_paid_as_a_contracts() {
	let schedule = chain_schedule();
	let imports = prefixed();
	let pages = |count: u32| {
		wasm(&format!(
			r#"(module {imports} (memory (export "memory") {count})
				(func (export "main") (call $save (i32.const 0))))"#
		))
	};
	let used = |code: &[u8]| execute(code, number(0), &[], GAS).expect("runs").gas_used;
	assert_eq!(used(&pages(3)) - used(&pages(1)), 2 * schedule.host.memory_page);
	// A limit that cannot pay the pages: out of gas before the EE starts.
	let short = schedule.host.memory_page * 3 - 1;
	assert_eq!(execute(&pages(3), number(0), &[], short), Err(EeError::OutOfGas));
	// More locals make each unit of fuel dearer.
	let with_locals = |locals: u32| {
		wasm(&format!(
			r#"(module {imports} (memory (export "memory") 1)
				(func $many (local {}))
				(func (export "main") (call $save (i32.const 0))))"#,
			"i64 ".repeat(locals as usize),
		))
	};
	assert!(used(&with_locals(4_000)) > used(&with_locals(0)));
}

#[test]
fn deposits_are_184_bytes_and_at_most_sixteen_a_block() {
	let deposits = |count: u32, length: u32| {
		let body = format!(
			r#"(i32.store8 (i32.const 87) (i32.const 32))
			(block $done (loop $next
				(br_if $done (i32.eqz (local.get 0)))
				(call $deposit (i32.const 0) (i32.const {length}))
				(local.set 0 (i32.sub (local.get 0) (i32.const 1)))
				(br $next)))
			(call $save (i32.const 0))"#
		);
		let imports = prefixed();
		let code = wasm(&format!(
			r#"(module {imports} (memory (export "memory") 1)
				(func (export "main") (local i32) (local.set 0 (i32.const {count})) {body}))"#
		));
		execute(&code, number(0), &[], GAS)
	};
	let outcome = deposits(2, 184).expect("runs");
	assert_eq!(outcome.deposits.len(), 2);
	assert_eq!(outcome.deposits[0].amount(), 32, "u64 big-endian at bytes 80..88");
	assert_eq!(outcome.deposits[0].pubkey(), &[0u8; 48][..]);
	assert_eq!(deposits(16, 184).expect("runs").deposits.len(), MAX_DEPOSITS_PER_BLOCK);
	assert_eq!(deposits(17, 184), Err(EeError::Trapped));
	assert_eq!(deposits(1, 183), Err(EeError::Trapped));
	assert_eq!(deposits(1, 185), Err(EeError::Trapped));
}

#[test]
fn bignum_traps_on_overflow_and_underflow() {
	let add_max = "(call $load (i32.const 0)) (i32.store8 (i32.const 63) (i32.const 1)) (call $add (i32.const 0) (i32.const 32) (i32.const 64)) (call $save (i32.const 64))";
	assert_eq!(run(&prefixed(), add_max, [0xff; 32], &[]), Err(EeError::Trapped));
	assert_eq!(run(&prefixed(), add_max, number(1), &[]).expect("runs").post_root, number(2));
	let sub_one = "(call $load (i32.const 0)) (i32.store8 (i32.const 63) (i32.const 1)) (call $sub (i32.const 0) (i32.const 32) (i32.const 64)) (call $save (i32.const 64))";
	assert_eq!(run(&prefixed(), sub_one, number(0), &[]), Err(EeError::Trapped));
	assert_eq!(
		run(&prefixed(), sub_one, number(1 << 64), &[]).expect("runs").post_root,
		bignum::sub256(&number(1 << 64), &number(1)).expect("no underflow")
	);
}

#[test]
fn validation_keeps_contract_imports_and_entry_points_out() {
	let invalid = |code: Vec<u8>| match execute(&code, number(0), &[], GAS) {
		Err(EeError::Invalid(error)) => error,
		other => panic!("not refused: {other:?}"),
	};
	let finish = r#"(import "ethereum" "finish" (func (param i32 i32)))"#;
	assert_eq!(invalid(ee(finish, "")), PrepareError::ImportNotAllowed);
	let wrong_signature = r#"(import "env" "eth2_blockDataSize" (func (result i64)))"#;
	assert_eq!(invalid(ee(wrong_signature, "")), PrepareError::ImportNotAllowed);
	let unprefixed_under_env = r#"(import "env" "blockDataSize" (func (result i32)))"#;
	assert_eq!(invalid(ee(unprefixed_under_env, "")), PrepareError::ImportNotAllowed);
	let receive = wasm(
		r#"(module (memory (export "memory") 1) (func (export "main")) (func (export "receiveMessage")))"#,
	);
	assert_eq!(invalid(receive), PrepareError::ExportsInvalid);
	assert_eq!(invalid(wasm(r#"(module (func (export "main")))"#)), PrepareError::ExportsInvalid);
	assert_eq!(invalid(vec![0; 8]), PrepareError::Invalid);
	// An EE's functions may declare more locals than a contract's, up to their own limit.
	let imports = prefixed();
	let with_locals = |locals: u32| {
		wasm(&format!(
			r#"(module {imports} (memory (export "memory") 1)
				(func $many (local {}) (local {}))
				(func (export "main") (call $many) (call $save (i32.const 0))))"#,
			"i32 ".repeat((locals / 2) as usize),
			"i64 ".repeat((locals - locals / 2) as usize),
		))
	};
	let past_contracts = crate::limits::MAX_FUNCTION_LOCALS + 1;
	assert!(execute(&with_locals(past_contracts), number(0), &[], GAS).is_ok());
	let most = crate::limits::MAX_EE_FUNCTION_LOCALS;
	assert!(execute(&with_locals(most), number(0), &[], GAS).is_ok());
	assert_eq!(invalid(with_locals(most + 1)), PrepareError::Invalid);
	// All its functions together may declare `MAX_EE_MODULE_LOCALS`.
	let spread = |functions: usize| {
		let function = format!("(func (local {}))", "i64 ".repeat(16_000));
		wasm(&format!(
			r#"(module {imports} (memory (export "memory") 1) {}
				(func (export "main") (call $save (i32.const 0))))"#,
			function.repeat(functions)
		))
	};
	assert_eq!(crate::limits::MAX_EE_MODULE_LOCALS, 65_536);
	assert!(execute(&spread(4), number(0), &[], GAS).is_ok(), "64 000 locals");
	assert_eq!(invalid(spread(5)), PrepareError::Invalid, "80 000 locals");
}

#[test]
fn no_pointer_or_length_makes_a_host_function_panic() {
	let edges = [0i32, 1, 31, 32, 184, 65_504, 65_535, 65_536, i32::MAX, i32::MIN, -1, -32];
	let calls = [
		"(call $load (local.get 0))",
		"(call $save (local.get 0))",
		"(call $copy (local.get 0) (local.get 1) (local.get 2))",
		"(call $deposit (local.get 0) (local.get 1))",
		"(call $add (local.get 0) (local.get 1) (local.get 2))",
		"(call $sub (local.get 2) (local.get 1) (local.get 0))",
		"(call $mul (local.get 1) (local.get 0) (local.get 2))",
		"(call $mulmod (local.get 0) (local.get 1) (local.get 2) (local.get 0))",
		"(call $print (local.get 0) (local.get 1))",
		"(call $caller (local.get 0))",
		"(call $balance (local.get 1))",
		"(drop (call $transfer (local.get 0) (local.get 1)))",
	];
	let imports = prefixed();
	for call in calls {
		let code = wasm(&format!(
			r#"(module {imports} (memory (export "memory") 1)
				(func (export "main") (local i32 i32 i32)
					(call $load (i32.const 0))
					(local.set 0 (i32.load (i32.const 0)))
					(local.set 1 (i32.load (i32.const 4)))
					(local.set 2 (i32.load (i32.const 8)))
					{call}
					(call $save (i32.const 1024))))"#
		));
		for a in edges {
			for b in edges {
				for c in [0i32, 32, -1] {
					let mut root = [0u8; 32];
					root[..4].copy_from_slice(&a.to_le_bytes());
					root[4..8].copy_from_slice(&b.to_le_bytes());
					root[8..12].copy_from_slice(&c.to_le_bytes());
					match execute(&code, root, &[7; 64], GAS) {
						Ok(_) | Err(EeError::Trapped | EeError::OutOfGas) => {}
						other => panic!("{call} with {a}, {b}, {c}: {other:?}"),
					}
				}
			}
		}
	}
}
