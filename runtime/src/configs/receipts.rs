//! How receipts of the Ewasm pallet travel between parachains: over XCM on the HRMP channel
//! to the target, as an unpaid `Transact` of `Ewasm::deliver_receipt` with the native origin
//! (the sender's contract paid for the delivery, in gas, on the source). The target
//! dispatches it with `cumulus_pallet_xcm::Origin::SiblingParachain(source)`, which
//! [`EnsureSiblingPara`] turns into the source's id; [`AllowReceiptsFromTrustedSiblings`]
//! is the barrier that lets exactly such messages from trusted siblings execute unpaid.
//!
//! Both parachains run this runtime, so the call the source encodes is the call the target
//! decodes.
//!
//! For claims by proof, the runtime asks its collator to include each trusted sibling's head
//! in the relay chain state proof ([`sibling_head_keys`], the `KeyToIncludeInRelayProof` API
//! the collator calls), and [`RecordSiblingHeads`] hands the heads found there to the pallet
//! in every block.

use crate::{configs::xcm_config::XcmRouter, Runtime, RuntimeCall, RuntimeOrigin};
use alloc::vec;
use codec::{DecodeLimit, Encode};
use cumulus_pallet_parachain_system::{OnSystemEvent, RelayChainStateProof};
use cumulus_primitives_core::{
	relay_chain::{well_known_keys, HeadData},
	PersistedValidationData, RelayProofRequest, RelayStorageKey,
};
use ewasm_primitives::system::receipts::Receipt;
use frame_support::{
	dispatch::GetDispatchInfo,
	traits::{EnsureOrigin, ProcessMessageError},
};
use pallet_ewasm::receipts::{is_trusted, NotSent, ReceiptTransport};
use polkadot_sdk::*;
use staging_xcm::{latest::prelude::*, MAX_XCM_DECODE_DEPTH};
use staging_xcm_executor::traits::{Properties, ShouldExecute};

/// The `deliver_receipt` call that delivers `receipt` on its target.
fn delivery_call(receipt: &Receipt, payload: &[u8]) -> RuntimeCall {
	RuntimeCall::Ewasm(pallet_ewasm::Call::deliver_receipt {
		receipt: receipt.clone(),
		payload: payload.to_vec(),
	})
}

/// The relay chain keys of the heads of the trusted siblings (this chain excepted): what the
/// collator is asked to prove in each block's relay state proof.
pub fn sibling_head_keys() -> RelayProofRequest {
	let this = u32::from(crate::ParachainInfo::parachain_id());
	let keys = pallet_ewasm::TrustedSiblings::<Runtime>::get()
		.into_iter()
		.filter(|para| *para != this)
		.map(|para| RelayStorageKey::Top(well_known_keys::para_head(para.into())))
		.collect();
	RelayProofRequest { keys }
}

/// Parachain-system's hook on the verified relay state proof: the heads of the trusted
/// siblings found in it go to the Ewasm pallet (`receipts::note_sibling_heads`). A head the
/// proof does not hold (the collator did not include it, or the dev chain's mocked relay
/// chain) is skipped.
pub struct RecordSiblingHeads;

impl OnSystemEvent for RecordSiblingHeads {
	fn on_validation_data(_: &PersistedValidationData) {}

	fn on_validation_code_applied() {}

	fn on_relay_state_proof(proof: &RelayChainStateProof) -> Weight {
		let siblings = pallet_ewasm::TrustedSiblings::<Runtime>::get();
		let heads = siblings.into_iter().filter_map(|para| {
			let key = well_known_keys::para_head(para.into());
			let head: Option<HeadData> = proof.read_optional_entry(&key).ok().flatten();
			head.map(|head| (para, head.0))
		});
		let read_siblings = <Runtime as frame_system::Config>::DbWeight::get().reads(1);
		pallet_ewasm::receipts::note_sibling_heads::<Runtime>(heads).saturating_add(read_siblings)
	}
}

/// Sends receipts to sibling parachains over XCM.
pub struct XcmReceiptTransport;

