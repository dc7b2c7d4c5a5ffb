// Signing and submitting extrinsics, and reading their outcome.

import type { ApiPromise } from '@polkadot/api';
import type { AddressOrPair, SubmittableExtrinsic } from '@polkadot/api/types';
import type { Event } from '@polkadot/types/interfaces';
import type { ISubmittableResult } from '@polkadot/types/types';
import { EwasmError, decodeError } from './errors.js';

/** A transaction's outcome once in a block. */
export interface Included {
  /** Its events, in order. */
  events: Event[];
  /** Why its dispatch failed (named from the metadata), or `null` if it succeeded. */
  error: EwasmError | null;
  /** The block it is in. */
  blockHash: string;
}

/** When a submitted transaction counts as done. */
export interface InclusionOptions {
  /**
   * Wait until its block is finalized, not only in a best block. A parachain can retract a
   * best block that the relay chain did not back (the transaction then runs again later), so
   * a transaction that depends on an earlier one should wait for it to be final. Default
   * `false`.
   */
  finalized?: boolean;
}

/**
 * Signs and submits `tx` as `signer` and resolves once it is in a block (or in a finalized
 * block, with `options.finalized`). A failed dispatch resolves too, with `error` set (its fee
 * is paid); the promise rejects only if the pool refuses or drops the transaction.
 */
export function submit(
  api: ApiPromise,
  tx: SubmittableExtrinsic<'promise'>,
  signer: AddressOrPair,
  options: InclusionOptions = {},
): Promise<Included> {
  return new Promise((resolve, reject) => {
    let settled = false;
    let unsubscribe: (() => void) | undefined;
    const settle = (finish: () => void) => {
      settled = true;
      unsubscribe?.();
      finish();
    };
    tx.signAndSend(signer, (result: ISubmittableResult) => {
      if (settled) return;
      const { status, events, dispatchError } = result;
      if (status.isDropped || status.isInvalid || status.isUsurped) {
        settle(() => reject(new Error(`transaction ${status.type}`)));
        return;
      }
      // A dev node seals and finalizes at once: the status may skip `InBlock`.
      if (!status.isFinalized && (options.finalized || !status.isInBlock)) return;
      const blockHash = (status.isInBlock ? status.asInBlock : status.asFinalized).toHex();
      const error = dispatchError ? decodeError(api, dispatchError) : null;
      settle(() => resolve({ events: events.map(({ event }) => event), error, blockHash }));
    })
      .then((unsub) => {
        unsubscribe = unsub;
        if (settled) unsub();
      })
      .catch(reject);
  });
}

/** The events of `section.method` among `events`. */
export function eventsOf(events: Event[], section: string, method: string): Event[] {
  return events.filter((event) => event.section === section && event.method === method);
}
