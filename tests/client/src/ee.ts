// Execution environments (EEs): register one, run blocks on it (signed, or as a dry run with
// `EwasmApi::execute_block`), and read it (`EwasmApi::ee_info`).

import type { ApiPromise } from '@polkadot/api';
import { type Bytes, type Decoded, type Signer, hex } from './client.js';
import { type EwasmError, decodeError } from './errors.js';
import { type InclusionOptions, eventsOf, submit } from './submit.js';

/** The gas a block runs with unless told otherwise: a dry run's gas is then the block's own. */
export const EE_GAS_LIMIT = 5_000_000_000n;

/** An EE as the chain holds it. */
export interface EeInfo {
  /** keccak256 of its code. */
  codeHash: string;
  /** Its code's length. */
  codeLen: number;
  /** Its state root: what its next block runs on. */
  root: string;
  /** The VM version whose gas schedule its blocks pay. */
  vm: number;
  /** The deposit held from its registrar. */
  deposit: bigint;
  /** Its 20-byte address. */
  address: string;
  /** The balance of its account. */
  balance: bigint;
}

/** What a block did (or, for a dry run, would do). */
export interface BlockRun {
  /** Why it failed, named from the metadata, or `null`. */
  error: EwasmError | null;
  /** The root it ran on. */
  preRoot: string;
  /** The root it saved, if it succeeded. */
  postRoot: string | null;
  /** The gas it used: all of the limit if it failed after starting. */
  gasUsed: bigint;
  /** The deposits it made (184 bytes each, hex), if it succeeded. */
  deposits: string[];
}

/** Options of [`dryRunBlock`]. */
export interface BlockOptions {
  /** The value sent with the block to the EE (`eth2.getCallValue`); default 0. */
  value?: bigint;
  /** Its gas; default: [`EE_GAS_LIMIT`] for a dry run, what a dry run uses for a signed block. */
  gasLimit?: bigint;
}

/** Options of [`executeBlock`]. */
export interface ExecuteOptions extends BlockOptions, InclusionOptions {
  /** The root the block must run on (it fails with `EePreRootMismatch` otherwise). */
  expectedPreRoot?: Bytes;
}

/** EE `ee`, or `null` if no EE has that id (`EwasmApi::ee_info`). */
export async function eeInfo(api: ApiPromise, ee: number): Promise<EeInfo | null> {
  const info = (await api.call.ewasmApi.eeInfo(ee)) as Decoded;
  if (info.isNone) return null;
  const value = info.unwrap();
  return {
    codeHash: value.codeHash.toHex(),
    codeLen: value.codeLen.toNumber(),
    root: value.root.toHex(),
    vm: value.vm.toNumber(),
    deposit: value.deposit.toBigInt(),
    address: value.address.toHex(),
    balance: value.balance.toBigInt(),
  };
}

/**
 * Registers `code` as an EE starting at `initialRoot`, as `signer`, moving `value` to it: its id.
 * Throws the named error if it fails.
 */
export async function registerEe(
  api: ApiPromise,
  signer: Signer,
  code: Bytes,
  initialRoot: Bytes,
  value = 0n,
  options: InclusionOptions = {},
): Promise<number> {
  const tx = api.tx.ewasm.registerEe(hex(code), hex(initialRoot), value);
  const { events, error } = await submit(api, tx, signer, options);
  if (error) throw error;
  const [registered] = eventsOf(events, 'ewasm', 'EeRegistered');
  return (registered.data as Decoded).ee.toNumber();
}

/** A dry run of a block of `blockData` on EE `ee` sent by `origin` (`EwasmApi::execute_block`). */
export async function dryRunBlock(
  api: ApiPromise,
  origin: string,
  ee: number,
  blockData: Bytes,
  options: BlockOptions = {},
): Promise<BlockRun> {
  const run = (await api.call.ewasmApi.executeBlock(
    origin,
    ee,
    hex(blockData),
    options.value ?? 0n,
    options.gasLimit ?? EE_GAS_LIMIT,
  )) as Decoded;
  return {
    error: run.result.isErr ? decodeError(api, run.result.asErr) : null,
    preRoot: run.preRoot.toHex(),
    postRoot: run.postRoot.isSome ? run.postRoot.unwrap().toHex() : null,
    gasUsed: run.gasUsed.toBigInt(),
    deposits: run.deposits.map((deposit: Decoded) => deposit.toHex()),
  };
}

/**
 * Runs a block of `blockData` on EE `ee` as `signer`, sending `options.value` to the EE, with the
 * gas a dry run uses unless `options.gasLimit` is given (the dry run's error is thrown if it
 * fails). Resolves with what it did; a failed block resolves too, with `error` set (its fee and
 * gas are paid; `preRoot` is then empty and `gasUsed` the limit, at most what it used).
 */
export async function executeBlock(
  api: ApiPromise,
  signer: Signer,
  ee: number,
  blockData: Bytes,
  options: ExecuteOptions = {},
): Promise<BlockRun> {
  const value = options.value ?? 0n;
  let gasLimit = options.gasLimit;
  if (gasLimit === undefined) {
    const dry = await dryRunBlock(api, signer.address, ee, blockData, { value });
    if (dry.error) throw dry.error;
    gasLimit = dry.gasUsed;
  }
  const expected = options.expectedPreRoot === undefined ? null : hex(options.expectedPreRoot);
  const tx = api.tx.ewasm.executeBlock(ee, hex(blockData), expected, value, gasLimit);
  const { events, error } = await submit(api, tx, signer, options);
  const [executed] = eventsOf(events, 'ewasm', 'EeExecuted');
  const deposits = eventsOf(events, 'ewasm', 'EeDepositPushed').map((event) =>
    (event.data as Decoded).deposit.toHex(),
  );
  if (!executed) return { error, preRoot: '', postRoot: null, gasUsed: gasLimit, deposits };
  const data = executed.data as Decoded;
  return {
    error,
    preRoot: data.preRoot.toHex(),
    postRoot: data.postRoot.toHex(),
    gasUsed: data.gasUsed.toBigInt(),
    deposits,
  };
}