impl ReceiptTransport for XcmReceiptTransport {
	fn send(receipt: &Receipt, payload: &[u8]) -> Result<(), NotSent> {
		let call = delivery_call(receipt, payload);
		let weight = call.get_dispatch_info().call_weight;
		let message = Xcm(vec![
			// The target's weigher adds its price of each instruction to the call's weight;
			// what bounds the message is the call's weight, which the target checks.
			UnpaidExecution { weight_limit: Unlimited, check_origin: None },
			Transact {
				origin_kind: OriginKind::Native,
				fallback_max_weight: Some(weight),
				call: call.encode().into(),
			},
		]);
		let destination = Location::new(1, [Parachain(receipt.target_para)]);
		send_xcm::<XcmRouter>(destination, message).map(|_| ()).map_err(|_| NotSent)
	}

	/// Opens a channel to each of `target_paras` (pages of the most the XCMP queue allows) and
	/// queues on each a message of [`benchmarking::FILLER_BYTES`]: the next send to it reads
	/// that nearly full page, appends to it and writes it back, the dearest a send gets.
	#[cfg(feature = "runtime-benchmarks")]
	fn prepare_worst_routes(target_paras: &[u32]) {
		benchmarking::prepare_worst_routes(target_paras)
	}
}

/// The benchmark setup of the transport.
#[cfg(feature = "runtime-benchmarks")]
mod benchmarking {
	use super::*;
	use cumulus_pallet_parachain_system::{
		relay_state_snapshot::MessagingStateSnapshot, RelevantMessagingState,
	};
	use cumulus_primitives_core::AbridgedHrmpChannel;

	/// The largest page the XCMP queue writes (its `MaxPageSize`).
	const PAGE_BYTES: u32 = 1 << 16;

	/// The filler queued on each channel: a page with room left for the largest receipt
	/// message (a 4 KiB payload, the receipt and the XCM around them take under 5 KiB).
	pub const FILLER_BYTES: usize = PAGE_BYTES as usize - 8 * 1024;

	/// See [`XcmReceiptTransport::prepare_worst_routes`].
	pub fn prepare_worst_routes(target_paras: &[u32]) {
		let channel = AbridgedHrmpChannel {
			max_capacity: 1_000,
			max_total_size: 100 * PAGE_BYTES,
			max_message_size: PAGE_BYTES,
			msg_count: 0,
			total_size: 0,
			mqc_head: None,
		};
		let mut paras = target_paras.to_vec();
		paras.sort();
		RelevantMessagingState::<Runtime>::put(MessagingStateSnapshot {
			dmq_mqc_head: Default::default(),
			relay_dispatch_queue_remaining_capacity: Default::default(),
			ingress_channels: alloc::vec::Vec::new(),
			egress_channels: paras.iter().map(|para| ((*para).into(), channel.clone())).collect(),
		});
		for para in paras {
			let filler = Xcm::<()>(vec![Transact {
				origin_kind: OriginKind::Native,
				fallback_max_weight: None,
				call: vec![0u8; FILLER_BYTES].into(),
			}]);
			send_xcm::<XcmRouter>(Location::new(1, [Parachain(para)]), filler)
				.expect("the channel was just opened and the filler fits its page; qed");
		}
	}
}

/// The origin of a sibling parachain's `Transact` with `OriginKind::Native`, as its id.
pub struct EnsureSiblingPara;

impl EnsureOrigin<RuntimeOrigin> for EnsureSiblingPara {
	type Success = u32;

