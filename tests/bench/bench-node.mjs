// `make bench-node`: ERC-20 transfers per block and per second on a real dev node, in the
// manner of smart-bench. Deploys the SDK's ERC-20 (`examples/erc20`) from Alice, funds
// BENCH_ACCOUNTS sender accounts with native balance (their fees) and with tokens, then signs
// one token transfer per sender offline, each to a recipient of its own that holds no tokens,
// and submits them all at once, so that a backlog sits in the transaction pool for the block
// builder to drain. Follows the blocks until every transfer is in one and reports, per block,
// the transfers, the normal class's weight and the length, and what bound the full blocks.
// Prints a markdown table and writes it to $CARGO_TARGET_DIR/bench-node.md; exits non-zero if
// a transfer failed.
//
// What limits a block: the dev node (the omni node's manual seal) seals one every
// BENCH_BLOCK_TIME_MS on a timer, however long the previous seal took, and each seal proposes
// with sc-consensus-manual-seal's 10 s maximum (sc-basic-authorship stops pushing
// transactions at 9 s; once one no longer fits it tries others until half of that). Building a
// block of a few hundred transfers takes well under that, so neither the timer nor the
// deadline bounds a block: the runtime does. frame-system's CheckWeight admits a transaction
// only if its weight before dispatch (an `ewasm.call` is charged for its gas limit) fits what
// the block's normal class has left (75% of 2 s of ref time and of 10 MiB of proof), and its
// length the normal class's 75% of 5 MiB (the proposer's own 4 MiB limit is beyond). After
// dispatch a transfer's weight is refunded to the gas it used and its proof reclaimed to the
// proof it recorded (StorageWeightReclaim): `system.blockWeight` holds what the block used,
// and a block was bound by the dimensions in which one more transfer did not fit.
//
// Environment: BENCH_ACCOUNTS (the senders, one transfer each; default 2000: six full blocks
// of about 300), BENCH_BLOCK_TIME_MS (default 6000).

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { EwasmClient, addressOfAccount, callData, decodeError, untilBlock } from '../client/dist/index.js';
import { nextFinalized } from '../lib/chain.mjs';
import { buildExample } from '../lib/contracts.mjs';
import { devAccounts, startDevNode, targetDir } from '../lib/node.mjs';

const ACCOUNTS = positiveInteger('BENCH_ACCOUNTS', 2000);
const BLOCK_TIME_MS = positiveInteger('BENCH_BLOCK_TIME_MS', 6000);
/**
 * The token's balance, for its rent: 1 EWT. At the dev chain's 1 gwei a block per byte, the
 * balances of 2000 senders and their recipients (64 bytes each) cost 2.6 * 10^14 wei a block:
 * this pays for thousands of blocks (RENT_FUNDS would not last the run).
 */
const TOKEN_FUNDS = 10n ** 18n;
/** Each sender's native balance: 0.1 EWT, the fees of about 18 transfers. */
const NATIVE_FUNDS = 10n ** 17n;
/** Each sender's tokens, and what it transfers. */
const TOKENS = 1000n;
const TRANSFER = 1n;
/** Gas limits are the dry run's requirement and this share (%) more. */
const GAS_MARGIN_PERCENT = 10n;
/**
 * Alice's funding transactions submitted at a time, in the order of their nonces: until its
 * predecessor arrives a transaction waits in the pool's future queue, which holds a tenth of
 * `--pool-limit` (819 by default) and silently drops what is beyond (the RPC accepted it).
 */
const IN_FLIGHT = 512;
/** `--pool-limit`: the default (8192), or more if Alice's two funding transactions per sender need it. */
const POOL_LIMIT = Math.max(8192, 2 * ACCOUNTS + 1024);
const TRANSFER_SIGNATURE = 'transfer(address,uint256)';

/** The positive integer in environment variable `name`, or `fallback` if it is unset. */
function positiveInteger(name, fallback) {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isSafeInteger(value) || value <= 0) throw new Error(`${name} must be a positive integer`);
  return value;
}

/** Blocks to wait at most for `count` transactions: as though 50 fit a block, and 10 more. */
function patience(count) {
  return Math.ceil(count / 50) + 10;
}

/** The recipient of sender `index`'s transfer: an address of its own that holds no tokens. */
function recipientOf(index) {
  return `0x${'be'.repeat(12)}${index.toString(16).padStart(16, '0')}`;
}

