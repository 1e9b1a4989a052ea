/**
 * cli/file-worker: what the fixture-running commands (statetest, blocktest) share. Each runs
 * fixture files one at a time in a worker thread, so a file that runs past its time limit (or
 * kills the worker) is stopped and reported as a failed entry while the next file gets a fresh
 * worker; and each takes its files from the command line or, with none, from stdin one path a
 * line. The worker side answers "ready" once its modules are loaded (loading is not part of any
 * file's time), then one message per posted path.
 */
import { createInterface } from "node:readline";
import { parentPort, Worker } from "node:worker_threads";

/** Runs files one at a time in a worker thread, replaced when a file overruns or kills it. */
export class GuardedRunner<E> {
  private worker: Promise<Worker> | undefined;
  private current: Worker | undefined;

  /**
   * @param script the worker module (it calls `serveFiles`)
   * @param failure the entries that stand for a file the worker could not answer for
   */
  constructor(
    private readonly script: URL,
    private readonly workerData: unknown,
    private readonly timeoutMs: number,
    private readonly failure: (path: string, error: string) => E[],
  ) {}

  /** The worker, started and ready; a new one if the last was discarded. */
  private ready(): Promise<Worker> {
    if (this.worker !== undefined) return this.worker;
    const worker = new Worker(this.script, { workerData: this.workerData });
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

  async run(path: string): Promise<E[]> {
    let worker: Worker;
    try {
      worker = await this.ready();
    } catch (e) {
      this.discard();
      return this.failure(path, `runner failed to start: ${e instanceof Error ? e.message : String(e)}`);
    }
    return new Promise((resolve) => {
      const done = (entries: E[], discard: boolean): void => {
        clearTimeout(timer);
        worker.off("message", onMessage);
        worker.off("error", onError);
        worker.off("exit", onExit);
        if (discard) this.discard();
        resolve(entries);
      };
      const onMessage = (entries: E[]): void => done(entries, false);
      const onError = (e: Error): void => done(this.failure(path, `runner failed: ${e.message}`), true);
      const onExit = (code: number): void => done(this.failure(path, `runner exited with ${code}`), true);
      const timer = setTimeout(() => done(this.failure(path, `timed out after ${this.timeoutMs / 1000} s`), true), this.timeoutMs);
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

/** The worker side: announces readiness, then answers each posted path with `runFile(path)`. */
export function serveFiles(runFile: (path: string) => unknown): void {
  const port = parentPort;
  if (port === null) return;
  port.on("message", (path: string) => {
    port.postMessage(runFile(path));
  });
  port.postMessage("ready");
}

/** The files named on the command line, or else the non-empty lines of stdin. */
export async function* inputPaths(files: readonly string[]): AsyncGenerator<string> {
  if (files.length > 0) {
    yield* files;
    return;
  }
  const lines = createInterface({ input: process.stdin, crlfDelay: Number.POSITIVE_INFINITY });
  for await (const line of lines) {
    const path = line.trim();
    if (path.length > 0) yield path;
  }
}
