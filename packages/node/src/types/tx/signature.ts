/**
 * types/tx/signature: the secp256k1 signature rules a transaction (or an EIP-7702
 * authorization) must follow, independent of the transaction type.
 *
 * - r and s in [1, n-1] always; s <= n/2 from Homestead on (EIP-2), so each signature has one
 *   encoding. Frontier transactions may carry a high s.
 * - Legacy v is 27/28 (y-parity + 27), or chainId*2 + 35/36 under EIP-155 (from Spurious
 *   Dragon, fixture name EIP158). Typed transactions carry a plain y-parity (0 or 1).
 */
import { CryptoError, publicKeyToAddress, recoverPublicKey, SECP256K1_HALF_N, SECP256K1_N } from "../../crypto/index.js";
import type { Address } from "../../primitives/index.js";
import { TxError } from "./errors.js";

/** What legacy `v` says: the y-parity and, under EIP-155, the chain id it commits to. */
export type LegacyV = { kind: "unprotected"; yParity: 0 | 1 } | { kind: "eip155"; yParity: 0 | 1; chainId: bigint } | { kind: "invalid" };

export function parseLegacyV(v: bigint): LegacyV {
  if (v === 27n || v === 28n) return { kind: "unprotected", yParity: v === 27n ? 0 : 1 };
  if (v >= 35n) return { kind: "eip155", yParity: (v - 35n) % 2n === 0n ? 0 : 1, chainId: (v - 35n) / 2n };
  return { kind: "invalid" };
}

/** Legacy `v` for a y-parity, with EIP-155 replay protection when a chain id is given. */
export function legacyV(yParity: 0 | 1, chainId: bigint | undefined): bigint {
  return chainId === undefined ? 27n + BigInt(yParity) : chainId * 2n + 35n + BigInt(yParity);
}

/**
 * Range rules for r and s. `allowHighS` is true only before Homestead (EIP-2). Returns the
 * error, or undefined if the values are acceptable.
 */
export function checkSignatureValues(r: bigint, s: bigint, allowHighS: boolean): TxError | undefined {
  if (r <= 0n || r >= SECP256K1_N) return new TxError("INVALID_SIGNATURE_VRS", "signature r is outside [1, n-1]");
  if (s <= 0n || s >= SECP256K1_N) return new TxError("INVALID_SIGNATURE_VRS", "signature s is outside [1, n-1]");
  if (!allowHighS && s > SECP256K1_HALF_N) return new TxError("INVALID_SIGNATURE_VRS", "signature s is above n/2 (EIP-2)");
  return undefined;
}

/**
 * Address whose key produced the signature, or undefined when no public key recovers (an r
 * that is not the x-coordinate of a curve point, or a point at infinity).
 */
export function recoverSigner(msgHash: Uint8Array, r: bigint, s: bigint, yParity: 0 | 1): Address | undefined {
  try {
    return publicKeyToAddress(recoverPublicKey(msgHash, r, s, yParity));
  } catch (e) {
    if (e instanceof CryptoError) return undefined;
    throw e;
  }
}
