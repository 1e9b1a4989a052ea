/**
 * execution/intrinsic-gas: the gas a transaction costs before any code runs, per fork, and the
 * EIP-7623 calldata floor (Prague) that its gas used can never go below. The numbers are the
 * fork's schedule in params; this file only applies them:
 *
 *   intrinsic = txBase
 *             + txCreate                                 (creation, EIP-2)
 *             + zero bytes * txDataZero + non-zero bytes * txDataNonZero   (EIP-2028)
 *             + addresses * 2400 + storage keys * 1900   (EIP-2930)
 *             + ceil(len(init code) / 32) * initCodeWord (creation, EIP-3860)
 *             + authorizations * perAuthorization        (EIP-7702)
 *   floor     = txBase + floorCostPerToken * (zero bytes + 4 * non-zero bytes)   (EIP-7623)
 */
import { type Fork, type TxGasSchedule, txGasSchedule } from "../params/index.js";
import type { AccessListEntry } from "../types/index.js";

/** The parts of a transaction intrinsic gas depends on; every transaction type fits. */
export interface IntrinsicGasInput {
  to: Uint8Array | undefined;
  data: Uint8Array;
  accessList?: readonly AccessListEntry[] | undefined;
  authorizationList?: readonly unknown[] | undefined;
}

export interface IntrinsicGas {
  /** charged up front; the gas limit must cover it */
  gas: bigint;
  /** EIP-7623 floor on gas used (0 before Prague); the gas limit must cover it too */
  floor: bigint;
}

export function countZeroBytes(data: Uint8Array): number {
  let zeros = 0;
  for (let i = 0; i < data.length; i++) if (data[i] === 0) zeros++;
  return zeros;
}

export function intrinsicGasWith(tx: IntrinsicGasInput, schedule: TxGasSchedule): IntrinsicGas {
  const zeros = BigInt(countZeroBytes(tx.data));
  const nonZeros = BigInt(tx.data.length) - zeros;
  let gas = schedule.txBase + zeros * schedule.txDataZero + nonZeros * schedule.txDataNonZero;
  if (tx.to === undefined) {
    gas += schedule.txCreate;
    gas += BigInt(Math.ceil(tx.data.length / 32)) * schedule.initCodeWord;
  }
  if (tx.accessList) {
    gas += BigInt(tx.accessList.length) * schedule.accessListAddress;
    for (const entry of tx.accessList) gas += BigInt(entry.storageKeys.length) * schedule.accessListStorageKey;
  }
  if (tx.authorizationList) gas += BigInt(tx.authorizationList.length) * schedule.perAuthorization;
  const floor =
    schedule.floorCostPerToken === 0n
      ? 0n
      : schedule.txBase + schedule.floorCostPerToken * (zeros + nonZeros * schedule.floorTokensPerNonZeroByte);
  return { gas, floor };
}

export function intrinsicGas(tx: IntrinsicGasInput, fork: Fork): IntrinsicGas {
  return intrinsicGasWith(tx, txGasSchedule(fork));
}
