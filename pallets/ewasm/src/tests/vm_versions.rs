//! VM versions: code chooses its interface by the namespace it imports from (`v1`:
//! `ethereum`, `v2`: `ethereum_v2`), a module cannot mix them, `v2`'s hash functions hash
//! memory as the host does and are paid by the word before anything is read, `v2`'s getters
//! read the chain's id, the frame's balance and code hashes at the prices of the `v1`
//! functions doing the same work, and calls of
//! every kind cross versions with each frame under its own version and the invariants intact
//! (only a contract edits its own storage; the callee sees the true caller and value).
//!
//! A deployment records the newest version of its code's interface, which the contract keeps
//! through upgrades (its gas and results byte for byte the same), eviction and wake; each frame
//! pays by its own contract's version; the migration records the version every contract,
//! eviction and tombstone ran on; a frozen schedule below the benchmarks is found by name and
//! raised to them entry by entry; a version whose instructions run free fails the integrity
//! test.

use super::*;
use crate::vm::env::hex;
use crate::{versions::VmVersion, Evicting, Tombstones};
use ewasm_primitives::Interface::{self, V1, V2};
use polkadot_sdk::sp_io::hashing::{blake2_256, keccak_256, sha2_256};

/// A `v2` contract that hashes its call data with `keccak256`, `sha256` and `blake2b256`
/// (copied to offset 1024) and returns the three hashes, in that order.
fn hasher() -> Vec<u8> {
	wasm(
		r#"(module
			(import "ethereum_v2" "getCallDataSize" (func $size (result i32)))
			(import "ethereum_v2" "callDataCopy" (func $copy (param i32 i32 i32)))
			(import "ethereum_v2" "keccak256" (func $keccak256 (param i32 i32 i32)))
			(import "ethereum_v2" "sha256" (func $sha256 (param i32 i32 i32)))
			(import "ethereum_v2" "blake2b256" (func $blake2b256 (param i32 i32 i32)))
			(import "ethereum_v2" "finish" (func $finish (param i32 i32)))
			(memory (export "memory") 1)
			(func (export "main")
				(local $length i32)
				(local.set $length (call $size))
				(call $copy (i32.const 1024) (i32.const 0) (local.get $length))
				(call $keccak256 (i32.const 1024) (local.get $length) (i32.const 0))
				(call $sha256 (i32.const 1024) (local.get $length) (i32.const 32))
				(call $blake2b256 (i32.const 1024) (local.get $length) (i32.const 64))
				(call $finish (i32.const 0) (i32.const 96))))"#,
	)
}

/// A `v2` contract whose `main` is `body`, importing `keccak256`.
fn keccak_contract(body: &str) -> Vec<u8> {
	wasm(&format!(
		r#"(module
			(import "ethereum_v2" "keccak256" (func $keccak256 (param i32 i32 i32)))
			(memory (export "memory") 1)
			(func (export "main") {body}))"#
	))
}

fn version_of(module: &str) -> Result<Interface, PrepareError> {
	prepare(&engine(), &wasm(module), CodeRules { debug_enabled: true, ..RULES })
		.map(|p| p.interface)
}

