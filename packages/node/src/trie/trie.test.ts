import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { keccak256 } from "../crypto/index.js";
import { bytesToHex, hexToBytes, utf8ToBytes } from "../primitives/index.js";
import { encodeRlp } from "../rlp/index.js";
import { TrieError } from "./errors.js";
import { EMPTY_TRIE_ROOT } from "./node.js";
import type { TrieNodePut, TrieNodeStore } from "./store.js";
import { MemoryNodeStore } from "./store.js";
import { Trie } from "./trie.js";

const u = utf8ToBytes;

/** A store that counts reads. */
class CountingStore implements TrieNodeStore {
  reads = 0;
  constructor(readonly inner: MemoryNodeStore) {}
  get(hash: Uint8Array): Uint8Array | undefined {
    this.reads++;
    return this.inner.get(hash);
  }
  write(ops: readonly TrieNodePut[]): void {
    this.inner.write(ops);
  }
}

/** Deterministic pseudo-random 32-byte keys (keccak of the index). */
const key32 = (i: number): Uint8Array => keccak256(encodeRlp(i));

describe("Trie basics", () => {
  test("the empty trie's root is keccak256(rlp(''))", () => {
    assert.deepEqual(EMPTY_TRIE_ROOT, keccak256(Uint8Array.of(0x80)));
    assert.equal(bytesToHex(new Trie().root()), "0x56e81f171bcc55a6ff8345e692c0f86e5b48e01b996cadc001622fb5e363b421");
  });

  test("get / put / delete, and put of an empty value deletes", () => {
    const t = new Trie();
    t.put(u("do"), u("verb"));
    t.put(u("dog"), u("puppy"));
    t.put(u("doge"), u("coin"));
    t.put(u("horse"), u("stallion"));
    assert.deepEqual(t.get(u("dog")), u("puppy"));
    assert.deepEqual(t.get(u("do")), u("verb"));
    assert.equal(t.get(u("d")), undefined);
    assert.equal(t.get(u("dogs")), undefined);
    assert.equal(t.get(u("")), undefined);
    // Known root (the "puppy" vector of ethereum/tests trieanyorder.json).
    assert.equal(bytesToHex(t.root()), "0x5991bb8c6514148a29db676a14ac506cd2cd5775ace63c30a4fe457715e9ac84");
    t.put(u("dog"), new Uint8Array(0));
    assert.equal(t.get(u("dog")), undefined);
    t.delete(u("doge"));
    t.delete(u("absent"));
    assert.deepEqual(t.get(u("do")), u("verb"));
    for (const k of ["do", "horse"]) t.delete(u(k));
    assert.deepEqual(t.root(), EMPTY_TRIE_ROOT);
  });

  test("the empty key is a key like any other", () => {
    const t = new Trie();
    t.put(new Uint8Array(0), u("root value"));
    t.put(u("a"), u("x"));
    assert.deepEqual(t.get(new Uint8Array(0)), u("root value"));
    t.delete(new Uint8Array(0));
    assert.equal(t.get(new Uint8Array(0)), undefined);
    assert.deepEqual(t.get(u("a")), u("x"));
  });

  test("values are copied on put", () => {
    const t = new Trie();
    const v = u("value");
    t.put(u("k"), v);
    const before = t.root();
    v[0] = 0;
    assert.deepEqual(t.get(u("k")), u("value"));
    assert.deepEqual(t.root(), before);
  });

  test("rewriting the same value or deleting an absent key changes nothing", () => {
    const store = new MemoryNodeStore();
    const t = new Trie(store);
    for (let i = 0; i < 100; i++) t.put(key32(i), u(`v${i}`));
    t.persist();
    t.put(key32(5), u("v5"));
    t.delete(key32(1000));
    assert.deepEqual(t.commit().nodes, []);
  });

  test("persist, reopen at the root, read back lazily", () => {
    const inner = new MemoryNodeStore();
    const t = new Trie(inner);
    for (let i = 0; i < 500; i++) t.put(key32(i), u(`value ${i}`));
    const root = t.persist();
    const store = new CountingStore(inner);
    const again = new Trie(store, root);
    assert.equal(store.reads, 0, "opening a trie reads nothing");
    assert.deepEqual(again.get(key32(42)), u("value 42"));
    const firstReads = store.reads;
    assert.ok(firstReads >= 2 && firstReads <= 6, `one path is loaded (${firstReads} reads)`);
    assert.deepEqual(again.get(key32(42)), u("value 42"));
    assert.equal(store.reads, firstReads, "loaded nodes are cached");
    for (let i = 0; i < 500; i++) assert.deepEqual(again.get(key32(i)), u(`value ${i}`));
    assert.deepEqual(again.root(), root);
  });

  test("a small root (encoding under 32 bytes) is still hashed and stored", () => {
    const store = new MemoryNodeStore();
    const t = new Trie(store);
    t.put(u("a"), u("b"));
    const { root, nodes } = t.commit();
    assert.equal(nodes.length, 1);
    assert.ok(nodes[0]!.value.length < 32);
    assert.deepEqual(root, keccak256(nodes[0]!.value));
    store.write(nodes);
    assert.deepEqual(new Trie(store, root).get(u("a")), u("b"));
  });

  test("a missing node is a TrieError", () => {
    const t = new Trie(new MemoryNodeStore(), keccak256(u("nothing here")));
    assert.throws(() => t.get(u("x")), TrieError);
    assert.throws(() => new Trie(new MemoryNodeStore(), new Uint8Array(31)), TrieError);
  });

  test("a malformed stored node is a TrieError", () => {
    const store = new MemoryNodeStore();
    const bad = encodeRlp([u("only"), u("three"), u("items")]);
    const h = keccak256(bad);
    store.write([{ type: "put", key: h, value: bad }]);
    assert.throws(() => new Trie(store, h).get(u("x")), TrieError);
    const garbage = Uint8Array.of(0xc5, 0x01);
    const g = keccak256(garbage);
    store.write([{ type: "put", key: g, value: garbage }]);
    assert.throws(() => new Trie(store, g).get(u("x")), TrieError);
  });

  test("committed nodes are each their own bytes: every value hashes to its key", () => {
    const t = new Trie();
    for (let i = 0; i < 600; i++) t.put(key32(i), encodeRlp(BigInt(i) * 1_000_003n));
    const { nodes } = t.commit();
    assert.ok(nodes.length > 600);
    // Encodings share slabs (node.ts); overlapping or reused bytes would break a hash here.
    for (const n of nodes) assert.equal(bytesToHex(keccak256(n.value)), bytesToHex(n.key));
    const shared = nodes.filter((n) => n.value.buffer === nodes[0]!.value.buffer);
    assert.ok(shared.length > 1, "encodings share a slab");
    const spans = shared.map((n) => [n.value.byteOffset, n.value.byteOffset + n.value.length] as const).sort((a, b) => a[0] - b[0]);
    for (let i = 1; i < spans.length; i++) assert.ok(spans[i]![0] >= spans[i - 1]![1], "no two encodings overlap");
  });

  test("updates on a reopened trie re-encode decoded nodes with their stored references", () => {
    const store = new MemoryNodeStore();
    const fresh = new Trie();
    const t = new Trie(store);
    for (let i = 0; i < 300; i++) {
      t.put(key32(i), encodeRlp(i + 1));
      fresh.put(key32(i), encodeRlp(i + 1));
    }
    const root = t.persist();
    // Decoded nodes get their references only when a parent is re-encoded (node.ts nodeRef).
    const reopened = new Trie(store, root);
    for (let i = 0; i < 300; i += 7) assert.deepEqual(reopened.get(key32(i)), encodeRlp(i + 1));
    for (let i = 0; i < 300; i += 11) {
      reopened.put(key32(i), encodeRlp(1000 + i));
      fresh.put(key32(i), encodeRlp(1000 + i));
    }
    reopened.delete(key32(5));
    fresh.delete(key32(5));
    assert.equal(bytesToHex(reopened.root()), bytesToHex(fresh.root()));
    const { nodes } = reopened.commit();
    for (const n of nodes) assert.equal(bytesToHex(keccak256(n.value)), bytesToHex(n.key));
    assert.equal(bytesToHex(new Trie(store, root).root()), bytesToHex(root));
  });

  test("a node hashed by root() is never changed in place by later updates", () => {
    const store = new MemoryNodeStore();
    const t = new Trie(store);
    const fresh = new Trie();
    for (let i = 0; i < 200; i++) {
      t.put(key32(i), encodeRlp(i + 1));
      fresh.put(key32(i), encodeRlp(i + 1));
    }
    // Hashed nodes now carry their hash without a reference array (node.ts refLength).
    const first = t.persist();
    for (let i = 0; i < 200; i += 3) {
      t.put(key32(i), encodeRlp(5000 + i));
      fresh.put(key32(i), encodeRlp(5000 + i));
    }
    assert.equal(bytesToHex(t.root()), bytesToHex(fresh.root()));
    t.persist();
    const old = new Trie(store, first);
    for (let i = 0; i < 200; i++) assert.deepEqual(old.get(key32(i)), encodeRlp(i + 1), `key ${i} at the first root`);
    assert.equal(bytesToHex(old.root()), bytesToHex(first));
  });

  test("copies are independent", () => {
    const t = new Trie();
    t.put(u("a"), u("1"));
    const c = t.copy();
    c.put(u("b"), u("2"));
    t.put(u("a"), u("3"));
    assert.equal(t.get(u("b")), undefined);
    assert.deepEqual(c.get(u("a")), u("1"));
    assert.deepEqual(t.get(u("a")), u("3"));
  });
});

