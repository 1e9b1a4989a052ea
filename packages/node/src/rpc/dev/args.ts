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

/** How serde names an unexpected JSON value in "invalid type: ..." (the forms anvil answers with). */
export function unexpected(v: unknown, numberStyle: "number" | "integer"): string {
  if (v === null || v === undefined) return "null";
  if (typeof v === "string") return `string ${JSON.stringify(v)}`;
  if (typeof v === "boolean") return `boolean \`${v}\``;
  if (typeof v === "number")
    return numberStyle === "number" ? "number" : Number.isInteger(v) ? `integer \`${v}\`` : `floating point \`${v}\``;
  return Array.isArray(v) ? "sequence" : "map";
}

/** A non-negative integer: a JSON number, a 0x-hex string ("0x" is 0, as anvil reads it) or a decimal string. */
export function devNumber(params: unknown[], index: number, what = "Numeric"): bigint {
  const v = params[index];
  if (typeof v === "number") {
    if (!Number.isSafeInteger(v) || v < 0) throw bad(`data did not match any variant of untagged enum ${what}`);
    return BigInt(v);
  }
  if (typeof v === "string") {
    if (v === "0x") return 0n;
    if (HEX.test(v) && v.length <= 66) return BigInt(v);
    if (/^[0-9]+$/.test(v) && v.length <= 78) return BigInt(v);
  }
  throw bad(`data did not match any variant of untagged enum ${what}`);
}

/** An optional number: absent or null gives undefined. */
export function devOptionalNumber(params: unknown[], index: number, what?: string): bigint | undefined {
  const v = params[index];
  return v === undefined || v === null ? undefined : devNumber(params, index, what);
}

/** Fixed-size bytes; the 0x prefix is optional, as anvil reads them. */
function fixed(params: unknown[], index: number, size: number): Uint8Array {
  const v = params[index];
  if (typeof v !== "string")
    throw bad(
      `invalid type: ${unexpected(v, "integer")}, expected ${size} bytes, represented as a hex string of length ${size * 2}, an array of u8, or raw bytes`,
    );
  const body = v.startsWith("0x") ? v.slice(2) : v;
  if (body.length !== size * 2) throw bad("invalid string length");
  const wrong = /[^0-9a-fA-F]/.exec(body);
  if (wrong !== null) throw bad(`invalid character '${wrong[0]}' at position ${wrong.index}`);
  return hexToBytes(`0x${body}`);
}

export function devAddress(params: unknown[], index: number): Address {
  return asAddress(fixed(params, index, 20));
}

export function devWord(params: unknown[], index: number): Uint8Array {
  return fixed(params, index, 32);
}

/** A JSON integer only (anvil's u64 arguments, e.g. evm_setIntervalMining's seconds). */
export function devU64(params: unknown[], index: number): bigint {
  const v = params[index];
  if (typeof v !== "number" || !Number.isSafeInteger(v) || v < 0) throw bad(`invalid type: ${unexpected(v, "integer")}, expected u64`);
  return BigInt(v);
}

/** Bytes as 0x-hex of even length. */
export function devBytes(params: unknown[], index: number): Uint8Array {
  const v = params[index];
  if (typeof v !== "string")
    throw bad(
      `invalid type: ${unexpected(v, "integer")}, expected a variable number of bytes represented as a hex string, an array of u8, or raw bytes`,
    );
  if (!/^0x([0-9a-fA-F]{2})*$/.test(v)) throw bad(`invalid value: string ${JSON.stringify(v)}, expected a valid hex string`);
  return hexToBytes(v);
}

export function devBool(params: unknown[], index: number): boolean {
  const v = params[index];
  if (typeof v !== "boolean") throw bad(`invalid type: ${unexpected(v, "number")}, expected a boolean`);
  return v;
}
