// The client helpers (tests/client) against a real dev node: deploy from a .wat or .wasm
// file and call with gas estimated by dry runs, decode logs, and surface errors by name.

import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { u8aToHex } from '@polkadot/util';
import { EwasmClient, EwasmError, loadCode } from '../client/dist/index.js';
import { RENT_FUNDS, fixturePath } from '../lib/contracts.mjs';
import { devNodeForTests } from '../lib/node.mjs';

const KEY = `0x${'05'.repeat(32)}`;
const VALUE = `0x${'06'.repeat(32)}`;

let client;
let contract;

const env = devNodeForTests(({ node }) => {
  client = new EwasmClient(node.api);
});

test('a .wat file deploys with the gas its dry run requires', async () => {
  const code = await loadCode(fixturePath('store'));
  const salt = `0x${'21'.repeat(32)}`;
  const dry = await client.dryRunDeploy(env.alice.address, { code }, { value: RENT_FUNDS, salt });
  assert.equal(dry.error, null);
  const deployment = await client.deploy(env.alice, { code }, { value: RENT_FUNDS, salt });
  assert.equal(deployment.address, dry.deployed);
  assert.equal(deployment.gasLimit, dry.gasRequired);
  assert.equal(deployment.gasUsed, dry.gasUsed);
  contract = deployment.address;
  const info = await env.node.api.call.ewasmApi.contractInfo(contract);
  assert.equal(info.unwrap().codeLen.toNumber(), code.length);
});

test('a .wasm file loads as the same code', async () => {
  const code = await loadCode(fixturePath('store'));
  const path = join(tmpdir(), `store-${process.pid}.wasm`);
  await writeFile(path, code);
  assert.equal(u8aToHex(await loadCode(path)), u8aToHex(code));
  await assert.rejects(loadCode('store.txt'), /expected a \.wat or \.wasm file/);
});

test('a call with estimated gas stores, and its log decodes', async () => {
  const input = KEY + VALUE.slice(2);
  assert.equal(await client.query(env.bob.address, contract, { input }), VALUE);
  const executed = await client.call(env.bob, contract, { input });
  assert.ok(executed.gasUsed > 0n && executed.gasUsed <= executed.gasLimit);
  assert.deepEqual(executed.logs, [{ contract, topics: [KEY], data: VALUE }]);
  assert.equal(await client.storage(contract, KEY), VALUE);
  assert.equal(await client.storage(contract, `0x${'99'.repeat(32)}`), null);
});

test('errors surface with their documented names', async () => {
  // From the dry run that estimates gas.
  await assert.rejects(client.call(env.bob, contract, { input: '0x0102' }), (error) => {
    assert.ok(error instanceof EwasmError);
    assert.deepEqual([error.section, error.errorName], ['ewasm', 'ContractReverted']);
    assert.match(error.message, /^ewasm\.ContractReverted: /);
    return true;
  });
  // From the extrinsic, when the gas limit is given.
  const input = KEY + VALUE.slice(2);
  await assert.rejects(client.call(env.bob, contract, { input, gasLimit: 10n }), (error) => {
    assert.deepEqual([error.section, error.errorName], ['ewasm', 'OutOfGas']);
    return true;
  });
  await assert.rejects(client.call(env.bob, `0x${'00'.repeat(20)}`, { gasLimit: 1000n }), {
    errorName: 'ContractNotFound',
  });
});
