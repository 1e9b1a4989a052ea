/**
 * trie/trie: the Merkle-Patricia trie (yellow paper appendix D) over a node store.
 *
 * A trie is opened at a root over a `TrieNodeStore`; nodes are loaded lazily (trie/loader).
 * Updates build new nodes along the changed path and leave every other subtree, with its
 * memoized hash, untouched (trie/node), so `root()` after a batch of updates hashes only the
 * changed paths. `commit()` returns the root and the new nodes without writing them, so the
 * caller can put them into the same database transaction as the rest of a block; `persist()`
 * is commit plus a write to the trie's own store.
 *
 * Copies (`copy()`) share nodes and are O(1); committing one marks the shared new nodes clean
 * in both, so copies are for read-only snapshots and for discarding speculative changes, and
 * should commit into the same store.
 *
 * Path copying has one exception, for speed (a block updates thousands of keys between two
 * `root()` calls, and each update would otherwise copy the same upper branches again): a node
 * this trie created (`owner`) whose reference is not computed yet is changed in place. No one
 * else can see such a node: it is reachable only from this trie's newer nodes (an ancestor of
 * a node without a reference has none either), and `copy()` gives both tries new owners, so
 * nodes shared with a copy are never changed.
 */

import { keccak256 } from "../crypto/index.js";
import { equalBytes } from "../primitives/index.js";
import { TrieError } from "./errors.js";
import type { TrieEntry, TrieRange } from "./iterate.js";
import { iterateTrie } from "./iterate.js";
import type { ResolvedNode } from "./loader.js";
import { NodeLoader } from "./loader.js";
import { bytesToNibbles, commonPrefixLength, concatNibbles, nibbleAt } from "./nibbles.js";
import type { BranchNode, Hasher, TrieNode } from "./node.js";
import { branchNode, EMPTY_TRIE_ROOT, emptyChildren, extNode, hashNode, leafNode, nodeRef } from "./node.js";
import { createProofFromRoot } from "./proof.js";
import type { TrieNodePut, TrieNodeStore } from "./store.js";
import { MemoryNodeStore } from "./store.js";

export interface TrieOptions {
  /** keccak256 unless given; injectable so tests can count hashing work. */
  hasher?: Hasher;
}

export interface TrieCommit {
  root: Uint8Array;
  /** Nodes created since the last commit, as puts keyed by node hash. */
  nodes: TrieNodePut[];
}

export class Trie {
  private rootNode: TrieNode | null;
  private readonly loader: NodeLoader;
  /** Marks the nodes this trie may change in place (see the header); renewed by `copy()`. */
  private owner: object = {};

  constructor(store: TrieNodeStore = new MemoryNodeStore(), root: Uint8Array = EMPTY_TRIE_ROOT, options: TrieOptions = {}) {
    if (root.length !== 32) throw new TrieError(`a trie root is 32 bytes, got ${root.length}`);
    this.loader = new NodeLoader(store, options.hasher ?? keccak256);
    this.rootNode = equalBytes(root, EMPTY_TRIE_ROOT) ? null : hashNode(root.slice());
  }

  get store(): TrieNodeStore {
    return this.loader.store;
  }

  /** A trie sharing this one's nodes and store; changes to either do not affect the other. */
  copy(): Trie {
    const t = new Trie(this.loader.store, EMPTY_TRIE_ROOT, { hasher: this.loader.hasher });
    t.rootNode = this.rootNode;
    // The nodes are shared from now on: neither trie may change them in place.
    this.owner = {};
    return t;
  }

  /** The value at key, or undefined. The array is the trie's own: read it, do not modify it. */
  get(key: Uint8Array): Uint8Array | undefined {
    let node = this.resolvedRoot();
    const end = key.length * 2;
    let pos = 0;
    while (node !== null) {
      switch (node.kind) {
        case "leaf": {
          const path = node.path;
          if (path.length !== end - pos) return undefined;
          for (let i = 0; i < path.length; i++) if (path[i] !== nibbleAt(key, pos + i)) return undefined;
          return node.value;
        }
        case "ext": {
          const path = node.path;
          if (path.length > end - pos) return undefined;
          for (let i = 0; i < path.length; i++) if (path[i] !== nibbleAt(key, pos + i)) return undefined;
          pos += path.length;
          node = this.loader.extChild(node);
          break;
        }
        case "branch":
          if (pos === end) return node.value ?? undefined;
          node = this.loader.branchChild(node, nibbleAt(key, pos++));
          break;
      }
    }
    return undefined;
  }

