/**
 * types/tx/fields: strict decoding of the individual transaction fields, each failure mapped to
 * a precise TxError code. Integers must be canonical (no leading zero bytes) and bounded:
 * 64-bit fields (nonce, gas limit; EIP-2681 for the nonce) and 256-bit fields (fees, value,
 * chain id). Addresses are exactly 20 bytes; `to` may be empty (contract creation) only where
 * the caller allows it.
 */
import { type Address, bytesToBigint, type Hash32 } from "../../primitives/index.js";
import type { RlpItem } from "../../rlp/index.js";
import { TxError, type TxErrorCode } from "./errors.js";

/** Error codes for one integer field: wrong shape, leading zeros, too many bytes. */
export interface UintCodes {
  name: string;
  list: TxErrorCode;
  leadingZeros: TxErrorCode;
  overflow: TxErrorCode;
}

export const CHAIN_ID: UintCodes = {
  name: "chainId",
  list: "RLP_INVALID_CHAINID",
  leadingZeros: "RLP_LEADING_ZEROS_CHAINID",
  overflow: "CHAINID_OVERFLOW",
};
export const NONCE: UintCodes = {
  name: "nonce",
  list: "RLP_INVALID_NONCE",
  leadingZeros: "RLP_LEADING_ZEROS_NONCE",
  overflow: "NONCE_OVERFLOW",
};
export const GAS_PRICE: UintCodes = {
  name: "gasPrice",
  list: "RLP_INVALID_GASPRICE",
  leadingZeros: "RLP_LEADING_ZEROS_GASPRICE",
  overflow: "GASPRICE_OVERFLOW",
};
export const MAX_PRIORITY_FEE: UintCodes = {
  name: "maxPriorityFeePerGas",
  list: "RLP_INVALID_GASPRICE",
  leadingZeros: "RLP_LEADING_ZEROS_PRIORITY_FEE",
  overflow: "PRIORITY_OVERFLOW",
};
export const MAX_FEE: UintCodes = {
  name: "maxFeePerGas",
  list: "RLP_INVALID_GASPRICE",
  leadingZeros: "RLP_LEADING_ZEROS_BASEFEE",
  overflow: "GASPRICE_OVERFLOW",
};
export const MAX_BLOB_FEE: UintCodes = {
  name: "maxFeePerBlobGas",
  list: "RLP_INVALID_GASPRICE",
  leadingZeros: "RLP_LEADING_ZEROS_BLOB_FEE",
  overflow: "BLOB_FEE_OVERFLOW",
};
export const GAS_LIMIT: UintCodes = {
  name: "gasLimit",
  list: "RLP_INVALID_GASLIMIT",
  leadingZeros: "RLP_LEADING_ZEROS_GASLIMIT",
  overflow: "GASLIMIT_OVERFLOW",
};
export const VALUE: UintCodes = {
  name: "value",
  list: "RLP_INVALID_VALUE",
  leadingZeros: "RLP_LEADING_ZEROS_VALUE",
  overflow: "VALUE_OVERFLOW",
};
export const SIG_V: UintCodes = {
  name: "v",
  list: "RLP_INVALID_SIGNATURE_V",
  leadingZeros: "RLP_LEADING_ZEROS_V",
  overflow: "INVALID_SIGNATURE_VRS",
};
export const SIG_R: UintCodes = {
  name: "r",
  list: "RLP_INVALID_SIGNATURE_R",
  leadingZeros: "RLP_LEADING_ZEROS_R",
  overflow: "INVALID_SIGNATURE_VRS",
};
export const SIG_S: UintCodes = {
  name: "s",
  list: "RLP_INVALID_SIGNATURE_S",
  leadingZeros: "RLP_LEADING_ZEROS_S",
  overflow: "INVALID_SIGNATURE_VRS",
};

function expectField(item: RlpItem, code: TxErrorCode, name: string): Uint8Array {
  if (Array.isArray(item)) throw new TxError(code, `${name} must be a byte string, got a list`);
  return item;
}

/**
 * A canonical unsigned integer of at most `maxBytes` bytes. 64-bit fields check the size
 * before the leading zeros, 256-bit fields the reverse: the order in which the reference
 * decoders report them, so the codes agree with the fixtures.
 */
