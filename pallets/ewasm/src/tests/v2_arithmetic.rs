//! `v2`'s bignum helpers and `ecrecover` in contracts: they compute what [`crate::bignum`] and
//! [`crate::signature`] do, write where the contract says (an operand's place included), trap
//! where the result does not fit, on a zero modulus and out of bounds (taking all the gas),
//! and each costs its schedule entry exactly, charged before it reads anything.

use super::*;
use crate::{bignum, signature::known};

/// The helper a call data's first byte names, by its import index.
const HELPERS: [&str; 5] =
	["bignum_add256", "bignum_sub256", "bignum_mul256", "bignum_umulmod256", "ecrecover"];

/// The imports of the helpers, in [`HELPERS`]' order.
const HELPER_IMPORTS: &str = r#"
	(import "ethereum_v2" "bignum_add256" (func $add (param i32 i32 i32)))
	(import "ethereum_v2" "bignum_sub256" (func $sub (param i32 i32 i32)))
	(import "ethereum_v2" "bignum_mul256" (func $mul (param i32 i32 i32)))
	(import "ethereum_v2" "bignum_umulmod256" (func $mulmod (param i32 i32 i32 i32)))
	(import "ethereum_v2" "ecrecover" (func $ecrecover (param i32 i32 i32) (result i32)))"#;

/// A `v2` contract that copies its call data to 256 and calls the helper its first byte names
/// ([`HELPERS`]) on the operands after it: `a` at 257, `b` at 289 (and the modulus at 321), the
/// result written at 0; `ecrecover` of the hash at 257 and the signature at 289. It returns the
/// 32 bytes at 0 (0xee where nothing was written), after `ecrecover`'s return code as 4 bytes
/// little-endian.
fn arithmetic() -> Vec<u8> {
	wasm(&format!(
		r#"(module {HELPER_IMPORTS}
			(import "ethereum_v2" "getCallDataSize" (func $size (result i32)))
			(import "ethereum_v2" "callDataCopy" (func $copy (param i32 i32 i32)))
			(import "ethereum_v2" "finish" (func $finish (param i32 i32)))
			(memory (export "memory") 1)
			(data (i32.const 0) "\ee\ee\ee\ee\ee\ee\ee\ee\ee\ee\ee\ee\ee\ee\ee\ee\ee\ee\ee\ee\ee\ee\ee\ee\ee\ee\ee\ee\ee\ee\ee\ee")
			(func (export "main")
				(local $helper i32)
				(call $copy (i32.const 256) (i32.const 0) (call $size))
				(local.set $helper (i32.load8_u (i32.const 256)))
				(if (i32.eq (local.get $helper) (i32.const 0))
					(then (call $add (i32.const 257) (i32.const 289) (i32.const 0))))
				(if (i32.eq (local.get $helper) (i32.const 1))
					(then (call $sub (i32.const 257) (i32.const 289) (i32.const 0))))
				(if (i32.eq (local.get $helper) (i32.const 2))
					(then (call $mul (i32.const 257) (i32.const 289) (i32.const 0))))
				(if (i32.eq (local.get $helper) (i32.const 3))
					(then (call $mulmod (i32.const 257) (i32.const 289) (i32.const 321) (i32.const 0))))
				(if (i32.eq (local.get $helper) (i32.const 4))
					(then (i32.store (i32.const 32)
						(call $ecrecover (i32.const 257) (i32.const 289) (i32.const 0)))))
				(call $finish (i32.const 0) (i32.const 36))))"#
	))
}

/// The call data asking [`arithmetic`] for `helper` of `operands`.
fn input(helper: usize, operands: &[&[u8]]) -> Vec<u8> {
	[&[helper as u8][..], &operands.concat()].concat()
}

fn number(value: u128) -> [u8; 32] {
	let mut word = [0u8; 32];
	word[16..].copy_from_slice(&value.to_be_bytes());
	word
}

