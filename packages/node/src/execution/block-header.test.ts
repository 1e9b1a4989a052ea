import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { GAS_PER_BLOB } from "../params/index.js";
import type { Hash32 } from "../primitives/index.js";
import { type Header, type SealedHeader, sealHeader } from "../types/index.js";
import { BlockBuilder } from "./block-builder.js";
import { type BlockValidationCode, BlockValidationError } from "./block-error.js";
import { gasLimitWithinBounds, MAX_GAS_LIMIT, nextGasLimit, validateHeader } from "./block-header.js";
import { childAttributes, childContext, GAS_LIMIT, requestContracts, stateAt, type TestChain, testChain } from "./block-testing.js";

const chain = testChain("Cancun", []);

/** A valid empty child of `parent`, built by the builder. */
function child(c: TestChain = chain, parent: SealedHeader = c.genesis): Header {
  return new BlockBuilder(stateAt(c, parent), childContext(c, parent), childAttributes(c, parent)).finish().block.header.header;
}

const valid = child();

function rejects(change: Partial<Header>, code: BlockValidationCode, parent: SealedHeader = chain.genesis): void {
  assert.throws(
    () => validateHeader(chain.spec, parent, { ...valid, ...change }),
    (e: unknown) => e instanceof BlockValidationError && e.code === code,
    `expected ${code}`,
  );
}

