/**
 * cli/bench-rpc tests: the whole `cairn bench rpc` in a tiny configuration (two clients, a few
 * hundred milliseconds per method): both servers start, get the same state, answer the read
 * methods identically, mine every pre-signed transaction, and the report has a row per method.
 * No assertion on any timing.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { findAnvil } from "./anvil-binary.js";
import { formatRpcReport, RPC_METHODS, runRpcBench } from "./bench-rpc.js";

const anvil = findAnvil();

test("bench rpc: tiny run compares Cairn and anvil on every method", {
  skip: "reason" in anvil ? anvil.reason : false,
  timeout: 180_000,
}, async () => {
  const report = await runRpcBench({
    durationMs: 200,
    warmupMs: 50,
    clients: 2,
    txsPerClient: 10,
    holders: 4,
    transfers: 4,
    methods: [...RPC_METHODS],
  });
  assert.deepEqual(
    report.results.map((m) => m.method),
    [...RPC_METHODS],
  );
  // deploy + mint + one funding per client + transfers, one block each
  assert.equal(report.blocks, 1 + 1 + 2 + 4);
  assert.match(report.anvilVersion, /^anvil/);
  assert.match(report.cairnVersion, /^cairn/);
  for (const m of report.results) {
    if (m.skipped !== undefined) {
      // Only a method Cairn does not serve yet may be skipped.
      assert.match(m.skipped, /not served by cairn/, m.method);
      continue;
    }
    assert.ok(m.cairn !== undefined && m.anvil !== undefined, m.method);
    assert.ok(m.cairn.requests > 0 && m.anvil.requests > 0, m.method);
    assert.equal(m.cairn.errors, 0, `${m.method}: ${m.cairn.firstError}`);
    assert.equal(m.anvil.errors, 0, `${m.method}: ${m.anvil.firstError}`);
    if (m.method === "eth_sendRawTransaction") {
      // 10 per client, the first one warms up: 9 timed per client
      assert.equal(m.cairn.requests, 18);
      assert.equal(m.anvil.requests, 18);
    } else {
      assert.ok(m.compared > 0, m.method);
      assert.deepEqual(m.mismatches, [], m.method);
    }
  }
  assert.ok(
    report.results.some((m) => m.method === "eth_call" && m.skipped === undefined),
    "eth_call is always timed",
  );
  const table = formatRpcReport(report);
  assert.match(table, /^JSON-RPC \(cairn/);
  assert.match(table, /\| method \| Cairn req\/s \| anvil req\/s \| Cairn\/anvil \|/);
  for (const method of RPC_METHODS) assert.match(table, new RegExp(`^\\| ${method} \\|`, "m"));
});
