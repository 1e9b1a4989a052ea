/**
 * execution/block-header: the rules a header must meet given its parent, before any of its
 * transactions run, and the fields the parent alone decides (which the builder fills in and the
 * executor checks, from the same functions):
 *
 * - number = parent number + 1; timestamp > parent's; extra data at most 32 bytes;
 * - gas limit within parent's +/- (parent's / 1024, exclusive), at least 5000, at most 2^63 - 1;
 *   at the London transition the parent's limit counts times the elasticity (EIP-1559);
 * - gas used <= gas limit;
 * - base fee = calcBaseFee(parent) from London (EIP-1559);
 * - after the Merge (EIP-3675): difficulty 0, nonce 0, ommers hash of the empty list;
 * - the fork's fields present and no later fork's: withdrawals root from Shanghai (EIP-4895),
 *   blob gas used, excess blob gas and parent beacon block root from Cancun (EIP-4844,
 *   EIP-4788), requests hash from Prague (EIP-7685);
 * - blob gas used a whole number of blobs, at most the block maximum, and excess blob gas =
 *   calcExcessBlobGas(parent) (EIP-4844, EIP-7691 schedule).
 * Proof-of-work rules (difficulty, seal, ommers) belong to a consensus engine and are not here:
 * headers before the Merge are refused as UNSUPPORTED_FORK.
 */
import { type ChainSpec, chainBlobParams, type Fork, forkAt, forkAtLeast, GAS_PER_BLOB, maxBlobGasPerBlock } from "../params/index.js";
import { equalBytes } from "../primitives/index.js";
import { calcBaseFee, calcExcessBlobGas, EMPTY_OMMERS_HASH, type Header, type SealedHeader } from "../types/index.js";
import { type BlockValidationCode, BlockValidationError } from "./block-error.js";

export const MIN_GAS_LIMIT = 5000n;
/** go-ethereum's MaxGasLimit: 2^63 - 1. */
export const MAX_GAS_LIMIT = (1n << 63n) - 1n;
/** A block's gas limit moves by less than parent / 1024 (yellow paper 4.3.4). */
export const GAS_LIMIT_BOUND_DIVISOR = 1024n;
export const MAX_EXTRA_DATA_BYTES = 32;

/** The fields of a child header that follow from its parent and its fork. */
export interface DerivedHeaderFields {
  readonly number: bigint;
  /** London and later */
  readonly baseFeePerGas: bigint | undefined;
  /** Cancun and later */
  readonly excessBlobGas: bigint | undefined;
}

/** The fork that governs a block with this number and timestamp. */
export function blockFork(spec: ChainSpec, number: bigint, timestamp: bigint): Fork {
  return forkAt(spec, number, timestamp);
}

export function deriveHeaderFields(spec: ChainSpec, parent: Header, fork: Fork): DerivedHeaderFields {
  return {
    number: parent.number + 1n,
    baseFeePerGas: forkAtLeast(fork, "London") ? calcBaseFee(parent, spec.feeMarket) : undefined,
    excessBlobGas: forkAtLeast(fork, "Cancun") ? calcExcessBlobGas(parent, fork, spec.blobSchedule) : undefined,
  };
}

/** The parent gas limit the child's is bounded by: doubled (the elasticity) at the London transition. */
function effectiveParentGasLimit(spec: ChainSpec, parent: Header, fork: Fork): bigint {
  if (forkAtLeast(fork, "London") && parent.baseFeePerGas === undefined) return parent.gasLimit * spec.feeMarket.elasticityMultiplier;
  return parent.gasLimit;
}

/** True when `gasLimit` may follow a parent with `parentGasLimit`. */
export function gasLimitWithinBounds(parentGasLimit: bigint, gasLimit: bigint): boolean {
  const diff = gasLimit > parentGasLimit ? gasLimit - parentGasLimit : parentGasLimit - gasLimit;
  return diff < parentGasLimit / GAS_LIMIT_BOUND_DIVISOR && gasLimit >= MIN_GAS_LIMIT;
}

/**
 * The gas limit a producer gives the child of `parentGasLimit` when it aims at `desired`: one
 * step (parent / 1024 - 1) towards it at most, as go-ethereum's CalcGasLimit.
 */
export function nextGasLimit(parentGasLimit: bigint, desired: bigint): bigint {
  const delta = parentGasLimit / GAS_LIMIT_BOUND_DIVISOR - 1n;
  const target = desired < MIN_GAS_LIMIT ? MIN_GAS_LIMIT : desired;
  if (parentGasLimit < target) return parentGasLimit + delta < target ? parentGasLimit + delta : target;
  return parentGasLimit - delta > target ? parentGasLimit - delta : target;
}

