// zombienet script: deploys the `store` contract on the node's parachain with the
// repository's client (tests/client, polkadot.js 16.5.6), calls it, and reads the value it
// stored back. Returns 1 on success.

const { randomBytes } = require('node:crypto');
const { join } = require('node:path');

const tests = join(__dirname, '../../tests');

async function run(nodeName, networkInfo) {
  const { connect, devAccounts } = await import(join(tests, 'lib/node.mjs'));
  const { EwasmClient, loadCode } = await import(join(tests, 'client/dist/index.js'));
  const { RENT_FUNDS, fixturePath } = await import(join(tests, 'lib/contracts.mjs'));
  const api = await connect(networkInfo.nodesByName[nodeName].wsUri);
  try {
    const client = new EwasmClient(api);
    const { alice, bob } = devAccounts();
    const code = await loadCode(fixturePath('store'));
    const salt = `0x${randomBytes(32).toString('hex')}`;
    const { address } = await client.deploy(alice, { code }, { value: RENT_FUNDS, salt });
    const key = `0x${'ab'.repeat(32)}`;
    const value = `0x${randomBytes(32).toString('hex')}`;
    const { logs } = await client.call(bob, address, { input: key + value.slice(2) });
    const stored = await client.storage(address, key);
    console.log(`${nodeName}: contract ${address} stored ${stored}, logged ${logs.length}`);
    return stored === value && logs.length === 1 ? 1 : 0;
  } finally {
    await api.disconnect();
  }
}

module.exports = { run };
