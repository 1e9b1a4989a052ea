/**
 * rpc/dev/args: argument decoding for the developer methods, which take what anvil takes:
 * numbers as JSON numbers or hex strings (leading zeros allowed, anvil's `Numeric`), addresses
 * and 32-byte words of exactly their length. Errors are -32602 with anvil's wording where it
 * has a short one ("invalid string length").
 */
import { type Address, asAddress, hexToBytes } from "../../primitives/index.js";
import { invalidParams, type RpcError } from "../errors.js";

const HEX = /^0x[0-9a-fA-F]*$/;

function bad(message: string): RpcError {
  return invalidParams(message);
}

/** A non-negative integer: a JSON number, a 0x-hex string or a decimal string. */
export function devNumber(params: unknown[], index: number, what = "Numeric"): bigint {
  const v = params[index];
  if (typeof v === "number") {
    if (!Number.isSafeInteger(v) || v < 0) throw bad(`data did not match any variant of untagged enum ${what}`);
    return BigInt(v);
  }
  if (typeof v === "string") {
    if (HEX.test(v) && v.length > 2 && v.length <= 66) return BigInt(v);
    if (/^[0-9]+$/.test(v) && v.length <= 78) return BigInt(v);
  }
  throw bad(`data did not match any variant of untagged enum ${what}`);
}

/** An optional number: absent or null gives undefined. */
export function devOptionalNumber(params: unknown[], index: number, what?: string): bigint | undefined {
  const v = params[index];
  return v === undefined || v === null ? undefined : devNumber(params, index, what);
}

function fixed(params: unknown[], index: number, size: number): Uint8Array {
  const v = params[index];
  if (typeof v !== "string")
    throw bad(`invalid type: ${v === null ? "null" : typeof v}, expected a 0x-prefixed hex string with length of ${size * 2}`);
  if (!HEX.test(v) || v.length !== 2 + size * 2) throw bad("invalid string length");
  return hexToBytes(v);
}

export function devAddress(params: unknown[], index: number): Address {
  return asAddress(fixed(params, index, 20));
}

export function devWord(params: unknown[], index: number): Uint8Array {
  return fixed(params, index, 32);
}

export function devBytes(params: unknown[], index: number): Uint8Array {
  const v = params[index];
  if (typeof v !== "string" || !HEX.test(v)) throw bad("invalid hex string");
  if (v.length % 2 !== 0) throw bad("odd number of digits");
  return hexToBytes(v);
}

export function devBool(params: unknown[], index: number): boolean {
  const v = params[index];
  if (typeof v !== "boolean") throw bad(`invalid type: ${v === null ? "null" : typeof v}, expected a boolean`);
  return v;
}
