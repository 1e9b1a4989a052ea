/**
 * evm/context: the plain data a message executes with, and what it returns.
 *
 * Block and transaction context are values, not host calls. The transaction-level rules
 * (intrinsic gas, nonce and balance validation, fee payment, refund cap, access-list warming,
 * authorization lists) belong to the execution layer; it calls the EVM with a `Message` whose
 * gas is what remains after intrinsic gas.
 */
import type { Address } from "../primitives/index.js";

export interface BlockContext {
  readonly coinbase: Address;
  readonly number: bigint;
  readonly timestamp: bigint;
  readonly gasLimit: bigint;
  /** EIP-4399: PREVRANDAO, 32 bytes. */
  readonly prevRandao: Uint8Array;
  readonly baseFee: bigint;
  /** EIP-7516. */
  readonly blobBaseFee: bigint;
  readonly chainId: bigint;
}

export interface TxContext {
  readonly origin: Address;
  /** Effective gas price (GASPRICE). */
  readonly gasPrice: bigint;
  /** EIP-4844 versioned hashes, 32 bytes each (BLOBHASH). */
  readonly blobHashes: readonly Uint8Array[];
}

/**
 * A transaction-level message. `to === undefined` means contract creation: like CREATE, the
 * EVM then increments the caller's nonce and derives the new address from the nonce it had
 * (so the execution layer must not increment the sender's nonce itself for creations).
 */
export interface Message {
  readonly caller: Address;
  readonly to: Address | undefined;
  readonly value: bigint;
  /** Call data, or initcode for a creation. */
  readonly data: Uint8Array;
  /** Gas available to execution (after intrinsic gas); up to 2^64. */
  readonly gas: bigint;
  /** Runs as under STATICCALL (eth_call style read-only execution). Default false. */
  readonly isStatic?: boolean;
  /** Depth of the first frame; 0 for a transaction. */
  readonly depth?: number;
}

export type ExecutionStatus = "success" | "revert" | "halt";

export interface ExecutionResult {
  readonly status: ExecutionStatus;
  /** Why the message halted (out of gas, invalid opcode, ...); undefined unless status is halt. */
  readonly error: string | undefined;
  readonly gasLeft: bigint;
  /** message.gas - gasLeft: execution gas only, before intrinsic gas and refunds. */
  readonly gasUsed: bigint;
  /** RETURN or REVERT payload (the deployed code for a successful creation; empty after a halt). */
  readonly output: Uint8Array;
  /** The new contract's address, for a successful creation. */
  readonly createdAddress: Address | undefined;
  /** The host's refund counter at the end; the execution layer caps it (EIP-3529: used / 5). */
  readonly refund: bigint;
}
