// End to end on a real dev node: a runtime upgrade made as a user makes one,
// `sudo.sudoUncheckedWeight(system.setCode(blob))`, to the next runtime `make upgrade-runtime`
// builds (spec version one higher, VM versions 3 and 4 on dearer prices). A `v1` contract
// (`examples/sha256`) and a `v2` one (`examples/keccak256`) deployed before keep their
// versions, and their gas and results stay byte for byte the same; the same code deployed
// after gets the new versions and pays their prices (issue 21).

import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { before, test } from 'node:test';
import { u8aToHex } from '@polkadot/util';
import { EwasmClient, submit } from '../client/dist/index.js';
import { RENT_FUNDS, buildExample, bytesCallData } from '../lib/contracts.mjs';
import { connect, devNodeForTests, targetDir } from '../lib/node.mjs';

const env = devNodeForTests();
const NEXT_RUNTIME =
  process.env.EWASM_UPGRADE_RUNTIME ??
  `${targetDir()}-upgrade/release/wbuild/ewasm-runtime/ewasm_runtime.compact.compressed.wasm`;
const DATA = Uint8Array.from({ length: 1024 }, (_, i) => (i * 13 + 1) % 256);
const CALLS = {
  sha256: bytesCallData('hash(bytes)', DATA),
  keccak256: bytesCallData('hostKeccak(bytes)', DATA),
};

let initCodes;

before(() => {
  assert.ok(existsSync(NEXT_RUNTIME), `no next runtime at ${NEXT_RUNTIME}: run make upgrade-runtime`);
  initCodes = { sha256: buildExample('sha256'), keccak256: buildExample('keccak256') };
});

/** Deploys every example with `salt`: their addresses by name. */
async function deployAll(client, salt) {
  const addresses = {};
  for (const [name, initCode] of Object.entries(initCodes)) {
    const options = { value: RENT_FUNDS, salt: `0x${salt.repeat(32)}` };
    addresses[name] = (await client.deploy(env.alice, { initCode }, options)).address;
  }
  return addresses;
}

/** What calling each contract does: its return data (a dry run) and a signed call's gas. */
async function runAll(client, addresses) {
  const runs = {};
  for (const [name, address] of Object.entries(addresses)) {
    const input = CALLS[name];
    const dryRun = await client.dryRunCall(env.bob.address, address, { input });
    assert.equal(dryRun.error, null, `${name}: ${dryRun.error?.message}`);
    const { gasUsed } = await client.call(env.bob, address, { input });
    runs[name] = { returnData: dryRun.returnData, gasUsed };
  }
  return runs;
}

/** Waits until the chain runs spec version `spec`, at most `blocks` blocks. */
async function untilSpecVersion(api, spec, blocks = 10) {
  for (let waited = 0; waited <= blocks; waited += 1) {
    const version = await api.rpc.state.getRuntimeVersion();
    if (version.specVersion.toNumber() === spec) return;
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  throw new Error(`spec version ${spec} not reached within ${blocks} blocks`);
}

test('a runtime upgrade leaves deployed contracts their versions, gas and results; new ones get the new versions', async () => {
  const { api } = env.node;
  const client = new EwasmClient(api);
  const spec = (await api.rpc.state.getRuntimeVersion()).specVersion.toNumber();
  const old = await deployAll(client, '01');
  assert.deepEqual([await client.vmVersion(old.sha256), await client.vmVersion(old.keccak256)], [1, 2]);
  const before = await runAll(client, old);

  const setCode = api.tx.system.setCode(u8aToHex(readFileSync(NEXT_RUNTIME)));
  const upgrade = api.tx.sudo.sudoUncheckedWeight(setCode, { refTime: 0, proofSize: 0 });
  const included = await submit(api, upgrade, env.alice);
  assert.equal(included.error, null, `setCode: ${included.error?.message}`);
  await untilSpecVersion(api, spec + 1);
  // A client of the new runtime, as a user's polkadot.js after a reload: its metadata and
  // runtime API types are the new runtime's.
  const upgraded = await connect(env.node.endpoint);
  try {
    await afterTheUpgrade(new EwasmClient(upgraded), old, before);
  } finally {
    await upgraded.disconnect();
  }
});

/** The upgrade's checks, made with `client` of the new runtime. */
async function afterTheUpgrade(client, old, before) {
  const after = await runAll(client, old);
  assert.deepEqual(after, before, 'the same return data and gas, byte for byte');
  assert.deepEqual([await client.vmVersion(old.sha256), await client.vmVersion(old.keccak256)], [1, 2]);

  const later = await deployAll(client, '02');
  assert.deepEqual([await client.vmVersion(later.sha256), await client.vmVersion(later.keccak256)], [3, 4]);
  const onLater = await runAll(client, later);
  for (const name of Object.keys(CALLS)) {
    assert.equal(onLater[name].returnData, before[name].returnData, `${name}: the same result`);
    assert.ok(onLater[name].gasUsed > before[name].gasUsed, `${name}: the new version's prices`);
    console.log(
      `${name}: ${before[name].gasUsed} gas on version ${name === 'sha256' ? 1 : 2} before and after the upgrade, ${onLater[name].gasUsed} on the new version`,
    );
  }
}