function decodeUintField(item: RlpItem, codes: UintCodes, maxBytes: number): bigint {
  const b = expectField(item, codes.list, codes.name);
  const sizeFirst = maxBytes <= 8;
  if (sizeFirst && b.length > maxBytes) throw new TxError(codes.overflow, `${codes.name} is ${b.length} bytes, more than ${maxBytes}`);
  if (b.length > 0 && b[0] === 0) throw new TxError(codes.leadingZeros, `${codes.name} has leading zero bytes`);
  if (b.length > maxBytes) throw new TxError(codes.overflow, `${codes.name} is ${b.length} bytes, more than ${maxBytes}`);
  return b.length <= 6 ? bytesToBigint(b) : wideUint(b);
}

/**
 * A big-endian integer of more than 6 bytes (signature values, large fees), 48 bits at a time.
 * Every transaction has two 32-byte signature values; going through a hex string (as
 * bytesToBigint does) builds a string of 32 concatenations for each.
 */
function wideUint(b: Uint8Array): bigint {
  const n = b.length;
  let i = n % 6;
  let head = 0;
  for (let j = 0; j < i; j++) head = head * 256 + b[j]!;
  let out = BigInt(head);
  for (; i < n; i += 6) {
    const chunk = ((b[i]! << 8) | b[i + 1]!) * 0x100000000 + (((b[i + 2]! << 24) | (b[i + 3]! << 16) | (b[i + 4]! << 8) | b[i + 5]!) >>> 0);
    out = (out << 48n) | BigInt(chunk);
  }
  return out;
}

/** Integers below 2^64 (nonce per EIP-2681, gas limit). */
export function decodeU64(item: RlpItem, codes: UintCodes): bigint {
  return decodeUintField(item, codes, 8);
}

/** Integers below 2^256 (fees, value, chain id, signature values). */
export function decodeU256(item: RlpItem, codes: UintCodes): bigint {
  return decodeUintField(item, codes, 32);
}

/** A small integer such as a typed transaction's y-parity, which must be 0 or 1. */
export function decodeYParity(item: RlpItem): 0 | 1 {
  const v = decodeU256(item, SIG_V);
  if (v !== 0n && v !== 1n) throw new TxError("INVALID_SIGNATURE_VRS", `y-parity must be 0 or 1, got ${v}`);
  return v === 0n ? 0 : 1;
}

export function decodeAddressField(item: RlpItem, shape: TxErrorCode, tooShort: TxErrorCode, tooLong: TxErrorCode, name: string): Address {
  const b = expectField(item, shape, name);
  if (b.length < 20) throw new TxError(tooShort, `${name} is ${b.length} bytes, an address has 20`);
  if (b.length > 20) throw new TxError(tooLong, `${name} is ${b.length} bytes, an address has 20`);
  return b.slice() as Address;
}

/** `to`: a 20-byte address, or empty for contract creation when `allowCreate`. */
export function decodeTo(item: RlpItem, allowCreate: TxErrorCode | true): Address | undefined {
  const b = expectField(item, "RLP_INVALID_TO", "to");
  if (b.length === 0) {
    if (allowCreate === true) return undefined;
    throw new TxError(allowCreate, "this transaction type cannot create a contract: `to` is empty");
  }
  return decodeAddressField(item, "RLP_INVALID_TO", "ADDRESS_TOO_SHORT", "ADDRESS_TOO_LONG", "to");
}

export function decodeData(item: RlpItem): Uint8Array {
  return expectField(item, "RLP_INVALID_DATA", "data").slice();
}

export function decodeHash32(item: RlpItem, shape: TxErrorCode, tooShort: TxErrorCode, tooLong: TxErrorCode, name: string): Hash32 {
  const b = expectField(item, shape, name);
  if (b.length < 32) throw new TxError(tooShort, `${name} is ${b.length} bytes, expected 32`);
  if (b.length > 32) throw new TxError(tooLong, `${name} is ${b.length} bytes, expected 32`);
  return b.slice() as Hash32;
}

/** Exact field count of a transaction payload list. */
export function expectFieldCount(list: RlpItem[], count: number, what: string): void {
  if (list.length < count) throw new TxError("RLP_TOO_FEW_ELEMENTS", `${what} has ${list.length} fields, expected ${count}`);
  if (list.length > count) throw new TxError("RLP_TOO_MANY_ELEMENTS", `${what} has ${list.length} fields, expected ${count}`);
}

/** `to` as RLP input: the address, or the empty string for contract creation. */
export function encodeTo(to: Address | undefined): Uint8Array {
  return to ?? new Uint8Array(0);
}
