/**
 * primitives/quantity: Ethereum JSON "quantity" hex (0x-prefixed, no leading zeros) and integer
 * bounds used by every layer above.
 */
import { PrimitiveError } from "./errors.js";

export const UINT256_MAX = (1n << 256n) - 1n;
export const UINT64_MAX = (1n << 64n) - 1n;

/** 0x-prefixed quantity without leading zeros, as JSON-RPC and fixtures print integers. */
export function bigintToQuantity(value: bigint | number): string {
  const v = BigInt(value);
  if (v < 0n) throw new PrimitiveError(`negative quantity: ${v}`);
  return `0x${v.toString(16)}`;
}

/** Parses "0x..." hex or a decimal string into a bigint. */
export function parseBigint(value: string | number | bigint): bigint {
  if (typeof value === "bigint") return value;
  if (typeof value === "number") {
    if (!Number.isSafeInteger(value)) throw new PrimitiveError(`not a safe integer: ${value}`);
    return BigInt(value);
  }
  const s = value.trim();
  if (/^0x[0-9a-fA-F]*$/.test(s)) return s.length === 2 ? 0n : BigInt(s);
  if (/^[0-9]+$/.test(s)) return BigInt(s);
  throw new PrimitiveError(`not an integer: ${s.length > 40 ? `${s.slice(0, 40)}...` : s}`);
}
