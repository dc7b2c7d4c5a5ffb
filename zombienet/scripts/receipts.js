// zombienet script: a contract on the node's parachain (the source) sends value and a message
// through the receipts contract (0x20) to a contract on the sibling whose collator is named in
// the first argument (the target), which receives it in `receiveMessage`; then the source's
// root replays the delivery over XCM and the target refuses it.
//
// Checks, on the finalized chains:
// - the receiver's storage shows the source parachain, the source contract and the payload,
//   and its log the payload; it holds the amount;
// - value is conserved across both chains: each chain's issuance plus the value in flight
//   (source `sentTotal` minus target `receivedTotal`, both ways) is what it was, once the fees
//   and rent burned in between on either chain are added back;
// - the replayed delivery is processed on the target without delivering anything.
// - two more receipts, whose push deliveries the target refuses (dust for empty addresses), are
//   claimed by proof on the target once the addresses hold something (the pull path): one by
//   the `claim_receipt` extrinsic, one by a contract calling the receipts contract's
//   `claimReceipt`.
// Prints the latency (relay-chain blocks and seconds from the generating block to the
// delivering block, and relay blocks to the claim). Returns 1 if every check passes.

const { randomBytes } = require('node:crypto');
const { join } = require('node:path');
const { tests, withNode, deployFinalized, sudo, untilBlock } = require('./chain.js');

/** What the source contract sends: 0.0001 EWT. */
const AMOUNT = 10n ** 14n;
/** Gas the receipt carries for `receiveMessage`. */
const RECEIPT_GAS = 200_000_000n;
/** Blocks to wait for a delivery, and for finality. */
const BLOCKS_TO_WAIT = 40;

/** The storage key whose first byte is `n` (the receiver's records). */
function recordKey(n) {
  return `0x${n.toString(16).padStart(2, '0')}${'00'.repeat(31)}`;
}

/** Call data of `fixtures/proxy.wat`: a plain `call` of `target` with `value` and `payload`. */
function proxyInput(target, value, payload) {
  const le = Buffer.alloc(16);
  le.writeBigUInt64LE(value & ((1n << 64n) - 1n), 0);
  le.writeBigUInt64LE(value >> 64n, 8);
  return `0x00${target.slice(2)}${le.toString('hex')}${payload.slice(2)}`;
}

/** A chain's issuance and its receipt totals with `sibling`, at block `hash`. */
async function ledger(api, sibling, hash) {
  const at = await api.at(hash);
  const number = (await api.rpc.chain.getHeader(hash)).number.toNumber();
  return {
    hash,
    number,
    issuance: (await at.query.balances.totalIssuance()).toBigInt(),
    sent: (await at.query.ewasm.sentTotal(sibling)).toBigInt(),
    received: (await at.query.ewasm.receivedTotal(sibling)).toBigInt(),
    relayParent: (await at.query.parachainSystem.lastRelayChainBlockNumber()).toNumber(),
    time: (await at.query.timestamp.now()).toBigInt(),
  };
}

/** Value burned in blocks `from + 1 ..= to` of `api`'s chain: fees, rent, dust. */
async function burnedBetween(api, from, to) {
  let burned = 0n;
  for (let number = from + 1; number <= to; number += 1) {
    const hash = await api.rpc.chain.getBlockHash(number);
    for (const { event } of await api.query.system.events.at(hash)) {
      const { section, method, data } = event;
      if (section === 'transactionPayment' && method === 'TransactionFeePaid') {
        burned += data.actualFee.toBigInt();
      } else if (section === 'ewasm' && method === 'RentCharged') {
        burned += data.amount.toBigInt();
      } else if (section === 'ewasm' && method === 'Evicted') {
        burned += data.rentTaken.toBigInt();
      } else if (section === 'balances' && method === 'DustLost') {
        burned += data.amount.toBigInt();
      }
    }
  }
  return burned;
}

