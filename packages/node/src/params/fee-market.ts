/**
 * params/fee-market: the EIP-1559 (London) base-fee parameters as data. The function that
 * applies them to a parent header (`calcBaseFee`) lives in types, beside the header.
 */

export interface FeeMarketParams {
  /** ELASTICITY_MULTIPLIER: the gas target is gasLimit / elasticity */
  readonly elasticityMultiplier: bigint;
  /** BASE_FEE_MAX_CHANGE_DENOMINATOR: the base fee moves at most 1/8 per block */
  readonly baseFeeMaxChangeDenominator: bigint;
  /** INITIAL_BASE_FEE: the base fee of the first London block (and of a London genesis) */
  readonly initialBaseFee: bigint;
}

/** EIP-1559 as activated on mainnet. */
export const EIP1559_PARAMS: FeeMarketParams = Object.freeze({
  elasticityMultiplier: 2n,
  baseFeeMaxChangeDenominator: 8n,
  initialBaseFee: 1_000_000_000n,
});
