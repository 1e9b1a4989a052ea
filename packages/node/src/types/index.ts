/**
 * types: the protocol's data structures (transactions now; headers, blocks, receipts, logs and
 * blooms as they are added), with their canonical encodings and hashes.
 * Does not own: execution rules, storage layout, network framing.
 */

export * from "./base-fee.js";
export * from "./blob-gas.js";
export * from "./block.js";
export * from "./block-error.js";
export * from "./bloom.js";
export * from "./body.js";
export * from "./genesis.js";
export * from "./header.js";
export * from "./log.js";
export * from "./receipt.js";
export * from "./requests.js";
export * from "./tx/index.js";
export * from "./withdrawal.js";
