// zombienet script: collators find each other by authority discovery. At the latest finalized
// block of the node's parachain, the runtime's AuthorityDiscoveryApi answers the collators'
// `audi` keys in authoring order (here each one's Aura key: zombienet gives a collator one
// sr25519 key for both, in the spec's session keys and in its keystore), and the node's
// keystore holds its own. Returns 1 if all three hold.

const { withNode } = require('./chain.js');

async function run(nodeName, networkInfo) {
  return withNode(nodeName, networkInfo, async ({ api }) => {
    const at = await api.at(await api.rpc.chain.getFinalizedHead());
    const authorities = (await at.call.authorityDiscoveryApi.authorities()).map((key) => key.toHex());
    const aura = (await at.query.aura.authorities()).map((key) => key.toHex());
    const held = [];
    for (const key of authorities) {
      if ((await api.rpc.author.hasKey(key, 'audi')).isTrue) held.push(key);
    }
    console.log(
      `${nodeName}: AuthorityDiscoveryApi answers [${authorities}], Aura's authorities are [${aura}], its keystore holds [${held}]`,
    );
    const inAuthoringOrder = authorities.length > 0 && authorities.join() === aura.join();
    return inAuthoringOrder && held.length === 1 ? 1 : 0;
  });
}

module.exports = { run };
