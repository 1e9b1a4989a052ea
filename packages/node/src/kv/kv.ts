/**
 * kv/kv: the key-value database port. Everything persistent in Cairn (trie nodes, headers,
 * bodies, receipts, indexes) goes through this interface; `chain` owns the layout of keys.
 *
 * Shape chosen for the node's needs:
 * - reads are synchronous (LMDB reads are memory-mapped, so no promise per lookup);
 * - writes are atomic batches: a block and everything derived from it is one `write` call,
 *   which the LMDB backend turns into one transaction;
 * - keys are byte strings ordered lexicographically (shorter prefix first), so a range scan
 *   over a big-endian number prefix walks numbers in order.
 * Empty keys are rejected by every backend (LMDB cannot store them), so tests over the memory
 * backend catch what production would reject.
 * Arrays returned by `get` and `iterate` belong to the caller but must be treated as read-only
 * when they come from the memory backend (it hands out its stored arrays, not copies).
 */
import { KvError } from "./errors.js";

export interface KvPut {
  type: "put";
  key: Uint8Array;
  value: Uint8Array;
}

export interface KvDel {
  type: "del";
  key: Uint8Array;
}

export type KvOp = KvPut | KvDel;

export interface KvEntry {
  key: Uint8Array;
  value: Uint8Array;
}

/** A key range: `gte` inclusive lower bound, `lt` exclusive upper bound, both optional. */
export interface KvRange {
  gte?: Uint8Array;
  lt?: Uint8Array;
  /** Descending key order (still within [gte, lt)). */
  reverse?: boolean;
  /** At most this many entries. */
  limit?: number;
}

export interface KvReader {
  get(key: Uint8Array): Uint8Array | undefined;
  has(key: Uint8Array): boolean;
  /**
   * Entries in key order within the range; lazy, so breaking out early is cheap. On LMDB an
   * unfinished iterator holds a read snapshot open: finish or break out of it promptly.
   */
  iterate(range?: KvRange): Iterable<KvEntry>;
}

export interface KvStore extends KvReader {
  /** Applies every op or none. Later ops on the same key win. */
  write(ops: readonly KvOp[]): void;
  /** Releases the database; resolves once pending work is done. Further use throws KvError. */
  close(): Promise<void>;
}

export function assertKey(key: Uint8Array): void {
  if (!(key instanceof Uint8Array)) throw new KvError("key must be a Uint8Array");
  if (key.length === 0) throw new KvError("empty keys are not allowed");
}

export function assertValue(value: Uint8Array): void {
  if (!(value instanceof Uint8Array)) throw new KvError("value must be a Uint8Array");
}
