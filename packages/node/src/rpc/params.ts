/**
 * rpc/params: positional parameter helpers that turn bad input into geth's -32602 answers.
 *
 * The wording is go-ethereum's: rpc/json.go prefixes decoding errors with "invalid argument N: ",
 * and common/hexutil produces the inner messages ("hex string without 0x prefix", "json: cannot
 * unmarshal ... into Go value of type hexutil.Bytes", "hex string has length 2, want 40 for
 * common.Address"). Clients and test suites match on these strings, so we keep them verbatim.
 */
import { type Bytes, hexToBytes, tryHexDigitsToBytes } from "../primitives/index.js";
import { invalidParams, type RpcError } from "./errors.js";

// hexutil's decError texts.
const ERR_EMPTY_STRING = "empty hex string";
const ERR_SYNTAX = "invalid hex string";
const ERR_MISSING_PREFIX = "hex string without 0x prefix";
const ERR_ODD_LENGTH = "hex string of odd length";
const ERR_EMPTY_NUMBER = 'hex string "0x"';
const ERR_LEADING_ZERO = "hex number with leading zero digits";
const ERR_UINT64_RANGE = "hex number > 64 bits";
const ERR_BIG256_RANGE = "hex number > 256 bits";

/** The error geth returns when argument `index` fails to decode. */
export function invalidArgument(index: number, message: string): RpcError {
  return invalidParams(`invalid argument ${index}: ${message}`);
}

/** json.UnmarshalTypeError wording for a hexutil decode failure into Go type `goType`. */
function typeError(what: string, goType: string): string {
  return `json: cannot unmarshal ${what} into Go value of type ${goType}`;
}

function hasPrefix(s: string): boolean {
  return s.length >= 2 && s[0] === "0" && (s[1] === "x" || s[1] === "X");
}

const HEX_DIGITS = /^[0-9a-fA-F]*$/;

/**
 * geth's parsePositionalArguments checks: at most `max` values, and every position below `min`
 * present. Trailing optional arguments may be omitted or null.
 */
export function checkArity(params: unknown[], min: number, max: number): void {
  if (params.length > max) throw invalidParams(`too many arguments, want at most ${max}`);
  // geth reports the first missing position.
  if (params.length < min) throw invalidParams(`missing value for required argument ${params.length}`);
}

/** Variable-length data (hexutil.Bytes): "0x" plus an even number of hex digits. */
export function argBytes(params: unknown[], index: number): Bytes {
  const v = params[index];
  if (typeof v !== "string") throw invalidArgument(index, typeError("non-string", "hexutil.Bytes"));
  if (v.length === 0) return new Uint8Array(0);
  // Decoding checks the digits; the regular expression only words an error.
  const decoded = hasPrefix(v) && v.length % 2 === 0 ? tryHexDigitsToBytes(v, 2) : undefined;
  if (decoded !== undefined) return decoded;
  throw invalidArgument(index, typeError(bytesTextError(v) ?? ERR_SYNTAX, "hexutil.Bytes"));
}

function bytesTextError(v: string): string | undefined {
  if (!hasPrefix(v)) return ERR_MISSING_PREFIX;
  const body = v.slice(2);
  if (body.length % 2 !== 0) return ERR_ODD_LENGTH;
  if (!HEX_DIGITS.test(body)) return ERR_SYNTAX;
  return undefined;
}

/** Fixed-size data (common.Address, common.Hash): exactly `size` bytes. */
function argFixed(params: unknown[], index: number, size: number, goType: string): Bytes {
  const v = params[index];
  if (typeof v !== "string") throw invalidArgument(index, typeError("non-string", goType));
  if (v.length === 0) throw invalidArgument(index, typeError(ERR_EMPTY_STRING, goType));
  if (v.length === 2 + size * 2 && hasPrefix(v)) {
    const decoded = tryHexDigitsToBytes(v, 2);
    if (decoded !== undefined) return decoded;
  }
  const err = bytesTextError(v);
  if (err === ERR_MISSING_PREFIX) throw invalidArgument(index, typeError(err, goType));
  const body = v.slice(2);
  // geth checks the length before the digits and reports it as a plain error.
  if (body.length !== size * 2) {
    throw invalidArgument(index, `hex string has length ${body.length}, want ${size * 2} for ${goType}`);
  }
  if (err !== undefined) throw invalidArgument(index, typeError(err, goType));
  return hexToBytes(body);
}

