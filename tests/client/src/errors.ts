// Dispatch errors with their documented names (`ewasm.OutOfGas`, `balances.InsufficientBalance`).

import type { ApiPromise } from '@polkadot/api';
import type { DispatchError } from '@polkadot/types/interfaces';

/** A failed extrinsic or dry run, named as the runtime's metadata documents it. */
export class EwasmError extends Error {
  /** The pallet (`ewasm`, `balances`, ...) or `system` for errors outside any pallet. */
  readonly section: string;
  /** The error's name (`ContractReverted`, `OutOfGas`, `BadOrigin`, ...). */
  readonly errorName: string;
  /** Its documentation, from the metadata. */
  readonly docs: string;

  constructor(section: string, errorName: string, docs: string) {
    super(`${section}.${errorName}${docs ? `: ${docs}` : ''}`);
    this.name = 'EwasmError';
    this.section = section;
    this.errorName = errorName;
    this.docs = docs;
  }
}

/** Names a runtime `DispatchError` from `api`'s metadata. */
export function decodeError(api: ApiPromise, error: DispatchError): EwasmError {
  if (error.isModule) {
    const meta = api.registry.findMetaError(error.asModule);
    return new EwasmError(meta.section, meta.name, meta.docs.join(' '));
  }
  return new EwasmError('system', error.type, error.toString());
}
