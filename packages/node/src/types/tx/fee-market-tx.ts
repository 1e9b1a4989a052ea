/**
 * types/tx/fee-market-tx: EIP-1559 type-2 transactions,
 * `0x02 || rlp([chainId, nonce, maxPriorityFeePerGas, maxFeePerGas, gasLimit, to, value, data,
 * accessList, yParity, r, s])`. Signing payload: `0x02 || rlp(the first nine fields)`.
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
  MAX_FEE,
  MAX_PRIORITY_FEE,
  NONCE,
  SIG_R,
  SIG_S,
  VALUE,
} from "./fields.js";

export interface FeeMarketTx {
  type: 2;
  chainId: bigint;
  nonce: bigint;
  maxPriorityFeePerGas: bigint;
  maxFeePerGas: bigint;
  gasLimit: bigint;
  to: Address | undefined;
  value: bigint;
  data: Uint8Array;
  accessList: AccessList;
  yParity: 0 | 1;
  r: bigint;
  s: bigint;
}

export type UnsignedFeeMarketTx = Omit<FeeMarketTx, "yParity" | "r" | "s">;

export function decodeFeeMarketTx(list: RlpItem[]): FeeMarketTx {
  expectFieldCount(list, 12, "EIP-1559 transaction");
  return {
    type: 2,
    chainId: decodeU256(list[0], CHAIN_ID),
    nonce: decodeU64(list[1], NONCE),
    maxPriorityFeePerGas: decodeU256(list[2], MAX_PRIORITY_FEE),
    maxFeePerGas: decodeU256(list[3], MAX_FEE),
    gasLimit: decodeU64(list[4], GAS_LIMIT),
    to: decodeTo(list[5], true),
    value: decodeU256(list[6], VALUE),
    data: decodeData(list[7]),
    accessList: decodeAccessList(list[8]),
    yParity: decodeYParity(list[9]),
    r: decodeU256(list[10], SIG_R),
    s: decodeU256(list[11], SIG_S),
  };
}

export function feeMarketTxUnsignedFields(tx: UnsignedFeeMarketTx): RlpInput[] {
  return [
    tx.chainId,
    tx.nonce,
    tx.maxPriorityFeePerGas,
    tx.maxFeePerGas,
    tx.gasLimit,
    encodeTo(tx.to),
    tx.value,
    tx.data,
    encodeAccessList(tx.accessList),
  ];
}

export function feeMarketTxFields(tx: FeeMarketTx): RlpInput[] {
  return [...feeMarketTxUnsignedFields(tx), tx.yParity, tx.r, tx.s];
}
