/**
 * evm/word: 256-bit words as `bigint`, and their conversions to and from bytes and addresses.
 * Every stack value is kept normalised to 0 <= v < 2^256; signed opcodes reinterpret it as two's
 * complement through `toSigned`/`fromSigned`. Byte conversions have fast paths for values that
 * fit a double (the common case: offsets, counters, booleans), because building a bigint from
 * 32 arbitrary bytes costs far more than the arithmetic itself.
 */
import type { Address } from "../primitives/index.js";

export const WORD_MASK = (1n << 256n) - 1n;
export const TWO_POW_256 = 1n << 256n;
export const SIGN_BIT = 1n << 255n;
const MASK_160 = (1n << 160n) - 1n;

/** Reads a word as two's complement. */
export function toSigned(v: bigint): bigint {
  return v >= SIGN_BIT ? v - TWO_POW_256 : v;
}

/** Wraps any integer (including negatives) into [0, 2^256). */
export function fromSigned(v: bigint): bigint {
  return BigInt.asUintN(256, v);
}

/** Number of bytes of the minimal big-endian encoding (0 for zero); EXP charges per byte. */
export function byteLength(v: bigint): number {
  if (v === 0n) return 0;
  if (v <= 0xffffffffffffn) {
    let n = Number(v);
    let len = 0;
    while (n > 0) {
      len++;
      n = Math.floor(n / 256);
    }
    return len;
  }
  return (v.toString(16).length + 1) >> 1;
}

/** Number of significant bits (0 for zero). */
export function bitLength(v: bigint): number {
  if (v === 0n) return 0;
  if (v <= 0xffffffffn) return 32 - Math.clz32(Number(v));
  const hex = v.toString(16);
  return (hex.length - 1) * 4 + (32 - Math.clz32(Number.parseInt(hex[0]!, 16)));
}

/**
 * A DataView over the last large buffer seen (frame memory, which changes only when it grows),
 * and a scratch word for small standalone arrays such as hashes (copied through it), so that
 * neither path creates a DataView per access.
 */
let viewBuffer: ArrayBufferLike | undefined;
let view: DataView<ArrayBufferLike> = new DataView(new ArrayBuffer(0));
const scratchBytes = new Uint8Array(32);
const scratchView = new DataView(scratchBytes.buffer);

function viewOf(b: Uint8Array): DataView<ArrayBufferLike> {
  if (b.buffer !== viewBuffer) {
    viewBuffer = b.buffer;
    view = new DataView(b.buffer);
  }
  return view;
}

/** Reads 32 bytes at `offset` (which must be in bounds) as a big-endian word. */
export function readWord(src: Uint8Array, offset: number): bigint {
  // Fast path: the first 26 bytes are zero, so the value fits in 48 bits.
  let i = offset;
  const smallStart = offset + 26;
  while (i < smallStart && src[i] === 0) i++;
  if (i === smallStart) {
    const lo = ((src[i + 2]! << 24) | (src[i + 3]! << 16) | (src[i + 4]! << 8) | src[i + 5]!) >>> 0;
    return BigInt((src[i]! * 256 + src[i + 1]!) * 4294967296 + lo);
  }
  let d: DataView<ArrayBufferLike> = scratchView;
  let p = 0;
  if (src.length <= 64) {
    // Small arrays live on V8's heap: reading their `.buffer` would move them off it (an
    // allocation each), and a subarray for TypedArray.set costs more than copying 32 bytes.
    for (let k = 0; k < 32; k++) scratchBytes[k] = src[offset + k]!;
  } else {
    d = viewOf(src);
    p = src.byteOffset + offset;
  }
  return (d.getBigUint64(p) << 192n) | (d.getBigUint64(p + 8) << 128n) | (d.getBigUint64(p + 16) << 64n) | d.getBigUint64(p + 24);
}

/**
 * Reads `length` bytes (at most 32) at `offset` of `src` as a big-endian number, reading bytes
 * past the end of `src` as zero. This is both PUSHn at the end of code and CALLDATALOAD past the
 * end of the input: the missing bytes are low-order zeros, not a shorter number.
 */
export function readPadded(src: Uint8Array, offset: number, length: number): bigint {
  if (offset >= src.length) return 0n;
  if (offset + length <= src.length) {
    if (length === 32) return readWord(src, offset);
    if (length <= 6) {
      let n = 0;
      for (let i = offset; i < offset + length; i++) n = n * 256 + src[i]!;
      return BigInt(n);
    }
  }
  let v = 0n;
  let i = 0;
  // Chunks of 6 bytes keep each partial value exact in a double.
  while (i < length) {
    const take = Math.min(6, length - i);
    let n = 0;
    for (let k = 0; k < take; k++) {
      const p = offset + i + k;
      n = n * 256 + (p < src.length ? src[p]! : 0);
    }
    v = (v << BigInt(8 * take)) | BigInt(n);
    i += take;
  }
  return v;
}

/** Writes `n`, an integer below 2^53, as 32 big-endian bytes at `offset` (in bounds). */
export function writeSmallWord(dst: Uint8Array, offset: number, n: number): void {
  const lo = n >>> 0;
  const hi = (n - lo) / 4294967296;
  const end = offset + 24;
  for (let i = offset; i < end; i++) dst[i] = 0;
  // Uint8Array stores keep the low 8 bits.
  dst[end] = hi >>> 24;
  dst[end + 1] = hi >>> 16;
  dst[end + 2] = hi >>> 8;
  dst[end + 3] = hi;
  dst[end + 4] = lo >>> 24;
  dst[end + 5] = lo >>> 16;
  dst[end + 6] = lo >>> 8;
  dst[end + 7] = lo;
}

/** Writes `v` as 32 big-endian bytes at `offset` (which must be in bounds). */
export function writeWord(dst: Uint8Array, offset: number, v: bigint): void {
  if (v <= 0x1fffffffffffffn) {
    writeSmallWord(dst, offset, Number(v));
    return;
  }
  const small = dst.length <= 64; // as in readWord: no `.buffer` of a small array
  const d = small ? scratchView : viewOf(dst);
  const p = small ? 0 : dst.byteOffset + offset;
  d.setBigUint64(p, v >> 192n);
  d.setBigUint64(p + 8, BigInt.asUintN(64, v >> 128n));
  d.setBigUint64(p + 16, BigInt.asUintN(64, v >> 64n));
  d.setBigUint64(p + 24, BigInt.asUintN(64, v));
  if (small) for (let k = 0; k < 32; k++) dst[offset + k] = scratchBytes[k]!;
}

/** A word as a fresh 32-byte array. */
export function wordToBytes32(v: bigint): Uint8Array {
  const out = new Uint8Array(32);
  writeWord(out, 0, v);
  return out;
}

/** Up to 32 bytes, big-endian, as a word. */
export function bytesToWord(b: Uint8Array): bigint {
  if (b.length === 32) return readWord(b, 0);
  return readPadded(b, 0, b.length);
}

/** The low 160 bits of a word as an address (the EVM ignores the upper 96 bits). */
export function wordToAddress(v: bigint): Address {
  const out = new Uint8Array(20);
  if (v <= 0x1fffffffffffffn) {
    let n = Number(v);
    for (let i = 19; i >= 12 && n > 0; i--) {
      out[i] = n % 256;
      n = Math.floor(n / 256);
    }
    return out as Address;
  }
  const tmp = new Uint8Array(32);
  writeWord(tmp, 0, v & MASK_160);
  out.set(tmp.subarray(12));
  return out as Address;
}

export function addressToWord(a: Uint8Array): bigint {
  return readPadded(a, 0, 20);
}
