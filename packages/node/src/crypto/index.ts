/**
 * crypto: hashing and signatures.
 * Owns: keccak-256, sha256, ripemd160, secp256k1 sign/recover, key-derived addresses, EIP-55, and
 * the choice of native/WASM backends with pure-JS fallbacks, and the lazily loaded native KZG library.
 * Does not own: transaction signature rules (types/tx), precompile gas (evm).
 */
export * from "./address.js";
export * from "./errors.js";
export * from "./hashes.js";
export * from "./keccak.js";
export * from "./kzg.js";
export * from "./secp256k1.js";
