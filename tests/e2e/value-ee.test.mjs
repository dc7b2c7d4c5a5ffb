// End to end on a real dev node: the value-holding EE (`ees/value`), built by `ewasm build --ee`
// and registered with `ewasm.register_ee`, holds the chain's token for script-hash addresses.
// The client (`ValueTree`, `ValueBlock`) builds blocks that deposit to a single key's address and
// to a 2-of-3 address, move value between them with their owners' signatures, and withdraw to a
// chain address; a block with a wrong witness fails and changes nothing. After each block the
// EE's root is the client's tree's, and the EE holds exactly its float and its accounts.

import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { Keyring } from '@polkadot/keyring';
import { u8aConcat, u8aToHex } from '@polkadot/util';
import {
  ValueBlock,
  ValueTree,
  dryRunBlock,
  eeInfo,
  executeBlock,
  registerEe,
  scriptAddress,
  signedBy,
  signedByKeys,
} from '../client/dist/index.js';
import { buildEe } from '../lib/contracts.mjs';
import { devNodeForTests } from '../lib/node.mjs';

const env = devNodeForTests();
const UNIT = 10n ** 18n;
/** What the EE's account keeps for good: the chain's existential deposit (1 gwei). */
const FLOAT = 10n ** 9n;
/** The gas of a block sent to fail. */
const FAILING_GAS = 500_000_000n;

let code;

before(() => {
  code = buildEe('value');
});

test('value moves between a single key and a 2-of-3 address, and out to a chain address', async () => {
  const { api } = env.node;
  const keyring = new Keyring({ type: 'ethereum' });
  const [owner, first, second, third, outsider] = [1, 2, 3, 4, 5].map((seed) =>
    keyring.addFromSeed(new Uint8Array(32).fill(seed)),
  );
  const single = { key: owner.address };
  const multi = { multi: { threshold: 2, keys: [first.address, second.address, third.address] } };

  const ee = await registerEe(api, env.alice, code, new Uint8Array(32), FLOAT);
  const { address } = await eeInfo(api, ee);
  const chainId = (await api.query.parachainInfo.parachainId()).toNumber();
  let tree = new ValueTree();
  const issuance = (await api.query.balances.totalIssuance()).toBigInt();

  /**
   * Runs `block` as Bob (a block expected to fail, with a gas limit of its own: the client
   * throws a failing dry run's error); if it succeeds, the EE's root is the block's tree's, which
   * is kept.
   */
  async function send(block, { fails = false } = {}) {
    const gasLimit = fails ? FAILING_GAS : undefined;
    const run = await executeBlock(api, env.bob, ee, block.data, { value: block.value, gasLimit });
    if (run.error === null) {
      assert.equal(run.postRoot, block.tree.root(), "the EE's root is the client's");
      tree = block.tree;
    }
    const info = await eeInfo(api, ee);
    assert.equal(info.root, tree.root());
    assert.equal(info.balance, FLOAT + tree.total(), 'the EE holds its float and its accounts');
    return run;
  }

  // Bob deposits 10 to the single key and 5 to the 2-of-3 address.
  const deposits = new ValueBlock(address, tree, chainId).deposit(scriptAddress(single), 10n * UNIT).deposit(scriptAddress(multi), 5n * UNIT);
  assert.equal((await send(deposits)).error, null);
  console.log(`two deposits: ${deposits.data.length} bytes`);

  // The single key pays 4 to the 2-of-3 address; the outsider's signature is refused.
  const pay = (witness) =>
    new ValueBlock(address, tree, chainId).spend(single, 4n * UNIT, { account: scriptAddress(multi) }, witness);
  const forged = await dryRunBlock(api, env.bob.address, ee, pay(signedBy(outsider)).data);
  assert.equal(forged.error?.errorName, 'EeTrapped');
  const refused = await send(pay(signedBy(outsider)), { fails: true });
  assert.equal(refused.error?.errorName, 'EeTrapped');
  const paid = await send(pay(signedBy(owner)));
  assert.equal(paid.error, null);
  console.log(`a transfer: ${paid.gasUsed} gas`);

  // Two of three keys pay 3 back; one alone cannot.
  const back = (signers) =>
    new ValueBlock(address, tree, chainId).spend(multi, 3n * UNIT, { account: scriptAddress(single) }, signedByKeys(signers));
  assert.equal((await send(back([[1, second]]), { fails: true })).error?.errorName, 'EeTrapped');
  assert.equal((await send(back([[0, first], [2, third]]))).error, null);
  assert.equal(tree.account(scriptAddress(single)).balance, 9n * UNIT);
  assert.equal(tree.account(scriptAddress(multi)).balance, 6n * UNIT);

  // The single key withdraws 2 to a chain address: its account holds them.
  const recipient = new Uint8Array(20).fill(0xca);
  const derived = u8aToHex(u8aConcat(recipient, new Uint8Array(12).fill(0xee)));
  const before = (await api.query.system.account(derived)).data.free.toBigInt();
  const withdrawal = new ValueBlock(address, tree, chainId).spend(single, 2n * UNIT, { recipient }, signedBy(owner));
  assert.equal((await send(withdrawal)).error, null);
  assert.equal((await api.query.system.account(derived)).data.free.toBigInt(), before + 2n * UNIT);
  assert.equal(tree.account(scriptAddress(single)).balance, 7n * UNIT);
  assert.equal((await api.query.balances.totalIssuance()).toBigInt() <= issuance, true, 'only fees burnt');
});
