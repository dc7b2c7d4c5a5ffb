//! Dry runs (the `EwasmApi` runtime API): they report what the extrinsic would do and keep
//! nothing.

use super::*;

#[test]
fn a_dry_run_reports_what_the_call_does_and_keeps_nothing() {
	new_test_ext().execute_with(|| {
		let contract = deploy(&fixture("store"), 0);
		let root = storage::root(StateVersion::V1);
		let report = Ewasm::dry_run_call(BOB, contract, 0, GAS, key_value_input(4, 5));
		assert_eq!(storage::root(StateVersion::V1), root, "nothing is kept");
		assert_eq!(report.result, Ok(()));
		assert_eq!(report.return_data, vec![5; 32]);
		assert_eq!((report.storage_bytes_added, report.storage_bytes_removed), (64, 0));
		assert_eq!(report.logs.len(), 1);
		assert_eq!(
			(report.logs[0].address, report.logs[0].topics.clone()),
			(contract, vec![[4; 32]])
		);
		assert_eq!(report.gas_required, report.gas_used, "no forwarding: what it uses suffices");

		let real = call_for_output(contract, 0, GAS, key_value_input(4, 5));
		assert_eq!((real.result, real.gas_used), (Ok(vec![5; 32]), report.gas_used));
	});
}

#[test]
fn gas_required_is_the_smallest_limit_that_succeeds() {
	new_test_ext().execute_with(|| {
		// A caller that forwards all it can to the recorder and traps unless the call succeeds:
		// with as much gas as it uses, it keeps 1/64 back and the recorder runs out.
		let recorder = deploy(&fixture("recorder"), 1);
		let address = wat_bytes(recorder.as_bytes());
		let caller = deploy(
			&wasm(&format!(
				r#"(module
					(import "ethereum" "call" (func $call (param i64 i32 i32 i32 i32) (result i32)))
					(memory (export "memory") 1)
					(data (i32.const 0) "{address}")
					(func (export "main")
						(if (call $call (i64.const 0x7fffffffffffffff) (i32.const 0) (i32.const 32)
								(i32.const 64) (i32.const 0))
							(then unreachable))))"#
			)),
			2,
		);
		let report = Ewasm::dry_run_call(BOB, caller, 0, 10 * GAS, vec![]);
		assert_eq!(report.result, Ok(()));
		assert!(report.gas_required > report.gas_used, "forwarding needs more than is used");
		let with = |limit| call_for_output(caller, 0, limit, vec![]).result;
		assert_eq!(with(report.gas_required - 1), Err(Error::<Test>::ContractTrapped.into()));
		assert_eq!(with(report.gas_required), Ok(vec![]));
	});
}

#[test]
fn a_deployment_dry_run_names_the_address_and_keeps_nothing() {
	new_test_ext().execute_with(|| {
		let init = init_code_for(&fixture("store"));
		let report = Ewasm::dry_run_deploy(ALICE, 0, GAS, init.clone(), vec![], [3; 32]);
		let address = create2_address(&alice_address(), &[3; 32], &init);
		assert_eq!((report.result, report.deployed), (Ok(()), Some(address)));
		assert_eq!(ContractInfoOf::<Test>::get(address), None);
		let failing = Ewasm::dry_run_deploy(ALICE, 0, GAS, vec![1, 2, 3], vec![], [3; 32]);
		assert_eq!(failing.result, Err(Error::<Test>::CodeInvalid.into()));
		assert_eq!(failing.deployed, None);
	});
}

#[test]
fn a_dry_run_of_an_infinite_loop_with_unbounded_gas_runs_out_of_an_extrinsics_gas() {
	new_test_ext().execute_with(|| {
		let contract = deploy(&fixture("infinite_loop"), 0);
		let max_gas = crate::gas::max_extrinsic_gas::<Test>(Ewasm::call_base_weight(0));
		assert!(max_gas < u64::MAX / 1_000_000, "the block's weight bounds an extrinsic's gas");
		let report = Ewasm::dry_run_call(BOB, contract, 0, u64::MAX, vec![]);
		assert_eq!(report.result, Err(Error::<Test>::OutOfGas.into()));
		assert_eq!((report.gas_used, report.gas_required), (max_gas, max_gas));

		let init = init_code_for(&fixture("store"));
		let looping_init = fixture("infinite_loop");
		let report = Ewasm::dry_run_deploy(ALICE, 0, u64::MAX, looping_init, vec![], [0; 32]);
		let max_gas = crate::gas::max_extrinsic_gas::<Test>(Ewasm::deploy_base_weight(0));
		assert_eq!(
			(report.result, report.gas_used),
			(Err(Error::<Test>::OutOfGas.into()), max_gas)
		);
		// A limit within the bound is used as given.
		let report = Ewasm::dry_run_deploy(ALICE, 0, GAS, init, vec![], [0; 32]);
		assert_eq!(report.result, Ok(()));
	});
}