describe("validateHeader", () => {
  test("a header built on its parent passes and names its fork", () => {
    assert.equal(validateHeader(chain.spec, chain.genesis, valid), "Cancun");
  });

  test("parent, number and timestamp", () => {
    rejects({ parentHash: new Uint8Array(32).fill(1) as Hash32 }, "UNKNOWN_PARENT");
    rejects({ number: 2n }, "INVALID_BLOCK_NUMBER");
    rejects({ number: 0n }, "INVALID_BLOCK_NUMBER");
    rejects({ timestamp: chain.genesis.header.timestamp }, "INVALID_BLOCK_TIMESTAMP_OLDER_THAN_PARENT");
    rejects({ timestamp: chain.genesis.header.timestamp - 1n }, "INVALID_BLOCK_TIMESTAMP_OLDER_THAN_PARENT");
  });

  test("gas limit moves by less than 1/1024 of the parent's, stays >= 5000 and <= 2^63 - 1", () => {
    const step = GAS_LIMIT / 1024n;
    assert.equal(validateHeader(chain.spec, chain.genesis, { ...valid, gasLimit: GAS_LIMIT + step - 1n }), "Cancun");
    assert.equal(validateHeader(chain.spec, chain.genesis, { ...valid, gasLimit: GAS_LIMIT - step + 1n }), "Cancun");
    rejects({ gasLimit: GAS_LIMIT + step }, "INVALID_GASLIMIT");
    rejects({ gasLimit: GAS_LIMIT - step }, "INVALID_GASLIMIT");
    rejects({ gasLimit: MAX_GAS_LIMIT + 1n }, "GASLIMIT_TOO_BIG");
    assert.equal(gasLimitWithinBounds(5120n, 5116n), true);
    assert.equal(gasLimitWithinBounds(5120n, 5115n), false);
    // A move of 1 is allowed from 4000 (4000 / 1024 = 3), but 5000 is the floor.
    assert.equal(gasLimitWithinBounds(4000n, 3999n), false);
  });

  test("gas used at most the gas limit", () => {
    rejects({ gasUsed: valid.gasLimit + 1n }, "GAS_USED_OVERFLOW");
  });

  test("extra data at most 32 bytes", () => {
    assert.equal(validateHeader(chain.spec, chain.genesis, { ...valid, extraData: new Uint8Array(32) }), "Cancun");
    rejects({ extraData: new Uint8Array(33) }, "EXTRA_DATA_TOO_BIG");
  });

  test("base fee follows the parent (EIP-1559)", () => {
    rejects({ baseFeePerGas: valid.baseFeePerGas! + 1n }, "INVALID_BASEFEE_PER_GAS");
    // A full parent raises the child's base fee by 1/8.
    const full = sealHeader({ ...valid, gasUsed: valid.gasLimit });
    const next = child(chain, full);
    assert.equal(next.baseFeePerGas, full.header.baseFeePerGas! + full.header.baseFeePerGas! / 8n);
    assert.equal(validateHeader(chain.spec, full, next), "Cancun");
  });

  test("post-Merge: difficulty 0, nonce 0, no ommers (EIP-3675)", () => {
    rejects({ difficulty: 1n }, "IMPORT_IMPOSSIBLE_DIFFICULTY_OVER_PARIS");
    rejects({ nonce: Uint8Array.of(0, 0, 0, 0, 0, 0, 0, 1) }, "INVALID_NONCE");
    rejects({ ommersHash: new Uint8Array(32) as Hash32 }, "IMPORT_IMPOSSIBLE_UNCLES_OVER_PARIS");
  });

  test("the fork's header fields, and no later fork's", () => {
    rejects({ withdrawalsRoot: undefined }, "INCORRECT_BLOCK_FORMAT");
    rejects({ parentBeaconBlockRoot: undefined }, "INCORRECT_BLOCK_FORMAT");
    rejects({ requestsHash: new Uint8Array(32) as Hash32 }, "INCORRECT_BLOCK_FORMAT");
  });

  test("blob gas used and excess blob gas (EIP-4844)", () => {
    assert.equal(validateHeader(chain.spec, chain.genesis, { ...valid, blobGasUsed: 6n * GAS_PER_BLOB }), "Cancun");
    rejects({ blobGasUsed: 7n * GAS_PER_BLOB }, "BLOB_GAS_USED_ABOVE_LIMIT");
    rejects({ blobGasUsed: GAS_PER_BLOB + 1n }, "INCORRECT_BLOB_GAS_USED");
    rejects({ excessBlobGas: 1n }, "INCORRECT_EXCESS_BLOB_GAS");
    // A parent with six blobs leaves three blobs' worth of excess (target three).
    const blobby = sealHeader({ ...valid, blobGasUsed: 6n * GAS_PER_BLOB });
    const next = child(chain, blobby);
    assert.equal(next.excessBlobGas, 3n * GAS_PER_BLOB);
    assert.equal(validateHeader(chain.spec, blobby, next), "Cancun");
  });

  test("blocks before the Merge are refused", () => {
    const london = testChain("London", []);
    assert.throws(
      () => validateHeader(london.spec, london.genesis, { ...valid, parentHash: london.genesis.hash }),
      (e: unknown) => e instanceof BlockValidationError && e.code === "UNSUPPORTED_FORK",
    );
  });

  test("Prague headers carry a requests hash", () => {
    const prague = testChain("Prague", requestContracts());
    const h = child(prague);
    assert.ok(h.requestsHash !== undefined);
    assert.equal(validateHeader(prague.spec, prague.genesis, h), "Prague");
    assert.throws(
      () => validateHeader(prague.spec, prague.genesis, { ...h, requestsHash: undefined }),
      (e: unknown) => e instanceof BlockValidationError && e.code === "INCORRECT_BLOCK_FORMAT",
    );
  });
});

describe("nextGasLimit", () => {
  test("moves one step towards the desired limit and stays within bounds", () => {
    const parent = 30_000_000n;
    const up = nextGasLimit(parent, 60_000_000n);
    assert.equal(up, parent + parent / 1024n - 1n);
    assert.ok(gasLimitWithinBounds(parent, up));
    const down = nextGasLimit(parent, 1n);
    assert.equal(down, parent - parent / 1024n + 1n);
    assert.ok(gasLimitWithinBounds(parent, down));
    assert.equal(nextGasLimit(parent, parent + 5n), parent + 5n);
    assert.equal(nextGasLimit(5000n, 1n), 5000n);
  });
});