#[test]
fn bignum_helpers_compute_as_the_bignum_module_does() {
	new_test_ext().execute_with(|| {
		let contract = deploy(&arithmetic(), 0);
		let result = |helper: usize, operands: &[&[u8]]| {
			let output = call_for_output(contract, 0, GAS, input(helper, operands)).result;
			output.map(|output| <[u8; 32]>::try_from(&output[..32]).expect("32 bytes"))
		};
		let (a, b, m) = (number(u128::MAX), number(u128::MAX - 5), number(1_000_000_007));
		assert_eq!(result(0, &[&a, &b]), Ok(bignum::add256(&a, &b).expect("fits")));
		assert_eq!(result(1, &[&a, &b]), Ok(number(5)));
		assert_eq!(result(2, &[&a, &b]), Ok(bignum::mul256(&a, &b).expect("fits")));
		assert_eq!(result(3, &[&a, &b, &m]), Ok(bignum::mulmod256(&a, &b, &m).expect("m > 0")));
		let max = [0xff; 32];
		// 2^3 is 1 mod 7, so 2^256 is 2 and 2^256 - 1 is 1: its square too.
		assert_eq!(result(3, &[&max, &max, &number(7)]), Ok(number(1)), "(2^256 - 1)^2 mod 7");
	});
}

#[test]
fn bignum_helpers_write_over_an_operand() {
	new_test_ext().execute_with(|| {
		let contract = deploy(
			&wasm(
				r#"(module
					(import "ethereum_v2" "bignum_mul256" (func $mul (param i32 i32 i32)))
					(import "ethereum_v2" "finish" (func $finish (param i32 i32)))
					(memory (export "memory") 1)
					(data (i32.const 31) "\03")
					(data (i32.const 63) "\05")
					(func (export "main")
						(call $mul (i32.const 0) (i32.const 32) (i32.const 0))
						(call $mul (i32.const 0) (i32.const 0) (i32.const 0))
						(call $finish (i32.const 0) (i32.const 32))))"#,
			),
			0,
		);
		assert_eq!(call_for_output(contract, 0, GAS, vec![]).result, Ok(number(225).to_vec()));
	});
}

#[test]
fn bignum_helpers_trap_where_no_result_fits_and_take_all_the_gas() {
	new_test_ext().execute_with(|| {
		let contract = deploy(&arithmetic(), 0);
		let max = [0xff; 32];
		let mut two_to_the_128 = [0u8; 32];
		two_to_the_128[15] = 1;
		for (helper, operands) in [
			(0, [&max[..], &number(1)]),
			(1, [&number(1)[..], &number(2)]),
			(2, [&two_to_the_128[..], &two_to_the_128]),
			(2, [&max[..], &number(2)]),
		] {
			let outcome = call_for_output(contract, 0, GAS, input(helper, &operands));
			let trapped = Err(Error::<Test>::ContractTrapped.into());
			assert_eq!((outcome.result, outcome.gas_used), (trapped, GAS), "{}", HELPERS[helper]);
		}
		let outcome = call_for_output(contract, 0, GAS, input(3, &[&max, &max, &[0; 32]]));
		let trapped = Err(Error::<Test>::ContractTrapped.into());
		assert_eq!((outcome.result, outcome.gas_used), (trapped, GAS), "zero modulus");
	});
}

/// A `v2` contract of one page whose `main` is `call` of a helper (the number 1 at 0).
fn helper_contract(call: &str) -> Vec<u8> {
	wasm(&format!(
		r#"(module {HELPER_IMPORTS}
			(memory (export "memory") 1)
			(data (i32.const 31) "\01")
			(func (export "main") {call}))"#
	))
}

#[test]
fn v2_helpers_trap_out_of_bounds() {
	// Each helper with one of its ranges at the last bytes of memory (one page) and past them.
	let calls = [
		"(call $add (i32.const 65504) (i32.const 0) (i32.const 65505))",
		"(call $sub (i32.const 65505) (i32.const 0) (i32.const 0))",
		"(call $mul (i32.const 0) (i32.const 65505) (i32.const 0))",
		"(call $mulmod (i32.const 0) (i32.const 0) (i32.const 65505) (i32.const 0))",
		"(drop (call $ecrecover (i32.const 0) (i32.const 65472) (i32.const 0)))",
		"(drop (call $ecrecover (i32.const 65505) (i32.const 0) (i32.const 0)))",
		// The result's range is checked even where no key recovers (all zeros here).
		"(drop (call $ecrecover (i32.const 0) (i32.const 0) (i32.const 65517)))",
	];
	new_test_ext().execute_with(|| {
		for (salt, call) in calls.iter().enumerate() {
			let contract = deploy(&helper_contract(call), salt as u8);
			let outcome = call_for_output(contract, 0, GAS, vec![]);
			let trapped = Err(Error::<Test>::ContractTrapped.into());
			assert_eq!((outcome.result, outcome.gas_used), (trapped, GAS), "{call}");
		}
	});
}

