// zombienet script: asks the environment contract (0x10) of the node's parachain, by dry runs
// at the latest finalized block, for the parachain id and the relay parent, and checks them
// against the id in the first argument and the relay block parachain-system recorded for that
// block (a real relay chain's block number here, not a dev node's mock). Returns 1 if both
// match.

const { join } = require('node:path');
const { tests, withNode } = require('./chain.js');

async function run(nodeName, networkInfo, args) {
  const { ENVIRONMENT, environmentInput } = await import(join(tests, 'client/dist/index.js'));
  return withNode(nodeName, networkInfo, async ({ api, bob }) => {
    const at = await api.at(await api.rpc.chain.getFinalizedHead());
    const ask = async (query) => {
      const input = environmentInput(query);
      const dry = await at.call.ewasmApi.call(bob.address, ENVIRONMENT, 0, 1_000_000_000, input);
      return dry.result.isOk ? BigInt(dry.returnData.toHex()) : undefined;
    };
    const paraId = await ask('paraId');
    const relayParent = await ask('relayParentNumber');
    const recorded = (await at.query.parachainSystem.lastRelayChainBlockNumber()).toBigInt();
    console.log(
      `${nodeName}: 0x10 answers paraId ${paraId}, relayParentNumber ${relayParent} (recorded ${recorded})`,
    );
    return paraId === BigInt(args[0]) && relayParent === recorded && recorded > 0n ? 1 : 0;
  });
}

module.exports = { run };
