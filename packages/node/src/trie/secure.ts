/**
 * trie/secure: the "secure" trie of the state and storage tries, where every key is replaced by
 * keccak256(key) before it reaches the trie (yellow paper 4.1). Hashing keys bounds the depth an
 * attacker can force and spreads keys evenly. Iteration and proofs see hashed keys; the
 * preimages are not kept here.
 */
import { keccak256 } from "../crypto/index.js";
import type { TrieEntry, TrieRange } from "./iterate.js";
import type { Hasher } from "./node.js";
import { EMPTY_TRIE_ROOT } from "./node.js";
import { verifyProof } from "./proof.js";
import type { TrieNodeStore } from "./store.js";
import { MemoryNodeStore } from "./store.js";
import type { TrieCommit, TrieOptions } from "./trie.js";
import { Trie } from "./trie.js";

export class SecureTrie {
  private inner: Trie;
  private readonly hasher: Hasher;

  constructor(store: TrieNodeStore = new MemoryNodeStore(), root: Uint8Array = EMPTY_TRIE_ROOT, options: TrieOptions = {}) {
    this.hasher = options.hasher ?? keccak256;
    this.inner = new Trie(store, root, options);
  }

  /** The underlying trie, keyed by hashed keys. */
  get trie(): Trie {
    return this.inner;
  }

  copy(): SecureTrie {
    const s = new SecureTrie(this.inner.store, EMPTY_TRIE_ROOT, { hasher: this.hasher });
    s.inner = this.inner.copy();
    return s;
  }

  get(key: Uint8Array): Uint8Array | undefined {
    return this.trie.get(this.hasher(key));
  }

  put(key: Uint8Array, value: Uint8Array): void {
    this.trie.put(this.hasher(key), value);
  }

  delete(key: Uint8Array): void {
    this.trie.delete(this.hasher(key));
  }

  /** keccak256(key): the path `get`/`put` use, for callers that keep it between the two. */
  hashKey(key: Uint8Array): Uint8Array {
    return this.hasher(key);
  }

  /** `get` by an already hashed key (`hashKey`). */
  getHashed(hashedKey: Uint8Array): Uint8Array | undefined {
    return this.trie.get(hashedKey);
  }

  /**
   * `put` by an already hashed key (`hashKey`), keeping `value` without a copy (`putOwned`):
   * callers pass a fresh encoding and do not change it afterwards.
   */
  putHashed(hashedKey: Uint8Array, value: Uint8Array): void {
    this.trie.putOwned(hashedKey, value);
  }

  /** `delete` by an already hashed key (`hashKey`). */
  deleteHashed(hashedKey: Uint8Array): void {
    this.trie.delete(hashedKey);
  }

  root(): Uint8Array {
    return this.trie.root();
  }

  commit(): TrieCommit {
    return this.trie.commit();
  }

  persist(): Uint8Array {
    return this.trie.persist();
  }

  /** Entries keyed by hashed key, in hashed-key order. */
  entries(range?: TrieRange): Iterable<TrieEntry> {
    return this.trie.entries(range);
  }

  /** Proof for the unhashed key (the path is keccak256(key), as eth_getProof does). */
  createProof(key: Uint8Array): Uint8Array[] {
    return this.trie.createProof(this.hasher(key));
  }

  static verifyProof(root: Uint8Array, key: Uint8Array, proof: readonly Uint8Array[], hasher: Hasher = keccak256): Uint8Array | undefined {
    return verifyProof(root, hasher(key), proof, hasher);
  }
}
