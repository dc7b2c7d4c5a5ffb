// Contracts for the tests: WAT compiled by wabt, and the init code that deploys them.

import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import initWabt from 'wabt';

const here = dirname(fileURLToPath(import.meta.url));
const fixtures = join(here, '../../pallets/ewasm/fixtures');
const wabt = await initWabt();

/**
 * What the tests send a contract when deploying it, for its rent: 0.001 EWT (10^15 wei) pays
 * a contract of a few hundred bytes for thousands of blocks at 1 gwei of TOTALFEE per block.
 * A contract without funds cannot run once a block has passed (`ewasm.RentUnpaid`).
 */
export const RENT_FUNDS = 10n ** 15n;

/** Compiles WAT source to wasm bytes. */
export function compileWat(source, name = 'contract.wat') {
  const module = wabt.parseWat(name, source);
  try {
    module.resolveNames();
    module.validate();
    return Uint8Array.from(module.toBinary({}).buffer);
  } finally {
    module.destroy();
  }
}

/** Compiles one of the pallet's fixtures (`pallets/ewasm/fixtures/<name>.wat`). */
export function fixture(name) {
  return compileWat(readFileSync(join(fixtures, `${name}.wat`), 'utf8'), `${name}.wat`);
}

/** Init code whose `main` passes `code` to `finish`: deploying it deploys `code`. */
export function initCodeFor(code) {
  const escaped = Array.from(code, (b) => `\\${b.toString(16).padStart(2, '0')}`).join('');
  const pages = Math.floor(code.length / 65536) + 1;
  return compileWat(`(module
    (import "ethereum" "finish" (func $finish (param i32 i32)))
    (memory (export "memory") ${pages})
    (data (i32.const 0) "${escaped}")
    (func (export "main") (call $finish (i32.const 0) (i32.const ${code.length}))))`);
}
