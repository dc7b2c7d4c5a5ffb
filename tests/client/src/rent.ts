// A contract's rent as its users see it: when it can no longer pay (`EwasmApi::rent_status`),
// `poke` to evict it, and `wake` to restore it from a snapshot of its code and storage taken
// while it lived.

import type { ApiPromise } from '@polkadot/api';
import type { Codec } from '@polkadot/types/types';
import type { EwasmError } from './errors.js';
import { type Included, type InclusionOptions, eventsOf, submit } from './submit.js';
import type { Signer } from './client.js';

/** `EwasmApi::rent_status` of a contract. */
export interface RentStatus {
  /** Its balance (wei). */
  balance: bigint;
  /** TOTALFEE up to which it has paid. */
  feeMark: bigint;
  /** TOTALFEE now. */
  totalFee: bigint;
  /** The bytes it pays for: 100 + code length + 64 per storage item. */
  rentedBytes: bigint;
  /** The rent it would pay if touched now. */
  owed: bigint;
  /** How much TOTALFEE grows each block. */
  feePerBlock: bigint;
  /** The first block at which it can no longer pay (`poke` evicts it then), or `null`. */
  evictableAtBlock: number | null;
}

/** What `wake` needs of a contract, taken while it lives (`snapshotOf`). */
export interface ContractSnapshot {
  /** Its address (hex). */
  address: string;
  /** Its code (hex). */
  code: string;
  /** Its storage items, `[key, value]` (hex words). */
  storage: [string, string][];
  /** Its nonce. */
  nonce: bigint;
  /** Its rent status when the snapshot was taken. */
  rent: RentStatus;
}

/** What a `poke` did: `evicted` is set when it evicted the contract. */
export interface Poked extends Included {
  /** TOTALFEE at eviction (what `wake` needs) and the rent taken from its balance. */
  evicted: { feeMark: bigint; rentTaken: bigint } | null;
}

// Field access on types polkadot.js builds from metadata.
type Decoded = Codec & Record<string, any>;

/** The rent status of the contract at `address`; throws if there is no contract there. */
export async function rentStatus(api: ApiPromise, address: string): Promise<RentStatus> {
  const status = (await api.call.ewasmApi.rentStatus(address)) as Decoded;
  if (status.isNone) throw new Error(`no contract at ${address}`);
  const raw = status.unwrap() as Decoded;
  return {
    balance: raw.balance.toBigInt(),
    feeMark: raw.feeMark.toBigInt(),
    totalFee: raw.totalFee.toBigInt(),
    rentedBytes: raw.rentedBytes.toBigInt(),
    owed: raw.owed.toBigInt(),
    feePerBlock: raw.feePerBlock.toBigInt(),
    evictableAtBlock: raw.evictableAtBlock.isSome ? raw.evictableAtBlock.unwrap().toNumber() : null,
  };
}

/**
 * The code, storage and nonce of the contract at `address` in the best block: keep it to
 * wake the contract after an eviction (the chain deletes its storage, and its code too if no
 * other contract shares it). Throws if there is no contract there.
 */
export async function snapshotOf(api: ApiPromise, address: string): Promise<ContractSnapshot> {
  const info = (await api.query.ewasm.contractInfoOf(address)) as Decoded;
  if (info.isNone) throw new Error(`no contract at ${address}`);
  const { codeHash, nonce } = info.unwrap() as Decoded;
  const rent = await rentStatus(api, address);
  const code = (await api.query.ewasm.pristineCode(codeHash)) as Decoded;
  const entries = await api.query.ewasm.contractStorage.entries(address);
  const storage = entries.map(([key, value]) => {
    const [, slot] = key.args;
    return [slot.toHex(), (value as Decoded).unwrap().toHex()] as [string, string];
  });
  return { address, code: code.unwrap().toHex(), storage, nonce: nonce.toBigInt(), rent };
}

/**
 * The least value `wake` of `snapshot` takes (`ewasm.WakeValueTooLow` below it): the
 * runtime's `wakeRentBlocks` (100 here) blocks of its rent, at TOTALFEE's growth when the
 * snapshot was taken.
 */
export function wakeValue(api: ApiPromise, snapshot: ContractSnapshot): bigint {
  const blocks = BigInt((api.consts.ewasm.wakeRentBlocks as Decoded).toNumber());
  const codeBytes = BigInt((snapshot.code.length - 2) / 2);
  const items = BigInt(snapshot.storage.length);
  return snapshot.rent.feePerBlock * (100n + codeBytes + 64n * items) * blocks;
}

/**
 * Pokes the contract at `address` as `signer`: it pays its rent, or is evicted if it cannot
 * (free then: the fee is refunded). Throws the named error if the poke fails
 * (`ewasm.PokeQuotaExhausted`, `ewasm.NotAContract`, ...).
 */
export async function poke(
  api: ApiPromise,
  signer: Signer,
  address: string,
  options: InclusionOptions = {},
): Promise<Poked> {
  const included = await submit(api, api.tx.ewasm.poke(address), signer, options);
  if (included.error) throw included.error;
  const [event] = eventsOf(included.events, 'ewasm', 'Evicted');
  const data = event?.data as unknown as Decoded | undefined;
  const evicted = data ? { feeMark: data.feeMark.toBigInt(), rentTaken: data.rentTaken.toBigInt() } : null;
  return { ...included, evicted };
}

/**
 * Whether the evicted contract at `address` can be woken: its storage is deleted and its
 * tombstone sealed (the chain does it in the spare weight of blocks after the eviction).
 */
export async function tombstoneSealed(api: ApiPromise, address: string): Promise<boolean> {
  return ((await api.query.ewasm.tombstones(address)) as Decoded).isSome;
}

/**
 * Wakes the contract of `snapshot`, evicted when TOTALFEE was `feeMark` (`Poked.evicted`), as
 * `signer`, sending it `value` (default `wakeValue`) for its rent. Throws the named error if
 * it fails: `ewasm.NoTombstone` (not evicted, already woken, or not sealed yet: see
 * `tombstoneSealed`), `ewasm.TombstoneMismatch` (another code, storage, nonce or fee mark),
 * `ewasm.WakeValueTooLow`.
 */
export async function wake(
  api: ApiPromise,
  signer: Signer,
  snapshot: ContractSnapshot,
  feeMark: bigint,
  options: InclusionOptions & { value?: bigint } = {},
): Promise<Included> {
  const value = options.value ?? wakeValue(api, snapshot);
  const tx = api.tx.ewasm.wake(snapshot.address, snapshot.code, snapshot.storage, snapshot.nonce, feeMark, value);
  const included = await submit(api, tx, signer, options);
  if (included.error) throw included.error as EwasmError;
  return included;
}
