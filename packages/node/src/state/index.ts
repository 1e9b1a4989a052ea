/**
 * state: the world state during execution.
 *
 * | owns | does not own |
 * | --- | --- |
 * | accounts, storage, code by hash, RLP account encoding | the EVM's Host port and its adaptation (execution) |
 * | the journal and checkpoints, EIP-2929/2930 warm sets, EIP-1153 transient storage | transaction rules: fees, refunds cap, validation (execution) |
 * | EIP-161 touched/empty deletion, EIP-6780 created-in-tx set, refund counter, logs | where nodes and code are stored (chain, kv) |
 * | per-transaction StateDiff, state root via SecureTrie over a TrieNodeStore | the trie itself (trie) |
 *
 * state never imports evm: they are siblings, and execution adapts StateDb to the Host port.
 */
export * from "./account.js";
export type { CodeStore } from "./code-store.js";
export { MemoryCodeStore } from "./code-store.js";
export * from "./diff.js";
export * from "./errors.js";
export * from "./read-cache.js";
export * from "./state-db.js";
export type { Log } from "./tx-scope.js";