/** Resolves once `api`'s finalized head is at least block `number`, with its hash. */
function finalizedAtLeast(api, number) {
  return untilBlock(api, BLOCKS_TO_WAIT, async () => {
    const head = await api.rpc.chain.getFinalizedHead();
    const finalized = (await api.rpc.chain.getHeader(head)).number.toNumber();
    return finalized >= number ? head.toHex() : null;
  });
}

/** The value in flight and on both chains. */
function total(source, target) {
  return (
    source.issuance + target.issuance + (source.sent - target.received) + (target.sent - source.received)
  );
}

/**
 * The pull path: Alice on the source sends two receipts of less than the existential deposit
 * to two empty addresses on the target, so their push deliveries are refused there
 * (`ReceiptUndeliverable`, the receipts stay in flight); once the addresses hold something,
 * Bob claims the first on the target by a proof of the source's outbox against a source state
 * root the target recorded from the relay chain (the `claim_receipt` extrinsic), and a
 * contract on the target (`proxy`) claims the second with the same kind of proof through the
 * receipts contract's `claimReceipt`. Resolves with whether both claims delivered exactly the
 * amount.
 */
async function claimAfterFailedPushes(source, target, sourceClient, targetClient, alice, proxy) {
  const { submit, claimReceiptInput, receiptArgument, RECEIPTS } = await import(join(tests, 'client/dist/index.js'));
  const { devAccounts } = await import(join(tests, 'lib/node.mjs'));
  const { bob } = devAccounts();
  const sourcePara = (await source.query.parachainInfo.parachainId()).toNumber();
  const targetPara = (await target.query.parachainInfo.parachainId()).toNumber();
  const existential = target.consts.balances.existentialDeposit.toBigInt();
  const dust = existential / 2n;
  const pushesRefused = async (count) => {
    let processed = 0;
    return untilBlock(target, BLOCKS_TO_WAIT, async (hash) => {
      const events = (await target.query.system.events.at(hash)).map(({ event }) => event);
      processed += events.filter(
        (event) =>
          event.section === 'messageQueue' &&
          event.method === 'Processed' &&
          event.data.origin.toJSON()?.sibling === sourcePara,
      ).length;
      return processed >= count;
    });
  };
  const pushed = pushesRefused(2);
  pushed.catch(() => {}); // awaited below, unless generating fails first
  const sent = [];
  for (const claimer of ['extrinsic', 'contract']) {
    const empty = `0x${randomBytes(20).toString('hex')}`;
    const account = target.createType('AccountId32', `${empty}${'ee'.repeat(12)}`).toString();
    const request = { amount: dust, targetPara, target: empty, gasLimit: 0n, payload: '0x' };
    const generated = await sourceClient.generateReceipt(alice, request, { finalized: true });
    sent.push({ claimer, account, ...generated });
  }
  await pushed;
  const inbox = async (receipt) => (await target.query.ewasm.inbox(sourcePara, receipt.nonce)).isSome;
  for (const { receipt, account } of sent) {
    if (await inbox(receipt)) throw new Error('the push delivered a receipt the target should have refused');
    const funded = await submit(target, target.tx.balances.transferKeepAlive(account, existential), alice, {
      finalized: true,
    });
    if (funded.error) throw funded.error;
  }
  let allDelivered = true;
  for (const { claimer, account, receipt, blockHash } of sent) {
    const generatedAt = (await source.rpc.chain.getHeader(blockHash)).number.toNumber();
    const generatedRelay = (await (await source.at(blockHash)).query.parachainSystem.lastRelayChainBlockNumber()).toNumber();
    let claim;
    if (claimer === 'extrinsic') {
      claim = await targetClient.claimReceipt(bob, receipt, '0x', source, { generatedAt, blocks: BLOCKS_TO_WAIT });
    } else {
      const { sourceBlock, proof } = await targetClient.receiptProof(receipt, source, {
        generatedAt,
        blocks: BLOCKS_TO_WAIT,
      });
      const input = claimReceiptInput(receiptArgument(receipt), '0x', sourceBlock, proof);
      claim = await targetClient.call(bob, proxy, { input: proxyInput(RECEIPTS, 0n, input), gasLimit: 2_000_000_000n });
    }
    const claimRelay = (await (await target.at(claim.blockHash)).query.parachainSystem.lastRelayChainBlockNumber()).toNumber();
    const names = claim.events.filter((event) => event.section === 'ewasm').map((event) => event.method);
    const balance = (await target.query.system.account(account)).data.free.toBigInt();
    const delivered = (await inbox(receipt)) && names.includes('ReceiptClaimed') && names.includes('ReceiptDelivered');
    console.log(
      `pull (${claimer}): receipt ${receipt.id} of ${dust} generated at ${sourcePara}#${generatedAt} (relay ` +
        `parent ${generatedRelay}), push refused, claimed by proof at relay parent ${claimRelay} ` +
        `(${claimRelay - generatedRelay} relay blocks after generation, the account funded in between): ` +
        `events ${names.join(', ')}; the account holds ${balance}`,
    );
    allDelivered = allDelivered && delivered && balance === existential + dust;
  }
  return allDelivered;
}

