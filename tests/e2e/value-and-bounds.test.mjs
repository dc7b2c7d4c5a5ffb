// End to end on a real dev node, the attacks issue 15 found, each refused: value a contract
// pays back to its caller reaches the caller (exactly: the caller's balance changes by the fee
// only); a self-destruct through `callDelegate` leaves no storage without a contract; a dry
// run of an infinite loop with all the gas a u64 holds answers in seconds, and the node's CPU
// goes back to idle.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { u8aToHex } from '@polkadot/util';
import { EwasmClient } from '../client/dist/index.js';
import { eventsOf, submit } from '../lib/chain.mjs';
import { RENT_FUNDS, fixture, initCodeFor } from '../lib/contracts.mjs';
import { devNodeForTests } from '../lib/node.mjs';

const GAS_LIMIT = 2_000_000_000;
/** 5 EWT, in wei. */
const VALUE = 5n * 10n ** 18n;

const env = devNodeForTests();
let salt = 0;

/** Deploys `code` as Alice with a fresh salt and returns its address. */
async function deployed(code) {
  salt += 1;
  const saltHex = `0x${salt.toString(16).padStart(64, '0')}`;
  const { api } = env.node;
  const { events, error } = await submit(
    api,
    api.tx.ewasm.deploy(RENT_FUNDS, GAS_LIMIT, u8aToHex(initCodeFor(code)), '0x', saltHex),
    env.alice,
  );
  assert.equal(error, null);
  return eventsOf(events, 'ewasm', 'Deployed')[0].data.contract.toHex();
}

async function freeBalance(account) {
  return (await env.node.api.query.system.account(account.address)).data.free.toBigInt();
}

/** The fee the signer of the extrinsic that emitted `events` paid. */
function feeOf(events) {
  const [paid] = eventsOf(events, 'transactionPayment', 'TransactionFeePaid');
  return paid.data.actualFee.toBigInt() + paid.data.tip.toBigInt();
}

test('value a contract pays back to its caller reaches the caller: only the fee is spent', async () => {
  const { api } = env.node;
  const contract = await deployed(fixture('pays_back'));
  for (const input of ['0x', '0x01']) {
    // '0x': back to getCaller(); '0x01': back to getTxOrigin().
    const before = await freeBalance(env.bob);
    const { events, error } = await submit(
      api,
      api.tx.ewasm.call(contract, VALUE, GAS_LIMIT, input),
      env.bob,
    );
    assert.equal(error, null);
    assert.equal(await freeBalance(env.bob), before - feeOf(events), `input ${input}`);
  }
});

test('a self-destruct through callDelegate leaves no storage without a contract', async () => {
  const { api } = env.node;
  const proxy = await deployed(fixture('proxy'));
  const destructor = await deployed(fixture('destructor'));
  const heir = `0x${'77'.repeat(20)}`;
  // proxy: kind 2 (callDelegate) ++ target ++ value (ignored) ++ the callee's call data.
  const input = `0x02${destructor.slice(2)}${'00'.repeat(16)}${heir.slice(2)}`;
  const { error } = await submit(api, api.tx.ewasm.call(proxy, 0, GAS_LIMIT, input), env.bob);
  assert.equal(error, null);
  assert.ok((await api.query.ewasm.contractInfoOf(proxy)).isSome, 'the proxy still exists');
  const code = (await api.query.ewasm.contractStorage(proxy, `0x${'00'.repeat(32)}`)).unwrap();
  assert.equal(code.toU8a()[0], 2, 'the delegated self-destruct failed (return code 1)');
  for (const [storageKey] of await api.query.ewasm.contractStorage.entries()) {
    const [owner] = storageKey.args;
    const info = await api.query.ewasm.contractInfoOf(owner);
    const evicting = await api.query.ewasm.evicting(owner);
    assert.ok(info.isSome || evicting.isSome, `storage of ${owner.toHex()} without a contract`);
  }
});

/** CPU time (user + system) the process `pid` has used, in clock ticks. */
function cpuTicks(pid) {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return Number(fields[11]) + Number(fields[12]);
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

test('a dry run of an infinite loop with gas 2^64 - 1 answers in seconds and the node idles after', async () => {
  const { api } = env.node;
  const contract = await deployed(fixture('infinite_loop'));
  const started = Date.now();
  const report = await new EwasmClient(api).dryRunCall(env.bob.address, contract, {
    gasLimit: 2n ** 64n - 1n,
  });
  const seconds = (Date.now() - started) / 1000;
  assert.equal(report.error?.errorName, 'OutOfGas');
  assert.ok(seconds < 10, `answered in ${seconds} s`);
  assert.ok(report.gasUsed < 2n ** 34n, `clamped to an extrinsic's gas: ${report.gasUsed}`);

  // Over 3 s after the answer the node uses well under one core (ticks are 1/100 s).
  await sleep(1000);
  const before = cpuTicks(env.node.pid);
  await sleep(3000);
  const busy = (cpuTicks(env.node.pid) - before) / 100 / 3;
  assert.ok(busy < 0.5, `the node used ${busy} of a core`);
});
