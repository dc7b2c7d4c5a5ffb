// zombienet script: asks the environment contract (0x10) of the node's parachain, by dry runs
// at the latest finalized block, for the parachain id and the relay parent, and checks them
// against the id in the first argument and the relay block parachain-system recorded for that
// block (a real relay chain's block number here, not a dev node's mock). Returns 1 if both
// match.

const { tests, withNode } = require('./chain.js');

const ENVIRONMENT = `0x${'00'.repeat(19)}10`;
const PARA_ID = '0xb4fc08e9';
const RELAY_PARENT_NUMBER = '0x0d0d64af';

async function run(nodeName, networkInfo, args) {
  return withNode(nodeName, networkInfo, async ({ api, bob }) => {
    const at = await api.at(await api.rpc.chain.getFinalizedHead());
    const ask = async (selector) => {
      const dry = await at.call.ewasmApi.call(bob.address, ENVIRONMENT, 0, 1_000_000, selector);
      return dry.result.isOk ? BigInt(dry.returnData.toHex()) : undefined;
    };
    const paraId = await ask(PARA_ID);
    const relayParent = await ask(RELAY_PARENT_NUMBER);
    const recorded = (await at.query.parachainSystem.lastRelayChainBlockNumber()).toBigInt();
    console.log(`${nodeName}: 0x10 answers paraId ${paraId}, relayParentNumber ${relayParent} (recorded ${recorded})`);
    return paraId === BigInt(args[0]) && relayParent === recorded && recorded > 0n ? 1 : 0;
  });
}

module.exports = { run };
