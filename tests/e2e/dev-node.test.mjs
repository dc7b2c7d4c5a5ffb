// End to end on a real dev node: deploy a WAT contract with polkadot.js, call it, read its
// log and storage back, and check that a failing call reports a decoded module
// error and changes nothing.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { u8aToHex } from '@polkadot/util';
import { eventsOf, nextFinalized, submit } from '../lib/chain.mjs';
import { RENT_FUNDS, fixture, initCodeFor } from '../lib/contracts.mjs';
import { devNodeForTests } from '../lib/node.mjs';

const GAS_LIMIT = 1_000_000_000;
const KEY = `0x${'03'.repeat(32)}`;
const VALUE = `0x${'09'.repeat(32)}`;

let contract;

const env = devNodeForTests();

test('the dev chain finalizes blocks and exposes the ewasm extrinsics', async () => {
  const { api } = env.node;
  assert.equal(typeof api.tx.ewasm.deploy, 'function');
  assert.equal(typeof api.tx.ewasm.call, 'function');
  const first = await nextFinalized(api, 0);
  const second = await nextFinalized(api, first);
  assert.ok(second > first);
  assert.equal(api.registry.chainDecimals[0], 18);
});

test('a WAT contract deploys at its CREATE2 address', async () => {
  const { api } = env.node;
  const init = initCodeFor(fixture('store'));
  const salt = `0x${'11'.repeat(32)}`;
  const { events, error } = await submit(
    api,
    api.tx.ewasm.deploy(RENT_FUNDS, GAS_LIMIT, u8aToHex(init), '0x', salt),
    env.alice,
  );
  assert.equal(error, null);
  const [deployed] = eventsOf(events, 'ewasm', 'Deployed');
  assert.ok(deployed, 'Deployed event');
  contract = deployed.data.contract.toHex();
  assert.equal(deployed.data.deployer.toString(), env.alice.address);
  const info = await api.query.ewasm.contractInfoOf(contract);
  assert.ok(info.isSome);
  assert.equal(info.unwrap().codeHash.toHex(), deployed.data.codeHash.toHex());
});

test('calling it stores, logs and returns; storage reads back', async () => {
  const { api } = env.node;
  const { events, error } = await submit(
    api,
    api.tx.ewasm.call(contract, 0, GAS_LIMIT, KEY + VALUE.slice(2)),
    env.bob,
  );
  assert.equal(error, null);
  const [emitted] = eventsOf(events, 'ewasm', 'ContractEmitted');
  assert.equal(emitted.data.contract.toHex(), contract);
  assert.deepEqual(emitted.data.topics.map((topic) => topic.toHex()), [KEY]);
  assert.equal(emitted.data.data.toHex(), VALUE);
  const [called] = eventsOf(events, 'ewasm', 'Called');
  assert.equal(called.data.contract.toHex(), contract);
  // A storage write and read, each priced at least a database access (200 gas at 125 ns).
  assert.ok(called.data.gasUsed.toNumber() > 2 * 200);

  const stored = await api.query.ewasm.contractStorage(contract, KEY);
  assert.equal(stored.unwrap().toHex(), VALUE);
  const info = (await api.query.ewasm.contractInfoOf(contract)).unwrap();
  assert.equal(info.storageItems.toNumber(), 1);
});

test('a reverting call reports ewasm.ContractReverted and changes nothing', async () => {
  const { api } = env.node;
  const infoBefore = (await api.query.ewasm.contractInfoOf(contract)).toHex();
  const storedBefore = (await api.query.ewasm.contractStorage(contract, KEY)).toHex();
  const { events, error } = await submit(
    api,
    api.tx.ewasm.call(contract, 1_000_000_000_000n, GAS_LIMIT, '0x0102'),
    env.bob,
  );
  assert.deepEqual([error.section, error.errorName], ['ewasm', 'ContractReverted']);
  assert.equal(eventsOf(events, 'system', 'ExtrinsicFailed').length, 1);
  assert.equal(eventsOf(events, 'ewasm', 'Called').length, 0);
  assert.equal((await api.query.ewasm.contractInfoOf(contract)).toHex(), infoBefore);
  assert.equal((await api.query.ewasm.contractStorage(contract, KEY)).toHex(), storedBefore);
  // The value never left Bob: the contract account holds nothing.
  assert.equal(eventsOf(events, 'balances', 'Transfer').length, 0);
});

test('calling an address with no contract reports ewasm.ContractNotFound', async () => {
  const { api } = env.node;
  const { error } = await submit(
    api,
    api.tx.ewasm.call(`0x${'00'.repeat(20)}`, 0, GAS_LIMIT, '0x'),
    env.bob,
  );
  assert.deepEqual([error.section, error.errorName], ['ewasm', 'ContractNotFound']);
});

test('a dry run through api.call.ewasmApi predicts the call and its gas exactly', async () => {
  const { api } = env.node;
  const input = (byte) => `0x${byte.repeat(32)}${'0a'.repeat(32)}`;
  const dry = await api.call.ewasmApi.call(env.bob.address, contract, 0, GAS_LIMIT, input('07'));
  assert.ok(dry.result.isOk, 'the dry run succeeds');
  assert.equal(dry.returnData.toHex(), `0x${'0a'.repeat(32)}`);
  assert.equal(dry.storageBytesAdded.toNumber(), 64);
  assert.equal(dry.logs.length, 1);
  const gasRequired = dry.gasRequired.toNumber();
  assert.equal(gasRequired, dry.gasUsed.toNumber());

  // Nothing was kept; the signed call that follows uses exactly the gas predicted.
  assert.ok((await api.query.ewasm.contractStorage(contract, `0x${'07'.repeat(32)}`)).isNone);
  const { events, error } = await submit(api, api.tx.ewasm.call(contract, 0, gasRequired, input('07')), env.bob);
  assert.equal(error, null);
  const [called] = eventsOf(events, 'ewasm', 'Called');
  assert.equal(called.data.gasUsed.toNumber(), dry.gasUsed.toNumber());
  const stored = await api.query.ewasm.contractStorage(contract, `0x${'07'.repeat(32)}`);
  assert.equal(stored.unwrap().toHex(), dry.returnData.toHex());

  // One gas less than required runs out.
  const next = await api.call.ewasmApi.call(env.bob.address, contract, 0, GAS_LIMIT, input('08'));
  const short = next.gasRequired.toNumber() - 1;
  const { error: shortError } = await submit(api, api.tx.ewasm.call(contract, 0, short, input('08')), env.bob);
  assert.deepEqual([shortError.section, shortError.errorName], ['ewasm', 'OutOfGas']);
});