/** The gas `origin`'s call of `token` with `input` requires (a dry run), and that with the margin. */
async function gasFor(client, origin, token, input) {
  const run = await client.dryRunCall(origin, token, { input });
  if (run.error) throw run.error;
  return { required: run.gasRequired, limit: run.gasRequired + (run.gasRequired * GAS_MARGIN_PERCENT) / 100n };
}

/** Signs each of `calls` (`{ tx, signer, nonce }`) offline: immortal, so no block is read. */
function signAll(calls) {
  return Promise.all(calls.map(({ tx, signer, nonce }) => tx.signAsync(signer, { nonce, era: 0 })));
}

/**
 * Submits the signed `extrinsics` with `author_submitExtrinsic`, `inFlight` at a time, and
 * throws, naming each refusal (`1010: Invalid Transaction: ...`, `1014: Priority is too low`)
 * and how many times it came, if the pool refused any.
 */
async function submitAll(api, extrinsics, inFlight) {
  const refusals = new Map();
  for (let start = 0; start < extrinsics.length; start += inFlight) {
    const slice = extrinsics.slice(start, start + inFlight);
    const results = await Promise.allSettled(slice.map((ext) => api.rpc.author.submitExtrinsic(ext)));
    results.forEach((result, offset) => {
      if (result.status === 'fulfilled') return;
      const { message } = result.reason;
      const refused = refusals.get(message) ?? { count: 0, first: start + offset };
      refusals.set(message, { ...refused, count: refused.count + 1 });
    });
  }
  if (refusals.size === 0) return;
  const counts = [...refusals.values()].reduce((sum, { count }) => sum + count, 0);
  const lines = [...refusals].map(([message, { count, first }]) => `  ${count}x (first #${first}): ${message}`);
  throw new Error(`the pool refused ${counts} of ${extrinsics.length} transactions:\n${lines.join('\n')}`);
}

const OUTCOMES = ['ExtrinsicSuccess', 'ExtrinsicFailed'];

/**
 * What block `hash` did with the extrinsics of `pending` (hex hashes, deleted as they are
 * found): how many succeeded (`included`), the errors of those that failed, the normal class's
 * weight at the block's end (`system.blockWeight`), the length of all its extrinsics (what
 * CheckWeight counts) and when the block was seen.
 */
async function blockRecord(api, hash, number, pending) {
  const at = await api.at(hash);
  const [{ block }, events, weight] = await Promise.all([
    api.rpc.chain.getBlock(hash),
    at.query.system.events(),
    at.query.system.blockWeight(),
  ]);
  const outcomes = new Map();
  for (const { phase, event } of events) {
    if (phase.isApplyExtrinsic && event.section === 'system' && OUTCOMES.includes(event.method)) {
      outcomes.set(phase.asApplyExtrinsic.toNumber(), event);
    }
  }
  let included = 0;
  const failed = [];
  block.extrinsics.forEach((ext, index) => {
    if (!pending.delete(ext.hash.toHex())) return;
    const event = outcomes.get(index);
    if (event.method === 'ExtrinsicSuccess') included += 1;
    else failed.push(decodeError(api, event.data.dispatchError).message);
  });
  return {
    number,
    hash,
    seenAt: Date.now(),
    included,
    failed,
    refTime: weight.normal.refTime.toBigInt(),
    proofSize: weight.normal.proofSize.toBigInt(),
    length: BigInt(block.extrinsics.reduce((sum, ext) => sum + ext.encodedLength, 0)),
  };
}

/**
 * Follows the chain from its best block until every one of `extrinsics` is in a block; throws
 * after `patience` blocks. Resolves with the record (see `blockRecord`) of every block from
 * the first that holds one of them.
 */
async function untilIncluded(api, extrinsics) {
  const pending = new Set(extrinsics.map((ext) => ext.hash.toHex()));
  const records = [];
  try {
    await untilBlock(api, patience(pending.size), async (hash, number) => {
      const record = await blockRecord(api, hash, number, pending);
      if (records.length > 0 || record.included > 0 || record.failed.length > 0) records.push(record);
      return pending.size === 0;
    });
  } catch (error) {
    throw new Error(`${pending.size} of ${extrinsics.length} transactions in no block: ${error.message}`);
  }
  return records;
}

/**
 * Submits the signed `extrinsics` (`inFlight` at a time) right after a new block, so that the
 * next block finds them all in the pool, and follows the chain until all are in blocks.
 * Resolves with the blocks' records (see `untilIncluded`) and the submission's duration (ms).
 */
