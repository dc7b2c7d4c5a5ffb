// End to end on a real dev node: the SDK's `examples/keccak256`, a `v2` contract, hashes the
// same 4 KiB with the host's `keccak256` and with the permutation in wasm, as signed calls.
// Both give Ethereum's keccak256; the gas of each (`ewasm.Called`) is printed, and the host's
// must be at least 20 times less (issue 21). The same contract reads code hashes and the
// chain's id with `v2`'s getters, finds who signed a hash with `ecrecover`, and multiplies
// modulo a number with `bignum_umulmod256`.

import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { u8aToHex, stringToU8a } from '@polkadot/util';
import {
  cryptoWaitReady,
  ethereumEncode,
  keccakAsHex,
  keccakAsU8a,
  secp256k1PairFromSeed,
  secp256k1Sign,
} from '@polkadot/util-crypto';
import { EwasmClient, callData, decodeWord } from '../client/dist/index.js';
import { RENT_FUNDS, buildExample, bytesCallData } from '../lib/contracts.mjs';
import { devNodeForTests } from '../lib/node.mjs';

const env = devNodeForTests();
const DATA = Uint8Array.from({ length: 4096 }, (_, i) => (i * 7 + 3) % 256);

let initCode;

before(() => {
  initCode = buildExample('keccak256');
});

/** The gas of a signed call of `signature` with `DATA`, after checking that it returns its hash. */
async function gasOf(client, contract, signature) {
  const input = bytesCallData(signature, DATA);
  const run = await client.dryRunCall(env.alice.address, contract, { input });
  assert.equal(run.error, null, `${signature}: ${run.error?.message}`);
  assert.equal(run.returnData, keccakAsHex(DATA), `${signature} returns keccak256 of its data`);
  const { gasUsed } = await client.call(env.alice, contract, { input });
  assert.equal(gasUsed, run.gasUsed, `${signature}: the signed call uses the dry run's gas`);
  return gasUsed;
}

test('keccak256 of 4 KiB by the host costs a v2 contract at least 20 times less gas than in wasm', async () => {
  const client = new EwasmClient(env.node.api);
  const { address } = await client.deploy(env.alice, { initCode }, { value: RENT_FUNDS });
  const host = await gasOf(client, address, 'hostKeccak(bytes)');
  const wasm = await gasOf(client, address, 'wasmKeccak(bytes)');
  const ratio = Number(wasm) / Number(host);
  console.log(`keccak256 of 4 KiB: host (v2) ${host} gas, in wasm ${wasm} gas, ${ratio.toFixed(1)}×`);
  assert.ok(wasm >= 20n * host, `in wasm ${wasm} gas, not 20 × the host's ${host}`);
});

test('v2 getters: a code hash is the keccak256 the chain records, the chain id is the para id', async () => {
  const client = new EwasmClient(env.node.api);
  const salt = new Uint8Array(32).fill(1); // the first test deployed the same code with salt 0
  const { address } = await client.deploy(env.alice, { initCode }, { value: RENT_FUNDS, salt });
  const read = async (signature, args = []) => {
    const run = await client.dryRunCall(env.alice.address, address, { input: callData(signature, args) });
    assert.equal(run.error, null, `${signature}: ${run.error?.message}`);
    return run.returnData;
  };
  const info = await env.node.api.query.ewasm.contractInfoOf(address);
  const { codeHash } = info.unwrap();
  const code = await env.node.api.query.ewasm.pristineCode(codeHash);
  assert.equal(codeHash.toHex(), keccakAsHex(code.unwrap().toU8a(true)), 'the chain keys code by its keccak256');
  assert.equal(decodeWord('bytes32', await read('codeHashOf(address)', [address])), codeHash.toHex());
  const nobody = `0x${'42'.repeat(20)}`;
  assert.equal(decodeWord('bytes32', await read('codeHashOf(address)', [nobody])), `0x${'00'.repeat(32)}`);
  const paraId = (await env.node.api.query.parachainInfo.parachainId()).toNumber();
  assert.equal(decodeWord('uint256', await read('chainId()')), BigInt(paraId));
});

/** A dry run of `signature` with `args` on `contract`: its return data, or its error. */
async function dryRun(client, contract, signature, args = []) {
  const run = await client.dryRunCall(env.alice.address, contract, { input: callData(signature, args) });
  return { data: run.returnData, error: run.error };
}

test('v2 ecrecover finds who signed a hash; bignum_umulmod256 multiplies modulo of the full product', async () => {
  await cryptoWaitReady();
  const client = new EwasmClient(env.node.api);
  const salt = new Uint8Array(32).fill(2);
  const { address } = await client.deploy(env.alice, { initCode }, { value: RENT_FUNDS, salt });

  const pair = secp256k1PairFromSeed(new Uint8Array(32).fill(7));
  const message = stringToU8a('pay 100 to parachain 2001');
  const signature = secp256k1Sign(message, pair, 'keccak');
  const [r, s, recovery] = [signature.slice(0, 32), signature.slice(32, 64), signature[64]];
  const recover = async (hash, v) => {
    const args = [u8aToHex(hash), BigInt(v), u8aToHex(r), u8aToHex(s)];
    const { data, error } = await dryRun(client, address, 'recover(bytes32,uint8,bytes32,bytes32)', args);
    assert.equal(error, null, error?.message);
    return decodeWord('address', data);
  };
  const signer = ethereumEncode(pair.publicKey).toLowerCase();
  assert.equal(await recover(keccakAsU8a(message), recovery + 27), signer, 'v as 27 or 28');
  assert.equal(await recover(keccakAsU8a(message), recovery), signer, 'v as 0 or 1');
  assert.notEqual(await recover(keccakAsU8a('pay 1000 to parachain 2001'), recovery + 27), signer);
  assert.equal(await recover(keccakAsU8a(message), 29), `0x${'00'.repeat(20)}`, 'no key: zero');

  const mulmod = async (a, b, m) => dryRun(client, address, 'mulmod(uint256,uint256,uint256)', [a, b, m]);
  const p = 2n ** 256n - 2n ** 32n - 977n; // secp256k1's field
  const max = 2n ** 256n - 1n;
  for (const [a, b, m] of [[p - 1n, p - 1n, p], [max, max, 10n ** 18n + 9n], [max, 3n, max - 1n]]) {
    const { data, error } = await mulmod(a, b, m);
    assert.equal(error, null, error?.message);
    assert.equal(decodeWord('uint256', data), (a * b) % m, `${a} * ${b} mod ${m}`);
  }
  const { error } = await mulmod(1n, 1n, 0n);
  assert.equal(error?.errorName, 'ContractTrapped', 'a zero modulus traps');
});
