/**
 * crypto/address: addresses derived from keys, and EIP-55 mixed-case checksums.
 */
import { type Address, asAddress, bytesToUnprefixedHex, hexToBytes, PrimitiveError, utf8ToBytes } from "../primitives/index.js";
import { keccak256 } from "./keccak.js";
import { publicKeyOf } from "./secp256k1.js";

/** Address of a 64-byte uncompressed public key: the last 20 bytes of its keccak-256. */
export function publicKeyToAddress(publicKey: Uint8Array): Address {
  if (publicKey.length !== 64) throw new PrimitiveError("public key must be 64 bytes (no 0x04 prefix)");
  return asAddress(keccak256(publicKey).slice(12));
}

export function privateKeyToAddress(privateKey: Uint8Array): Address {
  return publicKeyToAddress(publicKeyOf(privateKey));
}

/** EIP-55 checksummed hex. */
export function toChecksumAddress(address: Uint8Array): string {
  const hex = bytesToUnprefixedHex(asAddress(address));
  const hash = bytesToUnprefixedHex(keccak256(utf8ToBytes(hex)));
  let out = "0x";
  for (let i = 0; i < 40; i++) out += Number.parseInt(hash[i]!, 16) >= 8 ? hex[i]!.toUpperCase() : hex[i]!;
  return out;
}

/**
 * Parses an address; if it is mixed-case it must carry a valid EIP-55 checksum, as clients expect.
 */
export function parseAddress(hex: string): Address {
  const addr = asAddress(hexToBytes(hex));
  const body = hex.replace(/^0x/i, "");
  if (body !== body.toLowerCase() && body !== body.toUpperCase() && toChecksumAddress(addr) !== `0x${body}`) {
    throw new PrimitiveError(`bad EIP-55 checksum: ${hex}`);
  }
  return addr;
}
