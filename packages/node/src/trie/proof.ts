/**
 * trie/proof: Merkle proofs in the form eth_getProof (EIP-1186) returns and verifies.
 *
 * A proof is the list of RLP-encoded nodes on a key's path, root first, as go-ethereum builds
 * it: the root always, then every node referenced by hash. Nodes inlined in their parent (under
 * 32 bytes) are not listed; they are already inside the parent's encoding. The same list proves
 * absence when the path ends at an empty slot or diverges from a leaf or extension.
 */
import { keccak256 } from "../crypto/index.js";
import { bytesToHex, equalBytes } from "../primitives/index.js";
import { TrieError } from "./errors.js";
import type { NodeLoader, ResolvedNode } from "./loader.js";
import { bytesToNibbles, commonPrefixLength } from "./nibbles.js";
import type { Hasher, TrieNode } from "./node.js";
import { decodeNode, EMPTY_TRIE_ROOT, encodeNode, isHashedRef, nodeRef } from "./node.js";

/** Walks the key's path from a resolved root and lists the hashed nodes' encodings. */
export function createProofFromRoot(loader: NodeLoader, root: ResolvedNode | null, key: Uint8Array): Uint8Array[] {
  const proof: Uint8Array[] = [];
  const path = bytesToNibbles(key);
  let pos = 0;
  let node: ResolvedNode | null = root;
  let isRoot = true;
  while (node !== null) {
    if (isRoot || isHashedRef(nodeRef(node, loader.hasher))) proof.push(encodeNode(node, loader.hasher));
    isRoot = false;
    switch (node.kind) {
      case "leaf":
        return proof;
      case "ext": {
        if (commonPrefixLength(node.path, path, pos) < node.path.length) return proof;
        pos += node.path.length;
        node = loader.extChild(node);
        break;
      }
      case "branch":
        if (pos === path.length) return proof;
        node = loader.branchChild(node, path[pos++]!);
        break;
    }
  }
  return proof;
}

/**
 * Verifies a proof against a root. Returns the value, or undefined if the proof shows the key is
 * absent; throws TrieError if the proof does not lead from the root to an answer (a node is
 * missing, malformed, or does not hash to what its parent references).
 */
export function verifyProof(
  root: Uint8Array,
  key: Uint8Array,
  proof: readonly Uint8Array[],
  hasher: Hasher = keccak256,
): Uint8Array | undefined {
  // An empty trie has no nodes to show: everything is absent from it.
  if (equalBytes(root, EMPTY_TRIE_ROOT)) return undefined;
  const byHash = new Map<string, Uint8Array>();
  for (const enc of proof) byHash.set(bytesToHex(hasher(enc)), enc);

  const lookup = (hash: Uint8Array, isRoot: boolean): ResolvedNode => {
    const enc = byHash.get(bytesToHex(hash));
    if (enc === undefined) throw new TrieError(`proof is missing node ${bytesToHex(hash)}`);
    if (!isRoot && enc.length < 32) throw new TrieError(`proof node ${bytesToHex(hash)} is too small to be hash-referenced`);
    return decodeNode(enc, hash);
  };
  const follow = (n: TrieNode): ResolvedNode => (n.kind === "hash" ? lookup(n.hash, false) : n);

  const path = bytesToNibbles(key);
  let pos = 0;
  let node: ResolvedNode = lookup(root, true);
  for (;;) {
    switch (node.kind) {
      case "leaf": {
        const matches = node.path.length === path.length - pos && commonPrefixLength(node.path, path, pos) === node.path.length;
        return matches ? node.value : undefined;
      }
      case "ext": {
        if (commonPrefixLength(node.path, path, pos) < node.path.length) return undefined;
        pos += node.path.length;
        node = follow(node.child);
        break;
      }
      case "branch": {
        if (pos === path.length) return node.value ?? undefined;
        const child = node.children[path[pos++]!];
        if (child === null || child === undefined) return undefined;
        node = follow(child);
        break;
      }
    }
  }
}
