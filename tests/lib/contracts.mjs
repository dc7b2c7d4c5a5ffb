// Contracts for the tests: the pallet's WAT fixtures, compiled by the client's helpers, the
// SDK's examples, built by `ewasm build`, and the execution environments of `ees/`, built by
// `ewasm build --ee`.

import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { u8aToHex } from '@polkadot/util';
import { compileWat, encodeWord, selectorOf } from '../client/dist/index.js';
import { targetDir } from './node.mjs';

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

/**
 * Builds the SDK example `examples/<name>` with the release `ewasm build` (`$EWASM`, or the
 * one `make build` made in `$CARGO_TARGET_DIR`) and returns its init code.
 */
export function buildExample(name) {
  const target = targetDir();
  const ewasm = process.env.EWASM ?? join(target, 'release/ewasm');
  execFileSync(ewasm, ['build', join(here, '../../examples', name)], {
    stdio: 'inherit',
    env: { ...process.env, CARGO_TARGET_DIR: target },
  });
  return readFileSync(join(target, `ewasm/${name}.deploy.wasm`));
}

/**
 * Builds the execution environment `ees/<name>` with the release `ewasm build --ee` and returns
 * its code.
 */
export function buildEe(name) {
  const target = targetDir();
  const ewasm = process.env.EWASM ?? join(target, 'release/ewasm');
  const report = execFileSync(ewasm, ['build', '--ee', join(here, '../../ees', name)], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, CARGO_TARGET_DIR: target },
    encoding: 'utf8',
  });
  // `EE        <path> (<n> bytes)`
  const line = report.split('\n').find((printed) => printed.startsWith('EE '));
  return readFileSync(line.slice(3).trim().replace(/ \(\d+ bytes\)$/, ''));
}

/** Call data of `signature`, whose one parameter is `bytes`, with `data` (Solidity's ABI). */
export function bytesCallData(signature, data) {
  const padded = new Uint8Array(Math.ceil(data.length / 32) * 32);
  padded.set(data);
  const head = encodeWord('uint256', 32n) + encodeWord('uint256', data.length);
  return selectorOf(signature) + head + u8aToHex(padded).slice(2);
}
