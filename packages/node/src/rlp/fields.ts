/**
 * rlp/fields: typed access to decoded RLP structures with canonical-integer checks. Used by
 * every wire format above (transactions, headers, receipts, p2p messages).
 */
import { bytesToBigint } from "../primitives/index.js";
import type { RlpItem } from "./decode.js";
import { RlpError } from "./errors.js";

export function expectList(item: RlpItem, what: string): RlpItem[] {
  if (!Array.isArray(item)) throw new RlpError(`${what}: expected a list, got a byte string`);
  return item;
}

export function expectBytes(item: RlpItem, what: string): Uint8Array {
  if (Array.isArray(item)) throw new RlpError(`${what}: expected a byte string, got a list`);
  return item;
}

export function expectFixedBytes(item: RlpItem, length: number, what: string): Uint8Array {
  const b = expectBytes(item, what);
  if (b.length !== length) throw new RlpError(`${what}: expected ${length} bytes, got ${b.length}`);
  return b;
}

/** A canonical unsigned integer: no leading zero bytes, at most `maxBytes` long. */
export function decodeUint(item: RlpItem, what: string, maxBytes = 32): bigint {
  const b = expectBytes(item, what);
  if (b.length > 0 && b[0] === 0) throw new RlpError(`${what}: integer has leading zero bytes`);
  if (b.length > maxBytes) throw new RlpError(`${what}: integer longer than ${maxBytes} bytes`);
  return bytesToBigint(b);
}

/** A canonical unsigned integer that fits in 64 bits, returned as bigint. */
export function decodeUint64(item: RlpItem, what: string): bigint {
  return decodeUint(item, what, 8);
}

/** A canonical unsigned integer small enough for a JS number (e.g. tx type, y-parity). */
export function decodeSafeNumber(item: RlpItem, what: string): number {
  const v = decodeUint(item, what, 7);
  if (v > BigInt(Number.MAX_SAFE_INTEGER)) throw new RlpError(`${what}: integer too large`);
  return Number(v);
}

export function expectLength(list: RlpItem[], lengths: number | number[], what: string): void {
  const ok = Array.isArray(lengths) ? lengths.includes(list.length) : list.length === lengths;
  if (!ok) throw new RlpError(`${what}: expected ${Array.isArray(lengths) ? lengths.join(" or ") : lengths} fields, got ${list.length}`);
}
