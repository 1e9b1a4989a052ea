/**
 * cli/blocktest: `cairn blocktest [--timeout S] FILE...`, the blockchain-test runner of
 * DESIGN.md. With no FILE it reads file paths from stdin, one per line. For each file it prints
 * one line to stdout: a JSON array with one {"name","fork","pass","lastblockhash","error"} per
 * test ("fork" is the test's network). Exit status 0 if and only if every printed test passed.
 *
 * A test passes when the genesis built from its `pre` has the fixture's genesis hash, every
 * block without `expectException` is imported and every block with it is rejected, the head is
 * `lastblockhash`, and the head's state is `postState` (blocktest-runner.ts).
 *
 * Bad input (unreadable file, malformed JSON, missing or absurd fields) becomes a failed entry
 * with the reason in "error"; nothing crashes. Files run in a worker thread, and one still
 * running after `--timeout` seconds (default 3600, 0 = no limit and no worker) is stopped and
 * reported as a failed entry.
 */
import { type BlockTestEntry, fileErrorEntry } from "./blocktest-entry.js";
import { GuardedRunner, inputPaths } from "./file-worker.js";

export type { BlockTestEntry } from "./blocktest-entry.js";

const USAGE = "usage: cairn blocktest [--timeout S] FILE...   (no FILE: paths on stdin, one per line)\n";
const DEFAULT_TIMEOUT_SECONDS = 3600;

function parseArgs(args: string[]): { timeout: number; files: string[] } | string {
  let timeout = DEFAULT_TIMEOUT_SECONDS;
  const files: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const eq = a.indexOf("=");
    const name = a.startsWith("--") && eq > 0 ? a.slice(0, eq) : a;
    if (name === "--timeout") {
      const v = eq > 0 ? a.slice(eq + 1) : args[++i];
      if (v === undefined || !/^[0-9]{1,7}$/.test(v)) return "--timeout needs a whole number of seconds";
      timeout = Number(v);
    } else if (name === "--help" || name === "-h") return "";
    else if (name.startsWith("--")) return `unknown option '${a}'`;
    else files.push(a);
  }
  return { timeout, files };
}

export async function runBlockTest(args: string[]): Promise<number> {
  const parsed = parseArgs(args);
  if (typeof parsed === "string") {
    process.stderr.write(parsed === "" ? USAGE : `cairn blocktest: ${parsed}\n${USAGE}`);
    return parsed === "" ? 0 : 2;
  }
  const { timeout } = parsed;
  // The runner (and with it the EVM) is loaded here only when files run inline.
  const inline = timeout === 0 ? new (await import("./blocktest-runner.js")).BlockTestRunner() : undefined;
  const guarded =
    timeout === 0
      ? undefined
      : new GuardedRunner<BlockTestEntry>(new URL("./blocktest-worker.js", import.meta.url), undefined, timeout * 1000, (path, error) => [
          fileErrorEntry(path, error),
        ]);
  let allPassed = true;
  try {
    for await (const path of inputPaths(parsed.files)) {
      const entries = inline !== undefined ? inline.runFile(path) : await guarded!.run(path);
      for (const e of entries) if (!e.pass) allPassed = false;
      process.stdout.write(`${JSON.stringify(entries)}\n`);
    }
  } finally {
    guarded?.close();
  }
  return allPassed ? 0 : 1;
}
