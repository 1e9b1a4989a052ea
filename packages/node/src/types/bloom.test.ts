import assert from "node:assert/strict";
import { describe, test } from "node:test";
import fc from "fast-check";
import { keccak256 } from "../crypto/index.js";
import { type Address, bytesToHex, type Hash32, utf8ToBytes } from "../primitives/index.js";
import { BLOOM_BYTES, bloomAdd, bloomContains, bloomCovers, bloomOr, emptyBloom, logsBloom, mergeBlooms } from "./bloom.js";
import type { Log } from "./log.js";

/** The bit the yellow paper's M3:2048 sets for one 11-bit index, counted from the low end. */
function bitIsSet(bloom: Uint8Array, index: number): boolean {
  return (bloom[BLOOM_BYTES - 1 - (index >> 3)]! & (1 << (index & 7))) !== 0;
}

describe("bloom", () => {
  test("empty blooms share slabs but never each other's bytes", () => {
    const blooms = Array.from({ length: 40 }, () => emptyBloom());
    for (const b of blooms) assert.ok(b.length === BLOOM_BYTES && b.every((x) => x === 0));
    for (let i = 0; i < blooms.length; i++) blooms[i]!.fill(i + 1);
    for (let i = 0; i < blooms.length; i++) {
      const fill = i + 1;
      assert.ok(
        blooms[i]!.every((x) => x === fill),
        `bloom ${i}`,
      );
    }
  });

  test("go-ethereum's vector: 100 items hash to a known filter", () => {
    const b = emptyBloom();
    for (let i = 0; i < 100; i++) bloomAdd(b, utf8ToBytes(`xxxxxxxxxx data ${i} yyyyyyyyyyyyyy`));
    assert.equal(bytesToHex(keccak256(b)), "0xc8d3ca65cdb4874300a9e39475508f23ed6da09fdbc487f89a2dcf50b09eb263");
  });

  test("an item sets the bits of the low 11 bits of the first three 16-bit words of its hash", () => {
    const item = utf8ToBytes("hello");
    const h = keccak256(item);
    const b = emptyBloom();
    bloomAdd(b, item);
    const indexes = [0, 2, 4].map((i) => ((h[i]! << 8) | h[i + 1]!) & 2047);
    for (const i of indexes) assert.ok(bitIsSet(b, i));
    let count = 0;
    for (let i = 0; i < 2048; i++) if (bitIsSet(b, i)) count++;
    assert.equal(count, new Set(indexes).size);
  });

  test("membership: what was added is found; go-ethereum's negatives are not", () => {
    const b = emptyBloom();
    for (const s of ["testtest", "test", "hallo", "other"]) bloomAdd(b, utf8ToBytes(s));
    for (const s of ["testtest", "test", "hallo", "other"]) assert.ok(bloomContains(b, utf8ToBytes(s)), s);
    for (const s of ["tes", "lo"]) assert.ok(!bloomContains(b, utf8ToBytes(s)), s);
  });

  test("logsBloom covers each log's address and topics, and nothing is in the empty filter", () => {
    const log: Log = {
      address: new Uint8Array(20).fill(0x11) as Address,
      topics: [new Uint8Array(32).fill(0x22) as Hash32, new Uint8Array(32).fill(0x33) as Hash32],
      data: utf8ToBytes("data is not in the bloom"),
    };
    const b = logsBloom([log]);
    assert.ok(bloomContains(b, log.address));
    for (const t of log.topics) assert.ok(bloomContains(b, t));
    assert.ok(!bloomContains(emptyBloom(), log.address));
    assert.deepEqual(logsBloom([]), emptyBloom());
  });

  test("merge is the union; a merged filter covers its parts", () => {
    fc.assert(
      fc.property(
        fc.array(fc.uint8Array({ maxLength: 40 }), { maxLength: 8 }),
        fc.array(fc.uint8Array({ maxLength: 40 }), { maxLength: 8 }),
        (xs, ys) => {
          const a = emptyBloom();
          const b = emptyBloom();
          for (const x of xs) bloomAdd(a, x);
          for (const y of ys) bloomAdd(b, y);
          const m = mergeBlooms([a, b]);
          assert.ok(bloomCovers(m, a) && bloomCovers(m, b));
          for (const x of [...xs, ...ys]) assert.ok(bloomContains(m, x));
          const c = a.slice();
          bloomOr(c, b);
          assert.deepEqual(c, m);
        },
      ),
      { numRuns: 100 },
    );
  });
});
