/**
 * kv/batch: a write batch over a KvStore with read-your-writes, the "one transaction per block"
 * helper (DESIGN.md convention 5). Everything a block produces (trie nodes, header, body,
 * receipts, indexes) is staged here, readable at once by the code that produced it, and reaches
 * the database in one atomic `store.write` on `commit()`; dropping the batch discards it.
 *
 * A batch has the `get` + `write` shape of a trie node store, so a trie can be opened over it
 * and its committed nodes land in the same database transaction as the rest of the block.
 */
import { KvError } from "./errors.js";
import { keyString } from "./key-string.js";
import type { KvEntry, KvOp, KvRange, KvReader, KvStore } from "./kv.js";
import { assertKey, assertValue } from "./kv.js";

function compareKeys(a: Uint8Array, b: Uint8Array): number {
  return Buffer.compare(a, b);
}

export class KvBatch implements KvReader {
  /**
   * Staged ops by key; later ops on a key replace earlier ones. Kept as the ops `commit` writes,
   * so a block's tens of thousands of entries are not rebuilt as op objects there.
   */
  private readonly staged = new Map<string, KvOp>();
  private done = false;

  constructor(private readonly store: KvStore) {}

  /** Number of distinct keys staged. */
  get size(): number {
    return this.staged.size;
  }

  get(key: Uint8Array): Uint8Array | undefined {
    assertKey(key);
    const s = this.staged.get(keyString(key));
    if (s !== undefined) return s.type === "put" ? s.value : undefined;
    return this.store.get(key);
  }

  has(key: Uint8Array): boolean {
    assertKey(key);
    const s = this.staged.get(keyString(key));
    if (s !== undefined) return s.type === "put";
    return this.store.has(key);
  }

  put(key: Uint8Array, value: Uint8Array): void {
    this.write([{ type: "put", key, value }]);
  }

  del(key: Uint8Array): void {
    this.write([{ type: "del", key }]);
  }

  /** Stages ops (nothing reaches the store until `commit`); keys and values are copied. */
  write(ops: readonly KvOp[]): void {
    this.assertOpen();
    for (const op of ops) {
      assertKey(op.key);
      if (op.type === "put") assertValue(op.value);
      else if (op.type !== "del") throw new KvError(`unknown op type ${(op as { type: unknown }).type}`);
    }
    for (const op of ops) {
      const key = op.key.slice();
      this.staged.set(keyString(key), op.type === "put" ? { type: "put", key, value: op.value.slice() } : { type: "del", key });
    }
  }

  /**
   * Stages a put without copying: the batch keeps `key` and `value` themselves, so the caller
   * hands them over and never changes them afterwards. For freshly encoded records (trie nodes,
   * block records), where a copy per entry is pure overhead.
   */
  putOwned(key: Uint8Array, value: Uint8Array): void {
    this.assertOpen();
    assertKey(key);
    assertValue(value);
    this.staged.set(keyString(key), { type: "put", key, value });
  }

  /** Store entries merged with staged ones, staged winning; same range semantics as the store. */
  *iterate(range: KvRange = {}): Iterable<KvEntry> {
    if (range.gte) assertKey(range.gte);
    if (range.lt) assertKey(range.lt);
    let remaining = range.limit ?? Number.POSITIVE_INFINITY;
    if (remaining <= 0) return;
    const dir = range.reverse ? -1 : 1;
    const overlay = [...this.staged.values()]
      .filter((s) => (!range.gte || compareKeys(s.key, range.gte) >= 0) && (!range.lt || compareKeys(s.key, range.lt) < 0))
      .sort((a, b) => dir * compareKeys(a.key, b.key));
    // The store's own limit cannot be used: staged deletes may hide some of its entries.
    const { limit: _ignored, ...storeRange } = range;
    const base = this.store.iterate(storeRange)[Symbol.iterator]();
    let next = base.next();
    let j = 0;
    while (!next.done || j < overlay.length) {
      let out: KvEntry | undefined;
      const c = next.done ? 1 : j >= overlay.length ? -1 : dir * compareKeys(next.value.key, overlay[j]!.key);
      if (c < 0) {
        out = next.value as KvEntry;
        next = base.next();
      } else {
        // Equal keys: the staged op shadows the stored entry.
        if (c === 0) next = base.next();
        const s = overlay[j++]!;
        if (s.type === "put") out = { key: s.key, value: s.value };
      }
      if (out !== undefined) {
        yield out;
        if (--remaining === 0) {
          base.return?.();
          return;
        }
      }
    }
  }

  /** The staged ops, in no particular order (keys are distinct); the batch's own objects. */
  ops(): KvOp[] {
    return [...this.staged.values()];
  }

  /** Writes every staged op to the store in one atomic write; the batch cannot be used after. */
  commit(): void {
    this.assertOpen();
    this.store.write(this.ops());
    this.done = true;
    this.staged.clear();
  }

  /** Drops the staged ops. */
  discard(): void {
    this.done = true;
    this.staged.clear();
  }

  private assertOpen(): void {
    if (this.done) throw new KvError("batch already committed or discarded");
  }
}
