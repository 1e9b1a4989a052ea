/**
 * types/base-fee: the EIP-1559 (London) base fee of a block as a function of its parent.
 * The gas target is gasLimit / elasticity; the fee rises when the parent used more than the
 * target (by at least 1 wei) and falls when it used less, by at most 1/8 per block.
 */
import { EIP1559_PARAMS, type FeeMarketParams } from "../params/index.js";
import type { Header } from "./header.js";

/**
 * The base fee the child of `parent` must carry. A parent without a base fee is pre-London, so
 * its child is the first London block and starts at the initial base fee.
 */
export function calcBaseFee(parent: Header, params: FeeMarketParams = EIP1559_PARAMS): bigint {
  const parentBaseFee = parent.baseFeePerGas;
  if (parentBaseFee === undefined) return params.initialBaseFee;
  const target = parent.gasLimit / params.elasticityMultiplier;
  // A zero target (gas limit below the elasticity) cannot move the fee: no division by zero.
  if (parent.gasUsed === target || target === 0n) return parentBaseFee;
  if (parent.gasUsed > target) {
    const delta = (parentBaseFee * (parent.gasUsed - target)) / target / params.baseFeeMaxChangeDenominator;
    return parentBaseFee + (delta > 1n ? delta : 1n);
  }
  const delta = (parentBaseFee * (target - parent.gasUsed)) / target / params.baseFeeMaxChangeDenominator;
  return parentBaseFee > delta ? parentBaseFee - delta : 0n;
}
