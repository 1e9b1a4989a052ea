/**
 * types/rlp-fields: strict decoding of the scalar fields of headers, withdrawals, logs and
 * receipts, each failure a BlockError with the fixture's category. Integers are canonical (no
 * leading zero bytes) and bounded; hashes, addresses, blooms and nonces have exact lengths.
 * Decoded bytes are copied, so a decoded value never pins the input buffer.
 */
import type { Address, Hash32 } from "../primitives/index.js";
import { bytesToBigint } from "../primitives/index.js";
import type { RlpItem } from "../rlp/index.js";
import { BlockError } from "./block-error.js";

export function fieldBytes(item: RlpItem | undefined, what: string): Uint8Array {
  if (item === undefined) throw new BlockError("RLP_STRUCTURES_ENCODING", `${what} is missing`);
  if (Array.isArray(item)) throw new BlockError("RLP_STRUCTURES_ENCODING", `${what} must be a byte string, got a list`);
  return item;
}

export function fieldList(item: RlpItem | undefined, what: string): RlpItem[] {
  if (item === undefined) throw new BlockError("RLP_STRUCTURES_ENCODING", `${what} is missing`);
  if (!Array.isArray(item)) throw new BlockError("RLP_STRUCTURES_ENCODING", `${what} must be a list, got a byte string`);
  return item;
}

function canonical(b: Uint8Array, what: string): void {
  if (b.length > 0 && b[0] === 0) throw new BlockError("RLP_STRUCTURES_ENCODING", `${what} has leading zero bytes`);
}

/** A canonical integer below 2^64 (gas, timestamps, withdrawal indices and amounts). */
export function fieldU64(item: RlpItem | undefined, what: string): bigint {
  const b = fieldBytes(item, what);
  if (b.length > 8) throw new BlockError("RLP_INVALID_FIELD_OVERFLOW_64", `${what} is ${b.length} bytes, more than 8`);
  canonical(b, what);
  return bytesToBigint(b);
}

/** A canonical integer below 2^256 (difficulty, base fee). */
export function fieldU256(item: RlpItem | undefined, what: string): bigint {
  const b = fieldBytes(item, what);
  canonical(b, what);
  if (b.length > 32) throw new BlockError("RLP_STRUCTURES_ENCODING", `${what} is ${b.length} bytes, more than 32`);
  return bytesToBigint(b);
}

export function fieldFixed(item: RlpItem | undefined, length: number, what: string): Uint8Array {
  const b = fieldBytes(item, what);
  if (b.length !== length) throw new BlockError("RLP_STRUCTURES_ENCODING", `${what} is ${b.length} bytes, expected ${length}`);
  return b.slice();
}

export function fieldHash(item: RlpItem | undefined, what: string): Hash32 {
  return fieldFixed(item, 32, what) as Hash32;
}

export function fieldAddress(item: RlpItem | undefined, what: string): Address {
  const b = fieldBytes(item, what);
  if (b.length !== 20) throw new BlockError("RLP_INVALID_ADDRESS", `${what} is ${b.length} bytes, an address has 20`);
  return b.slice() as Address;
}
