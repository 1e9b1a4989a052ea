import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { Transaction } from "../../types/index.js";
import { RpcError } from "../errors.js";
import { checkPercentiles, effectiveGasTip, rewardPercentiles } from "./fee-history.js";

function rejects(f: () => unknown, message: string): void {
  assert.throws(f, (e: unknown) => e instanceof RpcError && e.code === -32000 && e.message === message);
}

describe("fee history maths (geth's eth/gasprice processBlock)", () => {
  test("an empty block gives a row of zeros", () => {
    assert.deepEqual(rewardPercentiles(0n, [], [10, 50, 90]), [0n, 0n, 0n]);
  });

  test("percentiles walk the transactions sorted by tip, weighted by gas used", () => {
    // tips 1 (21000 gas), 5 (50000 gas), 3 (29000 gas): sorted 1, 3, 5 with sums 21000, 50000, 100000
    const txs = [
      { gasUsed: 21_000n, reward: 1n },
      { gasUsed: 50_000n, reward: 5n },
      { gasUsed: 29_000n, reward: 3n },
    ];
    assert.deepEqual(rewardPercentiles(100_000n, txs, [0, 20, 21, 22, 50, 51, 100]), [1n, 1n, 1n, 3n, 3n, 5n, 5n]);
  });

  test("equal tips keep block order (a stable sort)", () => {
    const txs = [
      { gasUsed: 10n, reward: 7n },
      { gasUsed: 90n, reward: 7n },
    ];
    assert.deepEqual(rewardPercentiles(100n, txs, [5, 50]), [7n, 7n]);
  });

  test("the threshold is truncated as Go's uint64(float64(gasUsed) * p / 100)", () => {
    // 3 * 33.4 / 100 = 1.002 -> 1: the first transaction (1 gas) already reaches it
    const txs = [
      { gasUsed: 1n, reward: 1n },
      { gasUsed: 2n, reward: 2n },
    ];
    assert.deepEqual(rewardPercentiles(3n, txs, [33.4, 34, 66.7]), [1n, 1n, 2n]);
  });

  test("effective tips: min(tip cap, fee cap - base fee); legacy pays gas price - base fee", () => {
    const dyn = { type: 2, maxFeePerGas: 100n, maxPriorityFeePerGas: 10n } as unknown as Transaction;
    const legacy = { type: 0, gasPrice: 30n } as unknown as Transaction;
    assert.equal(effectiveGasTip(dyn, 95n), 5n);
    assert.equal(effectiveGasTip(dyn, 50n), 10n);
    assert.equal(effectiveGasTip(dyn, undefined), 10n);
    assert.equal(effectiveGasTip(legacy, 20n), 10n);
  });

  test("percentile checks answer geth's messages", () => {
    checkPercentiles([0, 25, 100]);
    rejects(() => checkPercentiles([101]), "invalid reward percentile: 101.000000");
    rejects(() => checkPercentiles([-1]), "invalid reward percentile: -1.000000");
    rejects(() => checkPercentiles([50, 40]), "invalid reward percentile: #0:50.000000 >= #1:40.000000");
    rejects(() => checkPercentiles([10, 10]), "invalid reward percentile: #0:10.000000 >= #1:10.000000");
    rejects(() => checkPercentiles(Array.from({ length: 101 }, (_, i) => i / 2)), "invalid reward percentile: over the query limit 100");
  });
});
