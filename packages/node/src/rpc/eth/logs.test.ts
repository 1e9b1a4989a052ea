import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { Chain } from "../../chain/index.js";
import { RpcError } from "../errors.js";
import type { FilterCriteria } from "./filter-criteria.js";
import { checkLiveLogRange, resolveLogRange, withinFilterBounds } from "./logs.js";

/** resolveLogRange reads only the head number. */
const chainAt = (head: bigint) => ({ head: { header: { number: head } } }) as unknown as Chain;
const range = (fromBlock?: FilterCriteria["fromBlock"], toBlock?: FilterCriteria["toBlock"]): FilterCriteria => ({
  fromBlock,
  toBlock,
  addresses: [],
  topics: [],
});

function rejects(f: () => unknown, code: number, message: string): void {
  assert.throws(f, (e: unknown) => e instanceof RpcError && e.code === code && e.message === message);
}

describe("log query ranges (geth's eth/filters rules)", () => {
  const chain = chainAt(10n);

  test("absent bounds and tags resolve against the head; earliest is genesis", () => {
    assert.deepEqual(resolveLogRange(chain, range()), { from: 10n, to: 10n });
    assert.deepEqual(resolveLogRange(chain, range("earliest")), { from: 0n, to: 10n });
    assert.deepEqual(resolveLogRange(chain, range(3n, "safe")), { from: 3n, to: 10n });
    assert.deepEqual(resolveLogRange(chain, range("finalized", 10n)), { from: 10n, to: 10n });
  });

  test("reversed, future and pending ranges answer geth's errors", () => {
    rejects(() => resolveLogRange(chain, range(5n, 4n)), -32602, "invalid block range params");
    rejects(() => resolveLogRange(chain, range(11n, "latest")), -32602, "invalid block range params");
    rejects(() => resolveLogRange(chain, range(9n, 11n)), -32602, "block range extends beyond current head block");
    rejects(() => resolveLogRange(chain, range(20n, 30n)), -32602, "block range extends beyond current head block");
    rejects(() => resolveLogRange(chain, range("pending")), -32000, "pending logs are not supported");
    rejects(() => resolveLogRange(chain, range(1n, "pending")), -32000, "pending logs are not supported");
  });

  test("a configured range limit bounds the number of blocks (--rpc.rangelimit); none by default", () => {
    assert.deepEqual(resolveLogRange(chain, range(1n, 10n), { rangeLimit: 10n }), { from: 1n, to: 10n });
    rejects(() => resolveLogRange(chain, range(0n, 10n), { rangeLimit: 10n }), -32602, "exceed maximum block range: 10");
    assert.deepEqual(resolveLogRange(chainAt(1_000_000n), range(0n)), { from: 0n, to: 1_000_000n });
  });

  test("live filters: numbers bound, tags do not; earliest, safe and pending are refused", () => {
    assert.equal(checkLiveLogRange(range()), undefined);
    assert.equal(checkLiveLogRange(range(3n)), undefined);
    assert.equal(checkLiveLogRange(range(3n, 5n)), undefined);
    assert.equal(checkLiveLogRange(range(5n, 3n))?.message, "invalid block range params");
    assert.equal(checkLiveLogRange(range("earliest"))?.message, "invalid block range params");
    assert.equal(checkLiveLogRange(range("latest", "safe"))?.message, "invalid block range params");
    assert.equal(checkLiveLogRange(range("pending"))?.message, "pending logs are not supported");
    assert.equal(withinFilterBounds(range(3n, 5n), 2n), false);
    assert.equal(withinFilterBounds(range(3n, 5n), 5n), true);
    assert.equal(withinFilterBounds(range(3n, 5n), 6n), false);
    assert.equal(withinFilterBounds(range("latest", "latest"), 99n), true);
  });
});
