/**
 * types/tx: transactions of every type Prague knows (legacy with and without EIP-155,
 * EIP-2930, EIP-1559, EIP-4844 in canonical and network form, EIP-7702), their strict codecs,
 * hashes, signing and sender recovery.
 * Does not own: intrinsic gas and fork-dependent validity (execution), pool policy (txpool).
 */
export * from "./access-list.js";
export * from "./access-list-tx.js";
export * from "./authorization.js";
export * from "./blob-network.js";
export * from "./blob-tx.js";
export * from "./errors.js";
export * from "./fee-market-tx.js";
export * from "./legacy.js";
export * from "./sender.js";
export * from "./set-code-tx.js";
export { checkSignatureValues, type LegacyV, legacyV, parseLegacyV } from "./signature.js";
export * from "./transaction.js";