function fail(code: BlockValidationCode, message: string): never {
  throw new BlockValidationError(code, message);
}

/** Which optional header fields a fork has, in wire order. */
const FORK_FIELDS: readonly [keyof Header, Fork][] = [
  ["baseFeePerGas", "London"],
  ["withdrawalsRoot", "Shanghai"],
  ["blobGasUsed", "Cancun"],
  ["excessBlobGas", "Cancun"],
  ["parentBeaconBlockRoot", "Cancun"],
  ["requestsHash", "Prague"],
];

function checkFormat(header: Header, fork: Fork): void {
  for (const [field, since] of FORK_FIELDS) {
    const present = header[field] !== undefined;
    const expected = forkAtLeast(fork, since);
    if (present !== expected)
      fail("INCORRECT_BLOCK_FORMAT", `${field} is ${present ? "present" : "missing"} in a ${fork} header (it exists from ${since})`);
  }
}

function isZero(bytes: Uint8Array): boolean {
  for (let i = 0; i < bytes.length; i++) if (bytes[i] !== 0) return false;
  return true;
}

/**
 * Checks `header` against its parent under `spec`; returns the header's fork. Throws
 * BlockValidationError naming the first rule broken. Commitments to the body and to execution
 * results are checked by the executor.
 */
export function validateHeader(spec: ChainSpec, parent: SealedHeader, header: Header): Fork {
  const p = parent.header;
  if (!equalBytes(header.parentHash, parent.hash)) fail("UNKNOWN_PARENT", "parent hash does not name the parent given");
  const fork = blockFork(spec, header.number, header.timestamp);
  if (!forkAtLeast(fork, "Paris")) fail("UNSUPPORTED_FORK", `${fork} blocks need proof-of-work rules, which this executor does not have`);
  checkFormat(header, fork);

  if (header.extraData.length > MAX_EXTRA_DATA_BYTES)
    fail("EXTRA_DATA_TOO_BIG", `extra data is ${header.extraData.length} bytes, at most ${MAX_EXTRA_DATA_BYTES}`);
  if (header.number !== p.number + 1n) fail("INVALID_BLOCK_NUMBER", `number ${header.number}, parent's is ${p.number}`);
  if (header.timestamp <= p.timestamp)
    fail("INVALID_BLOCK_TIMESTAMP_OLDER_THAN_PARENT", `timestamp ${header.timestamp} is not after the parent's ${p.timestamp}`);

  if (header.difficulty !== 0n) fail("IMPORT_IMPOSSIBLE_DIFFICULTY_OVER_PARIS", `difficulty ${header.difficulty} after the Merge`);
  if (!isZero(header.nonce)) fail("INVALID_NONCE", "nonce must be zero after the Merge");
  if (!equalBytes(header.ommersHash, EMPTY_OMMERS_HASH)) fail("IMPORT_IMPOSSIBLE_UNCLES_OVER_PARIS", "ommers after the Merge");

  if (header.gasLimit > MAX_GAS_LIMIT) fail("GASLIMIT_TOO_BIG", `gas limit ${header.gasLimit} exceeds 2^63 - 1`);
  const parentLimit = effectiveParentGasLimit(spec, p, fork);
  if (!gasLimitWithinBounds(parentLimit, header.gasLimit))
    fail("INVALID_GASLIMIT", `gas limit ${header.gasLimit} does not follow the parent's ${parentLimit}`);
  if (header.gasUsed > header.gasLimit) fail("GAS_USED_OVERFLOW", `gas used ${header.gasUsed} exceeds the gas limit ${header.gasLimit}`);

  const derived = deriveHeaderFields(spec, p, fork);
  if (header.baseFeePerGas !== derived.baseFeePerGas)
    fail("INVALID_BASEFEE_PER_GAS", `base fee ${header.baseFeePerGas}, the parent implies ${derived.baseFeePerGas}`);

  if (forkAtLeast(fork, "Cancun")) {
    const used = header.blobGasUsed!;
    const max = maxBlobGasPerBlock(chainBlobParams(spec, fork)!);
    if (used > max) fail("BLOB_GAS_USED_ABOVE_LIMIT", `blob gas used ${used} exceeds the maximum ${max}`);
    if (used % GAS_PER_BLOB !== 0n) fail("INCORRECT_BLOB_GAS_USED", `blob gas used ${used} is not a multiple of ${GAS_PER_BLOB}`);
    if (header.excessBlobGas !== derived.excessBlobGas)
      fail("INCORRECT_EXCESS_BLOB_GAS", `excess blob gas ${header.excessBlobGas}, the parent implies ${derived.excessBlobGas}`);
  }
  return fork;
}
