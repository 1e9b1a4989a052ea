/**
 * cli/statetest: `cairn statetest [--fork F] [--trace] [--timeout S] FILE...`, the state-test
 * runner of DESIGN.md. With no FILE it reads file paths from stdin, one per line. For each file
 * it prints one line to stdout: a JSON array with one {"name","index","fork","pass","stateRoot",
 * "error"} per post[fork][i] entry. Exit status 0 if and only if every printed entry passed.
 *
 * An entry passes when the post-state root equals post.hash and keccak256(rlp(logs)) equals
 * post.logs; an entry with expectException passes when the transaction is rejected (and the
 * state, unchanged, has the expected root).
 *
 * Forks: every entry of the selected forks is printed. `--fork F` selects F only (an alias such
 * as Merge is accepted); without it every fork in the file is selected. An entry whose fork the
 * EVM does not implement (or that Cairn does not know, such as transition forks) is printed
 * with pass=false and error "unsupported fork": the command reports what it could not check
 * instead of hiding it, and runners that target one fork pass --fork.
 *
 * Bad input (unreadable file, malformed JSON, missing or absurd fields) becomes a failed entry
 * with the reason in "error" (index -1 when no post entry can be named); nothing crashes.
 * Execution is bounded by gas, and a file is also bounded in time: files run in a worker
 * thread, and one still running after `--timeout` seconds (default 3600, 0 = no limit and no
 * worker) is stopped and reported as a failed entry.
 *
 * `--trace` writes EIP-3155 lines to stderr, one per instruction, then one summary line per
 * entry: {"stateRoot","output","gasUsed","pass","name","index","fork","error"}.
 */
import { parseFork } from "../params/index.js";
import { GuardedRunner, inputPaths } from "./file-worker.js";
import { fileErrorEntry, type RunnerOptions, type StateTestEntry } from "./statetest-entry.js";

export type { StateTestEntry } from "./statetest-entry.js";

const USAGE = "usage: cairn statetest [--fork F] [--trace] [--timeout S] FILE...   (no FILE: paths on stdin, one per line)\n";
const DEFAULT_TIMEOUT_SECONDS = 3600;

interface CommandOptions {
  runner: RunnerOptions;
  /** Seconds one file may run; 0 runs files inline without a limit. */
  timeout: number;
}

function parseArgs(args: string[]): { options: CommandOptions; files: string[] } | string {
  const options: CommandOptions = { runner: { fork: undefined, trace: false }, timeout: DEFAULT_TIMEOUT_SECONDS };
  const files: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const eq = a.indexOf("=");
    const name = a.startsWith("--") && eq > 0 ? a.slice(0, eq) : a;
    const value = (): string | undefined => (eq > 0 && a.startsWith("--") ? a.slice(eq + 1) : args[++i]);
    if (name === "--trace") options.runner.trace = true;
    else if (name === "--fork") {
      const v = value();
      if (v === undefined) return "--fork needs a fork name";
      const fork = parseFork(v);
      if (fork === undefined) return `unknown fork '${v}'`;
      options.runner.fork = fork;
    } else if (name === "--timeout") {
      const v = value();
      if (v === undefined || !/^[0-9]{1,7}$/.test(v)) return "--timeout needs a whole number of seconds";
      options.timeout = Number(v);
    } else if (name === "--help" || name === "-h") return "";
    else if (name.startsWith("--")) return `unknown option '${a}'`;
    else files.push(a);
  }
  return { options, files };
}

export async function runStateTest(args: string[]): Promise<number> {
  const parsed = parseArgs(args);
  if (typeof parsed === "string") {
    process.stderr.write(parsed === "" ? USAGE : `cairn statetest: ${parsed}\n${USAGE}`);
    return parsed === "" ? 0 : 2;
  }
  const { runner: runnerOptions, timeout } = parsed.options;
  // The runner (and with it the EVM) is loaded here only when files run inline.
  const inline = timeout === 0 ? new (await import("./statetest-runner.js")).StateTestRunner(runnerOptions) : undefined;
  const guarded =
    timeout === 0
      ? undefined
      : new GuardedRunner<StateTestEntry>(
          new URL("./statetest-worker.js", import.meta.url),
          runnerOptions,
          timeout * 1000,
          (path, error) => [fileErrorEntry(path, runnerOptions.fork, error)],
        );
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