export function argAddress(params: unknown[], index: number): Bytes {
  return argFixed(params, index, 20, "common.Address");
}

export function argHash(params: unknown[], index: number): Bytes {
  return argFixed(params, index, 32, "common.Hash");
}

/** Returns the hexutil error for a quantity string, or undefined when it is well formed. */
function quantityTextError(v: string, maxDigits: number, rangeErr: string): string | undefined {
  if (v.length === 0) return ERR_EMPTY_STRING;
  if (!hasPrefix(v)) return ERR_MISSING_PREFIX;
  const body = v.slice(2);
  if (body.length === 0) return ERR_EMPTY_NUMBER;
  if (body.length > 1 && body[0] === "0") return ERR_LEADING_ZERO;
  if (!HEX_DIGITS.test(body)) return ERR_SYNTAX;
  if (body.length > maxDigits) return rangeErr;
  return undefined;
}

/** A 256-bit quantity (*hexutil.Big). */
export function argQuantity(params: unknown[], index: number): bigint {
  const v = params[index];
  if (typeof v !== "string") throw invalidArgument(index, typeError("non-string", "*hexutil.Big"));
  const err = quantityTextError(v, 64, ERR_BIG256_RANGE);
  if (err !== undefined) throw invalidArgument(index, typeError(err, "*hexutil.Big"));
  return BigInt(v);
}

/** A 64-bit quantity (hexutil.Uint64). */
export function argUint64(params: unknown[], index: number): bigint {
  const v = params[index];
  if (typeof v !== "string") throw invalidArgument(index, typeError("non-string", "hexutil.Uint64"));
  const err = quantityTextError(v, 16, ERR_UINT64_RANGE);
  if (err !== undefined) throw invalidArgument(index, typeError(err, "hexutil.Uint64"));
  return BigInt(v);
}

export function argBool(params: unknown[], index: number): boolean {
  const v = params[index];
  if (typeof v !== "boolean") {
    throw invalidArgument(index, typeError(jsonKind(v), "bool"));
  }
  return v;
}

/** A string argument; `goType` names the Go type geth decodes it into (e.g. "rpc.ID"). */
export function argString(params: unknown[], index: number, goType = "string"): string {
  const v = params[index];
  if (typeof v !== "string") throw invalidArgument(index, typeError(jsonKind(v), goType));
  return v;
}

/** An optional argument: absent and null both mean "not given", as geth's pointer arguments. */
export function argOptional<T>(params: unknown[], index: number, parse: (params: unknown[], index: number) => T): T | undefined {
  const v = params[index];
  return v === undefined || v === null ? undefined : parse(params, index);
}

export type BlockTag = "latest" | "earliest" | "pending" | "safe" | "finalized";

/** A block number or tag (rpc.BlockNumber): tags, or a hex uint64 at most int64 max. */
export function argBlockNumber(params: unknown[], index: number): bigint | BlockTag {
  const v = params[index];
  if (typeof v !== "string") {
    throw invalidArgument(index, typeError(jsonKind(v), "rpc.BlockNumber"));
  }
  switch (v) {
    case "latest":
    case "earliest":
    case "pending":
    case "safe":
    case "finalized":
      return v;
  }
  // BlockNumber.UnmarshalJSON returns hexutil's error unwrapped.
  const err = quantityTextError(v, 16, ERR_UINT64_RANGE);
  if (err !== undefined) throw invalidArgument(index, err);
  const n = BigInt(v);
  if (n > 0x7fffffffffffffffn) throw invalidArgument(index, "block number larger than int64");
  return n;
}

/** The JSON type names Go's decoder prints in UnmarshalTypeError. */
function jsonKind(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "array";
  switch (typeof v) {
    case "string":
      return "string";
    case "number":
      return "number";
    case "boolean":
      return "bool";
    default:
      return "object";
  }
}
