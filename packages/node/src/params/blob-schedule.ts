/**
 * params/blob-schedule: blob-gas parameters per fork (EIP-4844, EIP-7691, EIP-7840) and the
 * blob base fee (EIP-4844 `fake_exponential`). A chain spec may override the schedule
 * (`blobSchedule` in genesis.json, EIP-7840); forks it does not list inherit the defaults here.
 * The header rule that uses them (`calcExcessBlobGas`) lives in types, beside the header.
 */
import { FORKS, type Fork, forkIndex } from "./forks.js";

export interface BlobParams {
  /** blobs per block the fee market aims at */
  readonly target: number;
  /** most blobs one block may carry */
  readonly max: number;
  /** BLOB_BASE_FEE_UPDATE_FRACTION: how fast the blob base fee follows the excess */
  readonly baseFeeUpdateFraction: bigint;
}

/** Blob parameters keyed by the fork that introduced them; later forks inherit. */
export type BlobSchedule = Readonly<Partial<Record<Fork, BlobParams>>>;

/** GAS_PER_BLOB (EIP-4844): 2^17, one blob of 4096 field elements of 32 bytes. */
export const GAS_PER_BLOB = 131072n;
/** MIN_BASE_FEE_PER_BLOB_GAS (EIP-4844) */
export const MIN_BASE_FEE_PER_BLOB_GAS = 1n;
/** BLOB_BASE_COST (EIP-7918, Osaka): the execution gas whose price is a blob's reserve price. */
export const BLOB_BASE_COST = 8192n;

/**
 * Mainnet values: Cancun per EIP-4844, Prague per EIP-7691; Osaka keeps Prague's numbers
 * (EIP-7594 and EIP-7892 change blob counts only through later blob-parameter-only forks),
 * as go-ethereum's default Osaka blob config does.
 */
export const DEFAULT_BLOB_SCHEDULE: BlobSchedule = Object.freeze({
  Cancun: Object.freeze({ target: 3, max: 6, baseFeeUpdateFraction: 3338477n }),
  Prague: Object.freeze({ target: 6, max: 9, baseFeeUpdateFraction: 5007716n }),
  Osaka: Object.freeze({ target: 6, max: 9, baseFeeUpdateFraction: 5007716n }),
});

/** The first fork with blobs; a schedule entry for an earlier fork is meaningless. */
export const FIRST_BLOB_FORK: Fork = "Cancun";

/**
 * The parameters in force at `fork`: the entry of `fork` itself, or of the latest earlier fork
 * that has one. Undefined before Cancun, when blocks carry no blobs.
 */
export function blobParamsFor(fork: Fork, schedule: BlobSchedule = DEFAULT_BLOB_SCHEDULE): BlobParams | undefined {
  for (let i = forkIndex(fork); i >= forkIndex(FIRST_BLOB_FORK); i--) {
    const p = schedule[FORKS[i]!];
    if (p) return p;
  }
  return undefined;
}

/** TARGET_BLOB_GAS_PER_BLOCK */
export function targetBlobGasPerBlock(p: BlobParams): bigint {
  return BigInt(p.target) * GAS_PER_BLOB;
}

/** MAX_BLOB_GAS_PER_BLOCK */
export function maxBlobGasPerBlock(p: BlobParams): bigint {
  return BigInt(p.max) * GAS_PER_BLOB;
}

/**
 * EIP-4844 `fake_exponential`: factor * e^(numerator / denominator) in integer arithmetic, by
 * its Taylor series; each term is rounded down exactly as the specification does, so every
 * client computes the same fee.
 */
export function fakeExponential(factor: bigint, numerator: bigint, denominator: bigint): bigint {
  if (denominator <= 0n) throw new RangeError("fakeExponential: denominator must be positive");
  let output = 0n;
  let accum = factor * denominator;
  for (let i = 1n; accum > 0n; i++) {
    output += accum;
    accum = (accum * numerator) / (denominator * i);
  }
  return output / denominator;
}

/** The price of one unit of blob gas for a block with this excess blob gas (EIP-4844). */
export function blobBaseFee(excessBlobGas: bigint, updateFraction: bigint): bigint {
  return fakeExponential(MIN_BASE_FEE_PER_BLOB_GAS, excessBlobGas, updateFraction);
}
