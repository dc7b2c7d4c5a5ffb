//! Receipts: value and messages from a contract on one parachain to a contract on another
//! (the receipts contract, 0x20, of the state model; its ABI is
//! [`ewasm_primitives::system::receipts`]).
//!
//! **On the source chain**, [`generate`] answers `generateReceipt`: it burns the amount (it
//! leaves this chain's supply), numbers the receipt among those to its target parachain
//! ([`OutboxNonce`]), records its id in the [`Outbox`] and the value in [`SentTotal`], charges
//! the caller the gas its target's `receiveMessage` will get, and hands the receipt and its
//! payload to [`Config::ReceiptTransport`]. All of it is part of the calling frame: if the
//! frame fails, the receipt was never generated (nothing was sent: the transport's outbound
//! queue is storage too).
//!
//! **On the target chain**, [`deliver`] (the `deliver_receipt` extrinsic, dispatched by the
//! transport's message) checks the receipt ([`check`]), spends its nullifier (an [`Inbox`]
//! entry), mints the amount to the target, adds it to [`ReceivedTotal`], and runs the target's
//! `receiveMessage` if its code exports one. A failing `receiveMessage` is undone on its own
//! (`ReceiptFailed`); the value stays delivered.
//!
//! **Pull delivery.** Anyone may instead claim a receipt on the target with
//! [`claim`] (the `claim_receipt` extrinsic, or `claimReceipt` of the receipts contract from a
//! contract: [`answer_claim`]): a proof that the source's [`Outbox`] holds the
//! receipt's id, against the state root of a source block the relay chain included. The
//! runtime asks the relay chain for each trusted sibling's head in every block's relay state
//! proof and hands it to [`note_sibling_heads`], which keeps the last [`MAX_SIBLING_ROOTS`]
//! state roots of each ([`SiblingStateRoots`]). A claim spends the same nullifier as a push
//! delivery: a receipt arrives once, whichever way comes first.
//!
//! **Conservation.** For every pair of chains, the value in flight from one to the other is
//! the source's `SentTotal` for the target minus the target's `ReceivedTotal` for the source;
//! the sum of both chains' issuance and the value in flight both ways never changes.
//!
//! **Trust.** A receipt is generated only for, and accepted only from, a parachain in
//! [`TrustedSiblings`]: the target believes the source burned the value, so it trusts the
//! source's runtime as it trusts its own.

use crate::{
	accounts::account_of,
	exec::{self, MessageCall},
	gas::HostCosts,
	limits::MAX_CALL_DEPTH,
	system::{is_system_contract, Answer},
	vm::{limiter::BudgetedBytes, Transaction},
	BlockEnvironment, Config, Error, Event, Inbox, Outbox, OutboxNonce, Pallet, ReceivedTotal,
	SentTotal, SiblingStateRoots, TrustedSiblings, WeightInfo,
};
use alloc::vec::Vec;
use codec::{Decode, Encode};
use ewasm_primitives::api::MAX_LISTED_RECEIPTS;
use ewasm_primitives::system::{
	receipts::{
		claim_output, payload_hash, receive_message_input, topics, ClaimReceipt, GenerateReceipt,
		Receipt, RECEIVE_ENTRY_POINT,
	},
	RECEIPTS,
};
use polkadot_sdk::{
	frame_support::{
		traits::{
			fungible::Mutate,
			tokens::{Fortitude, Precision, Preservation},
		},
		BoundedVec,
	},
	frame_system::pallet_prelude::HeaderFor,
	sp_core::{Get, H256},
	sp_runtime::{
		traits::{Header, UniqueSaturatedInto},
		DispatchError, Weight,
	},
	sp_trie::{read_trie_value, LayoutV1, StorageProof},
};

/// Most parachains [`TrustedSiblings`] holds.
pub const MAX_TRUSTED_SIBLINGS: u32 = 64;

/// How many of each trusted sibling's latest included blocks a claim may prove against.
pub const MAX_SIBLING_ROOTS: u32 = 64;

/// Most bytes a claim's proof may hold, as [`proof_bytes`] counts them.
pub const MAX_PROOF_BYTES: u32 = 16 * 1024;

/// What each trie node of a proof counts besides its own bytes ([`proof_bytes`]): hashing a
/// node and adding it to the proof's database has a cost however short the node is, so a
/// proof of many tiny nodes must not pass for a small one.
pub const PROOF_NODE_OVERHEAD_BYTES: usize = 32;

/// Why a receipt could not be sent.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NotSent;

