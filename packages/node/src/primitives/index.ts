/**
 * primitives: the bottom layer. Bytes, hex, big-endian integers, addresses and hashes.
 * Owns: encoding helpers with no Ethereum semantics. Does not own: hashing (crypto), RLP (rlp).
 */
export * from "./address.js";
export * from "./bytes.js";
export * from "./errors.js";
export * from "./quantity.js";
