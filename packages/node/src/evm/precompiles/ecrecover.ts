/**
 * evm/precompiles/ecrecover: address 0x01 (Frontier). Recovers the signer address of a secp256k1
 * signature over a 32-byte hash. Input (right-padded to 128 bytes): hash, v, r, s, each a 32-byte
 * word. v must be exactly 27 or 28 as a full word, r and s in [1, n-1] (high s is accepted, unlike
 * transactions). Any invalid signature is a *successful* call with empty output, never a failure.
 * Output: the 20-byte address left-padded to 32 bytes. Gas: 3000.
 */
import { CryptoError, publicKeyToAddress, recoverPublicKey, SECP256K1_N } from "../../crypto/index.js";
import type { Precompile } from "./types.js";
import { EMPTY, isZeroRange, padRight, toBigint } from "./util.js";

export const ECRECOVER_GAS = 3000n;

export const ecrecover: Precompile = {
  gas: () => ECRECOVER_GAS,
  run(input) {
    const data = padRight(input, 128);
    if (!isZeroRange(data, 32, 63)) return EMPTY;
    const v = data[63]!;
    if (v !== 27 && v !== 28) return EMPTY;
    const r = toBigint(data.subarray(64, 96));
    const s = toBigint(data.subarray(96, 128));
    if (r === 0n || r >= SECP256K1_N || s === 0n || s >= SECP256K1_N) return EMPTY;
    let publicKey: Uint8Array;
    try {
      publicKey = recoverPublicKey(data.subarray(0, 32), r, s, v - 27);
    } catch (e) {
      // r is not the x coordinate of a curve point, or the recovered key is the identity.
      if (e instanceof CryptoError) return EMPTY;
      throw e;
    }
    const out = new Uint8Array(32);
    out.set(publicKeyToAddress(publicKey), 12);
    return out;
  },
};
