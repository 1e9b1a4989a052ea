/**
 * types/blob-gas: the header's blob-gas rules that follow from the parent alone: the excess
 * blob gas of the child (EIP-4844, with the EIP-7918 reserve price from Osaka) and the blob
 * base fee a header implies. The parameters come from the blob schedule of the child's fork.
 */
import {
  BLOB_BASE_COST,
  type BlobParams,
  type BlobSchedule,
  blobBaseFee,
  blobParamsFor,
  DEFAULT_BLOB_SCHEDULE,
  type Fork,
  forkAtLeast,
  GAS_PER_BLOB,
  targetBlobGasPerBlock,
} from "../params/index.js";
import type { Header } from "./header.js";

function paramsOf(fork: Fork, schedule: BlobSchedule): BlobParams {
  const p = blobParamsFor(fork, schedule);
  if (!p) throw new RangeError(`${fork} has no blob gas: blob rules start at Cancun`);
  return p;
}

/**
 * The excessBlobGas the child of `parent` must carry, `fork` being the child's fork. A parent
 * without blob fields (the block before Cancun) counts as zero excess and zero use.
 *
 * EIP-7918 (Osaka): when a blob's reserve price, BLOB_BASE_COST * base fee, exceeds what a
 * blob costs at the parent's excess, the excess no longer falls; it grows by the used gas
 * scaled by (max - target) / max. The blob price is computed with the child fork's update
 * fraction, as the execution specs and go-ethereum do at a fork boundary.
 */
export function calcExcessBlobGas(parent: Header, fork: Fork, schedule: BlobSchedule = DEFAULT_BLOB_SCHEDULE): bigint {
  const p = paramsOf(fork, schedule);
  const parentExcess = parent.excessBlobGas ?? 0n;
  const parentUsed = parent.blobGasUsed ?? 0n;
  const target = targetBlobGasPerBlock(p);
  if (parentExcess + parentUsed < target) return 0n;
  if (forkAtLeast(fork, "Osaka")) {
    const reservePrice = BLOB_BASE_COST * (parent.baseFeePerGas ?? 0n);
    const blobPrice = GAS_PER_BLOB * blobBaseFee(parentExcess, p.baseFeeUpdateFraction);
    if (reservePrice > blobPrice) return parentExcess + (parentUsed * BigInt(p.max - p.target)) / BigInt(p.max);
  }
  return parentExcess + parentUsed - target;
}

/** The blob base fee (price per unit of blob gas) of a block with this header under `fork`. */
export function headerBlobBaseFee(header: Header, fork: Fork, schedule: BlobSchedule = DEFAULT_BLOB_SCHEDULE): bigint {
  return blobBaseFee(header.excessBlobGas ?? 0n, paramsOf(fork, schedule).baseFeeUpdateFraction);
}
