/**
 * types: the protocol's data structures (transactions now; headers, blocks, receipts, logs and
 * blooms as they are added), with their canonical encodings and hashes.
 * Does not own: execution rules, storage layout, network framing.
 */
export * from "./tx/index.js";
