// The value-holding EE's client (`ees/value`; its formats in the README, "The value-holding
// EE"): scripts and their addresses, the sparse Merkle tree the EE's root commits to, with the
// proofs its transactions carry, and blocks of deposits, transfers, withdrawals and calls of
// other EEs, signed by Ethereum keys (polkadot.js `ethereum` key pairs).
//
// The EE keeps no state but its root: its client keeps the accounts ([`ValueTree`]), builds each
// block on them ([`ValueBlock`]), and keeps the tree the block leaves once the chain has run it.

import { u8aConcat, u8aToHex, hexToU8a, u8aEq } from '@polkadot/util';
import { keccakAsU8a } from '@polkadot/util-crypto';
import { type Bytes } from './client.js';

/** What every message a witness signs starts with. */
export const VALUE_EE_DOMAIN = new TextEncoder().encode('ewasm/value-ee/v1');

/** The kinds of transaction. */
export const TX_DEPOSIT = 0;
export const TX_TRANSFER = 1;
export const TX_WITHDRAWAL = 2;
export const TX_CALL = 3;

/**
 * A script without a spending limit: one key (a 20-byte Ethereum address), `threshold` of
 * `keys` (all different), or an account of another EE (the EE's id and the account's 32-byte
 * address there: that EE spends on the account's behalf by calling this one).
 */
export type Owner =
  | { key: Bytes }
  | { multi: { threshold: number; keys: Bytes[] } }
  | { ee: { id: number; account: Bytes } };

/** A script: an owner's, or a spending limit of a spender under an owner. */
export type Script = Owner | { limit: { cap: bigint; spender: Owner; owner: Owner } };

/** An account of the EE. */
export interface ValueAccount {
  /** Its balance. */
  balance: bigint;
  /** The nonce its next transaction carries. */
  nonce: bigint;
  /** What a spending limit's spender spent since the owner last spent. */
  spent: bigint;
}

/** Something that signs: a polkadot.js `ethereum` key pair (keccak256, then secp256k1). */
export interface EthereumSigner {
  /** Its 20-byte Ethereum address (hex). */
  address: string;
  /** The 65-byte signature `r ‖ s ‖ v` of keccak256 of `message`. */
  sign(message: Uint8Array): Uint8Array;
}

/** A witness: the bytes that satisfy a script for the signed message's preimage. */
export type Witness = (preimage: Uint8Array) => Uint8Array;

const ZERO = new Uint8Array(32);

function bytes(value: Bytes, length?: number): Uint8Array {
  const out = typeof value === 'string' ? hexToU8a(value) : value;
  if (length !== undefined && out.length !== length) {
    throw new Error(`expected ${length} bytes, got ${out.length}`);
  }
  return out;
}

/** `value` as `length` bytes little-endian. */
function le(value: bigint | number, length: number): Uint8Array {
  const out = new Uint8Array(length);
  let rest = BigInt(value);
  for (let index = 0; index < length; index += 1) {
    out[index] = Number(rest & 0xffn);
    rest >>= 8n;
  }
  if (rest !== 0n) throw new Error(`${value} does not fit ${length} bytes`);
  return out;
}

function encodeOwner(owner: Owner): Uint8Array {
  if ('key' in owner) return u8aConcat([0], bytes(owner.key, 20));
  if ('multi' in owner) {
    const { threshold, keys } = owner.multi;
    if (keys.length > 16 || threshold < 1 || threshold > keys.length) {
      throw new Error('an m-of-n script has 1 ≤ m ≤ n ≤ 16');
    }
    const encoded = keys.map((key) => bytes(key, 20));
    if (new Set(encoded.map((key) => u8aToHex(key))).size !== keys.length) {
      throw new Error('an m-of-n script names each key once');
    }
    return u8aConcat([1, threshold, keys.length << 2], ...encoded);
  }
  return u8aConcat([2], le(owner.ee.id, 4), bytes(owner.ee.account, 32));
}

/** The script's SCALE encoding, as transactions carry it. */
export function encodeScript(script: Script): Uint8Array {
  if ('limit' in script) {
    const { cap, spender, owner } = script.limit;
    return u8aConcat([3], le(cap, 16), encodeOwner(spender), encodeOwner(owner));
  }
  return encodeOwner(script);
}

