// The Ewasm parachain's client helpers on polkadot.js: load contract code from `.wat` or
// `.wasm`, deploy and call with gas estimated by a dry run, decode logs and errors, ask the
// environment contract.

export { compileWat, initCodeFor, loadCode } from './code.js';
export {
  type Bytes,
  type CallOptions,
  type DeployOptions,
  type DeploySource,
  type Deployment,
  type DryRun,
  type Executed,
  type Log,
  type Signer,
  ESTIMATE_GAS_LIMIT,
  EwasmClient,
  logsOf,
} from './client.js';
export { EwasmError, decodeError } from './errors.js';
export { type Included, type InclusionOptions, eventsOf, submit } from './submit.js';
export {
  type EnvironmentQuery,
  ENVIRONMENT,
  ENVIRONMENT_SELECTORS,
  environmentInput,
} from './system.js';
