//! The system contracts ([`ewasm_primitives::system`]): addresses the pallet answers natively.
//! A call of one runs no wasm and moves no value: [`exec::run_call`](crate::exec::run_call)
//! hands its call data here, whatever kind of call reached it, and returns the answer as the
//! frame's output, or reverts.
//!
//! The environment contract (0x10) reads the block from `frame_system` and
//! [`Config::Environment`](crate::Config::Environment), and TOTALFEE from the pallet.

use crate::{
	environment::{self, BlockEnvironment},
	Config, TotalFee,
};
use alloc::vec::Vec;
use ewasm_primitives::{
	system::{abi_word, environment::Query, ENVIRONMENT},
	Address,
};

pub use ewasm_primitives::system::is_system_contract;

/// The answer of the system contract at `address` to `input`: its return data, or `None` for
/// a revert (no such contract, call data that names no function, or a call that `sends_value`).
pub fn answer<T: Config>(address: &Address, input: &[u8], sends_value: bool) -> Option<Vec<u8>> {
	if *address != ENVIRONMENT || sends_value {
		return None;
	}
	let word = match Query::decode(input)? {
		Query::BlockNumber => abi_word(environment::block_number::<T>().into()),
		Query::BlockHash(number) => environment::block_hash::<T>(number).unwrap_or_default(),
		Query::Timestamp => abi_word(T::Environment::timestamp().into()),
		Query::ParaId => abi_word(T::Environment::para_id().into()),
		Query::TotalFee => abi_word(TotalFee::<T>::get()),
		Query::RelayParentNumber => abi_word(T::Environment::relay_parent_number().into()),
	};
	Some(word.to_vec())
}
