/**
 * Conformance: the blockchain tests of ethereum/tests (BlockchainTests/ValidBlocks and
 * InvalidBlocks), run through the compiled `cairn blocktest` command exactly as a user would
 * run it. Two child processes (the machine has two cores) are fed fixture paths on stdin, one
 * at a time as each finishes the previous file, and their JSON lines are collected.
 *
 * The committed known-failures list (`file:name` per line, file relative to BlockchainTests)
 * can only shrink: the test fails on any failing test not in the list, and on any listed test
 * that now passes or no longer exists.
 */
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { join, relative } from "node:path";
import { test } from "node:test";
import { ETHEREUM_TESTS, listJsonFiles } from "../fixtures.js";
import { CLI, CONFORMANCE_DIR, readList, runCliPool } from "./cli-pool.js";

const ROOT = join(ETHEREUM_TESTS, "BlockchainTests");
const KNOWN = "blocktest-known-failures.txt";
const WORKERS = 2;
const MAX_LISTED = 40;

interface Entry {
  name: string;
  fork: string;
  pass: boolean;
  lastblockhash: string;
  error: string | null;
}

function failed(name: string, error: string): Entry[] {
  return [{ name, fork: "", pass: false, lastblockhash: "", error }];
}

test("BlockchainTests (ValidBlocks, InvalidBlocks) through `cairn blocktest`", { timeout: 30 * 60_000 }, async () => {
  if (!existsSync(CLI)) {
    console.log(`skipped: BlockchainTests: ${CLI} is not built`);
    return;
  }
  if (!existsSync(ROOT)) {
    console.log(`skipped: BlockchainTests: fixture folder ${ROOT} is not present`);
    return;
  }
  const files = ["ValidBlocks", "InvalidBlocks"].flatMap((d) => (existsSync(join(ROOT, d)) ? listJsonFiles(join(ROOT, d)) : []));
  const started = Date.now();
  const results = await runCliPool(["blocktest"], files, failed, WORKERS);
  const seconds = ((Date.now() - started) / 1000).toFixed(1);

  let passed = 0;
  const failures: { id: string; error: string }[] = [];
  const passing = new Set<string>();
  for (const file of files) {
    const rel = relative(ROOT, file);
    for (const e of results.get(file) ?? failed("(missing)", "no output for this file")) {
      const id = `${rel}:${e.name}`;
      if (e.pass) {
        passed++;
        passing.add(id);
      } else {
        failures.push({ id, error: e.error ?? "" });
      }
    }
  }
  // Nothing is skipped: every test of every file runs.
  console.log(`BlockchainTests: ${passed} passed, ${failures.length} failed, 0 skipped`);
  console.log(`BlockchainTests: ${files.length} files in ${seconds} s`);
  for (const f of failures.slice(0, MAX_LISTED)) console.log(`  FAIL ${f.id}: ${f.error.slice(0, 300)}`);
  if (failures.length > MAX_LISTED) console.log(`  ... and ${failures.length - MAX_LISTED} more`);

  const known = new Set(readList(join(CONFORMANCE_DIR, KNOWN)));
  const unexpected = failures.filter((f) => !known.has(f.id)).map((f) => f.id);
  const failing = new Set(failures.map((f) => f.id));
  const stale = [...known].filter((id) => !failing.has(id));
  for (const id of stale) console.log(`  listed in ${KNOWN} but ${passing.has(id) ? "passes now" : "not run"}: ${id}`);
  assert.deepEqual(unexpected, [], `${unexpected.length} BlockchainTests fail that are not in ${KNOWN}`);
  assert.deepEqual(stale, [], `${stale.length} tests of ${KNOWN} no longer fail: remove them from the list`);
});
