/**
 * crypto/hashes: sha256 and ripemd160 (precompiles 0x02 and 0x03). Node's OpenSSL is native and
 * fast; @noble/hashes is the fallback where OpenSSL lacks an algorithm (ripemd160 sits in the
 * legacy provider on some builds).
 */
import { createHash } from "node:crypto";
import { ripemd160 as nobleRipemd160 } from "@noble/hashes/legacy.js";
import { sha256 as nobleSha256 } from "@noble/hashes/sha2.js";

function nodeHashAvailable(name: string): boolean {
  try {
    createHash(name).update("").digest();
    return true;
  } catch {
    return false;
  }
}

const nodeSha256 = nodeHashAvailable("sha256");
const nodeRipemd = nodeHashAvailable("ripemd160");

export function sha256(data: Uint8Array): Uint8Array {
  if (!nodeSha256) return nobleSha256(data);
  return new Uint8Array(createHash("sha256").update(data).digest());
}

export function ripemd160(data: Uint8Array): Uint8Array {
  if (!nodeRipemd) return nobleRipemd160(data);
  return new Uint8Array(createHash("ripemd160").update(data).digest());
}
