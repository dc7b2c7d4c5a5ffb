// zombienet script: deploys the `store` contract on the node's parachain with the
// repository's client (tests/client, polkadot.js 16.5.6), calls it, and reads the value it
// stored back. Each step waits for finality: a collator can retract a best block the relay
// chain did not back, and a call must not run before the deployment it depends on.
// Returns 1 on success.

const { randomBytes } = require('node:crypto');
const { join } = require('node:path');
const { tests, withNode, deployFinalized } = require('./chain.js');

async function run(nodeName, networkInfo) {
  const { loadCode } = await import(join(tests, 'client/dist/index.js'));
  const { fixturePath } = await import(join(tests, 'lib/contracts.mjs'));
  return withNode(nodeName, networkInfo, async ({ client, alice, bob }) => {
    const address = await deployFinalized(client, alice, await loadCode(fixturePath('store')));
    const key = `0x${'ab'.repeat(32)}`;
    const value = `0x${randomBytes(32).toString('hex')}`;
    const { logs } = await client.call(bob, address, {
      input: key + value.slice(2),
      finalized: true,
    });
    const stored = await client.storage(address, key);
    console.log(`${nodeName}: contract ${address} stored ${stored}, logged ${logs.length}`);
    return stored === value && logs.length === 1 ? 1 : 0;
  });
}

module.exports = { run };
