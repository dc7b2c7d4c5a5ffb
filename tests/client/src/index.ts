// The Ewasm parachain's client helpers on polkadot.js: load contract code from `.wat` or
// `.wasm`, deploy and call with gas estimated by a dry run, decode logs and errors, ask the
// environment contract, send receipts to other parachains and wait for their delivery, speak
// Solidity's ABI to contracts, follow a contract's rent, poke and wake it, register execution
// environments and run blocks on them, and build blocks for the value-holding EE.

export {
  type AbiValue,
  addressOfAccount,
  callData,
  decodeEvent,
  decodeString,
  decodeWord,
  encodeWord,
  parameterTypes,
  selectorOf,
  topicOf,
} from './abi.js';
export { untilBlock } from './blocks.js';
export { compileWat, initCodeFor, loadCode } from './code.js';
export {
  type Bytes,
  type CallOptions,
  type DeployOptions,
  type DeploySource,
  type Deployment,
  type DryRun,
  type Executed,
  type GeneratedReceipt,
  type Log,
  type Receipt,
  type ReceiptOutcome,
  type Signer,
  type WaitOptions,
  ESTIMATE_GAS_LIMIT,
  EwasmClient,
  logsOf,
  proofKeyOf,
  receiptArgument,
  receiptsOf,
} from './client.js';
export {
  type BlockOptions,
  type BlockRun,
  type EeInfo,
  type ExecuteOptions,
  EE_GAS_LIMIT,
  dryRunBlock,
  eeInfo,
  executeBlock,
  registerEe,
} from './ee.js';
export { EwasmError, decodeError } from './errors.js';
export {
  type Destination,
  type EthereumSigner,
  type Owner,
  type Script,
  type ValueAccount,
  type Witness,
  TX_CALL,
  TX_DEPOSIT,
  TX_TRANSFER,
  TX_WITHDRAWAL,
  VALUE_EE_DOMAIN,
  ValueBlock,
  ValueTree,
  asRole,
  encodeScript,
  scriptAddress,
  signedBy,
  signedByKeys,
  unsigned,
} from './value-ee.js';
export {
  type ContractSnapshot,
  type Poked,
  type RentStatus,
  poke,
  rentStatus,
  snapshotOf,
  tombstoneSealed,
  wake,
  wakeValue,
} from './rent.js';
export { type Included, type InclusionOptions, eventsOf, submit } from './submit.js';
export {
  type EnvironmentQuery,
  type ReceiptRequest,
  ENVIRONMENT,
  ENVIRONMENT_SELECTORS,
  RECEIPTS,
  RECEIPT_SELECTORS,
  RECEIPT_TOPICS,
  claimReceiptInput,
  environmentInput,
  generateReceiptInput,
} from './system.js';
