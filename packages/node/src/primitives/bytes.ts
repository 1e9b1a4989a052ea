/**
 * primitives/bytes: byte-array helpers shared by every layer (hex, concatenation, comparison,
 * big-endian integer conversion). Everything inside Cairn is `Uint8Array` and `bigint`; hex strings
 * appear only at the edges (RPC, fixtures, CLI output).
 */
import { PrimitiveError } from "./errors.js";

export type Bytes = Uint8Array;

export const EMPTY_BYTES: Bytes = new Uint8Array(0);

const HEX_CHARS = "0123456789abcdef";
const BYTE_TO_HEX: string[] = [];
for (let i = 0; i < 256; i++) BYTE_TO_HEX.push(HEX_CHARS[i >> 4]! + HEX_CHARS[i & 15]!);

type NativeSlice = (this: Uint8Array, start: number, end: number) => string;

/**
 * One of Node's Buffer string encoders (`hexSlice`, `latin1Slice`) called on any Uint8Array: no
 * Buffer is made and no `.buffer` is read (which would move a small array off V8's heap), and
 * the string it makes is flat, so JSON.stringify or a Map need not flatten one piece per byte.
 * The methods are undocumented, so one is used only if present and if it agrees with
 * `reference` at load time on a view, at an offset, of every byte value.
 */
function nativeSlice(name: string, reference: (b: Uint8Array) => string): NativeSlice | undefined {
  const f = (Buffer.prototype as unknown as Record<string, unknown>)[name];
  if (typeof f !== "function") return undefined;
  const slice = f as NativeSlice;
  const probe = new Uint8Array(260);
  for (let i = 0; i < probe.length; i++) probe[i] = (i * 7 + 3) & 0xff;
  const view = probe.subarray(2, 258);
  try {
    return slice.call(view, 0, view.length) === reference(view) && slice.call(new Uint8Array(0), 0, 0) === "" ? slice : undefined;
  } catch {
    return undefined;
  }
}

function hexLoop(bytes: Uint8Array): string {
  let out = "";
  for (let i = 0; i < bytes.length; i++) out += BYTE_TO_HEX[bytes[i]!];
  return out;
}

function latin1ViaBuffer(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("latin1");
}

const nativeHex = nativeSlice("hexSlice", hexLoop);
const nativeLatin1 = nativeSlice("latin1Slice", latin1ViaBuffer);

/** The bytes as a latin1 string: one char per byte, so string order is byte order. */
export const bytesToLatin1: (bytes: Uint8Array) => string =
  nativeLatin1 === undefined ? latin1ViaBuffer : (bytes) => nativeLatin1.call(bytes, 0, bytes.length);

/** Below this length the JS loop is as fast as the native call. */
const NATIVE_HEX_MIN = 16;

/** Lower-case hex with a 0x prefix. */
export function bytesToHex(bytes: Uint8Array): string {
  return `0x${bytesToUnprefixedHex(bytes)}`;
}

/** Lower-case hex without prefix. */
export function bytesToUnprefixedHex(bytes: Uint8Array): string {
  if (nativeHex !== undefined && bytes.length >= NATIVE_HEX_MIN) return nativeHex.call(bytes, 0, bytes.length);
  return hexLoop(bytes);
}

function hexNibble(code: number): number {
  if (code >= 48 && code <= 57) return code - 48; // 0-9
  if (code >= 97 && code <= 102) return code - 87; // a-f
  if (code >= 65 && code <= 70) return code - 55; // A-F
  return -1;
}

/** Nibble values by character code (-1: not a hex digit). */
const NIBBLES = new Int8Array(128).fill(-1);
for (let c = 0; c < 128; c++) NIBBLES[c] = hexNibble(c);

/**
 * The bytes of the even number of hex digits from `start` to the end of `hex`, or undefined if
 * one of them is not a hex digit (the caller words the error). No prefix handling.
 */
