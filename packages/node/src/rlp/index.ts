/**
 * rlp: Recursive Length Prefix encoding and strict decoding.
 * Owns: the wire encoding and canonical-form checks. Does not own: what the fields mean (types).
 */
export * from "./decode.js";
export * from "./encode.js";
export * from "./errors.js";
export * from "./fields.js";
export * from "./limits.js";
