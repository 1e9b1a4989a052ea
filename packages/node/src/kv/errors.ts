/** Errors raised by the key-value store: invalid keys, use after close, backend failures. */
export class KvError extends Error {
  override name = "KvError";
}
