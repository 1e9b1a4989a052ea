/**
 * kv/key-string: a key's bytes as a latin1 string (one char per byte, so string order is byte
 * order), the Map key of the staging batch and of the memory backend.
 *
 * A block import stages tens of thousands of keys, so this is on the import's hot path:
 * primitives' `bytesToLatin1` uses Node's native latin1 slice on the Uint8Array itself, where
 * `Buffer.from(...).toString("latin1")` allocates a Buffer view per key first (about twice the
 * time in a micro-benchmark of 60,000 33-byte keys).
 */

import { bytesToLatin1 } from "../primitives/index.js";

/** The latin1 string of `key`'s bytes. */
export const keyString: (key: Uint8Array) => string = bytesToLatin1;
