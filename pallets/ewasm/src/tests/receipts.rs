//! Receipts between parachains: `generateReceipt` of the receipts contract (0x20) burns,
//! records and sends, or reverts changing nothing; `deliver_receipt` accepts a receipt only
//! from its trusted source parachain's origin, at most once, credits the value and runs the
//! target's `receiveMessage` (undone on its own when it fails); and value is conserved across
//! two chains whatever happens in between.

use super::*;
use crate::receipts::MAX_PROOF_BYTES;
use crate::{
	accounts::account_of, Inbox, Outbox, OutboxNonce, ReceivedTotal, SentTotal, TrustedSiblings,
};
use ewasm_primitives::system::{
	abi_word, address_word,
	receipts::{claim_output, payload_hash, topics, ClaimReceipt, GenerateReceipt, Receipt},
	ENVIRONMENT, RECEIPTS,
};
use polkadot_sdk::{
	frame_support::{assert_noop, traits::fungible::Mutate},
	sp_io::{storage, TestExternalities},
	sp_runtime::{traits::BadOrigin, StateVersion},
};

/// What the proxies that send receipts hold.
const FUNDS: u128 = 1_000_000;

/// Trusts [`SIBLING`] (and this chain's own id, which must still be refused).
fn trust_sibling() {
	assert_ok!(Ewasm::set_trusted_siblings(RuntimeOrigin::root(), vec![SIBLING, PARA_ID]));
}

/// A funded proxy (`fixtures/proxy.wat`), to send receipts through.
fn funded_proxy(salt: u8) -> Address {
	let proxy = deploy(&fixture("proxy"), salt);
	assert_ok!(Balances::mint_into(&account_of::<Test>(&proxy), FUNDS));
	proxy
}

/// A `generateReceipt` of `amount` to `target` on [`SIBLING`] with `payload`.
fn request(amount: u128, target: Address, payload: &[u8]) -> GenerateReceipt {
	GenerateReceipt {
		amount,
		target_para: SIBLING,
		target,
		gas_limit: 100_000_000,
		payload: payload.to_vec(),
	}
}

/// Sends `request` through `proxy` with a call of `kind` carrying `value`: the call's result
/// code and its return data.
fn send(proxy: Address, kind: u8, value: u128, request: &GenerateReceipt) -> (u8, Vec<u8>) {
	let input = proxy_input(kind, RECEIPTS, value, &request.encode());
	let outcome = call_for_output(proxy, 0, GAS, input);
	let returned = outcome.result.expect("the proxy finishes");
	let code = stored(proxy, 0).expect("the proxy records the result")[0] - 1;
	(code, returned)
}

/// The receipt `request` from `source` becomes when it is the chain's `nonce`-th to its target.
fn receipt_of(source: Address, nonce: u64, request: &GenerateReceipt) -> Receipt {
	request.receipt(PARA_ID, source, nonce)
}

#[test]
fn generating_a_receipt_burns_the_value_records_it_and_sends_it() {
	new_test_ext().execute_with(|| {
		trust_sibling();
		let proxy = funded_proxy(0);
		let issuance = Balances::total_issuance();
		let first = request(5_000, Address([7; 20]), b"hello");
		let (code, returned) = send(proxy, CALL, 5_000, &first);
		let receipt = receipt_of(proxy, 0, &first);
		assert_eq!((code, returned), (0, receipt.id().to_vec()));
		assert_eq!(Balances::balance(&account_of::<Test>(&proxy)), FUNDS - 5_000);
		assert_eq!(Balances::total_issuance(), issuance - 5_000, "the value left the supply");
		assert_eq!(SentTotal::<Test>::get(SIBLING), 5_000);
		assert_eq!(OutboxNonce::<Test>::get(SIBLING), 1);
		assert_eq!(Outbox::<Test>::get(SIBLING, 0), Some(receipt.id()));
		assert_eq!(SentReceipts::get(), vec![(receipt.clone(), b"hello".to_vec())]);
		let events = events();
		assert!(events.contains(&Event::ReceiptGenerated { id: receipt.id(), receipt }));
		assert!(events.contains(&Event::ContractEmitted {
			contract: RECEIPTS,
			topics: vec![H256(topics::GENERATED), H256(receipt_of(proxy, 0, &first).id())],
			data: vec![],
		}));
		// The next receipt to the same parachain is the next nonce.
		let second = request(0, Address([8; 20]), &[]);
		let (code, returned) = send(proxy, CALL, 0, &second);
		assert_eq!((code, returned), (0, receipt_of(proxy, 1, &second).id().to_vec()));
		assert_eq!(OutboxNonce::<Test>::get(SIBLING), 2);
		assert_eq!(SentReceipts::get().len(), 2);
		assert_state_consistent();
	});
}

#[test]
fn a_receipt_costs_its_price_and_the_gas_it_carries() {
	new_test_ext().execute_with(|| {
		trust_sibling();
		let costs = chain_schedule().host;
		let mut carrying = request(0, Address([7; 20]), &[1; 40]);
		let gas_of = |request: &GenerateReceipt| {
			call_for_output(RECEIPTS, 0, GAS, request.encode()).gas_used
		};
		assert_eq!(
			gas_of(&carrying),
			costs.generate_receipt + 40 * costs.generate_receipt_per_byte + 100_000_000
		);
		carrying.gas_limit = 0;
		assert_eq!(
			gas_of(&carrying),
			costs.generate_receipt + 40 * costs.generate_receipt_per_byte
		);
		// A frame that cannot pay for it runs out of gas, and nothing is generated.
		let short = costs.generate_receipt + 40 * costs.generate_receipt_per_byte - 1;
		let outcome = call_for_output(RECEIPTS, 0, short, carrying.encode());
		assert_eq!(outcome.result, Err(Error::<Test>::OutOfGas.into()));
		assert_eq!(outcome.gas_used, short);
		assert_eq!(OutboxNonce::<Test>::get(SIBLING), 2);
	});
}

