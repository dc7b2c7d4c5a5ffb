// Starts and stops a real `ewasm-node --dev` for the end-to-end tests.
//
// The binary is `$EWASM_NODE` if set, else `$CARGO_TARGET_DIR/release/ewasm-node`, with
// `CARGO_TARGET_DIR` defaulting to `~/.cache/ewasm-parachain/target` as in the Makefile.

import { spawn } from 'node:child_process';
import { after, before } from 'node:test';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { ApiPromise, WsProvider } from '@polkadot/api';
import { Keyring } from '@polkadot/keyring';

/** The build's target directory: `$CARGO_TARGET_DIR`, or the Makefile's default. */
export function targetDir() {
  return process.env.CARGO_TARGET_DIR ?? join(homedir(), '.cache/ewasm-parachain/target');
}

export function nodeBinary() {
  return process.env.EWASM_NODE || join(targetDir(), 'release/ewasm-node');
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Connects polkadot.js to `endpoint`, retrying until `timeoutMs` passes. */
export async function connect(endpoint, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const provider = new WsProvider(endpoint, false);
    try {
      await provider.connect();
      await provider.isReadyOrError;
      return await ApiPromise.create({ provider, throwOnConnect: true, noInitWarn: true });
    } catch (error) {
      await provider.disconnect().catch(() => {});
      if (Date.now() > deadline) throw new Error(`no node at ${endpoint}: ${error.message}`);
      await sleep(500);
    }
  }
}

/**
 * Starts a dev node (manual seal, one block every `blockTimeMs`, finalized at once) on free
 * ports, with the node options `args` besides, and connects to it. Returns
 * `{ api, endpoint, logs, pid, stop }`.
 */
export async function startDevNode({ blockTimeMs = 1000, args = [] } = {}) {
  const binary = nodeBinary();
  if (!existsSync(binary)) {
    throw new Error(`node binary not found at ${binary}: run \`make build\` first`);
  }
  const rpcPort = await freePort();
  const child = spawn(
    binary,
    [
      '--dev',
      '--tmp',
      `--dev-block-time=${blockTimeMs}`,
      `--rpc-port=${rpcPort}`,
      '--port=0',
      '--no-prometheus',
      '--no-telemetry',
      '--no-mdns',
      '--no-hardware-benchmarks',
      ...args,
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const logs = [];
  const keep = (chunk) => {
    logs.push(chunk.toString());
    if (logs.length > 400) logs.shift();
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const exited = new Promise((resolve) => child.on('exit', resolve));
  const endpoint = `ws://127.0.0.1:${rpcPort}`;
  let api;
  try {
    api = await Promise.race([
      connect(endpoint, 120_000),
      exited.then((code) => {
        throw new Error(`node exited with ${code}:\n${logs.join('')}`);
      }),
    ]);
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
  const stop = async () => {
    await api.disconnect().catch(() => {});
    child.kill('SIGINT');
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  };
  return { api, endpoint, logs, pid: child.pid, stop };
}

/** The dev chain's funded accounts the tests sign with: `{ alice, bob, charlie, dave }` (sr25519). */
export function devAccounts() {
  const keyring = new Keyring({ type: 'sr25519' });
  const [alice, bob, charlie, dave] = ['//Alice', '//Bob', '//Charlie', '//Dave'].map((uri) =>
    keyring.addFromUri(uri),
  );
  return { alice, bob, charlie, dave };
}

/**
 * A dev node for the tests of the file that calls this: started before them, stopped after.
 * Returns an object whose `node` (see `startDevNode`) and accounts (see `devAccounts`) are set
 * once it runs;
 * `setup(env)`, if given, runs then too.
 */
export function devNodeForTests(setup = () => {}) {
  const env = {};
  before(async () => {
    env.node = await startDevNode();
    Object.assign(env, devAccounts());
    await setup(env);
  });
  after(async () => {
    await env.node?.stop();
  });
  return env;
}
