//! Runs a state test's transaction in a fresh sandbox and charges it the way Hera's clients
//! did in Byzantium:
//!
//! 1. The transaction must be valid: its nonce is the sender's, its gas limit covers the
//!    intrinsic gas and fits the block, and the sender can pay `gasLimit * gasPrice + value`.
//!    (An invalid transaction is an error of the test: the suite has none.)
//! 2. The intrinsic gas is 21 000 (53 000 for a creation) plus 4 per zero and 68 per
//!    non-zero byte of data; the execution gets the rest of the gas limit.
//! 3. A call goes through `bare_call`, a creation through `bare_deploy` at Ethereum's CREATE
//!    address of the sender and its nonce.
//! 4. The sender's nonce goes up by one, and it pays (burns) `(gas used - refund) *
//!    gasPrice`, where gas used counts the intrinsic gas and the refund is the execution's
//!    refund counter, at most half the gas used.

use super::{
	check::PostState,
	model::{StateTest, Transaction},
};
use crate::{
	runtime::{account_of, Balances, BlockFacts, System},
	sandbox::{self, Action, BlockSetup, Request, Sandbox},
};
use pallet_ewasm::gas::Schedule;
use polkadot_sdk::frame_support::traits::{
	fungible::Mutate,
	tokens::{Fortitude, Precision, Preservation},
};
use std::panic::{self, AssertUnwindSafe};

/// Gas every transaction pays before it runs.
pub const TRANSACTION_GAS: u64 = 21_000;
/// Extra intrinsic gas of a creation.
pub const CREATION_GAS: u64 = 32_000;
/// Intrinsic gas per zero byte of data.
pub const ZERO_BYTE_GAS: u64 = 4;
/// Intrinsic gas per non-zero byte of data.
pub const NON_ZERO_BYTE_GAS: u64 = 68;

/// The gas a transaction pays before any code runs.
pub fn intrinsic_gas(transaction: &Transaction) -> u64 {
	let creation = if transaction.to.is_none() { CREATION_GAS } else { 0 };
	transaction.data.iter().fold(TRANSACTION_GAS + creation, |gas, byte| {
		gas + if *byte == 0 { ZERO_BYTE_GAS } else { NON_ZERO_BYTE_GAS }
	})
}

/// What running a test's transaction did.
pub struct Execution {
	/// The state of the accounts the test expects something of, and the logs.
	pub post: PostState,
	/// How the execution ended (see [`sandbox::status`]).
	pub status: String,
}

/// Runs `test`'s transaction with `schedule` and reads back what its expectation needs. A
/// panic of the runtime is an error of this test (the rest of the run goes on).
pub fn execute(test: &StateTest, schedule: Schedule) -> Result<Execution, String> {
	panic::catch_unwind(AssertUnwindSafe(|| execute_unguarded(test, schedule))).unwrap_or_else(
		|payload| {
			let message = payload
				.downcast_ref::<&str>()
				.map(|message| message.to_string())
				.or_else(|| payload.downcast_ref::<String>().cloned())
				.unwrap_or_else(|| "no message".into());
			Err(format!("the runtime panicked: {message}"))
		},
	)
}

fn execute_unguarded(test: &StateTest, schedule: Schedule) -> Result<Execution, String> {
	let transaction = &test.transaction;
	let intrinsic = intrinsic_gas(transaction);
	validate(test, intrinsic)?;
	let block = BlockSetup {
		number: test.env.number,
		facts: BlockFacts {
			timestamp: test.env.timestamp,
			coinbase: test.env.coinbase,
			difficulty: test.env.difficulty,
			gas_price: transaction.gas_price,
			gas_limit: test.env.gas_limit,
		},
	};
	let mut sandbox = Sandbox::new(&test.pre, &block, schedule)?;
	sandbox.execute_with(|| {
		let status = run_transaction(transaction, intrinsic)?;
		let accounts = test
			.expect
			.accounts
			.keys()
			.map(|address| (*address, sandbox::account_state(address)))
			.collect();
		Ok(Execution { post: PostState { accounts, logs: sandbox::logs() }, status })
	})
}

/// Checks what a client checks before it runs a transaction.
fn validate(test: &StateTest, intrinsic: u64) -> Result<(), String> {
	let transaction = &test.transaction;
	let sender = test.pre.get(&transaction.sender).cloned().unwrap_or_default();
	if transaction.nonce != sender.nonce {
		return Err(format!(
			"invalid transaction: nonce {} but the sender's nonce is {}",
			transaction.nonce, sender.nonce
		));
	}
	if transaction.gas_limit < intrinsic {
		return Err(format!(
			"invalid transaction: gas limit {} below the intrinsic gas {intrinsic}",
			transaction.gas_limit
		));
	}
	if transaction.gas_limit > test.env.gas_limit {
		return Err(format!(
			"invalid transaction: gas limit {} above the block's {}",
			transaction.gas_limit, test.env.gas_limit
		));
	}
	let upfront = u128::from(transaction.gas_limit)
		.checked_mul(transaction.gas_price)
		.and_then(|gas| gas.checked_add(transaction.value));
	if upfront.is_none_or(|cost| cost > sender.balance) {
		return Err(format!(
			"invalid transaction: the sender's balance {} does not cover gasLimit * gasPrice + value",
			sender.balance
		));
	}
	Ok(())
}

/// Executes `transaction` and charges it (inside the sandbox); returns how it ended.
fn run_transaction(transaction: &Transaction, intrinsic: u64) -> Result<String, String> {
	let (action, input) = match transaction.to {
		Some(dest) => (Action::Call { dest }, transaction.data.clone()),
		None => {
			let init_code = transaction.data.clone();
			(Action::Deploy { init_code, nonce: transaction.nonce }, Vec::new())
		}
	};
	let outcome = sandbox::transact(Request {
		sender: transaction.sender,
		action,
		input,
		value: transaction.value,
		gas_limit: transaction.gas_limit - intrinsic,
	});
	let sender = account_of(&transaction.sender);
	System::inc_account_nonce(&sender);
	let gas_used = intrinsic + outcome.gas_used;
	let refund = outcome.gas_refund.min(gas_used / 2);
	// At most gasLimit * gasPrice, which `validate` checked fits.
	let fee = u128::from(gas_used - refund).saturating_mul(transaction.gas_price);
	Balances::burn_from(&sender, fee, Preservation::Expendable, Precision::Exact, Fortitude::Force)
		.map_err(|error| format!("the sender cannot pay the fee of {fee}: {error:?}"))?;
	Ok(outcome.status)
}

#[cfg(test)]
mod tests {
	use super::*;
	use crate::statetest::model::SENDER;

	fn transaction(to: Option<ewasm_primitives::Address>, data: &[u8]) -> Transaction {
		Transaction {
			sender: SENDER,
			nonce: 0,
			to,
			data: data.to_vec(),
			gas_limit: 100_000,
			gas_price: 1,
			value: 0,
		}
	}

	#[test]
	fn intrinsic_gas_counts_creation_and_data_bytes() {
		let contract = Some(ewasm_primitives::Address([1; 20]));
		assert_eq!(intrinsic_gas(&transaction(contract, &[])), 21_000);
		assert_eq!(intrinsic_gas(&transaction(contract, &[0xff, 0xff])), 21_136);
		assert_eq!(intrinsic_gas(&transaction(contract, &[0, 0, 1])), 21_076);
		assert_eq!(intrinsic_gas(&transaction(None, &[0x00, 0x61])), 53_072);
	}
}
