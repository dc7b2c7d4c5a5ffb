// Contracts for the tests: the pallet's WAT fixtures, compiled by the client's helpers.

import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compileWat } from '../client/dist/index.js';

export { compileWat, initCodeFor } from '../client/dist/index.js';

const here = dirname(fileURLToPath(import.meta.url));
const fixtures = join(here, '../../pallets/ewasm/fixtures');

/**
 * What the tests send a contract when deploying it, for its rent: 0.001 EWT (10^15 wei) pays
 * a contract of a few hundred bytes for thousands of blocks at 1 gwei of TOTALFEE per block.
 * A contract without funds cannot run once a block has passed (`ewasm.RentUnpaid`).
 */
export const RENT_FUNDS = 10n ** 15n;

/** The path of one of the pallet's fixtures (`pallets/ewasm/fixtures/<name>.wat`). */
export function fixturePath(name) {
  return join(fixtures, `${name}.wat`);
}

/** Compiles one of the pallet's fixtures. */
export function fixture(name) {
  return compileWat(readFileSync(fixturePath(name), 'utf8'), `${name}.wat`);
}
