/**
 * types/tx/errors: the one error class of transaction decoding and validation.
 *
 * `code` is machine-readable and, where the concept is the same, spelled like the exception
 * names of the official fixtures (`TransactionException.<CODE>` in ethereum/tests and
 * execution-spec-tests), so conformance runners can compare categories without a mapping table.
 */
import { RlpError } from "../../rlp/index.js";

export type TxErrorCode =
  // envelope and RLP structure
  | "RLP_ERROR_EOF"
  | "RLP_ERROR_SIZE"
  | "RLP_ERROR_SIZE_LEADING_ZEROS"
  | "RLP_TOO_FEW_ELEMENTS"
  | "RLP_TOO_MANY_ELEMENTS"
  | "RLP_INVALID_HEADER"
  | "TYPE_NOT_SUPPORTED"
  // field shapes (a list where a byte string belongs, or the reverse)
  | "RLP_INVALID_CHAINID"
  | "RLP_INVALID_NONCE"
  | "RLP_INVALID_GASPRICE"
  | "RLP_INVALID_GASLIMIT"
  | "RLP_INVALID_TO"
  | "RLP_INVALID_VALUE"
  | "RLP_INVALID_DATA"
  | "RLP_INVALID_ACCESS_LIST"
  | "RLP_INVALID_AUTHORIZATION_LIST"
  | "RLP_INVALID_BLOB_VERSIONED_HASHES"
  | "RLP_INVALID_SIGNATURE_V"
  | "RLP_INVALID_SIGNATURE_R"
  | "RLP_INVALID_SIGNATURE_S"
  // canonical integers
  | "RLP_LEADING_ZEROS_CHAINID"
  | "RLP_LEADING_ZEROS_NONCE"
  | "RLP_LEADING_ZEROS_GASPRICE"
  | "RLP_LEADING_ZEROS_PRIORITY_FEE"
  | "RLP_LEADING_ZEROS_BASEFEE"
  | "RLP_LEADING_ZEROS_BLOB_FEE"
  | "RLP_LEADING_ZEROS_GASLIMIT"
  | "RLP_LEADING_ZEROS_VALUE"
  | "RLP_LEADING_ZEROS_V"
  | "RLP_LEADING_ZEROS_R"
  | "RLP_LEADING_ZEROS_S"
  // integer bounds
  | "CHAINID_OVERFLOW"
  | "NONCE_OVERFLOW"
  | "NONCE_TOO_BIG"
  | "GASPRICE_OVERFLOW"
  | "PRIORITY_OVERFLOW"
  | "BLOB_FEE_OVERFLOW"
  | "GASLIMIT_OVERFLOW"
  | "VALUE_OVERFLOW"
  | "GASLIMIT_PRICE_PRODUCT_OVERFLOW"
  | "PRIORITY_GREATER_THAN_MAX_FEE_PER_GAS"
  // addresses, keys and hashes of the wrong size
  | "ADDRESS_TOO_SHORT"
  | "ADDRESS_TOO_LONG"
  | "RLP_INVALID_ACCESS_LIST_ADDRESS_TOO_SHORT"
  | "RLP_INVALID_ACCESS_LIST_ADDRESS_TOO_LONG"
  | "RLP_INVALID_ACCESS_LIST_STORAGE_TOO_SHORT"
  | "RLP_INVALID_ACCESS_LIST_STORAGE_TOO_LONG"
  | "RLP_INVALID_AUTHORIZATION_ADDRESS"
  | "RLP_INVALID_AUTHORIZATION_FIELD"
  | "TYPE_3_TX_INVALID_BLOB_VERSIONED_HASH"
  // signatures
  | "INVALID_SIGNATURE_VRS"
  | "INVALID_CHAINID"
  | "EC_RECOVERY_FAIL"
  // fork and static validity rules
  | "TYPE_3_TX_PRE_FORK"
  | "TYPE_3_TX_CONTRACT_CREATION"
  | "TYPE_3_TX_ZERO_BLOBS"
  | "TYPE_3_TX_BLOB_COUNT_EXCEEDED"
  | "TYPE_3_TX_MAX_BLOB_GAS_ALLOWANCE_EXCEEDED"
  | "TYPE_4_TX_PRE_FORK"
  | "TYPE_4_TX_CONTRACT_CREATION"
  | "TYPE_4_EMPTY_AUTHORIZATION_LIST"
  | "INTRINSIC_GAS_TOO_LOW"
  | "INTRINSIC_GAS_BELOW_FLOOR_GAS_COST"
  | "INITCODE_SIZE_EXCEEDED"
  | "GAS_LIMIT_EXCEEDS_MAXIMUM"
  // EIP-4844 network wrapper (sidecar)
  | "BLOB_SIDECAR_INVALID";

export class TxError extends Error {
  override name = "TxError";
  constructor(
    readonly code: TxErrorCode,
    /** The explanation without the code, for callers that wrap this error in their own. */
    readonly detail: string,
  ) {
    super(`${code}: ${detail}`);
  }
}

/**
 * Classifies a structural RLP failure. The rlp module reports plain messages; the categories
 * below are the ones the fixtures distinguish (truncated input, bad length prefixes, sizes that
 * disagree with the input).
 */
export function txErrorFromRlp(e: unknown, what: string): TxError {
  if (e instanceof TxError) return e;
  if (!(e instanceof RlpError)) throw e;
  const m = e.message;
  let code: TxErrorCode = "RLP_ERROR_SIZE";
  if (m.includes("unexpected end of input") || m.includes("length prefix runs past")) code = "RLP_ERROR_EOF";
  else if (m.includes("length prefix has a leading zero")) code = "RLP_ERROR_SIZE_LEADING_ZEROS";
  return new TxError(code, `${what}: ${m}`);
}

/** Outcome of a check that reports invalid input as a value instead of throwing. */
export type TxResult<T> = { ok: true; value: T } | { ok: false; error: TxError };

export function txOk<T>(value: T): TxResult<T> {
  return { ok: true, value };
}

export function txFail<T>(code: TxErrorCode, message: string): TxResult<T> {
  return { ok: false, error: new TxError(code, message) };
}
