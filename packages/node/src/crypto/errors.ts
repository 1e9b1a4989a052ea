/** Errors raised by crypto: invalid keys, signatures that do not recover. */
export class CryptoError extends Error {
  override name = "CryptoError";
}
