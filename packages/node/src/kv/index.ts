/**
 * kv: the key-value database port and its backends.
 * Owns: the `KvStore` interface (synchronous reads, atomic batch writes, ordered range scans),
 * the LMDB backend and its durability policy, the in-memory backend, and `KvBatch` for staging
 * one block's writes into one transaction.
 * Does not own: what keys mean or how they are laid out (chain), trie nodes (trie, which reaches
 * a store only through its own `TrieNodeStore` port, satisfied structurally by these classes).
 */
export * from "./batch.js";
export * from "./errors.js";
export * from "./key-string.js";
export * from "./kv.js";
export * from "./lmdb.js";
export * from "./memory.js";
