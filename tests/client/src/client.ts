// The Ewasm client: dry runs through the `EwasmApi` runtime API, gas estimated from them,
// deployments and calls as signed extrinsics, logs decoded from `ewasm.ContractEmitted`.

import type { ApiPromise } from '@polkadot/api';
import type { AddressOrPair } from '@polkadot/api/types';
import type { Event } from '@polkadot/types/interfaces';
import type { Codec } from '@polkadot/types/types';
import { hexToU8a, u8aToHex } from '@polkadot/util';
import { initCodeFor } from './code.js';
import { EwasmError, decodeError } from './errors.js';
import { type Included, type InclusionOptions, eventsOf, submit } from './submit.js';
import { ENVIRONMENT, type EnvironmentQuery, environmentInput } from './system.js';

/** A signer: a keyring pair (anything `signAndSend` takes that has an `address`). */
export type Signer = AddressOrPair & { address: string };

/** Bytes, as a `Uint8Array` or `0x`-prefixed hex. */
export type Bytes = Uint8Array | string;

/** One `log` of a contract. */
export interface Log {
  /** The contract's address (hex). */
  contract: string;
  /** Its 0 to 4 topics (hex words). */
  topics: string[];
  /** Its data (hex). */
  data: string;
}

/** What a dry run did; nothing of it was kept. */
export interface DryRun {
  /** Why it failed, or `null` if it succeeded. */
  error: EwasmError | null;
  /** The data passed to `finish` or `revert`. */
  returnData: string;
  /** Gas used with the limit given. */
  gasUsed: bigint;
  /** The smallest gas limit with which it succeeds. */
  gasRequired: bigint;
  /** Storage bytes the contract gains. */
  storageBytesAdded: bigint;
  /** Storage bytes the contract frees. */
  storageBytesRemoved: bigint;
  /** Rent the called contract pays. */
  rentPaid: bigint;
  /** Its logs, in order. */
  logs: Log[];
  /** The deployed contract's address, for a deployment that succeeds. */
  deployed: string | null;
}

/** A signed call or deployment that succeeded. */
export interface Executed {
  /** The block it is in. */
  blockHash: string;
  /** Its events. */
  events: Event[];
  /** The logs its contracts emitted. */
  logs: Log[];
  /** Gas it used (from `ewasm.Called` or `ewasm.Deployed`). */
  gasUsed: bigint;
  /** The gas limit it was submitted with. */
  gasLimit: bigint;
}

/** A deployment that succeeded. */
export interface Deployment extends Executed {
  /** The new contract's address (hex). */
  address: string;
  /** keccak256 of its code (hex). */
  codeHash: string;
}

/** What to deploy: `code` (deployed as is) or `initCode` (run; its `finish` data is the code). */
export type DeploySource = { code: Bytes } | { initCode: Bytes };

/** Options of a deployment. */
export interface DeployOptions extends InclusionOptions {
  /** Value (wei) moved to the new contract, which pays its rent from it. Default 0. */
  value?: bigint;
  /** Call data of the init code. Default empty. */
  input?: Bytes;
  /** CREATE2 salt (32 bytes). Default zero. */
  salt?: Bytes;
  /** Gas limit; estimated with a dry run if omitted. */
  gasLimit?: bigint;
}

/** Options of a call. */
export interface CallOptions extends InclusionOptions {
  /** Value (wei) moved to the contract. Default 0. */
  value?: bigint;
  /** Call data. Default empty. */
  input?: Bytes;
  /** Gas limit; estimated with a dry run if omitted. */
  gasLimit?: bigint;
}

/** The gas limit of dry runs that estimate gas: 10^7 gas (1.25 s of weight). */
export const ESTIMATE_GAS_LIMIT = 10_000_000n;

const ZERO_SALT = `0x${'00'.repeat(32)}`;

function hex(bytes: Bytes | undefined): string {
  if (bytes === undefined) return '0x';
  return typeof bytes === 'string' ? bytes : u8aToHex(bytes);
}

// Field access on the decoded runtime API types, which polkadot.js builds from metadata.
type Decoded = Codec & Record<string, any>;

function logOf(log: Decoded, contractField: string): Log {
  return {
    contract: log[contractField].toHex(),
    topics: log.topics.map((topic: Codec) => topic.toHex()),
    data: log.data.toHex(),
  };
}

/** The logs among `events` (`ewasm.ContractEmitted`), in order. */
export function logsOf(events: Event[]): Log[] {
  return eventsOf(events, 'ewasm', 'ContractEmitted').map((event) =>
    logOf(event.data as unknown as Decoded, 'contract'),
  );
}

/** Deploys, calls and dry-runs Ewasm contracts on a chain `api` is connected to. */
export class EwasmClient {
  constructor(readonly api: ApiPromise) {}

