import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { Chain } from "../../chain/index.js";
import { RpcError } from "../errors.js";
import { DEFAULT_FILTER_TIMEOUT_MS, FilterManager } from "./filters.js";

describe("FilterManager", () => {
  test("geth's default timeout is five minutes", () => {
    assert.equal(DEFAULT_FILTER_TIMEOUT_MS, 300_000);
  });

  test("a filter not polled within the timeout is swept; polling keeps it alive", () => {
    let now = 0;
    const m = new FilterManager({} as Chain, { timeoutMs: 1000, now: () => now, sweep: false });
    const polled = m.newBlockFilter();
    const idle = m.newPendingTransactionFilter(false);
    now = 900;
    assert.deepEqual(m.changes(polled), []);
    now = 1000;
    assert.equal(m.sweep(), 1);
    assert.throws(
      () => m.changes(idle),
      (e: unknown) => e instanceof RpcError && e.code === -32000 && e.message === "filter not found",
    );
    now = 1899;
    assert.equal(m.sweep(), 0);
    assert.deepEqual(m.changes(polled), []);
    m.close();
    assert.equal(m.size, 0);
  });

  test("pending-transaction filters collect hashes, or whole transactions when asked", () => {
    const m = new FilterManager({} as Chain, { sweep: false });
    const hashes = m.newPendingTransactionFilter(false);
    const full = m.newPendingTransactionFilter(true);
    const logs = m.newLogFilter({ addresses: [], topics: [] });
    m.onPending([{ hash: "0x01", json: () => ({ hash: "0x01" }) }]);
    assert.deepEqual(m.changes(hashes), ["0x01"]);
    assert.deepEqual(m.changes(full), [{ hash: "0x01" }]);
    assert.deepEqual(m.changes(logs), []);
    assert.deepEqual(m.changes(hashes), []);
    assert.throws(
      () => m.criteria(hashes),
      (e: unknown) => e instanceof RpcError && e.message === "filter not found",
    );
    assert.equal(m.uninstall(full), true);
    assert.equal(m.uninstall(full), false);
    m.close();
  });
});
