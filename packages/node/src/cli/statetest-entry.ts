/**
 * cli/statetest-entry: the record `cairn statetest` prints per post entry, and the options the
 * runner takes. Kept apart from the runner so the command's main thread can name them without
 * loading the EVM (the runner itself loads in the worker thread).
 */
import type { Fork } from "../params/index.js";

export interface StateTestEntry {
  name: string;
  index: number;
  fork: string;
  pass: boolean;
  stateRoot: string;
  error: string | null;
}

/** A failed entry that stands for a whole file (index -1: no post entry can be named). */
export function fileErrorEntry(path: string, fork: string | undefined, error: string): StateTestEntry {
  return { name: path, index: -1, fork: fork ?? "", pass: false, stateRoot: "", error };
}

export interface RunnerOptions {
  fork: Fork | undefined;
  trace: boolean;
}
