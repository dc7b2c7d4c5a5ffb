// Helpers shared by the zombienet scripts: contract deployments that wait for finality, sudo
// calls that fail loudly, and waiting for a condition over the next blocks of a chain.

const { randomBytes } = require('node:crypto');
const { join } = require('node:path');

const tests = join(__dirname, '../../tests');

/**
 * Connects to the node at the WebSocket `endpoint` and resolves with what `use({ api, client,
 * alice, bob })` resolves with (`client`: tests/client's `EwasmClient` on `api`; `alice` and
 * `bob`: the dev accounts), disconnecting afterwards.
 */
async function withEndpoint(endpoint, use) {
  const { connect, devAccounts } = await import(join(tests, 'lib/node.mjs'));
  const { EwasmClient } = await import(join(tests, 'client/dist/index.js'));
  const api = await connect(endpoint);
  try {
    return await use({ api, client: new EwasmClient(api), ...devAccounts() });
  } finally {
    await api.disconnect();
  }
}

/** {@link withEndpoint} for the node `nodeName` of the zombienet network. */
function withNode(nodeName, networkInfo, use) {
  return withEndpoint(networkInfo.nodesByName[nodeName].wsUri, use);
}

/**
 * Deploys `code` with `client` (tests/client's `EwasmClient`) as `signer`, with a fresh salt
 * and the tests' rent funds, and resolves with its address once the block is finalized: on a
 * parachain a collator can retract a best block the relay chain did not back, and what uses
 * the contract must not run before it exists.
 */
async function deployFinalized(client, signer, code) {
  const { RENT_FUNDS } = await import(join(tests, 'lib/contracts.mjs'));
  const salt = `0x${randomBytes(32).toString('hex')}`;
  const options = { value: RENT_FUNDS, salt, finalized: true };
  return (await client.deploy(signer, { code }, options)).address;
}

/**
 * Submits `call` as `sudo.sudo` signed by `signer` (the chain's sudo key) and resolves with
 * the included block's events; rejects if the extrinsic or the sudid call failed.
 */
async function sudo(api, call, signer) {
  const { submit } = await import(join(tests, 'client/dist/index.js'));
  const included = await submit(api, api.tx.sudo.sudo(call), signer);
  if (included.error) throw included.error;
  const sudid = included.events.find((event) => event.section === 'sudo' && event.method === 'Sudid');
  if (!sudid || sudid.data.sudoResult.isErr) {
    const why = sudid ? sudid.data.sudoResult.toString() : 'no sudo.Sudid event';
    throw new Error(`sudo ${call.method.section}.${call.method.method} failed: ${why}`);
  }
  return included.events;
}

/**
 * Resolves with the first truthy value `check(blockHash)` returns for the next blocks of
 * `api`'s chain, every block number checked once, in order (tests/client's `untilBlock`);
 * rejects after `blocks` blocks.
 */
async function untilBlock(api, blocks, check) {
  const client = await import(join(tests, 'client/dist/index.js'));
  return client.untilBlock(api, blocks, check);
}

/** Resolves with the first event of the next `blocks` blocks that `matches` accepts. */
function untilEvent(api, blocks, matches) {
  return untilBlock(api, blocks, async (hash) => {
    const records = await api.query.system.events.at(hash);
    return records.map(({ event }) => event).find(matches);
  });
}

module.exports = { tests, withEndpoint, withNode, deployFinalized, sudo, untilBlock, untilEvent };