  private decodeDryRun(raw: Decoded): DryRun {
    return {
      error: raw.result.isErr ? decodeError(this.api, raw.result.asErr) : null,
      returnData: raw.returnData.toHex(),
      gasUsed: raw.gasUsed.toBigInt(),
      gasRequired: raw.gasRequired.toBigInt(),
      storageBytesAdded: raw.storageBytesAdded.toBigInt(),
      storageBytesRemoved: raw.storageBytesRemoved.toBigInt(),
      rentPaid: raw.rentPaid.toBigInt(),
      logs: raw.logs.map((log: Decoded) => logOf(log, 'address')),
      deployed: raw.deployed.isSome ? raw.deployed.unwrap().toHex() : null,
    };
  }

  /** Dry-runs `ewasm.deploy` of `source` as `origin` (`EwasmApi::deploy`). */
  async dryRunDeploy(
    origin: string,
    source: DeploySource,
    options: DeployOptions = {},
  ): Promise<DryRun> {
    const raw = await this.api.call.ewasmApi.deploy(
      origin,
      options.value ?? 0n,
      options.gasLimit ?? ESTIMATE_GAS_LIMIT,
      hex(initCodeOf(source)),
      hex(options.input),
      hex(options.salt ?? ZERO_SALT),
    );
    return this.decodeDryRun(raw as Decoded);
  }

  /** Dry-runs `ewasm.call` of `dest` as `origin` (`EwasmApi::call`). */
  async dryRunCall(origin: string, dest: string, options: CallOptions = {}): Promise<DryRun> {
    const raw = await this.api.call.ewasmApi.call(
      origin,
      dest,
      options.value ?? 0n,
      options.gasLimit ?? ESTIMATE_GAS_LIMIT,
      hex(options.input),
    );
    return this.decodeDryRun(raw as Decoded);
  }

  /**
   * Calls `dest` without a transaction and returns what it passed to `finish`; throws the
   * named error if it fails.
   */
  async query(origin: string, dest: string, options: CallOptions = {}): Promise<string> {
    const run = await this.dryRunCall(origin, dest, options);
    if (run.error) throw run.error;
    return run.returnData;
  }

  /**
   * Asks the environment contract (0x10) `query` as `origin`, without a transaction: its answer
   * as a 32-byte word in hex (`BigInt(word)` for the numbers). `blockHash` needs `blockNumber`.
   */
  async environment(
    origin: string,
    query: EnvironmentQuery,
    blockNumber?: bigint | number,
  ): Promise<string> {
    return this.query(origin, ENVIRONMENT, { input: environmentInput(query, blockNumber) });
  }

  /** The value under `key` of the contract at `address`, or `null` if unset. */
  async storage(address: string, key: Bytes): Promise<string | null> {
    const value = (await this.api.call.ewasmApi.getStorage(address, hex(key))) as Decoded;
    return value.isSome ? value.unwrap().toHex() : null;
  }

  /**
   * Deploys `source` as `signer`, with the gas a dry run requires unless `options.gasLimit`
   * is given. Throws the named error (from the dry run or the extrinsic) if it fails.
   */
  async deploy(
    signer: Signer,
    source: DeploySource,
    options: DeployOptions = {},
  ): Promise<Deployment> {
    const gasLimit =
      options.gasLimit ?? (await this.estimate(this.dryRunDeploy(signer.address, source, options)));
    const tx = this.api.tx.ewasm.deploy(
      options.value ?? 0n,
      gasLimit,
      hex(initCodeOf(source)),
      hex(options.input),
      hex(options.salt ?? ZERO_SALT),
    );
    const executed = this.executed(await submit(this.api, tx, signer, options), 'Deployed', gasLimit);
    const [deployed] = eventsOf(executed.events, 'ewasm', 'Deployed');
    const data = deployed.data as unknown as Decoded;
    return { ...executed, address: data.contract.toHex(), codeHash: data.codeHash.toHex() };
  }

  /**
   * Calls `dest` as `signer`, with the gas a dry run requires unless `options.gasLimit` is
   * given. Throws the named error (from the dry run or the extrinsic) if it fails.
   */
  async call(signer: Signer, dest: string, options: CallOptions = {}): Promise<Executed> {
    const gasLimit =
      options.gasLimit ?? (await this.estimate(this.dryRunCall(signer.address, dest, options)));
    const tx = this.api.tx.ewasm.call(dest, options.value ?? 0n, gasLimit, hex(options.input));
    return this.executed(await submit(this.api, tx, signer, options), 'Called', gasLimit);
  }

  private async estimate(dryRun: Promise<DryRun>): Promise<bigint> {
    const run = await dryRun;
    if (run.error) throw run.error;
    return run.gasRequired;
  }

  private executed(included: Included, method: 'Called' | 'Deployed', gasLimit: bigint): Executed {
    if (included.error) throw included.error;
    const [event] = eventsOf(included.events, 'ewasm', method);
    const gasUsed = (event.data as unknown as Decoded).gasUsed.toBigInt();
    const { blockHash, events } = included;
    return { blockHash, events, logs: logsOf(events), gasUsed, gasLimit };
  }
}

function initCodeOf(source: DeploySource): Bytes {
  if ('initCode' in source) return source.initCode;
  return initCodeFor(typeof source.code === 'string' ? hexToU8a(source.code) : source.code);
}