#[test]
fn generate_receipt_reverts_what_it_refuses_and_changes_nothing() {
	new_test_ext().execute_with(|| {
		trust_sibling();
		let proxy = funded_proxy(0);
		let valid = request(5_000, Address([7; 20]), b"hi");
		let mut untrusted = valid.clone();
		untrusted.target_para = 2002;
		let mut itself = valid.clone();
		itself.target_para = PARA_ID;
		let mut to_environment = valid.clone();
		to_environment.target = ENVIRONMENT;
		let mut too_much_gas = valid.clone();
		too_much_gas.gas_limit = MAX_RECEIPT_GAS + 1;
		let mut too_long = valid.clone();
		too_long.payload = vec![1; MAX_RECEIPT_PAYLOAD as usize + 1];
		let mut cases = vec![
			("another value", CALL, 4_999, valid.encode()),
			("an untrusted parachain", CALL, 5_000, untrusted.encode()),
			("this parachain", CALL, 5_000, itself.encode()),
			("a system contract", CALL, 5_000, to_environment.encode()),
			("too much gas", CALL, 5_000, too_much_gas.encode()),
			("too long a payload", CALL, 5_000, too_long.encode()),
			("callCode", 1, 5_000, valid.encode()),
			("callDelegate", 2, 0, valid.encode()),
			("callStatic", 3, 0, valid.encode()),
			("bad call data", CALL, 5_000, valid.encode()[..40].to_vec()),
		];
		let mut padded = valid.encode();
		padded.push(0);
		cases.push(("trailing bytes", CALL, 5_000, padded));
		for (case, kind, value, input) in cases {
			let outcome =
				call_for_output(proxy, 0, GAS, proxy_input(kind, RECEIPTS, value, &input));
			assert_eq!(outcome.result, Ok(vec![]), "{case}");
			assert_eq!(stored(proxy, 0), Some(word(&[3])), "{case}: reverted (2)");
		}
		assert_eq!(Balances::balance(&account_of::<Test>(&proxy)), FUNDS);
		assert_eq!(OutboxNonce::<Test>::get(SIBLING), 0);
		assert_eq!(SentTotal::<Test>::get(SIBLING), 0);
		assert!(SentReceipts::get().is_empty());
		assert_eq!(Balances::balance(&account_of::<Test>(&RECEIPTS)), 0);
	});
}

#[test]
fn a_receipt_the_transport_cannot_send_is_not_generated_and_burns_nothing() {
	new_test_ext().execute_with(|| {
		trust_sibling();
		let proxy = funded_proxy(0);
		TransportOpen::set(&false);
		let issuance = Balances::total_issuance();
		let (code, _) = send(proxy, CALL, 5_000, &request(5_000, Address([7; 20]), b"hi"));
		assert_eq!(code, 1, "the call fails");
		assert_eq!(Balances::balance(&account_of::<Test>(&proxy)), FUNDS);
		assert_eq!(Balances::total_issuance(), issuance);
		assert_eq!((OutboxNonce::<Test>::get(SIBLING), SentTotal::<Test>::get(SIBLING)), (0, 0));
		assert_eq!(Outbox::<Test>::get(SIBLING, 0), None);
		assert_fails_cleanly!(
			Ewasm::call(
				RuntimeOrigin::signed(BOB),
				RECEIPTS,
				5_000,
				GAS,
				request(5_000, Address([7; 20]), b"hi").encode()
			),
			Error::<Test>::ReceiptNotSent
		);
	});
}

#[test]
fn a_user_sends_a_receipt_with_an_extrinsic() {
	new_test_ext().execute_with(|| {
		trust_sibling();
		let sent = request(5_000, Address([7; 20]), b"from bob");
		assert_ok!(Ewasm::call(RuntimeOrigin::signed(BOB), RECEIPTS, 5_000, GAS, sent.encode()));
		let bob = AccountId32Mapper::to_address(&BOB);
		assert_eq!(SentReceipts::get(), vec![(receipt_of(bob, 0, &sent), b"from bob".to_vec())]);
		assert_eq!(Balances::balance(&BOB), INITIAL_BALANCE - 5_000);
		// The signer keeps its existential deposit.
		let everything = request(INITIAL_BALANCE - 5_000, Address([7; 20]), &[]);
		assert_fails_cleanly!(
			Ewasm::call(
				RuntimeOrigin::signed(BOB),
				RECEIPTS,
				INITIAL_BALANCE - 5_000,
				GAS,
				everything.encode()
			),
			Error::<Test>::TransferFailed
		);
	});
}

/// A receipt from [`SIBLING`] to `target` on this chain.
fn incoming(nonce: u64, target: Address, amount: u128, payload: &[u8]) -> Receipt {
	Receipt {
		source_para: SIBLING,
		source: Address([0x5e; 20]),
		nonce,
		target_para: PARA_ID,
		target,
		amount,
		gas_limit: 200_000_000,
		payload_hash: payload_hash(payload),
	}
}

/// Delivers `receipt` with `payload` from [`SIBLING`]'s origin.
fn deliver(
	receipt: &Receipt,
	payload: &[u8],
) -> Result<PostDispatchInfo, DispatchErrorWithPostInfo<PostDispatchInfo>> {
	Ewasm::deliver_receipt(
		RuntimeOrigin::signed(sibling_account(SIBLING)),
		receipt.clone(),
		payload.to_vec(),
	)
}