/** The address the script owns in the EE: keccak256 of its encoding (hex). */
export function scriptAddress(script: Script): string {
  return u8aToHex(keccakAsU8a(encodeScript(script)));
}

/** The witness of one key. */
export function signedBy(signer: EthereumSigner): Witness {
  return (preimage) => signer.sign(preimage);
}

/** The witness of an m-of-n script: the signers with their indices among its keys, in order. */
export function signedByKeys(signers: Array<[number, EthereumSigner]>): Witness {
  return (preimage) =>
    u8aConcat([signers.length], ...signers.map(([index, signer]) => u8aConcat([index], signer.sign(preimage))));
}

/** The witness of a spending limit: as its spender (`'spender'`) or its owner (the role signed). */
export function asRole(role: 'spender' | 'owner', inner: Witness): Witness {
  const byte = role === 'spender' ? 0 : 1;
  return (preimage) => u8aConcat([byte], inner(u8aConcat(preimage, [byte])));
}

/** The witness of an `{ ee }` script: none (the EE authorises by sending the block). */
export const unsigned: Witness = () => new Uint8Array();

function isUnused(account: ValueAccount): boolean {
  return account.balance === 0n && account.nonce === 0n && account.spent === 0n;
}

function encodeAccount(account: ValueAccount): Uint8Array {
  return u8aConcat(le(account.balance, 16), le(account.nonce, 8), le(account.spent, 16));
}

function leafOf(account: ValueAccount): Uint8Array {
  return isUnused(account) ? ZERO : keccakAsU8a(encodeAccount(account));
}

function node(left: Uint8Array, right: Uint8Array): Uint8Array {
  return u8aEq(left, ZERO) && u8aEq(right, ZERO) ? ZERO : keccakAsU8a(u8aConcat(left, right));
}

function bit(key: Uint8Array, index: number): boolean {
  return (key[index >> 3] & (0x80 >> (index & 7))) !== 0;
}

type Leaf = [Uint8Array, Uint8Array];

function subtree(leaves: Leaf[], depth: number): Uint8Array {
  if (leaves.length === 0) return ZERO;
  if (depth === 256) return leaves[0][1];
  const left = leaves.filter(([key]) => !bit(key, depth));
  const right = leaves.filter(([key]) => bit(key, depth));
  return node(subtree(left, depth + 1), subtree(right, depth + 1));
}

/** The EE's accounts, as its client keeps them, and the sparse Merkle tree of their leaves. */
export class ValueTree {
  /** The accounts by address (lowercase hex). */
  readonly accounts = new Map<string, ValueAccount>();

  /** A copy. */
  clone(): ValueTree {
    const copy = new ValueTree();
    this.accounts.forEach((account, address) => copy.accounts.set(address, { ...account }));
    return copy;
  }

  /** The account of `address` (unused if none). */
  account(address: Bytes): ValueAccount {
    const found = this.accounts.get(u8aToHex(bytes(address)));
    return found ? { ...found } : { balance: 0n, nonce: 0n, spent: 0n };
  }

  /** Sets the account of `address`. */
  set(address: Bytes, account: ValueAccount): void {
    this.accounts.set(u8aToHex(bytes(address)), { ...account });
  }

  private leaves(): Leaf[] {
    return [...this.accounts.entries()]
      .map(([address, account]): Leaf => [hexToU8a(address), leafOf(account)])
      .filter(([, leaf]) => !u8aEq(leaf, ZERO));
  }

  /** The root: the EE's state root (hex). */
  root(): string {
    return u8aToHex(subtree(this.leaves(), 0));
  }

  /** The account of `address` and its proof, as a transaction carries them. */
  accountAndProof(address: Bytes): Uint8Array {
    const key = bytes(address);
    let leaves = this.leaves();
    const bitmap = new Uint8Array(32);
    const siblings: Uint8Array[] = new Array(256).fill(ZERO);
    for (let depth = 0; depth < 256; depth += 1) {
      const side = bit(key, depth);
      const other = leaves.filter(([leafKey]) => bit(leafKey, depth) !== side);
      siblings[255 - depth] = subtree(other, depth + 1);
      leaves = leaves.filter(([leafKey]) => bit(leafKey, depth) === side);
    }
    const present = siblings.map((sibling, level) => [sibling, level] as const).filter(([sibling]) => !u8aEq(sibling, ZERO));
    present.forEach(([, level]) => {
      bitmap[level >> 3] |= 1 << (level & 7);
    });
    return u8aConcat(encodeAccount(this.account(key)), bitmap, ...present.map(([sibling]) => sibling));
  }

