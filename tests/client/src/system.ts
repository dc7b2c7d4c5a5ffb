// The system contracts (`primitives/src/system/`): addresses the chain answers natively,
// called like contracts, with Solidity's ABI (a 4-byte selector, 32-byte big-endian words).

import type { Receipt } from './client.js';

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

/** The receipts contract's address (0x20). */
export const RECEIPTS = `0x${'00'.repeat(19)}20`;

/** The receipts contract's functions and their selectors. */
export const RECEIPT_SELECTORS = {
  /** `generateReceipt(uint256,uint256,address,uint256,bytes)` */
  generateReceipt: '0x8c6ce914',
  /** `claimReceipt((uint32,address,uint64,uint32,address,uint128,uint64,bytes32),bytes,uint32,bytes[])` */
  claimReceipt: '0x76842465',
} as const;

/** The first topic of each log the receipts contract writes (the second is the receipt id). */
export const RECEIPT_TOPICS = {
  /** `keccak256("ReceiptGenerated(bytes32)")`, on the source. */
  generated: '0xc6419d6ff44647e40c4cc08d448db5d9aba9397cf5d8429c9d9e2cf491d1cbc6',
  /** `keccak256("ReceiptDelivered(bytes32)")`, on the target. */
  delivered: '0xa51457ded2b499d98379a87f294ce2adfc61bcf180af1dc1a07e268f5320e8f9',
  /** `keccak256("ReceiptFailed(bytes32)")`, on the target: the value arrived, receiveMessage failed. */
  failed: '0xad576315320811871366f406d978f1413ef86c5a61a2c86677662efedec3d821',
} as const;

/** What `generateReceipt` is asked to send. */
export interface ReceiptRequest {
  /** The value (wei): the call must carry exactly this much. */
  amount: bigint;
  /** The target parachain. */
  targetPara: number;
  /** The target address there (20 bytes, hex). */
  target: string;
  /** Gas for the target's `receiveMessage` (paid here, with the call's gas). */
  gasLimit: bigint;
  /** The message (hex or bytes). Default empty. */
  payload?: string | Uint8Array;
}

function word(value: bigint | number): string {
  return BigInt(value).toString(16).padStart(64, '0');
}

function hexBody(bytes: string | Uint8Array | undefined): string {
  if (bytes === undefined) return '';
  if (typeof bytes === 'string') return bytes.replace(/^0x/, '');
  return Buffer.from(bytes).toString('hex');
}

/** `address` (20 bytes, hex) as an ABI word. */
function addressWord(address: string): string {
  return hexBody(address).padStart(64, '0');
}

/** The ABI tail of a `bytes` argument (hex, no 0x): its length, its bytes zero-padded. */
function bytesTail(bytes: string | Uint8Array | undefined): string {
  const body = hexBody(bytes);
  const length = body.length / 2;
  return word(length) + body.padEnd(Math.ceil(length / 32) * 64, '0');
}

/** The ABI tail of a `bytes[]` argument (hex, no 0x): its count, the items' offsets, the items. */
function bytesArrayTail(items: (string | Uint8Array)[]): string {
  const tails = items.map(bytesTail);
  let offset = items.length * 32;
  const offsets = tails.map((tail) => {
    const at = offset;
    offset += tail.length / 2;
    return word(at);
  });
  return word(items.length) + offsets.join('') + tails.join('');
}

/** The call data of `generateReceipt(request)`: Solidity's ABI encoding. */
export function generateReceiptInput(request: ReceiptRequest): string {
  return (
    RECEIPT_SELECTORS.generateReceipt +
    word(request.amount) +
    word(request.targetPara) +
    addressWord(request.target) +
    word(request.gasLimit) +
    word(5 * 32) +
    bytesTail(request.payload)
  );
}

/**
 * The call data of `claimReceipt(receipt, payload, sourceBlock, proof)`, for a contract that
 * claims a receipt from inside a call (Solidity's ABI encoding; the receipt as the static tuple
 * of its eight fields). `sourceBlock` and `proof` as `EwasmClient.receiptProof` gives them.
 */
export function claimReceiptInput(
  receipt: Omit<Receipt, 'id'>,
  payload: string | Uint8Array,
  sourceBlock: number,
  proof: (string | Uint8Array)[],
): string {
  const head = 11 * 32;
  const payloadTail = bytesTail(payload);
  return (
    RECEIPT_SELECTORS.claimReceipt +
    word(receipt.sourcePara) +
    addressWord(receipt.source) +
    word(receipt.nonce) +
    word(receipt.targetPara) +
    addressWord(receipt.target) +
    word(receipt.amount) +
    word(receipt.gasLimit) +
    hexBody(receipt.payloadHash).padStart(64, '0') +
    word(head) +
    word(sourceBlock) +
    word(head + payloadTail.length / 2) +
    payloadTail +
    bytesArrayTail(proof)
  );
}
