import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { utf8ToBytes } from "../primitives/index.js";
import { encodeRlp } from "../rlp/index.js";
import { TrieError } from "./errors.js";
import { EMPTY_TRIE_ROOT } from "./node.js";
import { orderedTrieRoot } from "./ordered.js";
import { Trie } from "./trie.js";

describe("orderedTrieRoot", () => {
  test("an empty list has the empty root", () => {
    assert.deepEqual(orderedTrieRoot([]), EMPTY_TRIE_ROOT);
  });

  // Sizes around the RLP index boundaries (0, 127/128, 255/256) where key order changes.
  for (const n of [1, 2, 16, 127, 128, 129, 255, 256, 300, 1500]) {
    test(`equals a trie keyed by rlp(index), inserted in index order (n=${n})`, () => {
      const values = Array.from({ length: n }, (_, i) => utf8ToBytes(`item ${i} `.repeat(1 + (i % 5))));
      const t = new Trie();
      values.forEach((v, i) => {
        t.put(encodeRlp(i), v);
      });
      assert.deepEqual(orderedTrieRoot(values), t.root());
    });
  }

  test("short items (inlined nodes) and long ones, random sizes", () => {
    for (const n of [1, 2, 3, 17, 130, 257, 600]) {
      const values = Array.from({ length: n }, (_, i) => new Uint8Array(1 + ((i * 7919) % (i % 3 === 0 ? 3 : 90))).fill(i & 0xff || 1));
      const t = new Trie();
      values.forEach((v, i) => {
        t.put(encodeRlp(i), v);
      });
      assert.deepEqual(orderedTrieRoot(values), t.root(), `n=${n}`);
    }
  });

  test("empty items are rejected instead of silently dropped", () => {
    assert.throws(() => orderedTrieRoot([utf8ToBytes("a"), new Uint8Array(0)]), TrieError);
  });
});
