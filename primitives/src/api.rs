//! The runtime API of the Ewasm pallet, callable from polkadot.js as `api.call.ewasmApi.*`.

// `decl_runtime_apis!` adds the block hash and call context to each function's arguments, so
// `deploy`'s six (those of the `ewasm.deploy` extrinsic plus its origin) become eight.
#![allow(clippy::too_many_arguments)]

use crate::{value::Word, Address};
use alloc::vec::Vec;
use codec::{Codec, Decode, Encode};
use polkadot_sdk::sp_runtime::DispatchError;
use scale_info::TypeInfo;

/// One `log` a contract emitted.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode, TypeInfo)]
pub struct Log {
	/// The contract that logged.
	pub address: Address,
	/// Its 0 to 4 topics.
	pub topics: Vec<Word>,
	/// Its data.
	pub data: Vec<u8>,
}

/// What a dry run of a call or a deployment did, at the state of the block it ran on; nothing
/// of it is kept.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode, TypeInfo)]
pub struct DryRun {
	/// `Ok`, or the error the extrinsic would fail with (`ewasm.ContractReverted`,
	/// `ewasm.OutOfGas`, ...).
	pub result: Result<(), DispatchError>,
	/// The data passed to `finish` or `revert` (empty for a deployment that succeeds).
	pub return_data: Vec<u8>,
	/// Gas used with the limit given.
	pub gas_used: u64,
	/// The smallest gas limit with which it succeeds (forwarding to calls can need more than
	/// is used); the limit given if it does not succeed with it.
	pub gas_required: u64,
	/// Storage bytes the called (or deployed) contract gains.
	pub storage_bytes_added: u64,
	/// Storage bytes the called contract frees.
	pub storage_bytes_removed: u64,
	/// Rent the called contract pays for this touch (0 for a deployment).
	pub rent_paid: u128,
	/// The logs it emitted, in order.
	pub logs: Vec<Log>,
	/// The new contract's address, for a deployment that succeeds.
	pub deployed: Option<Address>,
}

/// A contract's metadata.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode, TypeInfo)]
pub struct ContractSummary {
	/// keccak256 of its code.
	pub code_hash: Word,
	/// Its code length.
	pub code_len: u32,
	/// Stored items.
	pub storage_items: u32,
	/// Stored bytes (64 per item).
	pub storage_bytes: u64,
	/// TOTALFEE it has paid rent up to.
	pub rent_fee_mark: u128,
	/// Its nonce.
	pub nonce: u64,
}

/// A contract's rent, as of the current block (see the pallet's `rent` module for the
/// formula: `(TOTALFEE - fee_mark) * rented_bytes`).
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode, TypeInfo)]
pub struct RentStatus {
	/// The contract's balance.
	pub balance: u128,
	/// TOTALFEE up to which it has paid (F1).
	pub fee_mark: u128,
	/// TOTALFEE now (F2).
	pub total_fee: u128,
	/// The bytes it pays for: 100 + code length + storage bytes.
	pub rented_bytes: u64,
	/// The rent it would pay if touched now.
	pub owed: u128,
	/// How much TOTALFEE grows each block.
	pub fee_per_block: u128,
	/// The first block at which it can no longer pay (and `poke` evicts it), at the current
	/// rate; `None` if TOTALFEE does not grow. A block in the past means it is evictable now.
	pub evictable_at_block: Option<u64>,
}

/// An execution environment, as of the current block.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode, TypeInfo)]
pub struct EeSummary {
	/// keccak256 of its code.
	pub code_hash: Word,
	/// Its code length.
	pub code_len: u32,
	/// Its state root: what its next block runs on.
	pub root: Word,
	/// The VM version whose gas schedule its blocks pay.
	pub vm: u16,
	/// The deposit held for it from its registrar.
	pub deposit: u128,
	/// Its address (`keccak256("ewasm/ee" ++ id as u32 little-endian)[12..]`).
	pub address: Address,
	/// The balance of its account.
	pub balance: u128,
}

