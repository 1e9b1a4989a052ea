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
import { spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { test } from "node:test";
import { ETHEREUM_TESTS, listJsonFiles, REPO_ROOT } from "../fixtures.js";

const HERE = join(REPO_ROOT, "packages", "node", "test", "conformance");
const CLI = join(REPO_ROOT, "packages", "node", "dist", "src", "cli", "main.js");
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

/** Lines of a list file, without blanks and # comments; empty if the file is absent. */
function readList(path: string): string[] {
  if (!existsSync(path)) return [];
  return readFileSync(path, "utf8")
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l.length > 0 && !l.startsWith("#"));
}

function failed(name: string, error: string): Entry[] {
  return [{ name, fork: "", pass: false, lastblockhash: "", error }];
}

/** Runs the CLI over `files` in WORKERS processes, giving each process a new file when it prints a line. */
async function runCli(files: string[]): Promise<Map<string, Entry[]>> {
  const results = new Map<string, Entry[]>();
  let next = 0;
  const worker = (): Promise<void> =>
    new Promise((resolve, reject) => {
      const child = spawn(process.execPath, [CLI, "blocktest"], { stdio: ["pipe", "pipe", "inherit"] });
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
            entries = failed("(output)", `unparsable line: ${line.slice(0, 200)}`);
          }
          results.set(file, entries);
          feed();
        }
      });
      child.on("error", reject);
      child.on("close", (code, signal) => {
        // Files handed over but never answered: the process died on them.
        for (const file of pending.splice(0)) results.set(file, failed("(process)", `blocktest exited with ${signal ?? code}`));
        resolve();
      });
      feed();
    });
  await Promise.all(Array.from({ length: WORKERS }, worker));
  return results;
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
  const results = await runCli(files);
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

  const known = new Set(readList(join(HERE, KNOWN)));
  const unexpected = failures.filter((f) => !known.has(f.id)).map((f) => f.id);
  const failing = new Set(failures.map((f) => f.id));
  const stale = [...known].filter((id) => !failing.has(id));
  for (const id of stale) console.log(`  listed in ${KNOWN} but ${passing.has(id) ? "passes now" : "not run"}: ${id}`);
  assert.deepEqual(unexpected, [], `${unexpected.length} BlockchainTests fail that are not in ${KNOWN}`);
  assert.deepEqual(stale, [], `${stale.length} tests of ${KNOWN} no longer fail: remove them from the list`);
});
