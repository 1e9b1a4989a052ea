/**
 * trie/ordered: the root of a list as a trie keyed by rlp(index), the transactions, receipts and
 * withdrawals roots of a block header (yellow paper 4.3, EIP-4895).
 * The trie lives in memory only and is hashed once at the end, so every node is hashed once.
 * Keys are inserted in byte order of rlp(i) (1..127, then 0 = 0x80, then 128.. = 0x81.., ...),
 * which keeps each insert on the rightmost path.
 */
import { encodeRlp } from "../rlp/index.js";
import { TrieError } from "./errors.js";
import type { Hasher } from "./node.js";
import { Trie } from "./trie.js";

/** Indices 0..n-1 in the byte order of their RLP encodings. */
function rlpIndexOrder(n: number): number[] {
  const order: number[] = [];
  for (let i = 1; i < Math.min(n, 128); i++) order.push(i);
  if (n > 0) order.push(0);
  for (let i = 128; i < n; i++) order.push(i);
  return order;
}

export function orderedTrieRoot(values: readonly Uint8Array[], hasher?: Hasher): Uint8Array {
  const trie = new Trie(undefined, undefined, hasher ? { hasher } : {});
  for (const i of rlpIndexOrder(values.length)) {
    const v = values[i]!;
    // An empty value would silently vanish from the trie (empty = delete); no list item encodes to nothing.
    if (v.length === 0) throw new TrieError(`item ${i} is empty`);
    trie.put(encodeRlp(i), v);
  }
  return trie.root();
}
