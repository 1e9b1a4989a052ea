/**
 * trie/store: the node store port. Nodes are stored by hash (key: the 32-byte keccak256 of the
 * node's RLP, value: that RLP). The port is shaped so that kv's `KvStore` and `KvBatch` satisfy
 * it structurally: the trie never imports kv (they are siblings), and the layer that owns the
 * database decides whether trie nodes go straight to disk or into the block's write batch.
 */
import { bytesToLatin1 } from "../primitives/index.js";
import type { BranchNode, ExtNode, LeafNode } from "./node.js";

export interface TrieNodePut {
  type: "put";
  key: Uint8Array;
  value: Uint8Array;
}

export interface TrieNodeStore {
  get(hash: Uint8Array): Uint8Array | undefined;
  write(ops: readonly TrieNodePut[]): void;
  /** Decoded nodes shared by the tries over this store (trie/node-cache), when it has them. */
  readonly decoded?: DecodedNodes;
}

/** What the loader asks of a decoded-node cache (trie/node-cache's DecodedNodeCache). */
export interface DecodedNodes {
  /** A copy of the cached node with this hash that the caller may resolve children into. */
  get(hash: Uint8Array): LeafNode | ExtNode | BranchNode | undefined;
  /** Caches a freshly decoded node and returns the copy to use. */
  add(hash: Uint8Array, node: LeafNode | ExtNode | BranchNode, encodedLength: number): LeafNode | ExtNode | BranchNode;
}

const keyString = bytesToLatin1;

/** In-memory node store, for tests and for tries that never reach disk. */
export class MemoryNodeStore implements TrieNodeStore {
  private readonly nodes = new Map<string, Uint8Array>();

  get size(): number {
    return this.nodes.size;
  }

  get(hash: Uint8Array): Uint8Array | undefined {
    return this.nodes.get(keyString(hash));
  }

  write(ops: readonly TrieNodePut[]): void {
    for (const op of ops) this.nodes.set(keyString(op.key), op.value);
  }
}
