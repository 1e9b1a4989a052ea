import assert from "node:assert/strict";
import { describe, test } from "node:test";
import fc from "fast-check";
import {
  asAddress,
  bigintToBytes,
  bigintToFixedBytes,
  bigintToQuantity,
  bytesKey,
  bytesToBigint,
  bytesToHex,
  bytesToLatin1,
  bytesToUnprefixedHex,
  compareBytes,
  concatBytes,
  equalBytes,
  hexToBytes,
  hexToBytesLoose,
  isHexString,
  PrimitiveError,
  padLeft,
  parseBigint,
  tryHexDigitsToBytes,
} from "./index.js";

describe("hex", () => {
  test("round trip and strictness", () => {
    assert.equal(bytesToHex(Uint8Array.of(0, 1, 0xab, 0xff)), "0x0001abff");
    assert.deepEqual(hexToBytes("0x0001ABff"), Uint8Array.of(0, 1, 0xab, 0xff));
    assert.deepEqual(hexToBytes("abcd"), Uint8Array.of(0xab, 0xcd));
    assert.throws(() => hexToBytes("0x123"), PrimitiveError);
    assert.throws(() => hexToBytes("0xzz"), PrimitiveError);
    assert.deepEqual(hexToBytesLoose("0x1"), Uint8Array.of(1));
    assert.ok(isHexString("0xabcd", 2));
    assert.ok(!isHexString("0xabc"));
  });

  test("property: bytes -> hex -> bytes", () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 100 }), (b) => assert.deepEqual(hexToBytes(bytesToHex(b)), b)));
  });
});

describe("integers", () => {
  test("minimal and fixed encodings", () => {
    assert.deepEqual(bigintToBytes(0n), new Uint8Array());
    assert.deepEqual(bigintToBytes(256n), Uint8Array.of(1, 0));
    assert.deepEqual(bigintToFixedBytes(1n, 4), Uint8Array.of(0, 0, 0, 1));
    assert.throws(() => bigintToFixedBytes(1n << 32n, 4), PrimitiveError);
    assert.throws(() => bigintToBytes(-1n), PrimitiveError);
    assert.equal(bigintToQuantity(0n), "0x0");
    assert.equal(bigintToQuantity(255), "0xff");
    assert.equal(parseBigint("0x"), 0n);
    assert.equal(parseBigint("0x10"), 16n);
    assert.equal(parseBigint("42"), 42n);
    assert.throws(() => parseBigint("4z"), PrimitiveError);
  });

  test("boundaries of the small-integer fast path", () => {
    for (const n of [1n, 255n, 256n, (1n << 53n) - 2n, (1n << 53n) - 1n, 1n << 53n, (1n << 53n) + 1n, (1n << 64n) - 1n]) {
      const minimal = bigintToBytes(n);
      assert.equal(bytesToBigint(minimal), n);
      assert.notEqual(minimal[0], 0);
      assert.equal(minimal.length, Math.ceil(n.toString(16).length / 2));
      assert.equal(bytesToBigint(bigintToFixedBytes(n, minimal.length)), n);
      assert.throws(() => bigintToFixedBytes(n, minimal.length - 1), PrimitiveError);
    }
  });

  test("property: bigint round trip", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: (1n << 256n) - 1n }), (n) => {
        assert.equal(bytesToBigint(bigintToBytes(n)), n);
        assert.equal(bytesToBigint(bigintToFixedBytes(n, 32)), n);
      }),
    );
  });
});

describe("bytes", () => {
  test("concat, equal, compare, pad", () => {
    assert.deepEqual(concatBytes(Uint8Array.of(1), Uint8Array.of(2, 3)), Uint8Array.of(1, 2, 3));
    assert.ok(equalBytes(Uint8Array.of(1, 2), Uint8Array.of(1, 2)));
    assert.ok(!equalBytes(Uint8Array.of(1, 2), Uint8Array.of(1)));
    assert.ok(compareBytes(Uint8Array.of(1), Uint8Array.of(1, 0)) < 0);
    assert.ok(compareBytes(Uint8Array.of(2), Uint8Array.of(1, 9)) > 0);
    assert.deepEqual(padLeft(Uint8Array.of(7), 3), Uint8Array.of(0, 0, 7));
    assert.throws(() => asAddress(new Uint8Array(19)), PrimitiveError);
  });
});

test("bytesKey: equal bytes give equal keys; other bytes or lengths never collide", () => {
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 40 }), fc.uint8Array({ maxLength: 40 }), (a, b) => {
      const same = a.length === b.length && a.every((x, i) => x === b[i]);
      assert.equal(bytesKey(a) === bytesKey(b), same);
      assert.equal(bytesKey(a), bytesKey(a.slice()));
    }),
    { numRuns: 2000 },
  );
  // The 20- and 32-byte fast paths against their neighbours in length.
  for (const n of [19, 20, 21, 31, 32, 33]) {
    const zeros = new Uint8Array(n);
    const ones = new Uint8Array(n).fill(1);
    assert.notEqual(bytesKey(zeros), bytesKey(ones));
    assert.notEqual(bytesKey(zeros), bytesKey(new Uint8Array(n + 1)));
  }
});

test("tryHexDigitsToBytes: decodes digits after the start, undefined on any non-digit", () => {
  assert.deepEqual(tryHexDigitsToBytes("0xabCD09", 2), Uint8Array.of(0xab, 0xcd, 0x09));
  assert.deepEqual(tryHexDigitsToBytes("0x", 2), new Uint8Array(0));
  for (const bad of ["0xzz", "0xa g", "0x0\u0660", "0x\u00e9a"]) assert.equal(tryHexDigitsToBytes(bad, 2), undefined, bad);
});

test("bytesToHex and bytesToLatin1 agree with Buffer's encoders on views of any length and offset", () => {
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 80 }), fc.nat(8), (bytes, cut) => {
      const view = bytes.subarray(Math.min(cut, bytes.length));
      const buf = Buffer.from(view.buffer, view.byteOffset, view.byteLength);
      assert.equal(bytesToHex(view), `0x${buf.toString("hex")}`);
      assert.equal(bytesToUnprefixedHex(view), buf.toString("hex"));
      assert.equal(bytesToLatin1(view), buf.toString("latin1"));
    }),
    { numRuns: 1000 },
  );
});
