// End to end on a real dev node: the environment contract (0x10) answers a dry run through
// api.call.ewasmApi with the chain's own facts (block number, parachain id, TOTALFEE, relay
// parent), and a deployed contract that asks it for the block number inside an extrinsic
// stores the number of the block that included it.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { u8aToHex } from '@polkadot/util';
import { ENVIRONMENT, ENVIRONMENT_SELECTORS as SELECTORS, EwasmClient } from '../client/dist/index.js';
import { eventsOf, nextFinalized, submit } from '../lib/chain.mjs';
import { RENT_FUNDS, compileWat, initCodeFor } from '../lib/contracts.mjs';
import { devNodeForTests } from '../lib/node.mjs';

const GAS_LIMIT = 2_000_000_000;

const env = devNodeForTests();

/** `value` as a 32-byte big-endian ABI word, in hex. */
function word(value) {
  return `0x${BigInt(value).toString(16).padStart(64, '0')}`;
}

test('the environment contract answers a dry run with the chain facts of its block', async () => {
  const { api } = env.node;
  // A block after genesis, so that it has a relay parent.
  const hash = await api.rpc.chain.getBlockHash(await nextFinalized(api, 0));
  const at = await api.at(hash);
  const header = await api.rpc.chain.getHeader(hash);
  const ask = async (selector) => {
    const dry = await at.call.ewasmApi.call(env.bob.address, ENVIRONMENT, 0, GAS_LIMIT, selector);
    assert.ok(dry.result.isOk, `${selector}: ${dry.result}`);
    return dry.returnData.toHex();
  };
  assert.equal(await ask(SELECTORS.blockNumber), word(header.number.toNumber()));
  assert.equal(await ask(SELECTORS.paraId), word((await at.query.parachainInfo.parachainId()).toNumber()));
  assert.equal(await ask(SELECTORS.totalFee), word((await at.query.ewasm.totalFee()).toBigInt()));
  const relayParent = (await at.query.parachainSystem.lastRelayChainBlockNumber()).toNumber();
  assert.ok(relayParent > 0, 'the dev node mocks a relay parent for every block');
  assert.equal(await ask(SELECTORS.relayParentNumber), word(relayParent));
  const unknown = await at.call.ewasmApi.call(env.bob.address, ENVIRONMENT, 0, GAS_LIMIT, '0xffffffff');
  assert.equal(api.registry.findMetaError(unknown.result.asErr.asModule).name, 'ContractReverted');
  // The client asks the same at the latest state.
  const client = new EwasmClient(api);
  assert.equal(await client.environment(env.bob.address, 'paraId'), word(2000));
  const parent = header.number.toNumber() - 1;
  const parentHash = await client.environment(env.bob.address, 'blockHash', parent);
  assert.equal(parentHash, header.parentHash.toHex(), 'a block within the window');
});

test('a contract asks the environment contract for the block number inside its extrinsic', async () => {
  const { api } = env.node;
  // Stores the answer of `blockNumber()` (callStatic of 0x10) under key 0.
  const code = compileWat(`(module
    (import "ethereum" "callStatic" (func $callStatic (param i64 i32 i32 i32) (result i32)))
    (import "ethereum" "returnDataCopy" (func $returnDataCopy (param i32 i32 i32)))
    (import "ethereum" "storageStore" (func $storageStore (param i32 i32)))
    (import "ethereum" "revert" (func $revert (param i32 i32)))
    (memory (export "memory") 1)
    (data (i32.const 19) "\\10")
    (data (i32.const 32) "\\57\\e8\\71\\e7")
    (func (export "main")
      (if (call $callStatic (i64.const 1000000000) (i32.const 0) (i32.const 32) (i32.const 4))
        (then (call $revert (i32.const 0) (i32.const 0))))
      (call $returnDataCopy (i32.const 64) (i32.const 0) (i32.const 32))
      (call $storageStore (i32.const 128) (i32.const 64))))`);
  const deployedEvents = await submit(
    api,
    api.tx.ewasm.deploy(RENT_FUNDS, GAS_LIMIT, u8aToHex(initCodeFor(code)), '0x', word(1)),
    env.alice,
  );
  assert.equal(deployedEvents.error, null);
  const contract = eventsOf(deployedEvents.events, 'ewasm', 'Deployed')[0].data.contract.toHex();
  const { error, blockHash } = await submit(api, api.tx.ewasm.call(contract, 0, GAS_LIMIT, '0x'), env.bob);
  assert.equal(error, null);
  const included = (await api.rpc.chain.getHeader(blockHash)).number.toNumber();
  const stored = await api.query.ewasm.contractStorage(contract, word(0));
  assert.equal(stored.unwrap().toHex(), word(included));
});