  /** The sum of every balance: what the EE's account holds beyond its float. */
  total(): bigint {
    return [...this.accounts.values()].reduce((sum, account) => sum + account.balance, 0n);
  }
}

/** Where a spend goes. */
export type Destination =
  | { account: Bytes }
  | { recipient: Bytes }
  | { ee: number; data: Bytes };

/**
 * A block of the value EE being built on a copy of the tree: [`data`](ValueBlock.data) is the
 * block a user sends with [`value`](ValueBlock.value) (a zero origin, then the transactions);
 * [`transactions`](ValueBlock.transactions) what another value EE's call sends it (the calling
 * EE puts its sender's address before them); [`tree`](ValueBlock.tree) is the tree it leaves if
 * it succeeds.
 */
export class ValueBlock {
  readonly tree: ValueTree;
  private parts: Uint8Array[] = [];
  /** The value the block must be sent with: its deposits' sum. */
  value = 0n;

  /**
   * A block of the EE at `eeAddress` (20 bytes, `eeInfo(...).address`) on `tree`, its
   * signatures for the chain `chainId` (the parachain's id, `api.query.parachainInfo.parachainId()`).
   */
  constructor(readonly eeAddress: Bytes, tree: ValueTree, readonly chainId: number) {
    this.tree = tree.clone();
  }

  /** The transactions' bytes. */
  get transactions(): Uint8Array {
    return u8aConcat(...this.parts);
  }

  /** The block a user sends: a zero origin, then the transactions. */
  get data(): Uint8Array {
    return u8aConcat(ZERO, this.transactions);
  }

  private credit(to: Uint8Array, amount: bigint): void {
    this.parts.push(this.tree.accountAndProof(to));
    const account = this.tree.account(to);
    this.tree.set(to, { ...account, balance: account.balance + amount });
  }

  /** Deposits `amount` of the value sent with the block to `to`. */
  deposit(to: Bytes, amount: bigint): this {
    const key = bytes(to, 32);
    this.parts.push(new Uint8Array([TX_DEPOSIT]), le(amount, 16), key);
    this.credit(key, amount);
    this.value += amount;
    return this;
  }

  /**
   * Spends `amount` from `script`'s address to `destination`, authorised by `witness`, with
   * the account's nonce unless `nonce` is given.
   */
  spend(script: Script, amount: bigint, destination: Destination, witness: Witness, nonce?: bigint): this {
    const from = keccakAsU8a(encodeScript(script));
    const account = this.tree.account(from);
    let kind: number;
    let target: Uint8Array;
    if ('account' in destination) {
      kind = TX_TRANSFER;
      target = bytes(destination.account, 32);
    } else if ('recipient' in destination) {
      kind = TX_WITHDRAWAL;
      target = bytes(destination.recipient, 20);
    } else {
      kind = TX_CALL;
      const data = bytes(destination.data);
      target = u8aConcat(le(destination.ee, 4), le(data.length, 4), data);
    }
    const body = u8aConcat(le(nonce ?? account.nonce, 8), le(amount, 16), target);
    const preimage = u8aConcat(VALUE_EE_DOMAIN, le(this.chainId, 4), bytes(this.eeAddress, 20), from, [kind], body);
    const witnessBytes = witness(preimage);
    this.parts.push(new Uint8Array([kind]), encodeScript(script), body, witnessBytes);
    this.parts.push(this.tree.accountAndProof(from));
    const asSpender = 'limit' in script && witnessBytes[0] === 0;
    const spent = 'limit' in script ? (asSpender ? account.spent + amount : 0n) : account.spent;
    this.tree.set(from, { balance: account.balance - amount, nonce: account.nonce + 1n, spent });
    if (kind === TX_TRANSFER) this.credit(target, amount);
    return this;
  }
}