export function tryHexDigitsToBytes(hex: string, start: number): Bytes | undefined {
  const out = new Uint8Array((hex.length - start) >> 1);
  for (let i = 0, j = start; i < out.length; i++, j += 2) {
    const a = hex.charCodeAt(j);
    const b = hex.charCodeAt(j + 1);
    const hi = a < 128 ? NIBBLES[a]! : -1;
    const lo = b < 128 ? NIBBLES[b]! : -1;
    if ((hi | lo) < 0) return undefined;
    out[i] = (hi << 4) | lo;
  }
  return out;
}

/**
 * Strict hex decoding: optional 0x prefix, an even number of hex digits, nothing else.
 * Use `hexToBytesLoose` where odd-length input (like "0x0") must be accepted.
 */
export function hexToBytes(hex: string): Bytes {
  const start = hex.startsWith("0x") || hex.startsWith("0X") ? 2 : 0;
  const len = hex.length - start;
  if (len % 2 !== 0) throw new PrimitiveError(`hex string has odd length: ${truncate(hex)}`);
  const out = new Uint8Array(len / 2);
  for (let i = 0; i < out.length; i++) {
    const hi = hexNibble(hex.charCodeAt(start + 2 * i));
    const lo = hexNibble(hex.charCodeAt(start + 2 * i + 1));
    if (hi < 0 || lo < 0) throw new PrimitiveError(`invalid hex character in ${truncate(hex)}`);
    out[i] = (hi << 4) | lo;
  }
  return out;
}

/** Hex decoding that left-pads an odd number of digits with a zero ("0x1" -> [0x01]). */
export function hexToBytesLoose(hex: string): Bytes {
  const body = hex.startsWith("0x") || hex.startsWith("0X") ? hex.slice(2) : hex;
  return hexToBytes(body.length % 2 === 1 ? `0${body}` : body);
}

export function isHexString(value: string, byteLength?: number): boolean {
  if (!/^0x[0-9a-fA-F]*$/.test(value)) return false;
  if (byteLength !== undefined) return value.length === 2 + 2 * byteLength;
  return value.length % 2 === 0;
}

function truncate(s: string): string {
  return s.length > 40 ? `${s.slice(0, 40)}...` : s;
}

export function concatBytes(...parts: Uint8Array[]): Bytes {
  let total = 0;
  for (const p of parts) total += p.length;
  const out = new Uint8Array(total);
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}

export function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Lexicographic comparison (shorter prefix sorts first), as LMDB and sorted maps want. */
export function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const d = a[i]! - b[i]!;
    if (d !== 0) return d;
  }
  return a.length - b.length;
}

/** Writes a safe integer big-endian into out[end - n .. end), n = its byte length; returns n. */
function writeSmall(v: number, out: Uint8Array, end: number): number {
  let i = end;
  while (v > 0) {
    out[--i] = v % 256;
    v = Math.floor(v / 256);
  }
  return end - i;
}

function byteLengthOfSmall(v: number): number {
  let n = 0;
  while (v > 0) {
    n++;
    v = Math.floor(v / 256);
  }
  return n;
}

const MAX_SMALL = BigInt(Number.MAX_SAFE_INTEGER);

/** Minimal big-endian encoding of a non-negative integer (zero is the empty array). */
export function bigintToBytes(value: bigint): Bytes {
  if (value < 0n) throw new PrimitiveError(`negative integer cannot be encoded: ${value}`);
  if (value === 0n) return EMPTY_BYTES;
  // Most integers on the wire (nonces, gas, small values) fit a double: no string round trip.
  if (value <= MAX_SMALL) {
    const v = Number(value);
    const out = new Uint8Array(byteLengthOfSmall(v));
    writeSmall(v, out, out.length);
    return out;
  }
  let hex = value.toString(16);
  if (hex.length % 2 === 1) hex = `0${hex}`;
  return hexToBytes(hex);
}

/** Big-endian encoding left-padded to exactly `length` bytes. */
export function bigintToFixedBytes(value: bigint, length: number): Bytes {
  if (value < 0n) throw new PrimitiveError(`negative integer cannot be encoded: ${value}`);
  const out = new Uint8Array(length);
  if (value <= MAX_SMALL) {
    const v = Number(value);
    if (byteLengthOfSmall(v) > length) throw new PrimitiveError(`integer does not fit in ${length} bytes`);
    writeSmall(v, out, length);
    return out;
  }
  const hex = value.toString(16);
  if (hex.length > 2 * length) throw new PrimitiveError(`integer does not fit in ${length} bytes`);
  out.set(hexToBytes(hex.length % 2 === 1 ? `0${hex}` : hex), length - Math.ceil(hex.length / 2));
  return out;
}

