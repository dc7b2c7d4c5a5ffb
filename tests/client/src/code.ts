// Contract code from files: WAT compiled by wabt, or wasm as is; and the init code that
// deploys a contract.

import { readFile } from 'node:fs/promises';
import initWabt from 'wabt';

const wabt = await initWabt();

/** Compiles WAT source to wasm bytes; `name` is the file name errors report. */
export function compileWat(source: string, name = 'contract.wat'): Uint8Array {
  const module = wabt.parseWat(name, source);
  try {
    module.resolveNames();
    module.validate();
    return Uint8Array.from(module.toBinary({}).buffer);
  } finally {
    module.destroy();
  }
}

/** The wasm of a `.wat` (compiled) or `.wasm` (read as is) file. */
export async function loadCode(path: string): Promise<Uint8Array> {
  if (path.endsWith('.wat')) return compileWat(await readFile(path, 'utf8'), path);
  if (path.endsWith('.wasm')) return new Uint8Array(await readFile(path));
  throw new Error(`${path}: expected a .wat or .wasm file`);
}

/**
 * Init code whose `main` passes `code` to `finish`: deploying it deploys `code` unchanged.
 * (Contracts that need constructor logic are their own init code.)
 */
export function initCodeFor(code: Uint8Array): Uint8Array {
  const escaped = Array.from(code, (b) => `\\${b.toString(16).padStart(2, '0')}`).join('');
  const pages = Math.floor(code.length / 65536) + 1;
  return compileWat(`(module
    (import "ethereum" "finish" (func $finish (param i32 i32)))
    (memory (export "memory") ${pages})
    (data (i32.const 0) "${escaped}")
    (func (export "main") (call $finish (i32.const 0) (i32.const ${code.length}))))`);
}