/// What a dry run of a block of an execution environment did, at the state of the block it ran
/// on; nothing of it is kept.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode, TypeInfo)]
pub struct BlockDryRun {
	/// `Ok`, or the error `ewasm.execute_block` would fail with (`ewasm.EeTrapped`,
	/// `ewasm.OutOfGas`, ...).
	pub result: Result<(), DispatchError>,
	/// The root the block ran on.
	pub pre_root: Word,
	/// The root it saved, if it succeeded.
	pub post_root: Option<Word>,
	/// Gas used with the limit given: all of it if the block failed after starting.
	pub gas_used: u64,
	/// The deposits it made (184 bytes each), if it succeeded.
	pub deposits: Vec<Vec<u8>>,
}

/// The most receipts one call of `EwasmApi::receipts_sent` or `receipts_delivered` lists.
pub const MAX_LISTED_RECEIPTS: u32 = 256;

polkadot_sdk::sp_api::decl_runtime_apis! {
	/// Queries and dry runs of Ewasm contracts, and the receipts between parachains.
	///
	/// Version 2 added `receipts_sent`, `receipts_delivered` and `receipt_proof_key`; version
	/// 3 `ee_info` and `execute_block` (a method carries the version that added it only while
	/// it is the newest: `decl_runtime_apis` refuses older ones).
	#[api_version(3)]
	pub trait EwasmApi<AccountId> where AccountId: Codec {
		/// The rent status of the contract at `address`, or `None` if there is no contract.
		fn rent_status(address: Address) -> Option<RentStatus>;

		/// Runs `ewasm.call` as `origin` would, without keeping anything.
		fn call(
			origin: AccountId,
			dest: Address,
			value: u128,
			gas_limit: u64,
			input: Vec<u8>,
		) -> DryRun;

		/// Runs `ewasm.deploy` as `origin` would, without keeping anything.
		fn deploy(
			origin: AccountId,
			value: u128,
			gas_limit: u64,
			init_code: Vec<u8>,
			input: Vec<u8>,
			salt: Word,
		) -> DryRun;

		/// The value under `key` of the contract at `address` (`None`: unset, reads as zero).
		fn get_storage(address: Address, key: Word) -> Option<Word>;

		/// The metadata of the contract at `address`.
		fn contract_info(address: Address) -> Option<ContractSummary>;

		/// The receipts generated here for parachain `target_para` with nonces `from_nonce` to
		/// `from_nonce + count - 1` (at most [`MAX_LISTED_RECEIPTS`]), as (nonce, receipt id):
		/// the outbox.
		fn receipts_sent(target_para: u32, from_nonce: u64, count: u32) -> Vec<(u64, [u8; 32])>;

		/// The receipts from parachain `source_para` delivered here among the nonces
		/// `from_nonce` to `from_nonce + count - 1` (at most [`MAX_LISTED_RECEIPTS`]), as
		/// (nonce, receipt id): the inbox, whose entries are the spent nullifiers.
		fn receipts_delivered(source_para: u32, from_nonce: u64, count: u32) -> Vec<(u64, [u8; 32])>;

		/// The storage key of this chain's outbox entry of the receipt (`target_para`,
		/// `nonce`): a claim's proof is this key's read proof (`state_getReadProof`) at a block
		/// whose state root the target recorded.
		fn receipt_proof_key(target_para: u32, nonce: u64) -> Vec<u8>;

		/// The execution environment `ee`, or `None` if no EE has that id.
		#[api_version(3)]
		fn ee_info(ee: u32) -> Option<EeSummary>;

		/// Runs `ewasm.execute_block` of `block_data` on EE `ee` as `origin` would, with
		/// `value` and `gas_limit`, without keeping anything.
		#[api_version(3)]
		fn execute_block(
			origin: AccountId,
			ee: u32,
			block_data: Vec<u8>,
			value: u128,
			gas_limit: u64,
		) -> BlockDryRun;
	}
}
