/** Named limits for RLP decoding at trust boundaries (DESIGN.md convention 8). */

/** Deepest list nesting accepted by the decoder. Nothing in the protocol nests beyond a handful. */
export const MAX_RLP_DEPTH = 1024;
