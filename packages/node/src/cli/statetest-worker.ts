/**
 * cli/statetest-worker: the worker thread of `cairn statetest`. Runs the files the command
 * posts, one at a time, and posts back each file's entries; running in a worker lets the
 * command stop a file that exceeds its time limit (statetest.ts).
 */
import { parentPort, workerData } from "node:worker_threads";
import type { RunnerOptions } from "./statetest-entry.js";
import { StateTestRunner } from "./statetest-runner.js";

const port = parentPort;
if (port !== null) {
  const runner = new StateTestRunner(workerData as RunnerOptions);
  port.on("message", (path: string) => {
    port.postMessage(runner.runFile(path));
  });
  // Loading the modules (and the KZG setup) is not part of any file's time.
  port.postMessage("ready");
}