#[test]
fn a_delivered_receipt_reaches_receive_message_with_its_source_and_payload() {
	new_test_ext().execute_with(|| {
		trust_sibling();
		let receiver = deploy(&fixture("receiver"), 0);
		let issuance = Balances::total_issuance();
		let receipt = incoming(3, receiver, 5_000, b"hello");
		assert_ok!(deliver(&receipt, b"hello"));
		assert_eq!(stored(receiver, 1), Some(abi_word(SIBLING.into())));
		assert_eq!(stored(receiver, 2), Some(address_word(&Address([0x5e; 20]))));
		assert_eq!(stored(receiver, 3), Some(abi_word(3)));
		assert_eq!(stored(receiver, 4), Some(receipt.id()));
		assert_eq!(stored(receiver, 5), Some(word(b"hello")));
		assert_eq!(stored(receiver, 6), Some(word(&RECEIPTS.0)));
		assert_eq!(stored(receiver, 7), Some(word(&5_000u128.to_le_bytes())));
		assert_eq!(Balances::balance(&account_of::<Test>(&receiver)), 5_000);
		assert_eq!(Balances::total_issuance(), issuance + 5_000);
		assert_eq!(ReceivedTotal::<Test>::get(SIBLING), 5_000);
		assert_eq!(Inbox::<Test>::get(SIBLING, 3), Some(receipt.id()));
		let events = events();
		assert!(events.contains(&Event::ContractEmitted {
			contract: receiver,
			topics: vec![],
			data: b"hello".to_vec()
		}));
		assert!(events.contains(&Event::ContractEmitted {
			contract: RECEIPTS,
			topics: vec![H256(topics::DELIVERED), H256(receipt.id())],
			data: vec![],
		}));
		let delivered = events.iter().find_map(|event| match event {
			Event::ReceiptDelivered { id, gas_used, .. } if *id == receipt.id() => Some(*gas_used),
			_ => None,
		});
		assert!(delivered.is_some_and(|gas| gas > 0 && gas < 200_000_000), "{delivered:?}");
		assert_state_consistent();
	});
}

#[test]
fn a_failing_receive_message_is_undone_and_the_value_still_delivered() {
	new_test_ext().execute_with(|| {
		trust_sibling();
		let receiver = deploy(&fixture("receiver"), 0);
		let receipt = incoming(0, receiver, 5_000, &[0xff, 1]);
		assert_ok!(deliver(&receipt, &[0xff, 1]));
		assert_eq!(stored(receiver, 1), None, "receiveMessage's writes are undone");
		assert_eq!(Balances::balance(&account_of::<Test>(&receiver)), 5_000);
		assert_eq!(Inbox::<Test>::get(SIBLING, 0), Some(receipt.id()));
		let events = events();
		assert!(events.contains(&Event::ReceiptFailed {
			id: receipt.id(),
			receipt: receipt.clone(),
			error: Error::<Test>::ContractReverted.into(),
		}));
		assert!(events.contains(&Event::ContractEmitted {
			contract: RECEIPTS,
			topics: vec![H256(topics::FAILED), H256(receipt.id())],
			data: vec![],
		}));
		assert!(!events.iter().any(|event| matches!(event, Event::ReceiptDelivered { .. })));
		// Running out of gas fails the same way.
		let mut starved = incoming(1, receiver, 7, b"x");
		starved.gas_limit = 10;
		assert_ok!(deliver(&starved, b"x"));
		assert!(events_contain_failure(starved.id(), Error::<Test>::OutOfGas.into()));
		assert_eq!(Balances::balance(&account_of::<Test>(&receiver)), 5_007);
	});
}

fn events_contain_failure(receipt_id: [u8; 32], expected: DispatchError) -> bool {
	events().iter().any(|event| {
		matches!(event, Event::ReceiptFailed { id, error, .. } if *id == receipt_id && *error == expected)
	})
}

#[test]
fn a_target_without_receive_message_takes_the_value_and_runs_nothing() {
	new_test_ext().execute_with(|| {
		trust_sibling();
		let store = deploy(&fixture("store"), 0);
		let bob = AccountId32Mapper::to_address(&BOB);
		assert_ok!(Ewasm::call(RuntimeOrigin::signed(BOB), store, 0, GAS, key_value_input(1, 1)));
		let before = Balances::balance(&BOB);
		assert_ok!(deliver(&incoming(0, store, 5_000, b"data"), b"data"));
		assert_ok!(deliver(&incoming(1, bob, 6_000, &[]), &[]));
		assert_eq!(Balances::balance(&account_of::<Test>(&store)), 5_000);
		assert_eq!(Balances::balance(&BOB), before + 6_000, "a recorded user gets it directly");
		let storage: Vec<_> = ContractStorage::<Test>::iter_prefix(store).collect();
		assert_eq!(storage, vec![([1; 32], [1; 32])], "the store contract's main did not run");
		let gas: Vec<u64> = events()
			.iter()
			.filter_map(|event| match event {
				Event::ReceiptDelivered { gas_used, .. } => Some(*gas_used),
				_ => None,
			})
			.collect();
		assert_eq!(gas, vec![0, 0]);
	});
}

#[test]
fn deliveries_from_other_origins_or_of_bad_receipts_are_refused_changing_nothing() {
	new_test_ext().execute_with(|| {
		trust_sibling();
		let receiver = deploy(&fixture("receiver"), 0);
		let receipt = incoming(0, receiver, 5_000, b"hi");
		for origin in [RuntimeOrigin::signed(ALICE), RuntimeOrigin::root(), RuntimeOrigin::none()] {
			assert_fails_cleanly!(
				Ewasm::deliver_receipt(origin, receipt.clone(), b"hi".to_vec()),
				BadOrigin
			);
		}
		// 2002 is not trusted; 2001 cannot deliver 2002's receipts.
		let mut from_2002 = receipt.clone();
		from_2002.source_para = 2002;
		assert_fails_cleanly!(
			Ewasm::deliver_receipt(
				RuntimeOrigin::signed(sibling_account(2002)),
				from_2002.clone(),
				b"hi".to_vec()
			),
			Error::<Test>::ReceiptSourceUntrusted
		);
		assert_fails_cleanly!(deliver(&from_2002, b"hi"), Error::<Test>::ReceiptNotFromSender);
		// A chain does not take receipts from itself, even when it lists itself.
		let mut from_itself = receipt.clone();
		from_itself.source_para = PARA_ID;
		assert_fails_cleanly!(
			Ewasm::deliver_receipt(
				RuntimeOrigin::signed(sibling_account(PARA_ID)),
				from_itself,
				b"hi".to_vec()
			),
			Error::<Test>::ReceiptSourceUntrusted
		);
		let mut elsewhere = receipt.clone();
		elsewhere.target_para = 2002;
		assert_fails_cleanly!(deliver(&elsewhere, b"hi"), Error::<Test>::ReceiptWrongTarget);
		let mut to_system = receipt.clone();
		to_system.target = ENVIRONMENT;
		assert_fails_cleanly!(deliver(&to_system, b"hi"), Error::<Test>::ReceiptWrongTarget);
		assert_fails_cleanly!(deliver(&receipt, b"ho"), Error::<Test>::ReceiptPayloadMismatch);
		let mut greedy = receipt.clone();
		greedy.gas_limit = MAX_RECEIPT_GAS + 1;
		assert_fails_cleanly!(deliver(&greedy, b"hi"), Error::<Test>::ReceiptTooLarge);
		let long = vec![1; MAX_RECEIPT_PAYLOAD as usize + 1];
		let long_receipt = incoming(0, receiver, 5_000, &long);
		assert_fails_cleanly!(deliver(&long_receipt, &long), Error::<Test>::ReceiptTooLarge);
	});
}

