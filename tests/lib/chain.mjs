// Submitting extrinsics (the client's `submit`) and waiting for finalized blocks.

export { eventsOf, submit } from '../client/dist/index.js';

/** Resolves with the first finalized block number greater than `after`. */
export async function nextFinalized(api, after = 0) {
  return new Promise((resolve, reject) => {
    let done = false;
    let unsubscribe;
    api.rpc.chain
      .subscribeFinalizedHeads((header) => {
        const number = header.number.toNumber();
        if (done || number <= after) return;
        done = true;
        unsubscribe?.();
        resolve(number);
      })
      .then((unsub) => {
        unsubscribe = unsub;
        if (done) unsub();
      })
      .catch(reject);
  });
}
