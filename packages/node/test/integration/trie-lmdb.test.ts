/**
 * Integration: the trie over a real LMDB database on disk. Build a state-like secure trie,
 * commit its nodes through a KvBatch together with other data of the "block" (one LMDB
 * transaction), close the database, reopen it, open the trie at the saved root, read back and
 * prove keys, then update and commit again on top of lazily loaded nodes.
 */
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { keccak256 } from "../../src/crypto/index.js";
import { KvBatch, LmdbKv } from "../../src/kv/index.js";
import { utf8ToBytes } from "../../src/primitives/index.js";
import { encodeRlp } from "../../src/rlp/index.js";
import { SecureTrie, Trie, type TrieNodeStore, verifyProof } from "../../src/trie/index.js";

const dir = mkdtempSync(join(tmpdir(), "cairn-trie-lmdb-"));
after(() => rmSync(dir, { recursive: true, force: true }));

const account = (i: number): Uint8Array => keccak256(encodeRlp(i)).subarray(0, 20);
const value = (i: number, round: number): Uint8Array => encodeRlp([i, round, utf8ToBytes(`balance of ${i}`)]);
const HEAD = utf8ToBytes("head-root");
const N = 2000;

test("trie over LmdbKv: build, commit in one transaction, close, reopen, read, prove, update", async () => {
  // Round 1: build and commit through a batch, together with a pointer to the root.
  let kv = LmdbKv.open(dir);
  const store: TrieNodeStore = kv; // KvStore satisfies the trie's port structurally
  assert.ok(store);
  const batch = new KvBatch(kv);
  const trie = new SecureTrie(batch);
  for (let i = 0; i < N; i++) trie.put(account(i), value(i, 1));
  const root1 = trie.persist();
  batch.put(HEAD, root1);
  assert.equal(kv.get(HEAD), undefined, "nothing is on disk before the batch commits");
  batch.commit();
  await kv.close();

  // Reopen: the root comes back from disk, and the trie is read lazily from LMDB.
  kv = LmdbKv.open(dir);
  const saved = kv.get(HEAD);
  assert.deepEqual(saved, root1);
  const reopened = new SecureTrie(kv, saved);
  assert.deepEqual(reopened.root(), root1);
  for (const i of [0, 1, 777, N - 1]) assert.deepEqual(reopened.get(account(i)), value(i, 1));
  assert.equal(reopened.get(account(N + 5)), undefined);

  // Proofs from the on-disk trie verify against the root alone.
  const proof = reopened.createProof(account(777));
  assert.deepEqual(SecureTrie.verifyProof(root1, account(777), proof), value(777, 1));
  assert.deepEqual(verifyProof(root1, keccak256(account(777)), proof), value(777, 1));
  assert.equal(SecureTrie.verifyProof(root1, account(N + 5), reopened.createProof(account(N + 5))), undefined);

  // Round 2: a few updates on top of loaded nodes write only the changed paths.
  const before = [...kv.iterate()].length;
  for (let i = 0; i < 10; i++) reopened.put(account(i), value(i, 2));
  reopened.delete(account(10));
  const { root: root2, nodes } = reopened.commit();
  assert.ok(nodes.length > 0 && nodes.length <= 11 * 6, `changed nodes: ${nodes.length}`);
  kv.write([...nodes, { type: "put", key: HEAD, value: root2 }]);
  assert.equal([...kv.iterate()].length, before + nodes.length, "old nodes stay (hash-keyed store, no pruning)");
  await kv.close();

  // Both roots remain readable: the old state is still there for reorgs and historical proofs.
  kv = LmdbKv.open(dir);
  const latest = new SecureTrie(kv, kv.get(HEAD));
  assert.deepEqual(latest.get(account(3)), value(3, 2));
  assert.equal(latest.get(account(10)), undefined);
  assert.deepEqual(latest.get(account(11)), value(11, 1));
  const old = new SecureTrie(kv, root1);
  assert.deepEqual(old.get(account(3)), value(3, 1));

  // The same map built from scratch in memory has the same root.
  const check = new Trie();
  for (let i = 0; i < N; i++) if (i !== 10) check.put(keccak256(account(i)), value(i, i < 10 ? 2 : 1));
  assert.deepEqual(check.root(), root2);
  await kv.close();
});
