/**
 * execution/block-error: why a block cannot join the chain. Header rules, body commitments,
 * execution results and system-contract failures all end here, as one named error with a code
 * spelled like the fixtures' `BlockException.<CODE>` names where one fits. A transaction the
 * block may not include is code INVALID_TRANSACTION with the TxRejection as `rejection` (its
 * fixture spelling is `TransactionException.<CODE>`). Decoding failures stay types' BlockError.
 *
 * Block import treats these as ordinary outcomes of untrusted input; they are thrown only
 * across the block boundary (one per block), never inside a transaction's hot path.
 */
import type { TxRejection } from "./rejection.js";

export type BlockValidationCode =
  /** parent hash names no known block */
  | "UNKNOWN_PARENT"
  /** parent hash is zero: only a genesis block has no parent */
  | "UNKNOWN_PARENT_ZERO"
  /** number != parent number + 1 */
  | "INVALID_BLOCK_NUMBER"
  /** timestamp <= parent timestamp */
  | "INVALID_BLOCK_TIMESTAMP_OLDER_THAN_PARENT"
  /** gas limit moved by 1/1024 of the parent's or more, or fell below 5000 */
  | "INVALID_GASLIMIT"
  /** gas limit above 2^63 - 1 */
  | "GASLIMIT_TOO_BIG"
  /** header gas used above its gas limit */
  | "GAS_USED_OVERFLOW"
  /** header gas used differs from what execution used */
  | "INVALID_GAS_USED"
  /** extra data longer than 32 bytes */
  | "EXTRA_DATA_TOO_BIG"
  /** base fee absent or not the one the parent implies (EIP-1559) */
  | "INVALID_BASEFEE_PER_GAS"
  /** difficulty non-zero after the Merge (EIP-3675) */
  | "IMPORT_IMPOSSIBLE_DIFFICULTY_OVER_PARIS"
  /** ommers after the Merge (EIP-3675) */
  | "IMPORT_IMPOSSIBLE_UNCLES_OVER_PARIS"
  /** ommers hash not the hash of the body's ommers */
  | "INVALID_UNCLES_HASH"
  /** header nonce non-zero after the Merge (EIP-3675); no fixture name exists for it */
  | "INVALID_NONCE"
  /** a header field of a fork not active, or a field of the active fork missing */
  | "INCORRECT_BLOCK_FORMAT"
  /** blob gas used above the block maximum (EIP-4844) */
  | "BLOB_GAS_USED_ABOVE_LIMIT"
  /** blob gas used not a whole number of blobs, or not what the transactions carry */
  | "INCORRECT_BLOB_GAS_USED"
  /** excess blob gas not the one the parent implies (EIP-4844) */
  | "INCORRECT_EXCESS_BLOB_GAS"
  | "INVALID_TRANSACTIONS_ROOT"
  | "INVALID_WITHDRAWALS_ROOT"
  | "INVALID_RECEIPTS_ROOT"
  | "INVALID_LOG_BLOOM"
  | "INVALID_STATE_ROOT"
  /** requests hash differs from the requests execution produced (EIP-7685) */
  | "INVALID_REQUESTS"
  /** a deposit contract log without the DepositEvent layout (EIP-6110) */
  | "INVALID_DEPOSIT_EVENT_LAYOUT"
  /** a request system contract has no code (EIP-7002, EIP-7251) */
  | "SYSTEM_CONTRACT_EMPTY"
  /** a request system contract call failed (EIP-7002, EIP-7251) */
  | "SYSTEM_CONTRACT_CALL_FAILED"
  /** every field checked, yet the header hashes differently from the one rebuilt */
  | "INVALID_BLOCK_HASH"
  /** a transaction the block may not include; see `rejection` */
  | "INVALID_TRANSACTION"
  /** the block's fork has rules this executor does not implement (proof-of-work blocks) */
  | "UNSUPPORTED_FORK";

export class BlockValidationError extends Error {
  override name = "BlockValidationError";
  constructor(
    readonly code: BlockValidationCode,
    message: string,
    /** For INVALID_TRANSACTION: why the transaction was rejected, and its index in the block. */
    readonly rejection?: { readonly index: number; readonly error: TxRejection },
  ) {
    super(`${code}: ${message}`, rejection === undefined ? undefined : { cause: rejection.error });
  }

  /** The fixtures' spelling: `BlockException.X`, or `TransactionException.Y` for a rejected transaction. */
  get exception(): string {
    return this.rejection === undefined ? `BlockException.${this.code}` : `TransactionException.${this.rejection.error.code}`;
  }
}
