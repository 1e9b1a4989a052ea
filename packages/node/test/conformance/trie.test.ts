/**
 * Conformance: TrieTests from ethereum/tests.
 * - trietest*.json: "in" is a list of [key, value] applied in order (null value = delete);
 * - trieanyorder*.json, hex_encoded_securetrie_test.json: "in" is a key -> value map, whose root
 *   must not depend on insertion order (checked forwards and backwards);
 * - *secureTrie* / *securetrie*: keys are hashed with keccak256 (SecureTrie);
 * - trietestnextprev.json: "in" lists keys, "tests" are [key, previous key, next key] with ""
 *   for none.
 * Strings starting with 0x are hex, others UTF-8. Besides the expected root, every vector is
 * persisted, reopened from its store at the root, read back, and proven for each final key.
 *
 * A second runner checks `orderedTrieRoot` against real block headers: the transactions and
 * withdrawals roots of every block in BlockchainTests/ValidBlocks.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { basename } from "node:path";
import { test } from "node:test";
import { bytesToHex, bytesToUtf8, hexToBytes, utf8ToBytes } from "../../src/primitives/index.js";
import type { RlpItem } from "../../src/rlp/index.js";
import { decodeRlp, encodeRlp, expectList } from "../../src/rlp/index.js";
import { MemoryNodeStore, orderedTrieRoot, SecureTrie, Trie, verifyProof } from "../../src/trie/index.js";
import { fixturePath, listJsonFiles } from "../fixtures.js";

interface RootCase {
  in: [string, string | null][] | Record<string, string | null>;
  root: string;
}

interface NextPrevCase {
  in: string[];
  tests: [string, string, string][];
}

const decode = (s: string): Uint8Array => (s.startsWith("0x") ? hexToBytes(s) : utf8ToBytes(s));

interface AnyTrie {
  put(k: Uint8Array, v: Uint8Array): void;
  delete(k: Uint8Array): void;
  get(k: Uint8Array): Uint8Array | undefined;
  root(): Uint8Array;
  persist(): Uint8Array;
  createProof(k: Uint8Array): Uint8Array[];
}

function build(secure: boolean, store: MemoryNodeStore, ops: [string, string | null][]): AnyTrie {
  const trie: AnyTrie = secure ? new SecureTrie(store) : new Trie(store);
  for (const [k, v] of ops) {
    if (v === null) trie.delete(decode(k));
    else trie.put(decode(k), decode(v));
  }
  return trie;
}

/** The map of keys to values left after applying the ops (empty value = absent). */
function finalMap(ops: [string, string | null][]): Map<string, Uint8Array> {
  const m = new Map<string, Uint8Array>();
  for (const [k, v] of ops) {
    const key = bytesToHex(decode(k));
    const value = v === null ? new Uint8Array(0) : decode(v);
    if (value.length === 0) m.delete(key);
    else m.set(key, value);
  }
  return m;
}

function checkRootCase(label: string, secure: boolean, c: RootCase): void {
  const orders: [string, string | null][][] = Array.isArray(c.in) ? [c.in] : [Object.entries(c.in), Object.entries(c.in).reverse()];
  for (const ops of orders) {
    const store = new MemoryNodeStore();
    const trie = build(secure, store, ops);
    assert.equal(bytesToHex(trie.root()), c.root, `${label}: root`);
    const root = trie.persist();
    const reopened: AnyTrie = secure ? new SecureTrie(store, root) : new Trie(store, root);
    assert.equal(bytesToHex(reopened.root()), c.root, `${label}: root after reopen`);
    for (const [k, v] of finalMap(ops)) {
      const key = hexToBytes(k);
      assert.deepEqual(reopened.get(key), v, `${label}: get ${k}`);
      const proof = reopened.createProof(key);
      const proven = secure ? SecureTrie.verifyProof(root, key, proof) : verifyProof(root, key, proof);
      assert.deepEqual(proven, v, `${label}: proof of ${k}`);
    }
  }
}

function checkNextPrev(label: string, c: NextPrevCase): void {
  const trie = new Trie();
  for (const k of c.in) trie.put(utf8ToBytes(k), utf8ToBytes(k));
  const show = (k: Uint8Array | undefined): string => (k === undefined ? "" : bytesToUtf8(k));
  for (const [key, prev, next] of c.tests) {
    assert.equal(show(trie.prevKey(utf8ToBytes(key))), prev, `${label}: prev of "${key}"`);
    assert.equal(show(trie.nextKey(utf8ToBytes(key))), next, `${label}: next of "${key}"`);
  }
}

test("TrieTests conformance", () => {
  const dir = fixturePath("TrieTests");
  if (!dir) return;
  let passed = 0;
  let failed = 0;
  const skipped = 0;
  const failures: string[] = [];
  for (const file of listJsonFiles(dir)) {
    const name = basename(file);
    const cases = JSON.parse(readFileSync(file, "utf8")) as Record<string, RootCase | NextPrevCase>;
    const secure = /securetrie/i.test(name);
    for (const [caseName, c] of Object.entries(cases)) {
      const label = `${name}:${caseName}`;
      try {
        if ("tests" in c) checkNextPrev(label, c);
        else checkRootCase(label, secure, c);
        passed++;
      } catch (e) {
        failed++;
        failures.push(`${label}: ${(e as Error).message}`);
      }
    }
  }
  console.log(`TrieTests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
  assert.deepEqual(failures, []);
  assert.ok(passed >= 25, "expected the full TrieTests set");
});

interface BlockCase {
  blocks: { rlp: string; blockHeader?: { transactionsTrie: string; withdrawalsRoot?: string } }[];
}

/** A list item as it is hashed into the root: typed transactions are already byte strings. */
const itemBytes = (item: RlpItem): Uint8Array => (Array.isArray(item) ? encodeRlp(item) : item);

test("orderedTrieRoot matches block headers (BlockchainTests/ValidBlocks)", () => {
  const dir = fixturePath("BlockchainTests/ValidBlocks");
  if (!dir) return;
  let passed = 0;
  let skipped = 0;
  const failures: string[] = [];
  for (const file of listJsonFiles(dir)) {
    const cases = JSON.parse(readFileSync(file, "utf8")) as Record<string, BlockCase>;
    for (const [name, c] of Object.entries(cases)) {
      c.blocks.forEach((block, i) => {
        const header = block.blockHeader;
        if (!header) {
          skipped++; // an invalid block carried in a valid-chain test has no decoded header
          return;
        }
        const label = `${basename(file)}:${name}:block ${i}`;
        try {
          const body = expectList(decodeRlp(hexToBytes(block.rlp)), "block");
          const txs = expectList(body[1]!, "transactions").map(itemBytes);
          assert.equal(bytesToHex(orderedTrieRoot(txs)), header.transactionsTrie, `${label}: transactions root`);
          if (header.withdrawalsRoot !== undefined) {
            const withdrawals = expectList(body[3]!, "withdrawals").map(itemBytes);
            assert.equal(bytesToHex(orderedTrieRoot(withdrawals)), header.withdrawalsRoot, `${label}: withdrawals root`);
          }
          passed++;
        } catch (e) {
          failures.push(`${label}: ${(e as Error).message}`);
        }
      });
    }
  }
  console.log(`orderedTrieRoot over block headers: ${passed} passed, ${failures.length} failed, ${skipped} skipped`);
  assert.deepEqual(failures, []);
  assert.ok(passed > 100, "expected the ValidBlocks set");
});
