// End to end on a real dev node: the SDK's name registry example (`examples/registry`). A name
// costs the registry's fee, which stays in its balance and pays its rent (it lives longer);
// once its balance no longer pays, calls fail, `poke` evicts it, and `wake` from a snapshot a
// user kept restores it with every name.

import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import {
  EwasmClient,
  addressOfAccount,
  callData,
  decodeEvent,
  decodeWord,
  encodeWord,
  poke,
  rentStatus,
  snapshotOf,
  tombstoneSealed,
  wake,
} from '../client/dist/index.js';
import { nextFinalized } from '../lib/chain.mjs';
import { buildExample } from '../lib/contracts.mjs';
import { devNodeForTests } from '../lib/node.mjs';

const env = devNodeForTests();
/** The registry's fee: about ten blocks of its rent at 1 gwei of TOTALFEE per block. */
const FEE = 5n * 10n ** 13n;
/** What it is deployed with: a few blocks of rent. */
const FUNDS = 2n * 10n ** 13n;
const NAME = `0x${Buffer.from('alice.ewasm').toString('hex').padEnd(64, '0')}`;

let initCode;

before(() => {
  initCode = buildExample('registry');
});

test('registry: fees pay its rent; poke evicts it when they run out, wake restores every name', async () => {
  const { api } = env.node;
  const client = new EwasmClient(api);
  const bob = addressOfAccount(env.bob.address);
  const input = `0x${encodeWord('uint256', FEE)}`;
  const registry = (await client.deploy(env.alice, { initCode }, { input, value: FUNDS })).address;
  const ownerOf = async (name) =>
    client.dryRunCall(env.charlie.address, registry, { input: callData('ownerOf(bytes32)', [name]) });
  const before = await rentStatus(api, registry);

  const registered = await client.call(env.bob, registry, {
    input: callData('register(bytes32)', [NAME]),
    value: FEE,
  });
  assert.deepEqual(decodeEvent('Registered(bytes32,address)', registered.logs[0], [true, true]), [NAME, bob]);
  assert.equal(decodeWord('address', (await ownerOf(NAME)).returnData), bob);
  const funded = await rentStatus(api, registry);
  assert.ok(funded.balance > before.balance, 'the fee stays in the registry');
  assert.ok(funded.evictableAtBlock > before.evictableAtBlock, 'and keeps it alive longer');
  const wrongFee = await client.dryRunCall(env.bob.address, registry, {
    input: callData('register(bytes32)', [`0x${'01'.repeat(32)}`]),
    value: FEE - 1n,
  });
  assert.equal(wrongFee.error?.errorName, 'ContractReverted');

  // A user keeps what waking it takes while it lives.
  const snapshot = await snapshotOf(api, registry);
  assert.equal(snapshot.storage.length, 3, 'its fee, the name and the count of names');

  let block = 0;
  while (block < funded.evictableAtBlock) block = await nextFinalized(api, block);
  assert.equal((await ownerOf(NAME)).error?.errorName, 'RentUnpaid');
  const poked = await poke(api, env.charlie, registry);
  assert.ok(poked.evicted, 'Evicted');
  assert.equal((await ownerOf(NAME)).error?.errorName, 'ContractEvicted');

  while (!(await tombstoneSealed(api, registry))) block = await nextFinalized(api, block);
  await wake(api, env.alice, snapshot, poked.evicted.feeMark);
  assert.equal(decodeWord('address', (await ownerOf(NAME)).returnData), bob, 'the name survived');
  const again = await client.call(env.charlie, registry, {
    input: callData('register(bytes32)', [`0x${'02'.repeat(32)}`]),
    value: FEE,
  });
  assert.equal(again.logs.length, 1, 'the woken registry takes registrations');
});
