// zombienet script: the deepest executions the pallet allows, in parachain blocks that the
// relay chain's validators must check (PVF validation runs the runtime under its own stack
// limits, not the collator's). On the node's parachain it deploys the `recursive` contract
// and calls it, which nests calls down to the depth limit (32 frames below the first), and a
// contract whose wasm recurses until the interpreter's stack runs out, which must fail with
// `ewasm.ContractTrapped`. Each step waits for finality, so each block was validated and
// included by the relay chain. Returns 1 on success.

const { join } = require('node:path');
const { tests, withNode, deployFinalized } = require('./chain.js');

/** Enough gas for 32 nested frames (the dry run's `gasRequired` would allow fewer). */
const GAS_LIMIT = 2_000_000_000n;
/** The depth the recursive contract records at key 0: `MAX_CALL_DEPTH` below the first. */
const MAX_CALL_DEPTH = 32;

const WASM_RECURSION = `(module (memory (export "memory") 1)
  (func $deeper (call $deeper)) (func (export "main") (call $deeper)))`;

async function run(nodeName, networkInfo) {
  const { EwasmError, compileWat, loadCode } = await import(join(tests, 'client/dist/index.js'));
  const { fixturePath } = await import(join(tests, 'lib/contracts.mjs'));
  return withNode(nodeName, networkInfo, async ({ client, alice, bob }) => {
    const recursive = await deployFinalized(client, alice, await loadCode(fixturePath('recursive')));
    await client.call(bob, recursive, { gasLimit: GAS_LIMIT, finalized: true });
    const deepest = await client.storage(recursive, `0x${'00'.repeat(32)}`);
    // The depth is the first (little-endian) byte of the stored word.
    const depth = deepest === null ? null : Number.parseInt(deepest.slice(2, 4), 16);
    console.log(`${nodeName}: the recursive contract reached depth ${depth}`);

    const runaway = await deployFinalized(client, alice, compileWat(WASM_RECURSION));
    let failure = null;
    try {
      await client.call(bob, runaway, { gasLimit: GAS_LIMIT, finalized: true });
    } catch (error) {
      if (!(error instanceof EwasmError)) throw error;
      failure = error.errorName;
    }
    console.log(`${nodeName}: the wasm recursion failed with ${failure}`);
    return depth === MAX_CALL_DEPTH && failure === 'ContractTrapped' ? 1 : 0;
  });
}

module.exports = { run };
