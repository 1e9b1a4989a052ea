/**
 * chain: the block chain on disk. Owns the database layout (schema.ts), genesis
 * initialisation, block import with one atomic write per block, the canonical head and
 * reorgs, and reads of headers, bodies, receipts, transactions and indexes.
 * Does not own: block rules and execution (execution), the database engine (kv), the tries
 * (trie), the choice of head by consensus (the engine API, later).
 */
export * from "./chain.js";
export * from "./dev-state.js";
export * from "./errors.js";
export * from "./history.js";
export * from "./records.js";
export * from "./schema.js";
export * from "./stores.js";
export * from "./verified.js";
