/**
 * types/tx/access-list-tx: EIP-2930 type-1 transactions,
 * `0x01 || rlp([chainId, nonce, gasPrice, gasLimit, to, value, data, accessList, yParity, r, s])`.
 * Signing payload: `0x01 || rlp(the first eight fields)`.
 */
import type { Address } from "../../primitives/index.js";
import type { RlpInput, RlpItem } from "../../rlp/index.js";
import { type AccessList, decodeAccessList, encodeAccessList } from "./access-list.js";
import {
  CHAIN_ID,
  decodeData,
  decodeTo,
  decodeU64,
  decodeU256,
  decodeYParity,
  encodeTo,
  expectFieldCount,
  GAS_LIMIT,
  GAS_PRICE,
  NONCE,
  SIG_R,
  SIG_S,
  VALUE,
} from "./fields.js";

export interface AccessListTx {
  type: 1;
  chainId: bigint;
  nonce: bigint;
  gasPrice: bigint;
  gasLimit: bigint;
  to: Address | undefined;
  value: bigint;
  data: Uint8Array;
  accessList: AccessList;
  yParity: 0 | 1;
  r: bigint;
  s: bigint;
}

export type UnsignedAccessListTx = Omit<AccessListTx, "yParity" | "r" | "s">;

export function decodeAccessListTx(list: RlpItem[]): AccessListTx {
  expectFieldCount(list, 11, "EIP-2930 transaction");
  return {
    type: 1,
    chainId: decodeU256(list[0], CHAIN_ID),
    nonce: decodeU64(list[1], NONCE),
    gasPrice: decodeU256(list[2], GAS_PRICE),
    gasLimit: decodeU64(list[3], GAS_LIMIT),
    to: decodeTo(list[4], true),
    value: decodeU256(list[5], VALUE),
    data: decodeData(list[6]),
    accessList: decodeAccessList(list[7]),
    yParity: decodeYParity(list[8]),
    r: decodeU256(list[9], SIG_R),
    s: decodeU256(list[10], SIG_S),
  };
}

export function accessListTxUnsignedFields(tx: UnsignedAccessListTx): RlpInput[] {
  return [tx.chainId, tx.nonce, tx.gasPrice, tx.gasLimit, encodeTo(tx.to), tx.value, tx.data, encodeAccessList(tx.accessList)];
}

export function accessListTxFields(tx: AccessListTx): RlpInput[] {
  return [...accessListTxUnsignedFields(tx), tx.yParity, tx.r, tx.s];
}
