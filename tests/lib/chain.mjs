// Submitting extrinsics and reading their outcome with polkadot.js.

/**
 * Subscribes with `subscribe(callback)` (a polkadot.js subscription returning a promise of
 * its unsubscribe function) until `callback` returns a value other than `undefined`, then
 * unsubscribes and resolves with that value.
 */
function firstOf(subscribe, callback) {
  return new Promise((resolve, reject) => {
    let done = false;
    let unsubscribe;
    subscribe((...args) => {
      if (done) return;
      const value = callback(...args);
      if (value === undefined) return;
      done = true;
      unsubscribe?.();
      resolve(value);
    })
      .then((unsub) => {
        unsubscribe = unsub;
        if (done) unsub();
      })
      .catch(reject);
  });
}

/**
 * Signs and submits `tx` as `signer`, waits until it is in a block, and returns
 * `{ events, error, blockHash }`: the extrinsic's events, and for a failed dispatch its
 * decoded module error (`{ section, name, docs }`) or the raw dispatch error. A dev node
 * seals and finalizes at once, so the status may go straight from `Ready` to `Finalized`.
 * Rejects if the pool drops or refuses the transaction.
 */
export function submit(api, tx, signer) {
  return firstOf(
    (callback) => tx.signAndSend(signer, callback),
    ({ status, events, dispatchError }) => {
      if (status.isDropped || status.isInvalid || status.isUsurped) {
        return Promise.reject(new Error(`transaction ${status.type}`));
      }
      if (!status.isInBlock && !status.isFinalized) return undefined;
      let error = null;
      if (dispatchError) {
        error = dispatchError.isModule
          ? api.registry.findMetaError(dispatchError.asModule)
          : { section: 'system', name: dispatchError.toString() };
      }
      const blockHash = status.isInBlock ? status.asInBlock : status.asFinalized;
      return { events: events.map(({ event }) => event), error, blockHash };
    },
  );
}

/** The events of `section.method` among `events`. */
export function eventsOf(events, section, method) {
  return events.filter((event) => event.section === section && event.method === method);
}

/** Resolves with the first finalized block number greater than `after`. */
export function nextFinalized(api, after = 0) {
  return firstOf(
    (callback) => api.rpc.chain.subscribeFinalizedHeads(callback),
    (header) => (header.number.toNumber() > after ? header.number.toNumber() : undefined),
  );
}
