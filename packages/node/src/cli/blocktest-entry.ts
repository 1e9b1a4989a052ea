/**
 * cli/blocktest-entry: the record `cairn blocktest` prints per test. Kept apart from the
 * runner so the command's main thread can name it without loading the EVM (the runner itself
 * loads in the worker thread).
 */

export interface BlockTestEntry {
  name: string;
  /** the fixture's `network`: a fork or a transition such as ShanghaiToCancunAtTime15k */
  fork: string;
  pass: boolean;
  /** hash of the canonical head after every block was offered, 0x-prefixed; "" when none */
  lastblockhash: string;
  error: string | null;
}

/** A failed entry that stands for a whole file (no test in it can be named). */
export function fileErrorEntry(path: string, error: string): BlockTestEntry {
  return { name: path, fork: "", pass: false, lastblockhash: "", error };
}
