import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, test } from "node:test";
import { KvBatch } from "./batch.js";
import { KvError } from "./errors.js";
import type { KvEntry, KvRange, KvStore } from "./kv.js";
import { LmdbKv } from "./lmdb.js";
import { MemoryKv } from "./memory.js";

const b = (...xs: number[]): Uint8Array => Uint8Array.from(xs);
const keys = (it: Iterable<KvEntry>): number[][] => [...it].map((e) => [...e.key]);

const tempDirs: string[] = [];
after(() => {
  for (const d of tempDirs) rmSync(d, { recursive: true, force: true });
});

function newLmdb(): LmdbKv {
  const dir = mkdtempSync(join(tmpdir(), "cairn-kv-"));
  tempDirs.push(dir);
  return LmdbKv.open(dir);
}

/** The same behaviour is required of every backend. */
function backendSuite(name: string, make: () => KvStore): void {
  describe(`KvStore contract: ${name}`, () => {
    test("get / has / put / del", async () => {
      const kv = make();
      assert.equal(kv.get(b(1)), undefined);
      assert.equal(kv.has(b(1)), false);
      kv.write([{ type: "put", key: b(1), value: b(10, 11) }]);
      assert.deepEqual(kv.get(b(1)), b(10, 11));
      assert.equal(kv.has(b(1)), true);
      kv.write([{ type: "put", key: b(2), value: new Uint8Array(0) }]);
      assert.deepEqual(kv.get(b(2)), new Uint8Array(0), "empty values are stored");
      assert.equal(kv.has(b(2)), true);
      kv.write([{ type: "del", key: b(1) }]);
      assert.equal(kv.get(b(1)), undefined);
      kv.write([{ type: "del", key: b(9) }]); // deleting an absent key is a no-op
      await kv.close();
    });

    test("a batch applies in order and later ops win", async () => {
      const kv = make();
      kv.write([
        { type: "put", key: b(1), value: b(1) },
        { type: "put", key: b(1), value: b(2) },
        { type: "put", key: b(3), value: b(3) },
        { type: "del", key: b(3) },
      ]);
      assert.deepEqual(kv.get(b(1)), b(2));
      assert.equal(kv.has(b(3)), false);
      await kv.close();
    });

    test("a batch with an invalid op writes nothing", async () => {
      const kv = make();
      assert.throws(
        () =>
          kv.write([
            { type: "put", key: b(1), value: b(1) },
            { type: "put", key: new Uint8Array(0), value: b(2) },
          ]),
        KvError,
      );
      assert.equal(kv.has(b(1)), false);
      assert.throws(() => kv.get(new Uint8Array(0)), KvError);
      await kv.close();
    });

    test("stored values do not alias the caller's buffers", async () => {
      const kv = make();
      const v = b(1, 2, 3);
      kv.write([{ type: "put", key: b(1), value: v }]);
      v[0] = 99;
      assert.deepEqual(kv.get(b(1)), b(1, 2, 3));
      await kv.close();
    });

    test("range iteration: bounds, order, reverse, limit", async () => {
      const kv = make();
      const all = [[1], [2], [2, 0], [2, 255], [3], [5, 1], [8]];
      // Written out of order on purpose.
      kv.write([...all].reverse().map((k) => ({ type: "put" as const, key: Uint8Array.from(k), value: Uint8Array.from(k) })));
      assert.deepEqual(keys(kv.iterate()), all);
      assert.deepEqual(keys(kv.iterate({ gte: b(2), lt: b(5) })), [[2], [2, 0], [2, 255], [3]]);
      assert.deepEqual(keys(kv.iterate({ gte: b(2, 1), lt: b(5, 1) })), [[2, 255], [3]]);
      assert.deepEqual(keys(kv.iterate({ gte: b(2), lt: b(5), reverse: true })), [[3], [2, 255], [2, 0], [2]]);
      assert.deepEqual(keys(kv.iterate({ reverse: true, limit: 2 })), [[8], [5, 1]]);
      assert.deepEqual(keys(kv.iterate({ lt: b(2, 0), reverse: true })), [[2], [1]]);
      assert.deepEqual(keys(kv.iterate({ gte: b(5, 1), reverse: true })), [[8], [5, 1]]);
      assert.deepEqual(keys(kv.iterate({ gte: b(3), limit: 1 })), [[3]]);
      assert.deepEqual(keys(kv.iterate({ limit: 0 })), []);
      assert.deepEqual(keys(kv.iterate({ gte: b(9) })), []);
      for (const e of kv.iterate({ gte: b(5) })) assert.deepEqual(e.value, e.key);
      await kv.close();
    });

    test("iteration sees deletes and re-inserts", async () => {
      const kv = make();
      kv.write([1, 2, 3].map((k) => ({ type: "put" as const, key: b(k), value: b(k) })));
      assert.deepEqual(keys(kv.iterate()), [[1], [2], [3]]);
      kv.write([
        { type: "del", key: b(2) },
        { type: "put", key: b(0), value: b(0) },
      ]);
      assert.deepEqual(keys(kv.iterate()), [[0], [1], [3]]);
      kv.write([
        { type: "put", key: b(2), value: b(2) },
        { type: "del", key: b(0) },
        { type: "put", key: b(0), value: b(7) },
      ]);
      assert.deepEqual(keys(kv.iterate()), [[0], [1], [2], [3]]);
      assert.deepEqual(kv.get(b(0)), b(7));
      await kv.close();
    });

    test("use after close throws KvError", async () => {
      const kv = make();
      await kv.close();
      assert.throws(() => kv.get(b(1)), KvError);
      assert.throws(() => kv.write([]), KvError);
    });

    test("KvBatch: read-your-writes, merged iteration, one atomic commit", async () => {
      const kv = make();
      kv.write([1, 3, 5].map((k) => ({ type: "put" as const, key: b(k), value: b(k) })));
      const batch = new KvBatch(kv);
      batch.put(b(2), b(20));
      batch.put(b(3), b(30));
      batch.del(b(5));
      assert.deepEqual(batch.get(b(2)), b(20));
      assert.deepEqual(batch.get(b(3)), b(30));
      assert.equal(batch.get(b(5)), undefined);
      assert.equal(batch.has(b(5)), false);
      assert.equal(batch.has(b(1)), true);
      assert.equal(kv.get(b(2)), undefined, "nothing reaches the store before commit");
      const ranges: KvRange[] = [
        {},
        { reverse: true },
        { gte: b(2) },
        { lt: b(3), reverse: true },
        { limit: 2 },
        { reverse: true, limit: 1 },
      ];
      const expected = [[[1], [2], [3]], [[3], [2], [1]], [[2], [3]], [[2], [1]], [[1], [2]], [[3]]];
      ranges.forEach((r, i) => {
        assert.deepEqual(keys(batch.iterate(r)), expected[i], JSON.stringify(r));
      });
      assert.deepEqual([...batch.iterate({ gte: b(3) })][0]!.value, b(30));
      batch.commit();
      assert.deepEqual(keys(kv.iterate()), [[1], [2], [3]]);
      assert.deepEqual(kv.get(b(3)), b(30));
      assert.throws(() => batch.put(b(9), b(9)), KvError);
      await kv.close();
    });
  });
}

