/** Errors raised by the primitives module: malformed hex, wrong lengths, out-of-range numbers. */
export class PrimitiveError extends Error {
  override name = "PrimitiveError";
}
