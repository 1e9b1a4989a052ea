/**
 * kv/lmdb: the KvStore backend over LMDB (the `lmdb` package), Cairn's on-disk database.
 *
 * Keys and values are raw bytes (`keyEncoding: "binary"`, `encoding: "binary"`), so LMDB's
 * native byte-wise key order is the port's order.
 *
 * Durability (DESIGN.md: a block is durable only once its write is flushed):
 * - `durability: "flush"` (default): every `write` is one `transactionSync` with LMDB's default
 *   flags (abortable, synchronous commit, flushed to disk before returning). When `write`
 *   returns, the batch survives a crash or power loss. Cost: one fsync per batch, which is why
 *   callers batch a whole block into one write.
 * - `durability: "commit"`: the transaction commits synchronously (visible to readers, atomic)
 *   but the flush to disk overlaps with later work (LMDB's NO_SYNC_FLUSH). A crash can lose the
 *   most recent batches, never corrupt the database. `await kv.flushed()` waits for the disk.
 *   For dev chains where speed matters more than the last block.
 */

import type { RootDatabase } from "lmdb";
import { open, TransactionFlags } from "lmdb";
import { KvError } from "./errors.js";
import type { KvEntry, KvOp, KvRange, KvStore } from "./kv.js";
import { assertKey, assertValue } from "./kv.js";

export type LmdbDurability = "flush" | "commit";

export interface LmdbKvOptions {
  durability?: LmdbDurability;
  /** Initial map size in bytes (LMDB grows it as needed). */
  mapSize?: number;
}

/** lmdb hands out Node Buffers; expose plain Uint8Array views over the same memory. */
function view(b: Uint8Array): Uint8Array {
  return b.constructor === Uint8Array ? b : new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
}

function wrap(what: string, err: unknown): KvError {
  if (err instanceof KvError) return err;
  const e = new KvError(`${what}: ${err instanceof Error ? err.message : String(err)}`);
  e.cause = err;
  return e;
}

export class LmdbKv implements KvStore {
  private closed = false;
  private readonly txFlags: number | undefined;

  private constructor(
    private readonly db: RootDatabase<Uint8Array, Uint8Array>,
    readonly path: string,
    durability: LmdbDurability,
  ) {
    this.txFlags =
      durability === "flush"
        ? undefined
        : TransactionFlags.ABORTABLE | TransactionFlags.SYNCHRONOUS_COMMIT | TransactionFlags.NO_SYNC_FLUSH;
  }

  /** Opens (creating if needed) the database in the directory `path`. */
  static open(path: string, options: LmdbKvOptions = {}): LmdbKv {
    try {
      const db = open<Uint8Array, Uint8Array>({
        path,
        keyEncoding: "binary",
        encoding: "binary",
        ...(options.mapSize !== undefined ? { mapSize: options.mapSize } : {}),
      });
      return new LmdbKv(db, path, options.durability ?? "flush");
    } catch (err) {
      throw wrap(`cannot open LMDB at ${path}`, err);
    }
  }

  get(key: Uint8Array): Uint8Array | undefined {
    this.assertOpen();
    assertKey(key);
    try {
      const v = this.db.get(key);
      return v === undefined ? undefined : view(v);
    } catch (err) {
      throw wrap("get", err);
    }
  }

  has(key: Uint8Array): boolean {
    this.assertOpen();
    assertKey(key);
    try {
      return this.db.doesExist(key);
    } catch (err) {
      throw wrap("has", err);
    }
  }

  write(ops: readonly KvOp[]): void {
    this.assertOpen();
    for (const op of ops) {
      assertKey(op.key);
      if (op.type === "put") assertValue(op.value);
      else if (op.type !== "del") throw new KvError(`unknown op type ${(op as { type: unknown }).type}`);
    }
    if (ops.length === 0) return;
    try {
      // Inside transactionSync, putSync/removeSync join the open transaction; a throw aborts it.
      this.db.transactionSync(
        () => {
          for (const op of ops) {
            if (op.type === "put") this.db.putSync(op.key, op.value);
            else this.db.removeSync(op.key);
          }
        },
        this.txFlags as TransactionFlags | undefined,
      );
    } catch (err) {
      throw wrap("write", err);
    }
  }

  *iterate(range: KvRange = {}): Iterable<KvEntry> {
    this.assertOpen();
    if (range.gte) assertKey(range.gte);
    if (range.lt) assertKey(range.lt);
    if (range.limit !== undefined && range.limit <= 0) return;
    // LMDB ranges run from `start` towards `end` (end exclusive unless inclusiveEnd); in reverse
    // the start is the upper bound, so [gte, lt) becomes start = lt (excluded), end = gte (included).
    const options = range.reverse
      ? { start: range.lt, end: range.gte, reverse: true, exclusiveStart: range.lt !== undefined, inclusiveEnd: true, limit: range.limit }
      : { start: range.gte, end: range.lt, limit: range.limit };
    try {
      for (const e of this.db.getRange(options)) yield { key: view(e.key), value: view(e.value) };
    } catch (err) {
      throw wrap("iterate", err);
    }
  }

  /** Resolves once every committed write is on disk (meaningful with durability "commit"). */
  async flushed(): Promise<void> {
    await this.db.flushed;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.db.close();
  }

  private assertOpen(): void {
    if (this.closed) throw new KvError("store is closed");
  }
}
