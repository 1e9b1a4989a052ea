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
import { spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { test } from "node:test";
import { FIXTURES_ROOT, listJsonFiles, REPO_ROOT } from "../fixtures.js";

const HERE = join(REPO_ROOT, "packages", "node", "test", "conformance");
const CLI = join(REPO_ROOT, "packages", "node", "dist", "src", "cli", "main.js");
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

interface FileResult {
  file: string;
  entries: Entry[];
}

/** Lines of a list file, without blanks and # comments; empty if the file is absent. */
function readList(path: string): string[] {
  if (!existsSync(path)) return [];
  return readFileSync(path, "utf8")
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l.length > 0 && !l.startsWith("#"));
}

/** Runs the CLI over `files` in WORKERS processes, giving each process a new file when it prints a line. */
async function runCli(files: string[], fork: string): Promise<FileResult[]> {
  const results: FileResult[] = [];
  let next = 0;
  const worker = (): Promise<void> =>
    new Promise((resolve, reject) => {
      const child = spawn(process.execPath, [CLI, "statetest", "--fork", fork], { stdio: ["pipe", "pipe", "inherit"] });
      const pending: string[] = [];
      let buffered = "";
      const feed = (): void => {
        if (next < files.length) {
          const f = files[next++]!;
          pending.push(f);
          child.stdin.write(`${f}\n`);
        } else {
          child.stdin.end();
        }
      };
      child.stdout.setEncoding("utf8");
      child.stdout.on("data", (chunk: string) => {
        buffered += chunk;
        for (let nl = buffered.indexOf("\n"); nl >= 0; nl = buffered.indexOf("\n")) {
          const line = buffered.slice(0, nl);
          buffered = buffered.slice(nl + 1);
          const file = pending.shift();
          if (file === undefined) {
            reject(new Error(`unexpected output line: ${line.slice(0, 200)}`));
            return;
          }
          let entries: Entry[];
          try {
            entries = JSON.parse(line) as Entry[];
          } catch {
            entries = [{ name: "(output)", index: -1, fork, pass: false, stateRoot: "", error: `unparsable line: ${line.slice(0, 200)}` }];
          }
          results.push({ file, entries });
          feed();
        }
      });
      child.on("error", reject);
      child.on("close", (code, signal) => {
        // Files handed over but never answered: the process died on them.
        for (const file of pending.splice(0)) {
          results.push({
            file,
            entries: [{ name: "(process)", index: -1, fork, pass: false, stateRoot: "", error: `statetest exited with ${signal ?? code}` }],
          });
        }
        resolve();
      });
      feed();
    });
  await Promise.all(Array.from({ length: WORKERS }, worker));
  return results;
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
  const slow = new Set(process.env.CAIRN_SLOW_STATETESTS === "1" ? [] : readList(join(HERE, slowFile)));
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
  const results = await runCli(files, fork);
  const seconds = ((Date.now() - started) / 1000).toFixed(1);

  let passed = 0;
  const failures: { id: string; error: string }[] = [];
  const passing = new Set<string>();
  for (const { file, entries } of results) {
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

  const known = new Set(readList(join(HERE, knownFile)));
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
