//! What contracts see of the block, the transaction and the chain; genesis contracts; the
//! debug namespace.

use super::*;
use crate::{GenesisConfig, GenesisContract};
use polkadot_sdk::sp_core::H160;

#[test]
fn contracts_see_the_block_the_transaction_and_their_code() {
	new_test_ext().execute_with(|| {
		let code = fixture("environment");
		let contract = deploy(&code, 0);
		let out = call_for_output(contract, 3_000, GAS, vec![]).result.expect("finishes");
		assert_eq!(out.len(), 184);
		let u64_at = |at: usize| u64::from_le_bytes(out[at..at + 8].try_into().unwrap());
		let u32_at = |at: usize| u32::from_le_bytes(out[at..at + 4].try_into().unwrap());
		assert_eq!(u64_at(0), 1, "block number");
		assert_eq!(u64_at(8), TIMESTAMP);
		assert_eq!(u64_at(16), BLOCK_GAS_LIMIT);
		assert_eq!(&out[24..44], COINBASE.as_bytes());
		assert_eq!(out[44], 0x42, "difficulty, little-endian");
		assert_eq!(u128::from_le_bytes(out[76..92].try_into().unwrap()), GAS_PRICE);
		assert_eq!(&out[92..112], AccountId32Mapper::to_address(&BOB).as_bytes(), "origin");
		assert_eq!(u32_at(112), 0, "the previous block's hash is known");
		assert_eq!(&out[116..148], System::block_hash(0).as_ref());
		assert_eq!(u32_at(148), 1, "the current block's hash is not");
		assert_eq!(u32_at(152) as usize, code.len());
		assert_eq!(u128::from_le_bytes(out[156..172].try_into().unwrap()), 3_000);
		assert_eq!(u32_at(172) as usize, code.len(), "external code size of itself");
		assert_eq!(&out[176..184], b"\0asm\x01\0\0\0");
	});
}

#[test]
fn genesis_installs_contracts_with_their_storage_and_nonce() {
	let address = Address([5; 20]);
	let genesis = GenesisConfig::<Test> {
		contracts: vec![GenesisContract {
			address: H160(address.0),
			code: fixture("store"),
			storage: vec![(H256([1; 32]), H256([2; 32])), (H256([3; 32]), H256::zero())],
			nonce: 3,
		}],
		..Default::default()
	};
	new_test_ext_with(genesis).execute_with(|| {
		let info = ContractInfoOf::<Test>::get(address).expect("installed");
		assert_eq!((info.storage_items, info.storage_bytes, info.nonce), (1, 64, 3));
		assert_eq!(ContractStorage::<Test>::get(address, [1; 32]), Some([2; 32]));
		assert_ok!(Ewasm::call(RuntimeOrigin::signed(BOB), address, 0, GAS, key_value_input(9, 9)));
		assert_eq!(ContractStorage::<Test>::get(address, [9; 32]), Some([9; 32]));
	});
}

#[test]
fn the_debug_namespace_is_only_for_chains_that_enable_it() {
	let code = wasm(
		r#"(module
			(import "debug" "print32" (func $print32 (param i32)))
			(import "debug" "printMemHex" (func $printMemHex (param i32 i32)))
			(import "debug" "printStorage" (func $printStorage (param i32)))
			(memory (export "memory") 1)
			(func (export "main")
				(call $print32 (i32.const 42))
				(call $printMemHex (i32.const 0) (i32.const 8))
				(call $printStorage (i32.const 0))))"#,
	);
	let init = init_code_for(&code);
	new_test_ext().execute_with(|| {
		assert_eq!(
			error_of(Ewasm::deploy(
				RuntimeOrigin::signed(ALICE),
				0,
				GAS,
				init.clone(),
				vec![],
				[0; 32]
			)),
			Error::<Test>::CodeImportNotAllowed.into()
		);
	});
	let genesis = GenesisConfig::<Test> { debug_enabled: true, ..Default::default() };
	new_test_ext_with(genesis).execute_with(|| {
		let contract = deploy(&code, 0);
		assert_ok!(Ewasm::call(RuntimeOrigin::signed(BOB), contract, 0, GAS, vec![]));
	});
}