#[test]
fn a_module_runs_on_the_version_whose_namespace_it_imports_from() {
	let module = |imports: &str| {
		format!(r#"(module {imports} (memory (export "memory") 1) (func (export "main")))"#)
	};
	let finish =
		|namespace: &str| format!(r#"(import "{namespace}" "finish" (func (param i32 i32)))"#);
	let keccak = |namespace: &str| {
		format!(r#"(import "{namespace}" "keccak256" (func (param i32 i32 i32)))"#)
	};
	let print = r#"(import "debug" "print32" (func (param i32)))"#;
	assert_eq!(version_of(&module(&finish("ethereum"))), Ok(V1));
	assert_eq!(version_of(&module(&finish("ethereum_v2"))), Ok(V2));
	assert_eq!(version_of(&module(&keccak("ethereum_v2"))), Ok(V2));
	assert_eq!(version_of(&module("")), Ok(V1), "no imports: v1");
	assert_eq!(version_of(&module(print)), Ok(V1), "debug imports choose no version");
	assert_eq!(version_of(&module(&(keccak("ethereum_v2") + print))), Ok(V2));
	// `v1` has no hash functions, and a module imports from one version.
	assert_eq!(version_of(&module(&keccak("ethereum"))), Err(PrepareError::ImportNotAllowed));
	let mixed = finish("ethereum") + &keccak("ethereum_v2");
	assert_eq!(version_of(&module(&mixed)), Err(PrepareError::ImportNotAllowed));
	new_test_ext().execute_with(|| {
		assert_fails_cleanly!(
			Ewasm::deploy(
				RuntimeOrigin::signed(ALICE),
				0,
				GAS,
				init_code_for(&wasm(&module(&mixed))),
				vec![],
				[0; 32]
			),
			Error::<Test>::CodeImportNotAllowed
		);
	});
}

#[test]
fn v2_hashes_memory_as_the_host_does() {
	new_test_ext().execute_with(|| {
		let hasher = deploy(&hasher(), 0);
		for input in [&b""[..], b"abc", &[7u8; 1000]] {
			let outcome = call_for_output(hasher, 0, GAS, input.to_vec());
			let expected = [keccak_256(input), sha2_256(input), blake2_256(input)].concat();
			assert_eq!(outcome.result, Ok(expected));
		}
		// Known answers.
		let hashes = call_for_output(hasher, 0, GAS, b"abc".to_vec()).result.expect("hashes");
		assert_eq!(
			hex(&call_for_output(hasher, 0, GAS, vec![]).result.expect("hashes")[..32]),
			"c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470"
		);
		assert_eq!(
			hex(&hashes[32..64]),
			"ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
		);
		assert_eq!(
			hex(&hashes[64..]),
			"bddd813c634239723171ef3fee98579b94964e3bb1cb3e427262c8c068d52319"
		);
	});
}

#[test]
fn a_hash_pays_per_word_hashed() {
	new_test_ext().execute_with(|| {
		let hasher = deploy(&hasher(), 0);
		let gas = |len: usize| {
			let outcome = call_for_output(hasher, 0, GAS, vec![1; len]);
			assert!(outcome.result.is_ok());
			outcome.gas_used
		};
		let host = chain_schedule().host;
		let hashes = [host.keccak256, host.sha256, host.blake2b256];
		assert!(hashes.iter().all(|hash| hash.base > 0 && hash.per_word > 0));
		// 321 bytes are 11 words.
		let per_word: u64 = hashes.iter().map(|hash| hash.per_word).sum();
		assert_eq!(gas(321) - gas(0), host.copy(321) - host.copy(0) + 11 * per_word);
	});
}

#[test]
fn a_hash_traps_out_of_bounds_and_runs_out_of_gas_before_reading() {
	new_test_ext().execute_with(|| {
		let run = |body: &str, salt: u8| {
			let contract = deploy(&keccak_contract(body), salt);
			call_for_output(contract, 0, GAS, vec![])
		};
		let trapped = Err(Error::<Test>::ContractTrapped.into());
		// The data past the end of memory (one page), or the result.
		let outcome = run("(call $keccak256 (i32.const 65535) (i32.const 2) (i32.const 0))", 0);
		assert_eq!((outcome.result, outcome.gas_used), (trapped.clone(), GAS));
		let outcome = run("(call $keccak256 (i32.const 0) (i32.const 0) (i32.const 65505))", 1);
		assert_eq!(outcome.result, trapped);
		// A length of 4 GiB costs more than any gas limit: out of gas, nothing read.
		let outcome = run("(call $keccak256 (i32.const 0) (i32.const -1) (i32.const 0))", 2);
		assert_eq!((outcome.result, outcome.gas_used), (Err(Error::<Test>::OutOfGas.into()), GAS));
	});
}

#[test]
fn calls_cross_versions_each_frame_under_its_own() {
	for (caller_vm, callee_vm) in [(V1, V2), (V2, V1), (V2, V2)] {
		new_test_ext().execute_with(|| {
			let proxy = deploy(&fixture_of("proxy", caller_vm), 0);
			let recorder = deploy(&fixture_of("recorder", callee_vm), 1);
			// A call: the callee acts as itself, sees the proxy and the value.
			let input = proxy_input(CALL, recorder, 2_000, &[]);
			let outcome = call_for_output(proxy, 5_000, GAS, input);
			assert_eq!(outcome.result, Ok(b"done".to_vec()), "{caller_vm:?} -> {callee_vm:?}");
			assert_eq!(stored(recorder, 1), Some(word(proxy.as_bytes())));
			assert_eq!(stored(recorder, 2), Some(word(&2_000u128.to_le_bytes())));
			assert_eq!(stored(recorder, 3), Some(word(recorder.as_bytes())));
			assert_eq!(stored(proxy, 1), None, "the caller's storage is its own");
			// A delegated call: the callee's code acts as the proxy, with the proxy's caller.
			let input = proxy_input(CALL_DELEGATE, recorder, 0, &[]);
			assert_eq!(call_for_output(proxy, 4_000, GAS, input).result, Ok(b"done".to_vec()));
			assert_eq!(
				stored(proxy, 1),
				Some(word(AccountId32Mapper::to_address(&BOB).as_bytes()))
			);
			assert_eq!(stored(proxy, 2), Some(word(&4_000u128.to_le_bytes())));
			assert_eq!(stored(proxy, 3), Some(word(proxy.as_bytes())));
		});
	}
}

#[test]
fn a_v1_contract_calls_a_v2_contract_that_hashes() {
	new_test_ext().execute_with(|| {
		let proxy = deploy(&fixture("proxy"), 0);
		let hasher = deploy(&hasher(), 1);
		let outcome = call_for_output(proxy, 0, GAS, proxy_input(CALL, hasher, 0, b"abc"));
		let expected = [keccak_256(b"abc"), sha2_256(b"abc"), blake2_256(b"abc")].concat();
		assert_eq!(outcome.result, Ok(expected));
	});
}

/// A `v2` contract that writes `getChainId` at 0, `getSelfBalance` at 32 and
/// `getExternalCodeHash` of the address in its call data at 48, and returns the 80 bytes; or,
/// with a call data of one byte, traps writing the getter it names (0, 1 or 2) past the end of
/// memory.
fn v2_getters() -> Vec<u8> {
	wasm(
		r#"(module
			(import "ethereum_v2" "getCallDataSize" (func $size (result i32)))
			(import "ethereum_v2" "callDataCopy" (func $copy (param i32 i32 i32)))
			(import "ethereum_v2" "getChainId" (func $chain_id (param i32)))
			(import "ethereum_v2" "getSelfBalance" (func $self_balance (param i32)))
			(import "ethereum_v2" "getExternalCodeHash" (func $code_hash (param i32 i32)))
			(import "ethereum_v2" "finish" (func $finish (param i32 i32)))
			(memory (export "memory") 1)
			(func (export "main")
				(if (i32.eq (call $size) (i32.const 1))
					(then
						(call $copy (i32.const 1024) (i32.const 0) (i32.const 1))
						(if (i32.eqz (i32.load8_u (i32.const 1024)))
							(then (call $chain_id (i32.const 65505))))
						(if (i32.eq (i32.load8_u (i32.const 1024)) (i32.const 1))
							(then (call $self_balance (i32.const 65521))))
						(call $code_hash (i32.const 1024) (i32.const 65505))))
				(call $copy (i32.const 1024) (i32.const 0) (i32.const 20))
				(call $chain_id (i32.const 0))
				(call $self_balance (i32.const 32))
				(call $code_hash (i32.const 1024) (i32.const 48))
				(call $finish (i32.const 0) (i32.const 80))))"#,
	)
}

#[test]
fn v2_getters_read_the_chain_the_balance_and_code_hashes() {
	new_test_ext().execute_with(|| {
		let getters = deploy(&v2_getters(), 0);
		let store = deploy(&fixture("store"), 0);
		let outcome = call_for_output(getters, 3_000, GAS, store.as_bytes().to_vec());
		let output = outcome.result.expect("finishes");
		let mut chain_id = [0u8; 32];
		chain_id[..4].copy_from_slice(&crate::mock::PARA_ID.to_le_bytes());
		assert_eq!(output[..32], chain_id);
		assert_eq!(output[32..48], 3_000u128.to_le_bytes(), "the value it was sent");
		assert_eq!(output[48..], keccak_256(&fixture("store")), "the code's keccak256");
		// Its own code's hash, and none where no contract lives.
		let own = call_for_output(getters, 0, GAS, getters.as_bytes().to_vec());
		assert_eq!(own.result.expect("finishes")[48..], keccak_256(&v2_getters()));
		let nobody = call_for_output(getters, 0, GAS, vec![9; 20]).result.expect("finishes");
		assert_eq!(nobody[48..], [0u8; 32]);
		assert_eq!(nobody[32..48], 3_000u128.to_le_bytes(), "what it holds");
		// Another chain's id.
		crate::mock::TestParaId::set(&2001);
		let other = call_for_output(getters, 0, GAS, vec![9; 20]).result.expect("finishes");
		assert_eq!(other[..4], 2001u32.to_le_bytes());
		// Each traps writing past the end of memory, and takes all the gas.
		for getter in 0..3 {
			let outcome = call_for_output(getters, 0, GAS, vec![getter]);
			let trapped = Err(Error::<Test>::ContractTrapped.into());
			assert_eq!((outcome.result, outcome.gas_used), (trapped, GAS), "getter {getter}");
		}
	});
}

#[test]
fn v2_getters_cost_what_the_v1_functions_doing_their_work_cost() {
	new_test_ext().execute_with(|| {
		let before = deploy(&v2_getters(), 0);
		let input = before.as_bytes().to_vec();
		let gas_before = call_for_output(before, 0, GAS, input.clone()).gas_used;
		// A version whose three prices are dearer, each by its own amount.
		let (getter, balance, code) = (1, 10, 100);
		let mut dearer = chain_schedule();
		dearer.host.base += getter;
		dearer.host.external_balance += balance;
		dearer.host.external_code += code;
		crate::mock::LaterSchedules::set(&vec![dearer]);
		let after = deploy(&v2_getters(), 1);
		let gas_after = call_for_output(after, 0, GAS, input).gas_used;
		// `getChainId` is a getter, and so is `getCallDataSize`.
		assert_eq!(gas_after - gas_before, 2 * getter + balance + code);
	});
}

/// The test chain's schedule made dearer: fuel and `keccak256` at twice the price, what a
/// runtime upgrade's new benchmarks might give.
fn dearer() -> crate::gas::Schedule {
	let schedule = chain_schedule();
	let fuel = crate::mock::chain_fuel_price();
	let keccak256 = schedule.host.keccak256;
	crate::gas::Schedule {
		host: crate::gas::HostCosts {
			keccak256: crate::gas::HashCost {
				base: keccak256.base * 2,
				per_word: keccak256.per_word * 2,
			},
			..schedule.host
		},
		instructions: crate::gas::InstructionMetering::Fuel(crate::gas::FuelPrice {
			base: fuel.base * 2,
			per_local: fuel.per_local * 2,
		}),
	}
}

/// A runtime upgrade that adds versions 3 (`v1`) and 4 (`v2`), on [`dearer`] prices.
fn upgrade() {
	crate::mock::LaterSchedules::set(&vec![dearer()]);
}

/// The VM version of the contract at `address`.
fn vm_of(address: Address) -> VmVersion {
	ContractInfoOf::<Test>::get(address).expect("a contract").vm
}

#[test]
fn a_deployment_gets_the_newest_version_of_its_interface_and_keeps_it() {
	new_test_ext().execute_with(|| {
		let on_v1 = deploy(&fixture("store"), 0);
		let on_v2 = deploy(&hasher(), 0);
		assert_eq!((vm_of(on_v1), vm_of(on_v2)), (VmVersion(1), VmVersion(2)));
		upgrade();
		let later_v1 = deploy(&fixture("store"), 1);
		let later_v2 = deploy(&hasher(), 1);
		assert_eq!((vm_of(later_v1), vm_of(later_v2)), (VmVersion(3), VmVersion(4)));
		assert_eq!((vm_of(on_v1), vm_of(on_v2)), (VmVersion(1), VmVersion(2)), "kept");
		// The same code, stored once, runs on two versions.
		assert_eq!(CodeInfoOf::<Test>::iter().count(), 2);
	});
}

#[test]
fn an_upgrade_leaves_deployed_contracts_gas_and_results_as_they_were() {
	new_test_ext().execute_with(|| {
		let hashing = deploy(&hasher(), 0);
		let input = vec![7; 4096];
		let before = call_for_output(hashing, 0, GAS, input.clone());
		assert!(before.result.is_ok());
		upgrade();
		assert_eq!(call_for_output(hashing, 0, GAS, input.clone()), before, "byte for byte");
		let later = deploy(&hasher(), 1);
		let on_later = call_for_output(later, 0, GAS, input);
		assert_eq!(on_later.result, before.result);
		assert!(on_later.gas_used > before.gas_used, "the new version's prices");
	});
}

#[test]
fn each_frame_pays_by_its_own_contracts_version() {
	new_test_ext().execute_with(|| {
		let proxy = deploy(&fixture("proxy"), 0);
		let old = deploy(&hasher(), 1);
		let payload = [7u8; 1000];
		let via_old_before = call_for_output(proxy, 0, GAS, proxy_input(CALL, old, 0, &payload));
		upgrade();
		let later = deploy(&hasher(), 2);
		let via_old = call_for_output(proxy, 0, GAS, proxy_input(CALL, old, 0, &payload));
		assert_eq!(via_old, via_old_before, "no frame's version changed");
		let via_later = call_for_output(proxy, 0, GAS, proxy_input(CALL, later, 0, &payload));
		assert_eq!(via_later.result, via_old.result);
		// The proxy (version 1) pays the same in both; the callee's frame costs what it costs
		// when called directly, on its own version.
		let direct = |callee| call_for_output(callee, 0, GAS, payload.to_vec()).gas_used;
		assert!(direct(later) > direct(old));
		assert_eq!(via_later.gas_used - via_old.gas_used, direct(later) - direct(old));
	});
}

#[test]
fn a_woken_contract_keeps_its_version() {
	new_test_ext().execute_with(|| {
		let code = hasher();
		let contract = deploy(&code, 0);
		let nonce = ContractInfoOf::<Test>::get(contract).unwrap().nonce;
		crate::rent::evict::<Test>(&contract);
		crate::rent::delete_evicted_storage::<Test>(10);
		assert_eq!(Tombstones::<Test>::get(contract).expect("sealed").vm, VmVersion(2));
		upgrade();
		assert_ok!(Ewasm::wake(
			RuntimeOrigin::signed(BOB),
			contract,
			code,
			vec![],
			nonce,
			0,
			1_000_000
		));
		assert_eq!(vm_of(contract), VmVersion(2));
	});
}

#[test]
fn a_contract_on_a_version_the_chain_does_not_offer_fails_cleanly() {
	new_test_ext().execute_with(|| {
		let on_v2 = deploy(&hasher(), 0);
		for vm in [VmVersion(0), VmVersion(1), VmVersion(9)] {
			// Only a corrupted state gets here: version 1 is `v1`, of another interface.
			ContractInfoOf::<Test>::mutate(on_v2, |info| info.as_mut().unwrap().vm = vm);
			assert_fails_cleanly!(
				Ewasm::call(RuntimeOrigin::signed(BOB), on_v2, 0, GAS, vec![]),
				Error::<Test>::VmVersionUnavailable
			);
		}
	});
}

#[test]
fn the_interface_of_stored_code_is_read_without_compiling_it() {
	use crate::vm::prepare::interface_of;
	assert_eq!(interface_of(&fixture("proxy")), Some(V1));
	assert_eq!(interface_of(&fixture_of("proxy", V2)), Some(V2));
	assert_eq!(interface_of(&hasher()), Some(V2));
	assert_eq!(interface_of(&wasm(r#"(module (func (export "main")))"#)), Some(V1));
	let debug_first = r#"(module
		(import "debug" "print32" (func (param i32)))
		(import "ethereum_v2" "finish" (func (param i32 i32))))"#;
	assert_eq!(interface_of(&wasm(debug_first)), Some(V2));
	let truncated = &hasher()[..40];
	assert_eq!(interface_of(truncated), None);
}

#[test]
fn a_frozen_schedule_below_the_benchmarks_is_found_by_name() {
	let measured = chain_schedule();
	assert_eq!(measured.underpriced(&measured), vec![]);
	assert_eq!(dearer().underpriced(&measured), vec![], "dearer covers");
	let mut cheaper = measured;
	cheaper.host.sha256.per_word -= 1;
	cheaper.host.call = 0;
	// The stipend and the refunds are not costs: lowering them is not underpricing.
	cheaper.host.call_stipend = 0;
	assert_eq!(
		cheaper.underpriced(&measured),
		vec![
			("call", 0, measured.host.call),
			("sha256_per_word", measured.host.sha256.per_word - 1, measured.host.sha256.per_word)
		]
	);
	assert!(measured.underpriced(&dearer()).iter().any(|(name, ..)| *name == "fuel.base"));
}

#[test]
fn a_frozen_schedule_raised_to_the_benchmarks_changes_only_what_they_find_underpriced() {
	let measured = chain_schedule();
	let mut frozen = measured;
	frozen.host.call = 0;
	frozen.host.sha256.per_word -= 1;
	frozen.host.log_base += 7;
	let raised = frozen.raised_to(&measured);
	assert_eq!(raised.underpriced(&measured), vec![]);
	let log_base = measured.host.log_base + 7;
	assert_eq!(
		raised,
		crate::gas::Schedule {
			host: crate::gas::HostCosts { log_base, ..measured.host },
			..measured
		},
		"the cheaper prices raised, the dearer one kept"
	);
	let hera = crate::gas::Schedule::hera();
	assert_eq!(hera.raised_to(&measured).instructions, hera.instructions, "free stays free");
	let names: Vec<_> = hera.raised_to(&measured).underpriced(&measured).into_iter().collect();
	let names: Vec<_> = names.into_iter().map(|(name, ..)| name).collect();
	assert_eq!(names, ["fuel.base", "fuel.per_local"], "every host price raised, fuel unpriced");
}

#[test]
fn the_migration_records_the_version_each_contract_ran_on() {
	use crate::migrations::{before_recording, check_recorded, RecordVmVersions};
	use polkadot_sdk::frame_support::{
		storage::unhashed,
		traits::{GetStorageVersion, OnRuntimeUpgrade, StorageVersion},
	};
	new_test_ext().execute_with(|| {
		// The state storage version 0 left: contracts, an eviction under way (of `v2` code
		// still stored) and a tombstone, each in the old layout.
		let on_v1 = deploy(&fixture("store"), 0);
		let on_v2 = deploy(&hasher(), 0);
		for address in [on_v1, on_v2] {
			let info = ContractInfoOf::<Test>::get(address).unwrap();
			let old = (info.code_hash, info.code_len, info.storage_items, info.storage_bytes);
			let old = (old, info.rent_fee_mark, info.ttl, info.nonce);
			unhashed::put(&ContractInfoOf::<Test>::hashed_key_for(address), &old);
		}
		let evicting = Address([0xe1; 20]);
		let v2_code = ContractInfoOf::<Test>::hashed_key_for(on_v2);
		let v2_code_hash: H256 = unhashed::get::<(H256, u32)>(&v2_code).unwrap().0;
		let old_eviction = (v2_code_hash, 1u64, 5u128, H256::repeat_byte(3));
		unhashed::put(&Evicting::<Test>::hashed_key_for(evicting), &old_eviction);
		let asleep = Address([0xe2; 20]);
		unhashed::put(&Tombstones::<Test>::hashed_key_for(asleep), &H256::repeat_byte(9));
		StorageVersion::new(0).put::<Ewasm>();

		let before = before_recording::<Test>();
		RecordVmVersions::<Test>::on_runtime_upgrade();
		assert_eq!(check_recorded::<Test>(before), Ok(()));
		assert_eq!((vm_of(on_v1), vm_of(on_v2)), (VmVersion(1), VmVersion(2)));
		assert_eq!(Evicting::<Test>::get(evicting).unwrap().vm, VmVersion(2));
		let tombstone = Tombstones::<Test>::get(asleep).unwrap();
		assert_eq!(
			tombstone,
			crate::rent::Tombstone { hash: H256::repeat_byte(9), vm: VmVersion(1) }
		);
		assert_eq!(Ewasm::on_chain_storage_version(), 1);
		assert_ok!(Ewasm::call(RuntimeOrigin::signed(BOB), on_v2, 0, GAS, vec![]));

		// Once only: a second upgrade changes nothing.
		let root = polkadot_sdk::sp_io::storage::root(polkadot_sdk::sp_runtime::StateVersion::V1);
		RecordVmVersions::<Test>::on_runtime_upgrade();
		assert_eq!(
			polkadot_sdk::sp_io::storage::root(polkadot_sdk::sp_runtime::StateVersion::V1),
			root
		);
	});
}

#[test]
#[should_panic(expected = "instructions run free")]
fn a_version_whose_instructions_run_free_fails_the_integrity_test() {
	use polkadot_sdk::{
		frame_support::traits::Hooks, frame_system::pallet_prelude::BlockNumberFor,
	};
	new_test_ext().execute_with(|| {
		crate::mock::TestSchedule::set(&crate::gas::Schedule::hera());
		<Ewasm as Hooks<BlockNumberFor<Test>>>::integrity_test();
	});
}