#[test]
fn a_receipt_is_delivered_at_most_once() {
	new_test_ext().execute_with(|| {
		trust_sibling();
		let receiver = deploy(&fixture("receiver"), 0);
		let receipt = incoming(0, receiver, 5_000, b"hi");
		assert_ok!(deliver(&receipt, b"hi"));
		assert_fails_cleanly!(deliver(&receipt, b"hi"), Error::<Test>::ReceiptAlreadyDelivered);
		// Another receipt with the same nonce (a different amount) is the same nullifier.
		let mut forged = receipt.clone();
		forged.amount = 9_999;
		assert_fails_cleanly!(deliver(&forged, b"hi"), Error::<Test>::ReceiptAlreadyDelivered);
		// A failed receiveMessage spends the nullifier too.
		let failing = incoming(1, receiver, 1, &[0xff]);
		assert_ok!(deliver(&failing, &[0xff]));
		assert_fails_cleanly!(deliver(&failing, &[0xff]), Error::<Test>::ReceiptAlreadyDelivered);
		assert_eq!(Balances::balance(&account_of::<Test>(&receiver)), 5_001);
	});
}

#[test]
fn a_value_a_new_account_cannot_hold_waits_until_it_can() {
	new_test_ext().execute_with(|| {
		trust_sibling();
		let empty = Address([0x99; 20]);
		let dust = incoming(0, empty, ED - 1, &[]);
		assert_fails_cleanly!(deliver(&dust, &[]), Error::<Test>::ReceiptUndeliverable);
		assert_ok!(Balances::mint_into(&account_of::<Test>(&empty), ED));
		assert_ok!(deliver(&dust, &[]));
		assert_eq!(Balances::balance(&account_of::<Test>(&empty)), 2 * ED - 1);
	});
}

#[test]
fn only_root_sets_the_trusted_siblings_and_their_number_is_bounded() {
	new_test_ext().execute_with(|| {
		assert_eq!(TrustedSiblings::<Test>::get().into_inner(), Vec::<u32>::new());
		assert_noop!(Ewasm::set_trusted_siblings(RuntimeOrigin::signed(ALICE), vec![1]), BadOrigin);
		let too_many: Vec<u32> = (0..=crate::receipts::MAX_TRUSTED_SIBLINGS).collect();
		assert_noop!(
			Ewasm::set_trusted_siblings(RuntimeOrigin::root(), too_many),
			Error::<Test>::TooManySiblings
		);
		assert_ok!(Ewasm::set_trusted_siblings(RuntimeOrigin::root(), vec![2001, 2002]));
		assert_eq!(TrustedSiblings::<Test>::get().into_inner(), vec![2001, 2002]);
		assert!(events().contains(&Event::TrustedSiblingsSet { siblings: vec![2001, 2002] }));
	});
}

/// A small deterministic generator for the property test (xorshift64).
struct Rng(u64);

impl Rng {
	fn next(&mut self) -> u64 {
		self.0 ^= self.0 << 13;
		self.0 ^= self.0 >> 7;
		self.0 ^= self.0 << 17;
		self.0
	}

	fn below(&mut self, bound: u64) -> u64 {
		self.next() % bound
	}
}

/// Two chains' supplies plus the value in flight between them (source `SentTotal` minus
/// target `ReceivedTotal`, both ways).
fn total_value(a: &mut TestExternalities, b: &mut TestExternalities) -> u128 {
	let (issuance_a, sent_a, received_a) = a.execute_with(|| {
		(
			Balances::total_issuance(),
			SentTotal::<Test>::get(SIBLING),
			ReceivedTotal::<Test>::get(SIBLING),
		)
	});
	let (issuance_b, sent_b, received_b) = b.execute_with(|| {
		(
			Balances::total_issuance(),
			SentTotal::<Test>::get(PARA_ID),
			ReceivedTotal::<Test>::get(PARA_ID),
		)
	});
	issuance_a + issuance_b + (sent_a - received_b) + (sent_b - received_a)
}

