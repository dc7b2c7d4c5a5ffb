// End to end on a real dev node: a contract with a small balance pays rent from TOTALFEE
// (1 gwei per block), `poke` evicts it once it cannot pay, calls then fail with
// ewasm.ContractEvicted, and `wake` restores it from its code and storage.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { u8aToHex } from '@polkadot/util';
import { eventsOf, nextFinalized, submit } from '../lib/chain.mjs';
import { fixture, initCodeFor } from '../lib/contracts.mjs';
import { devNodeForTests } from '../lib/node.mjs';

const GAS_LIMIT = 1_000_000_000;
const KEY = `0x${'05'.repeat(32)}`;
const VALUE = `0x${'06'.repeat(32)}`;

const env = devNodeForTests();

/** The runtime account holding a contract's balance: its address followed by 12 × 0xEE. */
const contractAccount = (address) => `${address}${'ee'.repeat(12)}`;

async function rentStatus(address) {
  return (await env.node.api.call.ewasmApi.rentStatus(address)).unwrap();
}

test('rent accrues, poke evicts, calls fail, wake restores', async () => {
  const { api } = env.node;
  const code = fixture('store');
  const { events: deployEvents, error: deployError } = await submit(
    api,
    api.tx.ewasm.deploy(0, GAS_LIMIT, u8aToHex(initCodeFor(code)), '0x', `0x${'42'.repeat(32)}`),
    env.alice,
  );
  assert.equal(deployError, null);
  const contract = eventsOf(deployEvents, 'ewasm', 'Deployed')[0].data.contract.toHex();

  // Fund it for about six blocks of rent (it stores one item on the way: 64 bytes more).
  const status = await rentStatus(contract);
  assert.equal(status.rentedBytes.toNumber(), 100 + code.length);
  const perBlock = status.feePerBlock.toBigInt() * BigInt(100 + code.length + 64);
  const { error: fundError } = await submit(
    api,
    api.tx.balances.transferKeepAlive(contractAccount(contract), perBlock * 6n),
    env.alice,
  );
  assert.equal(fundError, null);

  // A call pays the rent owed since deployment.
  const { events, error } = await submit(
    api,
    api.tx.ewasm.call(contract, 0, GAS_LIMIT, KEY + VALUE.slice(2)),
    env.bob,
  );
  assert.equal(error, null);
  const [charged] = eventsOf(events, 'ewasm', 'RentCharged');
  assert.ok(charged.data.amount.toBigInt() > 0n, 'RentCharged');

  // Wait for the block at which it can no longer pay, then poke it.
  const evictableAt = (await rentStatus(contract)).evictableAtBlock.unwrap().toNumber();
  let block = 0;
  while (block < evictableAt) block = await nextFinalized(api, block);
  const { events: pokeEvents, error: pokeError } = await submit(api, api.tx.ewasm.poke(contract), env.bob);
  assert.equal(pokeError, null);
  const [evicted] = eventsOf(pokeEvents, 'ewasm', 'Evicted');
  assert.ok(evicted, 'Evicted');
  const feeMark = evicted.data.feeMark.toBigInt();
  assert.ok((await api.query.ewasm.contractInfoOf(contract)).isNone);

  const { error: callError } = await submit(api, api.tx.ewasm.call(contract, 0, GAS_LIMIT, '0x'), env.bob);
  assert.deepEqual([callError.section, callError.errorName], ['ewasm', 'ContractEvicted']);

  // on_idle deletes its storage and seals the tombstone; then wake restores it.
  while ((await api.query.ewasm.tombstones(contract)).isNone) await nextFinalized(api, block++);
  const prepaid = status.feePerBlock.toBigInt() * BigInt(100 + code.length + 64) * 100n;
  const { events: wakeEvents, error: wakeError } = await submit(
    api,
    api.tx.ewasm.wake(contract, u8aToHex(code), [[KEY, VALUE]], 1, feeMark, prepaid),
    env.alice,
  );
  assert.equal(wakeError, null);
  assert.equal(eventsOf(wakeEvents, 'ewasm', 'Woken').length, 1);
  assert.equal((await api.query.ewasm.contractStorage(contract, KEY)).unwrap().toHex(), VALUE);

  const { error: againError } = await submit(
    api,
    api.tx.ewasm.call(contract, 0, GAS_LIMIT, KEY + VALUE.slice(2)),
    env.bob,
  );
  assert.equal(againError, null, 'the woken contract runs');
  const { error: twiceError } = await submit(
    api,
    api.tx.ewasm.wake(contract, u8aToHex(code), [[KEY, VALUE]], 1, feeMark, prepaid),
    env.alice,
  );
  assert.deepEqual([twiceError.section, twiceError.errorName], ['ewasm', 'NoTombstone']);
});
