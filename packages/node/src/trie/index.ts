/**
 * trie: the Merkle-Patricia trie of Ethereum (yellow paper appendix D).
 *
 * | owns | does not own |
 * | --- | --- |
 * | node kinds, hex-prefix paths, node RLP and hashing | what keys and values mean (state, types) |
 * | `Trie` (get/put/delete/root/commit, lazy loading, memoized hashes), `SecureTrie` | the database and its transactions (kv, chain) |
 * | the `TrieNodeStore` port and `MemoryNodeStore` | where nodes are stored or pruned (chain) |
 * | EIP-1186 proofs (create/verify), ordered iteration | the eth_getProof response (rpc) |
 * | `orderedTrieRoot` for transactions/receipts/withdrawals roots | encoding those items (types) |
 *
 * The trie never imports kv: `KvStore` and `KvBatch` satisfy `TrieNodeStore` structurally.
 */
export * from "./errors.js";
export type { TrieEntry, TrieRange } from "./iterate.js";
export * from "./nibbles.js";
export type { Hasher } from "./node.js";
export { EMPTY_TRIE_ROOT } from "./node.js";
export * from "./node-cache.js";
export * from "./ordered.js";
export { verifyProof } from "./proof.js";
export * from "./secure.js";
export * from "./store.js";
export * from "./trie.js";
