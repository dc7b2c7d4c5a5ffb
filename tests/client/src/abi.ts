// Solidity's ABI for contracts' methods and events, for the static types contracts use most
// (`address`, `bool`, `bytes32`, `uintN`) and `string`/`bytes` results: call data from a
// signature and typed arguments, results and event logs decoded by type.

import { u8aToHex } from '@polkadot/util';
import { decodeAddress, keccakAsHex, keccakAsU8a } from '@polkadot/util-crypto';
import type { Log } from './client.js';

/** A static argument or result: a bigint for `uintN`, a boolean, or hex for `address`/`bytes32`. */
export type AbiValue = bigint | number | boolean | string;

/** The parameter types of `signature`, e.g. `transfer(address,uint256)` → `['address', 'uint256']`. */
export function parameterTypes(signature: string): string[] {
  const inner = signature.slice(signature.indexOf('(') + 1, signature.lastIndexOf(')'));
  return inner === '' ? [] : inner.split(',').map((type) => type.trim());
}

/** The 4-byte selector of `signature` (hex). */
export function selectorOf(signature: string): string {
  return keccakAsHex(signature).slice(0, 10);
}

/** The first topic of the event `signature` (hex). */
export function topicOf(signature: string): string {
  return keccakAsHex(signature);
}

/** One ABI word (64 hex digits, no 0x) of `value` as `type`. */
export function encodeWord(type: string, value: AbiValue): string {
  if (type === 'address' || type === 'bytes32') {
    const hex = String(value).replace(/^0x/, '').toLowerCase();
    const digits = type === 'address' ? 40 : 64;
    if (!/^[0-9a-f]*$/.test(hex) || hex.length !== digits) throw new Error(`not an ${type}: ${value}`);
    return hex.padStart(64, '0');
  }
  if (type === 'bool') return (value ? 1n : 0n).toString(16).padStart(64, '0');
  if (/^uint\d*$/.test(type)) {
    const number = BigInt(value);
    const bits = BigInt(type.slice(4) || 256);
    if (number < 0n || number >= 1n << bits) throw new Error(`out of range for ${type}: ${value}`);
    return number.toString(16).padStart(64, '0');
  }
  throw new Error(`unsupported ABI type ${type} (static address, bool, bytes32 and uintN only)`);
}

/** Call data of the method `signature` with `args` (static types). */
export function callData(signature: string, args: AbiValue[] = []): string {
  const types = parameterTypes(signature);
  if (types.length !== args.length) {
    throw new Error(`${signature} takes ${types.length} arguments, ${args.length} given`);
  }
  return selectorOf(signature) + types.map((type, i) => encodeWord(type, args[i])).join('');
}

/** The word at `index` of `data` (hex) decoded as `type`: bigint, boolean or hex string. */
export function decodeWord(type: string, data: string, index = 0): bigint | boolean | string {
  const word = data.replace(/^0x/, '').slice(index * 64, (index + 1) * 64);
  if (word.length !== 64) throw new Error(`no word ${index} in ${data}`);
  if (type === 'address') return `0x${word.slice(24)}`;
  if (type === 'bytes32') return `0x${word}`;
  if (type === 'bool') return BigInt(`0x${word}`) !== 0n;
  if (/^uint\d*$/.test(type)) return BigInt(`0x${word}`);
  throw new Error(`unsupported ABI type ${type}`);
}

/** A `string` (or `bytes` as UTF-8) result: the first dynamic value of `data`. */
export function decodeString(data: string): string {
  const hex = data.replace(/^0x/, '');
  const offset = Number(BigInt(`0x${hex.slice(0, 64)}`)) * 2;
  const length = Number(BigInt(`0x${hex.slice(offset, offset + 64)}`)) * 2;
  return Buffer.from(hex.slice(offset + 64, offset + 64 + length), 'hex').toString('utf8');
}

/**
 * `log` decoded as the event `signature` whose parameters marked `indexed` in `indexed` are
 * topics (in order) and the rest data words; `null` if its first topic is another event's.
 */
export function decodeEvent(
  signature: string,
  log: Log,
  indexed: boolean[],
): (bigint | boolean | string)[] | null {
  if (log.topics[0] !== topicOf(signature)) return null;
  let topic = 1;
  let word = 0;
  return parameterTypes(signature).map((type, i) =>
    indexed[i] ? decodeWord(type, log.topics[topic++]) : decodeWord(type, log.data, word++),
  );
}

/**
 * The 20-byte address contracts see for the account `account` (SS58 or 32 bytes): the last 20
 * bytes of its `keccak256` (`getCaller` of its calls; an ERC-20 holder's key).
 */
export function addressOfAccount(account: string | Uint8Array): string {
  const bytes = typeof account === 'string' ? decodeAddress(account) : account;
  return u8aToHex(keccakAsU8a(bytes).slice(12));
}
