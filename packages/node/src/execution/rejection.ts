/**
 * execution/rejection: why a transaction cannot be included. A rejected transaction changes
 * nothing (not even the sender's nonce); it is an ordinary outcome, returned, never thrown.
 * Codes are spelled like the fixtures' `TransactionException.<CODE>` names: the static ones come
 * from types (TxErrorCode), the ones that depend on state or on the block are added here.
 */
import type { TxErrorCode } from "../types/index.js";

export type StatefulTxErrorCode =
  /** the transaction's nonce is below the sender's */
  | "NONCE_MISMATCH_TOO_LOW"
  /** the transaction's nonce is above the sender's */
  | "NONCE_MISMATCH_TOO_HIGH"
  /** the sender's nonce is 2^64 - 1 and cannot grow (EIP-2681) */
  | "NONCE_IS_MAX"
  /** the sender has code other than an EIP-7702 delegation designator (EIP-3607) */
  | "SENDER_NOT_EOA"
  /** balance below gas limit * max fee + value + blob gas * max blob fee */
  | "INSUFFICIENT_ACCOUNT_FUNDS"
  /** max fee per gas (or gas price) below the block's base fee (EIP-1559) */
  | "INSUFFICIENT_MAX_FEE_PER_GAS"
  /** max fee per blob gas below the block's blob base fee (EIP-4844) */
  | "INSUFFICIENT_MAX_FEE_PER_BLOB_GAS"
  /** more gas than the block has left */
  | "GAS_ALLOWANCE_EXCEEDED"
  /** more blob gas than the block may hold under its blob schedule */
  | "TYPE_3_TX_MAX_BLOB_GAS_ALLOWANCE_EXCEEDED";

export type TxRejectionCode = TxErrorCode | StatefulTxErrorCode;

export class TxRejection extends Error {
  override name = "TxRejection";
  constructor(
    readonly code: TxRejectionCode,
    message: string,
  ) {
    super(`${code}: ${message}`);
  }
}