#[test]
fn ecrecover_writes_the_signer_or_returns_1_and_writes_nothing() {
	new_test_ext().execute_with(|| {
		let contract = deploy(&arithmetic(), 0);
		let recover = |signature: &[u8]| {
			let output = call_for_output(contract, 0, GAS, input(4, &[&known::HASH, signature]))
				.result
				.expect("finishes");
			assert_eq!(output[20..32], [0xee; 12], "it writes 20 bytes at most");
			(output[..20].to_vec(), u32::from_le_bytes(output[32..].try_into().expect("4 bytes")))
		};
		assert_eq!(recover(&known::SIGNATURE), (known::SIGNER.to_vec(), 0));
		let mut v_as_1 = known::SIGNATURE;
		v_as_1[64] = 1;
		assert_eq!(recover(&v_as_1), (known::SIGNER.to_vec(), 0), "v as 0 or 1");
		let mut bad_v = known::SIGNATURE;
		bad_v[64] = 29;
		assert_eq!(recover(&bad_v), (vec![0xee; 20], 1));
		let mut zero_s = known::SIGNATURE;
		zero_s[32..64].fill(0);
		assert_eq!(recover(&zero_s), (vec![0xee; 20], 1));
	});
}

#[test]
fn v2_helpers_cost_their_schedule_entries() {
	new_test_ext().execute_with(|| {
		let before = deploy(&arithmetic(), 0);
		let (a, m) = (number(3), number(5));
		let inputs = [
			input(0, &[&a, &a]),
			input(1, &[&a, &a]),
			input(2, &[&a, &a]),
			input(3, &[&a, &a, &m]),
			input(4, &[&known::HASH, &known::SIGNATURE]),
			// A signature no key recovers from costs the same.
			input(4, &[&known::HASH, &[0; 65]]),
		];
		let gas_of = |contract| {
			inputs
				.iter()
				.map(|input| {
					let outcome = call_for_output(contract, 0, GAS, input.clone());
					assert!(outcome.result.is_ok());
					outcome.gas_used
				})
				.collect::<Vec<_>>()
		};
		let gas_before = gas_of(before);
		// A version whose three prices are dearer, each by its own amount.
		let (arithmetic_more, mulmod_more, ecrecover_more) = (1, 10, 100);
		let mut dearer = chain_schedule();
		dearer.host.bignum += arithmetic_more;
		dearer.host.bignum_mulmod += mulmod_more;
		dearer.host.ecrecover += ecrecover_more;
		crate::mock::LaterSchedules::set(&vec![dearer]);
		let after = deploy(&arithmetic(), 1);
		let more: Vec<u64> =
			gas_of(after).iter().zip(&gas_before).map(|(after, before)| after - before).collect();
		let arithmetic = arithmetic_more;
		assert_eq!(
			more,
			[arithmetic, arithmetic, arithmetic, mulmod_more, ecrecover_more, ecrecover_more]
		);
		assert_eq!(gas_before[4], gas_before[5], "a failed recovery pays the full price");
		let host = chain_schedule().host;
		assert!(host.bignum > 0 && host.bignum_mulmod > 0 && host.ecrecover > 0);
	});
}

#[test]
fn v2_helpers_run_out_of_gas_before_reading_anything() {
	new_test_ext().execute_with(|| {
		// A version on which no call can pay a helper: each call below, whose operands are out
		// of bounds, runs out of gas (reading first would trap instead).
		let mut unaffordable = chain_schedule();
		unaffordable.host.bignum = GAS;
		unaffordable.host.bignum_mulmod = GAS;
		unaffordable.host.ecrecover = GAS;
		crate::mock::LaterSchedules::set(&vec![unaffordable]);
		for (salt, call) in [
			"(call $mul (i32.const -1) (i32.const -1) (i32.const -1))",
			"(call $mulmod (i32.const -1) (i32.const -1) (i32.const -1) (i32.const -1))",
			"(drop (call $ecrecover (i32.const -1) (i32.const -1) (i32.const -1)))",
		]
		.iter()
		.enumerate()
		{
			let contract = deploy(&helper_contract(call), salt as u8);
			let outcome = call_for_output(contract, 0, GAS, vec![]);
			let out_of_gas = Err(Error::<Test>::OutOfGas.into());
			assert_eq!((outcome.result, outcome.gas_used), (out_of_gas, GAS), "{call}");
		}
	});
}
