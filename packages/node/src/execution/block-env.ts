/**
 * execution/block-env: the block a transaction executes in, as execution needs it: the fork,
 * chain id, header fields the EVM reads, blob parameters, and the block-hash history that
 * BLOCKHASH sees. Built by whoever drives execution (block import, block building, state tests,
 * eth_call); `blockContextOf` turns it into the EVM's BlockContext.
 */
import type { BlockContext } from "../evm/index.js";
import { type BlobParams, blobBaseFee, type Fork } from "../params/index.js";
import type { Address } from "../primitives/index.js";

export interface BlockEnv {
  readonly fork: Fork;
  readonly chainId: bigint;
  readonly coinbase: Address;
  readonly number: bigint;
  readonly timestamp: bigint;
  readonly gasLimit: bigint;
  /** EIP-4399 PREVRANDAO (the mix hash), 32 bytes. */
  readonly prevRandao: Uint8Array;
  /** EIP-1559 base fee; 0 before London. */
  readonly baseFee: bigint;
  /** EIP-4844 excess blob gas of the block; 0 before Cancun. */
  readonly excessBlobGas: bigint;
  /** Blob parameters in force (undefined before Cancun). */
  readonly blobParams: BlobParams | undefined;
  /** Hash of an earlier block; asked only for the 256 most recent. */
  readonly blockHash: (number: bigint) => Uint8Array;
  /** Blob base fee given outright instead of derived from excessBlobGas (eth_call block overrides). */
  readonly blobBaseFee?: bigint;
}

/** EIP-4844 blob base fee of the block (0 before Cancun: no blob may be sent). */
export function blobBaseFeeOf(env: BlockEnv): bigint {
  if (env.blobBaseFee !== undefined) return env.blobBaseFee;
  return env.blobParams === undefined ? 0n : blobBaseFee(env.excessBlobGas, env.blobParams.baseFeeUpdateFraction);
}

export function blockContextOf(env: BlockEnv): BlockContext {
  return {
    coinbase: env.coinbase,
    number: env.number,
    timestamp: env.timestamp,
    gasLimit: env.gasLimit,
    prevRandao: env.prevRandao,
    baseFee: env.baseFee,
    blobBaseFee: blobBaseFeeOf(env),
    chainId: env.chainId,
  };
}