  /** Sets key to value; an empty value deletes the key (a trie never stores empty values). */
  put(key: Uint8Array, value: Uint8Array): void {
    if (value.length === 0) {
      this.delete(key);
      return;
    }
    // Copied so that a caller reusing its buffer cannot change a value already hashed.
    this.rootNode = this.insert(this.resolvedRoot(), bytesToNibbles(key), 0, value.slice());
  }

  /**
   * `put` without the copy: the trie keeps `value` itself, so the caller hands over a fresh
   * array (an encoding made for this put) and never changes it afterwards.
   */
  putOwned(key: Uint8Array, value: Uint8Array): void {
    if (value.length === 0) {
      this.delete(key);
      return;
    }
    this.rootNode = this.insert(this.resolvedRoot(), bytesToNibbles(key), 0, value);
  }

  delete(key: Uint8Array): void {
    const root = this.resolvedRoot();
    if (root === null) return;
    this.rootNode = this.remove(root, bytesToNibbles(key), 0);
  }

  /** The root hash; hashes only nodes changed since their reference was last computed. */
  root(): Uint8Array {
    const node = this.rootNode;
    if (node === null) return EMPTY_TRIE_ROOT;
    if (node.kind === "hash") return node.hash;
    const ref = nodeRef(node, this.loader.hasher);
    // The root is always hashed, even when its encoding is short enough to be inlined.
    if (node.hash === undefined) node.hash = this.loader.hasher(ref);
    return node.hash;
  }

  /**
   * Computes the root and collects the nodes created since the last commit, which are then
   * considered stored: the caller must write `nodes` to this trie's store (or to a batch that
   * reaches it).
   */
  commit(): TrieCommit {
    const root = this.root();
    const nodes: TrieNodePut[] = [];
    const node = this.rootNode;
    if (node?.dirty) collectDirty(node, true, nodes);
    return { root, nodes };
  }

  /** commit() and write the new nodes to the trie's store; returns the root. */
  persist(): Uint8Array {
    const { root, nodes } = this.commit();
    if (nodes.length > 0) this.loader.store.write(nodes);
    return root;
  }

  /** Entries in key order (or reverse) within [gte, lt). Keys are the trie's raw keys. */
  entries(range: TrieRange = {}): Iterable<TrieEntry> {
    return iterateTrie(this.loader, this.resolvedRoot(), range);
  }

  /** The smallest key strictly greater than `key`, if any. */
  nextKey(key: Uint8Array): Uint8Array | undefined {
    // The immediate successor of a byte string in lexicographic order is the string plus 0x00.
    const successor = new Uint8Array(key.length + 1);
    successor.set(key, 0);
    for (const e of this.entries({ gte: successor })) return e.key;
    return undefined;
  }

  /** The largest key strictly smaller than `key`, if any. */
  prevKey(key: Uint8Array): Uint8Array | undefined {
    for (const e of this.entries({ lt: key, reverse: true })) return e.key;
    return undefined;
  }

  /** EIP-1186 proof: the RLP of every hashed node on the key's path, root first. */
  createProof(key: Uint8Array): Uint8Array[] {
    this.root(); // memoize references so that each node's encoding is cheap to rebuild
    return createProofFromRoot(this.loader, this.resolvedRoot(), key);
  }

  private resolvedRoot(): ResolvedNode | null {
    const node = this.rootNode;
    if (node === null || node.kind !== "hash") return node;
    const loaded = this.loader.load(node, true);
    this.rootNode = loaded;
    return loaded;
  }

  /** True if this trie may change `node` in place (see the header). */
  private mutable(node: TrieNode): boolean {
    // A hashed node may have its hash without a reference array (node.ts refLength).
    return node.owner === this.owner && node.ref === undefined && node.hash === undefined;
  }

