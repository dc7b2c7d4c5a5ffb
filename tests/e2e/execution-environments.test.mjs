// End to end on a real dev node: an execution environment (issue 20) is registered with
// `ewasm.register_ee` (its deposit held, its value moved) and runs blocks with
// `ewasm.execute_block`; the runtime API reads it and dry-runs its blocks. The EE is a counter
// written the way Scout's EEs are, importing `env.eth2_*` and `env.bignum_add256`: each block
// is a 32-byte big-endian number that it adds to its root, and a block of a zero number makes a
// deposit. A second EE holds value: a block sends it value, and it pays its sender back the
// amount the block names (`eth2.getCaller`, `eth2.transfer`).

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { u8aToHex } from '@polkadot/util';
import { keccakAsHex } from '@polkadot/util-crypto';
import {
  compileWat,
  dryRunBlock,
  eeInfo,
  executeBlock,
  registerEe,
} from '../client/dist/index.js';
import { devNodeForTests } from '../lib/node.mjs';

const env = devNodeForTests();

const COUNTER = compileWat(`(module
  (import "env" "eth2_loadPreStateRoot" (func $load (param i32)))
  (import "env" "eth2_blockDataSize" (func $size (result i32)))
  (import "env" "eth2_blockDataCopy" (func $copy (param i32 i32 i32)))
  (import "env" "eth2_savePostStateRoot" (func $save (param i32)))
  (import "env" "eth2_pushNewDeposit" (func $deposit (param i32 i32)))
  (import "env" "bignum_add256" (func $add (param i32 i32 i32)))
  (memory (export "memory") 1)
  (func (export "main")
    (call $load (i32.const 0))
    (call $copy (i32.const 32) (i32.const 0) (call $size))
    (if (i64.eqz (i64.or (i64.load (i32.const 56)) (i64.load (i32.const 32))))
      (then (call $deposit (i32.const 128) (i32.const 184))))
    (call $add (i32.const 0) (i32.const 32) (i32.const 64))
    (call $save (i32.const 64))))`);

/** `value` as a 32-byte big-endian number, in hex. */
function word(value) {
  return `0x${value.toString(16).padStart(64, '0')}`;
}

const UNIT = 10n ** 18n;
const VALUE = 5n * UNIT;

test('an EE is registered with its deposit held and its value moved, and blocks move its root', async () => {
  const { api } = env.node;
  const ee = await registerEe(api, env.alice, COUNTER, word(40n), VALUE);
  const info = await eeInfo(api, ee);
  assert.equal(info.root, word(40n));
  assert.equal(info.codeHash, keccakAsHex(COUNTER));
  assert.equal(info.codeLen, COUNTER.length);
  assert.equal(info.balance, VALUE, 'the value is in the EE account');
  assert.equal(info.deposit, 100n * UNIT + BigInt(COUNTER.length) * (UNIT / 1000n));
  const holds = await api.query.balances.holds(env.alice.address);
  const held = holds.find((hold) => hold.id.toString().includes('EeDeposit'));
  assert.ok(held && held.amount.toBigInt() >= info.deposit, 'the deposit is held from Alice');

  // A dry run keeps nothing; the signed block with its gas does what it said.
  const dry = await dryRunBlock(api, env.bob.address, ee, word(2n));
  assert.equal(dry.error, null);
  assert.equal(dry.postRoot, word(42n));
  assert.equal((await eeInfo(api, ee)).root, word(40n));
  const run = await executeBlock(api, env.bob, ee, word(2n), { expectedPreRoot: word(40n) });
  assert.equal(run.error, null);
  assert.deepEqual([run.preRoot, run.postRoot, run.gasUsed], [word(40n), word(42n), dry.gasUsed]);
  assert.equal((await api.query.ewasm.ees(ee)).unwrap().root.toHex(), word(42n));
  console.log(`a block of the counter EE: ${run.gasUsed} gas`);

  // A block of zero makes a deposit, an event of the block.
  const zero = await executeBlock(api, env.bob, ee, word(0n));
  assert.equal(zero.error, null);
  assert.deepEqual(zero.deposits, [u8aToHex(new Uint8Array(184))]);
});

test('a block on another root, or one that traps, changes nothing', async () => {
  const { api } = env.node;
  const ee = await registerEe(api, env.alice, COUNTER, word(1n));
  const stale = await executeBlock(api, env.bob, ee, word(1n), { expectedPreRoot: word(7n) });
  assert.equal(stale.error?.errorName, 'EePreRootMismatch');
  // Adding to the largest root overflows: `bignum_add256` traps, and all the gas is used.
  const max = `0x${'ff'.repeat(32)}`;
  const full = await registerEe(api, env.alice, COUNTER, max);
  const dry = await dryRunBlock(api, env.bob.address, full, word(1n), { gasLimit: 1_000_000n });
  assert.equal(dry.error?.errorName, 'EeTrapped');
  assert.equal(dry.gasUsed, 1_000_000n);
  const trapped = await executeBlock(api, env.bob, full, word(1n), { gasLimit: 1_000_000n });
  assert.equal(trapped.error?.errorName, 'EeTrapped');
  assert.equal((await eeInfo(api, full)).root, max);
  assert.equal((await eeInfo(api, ee)).root, word(1n));
  assert.equal(await eeInfo(api, 1_000_000), null);
});

/** Pays the sender of each block the 16-byte little-endian amount the block holds. */
const PAYING = compileWat(`(module
  (import "eth2" "getCaller" (func $caller (param i32)))
  (import "eth2" "getBalance" (func $balance (param i32)))
  (import "eth2" "transfer" (func $transfer (param i32 i32) (result i32)))
  (import "eth2" "blockDataCopy" (func $copy (param i32 i32 i32)))
  (import "eth2" "savePostStateRoot" (func $save (param i32)))
  (memory (export "memory") 1)
  (func (export "main")
    (call $copy (i32.const 32) (i32.const 0) (i32.const 16))
    (call $caller (i32.const 0))
    (if (call $transfer (i32.const 0) (i32.const 32)) (then unreachable))
    (call $balance (i32.const 48))
    (call $save (i32.const 48))))`);

/** `value` as 16 bytes little-endian, in hex. */
function amount(value) {
  const bytes = new Uint8Array(16);
  let rest = value;
  for (let i = 0; i < 16; i += 1) {
    bytes[i] = Number(rest & 0xffn);
    rest >>= 8n;
  }
  return u8aToHex(bytes);
}

test('value sent with a block reaches the EE, which pays its sender back; a failed block moves none', async () => {
  const { api } = env.node;
  const ee = await registerEe(api, env.alice, PAYING, word(0n), VALUE);
  const run = await executeBlock(api, env.bob, ee, amount(UNIT), { value: 3n * UNIT });
  assert.equal(run.error, null);
  const info = await eeInfo(api, ee);
  assert.equal(info.balance, VALUE + 2n * UNIT, 'three in, one back to Bob');
  assert.equal(BigInt(`0x${info.root.slice(2, 34).match(/../g).reverse().join('')}`), info.balance, 'getBalance');
  // More than the EE holds: its transfer fails, it traps, and Bob's value stays with Bob.
  const refused = await executeBlock(api, env.bob, ee, amount(100n * UNIT), {
    value: UNIT,
    gasLimit: 50_000_000n,
  });
  assert.equal(refused.error?.errorName, 'EeTrapped');
  assert.equal((await eeInfo(api, ee)).balance, VALUE + 2n * UNIT);
});