describe("Trie re-hashes only changed paths", () => {
  const N = 3000;

  test("one update after commit hashes and emits about depth-many nodes", () => {
    let hashes = 0;
    const counting = (d: Uint8Array): Uint8Array => {
      hashes++;
      return keccak256(d);
    };
    const store = new MemoryNodeStore();
    const t = new Trie(store, EMPTY_TRIE_ROOT, { hasher: counting });
    for (let i = 0; i < N; i++) t.put(key32(i), hexToBytes(`0x${"ab".repeat(40)}`));
    t.persist();
    const stored = store.size;
    assert.ok(stored > N, `a full build stores every node (${stored})`);

    hashes = 0;
    t.put(key32(7), u("changed"));
    t.root();
    // 3000 random keys give a trie about 4 levels deep: the path from root to leaf.
    assert.ok(hashes >= 2 && hashes <= 6, `hashes after one update: ${hashes}`);
    const { nodes } = t.commit();
    assert.ok(nodes.length >= 2 && nodes.length <= 6, `nodes committed after one update: ${nodes.length}`);
    assert.equal(hashes <= 6, true);

    hashes = 0;
    t.root();
    assert.equal(hashes, 0, "a second root() with no change hashes nothing");
  });

  test("a batch of k updates hashes at most k paths, far fewer than the trie", () => {
    let hashes = 0;
    const t = new Trie(new MemoryNodeStore(), EMPTY_TRIE_ROOT, {
      hasher: (d) => {
        hashes++;
        return keccak256(d);
      },
    });
    for (let i = 0; i < N; i++) t.put(key32(i), u(`v${i}`.padEnd(40, ".")));
    t.persist();
    hashes = 0;
    for (let i = 0; i < 10; i++) t.put(key32(i * 97), u("new value"));
    t.root();
    assert.ok(hashes <= 10 * 6, `hashes after 10 updates: ${hashes}`);
    assert.ok(hashes >= 10, `each changed leaf path is re-hashed: ${hashes}`);
  });

  test("the result equals a trie built from scratch", () => {
    const a = new Trie();
    for (let i = 0; i < 300; i++) a.put(key32(i), u(`v${i}`));
    a.persist();
    a.put(key32(3), u("x"));
    a.delete(key32(4));
    const b = new Trie();
    for (let i = 0; i < 300; i++) if (i !== 4) b.put(key32(i), i === 3 ? u("x") : u(`v${i}`));
    assert.deepEqual(a.root(), b.root());
  });
});

