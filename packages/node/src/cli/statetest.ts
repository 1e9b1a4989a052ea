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
import { createInterface } from "node:readline";
import { Worker } from "node:worker_threads";
import { parseFork } from "../params/index.js";
import { fileErrorEntry, type RunnerOptions, type StateTestEntry } from "./statetest-entry.js";

export type { StateTestEntry } from "./statetest-entry.js";

const USAGE = "usage: cairn statetest [--fork F] [--trace] [--timeout S] FILE...   (no FILE: paths on stdin, one per line)\n";
const DEFAULT_TIMEOUT_SECONDS = 3600;

interface CommandOptions {
  runner: RunnerOptions;
  /** Seconds one file may run; 0 runs files inline without a limit. */
  timeout: number;
}

/** Runs files one at a time in a worker thread, replaced when a file overruns or kills it. */
class GuardedRunner {
  private worker: Promise<Worker> | undefined;
  private current: Worker | undefined;

  constructor(
    private readonly options: RunnerOptions,
    private readonly timeoutMs: number,
  ) {}

  /** The worker, started and ready; a new one if the last was discarded. */
  private ready(): Promise<Worker> {
    if (this.worker !== undefined) return this.worker;
    const worker = new Worker(new URL("./statetest-worker.js", import.meta.url), { workerData: this.options });
    this.worker = new Promise((resolve, reject) => {
      const onReady = (m: unknown): void => {
        if (m !== "ready") return;
        worker.off("message", onReady);
        worker.off("error", reject);
        resolve(worker);
      };
      worker.on("message", onReady);
      worker.once("error", reject);
    });
    this.current = worker;
    return this.worker;
  }

  async run(path: string): Promise<StateTestEntry[]> {
    let worker: Worker;
    try {
      worker = await this.ready();
    } catch (e) {
      this.discard();
      return [fileErrorEntry(path, this.options.fork, `runner failed to start: ${e instanceof Error ? e.message : String(e)}`)];
    }
    return new Promise((resolve) => {
      const done = (entries: StateTestEntry[], discard: boolean): void => {
        clearTimeout(timer);
        worker.off("message", onMessage);
        worker.off("error", onError);
        worker.off("exit", onExit);
        if (discard) this.discard();
        resolve(entries);
      };
      const onMessage = (entries: StateTestEntry[]): void => done(entries, false);
      const onError = (e: Error): void => done([fileErrorEntry(path, this.options.fork, `runner failed: ${e.message}`)], true);
      const onExit = (code: number): void => done([fileErrorEntry(path, this.options.fork, `runner exited with ${code}`)], true);
      const timer = setTimeout(
        () => done([fileErrorEntry(path, this.options.fork, `timed out after ${this.timeoutMs / 1000} s`)], true),
        this.timeoutMs,
      );
      worker.on("message", onMessage);
      worker.on("error", onError);
      worker.on("exit", onExit);
      worker.postMessage(path);
    });
  }

  private discard(): void {
    void this.current?.terminate();
    this.current = undefined;
    this.worker = undefined;
  }

  close(): void {
    this.discard();
  }
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
  const guarded = timeout === 0 ? undefined : new GuardedRunner(runnerOptions, timeout * 1000);
  let allPassed = true;
  const runOne = async (path: string): Promise<void> => {
    const entries = inline !== undefined ? inline.runFile(path) : await guarded!.run(path);
    for (const e of entries) if (!e.pass) allPassed = false;
    process.stdout.write(`${JSON.stringify(entries)}\n`);
  };
  try {
    if (parsed.files.length > 0) {
      for (const f of parsed.files) await runOne(f);
    } else {
      const lines = createInterface({ input: process.stdin, crlfDelay: Number.POSITIVE_INFINITY });
      for await (const line of lines) {
        const path = line.trim();
        if (path.length > 0) await runOne(path);
      }
    }
  } finally {
    guarded?.close();
  }
  return allPassed ? 0 : 1;
}
