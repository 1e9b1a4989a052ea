/**
 * cli/statetest-worker: the worker thread of `cairn statetest`. Runs the files the command
 * posts, one at a time, and posts back each file's entries; running in a worker lets the
 * command stop a file that exceeds its time limit (statetest.ts).
 */
import { workerData } from "node:worker_threads";
import { serveFiles } from "./file-worker.js";
import type { RunnerOptions } from "./statetest-entry.js";
import { StateTestRunner } from "./statetest-runner.js";

const runner = new StateTestRunner(workerData as RunnerOptions);
serveFiles((path) => runner.runFile(path));
