import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { EIP1559_PARAMS } from "../params/index.js";
import { calcBaseFee } from "./base-fee.js";
import type { Header } from "./header.js";

function parent(gasLimit: bigint, gasUsed: bigint, baseFeePerGas: bigint | undefined): Header {
  return { gasLimit, gasUsed, baseFeePerGas } as Header;
}

describe("EIP-1559 base fee", () => {
  // go-ethereum's vectors (consensus/misc/eip1559): limit 20M, target 10M, base fee 1 gwei.
  test("at the target the fee stays", () => {
    assert.equal(calcBaseFee(parent(20_000_000n, 10_000_000n, 1_000_000_000n)), 1_000_000_000n);
  });

  test("below the target it falls by (target - used) / target / 8", () => {
    assert.equal(calcBaseFee(parent(20_000_000n, 9_000_000n, 1_000_000_000n)), 987_500_000n);
    assert.equal(calcBaseFee(parent(20_000_000n, 0n, 1_000_000_000n)), 875_000_000n, "an empty block: -12.5%");
  });

  test("above the target it rises by (used - target) / target / 8, by at least 1 wei", () => {
    assert.equal(calcBaseFee(parent(20_000_000n, 11_000_000n, 1_000_000_000n)), 1_012_500_000n);
    assert.equal(calcBaseFee(parent(20_000_000n, 20_000_000n, 1_000_000_000n)), 1_125_000_000n, "a full block: +12.5%");
    assert.equal(calcBaseFee(parent(20_000_000n, 10_000_001n, 7n)), 8n, "the minimum increase");
  });

  test("the first London block starts at the initial base fee", () => {
    assert.equal(calcBaseFee(parent(15_000_000n, 15_000_000n, undefined)), EIP1559_PARAMS.initialBaseFee);
  });

  test("a zero fee cannot fall below zero, and other parameters apply", () => {
    assert.equal(calcBaseFee(parent(20_000_000n, 0n, 0n)), 0n);
    const params = { elasticityMultiplier: 4n, baseFeeMaxChangeDenominator: 50n, initialBaseFee: 5n };
    assert.equal(calcBaseFee(parent(40_000_000n, 20_000_000n, 1_000_000n), params), 1_020_000n);
  });
});
