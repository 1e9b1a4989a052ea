/**
 * params/gas: the transaction-level gas schedule per fork, as data. Intrinsic gas (charged
 * before any code runs), the EIP-7623 calldata floor, init-code limits and the blob and
 * gas-limit caps that decide static transaction validity. Each fork's schedule is the previous
 * one with the changes its EIPs made; the functions that apply it live in execution.
 */
import { FORKS, type Fork, forkIndex } from "./forks.js";

export interface TxGasSchedule {
  /** G_transaction: every transaction */
  txBase: bigint;
  /** G_txcreate: extra for contract creation (EIP-2, Homestead) */
  txCreate: bigint;
  /** G_txdatazero */
  txDataZero: bigint;
  /** G_txdatanonzero: 68, lowered to 16 by EIP-2028 (Istanbul) */
  txDataNonZero: bigint;
  /** EIP-2930 (Berlin) */
  accessListAddress: bigint;
  accessListStorageKey: bigint;
  /** EIP-3860 (Shanghai): per 32-byte word of init code in a creation transaction */
  initCodeWord: bigint;
  /** EIP-3860 (Shanghai): largest init code of a creation transaction; undefined = no limit */
  maxInitCodeSize: number | undefined;
  /** EIP-7702 (Prague): PER_EMPTY_ACCOUNT_COST, charged per authorization tuple */
  perAuthorization: bigint;
  /**
   * EIP-7623 (Prague): TOTAL_COST_FLOOR_PER_TOKEN; 0 = no floor. Tokens are
   * zero bytes + floorTokensPerNonZeroByte * non-zero bytes.
   */
  floorCostPerToken: bigint;
  floorTokensPerNonZeroByte: bigint;
  /** EIP-4844 (Cancun): blob gas per blob, and the most blob gas one block may hold */
  blobGasPerBlob: bigint;
  maxBlobGasPerBlock: bigint;
  /** EIP-7594 (Osaka): most blobs one transaction may carry; undefined = only the block limit */
  maxBlobsPerTx: number | undefined;
  /** EIP-7825 (Osaka): largest gas limit of a transaction; undefined = no cap */
  maxTxGasLimit: bigint | undefined;
}

const FRONTIER: TxGasSchedule = {
  txBase: 21000n,
  txCreate: 0n,
  txDataZero: 4n,
  txDataNonZero: 68n,
  accessListAddress: 0n,
  accessListStorageKey: 0n,
  initCodeWord: 0n,
  maxInitCodeSize: undefined,
  perAuthorization: 0n,
  floorCostPerToken: 0n,
  floorTokensPerNonZeroByte: 4n,
  blobGasPerBlob: 0n,
  maxBlobGasPerBlock: 0n,
  maxBlobsPerTx: undefined,
  maxTxGasLimit: undefined,
};

/** The changes each fork made to the schedule; forks not listed changed nothing here. */
const CHANGES: Partial<Record<Fork, Partial<TxGasSchedule>>> = {
  Homestead: { txCreate: 32000n }, // EIP-2
  Istanbul: { txDataNonZero: 16n }, // EIP-2028
  Berlin: { accessListAddress: 2400n, accessListStorageKey: 1900n }, // EIP-2930
  Shanghai: { initCodeWord: 2n, maxInitCodeSize: 49152 }, // EIP-3860
  Cancun: { blobGasPerBlob: 131072n, maxBlobGasPerBlock: 786432n }, // EIP-4844: 6 blobs
  Prague: { perAuthorization: 25000n, floorCostPerToken: 10n, maxBlobGasPerBlock: 1179648n }, // EIP-7702, EIP-7623, EIP-7691: 9 blobs
  Osaka: { maxBlobsPerTx: 6, maxTxGasLimit: 16777216n }, // EIP-7594, EIP-7825
};

const SCHEDULES: readonly TxGasSchedule[] = (() => {
  const out: TxGasSchedule[] = [];
  let current = FRONTIER;
  for (const fork of FORKS) {
    current = Object.freeze({ ...current, ...CHANGES[fork] });
    out.push(current);
  }
  return out;
})();

export function txGasSchedule(fork: Fork): TxGasSchedule {
  return SCHEDULES[forkIndex(fork)]!;
}
