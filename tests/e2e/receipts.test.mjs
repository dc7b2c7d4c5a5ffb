// End to end on a real dev node: the receipts contract (0x20) through the client. A dev node
// has no relay chain and so no HRMP channel: a well-formed receipt to a trusted sibling is
// refused with `ewasm.ReceiptNotSent` and burns nothing (only the fee of a submitted call is
// paid); a receipt to an untrusted parachain reverts; `deliver_receipt` from a signed account
// is refused with `BadOrigin`, and a claim by proof finds no sibling state root. Delivery
// between two parachains, by push and by claim, is tested in zombienet
// (`zombienet/scripts/receipts.js`).

import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  EwasmClient,
  RECEIPTS,
  claimReceiptInput,
  generateReceiptInput,
  proofKeyOf,
} from '../client/dist/index.js';
import { eventsOf, submit } from '../lib/chain.mjs';
import { devNodeForTests } from '../lib/node.mjs';

const env = devNodeForTests();

const TARGET = `0x${'ab'.repeat(20)}`;

/** A receipt from 2001 to this chain (2000), as the extrinsics take it. */
const INCOMING = {
  sourcePara: 2001,
  source: TARGET,
  nonce: 0,
  targetPara: 2000,
  target: TARGET,
  amount: 10n ** 15n,
  gasLimit: 0,
  payloadHash: `0x${'00'.repeat(32)}`,
};

/** A receipt request of `amount` to parachain `targetPara`. */
function request(targetPara, amount = 10n ** 15n) {
  return { amount, targetPara, target: TARGET, gasLimit: 100_000_000n, payload: '0x68656c6c6f' };
}

test('without a channel to the target, generateReceipt is refused and burns nothing', async () => {
  const { api } = env.node;
  const client = new EwasmClient(api);
  await assert.rejects(client.generateReceipt(env.bob, request(2001)), { errorName: 'ReceiptNotSent' });
  // Submitted anyway (no dry run): the extrinsic fails; Bob pays the fee and nothing else.
  const balance = async () => (await api.query.system.account(env.bob.address)).data.free.toBigInt();
  const issuance = async () => (await api.query.balances.totalIssuance()).toBigInt();
  const [before, issuanceBefore] = [await balance(), await issuance()];
  const tx = api.tx.ewasm.call(RECEIPTS, 10n ** 15n, 1_000_000_000n, generateReceiptInput(request(2001)));
  const { error, events } = await submit(api, tx, env.bob);
  assert.equal(error?.errorName, 'ReceiptNotSent');
  const [paid] = eventsOf(events, 'transactionPayment', 'TransactionFeePaid');
  const fee = paid.data.actualFee.toBigInt();
  assert.equal(before - (await balance()), fee, 'Bob paid the fee and nothing else');
  assert.equal(issuanceBefore - (await issuance()), fee, 'only the fee left the supply');
  assert.equal((await api.query.ewasm.sentTotal(2001)).toBigInt(), 0n);
  assert.equal((await api.query.ewasm.outboxNonce(2001)).toBigInt(), 0n);
});

test('a receipt to an untrusted parachain or this one reverts', async () => {
  const client = new EwasmClient(env.node.api);
  for (const para of [2002, 2000]) {
    await assert.rejects(client.generateReceipt(env.bob, request(para)), { errorName: 'ContractReverted' });
  }
  const dry = await client.dryRunCall(env.bob.address, RECEIPTS, { input: '0x8c6ce914', value: 0n });
  assert.equal(dry.error?.errorName, 'ContractReverted', 'call data that is not generateReceipt');
});

test('deliver_receipt from a signed account is refused with BadOrigin', async () => {
  const { api } = env.node;
  const { error, events } = await submit(api, api.tx.ewasm.deliverReceipt(INCOMING, '0x'), env.alice);
  assert.equal(error?.errorName, 'BadOrigin');
  assert.equal(eventsOf(events, 'ewasm', 'ReceiptDelivered').length, 0);
  assert.equal((await api.query.ewasm.inbox(2001, 0)).isNone, true);
});

test('a claim by proof, by extrinsic or through the receipts contract, finds no sibling state root on a dev node', async () => {
  const { api } = env.node;
  assert.equal((await api.query.ewasm.siblingStateRoots(2001)).length, 0, 'no relay chain, no heads');
  const { error } = await submit(api, api.tx.ewasm.claimReceipt(INCOMING, '0x', 1, []), env.alice);
  assert.equal(error?.errorName, 'UnknownSourceBlock');
  // The same claim through the receipts contract, as a contract makes it: the client's call
  // data decodes on chain (the claim gets as far as the missing root); cut short, it reverts.
  const client = new EwasmClient(api);
  const input = claimReceiptInput(INCOMING, '0x68656c6c6f', 1, ['0x0102', `0x${'80'.repeat(40)}`]);
  const claimed = await client.dryRunCall(env.bob.address, RECEIPTS, { input, value: 0n });
  assert.equal(claimed.error?.errorName, 'UnknownSourceBlock');
  const cut = await client.dryRunCall(env.bob.address, RECEIPTS, { input: input.slice(0, -64), value: 0n });
  assert.equal(cut.error?.errorName, 'ContractReverted');
});

test('the runtime API lists the empty outbox and inbox and names the key a claim proves', async () => {
  const { api } = env.node;
  const client = new EwasmClient(api);
  assert.deepEqual(await client.receiptsSent(2001), []);
  assert.deepEqual(await client.receiptsDelivered(2001), []);
  const key = await api.call.ewasmApi.receiptProofKey(2001, 7);
  assert.equal(proofKeyOf(api, key), api.query.ewasm.outbox.key(2001, 7));
});
