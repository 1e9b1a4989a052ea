/**
 * cli/bench-explorer tests: the whole `cairn bench explorer` in a tiny configuration (20 blocks,
 * 2 runs): the chain is built into a temp LMDB dir, served by a DevNode, and the report has the
 * shape the table needs. The built chain is checked through the node's own answers. No assertion
 * on any timing.
 */
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { Chain, searchHistory } from "../chain/index.js";
import { LmdbKv } from "../kv/index.js";
import { DEFAULT_DEV_MNEMONIC, devAccounts, devGenesis, ETHER } from "../node/index.js";
import { buildExplorerChain, formatExplorerReport, runExplorerBench, SUBJECT, TXS_PER_BLOCK } from "./bench-explorer.js";

test("bench explorer: a tiny chain is built, served and timed; the report has every row", { timeout: 120_000 }, async () => {
  const report = await runExplorerBench({ blocks: 20, runs: 2 });
  assert.equal(report.blocks, 20);
  assert.equal(report.transactions, 20 * TXS_PER_BLOCK);
  assert.equal(report.subjectTransactions, 10);
  // 10 transactions of the subject: all on the first page of 25, nothing older
  assert.equal(report.firstPageTxs, 10);
  assert.equal(report.firstPageLast, true);
  for (const t of [report.page, report.history, report.middlePage]) {
    assert.ok(Number.isFinite(t.firstMs) && Number.isFinite(t.medianMs) && Number.isFinite(t.p95Ms));
  }
  const table = formatExplorerReport(report);
  assert.match(table, /^Explorer address page/);
  assert.match(table, /^\| address page: 5 requests \|/m);
  assert.match(table, /^\| ots_searchTransactionsBefore\(subject, 10, 25\) \|/m);
});

test("bench explorer: the built chain is cairn dev's, with the subject's history indexed", { timeout: 120_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), "cairn-bench-explorer-test-"));
  try {
    const built = await buildExplorerChain(dir, 6);
    assert.deepEqual(built, { transactions: 30, subjectTransactions: 3 });
    const accounts = devAccounts(DEFAULT_DEV_MNEMONIC, 10);
    const kv = LmdbKv.open(dir);
    try {
      const chain = Chain.open(
        kv,
        devGenesis({ chainId: 31337n, fork: "Prague", accounts: accounts.map((a) => a.address), balance: 10_000n * ETHER }),
      );
      assert.equal(chain.head.header.number, 6n);
      const page = searchHistory(chain.kv, SUBJECT, { before: 0n }, 25);
      assert.deepEqual(
        page.entries.map((e) => [Number(e.blockNumber), e.index]),
        [
          [6, 0],
          [4, 0],
          [2, 0],
        ],
      );
      assert.equal(chain.stateAt(chain.head.header.stateRoot).getBalance(SUBJECT), 3n);
    } finally {
      await kv.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
