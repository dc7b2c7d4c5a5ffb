// Compiles the Solidity files named on the command line with the pinned solc-js (optimizer on,
// 200 runs, Cancun) and prints `{ "<contract>": { "initCode": "<hex>", "runtimeCode": "<hex>" } }`.
// Exits 1 naming the errors if a file does not compile.

import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import solc from 'solc';

const sources = Object.fromEntries(
  process.argv.slice(2).map((path) => [basename(path), { content: readFileSync(path, 'utf8') }]),
);
const input = {
  language: 'Solidity',
  sources,
  settings: {
    optimizer: { enabled: true, runs: 200 },
    evmVersion: 'cancun',
    outputSelection: { '*': { '*': ['evm.bytecode.object', 'evm.deployedBytecode.object'] } },
  },
};
const output = JSON.parse(solc.compile(JSON.stringify(input)));
const errors = (output.errors ?? []).filter((error) => error.severity === 'error');
if (errors.length > 0) {
  console.error(errors.map((error) => error.formattedMessage).join('\n'));
  process.exit(1);
}
const contracts = {};
for (const file of Object.values(output.contracts)) {
  for (const [name, contract] of Object.entries(file)) {
    contracts[name] = { initCode: contract.evm.bytecode.object, runtimeCode: contract.evm.deployedBytecode.object };
  }
}
console.log(JSON.stringify(contracts));
