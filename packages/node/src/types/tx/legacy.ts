/**
 * types/tx/legacy: type-0 transactions, a plain RLP list
 * `[nonce, gasPrice, gasLimit, to, value, data, v, r, s]`.
 *
 * Signing payload: the first six fields, plus `[chainId, 0, 0]` under EIP-155 replay
 * protection. `v` is kept as decoded (27/28, chainId*2+35/36, or anything else), so a decoded
 * transaction re-encodes to the same bytes; signature rules decide later which `v` is valid.
 */
import type { Address } from "../../primitives/index.js";
import { encodeRlp, type RlpInput, type RlpItem } from "../../rlp/index.js";
import {
  decodeData,
  decodeTo,
  decodeU64,
  decodeU256,
  encodeTo,
  expectFieldCount,
  GAS_LIMIT,
  GAS_PRICE,
  NONCE,
  SIG_R,
  SIG_S,
  SIG_V,
  VALUE,
} from "./fields.js";
import { parseLegacyV } from "./signature.js";

export interface LegacyTx {
  type: 0;
  nonce: bigint;
  gasPrice: bigint;
  gasLimit: bigint;
  /** undefined: contract creation */
  to: Address | undefined;
  value: bigint;
  data: Uint8Array;
  v: bigint;
  r: bigint;
  s: bigint;
}

/** A legacy transaction before signing; `chainId` set means an EIP-155 signature. */
export interface UnsignedLegacyTx {
  type: 0;
  nonce: bigint;
  gasPrice: bigint;
  gasLimit: bigint;
  to: Address | undefined;
  value: bigint;
  data: Uint8Array;
  chainId?: bigint | undefined;
}

export function decodeLegacyTx(list: RlpItem[]): LegacyTx {
  expectFieldCount(list, 9, "legacy transaction");
  return {
    type: 0,
    nonce: decodeU64(list[0], NONCE),
    gasPrice: decodeU256(list[1], GAS_PRICE),
    gasLimit: decodeU64(list[2], GAS_LIMIT),
    to: decodeTo(list[3], true),
    value: decodeU256(list[4], VALUE),
    data: decodeData(list[5]),
    v: decodeU256(list[6], SIG_V),
    r: decodeU256(list[7], SIG_R),
    s: decodeU256(list[8], SIG_S),
  };
}

export function legacyFields(tx: LegacyTx): RlpInput[] {
  return [tx.nonce, tx.gasPrice, tx.gasLimit, encodeTo(tx.to), tx.value, tx.data, tx.v, tx.r, tx.s];
}

export function legacySigningPayload(tx: UnsignedLegacyTx): Uint8Array {
  const base: RlpInput[] = [tx.nonce, tx.gasPrice, tx.gasLimit, encodeTo(tx.to), tx.value, tx.data];
  if (tx.chainId !== undefined) base.push(tx.chainId, 0, 0);
  return encodeRlp(base);
}

/**
 * The unsigned form a signed legacy transaction was signed as, or undefined when its `v` is
 * neither 27/28 nor an EIP-155 value (then no payload was signed).
 */
export function legacyUnsigned(tx: LegacyTx): UnsignedLegacyTx | undefined {
  const v = parseLegacyV(tx.v);
  if (v.kind === "invalid") return undefined;
  return {
    type: 0,
    nonce: tx.nonce,
    gasPrice: tx.gasPrice,
    gasLimit: tx.gasLimit,
    to: tx.to,
    value: tx.value,
    data: tx.data,
    chainId: v.kind === "eip155" ? v.chainId : undefined,
  };
}