#[test]
fn value_is_conserved_across_two_chains_through_generation_delivery_failure_and_replay() {
	// Chain A is PARA_ID (2000), chain B is SIBLING (2001); each trusts the other.
	let setup = |para: u32| {
		let mut ext = new_test_ext();
		ext.execute_with(|| {
			TestParaId::set(&para);
			trust_sibling();
		});
		ext
	};
	let mut a = setup(PARA_ID);
	let mut b = setup(SIBLING);
	let (proxy_a, receiver_a) =
		a.execute_with(|| (funded_proxy(0), deploy(&fixture("receiver"), 1)));
	let (proxy_b, receiver_b) =
		b.execute_with(|| (funded_proxy(0), deploy(&fixture("receiver"), 1)));
	let initial = total_value(&mut a, &mut b);
	let mut rng = Rng(0x5eed_1234_abcd_9876);
	// Receipts sent and not yet delivered, per direction: (receipt, payload).
	let mut in_flight: [Vec<(Receipt, Vec<u8>)>; 2] = [vec![], vec![]];
	let mut delivered: [Vec<(Receipt, Vec<u8>)>; 2] = [vec![], vec![]];
	for step in 0..300 {
		let direction = rng.below(2) as usize;
		let (source, target, proxy, receiver, target_para) = if direction == 0 {
			(&mut a, &mut b, proxy_a, receiver_b, SIBLING)
		} else {
			(&mut b, &mut a, proxy_b, receiver_a, PARA_ID)
		};
		let source_para = if direction == 0 { PARA_ID } else { SIBLING };
		match rng.below(4) {
			// Generate: some amounts above what the proxy holds (refused), some payloads that
			// make receiveMessage fail, some that starve it of gas.
			0 | 1 => source.execute_with(|| {
				let amount = u128::from(rng.below(40_000));
				let payload = if rng.below(4) == 0 { vec![0xff] } else { vec![step as u8; 3] };
				let mut generate = request(amount, receiver, &payload);
				generate.target_para = target_para;
				generate.gas_limit = if rng.below(5) == 0 { 10 } else { 200_000_000 };
				let value = if rng.below(10) == 0 { amount + 1 } else { amount };
				SentReceipts::set(&vec![]);
				send(proxy, CALL, value, &generate);
				in_flight[direction].extend(SentReceipts::get());
			}),
			// Deliver one in flight (in any order), from the source's origin.
			2 if !in_flight[direction].is_empty() => target.execute_with(|| {
				let at = rng.below(in_flight[direction].len() as u64) as usize;
				let (receipt, payload) = in_flight[direction].swap_remove(at);
				let origin = RuntimeOrigin::signed(sibling_account(source_para));
				let result = Ewasm::deliver_receipt(origin, receipt.clone(), payload.clone());
				// Value below the existential deposit to an empty account waits; here every
				// target is a funded-by-delivery contract, so only dust into it can wait.
				match result {
					Ok(_) => delivered[direction].push((receipt, payload)),
					Err(error) => {
						assert_eq!(error.error, Error::<Test>::ReceiptUndeliverable.into());
						in_flight[direction].push((receipt, payload));
					}
				}
			}),
			// Replay a delivered one: always refused.
			_ if !delivered[direction].is_empty() => target.execute_with(|| {
				let at = rng.below(delivered[direction].len() as u64) as usize;
				let (receipt, payload) = delivered[direction][at].clone();
				let origin = RuntimeOrigin::signed(sibling_account(source_para));
				let result = Ewasm::deliver_receipt(origin, receipt, payload);
				assert_eq!(
					result.map_err(|error| error.error),
					Err(Error::<Test>::ReceiptAlreadyDelivered.into())
				);
			}),
			_ => {}
		}
		assert_eq!(total_value(&mut a, &mut b), initial, "step {step}");
	}
	assert!(delivered.iter().all(|list| list.len() > 10), "the walk delivered receipts both ways");
	let failed = b.execute_with(|| {
		events().iter().filter(|event| matches!(event, Event::ReceiptFailed { .. })).count()
	});
	assert!(failed > 0, "and some receiveMessage failed");
}

/// The source chain ([`SIBLING`]) after Bob there sent `amount` with `payload` to `target` on
/// this chain, committed (so that its state root is its backend's); with the receipt.
fn source_chain_with_receipt(
	target: Address,
	amount: u128,
	payload: &[u8],
) -> (TestExternalities, Receipt) {
	let mut source = new_test_ext();
	let receipt = source.execute_with(|| {
		TestParaId::set(&SIBLING);
		assert_ok!(Ewasm::set_trusted_siblings(RuntimeOrigin::root(), vec![PARA_ID]));
		let mut sent = request(amount, target, payload);
		sent.target_para = PARA_ID;
		assert_ok!(Ewasm::call(RuntimeOrigin::signed(BOB), RECEIPTS, amount, GAS, sent.encode()));
		SentReceipts::get()[0].0.clone()
	});
	source.commit_all().expect("an in-memory backend commits");
	(source, receipt)
}

/// The source's state root and a proof of its outbox entry of `receipt`.
fn outbox_proof(source: &mut TestExternalities, receipt: &Receipt) -> (H256, Vec<Vec<u8>>) {
	let (_, proof) =
		source.execute_and_prove(|| Outbox::<Test>::get(receipt.target_para, receipt.nonce));
	(*source.backend.root(), proof.into_iter_nodes().collect())
}

/// A head of the sibling's block `number` with `state_root`, as the relay chain stores it.
fn head(number: u64, state_root: H256) -> Vec<u8> {
	use codec::Encode;
	use polkadot_sdk::{frame_system::pallet_prelude::HeaderFor, sp_runtime::traits::Header as _};
	HeaderFor::<Test>::new(number, H256::zero(), state_root, H256::zero(), Default::default())
		.encode()
}

/// Claims `receipt` as Alice.
fn claim_by_alice(
	receipt: &Receipt,
	payload: &[u8],
	block: u32,
	proof: Vec<Vec<u8>>,
) -> Result<PostDispatchInfo, DispatchErrorWithPostInfo<PostDispatchInfo>> {
	Ewasm::claim_receipt(
		RuntimeOrigin::signed(ALICE),
		receipt.clone(),
		payload.to_vec(),
		block,
		proof,
	)
}

