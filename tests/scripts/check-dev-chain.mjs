// Checks a running dev chain (default ws://127.0.0.1:9944, or the first argument): blocks
// are finalized and the ewasm extrinsics are in the metadata. Exits non-zero otherwise.

import { nextFinalized } from '../lib/chain.mjs';
import { connect } from '../lib/node.mjs';

const endpoint = process.argv[2] ?? 'ws://127.0.0.1:9944';
const api = await connect(endpoint, 120_000);
try {
  const first = await nextFinalized(api, 0);
  const second = await nextFinalized(api, first);
  for (const call of ['deploy', 'call']) {
    if (typeof api.tx.ewasm?.[call] !== 'function') throw new Error(`ewasm.${call} missing`);
  }
  const chain = await api.rpc.system.chain();
  console.log(`${chain} at ${endpoint}: finalized #${first} then #${second}; ewasm.deploy and ewasm.call present`);
} finally {
  await api.disconnect();
}
