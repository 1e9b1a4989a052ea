/**
 * txpool/errors: why the pool refuses a transaction. Each refusal has a stable code and the
 * message go-ethereum returns for it (core/txpool/errors.go, core/txpool/legacypool and
 * core/error.go), because JSON-RPC clients and tooling match on that wording.
 */
import type { TxError, TxErrorCode } from "../types/index.js";

export type TxPoolErrorCode =
  | "ALREADY_KNOWN"
  | "INVALID_SENDER"
  | "UNDERPRICED"
  | "REPLACE_UNDERPRICED"
  | "ACCOUNT_LIMIT_EXCEEDED"
  | "GAS_LIMIT"
  | "OVERSIZED_DATA"
  | "TXPOOL_OVERFLOW"
  | "ALREADY_RESERVED"
  | "NONCE_TOO_LOW"
  | "NONCE_MAX"
  | "INSUFFICIENT_FUNDS"
  | "INTRINSIC_GAS"
  | "FLOOR_DATA_GAS"
  | "TX_TYPE_NOT_SUPPORTED"
  | "TIP_ABOVE_FEE_CAP"
  | "FEE_CAP_VERY_HIGH"
  | "TIP_VERY_HIGH"
  | "GAS_UINT_OVERFLOW"
  | "MAX_INITCODE_SIZE"
  | "GAS_LIMIT_TOO_HIGH"
  | "INVALID_CHAIN_ID"
  | "BLOB_INVALID"
  | "BLOB_MISSING_SIDECAR"
  | "KZG_VERIFICATION"
  | "SET_CODE_EMPTY_AUTH_LIST"
  | "INVALID_ENCODING";

/** go-ethereum's wording, the prefix of every message a client sees. */
export const TXPOOL_MESSAGES: Record<TxPoolErrorCode, string> = {
  ALREADY_KNOWN: "already known",
  INVALID_SENDER: "invalid sender",
  UNDERPRICED: "transaction underpriced",
  REPLACE_UNDERPRICED: "replacement transaction underpriced",
  ACCOUNT_LIMIT_EXCEEDED: "account limit exceeded",
  GAS_LIMIT: "exceeds block gas limit",
  OVERSIZED_DATA: "oversized data",
  TXPOOL_OVERFLOW: "txpool is full",
  ALREADY_RESERVED: "address already reserved",
  NONCE_TOO_LOW: "nonce too low",
  NONCE_MAX: "nonce has max value",
  INSUFFICIENT_FUNDS: "insufficient funds for gas * price + value",
  INTRINSIC_GAS: "intrinsic gas too low",
  FLOOR_DATA_GAS: "insufficient gas for floor data gas cost",
  TX_TYPE_NOT_SUPPORTED: "transaction type not supported",
  TIP_ABOVE_FEE_CAP: "max priority fee per gas higher than max fee per gas",
  FEE_CAP_VERY_HIGH: "max fee per gas higher than 2^256-1",
  TIP_VERY_HIGH: "max priority fee per gas higher than 2^256-1",
  GAS_UINT_OVERFLOW: "gas uint64 overflow",
  MAX_INITCODE_SIZE: "max initcode size exceeded",
  GAS_LIMIT_TOO_HIGH: "transaction gas limit too high",
  // geth recovers the sender first, so a chain id mismatch surfaces wrapped in ErrInvalidSender
  INVALID_CHAIN_ID: "invalid sender: invalid chain id for signer",
  BLOB_INVALID: "invalid blob transaction",
  BLOB_MISSING_SIDECAR: "missing sidecar in blob transaction",
  KZG_VERIFICATION: "KZG verification error",
  SET_CODE_EMPTY_AUTH_LIST: "EIP-7702 transaction with empty auth list",
  INVALID_ENCODING: "rlp: invalid transaction encoding",
};

export class TxPoolError extends Error {
  override readonly name = "TxPoolError";
  constructor(
    readonly code: TxPoolErrorCode,
    /** detail appended after geth's wording, as geth does with `%w: ...` */
    detail?: string,
  ) {
    super(detail ? `${TXPOOL_MESSAGES[code]}: ${detail}` : TXPOOL_MESSAGES[code]);
  }
}

/** The pool code for a static-validity failure from execution/types. */
function poolCodeFor(code: TxErrorCode): TxPoolErrorCode {
  switch (code) {
    case "TYPE_NOT_SUPPORTED":
    case "TYPE_3_TX_PRE_FORK":
    case "TYPE_4_TX_PRE_FORK":
      return "TX_TYPE_NOT_SUPPORTED";
    case "INVALID_SIGNATURE_VRS":
    case "EC_RECOVERY_FAIL":
      return "INVALID_SENDER";
    case "INVALID_CHAINID":
      return "INVALID_CHAIN_ID";
    case "NONCE_TOO_BIG":
    case "NONCE_OVERFLOW":
      return "NONCE_MAX";
    case "GASPRICE_OVERFLOW":
      return "FEE_CAP_VERY_HIGH";
    case "PRIORITY_OVERFLOW":
      return "TIP_VERY_HIGH";
    case "GASLIMIT_OVERFLOW":
    case "GASLIMIT_PRICE_PRODUCT_OVERFLOW":
      return "GAS_UINT_OVERFLOW";
    case "PRIORITY_GREATER_THAN_MAX_FEE_PER_GAS":
      return "TIP_ABOVE_FEE_CAP";
    case "INTRINSIC_GAS_TOO_LOW":
      return "INTRINSIC_GAS";
    case "INTRINSIC_GAS_BELOW_FLOOR_GAS_COST":
      return "FLOOR_DATA_GAS";
    case "INITCODE_SIZE_EXCEEDED":
      return "MAX_INITCODE_SIZE";
    case "GAS_LIMIT_EXCEEDS_MAXIMUM":
      return "GAS_LIMIT_TOO_HIGH";
    case "TYPE_4_EMPTY_AUTHORIZATION_LIST":
      return "SET_CODE_EMPTY_AUTH_LIST";
    case "TYPE_3_TX_ZERO_BLOBS":
    case "TYPE_3_TX_BLOB_COUNT_EXCEEDED":
    case "TYPE_3_TX_MAX_BLOB_GAS_ALLOWANCE_EXCEEDED":
    case "TYPE_3_TX_INVALID_BLOB_VERSIONED_HASH":
    case "TYPE_3_TX_CONTRACT_CREATION":
    case "BLOB_SIDECAR_INVALID":
      return "BLOB_INVALID";
    default:
      return "INVALID_ENCODING";
  }
}

/** Wraps a TxError from decoding or static validity in the pool's error, keeping its detail. */
export function fromTxError(e: TxError): TxPoolError {
  return new TxPoolError(poolCodeFor(e.code), gethDetail(e));
}

/** geth's legacypool words the two gas-floor refusals "gas G, minimum needed M". */
function gethDetail(e: TxError): string | undefined {
  if (e.code !== "INTRINSIC_GAS_TOO_LOW" && e.code !== "INTRINSIC_GAS_BELOW_FLOOR_GAS_COST") return e.detail;
  const m = /gas limit (\d+) is below the (?:intrinsic gas|calldata floor) (\d+)/.exec(e.detail ?? "");
  return m === null ? e.detail : `gas ${m[1]}, minimum needed ${m[2]}`;
}
