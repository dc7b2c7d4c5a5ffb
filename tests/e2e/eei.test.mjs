// End to end on a real dev node: a contract that uses every EEI function deploys itself and
// runs (calls of every kind, creations, self-destructs, logs, storage); and contracts that
// loop forever, outgrow memory, recurse too deep or use floats get a clear error, a bounded
// weight, and the chain keeps finalizing blocks.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { u8aToHex } from '@polkadot/util';
import { eventsOf, nextFinalized, submit } from '../lib/chain.mjs';
import { RENT_FUNDS, compileWat, fixture, initCodeFor } from '../lib/contracts.mjs';
import { devNodeForTests } from '../lib/node.mjs';

const GAS_LIMIT = 2_000_000_000;
/** The time one gas buys (`DEFAULT_GAS_WEIGHT`), in picoseconds. */
const PS_PER_GAS = 250n;
/** A generous bound on what an extrinsic costs apart from its gas: one second. */
const OVERHEAD_PS = 1_000_000_000_000n;

let salt = 0;

const env = devNodeForTests();

/** A storage key whose first byte is `n`. */
function key(n) {
  return `0x${n.toString(16).padStart(2, '0')}${'00'.repeat(31)}`;
}

/** Deploys `initCode` as Alice with a fresh salt; returns the extrinsic's outcome. */
function deploy(initCode) {
  salt += 1;
  const saltHex = `0x${salt.toString(16).padStart(64, '0')}`;
  return submit(
    env.node.api,
    env.node.api.tx.ewasm.deploy(RENT_FUNDS, GAS_LIMIT, u8aToHex(initCode), '0x', saltHex),
    env.alice,
  );
}

/** Deploys `code` and returns its address. */
async function deployed(code) {
  const { events, error } = await deploy(initCodeFor(code));
  assert.equal(error, null);
  return eventsOf(events, 'ewasm', 'Deployed')[0].data.contract.toHex();
}

/** The actual weight (ref time, picoseconds) of the extrinsic that emitted `events`. */
function weightOf(events) {
  const [outcome] = [
    ...eventsOf(events, 'system', 'ExtrinsicSuccess'),
    ...eventsOf(events, 'system', 'ExtrinsicFailed'),
  ];
  const info = outcome.data.dispatchInfo ?? outcome.data[outcome.data.length - 1];
  return info.weight.refTime.toBigInt();
}

test('a contract using every EEI function deploys itself and runs through polkadot.js', async () => {
  const { api } = env.node;
  const code = fixture('every_function');
  // It is its own init code: run as init code it returns itself.
  const { events: deployEvents, error: deployError } = await deploy(code);
  assert.equal(deployError, null);
  const contract = eventsOf(deployEvents, 'ewasm', 'Deployed')[0].data.contract.toHex();

  const { events, error } = await submit(api, api.tx.ewasm.call(contract, 0, GAS_LIMIT, '0x'), env.bob);
  assert.equal(error, null);
  // getBlockHash, call, callCode, callDelegate succeed; callStatic reverts; create and create2
  // succeed; both children self-destruct when called.
  const codes = (await api.query.ewasm.contractStorage(contract, key(2))).unwrap().toHex();
  assert.equal(codes, `0x000000000200000000${'00'.repeat(23)}`);
  const [emitted] = eventsOf(events, 'ewasm', 'ContractEmitted');
  assert.equal(emitted.data.contract.toHex(), contract);
  assert.equal(emitted.data.topics.length, 2);
  const children = eventsOf(events, 'ewasm', 'Deployed').map((e) => e.data.contract.toHex());
  assert.equal(children.length, 2, 'create and create2 each deployed a child');
  for (const child of children) {
    assert.ok((await api.query.ewasm.contractInfoOf(child)).isNone, 'the child destroyed itself');
  }
});

test('contract-level recursion stops at the call depth limit', async () => {
  const { api } = env.node;
  const contract = await deployed(fixture('recursive'));
  const { error } = await submit(api, api.tx.ewasm.call(contract, 0, GAS_LIMIT, '0x'), env.bob);
  assert.equal(error, null);
  const deepest = (await api.query.ewasm.contractStorage(contract, key(0))).unwrap();
  assert.equal(deepest.toU8a()[0], 32, 'MAX_CALL_DEPTH frames below the first');
});

test('runaway contracts fail with a clear error and bounded weight', async () => {
  const { api } = env.node;
  const cases = [
    ['an infinite loop', fixture('infinite_loop'), 'OutOfGas'],
    ['memory growth past the limit', fixture('grow_memory'), 'ContractTrapped'],
    [
      'wasm recursion past the stack limit',
      compileWat(`(module (memory (export "memory") 1)
        (func $deeper (call $deeper)) (func (export "main") (call $deeper)))`),
      'ContractTrapped',
    ],
  ];
  for (const [name, code, expected] of cases) {
    const contract = await deployed(code);
    const { events, error } = await submit(api, api.tx.ewasm.call(contract, 0, GAS_LIMIT, '0x'), env.bob);
    assert.deepEqual([error?.section, error?.errorName], ['ewasm', expected], name);
    const weight = weightOf(events);
    assert.ok(weight > 0n && weight <= BigInt(GAS_LIMIT) * PS_PER_GAS + OVERHEAD_PS, `${name}: ${weight}`);
  }
});

test('code that breaks the rules is refused at deployment', async () => {
  const cases = [
    [
      'a float instruction',
      `(module (memory (export "memory") 1)
        (func (export "main") (drop (f32.add (f32.const 1) (f32.const 2)))))`,
      'CodeInvalid',
    ],
    ['memory over 128 pages', '(module (memory (export "memory") 129) (func (export "main")))', 'CodeMemoryTooLarge'],
    [
      'an import outside the EEI',
      `(module (import "env" "sha3" (func (param i32))) (memory (export "memory") 1)
        (func (export "main")))`,
      'CodeImportNotAllowed',
    ],
  ];
  for (const [name, wat, expected] of cases) {
    const { error } = await deploy(initCodeFor(compileWat(wat)));
    assert.deepEqual([error?.section, error?.errorName], ['ewasm', expected], name);
  }
});

test('the chain keeps finalizing blocks afterwards', async () => {
  const now = (await env.node.api.rpc.chain.getHeader()).number.toNumber();
  assert.ok((await nextFinalized(env.node.api, now)) > now);
});
