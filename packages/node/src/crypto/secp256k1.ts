/**
 * crypto/secp256k1: ECDSA signing and public-key recovery over secp256k1.
 *
 * Recovery dominates block import (one per transaction). Native libsecp256k1 (the `secp256k1`
 * package, shipped with prebuilt binaries) recovers about 25x faster than pure JS here
 * (docs/PERFORMANCE.md); `@noble/curves` is the audited reference and the fallback when the
 * native module cannot load or CAIRN_CRYPTO=js.
 *
 * This module is curve arithmetic only: which signatures a transaction may carry (low-s,
 * chain id, y-parity) is decided in types/tx.
 */
import { createRequire } from "node:module";
import { secp256k1 as noble } from "@noble/curves/secp256k1.js";
import { bigintToFixedBytes, bytesToBigint } from "../primitives/index.js";
import { CryptoError } from "./errors.js";

/** Order of the secp256k1 group. */
export const SECP256K1_N = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n;
export const SECP256K1_HALF_N = SECP256K1_N >> 1n;

export interface Signature {
  r: bigint;
  s: bigint;
  /** recovery id, 0 or 1 (the y-parity of the ephemeral point R) */
  yParity: number;
}

interface NativeSecp256k1 {
  ecdsaSign(msg: Uint8Array, key: Uint8Array): { signature: Uint8Array; recid: number };
  ecdsaRecover(sig: Uint8Array, recid: number, msg: Uint8Array, compressed: boolean): Uint8Array;
  publicKeyCreate(key: Uint8Array, compressed: boolean): Uint8Array;
  privateKeyVerify(key: Uint8Array): boolean;
}

export type Secp256k1Backend = "native" | "js";

function loadNative(): NativeSecp256k1 | undefined {
  if (process.env.CAIRN_CRYPTO === "js") return undefined;
  try {
    const require = createRequire(import.meta.url);
    return require("secp256k1") as NativeSecp256k1;
  } catch {
    return undefined;
  }
}

const native = loadNative();
let useNative = native !== undefined;

export function secp256k1Backend(): Secp256k1Backend {
  return useNative ? "native" : "js";
}

export function setSecp256k1Backend(name: Secp256k1Backend): boolean {
  if (name === "native" && !native) return false;
  useNative = name === "native";
  return true;
}

function checkPrivateKey(key: Uint8Array): void {
  if (key.length !== 32) throw new CryptoError("private key must be 32 bytes");
  const k = bytesToBigint(key);
  if (k === 0n || k >= SECP256K1_N) throw new CryptoError("private key out of range");
}

/** Deterministic (RFC 6979) signature with s in the lower half of the order. */
export function sign(msgHash: Uint8Array, privateKey: Uint8Array): Signature {
  if (msgHash.length !== 32) throw new CryptoError("message hash must be 32 bytes");
  checkPrivateKey(privateKey);
  if (useNative && native) {
    const { signature, recid } = native.ecdsaSign(msgHash, privateKey);
    return { r: bytesToBigint(signature.subarray(0, 32)), s: bytesToBigint(signature.subarray(32, 64)), yParity: recid };
  }
  const sig = noble.sign(msgHash, privateKey, { prehash: false, lowS: true, format: "recovered" });
  return { r: bytesToBigint(sig.subarray(1, 33)), s: bytesToBigint(sig.subarray(33, 65)), yParity: sig[0]! };
}

/**
 * Recovers the 64-byte uncompressed public key (x || y, no 0x04 prefix). Accepts high-s
 * signatures (pre-Homestead transactions and ecrecover need them). Throws CryptoError if r or s
 * is out of range or no point recovers.
 */
export function recoverPublicKey(msgHash: Uint8Array, r: bigint, s: bigint, yParity: number): Uint8Array {
  if (msgHash.length !== 32) throw new CryptoError("message hash must be 32 bytes");
  if (r <= 0n || r >= SECP256K1_N || s <= 0n || s >= SECP256K1_N) throw new CryptoError("signature values out of range");
  if (yParity !== 0 && yParity !== 1) throw new CryptoError("recovery id must be 0 or 1");
  const rs = new Uint8Array(64);
  rs.set(bigintToFixedBytes(r, 32), 0);
  rs.set(bigintToFixedBytes(s, 32), 32);
  try {
    if (useNative && native) return native.ecdsaRecover(rs, yParity, msgHash, false).subarray(1);
    const sig = noble.Signature.fromBytes(rs, "compact").addRecoveryBit(yParity);
    return sig.recoverPublicKey(msgHash).toBytes(false).subarray(1);
  } catch (e) {
    throw new CryptoError(`signature does not recover a public key: ${(e as Error).message}`);
  }
}

/** 64-byte uncompressed public key (no prefix) of a private key. */
export function publicKeyOf(privateKey: Uint8Array): Uint8Array {
  checkPrivateKey(privateKey);
  if (useNative && native) return native.publicKeyCreate(privateKey, false).subarray(1);
  return noble.getPublicKey(privateKey, false).subarray(1);
}
