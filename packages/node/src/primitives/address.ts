/**
 * primitives/address: 20-byte addresses and 32-byte hashes as branded byte arrays, so the type
 * says which length a value was checked to have.
 */
import { bytesToHex, hexToBytes } from "./bytes.js";
import { PrimitiveError } from "./errors.js";

export type Address = Uint8Array & { readonly __brand: "Address" };
export type Hash32 = Uint8Array & { readonly __brand: "Hash32" };

export function asAddress(bytes: Uint8Array): Address {
  if (bytes.length !== 20) throw new PrimitiveError(`address must be 20 bytes, got ${bytes.length}`);
  return bytes as Address;
}

export function asHash32(bytes: Uint8Array): Hash32 {
  if (bytes.length !== 32) throw new PrimitiveError(`hash must be 32 bytes, got ${bytes.length}`);
  return bytes as Hash32;
}

export function addressFromHex(hex: string): Address {
  return asAddress(hexToBytes(hex));
}

export function hash32FromHex(hex: string): Hash32 {
  return asHash32(hexToBytes(hex));
}

export function addressToHex(address: Uint8Array): string {
  return bytesToHex(address);
}

export const ZERO_ADDRESS: Address = new Uint8Array(20) as Address;
export const ZERO_HASH: Hash32 = new Uint8Array(32) as Hash32;
