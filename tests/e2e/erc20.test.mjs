// End to end on a real dev node: the SDK's ERC-20 example (`examples/erc20`), built by
// `ewasm build`, deployed with its init code (which mints the supply to the deployer), then
// transfer, approve and transferFrom through the client's ABI helpers, with the standard
// events and the balances they leave.

import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import {
  EwasmClient,
  addressOfAccount,
  callData,
  decodeEvent,
  decodeString,
  decodeWord,
} from '../client/dist/index.js';
import { RENT_FUNDS, buildExample } from '../lib/contracts.mjs';
import { devNodeForTests } from '../lib/node.mjs';

const env = devNodeForTests();
const SUPPLY = 10n ** 24n;
const TRANSFER = 'Transfer(address,address,uint256)';
const APPROVAL = 'Approval(address,address,uint256)';

let initCode;

before(() => {
  initCode = buildExample('erc20');
});

/** `method` of the token, read with a dry run as Bob. */
async function read(client, token, signature, args = []) {
  const run = await client.dryRunCall(env.bob.address, token, { input: callData(signature, args) });
  assert.equal(run.error, null, `${signature}: ${run.error?.message}`);
  return run.returnData;
}

test('erc20 deploys, mints to the deployer, transfers, approves and transfers from an allowance', async () => {
  const client = new EwasmClient(env.node.api);
  const alice = addressOfAccount(env.alice.address);
  const bob = addressOfAccount(env.bob.address);
  const charlie = `0x${'c4'.repeat(20)}`;
  const deployed = await client.deploy(env.alice, { initCode }, { value: RENT_FUNDS, salt: `0x${'e2'.repeat(32)}` });
  const token = deployed.address;
  assert.deepEqual(decodeEvent(TRANSFER, deployed.logs[0], [true, true, false]), [`0x${'00'.repeat(20)}`, alice, SUPPLY]);
  const balance = async (holder) => decodeWord('uint256', await read(client, token, 'balanceOf(address)', [holder]));
  assert.equal(await balance(alice), SUPPLY);
  assert.equal(decodeString(await read(client, token, 'symbol()')), 'EWT20');
  assert.equal(decodeWord('uint8', await read(client, token, 'decimals()')), 18n);

  const sent = await client.call(env.alice, token, { input: callData('transfer(address,uint256)', [bob, 1000n]) });
  assert.deepEqual(decodeEvent(TRANSFER, sent.logs[0], [true, true, false]), [alice, bob, 1000n]);
  assert.equal(await balance(bob), 1000n);
  assert.equal(await balance(alice), SUPPLY - 1000n);

  const approved = await client.call(env.bob, token, { input: callData('approve(address,uint256)', [alice, 400n]) });
  assert.deepEqual(decodeEvent(APPROVAL, approved.logs[0], [true, true, false]), [bob, alice, 400n]);
  const allowance = async () =>
    decodeWord('uint256', await read(client, token, 'allowance(address,address)', [bob, alice]));
  assert.equal(await allowance(), 400n);

  const input = callData('transferFrom(address,address,uint256)', [bob, charlie, 300n]);
  const spent = await client.call(env.alice, token, { input });
  assert.deepEqual(decodeEvent(TRANSFER, spent.logs[0], [true, true, false]), [bob, charlie, 300n]);
  assert.equal(await allowance(), 100n);
  assert.equal(await balance(bob), 700n);
  assert.equal(await balance(charlie), 300n);

  // Beyond the allowance: the dry run names the revert, and nothing moves.
  const over = await client.dryRunCall(env.alice.address, token, { input });
  assert.equal(over.error?.errorName, 'ContractReverted');
  const total = decodeWord('uint256', await read(client, token, 'totalSupply()'));
  assert.equal(total, SUPPLY, 'the supply is what was minted');
});
