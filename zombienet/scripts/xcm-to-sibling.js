// zombienet script: sends an XCM message from the node's parachain (2000) to the sibling
// whose collator is named in the first argument (2001), over the HRMP channel, and waits
// until the sibling has executed it. The message withdraws 1 token from 2000's sovereign
// account on the sibling (funded first), pays for its execution with it, and deposits the
// rest to Bob. Returns 1 when the sibling reports the message processed successfully and
// Bob's balance grew.

const { join } = require('node:path');

const tests = join(__dirname, '../../tests');
const UNIT = 10n ** 18n;
const BLOCKS_TO_WAIT = 30;

/** The account of sibling parachain `paraId` on a parachain: "sibl" ++ u32 LE ++ zeros. */
function siblingAccount(paraId) {
  const bytes = new Uint8Array(32);
  bytes.set(Buffer.from('sibl'), 0);
  new DataView(bytes.buffer).setUint32(4, paraId, true);
  return `0x${Buffer.from(bytes).toString('hex')}`;
}

/** Resolves with the first event `matches` accepts within `blocks` blocks of `api`'s chain. */
function waitForEvent(api, blocks, matches) {
  return new Promise((resolve, reject) => {
    let seen = 0;
    let unsubscribe;
    api.query.system
      .events((records) => {
        const found = records.map(({ event }) => event).find(matches);
        seen += 1;
        if (found || seen > blocks) {
          unsubscribe?.();
          if (found) resolve(found);
          else reject(new Error(`no matching event within ${blocks} blocks`));
        }
      })
      .then((unsub) => {
        unsubscribe = unsub;
      })
      .catch(reject);
  });
}

async function run(nodeName, networkInfo, args) {
  const { connect, devAccounts } = await import(join(tests, 'lib/node.mjs'));
  const { submit } = await import(join(tests, 'client/dist/index.js'));
  const { alice, bob } = devAccounts();
  const source = await connect(networkInfo.nodesByName[nodeName].wsUri);
  const sibling = await connect(networkInfo.nodesByName[args[0]].wsUri);
  try {
    const sourceId = (await source.query.parachainInfo.parachainId()).toNumber();
    const siblingId = (await sibling.query.parachainInfo.parachainId()).toNumber();
    const sovereign = siblingAccount(sourceId);
    const funded = await submit(
      sibling,
      sibling.tx.balances.transferKeepAlive(sovereign, 10n * UNIT),
      alice,
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
    const processed = waitForEvent(
      sibling,
      BLOCKS_TO_WAIT,
      (event) =>
        event.section === 'messageQueue' &&
        event.method === 'Processed' &&
        event.data.origin.toJSON()?.sibling === sourceId,
    );
    const sent = await submit(source, source.tx.sudo.sudo(source.tx.polkadotXcm.send(dest, message)), alice);
    if (sent.error) throw sent.error;
    const sudid = sent.events.find((event) => event.section === 'sudo' && event.method === 'Sudid');
    if (!sudid || sudid.data.sudoResult.isErr) {
      throw new Error(`polkadotXcm.send failed: ${sudid?.data.sudoResult.toString()}`);
    }
    const event = await processed;
    const bobAfter = (await sibling.query.system.account(bob.address)).data.free.toBigInt();
    console.log(
      `${sourceId} -> ${siblingId}: ${event.toString()}; Bob received ${bobAfter - bobBefore}`,
    );
    return event.data.success.isTrue && bobAfter > bobBefore ? 1 : 0;
  } finally {
    await source.disconnect();
    await sibling.disconnect();
  }
}

module.exports = { run };