export function bytesToBigint(bytes: Uint8Array): bigint {
  if (bytes.length === 0) return 0n;
  if (bytes.length <= 6) {
    let n = 0;
    for (let i = 0; i < bytes.length; i++) n = n * 256 + bytes[i]!;
    return BigInt(n);
  }
  return BigInt(bytesToHex(bytes));
}

/** Minimal big-endian encoding of a safe integer. */
export function numberToBytes(value: number): Bytes {
  if (!Number.isSafeInteger(value) || value < 0) throw new PrimitiveError(`not a non-negative safe integer: ${value}`);
  return bigintToBytes(BigInt(value));
}

export function bytesToNumber(bytes: Uint8Array): number {
  const v = bytesToBigint(bytes);
  if (v > BigInt(Number.MAX_SAFE_INTEGER)) throw new PrimitiveError("integer exceeds the safe range");
  return Number(v);
}

/** Left-pads to `length` bytes (error if longer). */
export function padLeft(bytes: Uint8Array, length: number): Bytes {
  if (bytes.length > length) throw new PrimitiveError(`${bytes.length} bytes do not fit in ${length}`);
  if (bytes.length === length) return bytes;
  const out = new Uint8Array(length);
  out.set(bytes, length - bytes.length);
  return out;
}

export function utf8ToBytes(s: string): Bytes {
  return new TextEncoder().encode(s);
}

export function bytesToUtf8(b: Uint8Array): string {
  return new TextDecoder().decode(b);
}

/**
 * A Map key for a byte string: its length in two UTF-16 units, then two bytes per unit (the
 * last byte of an odd length alone in the high half). Keys of different lengths never collide.
 * Only for lookups: the order of keys is not the order of the bytes, and keys are not text.
 * About four times faster than a latin1 Buffer round trip for addresses and hashes.
 */
export function bytesKey(b: Uint8Array): string {
  const n = b.length;
  if (n === 20)
    return String.fromCharCode(
      20,
      0,
      (b[0]! << 8) | b[1]!,
      (b[2]! << 8) | b[3]!,
      (b[4]! << 8) | b[5]!,
      (b[6]! << 8) | b[7]!,
      (b[8]! << 8) | b[9]!,
      (b[10]! << 8) | b[11]!,
      (b[12]! << 8) | b[13]!,
      (b[14]! << 8) | b[15]!,
      (b[16]! << 8) | b[17]!,
      (b[18]! << 8) | b[19]!,
    );
  if (n === 32)
    return String.fromCharCode(
      32,
      0,
      (b[0]! << 8) | b[1]!,
      (b[2]! << 8) | b[3]!,
      (b[4]! << 8) | b[5]!,
      (b[6]! << 8) | b[7]!,
      (b[8]! << 8) | b[9]!,
      (b[10]! << 8) | b[11]!,
      (b[12]! << 8) | b[13]!,
      (b[14]! << 8) | b[15]!,
      (b[16]! << 8) | b[17]!,
      (b[18]! << 8) | b[19]!,
      (b[20]! << 8) | b[21]!,
      (b[22]! << 8) | b[23]!,
      (b[24]! << 8) | b[25]!,
      (b[26]! << 8) | b[27]!,
      (b[28]! << 8) | b[29]!,
      (b[30]! << 8) | b[31]!,
    );
  const units = new Array<number>(2 + ((n + 1) >> 1));
  units[0] = n & 0xffff;
  units[1] = n >>> 16;
  for (let i = 0; i < n; i += 2) units[2 + (i >> 1)] = (b[i]! << 8) | (i + 1 < n ? b[i + 1]! : 0);
  let s = "";
  // fromCharCode takes its units as arguments; chunks keep long inputs within the call limit.
  for (let i = 0; i < units.length; i += 8192) s += String.fromCharCode(...units.slice(i, i + 8192));
  return s;
}
