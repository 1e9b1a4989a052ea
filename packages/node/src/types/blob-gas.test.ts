import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { GAS_PER_BLOB } from "../params/index.js";
import { calcExcessBlobGas, headerBlobBaseFee } from "./blob-gas.js";
import type { Header } from "./header.js";

const BLOB = GAS_PER_BLOB;

function parent(excessBlobGas: bigint | undefined, blobGasUsed: bigint | undefined, baseFeePerGas = 7n): Header {
  return { excessBlobGas, blobGasUsed, baseFeePerGas } as Header;
}

describe("EIP-4844 excess blob gas", () => {
  test("Cancun: zero until the parent's excess plus use exceeds the target of 3 blobs", () => {
    assert.equal(calcExcessBlobGas(parent(0n, 0n), "Cancun"), 0n);
    assert.equal(calcExcessBlobGas(parent(0n, 3n * BLOB), "Cancun"), 0n);
    assert.equal(calcExcessBlobGas(parent(0n, 4n * BLOB), "Cancun"), BLOB);
    assert.equal(calcExcessBlobGas(parent(BLOB, 2n * BLOB), "Cancun"), 0n);
    assert.equal(calcExcessBlobGas(parent(10n * BLOB, 6n * BLOB), "Cancun"), 13n * BLOB);
    assert.equal(calcExcessBlobGas(parent(10n * BLOB, 0n), "Cancun"), 7n * BLOB);
  });

  test("Prague: the target is 6 blobs", () => {
    assert.equal(calcExcessBlobGas(parent(0n, 6n * BLOB), "Prague"), 0n);
    assert.equal(calcExcessBlobGas(parent(0n, 9n * BLOB), "Prague"), 3n * BLOB);
  });

  test("the first Cancun block's parent has no blob fields: zero", () => {
    assert.equal(calcExcessBlobGas(parent(undefined, undefined), "Cancun"), 0n);
  });

  test("a custom schedule", () => {
    const schedule = { Cancun: { target: 1, max: 2, baseFeeUpdateFraction: 1000n } };
    assert.equal(calcExcessBlobGas(parent(0n, 2n * BLOB), "Cancun", schedule), BLOB);
  });

  test("no blob rules before Cancun", () => {
    assert.throws(() => calcExcessBlobGas(parent(0n, 0n), "Shanghai"), RangeError);
  });
});

describe("EIP-7918 reserve price (Osaka)", () => {
  test("when a blob costs less than BLOB_BASE_COST execution gas, the excess grows by used * (max - target) / max", () => {
    // 7 blobs: Prague subtracts the target (7 - 6 = 1 blob); Osaka with a 1 gwei base fee adds 7 * 3 / 9 blobs.
    const p = parent(0n, 7n * BLOB, 1_000_000_000n);
    assert.equal(calcExcessBlobGas(p, "Prague"), BLOB);
    assert.equal(calcExcessBlobGas(p, "Osaka"), (7n * BLOB * 3n) / 9n);
  });

  test("when the blob price is above the reserve, Osaka is EIP-4844", () => {
    // base fee 0: no reserve price.
    assert.equal(calcExcessBlobGas(parent(0n, 7n * BLOB, 0n), "Osaka"), BLOB);
    // A large excess makes blobs dear: blob price 131072 * fee(excess) vs 8192 * 7 wei.
    const dear = parent(100n * BLOB, 7n * BLOB, 7n);
    assert.equal(calcExcessBlobGas(dear, "Osaka"), 101n * BLOB);
  });

  test("below the target the excess is zero even under the reserve price", () => {
    assert.equal(calcExcessBlobGas(parent(0n, 5n * BLOB, 1_000_000_000n), "Osaka"), 0n);
  });
});

describe("blob base fee of a header", () => {
  test("1 wei at zero excess; the fork's update fraction applies", () => {
    assert.equal(headerBlobBaseFee(parent(0n, 0n), "Cancun"), 1n);
    assert.equal(headerBlobBaseFee(parent(3338477n * 10n, 0n), "Cancun"), 22026n);
    assert.equal(headerBlobBaseFee(parent(5007716n * 10n, 0n), "Prague"), 22026n);
  });
});
