/**
 * Conformance: the state tests, run through the compiled `cairn statetest` command exactly as a
 * user would run it. Two child processes (the machine has two cores) are fed fixture paths on
 * stdin, one at a time as each finishes the previous file, and their JSON lines are collected.
 *
 * - ethereum/tests GeneralStateTests with --fork Cancun (the target fork);
 * - execution-spec-tests Osaka state tests with --fork Osaka.
 *
 * Each suite has a committed known-failures list (`file:name:index` per line, file relative to
 * the suite's folder). The test fails on any failing entry not in the list, and on any listed
 * entry that now passes or no longer exists: the list can only shrink. Files in the slow list
 * (each takes longer than the whole suite on this machine) are skipped and counted, unless
 * CAIRN_SLOW_STATETESTS=1.
 */
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { test } from "node:test";
import { FIXTURES_ROOT, listJsonFiles } from "../fixtures.js";
import { CLI, CONFORMANCE_DIR, readList, runCliPool } from "./cli-pool.js";

const WORKERS = 2;
const MAX_LISTED = 40;

interface Entry {
  name: string;
  index: number;
  fork: string;
  pass: boolean;
  stateRoot: string;
  error: string | null;
}

function failedEntries(fork: string): (name: string, error: string) => Entry[] {
  return (name, error) => [{ name, index: -1, fork, pass: false, stateRoot: "", error }];
}

/** Number of post[fork] entries of a fixture file, read without running it. */
function countEntries(path: string, fork: string): number {
  const json = JSON.parse(readFileSync(path, "utf8")) as Record<string, { post?: Record<string, unknown[]> }>;
  let n = 0;
  for (const t of Object.values(json)) n += t.post?.[fork]?.length ?? 0;
  return n;
}

async function runSuite(label: string, root: string, fork: string, knownFile: string, slowFile: string): Promise<void> {
  if (!existsSync(CLI)) {
    console.log(`skipped: ${label}: ${CLI} is not built`);
    return;
  }
  if (!existsSync(root)) {
    console.log(`skipped: ${label}: fixture folder ${root} is not present`);
    return;
  }
  const slow = new Set(process.env.CAIRN_SLOW_STATETESTS === "1" ? [] : readList(join(CONFORMANCE_DIR, slowFile)));
  const all = listJsonFiles(root);
  const files = all.filter((f) => !slow.has(relative(root, f)));
  let skipped = 0;
  for (const f of all) {
    if (slow.has(relative(root, f))) {
      const n = countEntries(f, fork);
      skipped += n;
      console.log(`skipped (slow, set CAIRN_SLOW_STATETESTS=1 to run): ${relative(root, f)} (${n} entries)`);
    }
  }

  const started = Date.now();
  const results = await runCliPool(["statetest", "--fork", fork], files, failedEntries(fork), WORKERS);
  const seconds = ((Date.now() - started) / 1000).toFixed(1);

  let passed = 0;
  const failures: { id: string; error: string }[] = [];
  const passing = new Set<string>();
  for (const [file, entries] of results) {
    const rel = relative(root, file);
    for (const e of entries) {
      const id = `${rel}:${e.name}:${e.index}`;
      if (e.pass) {
        passed++;
        passing.add(id);
      } else {
        failures.push({ id, error: e.error ?? "" });
      }
    }
  }
  console.log(`${label} ${fork}: ${passed} passed, ${failures.length} failed, ${skipped} skipped (${files.length} files in ${seconds}s)`);
  for (const f of failures.slice(0, MAX_LISTED)) console.log(`  FAIL ${f.id}: ${f.error.slice(0, 300)}`);
  if (failures.length > MAX_LISTED) console.log(`  ... and ${failures.length - MAX_LISTED} more`);

  const known = new Set(readList(join(CONFORMANCE_DIR, knownFile)));
  const unexpected = failures.filter((f) => !known.has(f.id)).map((f) => f.id);
  const failing = new Set(failures.map((f) => f.id));
  const stale = [...known].filter((id) => !failing.has(id));
  for (const id of stale) console.log(`  listed in ${knownFile} but ${passing.has(id) ? "passes now" : "not run"}: ${id}`);
  assert.deepEqual(unexpected, [], `${unexpected.length} ${label} entries fail that are not in ${knownFile}`);
  assert.deepEqual(stale, [], `${stale.length} entries of ${knownFile} no longer fail: remove them from the list`);
}

test("GeneralStateTests (Cancun) through `cairn statetest`", { timeout: 30 * 60_000 }, async () => {
  await runSuite(
    "GeneralStateTests",
    join(FIXTURES_ROOT, "ethereum-tests", "GeneralStateTests"),
    "Cancun",
    "statetest-known-failures.txt",
    "statetest-slow.txt",
  );
});

test("execution-spec-tests Osaka state tests through `cairn statetest`", { timeout: 30 * 60_000 }, async () => {
  await runSuite(
    "eest-osaka",
    join(FIXTURES_ROOT, "eest-osaka"),
    "Osaka",
    "statetest-osaka-known-failures.txt",
    "statetest-osaka-slow.txt",
  );
});