describe("Trie ordered iteration", () => {
  const keys = ["", "a", "ab", "abc", "abd", "b", "ba", "c"].map(u);
  const trie = new Trie();
  for (const k of keys) trie.put(k, k.length === 0 ? u("empty") : k);
  const list = (it: Iterable<{ key: Uint8Array }>): string[] => [...it].map((e) => Buffer.from(e.key).toString());

  test("entries in key order, forwards and backwards", () => {
    assert.deepEqual(list(trie.entries()), ["", "a", "ab", "abc", "abd", "b", "ba", "c"]);
    assert.deepEqual(list(trie.entries({ reverse: true })), ["c", "ba", "b", "abd", "abc", "ab", "a", ""]);
  });

  test("ranges", () => {
    assert.deepEqual(list(trie.entries({ gte: u("ab"), lt: u("b") })), ["ab", "abc", "abd"]);
    assert.deepEqual(list(trie.entries({ gte: u("abc"), lt: u("ba"), reverse: true })), ["b", "abd", "abc"]);
    assert.deepEqual(list(trie.entries({ gte: u("aa") })), ["ab", "abc", "abd", "b", "ba", "c"]);
    assert.deepEqual(list(trie.entries({ lt: u("a") })), [""]);
    assert.deepEqual(list(trie.entries({ lt: new Uint8Array(0) })), []);
    assert.deepEqual(list(trie.entries({ gte: u("d") })), []);
  });

  test("nextKey / prevKey", () => {
    assert.equal(Buffer.from(trie.nextKey(u("ab"))!).toString(), "abc");
    assert.equal(Buffer.from(trie.nextKey(u("abz"))!).toString(), "b");
    assert.equal(trie.nextKey(u("c")), undefined);
    assert.equal(Buffer.from(trie.prevKey(u("abc"))!).toString(), "ab");
    assert.equal(Buffer.from(trie.prevKey(u("a"))!).toString(), "");
    assert.equal(trie.prevKey(new Uint8Array(0)), undefined);
  });

  test("iteration over a reopened trie loads nodes lazily", () => {
    const store = new MemoryNodeStore();
    const t = new Trie(store);
    for (let i = 0; i < 200; i++) t.put(key32(i), u(`v${i}`));
    const root = t.persist();
    const all = [...new Trie(store, root).entries()];
    assert.equal(all.length, 200);
    for (let i = 1; i < all.length; i++) assert.ok(Buffer.compare(all[i - 1]!.key, all[i]!.key) < 0);
  });
});
