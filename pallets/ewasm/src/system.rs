//! The system contracts ([`ewasm_primitives::system`]): addresses the pallet answers natively.
//! A call of one runs no wasm: [`exec::run_call`](crate::exec::run_call) hands the frame here,
//! whatever kind of call reached it, and returns the answer as the frame's output, or reverts.
//!
//! The environment contract (0x10) reads the block from `frame_system` and
//! [`Config::Environment`](crate::Config::Environment), and TOTALFEE from the pallet; it moves
//! no value and uses no gas beyond the caller's price of a system call. The receipts contract
//! (0x20) is [`receipts::generate`] and [`receipts::answer_claim`].

use crate::{
	environment::{self, BlockEnvironment},
	exec::MessageCall,
	receipts,
	vm::Transaction,
	Config, Error, TotalFee,
};
use alloc::vec::Vec;
use ewasm_primitives::system::{
	abi_word, environment::Query, receipts::CLAIM_RECEIPT, ENVIRONMENT, RECEIPTS,
};
use polkadot_sdk::sp_runtime::DispatchError;

pub use ewasm_primitives::system::is_system_contract;

/// What a system contract returned.
pub struct Answer {
	/// The return data.
	pub output: Vec<u8>,
	/// Gas it used of the frame's.
	pub gas_used: u64,
}

/// The answer of the system contract `call` reaches. Fails with `ContractReverted` when it
/// reverts before any work (no such contract, call data that names no function, a call the
/// function refuses), `OutOfGas` when the frame cannot pay for it, or another error of the
/// function's; every failure but a revert consumes the frame's gas.
pub fn answer<T: Config>(
	tx: &Transaction,
	call: &MessageCall<T::AccountId>,
) -> Result<Answer, DispatchError> {
	match call.code_address {
		ENVIRONMENT => {
			let sends_value = call.transfer && call.value > 0;
			let query = Query::decode(&call.input).filter(|_| !sends_value);
			let query = query.ok_or(Error::<T>::ContractReverted)?;
			Ok(Answer { output: environment_answer::<T>(query).to_vec(), gas_used: 0 })
		}
		RECEIPTS => match call.input.get(..4) {
			Some(selector) if selector == CLAIM_RECEIPT => receipts::answer_claim::<T>(tx, call),
			_ => receipts::generate::<T>(call),
		},
		_ => Err(Error::<T>::ContractReverted.into()),
	}
}

/// The environment contract's answer to `query`.
fn environment_answer<T: Config>(query: Query) -> [u8; 32] {
	match query {
		Query::BlockNumber => abi_word(environment::block_number::<T>().into()),
		Query::BlockHash(number) => environment::block_hash::<T>(number).unwrap_or_default(),
		Query::Timestamp => abi_word(T::Environment::timestamp().into()),
		Query::ParaId => abi_word(T::Environment::para_id().into()),
		Query::TotalFee => abi_word(TotalFee::<T>::get()),
		Query::RelayParentNumber => abi_word(T::Environment::relay_parent_number().into()),
	}
}
