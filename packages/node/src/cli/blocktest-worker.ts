/**
 * cli/blocktest-worker: the worker thread of `cairn blocktest`. Runs the files the command
 * posts, one at a time, and posts back each file's entries; running in a worker lets the
 * command stop a file that exceeds its time limit (blocktest.ts).
 */
import { BlockTestRunner } from "./blocktest-runner.js";
import { serveFiles } from "./file-worker.js";

const runner = new BlockTestRunner();
serveFiles((path) => runner.runFile(path));