#[test]
fn a_receipt_is_claimed_by_a_proof_against_a_recorded_sibling_state_root() {
	let mut target = new_test_ext();
	let receiver = target.execute_with(|| {
		trust_sibling();
		deploy(&fixture("receiver"), 0)
	});
	let (mut source, receipt) = source_chain_with_receipt(receiver, 5_000, b"pulled");
	let (root, proof) = outbox_proof(&mut source, &receipt);
	target.execute_with(|| {
		crate::receipts::note_sibling_heads::<Test>([(SIBLING, head(7, root))]);
		assert_ok!(claim_by_alice(&receipt, b"pulled", 7, proof.clone()));
		assert_eq!(stored(receiver, 5), Some(word(b"pulled")));
		assert_eq!(stored(receiver, 1), Some(abi_word(SIBLING.into())));
		assert_eq!(Balances::balance(&account_of::<Test>(&receiver)), 5_000);
		assert_eq!(ReceivedTotal::<Test>::get(SIBLING), 5_000);
		let events = events();
		assert!(events.contains(&Event::ReceiptClaimed { id: receipt.id(), claimer: ALICE }));
		assert!(events.iter().any(|event| matches!(
			event, Event::ReceiptDelivered { id, .. } if *id == receipt.id()
		)));
		// One nullifier for both paths: neither a second claim nor a push delivery passes.
		assert_fails_cleanly!(
			claim_by_alice(&receipt, b"pulled", 7, proof.clone()),
			Error::<Test>::ReceiptAlreadyDelivered
		);
		assert_fails_cleanly!(deliver(&receipt, b"pulled"), Error::<Test>::ReceiptAlreadyDelivered);
	});
}

#[test]
fn claims_with_a_wrong_proof_a_wrong_root_or_an_unknown_block_are_refused() {
	let mut target = new_test_ext();
	let receiver = target.execute_with(|| {
		trust_sibling();
		deploy(&fixture("receiver"), 0)
	});
	let (mut source, receipt) = source_chain_with_receipt(receiver, 5_000, b"x");
	let (root, proof) = outbox_proof(&mut source, &receipt);
	// A proof of the source's state that does not hold the receipt (another nonce).
	let mut unsent = receipt.clone();
	unsent.nonce = 1;
	let (_, proof_of_nothing) = outbox_proof(&mut source, &unsent);
	target.execute_with(|| {
		crate::receipts::note_sibling_heads::<Test>([
			(SIBLING, head(7, root)),
			(SIBLING, head(8, H256::repeat_byte(1))),
		]);
		assert_fails_cleanly!(
			claim_by_alice(&receipt, b"x", 6, proof.clone()),
			Error::<Test>::UnknownSourceBlock
		);
		assert_fails_cleanly!(
			claim_by_alice(&receipt, b"x", 8, proof.clone()),
			Error::<Test>::ReceiptProofInvalid
		);
		let mut forged = receipt.clone();
		forged.amount = 50_000;
		assert_fails_cleanly!(
			claim_by_alice(&forged, b"x", 7, proof.clone()),
			Error::<Test>::ReceiptProofInvalid
		);
		assert_fails_cleanly!(
			claim_by_alice(&unsent, b"x", 7, proof_of_nothing),
			Error::<Test>::ReceiptProofInvalid
		);
		assert_fails_cleanly!(
			claim_by_alice(&receipt, b"x", 7, vec![]),
			Error::<Test>::ReceiptProofInvalid
		);
		let mut padded = proof.clone();
		padded.push(vec![0; MAX_PROOF_BYTES as usize]);
		assert_fails_cleanly!(
			claim_by_alice(&receipt, b"x", 7, padded),
			Error::<Test>::ReceiptTooLarge
		);
		assert_fails_cleanly!(
			claim_by_alice(&receipt, b"y", 7, proof.clone()),
			Error::<Test>::ReceiptPayloadMismatch
		);
		// Pushed first: the claim is a replay.
		assert_ok!(deliver(&receipt, b"x"));
		assert_fails_cleanly!(
			claim_by_alice(&receipt, b"x", 7, proof),
			Error::<Test>::ReceiptAlreadyDelivered
		);
	});
}

/// A target chain trusting [`SIBLING`] with a receiver and an unfunded proxy, and the sibling's
/// chain after it sent a receipt of `amount` with `payload` to the receiver, its block 7
/// recorded here: the target, the receiver, the proxy and the claim of that receipt.
fn claimable(amount: u128, payload: &[u8]) -> (TestExternalities, Address, Address, ClaimReceipt) {
	let mut target = new_test_ext();
	let (receiver, proxy) = target.execute_with(|| {
		trust_sibling();
		(deploy(&fixture("receiver"), 0), deploy(&fixture("proxy"), 1))
	});
	let (mut source, receipt) = source_chain_with_receipt(receiver, amount, payload);
	let (root, proof) = outbox_proof(&mut source, &receipt);
	target.execute_with(|| {
		crate::receipts::note_sibling_heads::<Test>([(SIBLING, head(7, root))]);
	});
	let claim = ClaimReceipt { receipt, payload: payload.to_vec(), source_block: 7, proof };
	(target, receiver, proxy, claim)
}

/// Has `proxy` call the receipts contract's `claimReceipt` with a call of `kind`: the result
/// code and the return data.
fn claim_through(proxy: Address, kind: u8, input: &[u8]) -> (u8, Vec<u8>) {
	let outcome = call_for_output(proxy, 0, GAS, proxy_input(kind, RECEIPTS, 0, input));
	let returned = outcome.result.expect("the proxy finishes");
	let code = stored(proxy, 0).expect("the proxy records the result")[0] - 1;
	(code, returned)
}