/// How new receipts reach their target parachains.
pub trait ReceiptTransport {
	/// Sends `receipt` with its `payload` to `receipt.target_para`, where it is to be
	/// delivered by `deliver_receipt` with the native origin of this parachain. Fails if it
	/// cannot be sent now (no channel, a message too large). Anything it writes is undone if
	/// the generating frame fails.
	fn send(receipt: &Receipt, payload: &[u8]) -> Result<(), NotSent>;

	/// Makes sending to each of `target_paras` possible in a benchmark, at the highest cost a
	/// send can have (on a parachain: opens the channels and leaves on each a nearly full
	/// page, which the next send reads and writes back whole).
	#[cfg(feature = "runtime-benchmarks")]
	fn prepare_worst_routes(target_paras: &[u32]);
}

/// No transport: nothing can be sent.
impl ReceiptTransport for () {
	fn send(_: &Receipt, _: &[u8]) -> Result<(), NotSent> {
		Err(NotSent)
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn prepare_worst_routes(_: &[u32]) {}
}

/// Whether receipts are exchanged with `para`.
pub fn is_trusted<T: Config>(para: u32) -> bool {
	TrustedSiblings::<T>::get().contains(&para)
}

/// `generateReceipt`, called by `call` (the frame at the receipts contract). Reverts
/// (`ContractReverted`, keeping the gas) for call data that is not a canonical
/// `generateReceipt`, a call of another kind than `call` (`callCode`, `callDelegate` and
/// `callStatic` are refused), a value other than `amount`, a target parachain that is this
/// one or not trusted, a target address that is a system contract, more gas than `MaxReceiptGas` or a payload longer than `MaxReceiptPayload`. Fails
/// with `OutOfGas` when the frame cannot pay the receipt's price plus its gas limit,
/// `TransferFailed` when the amount cannot be burned, `ReceiptNotSent` when the transport
/// refuses. Returns the receipt's id as one word.
pub fn generate<T: Config>(call: &MessageCall<T::AccountId>) -> Result<Answer, DispatchError> {
	let reverted = || DispatchError::from(Error::<T>::ContractReverted);
	let request = GenerateReceipt::decode(&call.input).ok_or_else(reverted)?;
	let plain_call = call.transfer && call.address == call.code_address && !call.is_static;
	let source_para = T::Environment::para_id();
	let acceptable = plain_call
		&& call.value == request.amount
		&& request.target_para != source_para
		&& !is_system_contract(&request.target)
		&& is_trusted::<T>(request.target_para)
		&& request.gas_limit <= T::MaxReceiptGas::get()
		&& request.payload.len() <= T::MaxReceiptPayload::get() as usize;
	if !acceptable {
		return Err(reverted());
	}
	let costs = &call.pricing.host;
	let gas_used = costs
		.generate_receipt
		.saturating_add(
			costs.generate_receipt_per_byte.saturating_mul(request.payload.len() as u64),
		)
		.saturating_add(request.gas_limit);
	if gas_used > call.gas_limit {
		return Err(Error::<T>::OutOfGas.into());
	}
	let preservation =
		if call.depth == 0 { Preservation::Preserve } else { Preservation::Expendable };
	T::Currency::burn_from(
		&call.payer,
		request.amount,
		preservation,
		Precision::Exact,
		Fortitude::Polite,
	)
	.map_err(|_| Error::<T>::TransferFailed)?;
	let nonce = OutboxNonce::<T>::get(request.target_para);
	OutboxNonce::<T>::insert(request.target_para, nonce.checked_add(1).ok_or_else(reverted)?);
	let sent = SentTotal::<T>::get(request.target_para).checked_add(request.amount);
	SentTotal::<T>::insert(request.target_para, sent.ok_or_else(reverted)?);
	let receipt = request.receipt(source_para, call.caller, nonce);
	let id = receipt.id();
	Outbox::<T>::insert(receipt.target_para, nonce, id);
	T::ReceiptTransport::send(&receipt, &request.payload)
		.map_err(|NotSent| Error::<T>::ReceiptNotSent)?;
	emit_log::<T>(topics::GENERATED, id);
	Pallet::<T>::deposit_event(Event::ReceiptGenerated { id, receipt });
	Ok(Answer { output: id.to_vec(), gas_used })
}

/// Logs, as the receipts contract, `topic` with the receipt's id as the second topic.
fn emit_log<T: Config>(topic: [u8; 32], id: [u8; 32]) {
	Pallet::<T>::deposit_event(Event::ContractEmitted {
		contract: RECEIPTS,
		topics: alloc::vec![H256(topic), H256(id)],
		data: Vec::new(),
	});
}

/// Checks that `receipt`, with `payload`, may be delivered here now: it is for this chain
/// (and not for a system contract),
/// from a trusted sibling, within the size limits, its payload is the one it commits to, and
/// it was not delivered before.
pub fn check<T: Config>(receipt: &Receipt, payload: &[u8]) -> Result<(), DispatchError> {
	let this_para = T::Environment::para_id();
	if receipt.target_para != this_para || is_system_contract(&receipt.target) {
		return Err(Error::<T>::ReceiptWrongTarget.into());
	}
	if !is_trusted::<T>(receipt.source_para) || receipt.source_para == this_para {
		return Err(Error::<T>::ReceiptSourceUntrusted.into());
	}
	if receipt.gas_limit > T::MaxReceiptGas::get()
		|| payload.len() > T::MaxReceiptPayload::get() as usize
	{
		return Err(Error::<T>::ReceiptTooLarge.into());
	}
	if payload_hash(payload) != receipt.payload_hash {
		return Err(Error::<T>::ReceiptPayloadMismatch.into());
	}
	if Inbox::<T>::contains_key(receipt.source_para, receipt.nonce) {
		return Err(Error::<T>::ReceiptAlreadyDelivered.into());
	}
	Ok(())
}

/// What a delivery did, for its weight.
pub struct Delivery {
	/// Length of the target's code that was loaded (0 if it has none).
	pub code_len: u32,
	/// Gas its `receiveMessage` used.
	pub gas_used: u64,
	/// Whether `receiveMessage` succeeded (or the target has none): `ReceiptDelivered` rather
	/// than `ReceiptFailed`.
	pub received: bool,
}

/// A transaction of its own for delivering a receipt by an extrinsic (the push's
/// `deliver_receipt`, a `claim_receipt`): `receiveMessage` sees the receipts contract as the
/// transaction's origin.
pub fn delivery_transaction<T: Config>() -> Transaction {
	Transaction::new::<T>(RECEIPTS)
}

/// Delivers `receipt` with `payload` (see the module documentation) within `tx`, the target's
/// `receiveMessage` as a frame at `depth`: all or nothing up to the value's arrival, then
/// `receiveMessage` in a frame of its own. Fails, changing nothing, if [`check`] refuses it,
/// or with `ReceiptUndeliverable` if the value cannot be credited or the call stack's memory
/// cannot hold `receiveMessage`'s call data.
pub fn deliver<T: Config>(
	tx: &Transaction,
	depth: u32,
	receipt: Receipt,
	payload: Vec<u8>,
) -> Result<Delivery, DispatchError> {
	check::<T>(&receipt, &payload)?;
	let id = receipt.id();
	let received = ReceivedTotal::<T>::get(receipt.source_para).checked_add(receipt.amount);
	let received = received.ok_or(Error::<T>::ReceiptUndeliverable)?;
	let input = receive_message_input(&receipt, &payload);
	let reservation =
		tx.memory_budget.reserve(input.len()).ok_or(Error::<T>::ReceiptUndeliverable)?;
	let target = account_of::<T>(&receipt.target);
	if receipt.amount > 0 {
		T::Currency::mint_into(&target, receipt.amount)
			.map_err(|_| Error::<T>::ReceiptUndeliverable)?;
	}
	ReceivedTotal::<T>::insert(receipt.source_para, received);
	Inbox::<T>::insert(receipt.source_para, receipt.nonce, id);

	let call = MessageCall {
		payer: target,
		caller: RECEIPTS,
		address: receipt.target,
		code_address: receipt.target,
		value: receipt.amount,
		transfer: false,
		input: BudgetedBytes::new(input, reservation),
		gas_limit: receipt.gas_limit,
		is_static: false,
		depth,
		entry: RECEIVE_ENTRY_POINT,
		pricing: tx.newest_schedule::<T>()?,
	};
	let outcome = exec::run_call::<T>(tx, call);
	let gas_used = receipt.gas_limit.saturating_sub(outcome.gas_left);
	let received = outcome.result.is_ok();
	match outcome.result {
		Ok(()) => {
			emit_log::<T>(topics::DELIVERED, id);
			Pallet::<T>::deposit_event(Event::ReceiptDelivered { id, receipt, gas_used });
		}
		Err(error) => {
			emit_log::<T>(topics::FAILED, id);
			Pallet::<T>::deposit_event(Event::ReceiptFailed { id, receipt, error });
		}
	}
	Ok(Delivery { code_len: outcome.code_len, gas_used, received })
}

/// Records the heads of trusted siblings the relay chain included, as `(para, head)` with the
/// head SCALE-encoded as the relay chain stores it (a header of this runtime's type: siblings
/// run the same runtime). Keeps each sibling's state root under its block number, the last
/// [`MAX_SIBLING_ROOTS`] of them; ignores an untrusted sibling, a head that does not decode
/// and one not newer than the last recorded. Returns the weight of the work: the runtime calls
/// it from parachain-system's `on_relay_state_proof`, which accounts for it.
pub fn note_sibling_heads<T: Config>(heads: impl IntoIterator<Item = (u32, Vec<u8>)>) -> Weight {
	let mut examined = 0u32;
	for (para, head) in heads {
		examined = examined.saturating_add(1);
		if !is_trusted::<T>(para) || para == T::Environment::para_id() {
			continue;
		}
		let Ok(header) = HeaderFor::<T>::decode(&mut &head[..]) else { continue };
		let number: u32 = (*header.number()).unique_saturated_into();
		SiblingStateRoots::<T>::mutate(para, |roots| {
			if roots.last().is_some_and(|(last, _)| *last >= number) {
				return;
			}
			if roots.is_full() {
				roots.remove(0);
			}
			let _ = roots.try_push((number, *header.state_root()));
		});
	}
	T::WeightInfo::note_sibling_heads(examined)
}

/// The state root of block `number` of sibling `para`, if it is among those recorded.
pub fn sibling_state_root<T: Config>(para: u32, number: u32) -> Option<T::Hash> {
	let roots: BoundedVec<_, _> = SiblingStateRoots::<T>::get(para);
	roots.iter().find(|(recorded, _)| *recorded == number).map(|(_, root)| *root)
}

/// Checks that `proof` (trie nodes) shows the source's [`Outbox`] holding `receipt`'s id under
/// its (target, nonce), in the state whose root is `root`. The outbox's storage key is the same
/// on every parachain of this runtime.
pub fn verify_outbox_proof<T: Config>(
	receipt: &Receipt,
	root: &T::Hash,
	proof: Vec<Vec<u8>>,
) -> Result<(), DispatchError> {
	let key = Outbox::<T>::hashed_key_for(receipt.target_para, receipt.nonce);
	let db = StorageProof::new(proof).into_memory_db::<T::Hashing>();
	let value = read_trie_value::<LayoutV1<T::Hashing>, _>(&db, root, &key, None, None)
		.map_err(|_| Error::<T>::ReceiptProofInvalid)?;
	if value != Some(receipt.id().encode()) {
		return Err(Error::<T>::ReceiptProofInvalid.into());
	}
	Ok(())
}

/// Claims a receipt by its proof against the recorded state root of the source's block
/// (see the module documentation), then delivers it within `tx` as [`deliver`] does,
/// `receiveMessage` at `depth`, and emits `ReceiptClaimed` for `claimer`. Fails, changing
/// nothing, with `ReceiptTooLarge` for a proof over [`MAX_PROOF_BYTES`],
/// `UnknownSourceBlock`, `ReceiptProofInvalid`, or what [`deliver`] fails with.
pub fn claim<T: Config>(
	tx: &Transaction,
	depth: u32,
	claim: ClaimReceipt,
	claimer: T::AccountId,
) -> Result<Delivery, DispatchError> {
	let ClaimReceipt { receipt, payload, source_block, proof } = claim;
	if proof_bytes(&proof) > MAX_PROOF_BYTES {
		return Err(Error::<T>::ReceiptTooLarge.into());
	}
	let root = sibling_state_root::<T>(receipt.source_para, source_block)
		.ok_or(Error::<T>::UnknownSourceBlock)?;
	verify_outbox_proof::<T>(&receipt, &root, proof)?;
	let id = receipt.id();
	let delivery = deliver::<T>(tx, depth, receipt, payload)?;
	Pallet::<T>::deposit_event(Event::ReceiptClaimed { id, claimer });
	Ok(delivery)
}

/// The size of a proof as claims count it: its trie nodes' bytes, and
/// [`PROOF_NODE_OVERHEAD_BYTES`] for each node.
/// (at most `u32::MAX`).
pub fn proof_bytes(proof: &[Vec<u8>]) -> u32 {
	let bytes = proof.iter().fold(0usize, |bytes, node| {
		bytes.saturating_add(node.len()).saturating_add(PROOF_NODE_OVERHEAD_BYTES)
	});
	u32::try_from(bytes).unwrap_or(u32::MAX)
}

/// The gas a claim costs besides its receipt's `receiveMessage`: the verification of a proof of
/// `proof_bytes` ([`proof_bytes`]) and the delivery of `payload_len` bytes of payload to a
/// target of `code_len` bytes of code ([`HostCosts`](crate::gas::HostCosts)'s `claim_receipt*`
/// prices).
fn claim_gas(costs: &HostCosts, proof_bytes: u32, payload_len: usize, code_len: u32) -> u64 {
	let words = |bytes: usize| (bytes as u64).div_ceil(32);
	let proof_bytes = proof_bytes as usize;
	costs
		.claim_receipt
		.saturating_add(costs.claim_receipt_per_proof_word.saturating_mul(words(proof_bytes)))
		.saturating_add(costs.claim_receipt_per_payload_word.saturating_mul(words(payload_len)))
		.saturating_add(costs.claim_receipt_per_code_word.saturating_mul(words(code_len as usize)))
}

/// `claimReceipt`, called by a contract (or a user's `call`) at the receipts contract: claims
/// the receipt as [`claim`] does, the claimer being the calling account, `receiveMessage` a
/// frame below this one sharing the call stack's memory. Reverts (`ContractReverted`, keeping
/// the gas) for call data that is not a canonical `claimReceipt`, a `callStatic`, a call that
/// sends value, or a frame at the depth limit; fails with `OutOfGas` unless the frame has the
/// claim's price for a target of the largest code plus the receipt's gas limit, and with
/// [`claim`]'s errors (consuming the frame's gas: the work was done). Uses the claim's price
/// for the target's actual code plus the gas `receiveMessage` used; returns [`claim_output`].
pub fn answer_claim<T: Config>(
	tx: &Transaction,
	call: &MessageCall<T::AccountId>,
) -> Result<Answer, DispatchError> {
	let request = ClaimReceipt::decode(&call.input).ok_or(Error::<T>::ContractReverted)?;
	let sends_value = call.transfer && call.value > 0;
	if call.is_static || sends_value || call.depth >= MAX_CALL_DEPTH {
		return Err(Error::<T>::ContractReverted.into());
	}
	let (proof_len, payload_len) = (proof_bytes(&request.proof), request.payload.len());
	let worst = claim_gas(&call.pricing.host, proof_len, payload_len, T::MaxCodeLen::get())
		.saturating_add(request.receipt.gas_limit);
	if worst > call.gas_limit {
		return Err(Error::<T>::OutOfGas.into());
	}
	let id = request.receipt.id();
	let delivery = claim::<T>(tx, call.depth + 1, request, call.payer.clone())?;
	let price = claim_gas(&call.pricing.host, proof_len, payload_len, delivery.code_len);
	Ok(Answer {
		output: claim_output(&id, delivery.received),
		gas_used: price.saturating_add(delivery.gas_used),
	})
}

/// The outbox entries to `target_para` from `from_nonce`, at most `count` (and
/// [`MAX_LISTED_RECEIPTS`]), as (nonce, id) (`EwasmApi::receipts_sent`).
pub fn sent<T: Config>(target_para: u32, from_nonce: u64, count: u32) -> Vec<(u64, [u8; 32])> {
	let end = from_nonce
		.saturating_add(count.min(MAX_LISTED_RECEIPTS).into())
		.min(OutboxNonce::<T>::get(target_para));
	(from_nonce..end)
		.filter_map(|nonce| Outbox::<T>::get(target_para, nonce).map(|id| (nonce, id)))
		.collect()
}

/// The inbox entries from `source_para` among the `count` (at most [`MAX_LISTED_RECEIPTS`])
/// nonces from `from_nonce`, as (nonce, id) (`EwasmApi::receipts_delivered`).
pub fn delivered<T: Config>(source_para: u32, from_nonce: u64, count: u32) -> Vec<(u64, [u8; 32])> {
	let end = from_nonce.saturating_add(count.min(MAX_LISTED_RECEIPTS).into());
	(from_nonce..end)
		.filter_map(|nonce| Inbox::<T>::get(source_para, nonce).map(|id| (nonce, id)))
		.collect()
}

/// The storage key of the outbox entry (`target_para`, `nonce`) (`EwasmApi::receipt_proof_key`).
pub fn proof_key<T: Config>(target_para: u32, nonce: u64) -> Vec<u8> {
	Outbox::<T>::hashed_key_for(target_para, nonce)
}
