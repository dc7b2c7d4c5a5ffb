// zombienet script: sends an XCM message from the node's parachain (2000) to the sibling
// whose collator is named in the first argument (2001), over the HRMP channel, and waits
// until the sibling has executed it. The message withdraws 1 token from 2000's sovereign
// account on the sibling (funded first), pays for its execution with it, and deposits the
// rest to Bob. Returns 1 when the sibling reports the message processed successfully and
// Bob's balance grew.

const { join } = require('node:path');
const { tests, withNode, sudo, untilEvent } = require('./chain.js');

const UNIT = 10n ** 18n;
const BLOCKS_TO_WAIT = 30;

/** The account of sibling parachain `paraId` on a parachain: "sibl" ++ u32 LE ++ zeros. */
function siblingAccount(paraId) {
  const bytes = new Uint8Array(32);
  bytes.set(Buffer.from('sibl'), 0);
  new DataView(bytes.buffer).setUint32(4, paraId, true);
  return `0x${Buffer.from(bytes).toString('hex')}`;
}

async function run(nodeName, networkInfo, args) {
  const { submit } = await import(join(tests, 'client/dist/index.js'));
  return withNode(nodeName, networkInfo, ({ api: source, alice, bob }) =>
    withNode(args[0], networkInfo, async ({ api: sibling }) => {
      const sourceId = (await source.query.parachainInfo.parachainId()).toNumber();
      const siblingId = (await sibling.query.parachainInfo.parachainId()).toNumber();
      const sovereign = siblingAccount(sourceId);
      const funded = await submit(
        sibling,
        sibling.tx.balances.transferKeepAlive(sovereign, 10n * UNIT),
        alice,
        { finalized: true },
      );
      if (funded.error) throw funded.error;
      const bobBefore = (await sibling.query.system.account(bob.address)).data.free.toBigInt();

      const relayToken = { parents: 1, interior: 'Here' };
      const oneToken = { id: relayToken, fun: { Fungible: UNIT } };
      const message = {
        V5: [
          { WithdrawAsset: [oneToken] },
          { BuyExecution: { fees: oneToken, weightLimit: 'Unlimited' } },
          {
            DepositAsset: {
              assets: { Wild: { AllCounted: 1 } },
              beneficiary: {
                parents: 0,
                interior: { X1: [{ AccountId32: { network: null, id: bob.addressRaw } }] },
              },
            },
          },
        ],
      };
      const dest = { V5: { parents: 1, interior: { X1: [{ Parachain: siblingId }] } } };
      const processed = untilEvent(
        sibling,
        BLOCKS_TO_WAIT,
        (event) =>
          event.section === 'messageQueue' &&
          event.method === 'Processed' &&
          event.data.origin.toJSON()?.sibling === sourceId,
      );
      processed.catch(() => {}); // awaited below, unless sending fails first
      await sudo(source, source.tx.polkadotXcm.send(dest, message), alice);
      const event = await processed;
      const bobAfter = (await sibling.query.system.account(bob.address)).data.free.toBigInt();
      console.log(
        `${sourceId} -> ${siblingId}: ${event.toString()}; Bob received ${bobAfter - bobBefore}`,
      );
      return event.data.success.isTrue && bobAfter > bobBefore ? 1 : 0;
    }),
  );
}

module.exports = { run };
