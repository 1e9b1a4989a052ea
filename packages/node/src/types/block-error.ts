/**
 * types/block-error: the error class of header, block, withdrawal, log and receipt decoding.
 * `code` is spelled like the block exceptions of the official fixtures
 * (`BlockException.<CODE>`), so runners can compare categories without a mapping table.
 * A malformed transaction inside a block is reported with the TxError as `cause`.
 */
import { RlpError } from "../rlp/index.js";

export type BlockErrorCode =
  /** not valid RLP, a wrong shape (list vs string), a wrong field count or a non-canonical integer */
  | "RLP_STRUCTURES_ENCODING"
  /** a 64-bit field holds more than 8 bytes */
  | "RLP_INVALID_FIELD_OVERFLOW_64"
  /** an address field is not 20 bytes */
  | "RLP_INVALID_ADDRESS"
  /** a header that commits to withdrawals in a block without them (EIP-4895) */
  | "RLP_WITHDRAWALS_NOT_READ"
  /** a header built with a later optional field but not the earlier ones: it has no encoding */
  | "INCONSISTENT_HEADER_FIELDS";

export class BlockError extends Error {
  override name = "BlockError";
  constructor(
    readonly code: BlockErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(`${code}: ${message}`, options);
  }
}

/** Re-labels a structural RLP failure; anything else propagates unchanged. */
export function blockErrorFromRlp(e: unknown, what: string): BlockError {
  if (e instanceof BlockError) return e;
  if (!(e instanceof RlpError)) throw e;
  return new BlockError("RLP_STRUCTURES_ENCODING", `${what}: ${e.message}`, { cause: e });
}
