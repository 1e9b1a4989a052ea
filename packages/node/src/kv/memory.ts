/**
 * kv/memory: an in-memory KvStore for tests and `--ephemeral` chains.
 * Point reads and writes go to a Map keyed by the key's latin1 string (one char per byte, so
 * JS string order equals byte order). The sorted key list that range scans need is rebuilt
 * lazily, merging only the keys added since the last scan, so write-heavy phases pay nothing
 * for ordering until someone iterates.
 */
import { KvError } from "./errors.js";
import { keyString } from "./key-string.js";
import type { KvEntry, KvOp, KvRange, KvStore } from "./kv.js";
import { assertKey, assertValue } from "./kv.js";

function stringKey(s: string): Uint8Array {
  const b = Buffer.from(s, "latin1");
  return new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
}

/** Index of the first element of the sorted array that is >= s. */
function lowerBound(sorted: readonly string[], s: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < s) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export class MemoryKv implements KvStore {
  private readonly map = new Map<string, Uint8Array>();
  /** Sorted keys as of the last scan; may contain deleted keys until the next rebuild. */
  private sorted: string[] = [];
  /** Keys inserted since the last rebuild (not in `sorted`). */
  private added: string[] = [];
  private removedSinceSort = false;
  private closed = false;

  get size(): number {
    return this.map.size;
  }

  get(key: Uint8Array): Uint8Array | undefined {
    this.assertOpen();
    assertKey(key);
    return this.map.get(keyString(key));
  }

  has(key: Uint8Array): boolean {
    this.assertOpen();
    assertKey(key);
    return this.map.has(keyString(key));
  }

  write(ops: readonly KvOp[]): void {
    this.assertOpen();
    // Validate everything first so a bad op leaves the store untouched (atomicity).
    for (const op of ops) {
      assertKey(op.key);
      if (op.type === "put") assertValue(op.value);
      else if (op.type !== "del") throw new KvError(`unknown op type ${(op as { type: unknown }).type}`);
    }
    for (const op of ops) {
      const k = keyString(op.key);
      if (op.type === "put") {
        if (!this.map.has(k)) this.added.push(k);
        // Copy: the caller may reuse its buffer after the write.
        this.map.set(k, op.value.slice());
      } else if (this.map.delete(k)) {
        this.removedSinceSort = true;
      }
    }
  }

  *iterate(range: KvRange = {}): Iterable<KvEntry> {
    this.assertOpen();
    if (range.gte) assertKey(range.gte);
    if (range.lt) assertKey(range.lt);
    const keys = this.sortedKeys();
    const from = range.gte ? lowerBound(keys, keyString(range.gte)) : 0;
    const to = range.lt ? lowerBound(keys, keyString(range.lt)) : keys.length;
    let remaining = range.limit ?? Number.POSITIVE_INFINITY;
    if (remaining <= 0) return;
    const step = range.reverse ? -1 : 1;
    for (let i = range.reverse ? to - 1 : from; range.reverse ? i >= from : i < to; i += step) {
      const k = keys[i]!;
      // The key list is a snapshot; values are read live, and keys deleted meanwhile are skipped.
      const value = this.map.get(k);
      if (value === undefined) continue;
      yield { key: stringKey(k), value };
      if (--remaining === 0) return;
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    this.map.clear();
    this.sorted = [];
    this.added = [];
  }

  private assertOpen(): void {
    if (this.closed) throw new KvError("store is closed");
  }

  /** Returns a sorted array of live keys; a new array whenever the key set changed. */
  private sortedKeys(): string[] {
    if (this.added.length === 0 && !this.removedSinceSort) return this.sorted;
    const base = this.removedSinceSort ? this.sorted.filter((k) => this.map.has(k)) : this.sorted;
    // A key added then deleted since the last scan must not come back.
    const fresh = this.added.filter((k) => this.map.has(k)).sort();
    const merged: string[] = new Array(base.length + fresh.length);
    let i = 0;
    let j = 0;
    let n = 0;
    while (i < base.length || j < fresh.length) {
      const k = j >= fresh.length || (i < base.length && base[i]! < fresh[j]!) ? base[i++]! : fresh[j++]!;
      // A key deleted and put again since the last scan appears in both lists (or twice in
      // `added`); both inputs are sorted, so duplicates are adjacent here.
      if (n === 0 || merged[n - 1] !== k) merged[n++] = k;
    }
    merged.length = n;
    this.sorted = merged;
    this.added = [];
    this.removedSinceSort = false;
    return merged;
  }
}