  /**
   * Returns the node after putting key below it: the same node if nothing changed or if it
   * was changed in place (then its ancestors have no reference to invalidate either).
   */
  private insert(node: ResolvedNode | null, key: Uint8Array, pos: number, value: Uint8Array): ResolvedNode {
    const owner = this.owner;
    if (node === null) return leafNode(key.subarray(pos), value, owner);
    switch (node.kind) {
      case "leaf": {
        const common = commonPrefixLength(node.path, key, pos);
        if (common === node.path.length && pos + common === key.length) {
          // Same key: keep the node (and its memoized hash) if nothing changes.
          if (equalBytes(node.value, value)) return node;
          if (this.mutable(node)) {
            node.value = value;
            return node;
          }
          return leafNode(node.path, value, owner);
        }
        const branch = branchNode(emptyChildren(), null, owner);
        if (common === node.path.length) branch.value = node.value;
        else branch.children[node.path[common]!] = leafNode(node.path.subarray(common + 1), node.value, owner);
        putBelow(branch, key, pos + common, value, owner);
        return common > 0 ? extNode(node.path.subarray(0, common), branch, owner) : branch;
      }
      case "ext": {
        const common = commonPrefixLength(node.path, key, pos);
        if (common === node.path.length) {
          const child = this.loader.extChild(node);
          const updated = this.insert(child, key, pos + common, value);
          if (updated === child) return node;
          if (this.mutable(node)) {
            node.child = updated;
            return node;
          }
          return extNode(node.path, updated, owner);
        }
        // The key leaves the extension part-way: split it around a new branch.
        const branch = branchNode(emptyChildren(), null, owner);
        const rest = node.path.subarray(common + 1);
        branch.children[node.path[common]!] = rest.length === 0 ? node.child : extNode(rest, node.child, owner);
        putBelow(branch, key, pos + common, value, owner);
        return common > 0 ? extNode(node.path.subarray(0, common), branch, owner) : branch;
      }
      case "branch": {
        if (pos === key.length) {
          if (node.value !== null && equalBytes(node.value, value)) return node;
          if (this.mutable(node)) {
            node.value = value;
            return node;
          }
          return branchNode(node.children.slice(), value, owner);
        }
        const i = key[pos]!;
        const child = this.loader.branchChild(node, i);
        const updated = this.insert(child, key, pos + 1, value);
        if (updated === child) return node;
        if (this.mutable(node)) {
          node.children[i] = updated;
          return node;
        }
        const children = node.children.slice();
        children[i] = updated;
        return branchNode(children, node.value, owner);
      }
    }
  }

  /** Returns the node after deleting key below it: the same node if the key was absent. */
  private remove(node: ResolvedNode, key: Uint8Array, pos: number): ResolvedNode | null {
    switch (node.kind) {
      case "leaf": {
        const common = commonPrefixLength(node.path, key, pos);
        return common === node.path.length && pos + common === key.length ? null : node;
      }
      case "ext": {
        const common = commonPrefixLength(node.path, key, pos);
        if (common < node.path.length) return node;
        const child = this.loader.extChild(node);
        const updated = this.remove(child, key, pos + common);
        if (updated === child) return node;
        return this.joinPath(node.path, updated);
      }
      case "branch": {
        if (pos === key.length) {
          if (node.value === null) return node;
          return this.collapse(branchNode(node.children.slice(), null));
        }
        const i = key[pos]!;
        const child = this.loader.branchChild(node, i);
        if (child === null) return node;
        const updated = this.remove(child, key, pos + 1);
        if (updated === child) return node;
        const children = node.children.slice();
        children[i] = updated;
        return this.collapse(branchNode(children, node.value));
      }
    }
  }

  /** Puts `path` in front of `node`, merging with a leaf's or extension's own path. */
  private joinPath(path: Uint8Array, node: ResolvedNode | null): ResolvedNode | null {
    if (node === null) return null;
    if (path.length === 0) return node;
    switch (node.kind) {
      case "leaf":
        return leafNode(concatNibbles(path, node.path), node.value);
      case "ext":
        return extNode(concatNibbles(path, node.path), node.child);
      case "branch":
        return extNode(path, node);
    }
  }

  /** A branch left with fewer than two entries after a delete turns into a leaf or extension. */
  private collapse(branch: BranchNode): ResolvedNode | null {
    let only = -1;
    let count = branch.value !== null ? 1 : 0;
    for (let i = 0; i < 16; i++) {
      if (branch.children[i] !== null) {
        count++;
        only = i;
        if (count > 1) return branch;
      }
    }
    if (count === 0) return null;
    if (only === -1) return leafNode(new Uint8Array(0), branch.value!);
    // The remaining child must be loaded to merge its path with the slot's nibble.
    return this.joinPath(Uint8Array.of(only), this.loader.branchChild(branch, only));
  }
}

/** Fills the branch slot (or value) where `key[pos..]` goes, with a new leaf. */
function putBelow(branch: BranchNode, key: Uint8Array, pos: number, value: Uint8Array, owner: object): void {
  if (pos === key.length) branch.value = value;
  else branch.children[key[pos]!] = leafNode(key.subarray(pos + 1), value, owner);
}

function collectDirty(node: TrieNode, isRoot: boolean, out: TrieNodePut[]): void {
  if (!node.dirty) return;
  const enc = node.enc!;
  // Inline nodes live inside their parent's encoding; only hashed ones (and the root) are stored.
  if (isRoot || enc.length >= 32) out.push({ type: "put", key: node.hash!, value: enc });
  node.dirty = false;
  node.enc = undefined;
  if (node.kind === "branch") {
    for (const c of node.children) if (c !== null) collectDirty(c, false, out);
  } else if (node.kind === "ext") {
    collectDirty(node.child, false, out);
  }
}
