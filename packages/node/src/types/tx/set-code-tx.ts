/**
 * types/tx/set-code-tx: EIP-7702 type-4 set-code transactions,
 * `0x04 || rlp([chainId, nonce, maxPriorityFeePerGas, maxFeePerGas, gasLimit, to, value, data,
 * accessList, authorizationList, yParity, r, s])`.
 * Signing payload: `0x04 || rlp(the first ten fields)`. `to` is required (no contract creation).
 */
import type { Address } from "../../primitives/index.js";
import type { RlpInput, RlpItem } from "../../rlp/index.js";
import { type AccessList, decodeAccessList, encodeAccessList } from "./access-list.js";
import { type Authorization, decodeAuthorizationList, encodeAuthorizationList } from "./authorization.js";
import {
  CHAIN_ID,
  decodeData,
  decodeTo,
  decodeU64,
  decodeU256,
  decodeYParity,
  expectFieldCount,
  GAS_LIMIT,
  MAX_FEE,
  MAX_PRIORITY_FEE,
  NONCE,
  SIG_R,
  SIG_S,
  VALUE,
} from "./fields.js";

export interface SetCodeTx {
  type: 4;
  chainId: bigint;
  nonce: bigint;
  maxPriorityFeePerGas: bigint;
  maxFeePerGas: bigint;
  gasLimit: bigint;
  to: Address;
  value: bigint;
  data: Uint8Array;
  accessList: AccessList;
  authorizationList: Authorization[];
  yParity: 0 | 1;
  r: bigint;
  s: bigint;
}

export type UnsignedSetCodeTx = Omit<SetCodeTx, "yParity" | "r" | "s">;

export function decodeSetCodeTx(list: RlpItem[]): SetCodeTx {
  expectFieldCount(list, 13, "EIP-7702 transaction");
  return {
    type: 4,
    chainId: decodeU256(list[0], CHAIN_ID),
    nonce: decodeU64(list[1], NONCE),
    maxPriorityFeePerGas: decodeU256(list[2], MAX_PRIORITY_FEE),
    maxFeePerGas: decodeU256(list[3], MAX_FEE),
    gasLimit: decodeU64(list[4], GAS_LIMIT),
    to: decodeTo(list[5], "TYPE_4_TX_CONTRACT_CREATION")!,
    value: decodeU256(list[6], VALUE),
    data: decodeData(list[7]),
    accessList: decodeAccessList(list[8]),
    authorizationList: decodeAuthorizationList(list[9]),
    yParity: decodeYParity(list[10]),
    r: decodeU256(list[11], SIG_R),
    s: decodeU256(list[12], SIG_S),
  };
}

export function setCodeTxUnsignedFields(tx: UnsignedSetCodeTx): RlpInput[] {
  return [
    tx.chainId,
    tx.nonce,
    tx.maxPriorityFeePerGas,
    tx.maxFeePerGas,
    tx.gasLimit,
    tx.to,
    tx.value,
    tx.data,
    encodeAccessList(tx.accessList),
    encodeAuthorizationList(tx.authorizationList),
  ];
}

export function setCodeTxFields(tx: SetCodeTx): RlpInput[] {
  return [...setCodeTxUnsignedFields(tx), tx.yParity, tx.r, tx.s];
}