backendSuite("MemoryKv", () => new MemoryKv());
backendSuite("LmdbKv", newLmdb);

describe("LmdbKv persistence", () => {
  test("data written is there after close and reopen", async () => {
    const dir = mkdtempSync(join(tmpdir(), "cairn-kv-"));
    tempDirs.push(dir);
    const kv = LmdbKv.open(dir);
    kv.write([{ type: "put", key: b(1, 2), value: b(3, 4) }]);
    await kv.close();
    const again = LmdbKv.open(dir);
    assert.deepEqual(again.get(b(1, 2)), b(3, 4));
    await again.close();
  });

  test("durability 'commit' makes writes visible at once and flushes on request", async () => {
    const dir = mkdtempSync(join(tmpdir(), "cairn-kv-"));
    tempDirs.push(dir);
    const kv = LmdbKv.open(dir, { durability: "commit" });
    kv.write([{ type: "put", key: b(7), value: b(8) }]);
    assert.deepEqual(kv.get(b(7)), b(8));
    await kv.flushed();
    await kv.close();
    const again = LmdbKv.open(dir);
    assert.deepEqual(again.get(b(7)), b(8));
    await again.close();
  });

  test("returned arrays are plain Uint8Array and independent of later reads", async () => {
    const kv = newLmdb();
    kv.write([
      { type: "put", key: b(1), value: b(1, 1) },
      { type: "put", key: b(2), value: b(2, 2) },
    ]);
    const got = [...kv.iterate()];
    const v1 = kv.get(b(1))!;
    kv.get(b(2));
    assert.equal(Object.getPrototypeOf(v1), Uint8Array.prototype);
    assert.deepEqual(v1, b(1, 1));
    assert.deepEqual(
      got.map((e) => [[...e.key], [...e.value]]),
      [
        [[1], [1, 1]],
        [[2], [2, 2]],
      ],
    );
    await kv.close();
  });
});
