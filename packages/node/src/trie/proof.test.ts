import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { keccak256 } from "../crypto/index.js";
import { utf8ToBytes } from "../primitives/index.js";
import { encodeRlp } from "../rlp/index.js";
import { TrieError } from "./errors.js";
import { EMPTY_TRIE_ROOT } from "./node.js";
import { verifyProof } from "./proof.js";
import { SecureTrie } from "./secure.js";
import { MemoryNodeStore } from "./store.js";
import { Trie } from "./trie.js";

const u = utf8ToBytes;
const key32 = (i: number): Uint8Array => keccak256(encodeRlp(i));

describe("Merkle proofs (EIP-1186)", () => {
  const trie = new Trie();
  for (let i = 0; i < 400; i++) trie.put(key32(i), u(`value number ${i}`));
  const root = trie.root();

  test("a present key proves its value; the proof starts at the root", () => {
    const proof = trie.createProof(key32(17));
    assert.deepEqual(keccak256(proof[0]!), root);
    assert.ok(proof.length >= 2 && proof.length <= 6);
    for (const node of proof.slice(1)) assert.ok(node.length >= 32, "only hashed nodes are listed");
    assert.deepEqual(verifyProof(root, key32(17), proof), u("value number 17"));
  });

  test("an absent key proves absence", () => {
    const absent = key32(100000);
    const proof = trie.createProof(absent);
    assert.ok(proof.length >= 1);
    assert.equal(verifyProof(root, absent, proof), undefined);
    // A key that is a prefix of stored keys ends at a branch without a value.
    assert.equal(verifyProof(root, key32(17).subarray(0, 1), trie.createProof(key32(17).subarray(0, 1))), undefined);
  });

  test("a flipped byte or a dropped node is caught; node order does not matter", () => {
    const key = key32(5);
    const proof = trie.createProof(key);
    for (let n = 0; n < proof.length; n++) {
      const flipped = proof.map((p) => p.slice());
      flipped[n]![flipped[n]!.length - 1]! ^= 1;
      assert.throws(() => verifyProof(root, key, flipped), TrieError, `flipped byte in node ${n}`);
      const dropped = proof.filter((_, i) => i !== n);
      assert.throws(() => verifyProof(root, key, dropped), TrieError, `dropped node ${n}`);
    }
    assert.throws(() => verifyProof(keccak256(u("other root")), key, proof), TrieError);
    // Order does not matter to verification (nodes are found by hash), as in go-ethereum.
    assert.deepEqual(verifyProof(root, key, [...proof].reverse()), u("value number 5"));
  });

  test("a proof of one key is no proof of another key further down", () => {
    const proof = trie.createProof(key32(1));
    // key32(2) shares at most the first nodes; its leaf is not in this proof.
    assert.throws(() => verifyProof(root, key32(2), proof), TrieError);
  });

  test("inline nodes: small tries prove with the root alone", () => {
    const small = new Trie();
    small.put(u("a"), u("1"));
    small.put(u("b"), u("2"));
    const proof = small.createProof(u("a"));
    assert.equal(proof.length, 1, "children under 32 bytes are inside the root's encoding");
    assert.deepEqual(verifyProof(small.root(), u("a"), proof), u("1"));
    assert.equal(verifyProof(small.root(), u("c"), proof), undefined);
  });

  test("the empty trie proves absence with an empty proof", () => {
    assert.deepEqual(new Trie().createProof(u("x")), []);
    assert.equal(verifyProof(EMPTY_TRIE_ROOT, u("x"), []), undefined);
  });

  test("malformed proof nodes are TrieErrors", () => {
    const junk = Uint8Array.of(0xc3, 0x80, 0x80, 0x80);
    assert.throws(() => verifyProof(keccak256(junk), u("x"), [junk]), TrieError);
    const notRlp = Uint8Array.of(0xff, 0x00);
    assert.throws(() => verifyProof(keccak256(notRlp), u("x"), [notRlp]), TrieError);
  });

  test("proofs from a reopened trie match proofs from the live one", () => {
    const store = new MemoryNodeStore();
    const t = new Trie(store);
    for (let i = 0; i < 100; i++) t.put(key32(i), u(`v${i}`));
    const r = t.persist();
    const again = new Trie(store, r);
    assert.deepEqual(again.createProof(key32(9)), t.createProof(key32(9)));
  });

  test("secure trie proofs are taken on keccak256(key)", () => {
    const s = new SecureTrie();
    s.put(u("alice"), u("100"));
    s.put(u("bob"), u("200"));
    const proof = s.createProof(u("alice"));
    assert.deepEqual(SecureTrie.verifyProof(s.root(), u("alice"), proof), u("100"));
    assert.deepEqual(verifyProof(s.root(), keccak256(u("alice")), proof), u("100"));
    assert.equal(SecureTrie.verifyProof(s.root(), u("carol"), s.createProof(u("carol"))), undefined);
  });
});
