/**
 * txpool/pricing: the prices the pool compares (EIP-1559 fee cap and tip, legacy gas price as
 * both), the cost a sender's balance must cover, and the replacement price-bump rule of
 * go-ethereum's legacypool (list.go `Add`): a replacement must raise the fee cap AND the tip
 * by at least `priceBump` percent (strictly above the old values).
 */
import type { Transaction } from "../types/index.js";

/** gasPrice for type 0/1, maxFeePerGas otherwise. */
export function feeCap(tx: Transaction): bigint {
  return tx.type === 0 || tx.type === 1 ? tx.gasPrice : tx.maxFeePerGas;
}

/** gasPrice for type 0/1, maxPriorityFeePerGas otherwise. */
export function tipCap(tx: Transaction): bigint {
  return tx.type === 0 || tx.type === 1 ? tx.gasPrice : tx.maxPriorityFeePerGas;
}

/** The miner's reward per gas at `baseFee`: min(tip, feeCap - baseFee); negative when the cap is below the base fee. */
export function effectiveTip(tx: Transaction, baseFee: bigint | undefined): bigint {
  if (baseFee === undefined) return tipCap(tx);
  const room = feeCap(tx) - baseFee;
  const tip = tipCap(tx);
  // bigints: Math.min does not apply
  if (room < tip) return room;
  return tip;
}

/** gas * feeCap + value (+ blob gas * blob fee cap, EIP-4844): what the balance must cover. */
export function txCost(tx: Transaction, blobGasPerBlob: bigint): bigint {
  let cost = tx.gasLimit * feeCap(tx) + tx.value;
  if (tx.type === 3) cost += BigInt(tx.blobVersionedHashes.length) * blobGasPerBlob * tx.maxFeePerBlobGas;
  return cost;
}

/** True when `next` may replace `old` (same sender and nonce) under a `bumpPercent` price bump. */
export function replaces(old: Transaction, next: Transaction, bumpPercent: bigint): boolean {
  const oldCap = feeCap(old);
  const oldTip = tipCap(old);
  if (feeCap(next) <= oldCap || tipCap(next) <= oldTip) return false;
  const factor = 100n + bumpPercent;
  const capThreshold = (oldCap * factor) / 100n;
  const tipThreshold = (oldTip * factor) / 100n;
  if (feeCap(next) < capThreshold || tipCap(next) < tipThreshold) return false;
  // geth's blobpool requires the blob fee cap to rise by the same bump
  if (old.type === 3 && next.type === 3) {
    const blobThreshold = (old.maxFeePerBlobGas * factor) / 100n;
    if (next.maxFeePerBlobGas <= old.maxFeePerBlobGas || next.maxFeePerBlobGas < blobThreshold) return false;
  }
  return true;
}

/**
 * Orders transactions for eviction: negative when `a` is cheaper than `b`. Effective tip at the
 * base fee first, then fee cap, then tip (geth's pricedList compares the same three).
 */
export function comparePrice(a: Transaction, b: Transaction, baseFee: bigint | undefined): number {
  const ea = effectiveTip(a, baseFee);
  const eb = effectiveTip(b, baseFee);
  if (ea !== eb) return ea < eb ? -1 : 1;
  const ca = feeCap(a);
  const cb = feeCap(b);
  if (ca !== cb) return ca < cb ? -1 : 1;
  const ta = tipCap(a);
  const tb = tipCap(b);
  return ta === tb ? 0 : ta < tb ? -1 : 1;
}