async function submitAndFollow(api, extrinsics, inFlight = extrinsics.length) {
  await nextFinalized(api, (await api.rpc.chain.getHeader()).number.toNumber());
  const included = untilIncluded(api, extrinsics);
  included.catch(() => {}); // awaited below, unless the submission throws first
  const started = Date.now();
  await submitAll(api, extrinsics, inFlight);
  const submitMs = Date.now() - started;
  return { records: await included, submitMs };
}

/** The normal class's limits (ref time, proof size, length) and an extrinsic's base weight. */
function normalLimits(api) {
  const normal = api.consts.system.blockWeights.perClass.normal;
  const max = normal.maxTotal.unwrap();
  return {
    refTime: max.refTime.toBigInt(),
    proofSize: max.proofSize.toBigInt(),
    length: api.consts.system.blockLength.max.normal.toBigInt(),
    base: normal.baseExtrinsic,
  };
}

/**
 * What the signed transfer `signed` asks of a block before dispatch, as CheckWeight counts
 * it: its weight (of its gas limit) with the extrinsic's base, and its length; and its fee.
 */
async function preDispatchCost(api, signed, limits) {
  const info = await api.call.transactionPaymentApi.queryInfo(signed.toU8a(), signed.encodedLength);
  return {
    refTime: info.weight.refTime.toBigInt() + limits.base.refTime.toBigInt(),
    proofSize: info.weight.proofSize.toBigInt() + limits.base.proofSize.toBigInt(),
    length: BigInt(signed.encodedLength),
    fee: info.partialFee.toBigInt(),
  };
}

/**
 * How long the node took to build each block, in ms by block hash, from its log lines
 * `Prepared block for proposing at <number> (<ms> ms) hash: <hash>` (sc-basic-authorship).
 */
function buildTimes(logs) {
  const pattern = /Prepared block for proposing at \d+ \((\d+) ms\) hash: (0x[0-9a-f]+)/g;
  return new Map([...logs.join('').matchAll(pattern)].map(([, ms, hash]) => [hash, `${ms} ms`]));
}

const DIMENSIONS = { refTime: 'ref time', proofSize: 'proof size', length: 'length' };

/** The dimensions in which one more transfer (`cost`) did not fit the block of `record`, or `–`. */
function boundOf(record, cost, limits) {
  const bound = Object.keys(DIMENSIONS).filter((key) => record[key] + cost[key] > limits[key]);
  return bound.map((key) => DIMENSIONS[key]).join(' and ') || '–';
}

/** The median of `values` (numbers). */
function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** A markdown table row of `cells`. */
function row(cells) {
  return `| ${cells.join(' | ')} |`;
}

/** `part` (formatted by `format`) of the normal class's `whole`, and its share of it. */
function used(part, whole, format) {
  return `${format(part)} (${((Number(part) * 100) / Number(whole)).toFixed(1)}%)`;
}

const millis = (refTime) => `${(Number(refTime) / 1e9).toFixed(1)} ms`;
const kib = (bytes) => `${(Number(bytes) / 1024).toFixed(1)} KiB`;
const perSecond = (perBlock) => (perBlock / (BLOCK_TIME_MS / 1000)).toFixed(1);

/**
 * The run's report in markdown: its setup, a row per block (with its build time from `built`,
 * see `buildTimes`), and the full blocks' summary.
 */
function report({ records, cost, limits, gas, submitMs }, built) {
  const rows = records.map((record, index) => {
    const previous = records[index - 1];
    return row([
      `#${record.number}`,
      record.included,
      record.failed.length,
      used(record.refTime, limits.refTime, millis),
      used(record.proofSize, limits.proofSize, kib),
      used(record.length, limits.length, kib),
      built.get(record.hash) ?? '?',
      previous ? `${((record.seenAt - previous.seenAt) / 1000).toFixed(1)} s` : '–',
      boundOf(record, cost, limits),
    ]);
  });
  const full = records.slice(0, -1);
  const counts = full.map((record) => record.included);
  const [most, middle] = [Math.max(...counts), median(counts)];
  const bounds = [...new Set(full.map((record) => boundOf(record, cost, limits)))].join(', ');
  const summary = full.length
    ? row([full.length, most, middle, perSecond(most), perSecond(middle), bounds])
    : row(['0 (raise BENCH_ACCOUNTS)', '–', '–', '–', '–', '–']);
  return [
    `ERC-20 transfers on a dev node (\`make bench-node\`, ${new Date().toISOString()}): ` +
      `${ACCOUNTS} senders, one transfer each to a recipient of its own, block time ` +
      `${BLOCK_TIME_MS} ms, all submitted in ${(submitMs / 1000).toFixed(1)} s.`,
    `A transfer's gas limit ${gas.limit} (the dry run's ${gas.required} + ${GAS_MARGIN_PERCENT}%), ` +
      `fee ${cost.fee} wei; before dispatch it asks ${millis(cost.refTime)} of ref time, ` +
      `${kib(cost.proofSize)} of proof and ${cost.length} B of length of the normal class's ` +
      `${millis(limits.refTime)}, ${kib(limits.proofSize)} and ${kib(limits.length)}.`,
    '',
    row(['block', 'transfers', 'failed', 'ref time (normal)', 'proof size (normal)', 'length', 'built in', 'since previous', 'bound']),
    row(Array(9).fill('---')),
    ...rows,
    '',
    'Full blocks: every block but the last, which takes the remainder.',
    '',
    row(['full blocks', 'transfers per block, max', 'median', 'transfers per second, max', 'median', 'bound']),
    row(Array(6).fill('---')),
    summary,
    '',
  ].join('\n');
}

