// The system contracts (`primitives/src/system.rs`): addresses the chain answers natively,
// called like contracts, with Solidity's ABI (a 4-byte selector, 32-byte big-endian words).

/** The environment contract's address (0x10). */
export const ENVIRONMENT = `0x${'00'.repeat(19)}10`;

/** The environment contract's functions and their selectors (`keccak256(signature)[..4]`). */
export const ENVIRONMENT_SELECTORS = {
  /** `blockNumber()` */
  blockNumber: '0x57e871e7',
  /** `blockHash(uint256)`: zero outside the 256 blocks before the current one. */
  blockHash: '0x85df51fd',
  /** `timestamp()`, in seconds. */
  timestamp: '0xb80777ea',
  /** `paraId()` */
  paraId: '0xb4fc08e9',
  /** `totalFee()`: TOTALFEE. */
  totalFee: '0x1df4ccfc',
  /** `relayParentNumber()` */
  relayParentNumber: '0x0d0d64af',
} as const;

/** A function of the environment contract. */
export type EnvironmentQuery = keyof typeof ENVIRONMENT_SELECTORS;

/** The call data asking the environment contract `query`; `blockHash` needs `blockNumber`. */
export function environmentInput(query: EnvironmentQuery, blockNumber?: bigint | number): string {
  const selector = ENVIRONMENT_SELECTORS[query];
  if (query !== 'blockHash') return selector;
  if (blockNumber === undefined) throw new Error('blockHash asks for a block number');
  return selector + BigInt(blockNumber).toString(16).padStart(64, '0');
}
