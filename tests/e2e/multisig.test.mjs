// End to end on a real dev node: the SDK's multisig wallet example (`examples/multisig`), a
// 2-of-3 wallet of Alice, Bob and Charlie, funded at deployment; Alice submits a payment to
// Dave, Bob confirms and executes it, and Dave's account receives exactly its value.

import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import {
  EwasmClient,
  addressOfAccount,
  callData,
  decodeEvent,
  decodeWord,
  encodeWord,
  eventsOf,
} from '../client/dist/index.js';
import { RENT_FUNDS, buildExample } from '../lib/contracts.mjs';
import { devNodeForTests } from '../lib/node.mjs';

const env = devNodeForTests();
const PAYMENT = 123_456_789_000_000_000n;

let initCode;

before(() => {
  initCode = buildExample('multisig');
});

/** `abi.encode(address[] owners, uint256 threshold)`, the wallet's constructor arguments. */
function constructorInput(owners, threshold) {
  const words = [64n, BigInt(threshold), BigInt(owners.length)].map((word) => encodeWord('uint256', word));
  return `0x${words.join('')}${owners.map((owner) => encodeWord('address', owner)).join('')}`;
}

async function freeBalance(account) {
  return (await env.node.api.query.system.account(account)).data.free.toBigInt();
}

test('a 2-of-3 multisig pays a user exactly what its owners agreed', async () => {
  const client = new EwasmClient(env.node.api);
  const owners = [env.alice, env.bob, env.charlie].map((owner) => addressOfAccount(owner.address));
  const dave = addressOfAccount(env.dave.address);
  const input = constructorInput(owners, 2);
  const deployed = await client.deploy(env.alice, { initCode }, { input, value: RENT_FUNDS + PAYMENT });
  const wallet = deployed.address;
  // Every signed call below pays the wallet's rent due since the last one.
  let rentCharged = 0n;
  const call = async (signer, signature, args) => {
    const executed = await client.call(signer, wallet, { input: callData(signature, args) });
    for (const event of eventsOf(executed.events, 'ewasm', 'RentCharged')) {
      if (event.data.contract.toHex() === wallet) rentCharged += event.data.amount.toBigInt();
    }
    return executed;
  };
  const read = async (signature, args = []) =>
    (await client.dryRunCall(env.dave.address, wallet, { input: callData(signature, args) })).returnData;
  assert.equal(decodeWord('uint256', await read('ownerCount()')), 3n);
  assert.equal(decodeWord('uint256', await read('threshold()')), 2n);

  // Dave's first Ewasm extrinsic records his account under his address: from then on value
  // a contract sends to that address reaches his own account.
  await call(env.dave, 'isOwner(address)', [dave]);

  const submitted = await call(env.alice, 'submit(address,uint256)', [dave, PAYMENT]);
  const [id] = decodeEvent('Submission(uint256)', submitted.logs[0], [true]);
  assert.equal(id, 0n);
  const early = await client.dryRunCall(env.bob.address, wallet, { input: callData('execute(uint256)', [id]) });
  assert.equal(early.error?.errorName, 'ContractReverted', 'one confirmation is not enough');
  await call(env.bob, 'confirm(uint256)', [id]);

  const daveBefore = await freeBalance(env.dave.address);
  const executed = await call(env.bob, 'execute(uint256)', [id]);
  assert.deepEqual(decodeEvent('Execution(uint256)', executed.logs.at(-1), [true]), [id]);
  assert.equal(await freeBalance(env.dave.address), daveBefore + PAYMENT, 'Dave got exactly the payment');
  const transfers = eventsOf(executed.events, 'balances', 'Transfer').map((event) => event.data.amount.toBigInt());
  assert.deepEqual(transfers, [PAYMENT], 'one transfer, of the payment');
  const status = (await env.node.api.call.ewasmApi.rentStatus(wallet)).unwrap();
  assert.equal(status.balance.toBigInt(), RENT_FUNDS - rentCharged, 'the wallet paid the payment and its rent, no more');

  const record = await read('transaction(uint256)', [id]);
  assert.equal(decodeWord('address', record, 0), dave);
  assert.equal(decodeWord('uint256', record, 1), PAYMENT);
  assert.equal(decodeWord('bool', record, 2), true);
  const again = await client.dryRunCall(env.bob.address, wallet, { input: callData('execute(uint256)', [id]) });
  assert.equal(again.error?.errorName, 'ContractReverted', 'it pays once');
});
