import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { keccak256 } from "../crypto/index.js";
import { bytesToHex } from "../primitives/index.js";
import { CachedNodeStore, DecodedNodeCache } from "./node-cache.js";
import { MemoryNodeStore } from "./store.js";
import { Trie } from "./trie.js";

const key = (i: number): Uint8Array => keccak256(Uint8Array.of(i >> 8, i & 0xff));
const value = (i: number, v = 0): Uint8Array => Uint8Array.of(1, v, i >> 8, i & 0xff);

/** A stored trie of n entries and its root. */
function storedTrie(store: MemoryNodeStore, n: number): Uint8Array {
  const t = new Trie(store);
  for (let i = 0; i < n; i++) t.put(key(i), value(i));
  return t.persist();
}

describe("DecodedNodeCache", () => {
  test("tries sharing the cache read the same values, later ones from the cache", () => {
    const base = new MemoryNodeStore();
    const root = storedTrie(base, 300);
    const cache = new DecodedNodeCache();
    const store = new CachedNodeStore(base, cache);
    const a = new Trie(store, root);
    for (let i = 0; i < 300; i++) assert.deepEqual(a.get(key(i)), value(i));
    const missesAfterFirst = cache.misses;
    assert.ok(cache.size > 0);
    const b = new Trie(store, root);
    for (let i = 0; i < 300; i++) assert.deepEqual(b.get(key(i)), value(i));
    assert.equal(cache.misses, missesAfterFirst, "the second trie decodes nothing again");
    assert.ok(cache.hits >= missesAfterFirst);
  });

  test("cached nodes stay pristine: resolving and updating one trie leaves the others alone", () => {
    const base = new MemoryNodeStore();
    const root = storedTrie(base, 100);
    const cache = new DecodedNodeCache();
    const store = new CachedNodeStore(base, cache);
    const a = new Trie(store, root);
    for (let i = 0; i < 100; i++) a.put(key(i), value(i, 7));
    a.delete(key(3));
    const newRoot = a.persist();
    const b = new Trie(store, root);
    for (let i = 0; i < 100; i++) assert.deepEqual(b.get(key(i)), value(i));
    assert.equal(bytesToHex(b.root()), bytesToHex(root));
    const c = new Trie(store, newRoot);
    assert.equal(c.get(key(3)), undefined);
    assert.deepEqual(c.get(key(4)), value(4, 7));
    // the cached root is handed out with its children still unresolved
    const top = cache.get(root);
    assert.equal(top?.kind, "branch");
    if (top?.kind === "branch") for (const child of top.children) assert.ok(child === null || child.kind === "hash");
  });

  test("bounded: two generations of the given size at most", () => {
    const base = new MemoryNodeStore();
    const root = storedTrie(base, 500);
    const cache = new DecodedNodeCache(16);
    const t = new Trie(new CachedNodeStore(base, cache), root);
    for (let i = 0; i < 500; i++) assert.deepEqual(t.get(key(i)), value(i));
    assert.ok(cache.size <= 32, `size ${cache.size}`);
  });

  test("a node missing from the store is still an error", () => {
    const cache = new DecodedNodeCache();
    const t = new Trie(new CachedNodeStore(new MemoryNodeStore(), cache), keccak256(Uint8Array.of(1)));
    assert.throws(() => t.get(key(1)), /missing trie node/);
  });
});
