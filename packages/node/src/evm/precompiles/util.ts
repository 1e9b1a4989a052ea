/**
 * evm/precompiles/util: input handling shared by the precompiled contracts. Several contracts
 * read their input as if it were right-padded with zeros to a fixed length (EIP-196, EIP-198,
 * ecrecover); these helpers do that without copying more than the bytes actually present.
 */

export const EMPTY = new Uint8Array(0);

/** Number of 32-byte words covering `length` bytes (the unit of the per-word precompile prices). */
export function wordCount(length: number): bigint {
  return BigInt(Math.ceil(length / 32));
}

/** The first `length` bytes of `input`, zero-padded on the right when the input is shorter. */
export function padRight(input: Uint8Array, length: number): Uint8Array {
  if (input.length >= length) return input.subarray(0, length);
  const out = new Uint8Array(length);
  out.set(input);
  return out;
}

/** Big-endian integer of `bytes` (no length limit, empty is zero). */
export function toBigint(bytes: Uint8Array): bigint {
  if (bytes.length === 0) return 0n;
  let hex = "";
  for (let i = 0; i < bytes.length; i++) hex += (bytes[i]! < 16 ? "0" : "") + bytes[i]!.toString(16);
  return BigInt(`0x${hex}`);
}

/** Big-endian encoding of `value` in exactly `length` bytes; the caller guarantees it fits. */
export function toFixedBytes(value: bigint, length: number): Uint8Array {
  const out = new Uint8Array(length);
  let v = value;
  for (let i = length - 1; i >= 0 && v > 0n; i--) {
    out[i] = Number(v & 0xffn);
    v >>= 8n;
  }
  return out;
}

/** Writes `value` big-endian into `out[offset, offset + length)`. */
export function writeFixed(out: Uint8Array, offset: number, value: bigint, length: number): void {
  let v = value;
  for (let i = offset + length - 1; i >= offset && v > 0n; i--) {
    out[i] = Number(v & 0xffn);
    v >>= 8n;
  }
}

/**
 * Reads `length` bytes at `offset` of an input that is conceptually zero-extended forever, as a
 * big-endian integer. Offsets and lengths are bigint because callers take them from 256-bit
 * words; nothing is allocated beyond the bytes actually present, except the shift that places
 * them (the caller bounds `length` before asking).
 */
export function readPaddedBigint(input: Uint8Array, offset: bigint, length: bigint): bigint {
  if (length === 0n) return 0n;
  const end = offset + length;
  const available = BigInt(input.length);
  if (offset >= available) return 0n;
  const stop = end < available ? end : available;
  const present = toBigint(input.subarray(Number(offset), Number(stop)));
  return present << (8n * (end - stop));
}

/** 32-byte word with value 1, the "true" output of the pairing and verification contracts. */
export function trueWord(): Uint8Array {
  const out = new Uint8Array(32);
  out[31] = 1;
  return out;
}

/** True when every byte of `bytes[from, to)` is zero. */
export function isZeroRange(bytes: Uint8Array, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (bytes[i] !== 0) return false;
  return true;
}