/**
 * Deploys the ERC-20 from Alice (with TOKEN_FUNDS) and funds each of `senders` with
 * NATIVE_FUNDS and TOKENS (Alice's transactions, nonces in a row); resolves with the token's
 * address once all are in.
 */
async function setUp(client, alice, senders, initCode) {
  const { api } = client;
  const { address: token } = await client.deploy(alice, { initCode }, { value: TOKEN_FUNDS });
  const first = (await api.rpc.system.accountNextIndex(alice.address)).toNumber();
  const tokensTo = (pair) => callData(TRANSFER_SIGNATURE, [addressOfAccount(pair.address), TOKENS]);
  const gas = await gasFor(client, alice.address, token, tokensTo(senders[0]));
  // In the order of their nonces: see IN_FLIGHT.
  const calls = [
    ...senders.map((pair) => api.tx.balances.transferKeepAlive(pair.address, NATIVE_FUNDS)),
    ...senders.map((pair) => api.tx.ewasm.call(token, 0n, gas.limit, tokensTo(pair))),
  ].map((tx, index) => ({ tx, signer: alice, nonce: first + index }));
  const { records } = await submitAndFollow(api, await signAll(calls), IN_FLIGHT);
  const failed = records.flatMap((record) => record.failed);
  if (failed.length) throw new Error(`${failed.length} funding transactions failed, the first: ${failed[0]}`);
  console.log(`funded ${senders.length} senders in ${records.length} blocks`);
  return token;
}

/**
 * Signs a transfer of TRANSFER tokens from each of `senders` and submits them all at once;
 * resolves with what `report` takes once all are in blocks.
 */
async function transferAll(client, senders, token) {
  const { api } = client;
  const inputOf = (index) => callData(TRANSFER_SIGNATURE, [recipientOf(index), TRANSFER]);
  const gas = await gasFor(client, senders[0].address, token, inputOf(0));
  const calls = senders.map((signer, index) => ({
    tx: api.tx.ewasm.call(token, 0n, gas.limit, inputOf(index)),
    signer,
    nonce: 0,
  }));
  const signed = await signAll(calls);
  const limits = normalLimits(api);
  const cost = await preDispatchCost(api, signed[0], limits);
  console.log(`submitting ${signed.length} transfers (gas limit ${gas.limit})`);
  const { records, submitMs } = await submitAndFollow(api, signed);
  return { records, cost, limits, gas, submitMs };
}

const started = Date.now();
const initCode = buildExample('erc20');
const node = await startDevNode({ blockTimeMs: BLOCK_TIME_MS, args: [`--pool-limit=${POOL_LIMIT}`] });
try {
  const client = new EwasmClient(node.api);
  const { alice } = devAccounts();
  const senders = Array.from({ length: ACCOUNTS }, (_, index) => alice.derive(`//bench//${index}`));
  const token = await setUp(client, alice, senders, initCode);
  const run = await transferAll(client, senders, token);
  const markdown = report(run, buildTimes(node.logs));
  const path = join(targetDir(), 'bench-node.md');
  writeFileSync(path, markdown);
  console.log(`\n${markdown}\nwritten to ${path}; the run took ${Math.round((Date.now() - started) / 1000)} s`);
  const failed = run.records.flatMap((record) => record.failed);
  if (failed.length) {
    console.error(`${failed.length} transfers failed, the first: ${failed[0]}`);
    process.exitCode = 1;
  }
} finally {
  await node.stop();
}