#[test]
fn a_contract_claims_a_receipt_through_the_receipts_contract() {
	let (mut target, receiver, proxy, claim) = claimable(5_000, b"pulled by a contract");
	let receipt = claim.receipt.clone();
	target.execute_with(|| {
		let issuance = Balances::total_issuance();
		let (code, returned) = claim_through(proxy, CALL, &claim.encode());
		assert_eq!((code, returned), (0, claim_output(&receipt.id(), true)));
		assert_eq!(stored(receiver, 1), Some(abi_word(SIBLING.into())));
		assert_eq!(stored(receiver, 5), Some(word(b"pulled by a contract")));
		assert_eq!(stored(receiver, 6), Some(word(&RECEIPTS.0)), "receiveMessage's caller");
		assert_eq!(Balances::balance(&account_of::<Test>(&receiver)), 5_000);
		assert_eq!(Balances::total_issuance(), issuance + 5_000);
		assert_eq!(ReceivedTotal::<Test>::get(SIBLING), 5_000);
		assert_eq!(Inbox::<Test>::get(SIBLING, receipt.nonce), Some(receipt.id()));
		let claimer = account_of::<Test>(&proxy);
		assert!(events().contains(&Event::ReceiptClaimed { id: receipt.id(), claimer }));
		// The nullifier is the extrinsics': a second claim fails (1), as do the other paths.
		let (code, _) = claim_through(proxy, CALL, &claim.encode());
		assert_eq!(code, 1);
		assert_eq!(Balances::balance(&account_of::<Test>(&receiver)), 5_000);
		assert_fails_cleanly!(
			claim_by_alice(&receipt, &claim.payload, 7, claim.proof.clone()),
			Error::<Test>::ReceiptAlreadyDelivered
		);
		assert_fails_cleanly!(
			deliver(&receipt, &claim.payload),
			Error::<Test>::ReceiptAlreadyDelivered
		);
		assert_state_consistent();
	});
}

#[test]
fn a_claim_from_a_contract_whose_receive_message_fails_still_delivers_the_value() {
	let (mut target, receiver, proxy, claim) = claimable(5_000, &[0xff, 2]);
	target.execute_with(|| {
		let (code, returned) = claim_through(proxy, CALL, &claim.encode());
		assert_eq!((code, returned), (0, claim_output(&claim.receipt.id(), false)));
		assert_eq!(stored(receiver, 1), None, "receiveMessage's writes are undone");
		assert_eq!(Balances::balance(&account_of::<Test>(&receiver)), 5_000);
		assert!(events_contain_failure(claim.receipt.id(), Error::<Test>::ContractReverted.into()));
	});
}

#[test]
fn a_claim_costs_its_benchmarked_price_and_the_gas_receive_message_used() {
	let (mut target, receiver, _, claim) = claimable(5_000, b"priced");
	target.execute_with(|| {
		let costs = chain_schedule().host;
		let words = |bytes: usize| bytes.div_ceil(32) as u64;
		let proof_words = words(crate::receipts::proof_bytes(&claim.proof) as usize);
		let price = |code_len: usize| {
			costs.claim_receipt
				+ costs.claim_receipt_per_proof_word * proof_words
				+ costs.claim_receipt_per_payload_word * words(claim.payload.len())
				+ costs.claim_receipt_per_code_word * words(code_len)
		};
		// A frame without the gas for a target of the largest code and the receipt's gas
		// runs out of it before any work.
		let max_code_len = <<Test as crate::Config>::MaxCodeLen as polkadot_sdk::sp_core::Get<
			u32,
		>>::get() as usize;
		let short = price(max_code_len) + claim.receipt.gas_limit - 1;
		let outcome = call_for_output(RECEIPTS, 0, short, claim.encode());
		assert_eq!(outcome.result, Err(Error::<Test>::OutOfGas.into()));
		assert_eq!(outcome.gas_used, short);
		assert_eq!(ReceivedTotal::<Test>::get(SIBLING), 0);
		// Enough: it pays for the receiver's code and what receiveMessage used.
		let outcome = call_for_output(RECEIPTS, 0, short + 1, claim.encode());
		assert_eq!(outcome.result, Ok(claim_output(&claim.receipt.id(), true)));
		let received = events().iter().find_map(|event| match event {
			Event::ReceiptDelivered { gas_used, .. } => Some(*gas_used),
			_ => None,
		});
		let code_len = crate::ContractInfoOf::<Test>::get(receiver).expect("deployed").code_len;
		assert_eq!(outcome.gas_used, price(code_len as usize) + received.expect("delivered"));
		// The price buys at least the weight of the `claim_receipt` extrinsic's work.
		let work = <<Test as crate::Config>::WeightInfo as crate::WeightInfo>::verify_receipt_proof(
			crate::receipts::proof_bytes(&claim.proof),
		) + <<Test as crate::Config>::WeightInfo as crate::WeightInfo>::deliver_receipt(
			code_len,
			claim.payload.len() as u32,
		);
		let bought = crate::gas::gas_to_weight::<Test>(price(code_len as usize));
		assert!(bought.all_gte(work), "{bought:?} < {work:?}");
	});
}

#[test]
fn claim_receipt_refuses_static_calls_value_bad_call_data_and_bad_proofs_changing_nothing() {
	let (mut target, _, proxy, claim) = claimable(5_000, b"refused");
	target.execute_with(|| {
		assert_ok!(Balances::mint_into(&account_of::<Test>(&proxy), FUNDS));
		let valid = claim.encode();
		let mut wrong_block = claim.clone();
		wrong_block.source_block = 8;
		let mut forged = claim.clone();
		forged.receipt.amount += 1;
		let mut no_proof = claim.clone();
		no_proof.proof.clear();
		let mut many_tiny_nodes = claim.clone();
		let tiny = MAX_PROOF_BYTES as usize / crate::receipts::PROOF_NODE_OVERHEAD_BYTES;
		many_tiny_nodes.proof.extend((0..tiny as u32).map(|n| n.to_le_bytes().to_vec()));
		let root = storage::root(StateVersion::V1);
		for (case, kind, value, input, expected) in [
			("callStatic", 3, 0, valid.clone(), 2),
			("value", CALL, 1, valid.clone(), 2),
			("bad call data", CALL, 0, valid[..100].to_vec(), 2),
			("an unknown block", CALL, 0, wrong_block.encode(), 1),
			("a forged receipt", CALL, 0, forged.encode(), 1),
			("no proof", CALL, 0, no_proof.encode(), 1),
			("too many nodes", CALL, 0, many_tiny_nodes.encode(), 1),
		] {
			let outcome =
				call_for_output(proxy, 0, GAS, proxy_input(kind, RECEIPTS, value, &input));
			assert_eq!(outcome.result, Ok(vec![]), "{case}");
			assert_eq!(stored(proxy, 0), Some(word(&[expected + 1])), "{case}");
		}
		assert_eq!(ReceivedTotal::<Test>::get(SIBLING), 0);
		assert_eq!(Inbox::<Test>::get(SIBLING, 0), None);
		assert_eq!(Balances::balance(&account_of::<Test>(&proxy)), FUNDS);
		// The proxy's result slot is all that changed; the extrinsic says why.
		assert_ne!(storage::root(StateVersion::V1), root);
		assert_fails_cleanly!(
			claim_by_alice(&claim.receipt, b"refused", 7, many_tiny_nodes.proof),
			Error::<Test>::ReceiptTooLarge
		);
		assert_fails_cleanly!(
			Ewasm::call(RuntimeOrigin::signed(BOB), RECEIPTS, 0, GAS, forged.encode()),
			Error::<Test>::ReceiptProofInvalid
		);
	});
}

