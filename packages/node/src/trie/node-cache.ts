/**
 * trie/node-cache: a bounded cache of decoded trie nodes keyed by their hash, shared by every
 * trie opened over one node store (chain.stateAt gives each fresh StateDb the chain's cache).
 *
 * Why: JSON-RPC reads (eth_call, eth_getBalance, ...) open a new StateDb at the head's root per
 * request and used to walk the account and storage tries from the database again, decoding the
 * RLP of every node on the way. Nodes are content-addressed (a hash always means the same
 * node), so a decoded node can be reused by any trie at any root without invalidation, the way
 * geth's clean trie cache works.
 *
 * Sharing rule: the cache keeps a pristine copy of each node and hands out shallow copies. A
 * trie resolves hash children in place (trie/loader), so a shared node would otherwise grow the
 * whole subtree that any request ever touched, and the cache's memory would be unbounded. Trie
 * updates never mutate a node's content (path copying, trie/trie), so a leaf can be shared as
 * is and a branch or extension needs only its own object and child slots copied. Inline
 * children are never resolved in place (an inline node holds no hash reference), so they are
 * shared too.
 *
 * Bound: two generations of at most GENERATION_SIZE entries each (a hit in the old generation
 * moves the entry to the new one; when the new one is full the old one is dropped), so at most
 * 2 * 4096 nodes. A decoded branch of 16 hashed children is about 3 KB (its encoding, which the
 * child hashes are views into, plus 16 small objects), so the cache holds at most about 25 MB.
 * Only nodes encoding to 32 bytes or more are cached: smaller ones exist only as a root, and
 * keeping them out keeps the loader's "too small to be hash-referenced" check exact.
 */
import type { BranchNode, ExtNode, LeafNode } from "./node.js";
import type { DecodedNodes, TrieNodePut, TrieNodeStore } from "./store.js";

type ResolvedNode = LeafNode | ExtNode | BranchNode;

const GENERATION_SIZE = 4096;

interface Entry {
  readonly hash: Uint8Array;
  readonly node: ResolvedNode;
}

/** A 48-bit number from the hash's first six bytes: a cheap Map key (the entry keeps the full hash). */
function shortKey(h: Uint8Array): number {
  return h[0]! * 0x10000000000 + h[1]! * 0x100000000 + ((h[2]! << 24) >>> 0) + ((h[3]! << 16) | (h[4]! << 8) | h[5]!);
}

function sameHash(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = a.length - 1; i >= 0; i--) if (a[i] !== b[i]) return false;
  return true;
}

/** A copy that the caller may resolve children into without touching the cached node. */
function shallowCopy(node: ResolvedNode): ResolvedNode {
  switch (node.kind) {
    case "leaf":
      return node;
    case "ext":
      return { ...node };
    case "branch":
      return { ...node, children: node.children.slice() };
  }
}

export class DecodedNodeCache implements DecodedNodes {
  private young = new Map<number, Entry>();
  private old = new Map<number, Entry>();
  hits = 0;
  misses = 0;

  constructor(private readonly generationSize: number = GENERATION_SIZE) {}

  get size(): number {
    return this.young.size + this.old.size;
  }

  /** A private copy of the cached node with this hash, or undefined. */
  get(hash: Uint8Array): ResolvedNode | undefined {
    const k = shortKey(hash);
    let e = this.young.get(k);
    if (e === undefined) {
      e = this.old.get(k);
      if (e !== undefined && sameHash(e.hash, hash)) this.insert(k, e);
    }
    if (e === undefined || !sameHash(e.hash, hash)) {
      this.misses++;
      return undefined;
    }
    this.hits++;
    return shallowCopy(e.node);
  }

  /**
   * Caches a freshly decoded node (which must not have been handed to a trie yet) and returns
   * the copy to use. `encodedLength` is the size of its RLP; small nodes are not cached.
   */
  add(hash: Uint8Array, node: ResolvedNode, encodedLength: number): ResolvedNode {
    if (encodedLength < 32) return node;
    this.insert(shortKey(hash), { hash, node });
    return shallowCopy(node);
  }

  clear(): void {
    this.young = new Map();
    this.old = new Map();
  }

  private insert(k: number, e: Entry): void {
    if (this.young.size >= this.generationSize) {
      this.old = this.young;
      this.young = new Map();
    }
    this.young.set(k, e);
  }
}

/** A node store whose tries share `cache` (the loader looks for the `decoded` member). */
export class CachedNodeStore implements TrieNodeStore {
  constructor(
    private readonly inner: TrieNodeStore,
    readonly decoded: DecodedNodeCache,
  ) {}

  get(hash: Uint8Array): Uint8Array | undefined {
    return this.inner.get(hash);
  }

  write(ops: readonly TrieNodePut[]): void {
    this.inner.write(ops);
  }
}