	fn try_origin(origin: RuntimeOrigin) -> Result<u32, RuntimeOrigin> {
		cumulus_pallet_xcm::ensure_sibling_para(origin.clone()).map(u32::from).map_err(|_| origin)
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn try_successful_origin() -> Result<RuntimeOrigin, ()> {
		let sibling = u32::from(crate::ParachainInfo::parachain_id()).wrapping_add(1);
		Ok(cumulus_pallet_xcm::Origin::SiblingParachain(sibling.into()).into())
	}
}

/// Lets a trusted sibling (`(1, Parachain(id))`, `id` in the Ewasm pallet's
/// `TrustedSiblings`) execute, unpaid, exactly the message [`XcmReceiptTransport`] sends:
/// `UnpaidExecution` (with no limit, or one covering the message), then one `Transact` with
/// the native origin of `Ewasm::deliver_receipt`, whose weight is bounded by the pallet's
/// `MaxReceiptGas` and `MaxReceiptPayload`. Anything else is left to the other barriers.
pub struct AllowReceiptsFromTrustedSiblings;

impl ShouldExecute for AllowReceiptsFromTrustedSiblings {
	fn should_execute<Call>(
		origin: &Location,
		instructions: &mut [Instruction<Call>],
		max_weight: Weight,
		_properties: &mut Properties,
	) -> Result<(), ProcessMessageError> {
		let (1, [Parachain(sibling)]) = origin.unpack() else {
			return Err(ProcessMessageError::Unsupported);
		};
		if !is_trusted::<Runtime>(*sibling) {
			return Err(ProcessMessageError::Unsupported);
		}
		let [UnpaidExecution { weight_limit, check_origin: None }, Transact { origin_kind: OriginKind::Native, call, .. }] =
			instructions
		else {
			return Err(ProcessMessageError::Unsupported);
		};
		if let Limited(limit) = weight_limit {
			if !limit.all_gte(max_weight) {
				return Err(ProcessMessageError::Overweight(max_weight));
			}
		}
		let decoded =
			RuntimeCall::decode_with_depth_limit(MAX_XCM_DECODE_DEPTH, &mut call.encoded());
		match decoded {
			Ok(RuntimeCall::Ewasm(pallet_ewasm::Call::deliver_receipt { .. })) => Ok(()),
			_ => Err(ProcessMessageError::Unsupported),
		}
	}
}

#[cfg(test)]
mod tests {
	use super::*;
	use crate::{ParachainSystem, RuntimeGenesisConfig, XcmpQueue};
	use codec::Decode;
	use cumulus_primitives_core::XcmpMessageSource;
	use sp_runtime::BuildStorage;
	use staging_xcm::VersionedXcm;

	/// The runtime's genesis state, trusting `trusted`, with block 1 started.
	fn externalities(trusted: &[u32]) -> sp_io::TestExternalities {
		let mut genesis = RuntimeGenesisConfig::default();
		genesis.ewasm.trusted_siblings = trusted.to_vec();
		let mut ext: sp_io::TestExternalities = genesis.build_storage().unwrap().into();
		ext.execute_with(|| frame_system::Pallet::<Runtime>::set_block_number(1));
		ext
	}

	fn receipt() -> Receipt {
		Receipt {
			source_para: 2001,
			source: ewasm_primitives::Address([1; 20]),
			nonce: 0,
			target_para: 2000,
			target: ewasm_primitives::Address([2; 20]),
			amount: 5,
			gas_limit: 1_000,
			payload_hash: ewasm_primitives::system::receipts::payload_hash(b"hi"),
		}
	}

	/// The message [`XcmReceiptTransport`] sends, with `call` in its `Transact`.
	fn message(call: RuntimeCall, origin_kind: OriginKind) -> Vec<Instruction<RuntimeCall>> {
		vec![
			UnpaidExecution { weight_limit: Unlimited, check_origin: None },
			Transact { origin_kind, fallback_max_weight: None, call: call.encode().into() },
		]
	}

	fn admits(origin: Location, mut instructions: Vec<Instruction<RuntimeCall>>) -> bool {
		let max_weight = Weight::from_parts(10_000_000_000, 1_000_000);
		let mut properties = Properties { weight_credit: Weight::zero(), message_id: None };
		AllowReceiptsFromTrustedSiblings::should_execute(
			&origin,
			&mut instructions,
			max_weight,
			&mut properties,
		)
		.is_ok()
	}

	#[test]
	fn the_barrier_admits_exactly_a_receipt_delivery_from_a_trusted_sibling() {
		externalities(&[2001]).execute_with(|| {
			let sibling = Location::new(1, [Parachain(2001)]);
			let delivery = delivery_call(&receipt(), b"hi");
			assert!(admits(sibling.clone(), message(delivery.clone(), OriginKind::Native)));
			// Not from an untrusted sibling, a user on the sibling, or the relay chain.
			assert!(!admits(
				Location::new(1, [Parachain(2002)]),
				message(delivery.clone(), OriginKind::Native)
			));
			let user =
				Location::new(1, [Parachain(2001), AccountId32 { network: None, id: [7; 32] }]);
			assert!(!admits(user, message(delivery.clone(), OriginKind::Native)));
			assert!(!admits(Location::parent(), message(delivery.clone(), OriginKind::Native)));
			// Not another origin kind, another call, another shape, a limit below the weight.
			let as_sovereign = message(delivery.clone(), OriginKind::SovereignAccount);
			assert!(!admits(sibling.clone(), as_sovereign));
			let transfer = RuntimeCall::System(frame_system::Call::remark { remark: vec![] });
			assert!(!admits(sibling.clone(), message(transfer, OriginKind::Native)));
			let mut longer = message(delivery.clone(), OriginKind::Native);
			longer.push(ClearOrigin);
			assert!(!admits(sibling.clone(), longer));
			let mut limited = message(delivery, OriginKind::Native);
			limited[0] = UnpaidExecution {
				weight_limit: Limited(Weight::from_parts(1, 1)),
				check_origin: None,
			};
			assert!(!admits(sibling, limited));
		});
	}

