/**
 * trie/loader: lazy loading of stored nodes. A child that is still a hash reference is read from
 * the store and decoded the first time a walk needs it, then replaced in its parent's slot so
 * later walks find it in memory. The replacement does not change what the parent encodes (the
 * resolved node keeps the same reference), so it is safe even in nodes shared between copies.
 * A trie therefore holds in memory every node it has touched; open a fresh trie at a root to
 * start from an empty cache.
 */
import { bytesToHex } from "../primitives/index.js";
import { TrieError } from "./errors.js";
import type { BranchNode, ExtNode, Hasher, HashNode, LeafNode, TrieNode } from "./node.js";
import { decodeNode } from "./node.js";
import type { TrieNodeStore } from "./store.js";

export type ResolvedNode = LeafNode | ExtNode | BranchNode;

export class NodeLoader {
  constructor(
    readonly store: TrieNodeStore,
    readonly hasher: Hasher,
  ) {}

  /** Loads a stored node. Only a root may encode to under 32 bytes: a child that small is inlined. */
  load(ref: HashNode, isRoot = false): ResolvedNode {
    const cache = this.store.decoded;
    if (cache !== undefined) {
      const hit = cache.get(ref.hash);
      if (hit !== undefined) return hit;
    }
    const encoded = this.store.get(ref.hash);
    if (encoded === undefined) throw new TrieError(`missing trie node ${bytesToHex(ref.hash)}`);
    if (!isRoot && encoded.length < 32) throw new TrieError(`stored node ${bytesToHex(ref.hash)} is too small to be hash-referenced`);
    const node = decodeNode(encoded, ref.hash);
    return cache === undefined ? node : cache.add(ref.hash, node, encoded.length);
  }

  resolve(node: TrieNode): ResolvedNode {
    return node.kind === "hash" ? this.load(node) : node;
  }

  /** The branch's child in slot i, loaded (and cached in the slot) if needed. */
  branchChild(branch: BranchNode, i: number): ResolvedNode | null {
    const c = branch.children[i]!;
    if (c === null || c.kind !== "hash") return c;
    const loaded = this.load(c);
    branch.children[i] = loaded;
    return loaded;
  }

  extChild(ext: ExtNode): ResolvedNode {
    const c = ext.child;
    if (c.kind !== "hash") return c;
    const loaded = this.load(c);
    ext.child = loaded;
    return loaded;
  }
}
