/**
 * trie/ordered: the root of a list as a trie keyed by rlp(index), the transactions, receipts and
 * withdrawals roots of a block header (yellow paper 4.3, EIP-4895).
 * The keys are known and sorted up front (byte order of rlp(i): 1..127, then 0 = 0x80, then
 * 128.. = 0x81.., ...), so the trie is built bottom-up in one pass over the sorted keys, each node
 * created once (no path copying as repeated inserts would do) and hashed once at the end with
 * the trie's own node encoding (node.ts).
 */

import { keccak256 } from "../crypto/index.js";
import { encodeRlp } from "../rlp/index.js";
import { TrieError } from "./errors.js";
import { bytesToNibbles } from "./nibbles.js";
import type { Hasher, TrieNode } from "./node.js";
import { branchNode, EMPTY_TRIE_ROOT, emptyChildren, extNode, leafNode, nodeRef } from "./node.js";

/** Indices 0..n-1 in the byte order of their RLP encodings. */
function rlpIndexOrder(n: number): number[] {
  const order: number[] = [];
  for (let i = 1; i < Math.min(n, 128); i++) order.push(i);
  if (n > 0) order.push(0);
  for (let i = 128; i < n; i++) order.push(i);
  return order;
}

/**
 * Nibbles of rlp(i), kept once made: every block's transactions and receipts roots use the same
 * keys 0..n-1 again. Leaves hold views into them (their remaining path), and nothing changes a
 * path in place, so sharing is safe. Bounded by the largest list seen (a block's transactions).
 */
const indexKeys: Uint8Array[] = [];

function indexKey(i: number): Uint8Array {
  let k = indexKeys[i];
  if (k === undefined) {
    k = bytesToNibbles(encodeRlp(i));
    if (i === indexKeys.length) indexKeys.push(k);
  }
  return k;
}

/** The node holding keys[lo..hi) (sorted, distinct nibble paths) below `depth` nibbles. */
function subtrie(keys: readonly Uint8Array[], values: readonly Uint8Array[], lo: number, hi: number, depth: number): TrieNode {
  const first = keys[lo]!;
  if (hi - lo === 1) return leafNode(first.subarray(depth), values[lo]!);
  // Sorted keys: what the first and the last share, all share.
  const last = keys[hi - 1]!;
  const max = Math.min(first.length, last.length);
  let common = depth;
  while (common < max && first[common] === last[common]) common++;
  const branch = branchNode(emptyChildren(), null);
  let i = lo;
  // A key ending here sorts first; RLP keys never do (no rlp(i) is a prefix of another).
  if (first.length === common) branch.value = values[i++]!;
  while (i < hi) {
    const nibble = keys[i]![common]!;
    let j = i + 1;
    while (j < hi && keys[j]![common] === nibble) j++;
    branch.children[nibble] = subtrie(keys, values, i, j, common + 1);
    i = j;
  }
  return common > depth ? extNode(first.subarray(depth, common), branch) : branch;
}

export function orderedTrieRoot(values: readonly Uint8Array[], hasher: Hasher = keccak256): Uint8Array {
  if (values.length === 0) return EMPTY_TRIE_ROOT;
  const order = rlpIndexOrder(values.length);
  for (let i = indexKeys.length; i < values.length; i++) indexKey(i);
  const keys = order.map(indexKey);
  const sorted = order.map((i) => {
    const v = values[i]!;
    // An empty value would silently vanish from the trie (empty = delete); no list item encodes to nothing.
    if (v.length === 0) throw new TrieError(`item ${i} is empty`);
    return v;
  });
  const root = subtrie(keys, sorted, 0, keys.length, 0);
  const ref = nodeRef(root, hasher);
  // The root is always hashed, even when its encoding is short enough to be inlined.
  return root.hash ?? hasher(ref);
}
