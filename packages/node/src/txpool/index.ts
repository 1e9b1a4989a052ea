/**
 * txpool: pending and queued transactions per sender for the developer chain (go-ethereum's
 * legacypool rules and limits): admission, replacement with a price bump, nonce gaps and
 * promotion, eviction at the global limits, head resets, the block builder's best-first
 * ordering, new-pending events and the txpool_* views.
 * Does not own: static transaction validity (execution), state (state), the head (chain).
 */
export * from "./best.js";
export * from "./config.js";
export * from "./content.js";
export * from "./errors.js";
export * from "./pool.js";
export * from "./pricing.js";
