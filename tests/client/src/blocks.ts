// Following a chain block by block.

import type { ApiPromise } from '@polkadot/api';

/**
 * Resolves with the first truthy value `check(blockHash, blockNumber)` returns for the next
 * blocks of `api`'s chain, from the current best block on; rejects after `blocks` blocks.
 * Every block number is checked once, in order, on the best chain: best-head notifications can
 * skip numbers (a parachain's best block can move by more than one at a time).
 */
export function untilBlock<T>(
  api: ApiPromise,
  blocks: number,
  check: (blockHash: string, blockNumber: number) => Promise<T | null | undefined | false>,
): Promise<T> {
  return new Promise((resolve, reject) => {
    let settled = false;
    let unsubscribe: (() => void) | undefined;
    let first: number | undefined;
    let next = 0;
    let checking = Promise.resolve();
    const settle = (finish: () => void) => {
      settled = true;
      unsubscribe?.();
      finish();
    };
    const checkUpTo = async (number: number) => {
      for (; next <= number && !settled; next += 1) {
        const hash = (await api.rpc.chain.getBlockHash(next)).toHex();
        const found = await check(hash, next);
        if (settled) return;
        if (found) return settle(() => resolve(found));
        if (next - (first ?? next) + 1 >= blocks) {
          return settle(() => reject(new Error(`not within ${blocks} blocks`)));
        }
      }
    };
    api.rpc.chain
      .subscribeNewHeads((header) => {
        const number = header.number.toNumber();
        if (first === undefined) first = next = number;
        checking = checking
          .then(() => checkUpTo(number))
          .catch((error) => settle(() => reject(error)));
      })
      .then((unsub) => {
        unsubscribe = unsub;
        if (settled) unsub();
      })
      .catch(reject);
  });
}