#[test]
fn a_claim_at_the_depth_limit_reverts() {
	let (mut target, _, _, claim) = claimable(5_000, b"deep");
	target.execute_with(|| {
		let tx = crate::vm::Transaction::new::<Test>(RECEIPTS);
		let call = crate::exec::MessageCall {
			payer: BOB,
			caller: Address([9; 20]),
			address: RECEIPTS,
			code_address: RECEIPTS,
			value: 0,
			transfer: true,
			input: crate::vm::limiter::BudgetedBytes::uncounted(claim.encode()),
			gas_limit: GAS,
			is_static: false,
			depth: crate::limits::MAX_CALL_DEPTH,
			entry: ewasm_primitives::ENTRY_POINT,
			pricing: crate::mock::chain_schedule(),
		};
		let outcome = crate::exec::run_call::<Test>(&tx, call);
		assert_eq!(outcome.result, Err(Error::<Test>::ContractReverted.into()));
		assert_eq!(outcome.gas_left, GAS, "a revert keeps the gas");
		assert_eq!(ReceivedTotal::<Test>::get(SIBLING), 0);
	});
}

#[test]
fn only_newer_heads_of_trusted_siblings_are_recorded_and_only_the_latest_are_kept() {
	new_test_ext().execute_with(|| {
		trust_sibling();
		let roots = || crate::SiblingStateRoots::<Test>::get(SIBLING).into_inner();
		crate::receipts::note_sibling_heads::<Test>([
			(SIBLING, head(5, H256::repeat_byte(5))),
			(SIBLING, head(5, H256::repeat_byte(6))),
			(SIBLING, head(4, H256::repeat_byte(4))),
			(SIBLING, vec![1, 2, 3]),
			(2002, head(9, H256::repeat_byte(9))),
			(PARA_ID, head(9, H256::repeat_byte(9))),
		]);
		assert_eq!(roots(), vec![(5, H256::repeat_byte(5))]);
		assert!(crate::SiblingStateRoots::<Test>::get(2002).is_empty());
		assert!(crate::SiblingStateRoots::<Test>::get(PARA_ID).is_empty());
		let max = crate::receipts::MAX_SIBLING_ROOTS;
		crate::receipts::note_sibling_heads::<Test>(
			(6..6 + u64::from(max)).map(|n| (SIBLING, head(n, H256::repeat_byte(n as u8)))),
		);
		assert_eq!(roots().len(), max as usize);
		assert_eq!(roots()[0].0, 6, "block 5 was dropped for the newest");
		assert_eq!(crate::receipts::sibling_state_root::<Test>(SIBLING, 5), None);
		assert_eq!(
			crate::receipts::sibling_state_root::<Test>(SIBLING, 6),
			Some(H256::repeat_byte(6))
		);
	});
}

#[test]
fn the_runtime_api_lists_the_outbox_and_the_inbox_and_names_the_key_to_prove() {
	new_test_ext().execute_with(|| {
		trust_sibling();
		use crate::receipts::{delivered, proof_key, sent};
		let ids: Vec<[u8; 32]> = (0..3)
			.map(|n| {
				let generated = request(0, Address([n; 20]), &[]);
				call_for_output(RECEIPTS, 0, GAS, generated.encode())
					.result
					.unwrap()
					.try_into()
					.unwrap()
			})
			.collect();
		assert_eq!(sent::<Test>(SIBLING, 0, 10), vec![(0, ids[0]), (1, ids[1]), (2, ids[2])]);
		assert_eq!(sent::<Test>(SIBLING, 1, 1), vec![(1, ids[1])]);
		assert_eq!(sent::<Test>(SIBLING, 3, 10), vec![]);
		assert_eq!(sent::<Test>(2002, 0, 10), vec![]);
		let receiver = deploy(&fixture("receiver"), 0);
		let first = incoming(0, receiver, 0, &[]);
		let third = incoming(2, receiver, 0, &[]);
		assert_ok!(deliver(&first, &[]));
		assert_ok!(deliver(&third, &[]));
		assert_eq!(delivered::<Test>(SIBLING, 0, 10), vec![(0, first.id()), (2, third.id())]);
		assert_eq!(delivered::<Test>(SIBLING, 1, u32::MAX), vec![(2, third.id())]);
		assert_eq!(proof_key::<Test>(SIBLING, 1), Outbox::<Test>::hashed_key_for(SIBLING, 1));
	});
}

#[test]
fn listings_are_bounded() {
	new_test_ext().execute_with(|| {
		trust_sibling();
		let max = ewasm_primitives::api::MAX_LISTED_RECEIPTS;
		for nonce in 0..u64::from(max) + 5 {
			Outbox::<Test>::insert(SIBLING, nonce, [1; 32]);
		}
		OutboxNonce::<Test>::insert(SIBLING, u64::from(max) + 5);
		assert_eq!(crate::receipts::sent::<Test>(SIBLING, 0, u32::MAX).len(), max as usize);
	});
}
