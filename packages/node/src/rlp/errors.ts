/** Errors raised when RLP input is malformed or non-canonical. */
export class RlpError extends Error {
  override name = "RlpError";
}