	#[test]
	fn the_heads_of_trusted_siblings_in_the_relay_proof_are_recorded() {
		use cumulus_test_relay_sproof_builder::RelayStateSproofBuilder;
		use sp_runtime::traits::Header as _;
		let this = 100;
		externalities(&[this, 2001, 2002]).execute_with(|| {
			assert_eq!(u32::from(crate::ParachainInfo::parachain_id()), this);
			let requested = sibling_head_keys().keys;
			let expected: Vec<_> = [2001u32, 2002]
				.map(|para| RelayStorageKey::Top(well_known_keys::para_head(para.into())))
				.into();
			assert_eq!(requested, expected, "the trusted siblings' heads, not this chain's");
			let state_root = sp_core::H256::repeat_byte(7);
			let header = crate::Header::new(
				7,
				Default::default(),
				state_root,
				Default::default(),
				Default::default(),
			);
			let builder = RelayStateSproofBuilder {
				para_id: this.into(),
				additional_key_values: vec![(
					well_known_keys::para_head(2001.into()),
					HeadData(header.encode()).encode(),
				)],
				..Default::default()
			};
			let (root, proof) = builder.into_state_root_and_proof();
			let relay = RelayChainStateProof::new(this.into(), root, proof).unwrap();
			let weight = RecordSiblingHeads::on_relay_state_proof(&relay);
			assert!(weight.ref_time() > 0);
			let recorded = pallet_ewasm::receipts::sibling_state_root::<Runtime>(2001, 7);
			assert_eq!(recorded, Some(state_root));
			// 2002's head is not in the proof: nothing is recorded for it.
			assert!(pallet_ewasm::SiblingStateRoots::<Runtime>::get(2002).is_empty());
		});
	}

	#[test]
	fn the_transport_sends_the_delivery_call_over_the_channel_or_refuses_without_one() {
		externalities(&[2001]).execute_with(|| {
			let mut outgoing = receipt();
			outgoing.source_para = 2000;
			outgoing.target_para = 2001;
			assert_eq!(XcmReceiptTransport::send(&outgoing, b"hi"), Err(NotSent));
			ParachainSystem::open_outbound_hrmp_channel_for_benchmarks_or_tests(2001.into());
			assert_eq!(XcmReceiptTransport::send(&outgoing, b"hi"), Ok(()));
			let pages = XcmpQueue::take_outbound_messages(10, &[]);
			assert_eq!(pages.len(), 1);
			let (recipient, page) = &pages[0];
			assert_eq!(u32::from(*recipient), 2001);
			// The page: its format byte, then the versioned message.
			let mut bytes = &page[1..];
			let VersionedXcm::V5(sent) = VersionedXcm::<RuntimeCall>::decode(&mut bytes).unwrap()
			else {
				panic!("a v5 message");
			};
			let mut instructions = sent.0;
			assert!(matches!(instructions.last(), Some(SetTopic(_))));
			instructions.pop();
			assert!(matches!(
				instructions[0],
				UnpaidExecution { weight_limit: Unlimited, check_origin: None }
			));
			let Transact { origin_kind: OriginKind::Native, call, .. } = &mut instructions[1]
			else {
				panic!("a native Transact");
			};
			assert_eq!(
				call.ensure_decoded().unwrap(),
				&delivery_call(&outgoing, b"hi"),
				"it delivers the receipt with its payload"
			);
			assert_eq!(instructions.len(), 2);
		});
	}
}