async function run(nodeName, networkInfo, args) {
  const { loadCode, RECEIPTS, generateReceiptInput, receiptArgument, receiptsOf } = await import(
    join(tests, 'client/dist/index.js')
  );
  const { fixturePath } = await import(join(tests, 'lib/contracts.mjs'));
  return withNode(nodeName, networkInfo, ({ api: source, client: sourceClient, alice }) =>
    withNode(args[0], networkInfo, async ({ api: target, client: targetClient }) => {
      const sourcePara = (await source.query.parachainInfo.parachainId()).toNumber();
      const targetPara = (await target.query.parachainInfo.parachainId()).toNumber();
      const receiver = await deployFinalized(targetClient, alice, await loadCode(fixturePath('receiver')));
      const proxyCode = await loadCode(fixturePath('proxy'));
      const proxy = await deployFinalized(sourceClient, alice, proxyCode);
      const targetProxy = await deployFinalized(targetClient, alice, proxyCode);
      const before = {
        source: await ledger(source, targetPara, (await source.rpc.chain.getFinalizedHead()).toHex()),
        target: await ledger(target, sourcePara, (await target.rpc.chain.getFinalizedHead()).toHex()),
      };

      // The source contract (the proxy) calls 0x20 with the amount.
      const payload = `0x${Buffer.from(`hello from ${sourcePara}`).toString('hex')}`;
      const request = { amount: AMOUNT, targetPara, target: receiver, gasLimit: RECEIPT_GAS, payload };
      const generated = await sourceClient.call(alice, proxy, {
        input: proxyInput(RECEIPTS, AMOUNT, generateReceiptInput(request)),
        gasLimit: 2_000_000_000n,
      });
      const [receipt] = receiptsOf(generated.events);
      if (!receipt) throw new Error('no ewasm.ReceiptGenerated event: the proxy call did not send');
      const generatedAt = await ledger(source, targetPara, generated.blockHash);
      const outcome = await targetClient.waitForReceipt(receipt, { blocks: BLOCKS_TO_WAIT });
      const deliveredAt = await ledger(target, sourcePara, outcome.blockHash);
      const relayBlocks = deliveredAt.relayParent - generatedAt.relayParent;
      const seconds = Number(deliveredAt.time - generatedAt.time) / 1000;
      console.log(
        `receipt ${receipt.id} ${sourcePara}#${generatedAt.number} -> ${targetPara}#${outcome.blockNumber}: ` +
          `${outcome.status}, receiveMessage used ${outcome.gasUsed} gas; latency ${relayBlocks} relay blocks ` +
          `(relay parent ${generatedAt.relayParent} -> ${deliveredAt.relayParent}), ${seconds} s`,
      );

      // The receiver saw the source, the source contract and the payload, and logged it.
      const records = {
        sourcePara: await targetClient.storage(receiver, recordKey(1)),
        source: await targetClient.storage(receiver, recordKey(2)),
        payload: await targetClient.storage(receiver, recordKey(5)),
      };
      const expected = {
        sourcePara: `0x${BigInt(sourcePara).toString(16).padStart(64, '0')}`,
        source: `0x${proxy.slice(2).padStart(64, '0')}`,
        payload: `0x${payload.slice(2).padEnd(64, '0')}`,
      };
      const recordsMatch = Object.keys(expected).every((k) => records[k] === expected[k]);
      const deliveryEvents = (await target.query.system.events.at(outcome.blockHash)).map(({ event }) => event);
      const logged = deliveryEvents.some(
        (event) =>
          event.section === 'ewasm' &&
          event.method === 'ContractEmitted' &&
          event.data.contract.toHex() === receiver &&
          event.data.data.toHex() === payload,
      );
      // The amount was minted to the receiver's account (its address, then twelve 0xee bytes).
      const receiverAccount = target.createType('AccountId32', `${receiver}${'ee'.repeat(12)}`).toString();
      const minted = deliveryEvents.some(
        (event) =>
          event.section === 'balances' &&
          event.method === 'Minted' &&
          event.data.who.toString() === receiverAccount &&
          event.data.amount.toBigInt() === AMOUNT,
      );

      // Conservation across both chains, between finalized blocks.
      const after = {
        source: await ledger(source, targetPara, await finalizedAtLeast(source, generatedAt.number)),
        target: await ledger(target, sourcePara, await finalizedAtLeast(target, outcome.blockNumber)),
      };
      const burned =
        (await burnedBetween(source, before.source.number, after.source.number)) +
        (await burnedBetween(target, before.target.number, after.target.number));
      const conserved = total(after.source, after.target) + burned === total(before.source, before.target);
      const moved =
        after.source.sent - before.source.sent === AMOUNT &&
        after.target.received - before.target.received === AMOUNT;
      console.log(
        `records ${JSON.stringify(records)} (expected ${recordsMatch ? 'yes' : JSON.stringify(expected)}); ` +
          `logged ${logged}; sent ${after.source.sent - before.source.sent}, received ` +
          `${after.target.received - before.target.received}; minted to the receiver ${minted}; ` +
          `burned in between ${burned}; conserved ${conserved}`,
      );

      // The source's root sends the same delivery again over XCM: processed, nothing delivered.
      const deliver = target.tx.ewasm.deliverReceipt(receiptArgument(receipt), payload);
      const message = {
        V5: [
          { UnpaidExecution: { weightLimit: 'Unlimited', checkOrigin: null } },
          {
            Transact: {
              originKind: 'Native',
              fallbackMaxWeight: null,
              call: { encoded: deliver.method.toHex() },
            },
          },
        ],
      };
      const dest = { V5: { parents: 1, interior: { X1: [{ Parachain: targetPara }] } } };
      const receivedBefore = after.target.received;
      const processed = untilBlock(target, BLOCKS_TO_WAIT, async (hash) => {
        const events = (await target.query.system.events.at(hash)).map(({ event }) => event);
        const fromSource = events.some(
          (event) =>
            event.section === 'messageQueue' &&
            event.method === 'Processed' &&
            event.data.origin.toJSON()?.sibling === sourcePara,
        );
        return fromSource && events;
      });
      processed.catch(() => {}); // awaited below, unless sending fails first
      await sudo(source, source.tx.polkadotXcm.send(dest, message), alice);
      const replayEvents = await processed;
      const redelivered = replayEvents.some(
        (event) =>
          event.section === 'ewasm' &&
          ['ReceiptDelivered', 'ReceiptFailed'].includes(event.method) &&
          event.data.id.toHex() === receipt.id,
      );
      const receivedAfterReplay = (await target.query.ewasm.receivedTotal(sourcePara)).toBigInt();
      const refused = !redelivered && receivedAfterReplay === receivedBefore;
      const processedEvent = replayEvents.find((event) => event.method === 'Processed');
      console.log(`replay: ${processedEvent.toString()}; refused ${refused}`);

      const claimed = await claimAfterFailedPushes(source, target, sourceClient, targetClient, alice, targetProxy);

      const passed = outcome.status === 'delivered' && recordsMatch && logged && minted;
      return passed && conserved && moved && refused && claimed ? 1 : 0;
    }),
  );
}

module.exports = { run };
