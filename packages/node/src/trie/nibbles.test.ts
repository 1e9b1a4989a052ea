import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { TrieError } from "./errors.js";
import { bytesToNibbles, decodeHexPrefix, encodeHexPrefix, nibbleAt, nibblesToBytes } from "./nibbles.js";

const n = (...xs: number[]): Uint8Array => Uint8Array.from(xs);

describe("nibbles and hex-prefix encoding", () => {
  test("bytes <-> nibbles", () => {
    assert.deepEqual(bytesToNibbles(n(0x12, 0xab)), n(1, 2, 10, 11));
    assert.deepEqual(nibblesToBytes([1, 2, 10, 11]), n(0x12, 0xab));
    assert.equal(nibbleAt(n(0x12, 0xab), 3), 11);
    assert.throws(() => nibblesToBytes([1]), TrieError);
  });

  // Examples from the yellow paper's appendix C / the Ethereum wiki on Patricia tries.
  const cases: [number[], boolean, number[]][] = [
    [[1, 2, 3, 4, 5], false, [0x11, 0x23, 0x45]],
    [[0, 1, 2, 3, 4, 5], false, [0x00, 0x01, 0x23, 0x45]],
    [[0, 15, 1, 12, 11, 8], true, [0x20, 0x0f, 0x1c, 0xb8]],
    [[15, 1, 12, 11, 8], true, [0x3f, 0x1c, 0xb8]],
    [[], false, [0x00]],
    [[], true, [0x20]],
  ];
  for (const [path, leaf, encoded] of cases) {
    test(`hex-prefix ${JSON.stringify(path)} leaf=${leaf}`, () => {
      assert.deepEqual(encodeHexPrefix(Uint8Array.from(path), leaf), Uint8Array.from(encoded));
      assert.deepEqual(decodeHexPrefix(Uint8Array.from(encoded)), { path: Uint8Array.from(path), leaf });
    });
  }

  test("invalid hex-prefix encodings are rejected", () => {
    assert.throws(() => decodeHexPrefix(n()), TrieError);
    assert.throws(() => decodeHexPrefix(n(0x40)), TrieError, "flag above 3");
    assert.throws(() => decodeHexPrefix(n(0x01, 0x23)), TrieError, "even path with nonzero padding");
  });
});
