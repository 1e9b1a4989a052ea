import assert from "node:assert/strict";
import { describe, test } from "node:test";
import {
  BLOB_BASE_COST,
  blobBaseFee,
  blobParamsFor,
  DEFAULT_BLOB_SCHEDULE,
  fakeExponential,
  GAS_PER_BLOB,
  maxBlobGasPerBlock,
  targetBlobGasPerBlock,
} from "./blob-schedule.js";
import { txGasSchedule } from "./gas.js";

describe("fakeExponential", () => {
  // The EIP-4844 vectors that go-ethereum and the execution specs test.
  const vectors: [number, number, number, bigint][] = [
    [1, 0, 1, 1n],
    [38493, 0, 1000, 38493n],
    [0, 1234, 2345, 0n],
    [1, 2, 1, 6n],
    [1, 4, 2, 6n],
    [1, 3, 1, 16n],
    [1, 6, 2, 18n],
    [1, 4, 1, 49n],
    [1, 8, 2, 50n],
    [10, 8, 2, 542n],
    [11, 8, 2, 596n],
    [1, 5, 1, 136n],
    [1, 5, 2, 11n],
    [2, 5, 2, 23n],
    [1, 50000000, 2225652, 5709098764n],
  ];
  for (const [factor, num, den, want] of vectors) {
    test(`fake_exponential(${factor}, ${num}, ${den}) = ${want}`, () => {
      assert.equal(fakeExponential(BigInt(factor), BigInt(num), BigInt(den)), want);
    });
  }

  test("a zero denominator is a bug, not a price", () => {
    assert.throws(() => fakeExponential(1n, 1n, 0n), RangeError);
  });
});

describe("blob parameters per fork", () => {
  test("mainnet values: Cancun 3/6, Prague and Osaka 6/9", () => {
    assert.deepEqual(blobParamsFor("Cancun"), { target: 3, max: 6, baseFeeUpdateFraction: 3338477n });
    assert.deepEqual(blobParamsFor("Prague"), { target: 6, max: 9, baseFeeUpdateFraction: 5007716n });
    assert.deepEqual(blobParamsFor("Osaka"), { target: 6, max: 9, baseFeeUpdateFraction: 5007716n });
    assert.equal(BLOB_BASE_COST, 8192n);
  });

  test("no blobs before Cancun", () => {
    assert.equal(blobParamsFor("Shanghai"), undefined);
    assert.equal(blobParamsFor("Frontier"), undefined);
  });

  test("a fork without its own entry inherits the latest earlier one", () => {
    const custom = { Cancun: { target: 1, max: 2, baseFeeUpdateFraction: 7n } };
    assert.deepEqual(blobParamsFor("Osaka", custom), custom.Cancun);
  });

  test("block blob-gas limits agree with the transaction gas schedule", () => {
    for (const fork of ["Cancun", "Prague", "Osaka"] as const) {
      const p = DEFAULT_BLOB_SCHEDULE[fork]!;
      assert.equal(maxBlobGasPerBlock(p), txGasSchedule(fork).maxBlobGasPerBlock, fork);
      assert.equal(targetBlobGasPerBlock(p), BigInt(p.target) * GAS_PER_BLOB);
    }
  });

  test("blob base fee: 1 wei at zero excess, rising with the excess", () => {
    assert.equal(blobBaseFee(0n, 3338477n), 1n);
    // The fee doubles once the excess reaches fraction * ln 2 = 2314057.9...
    assert.equal(blobBaseFee(2314057n, 3338477n), 1n);
    assert.equal(blobBaseFee(2314058n, 3338477n), 2n);
    assert.equal(blobBaseFee(3338477n * 10n, 3338477n), 22026n);
  });
});
