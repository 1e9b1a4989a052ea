/**
 * rlp/encode: Recursive Length Prefix encoding (yellow paper, appendix B).
 * Two passes: measure every list's payload, then write into one exact-size buffer, so encoding
 * a block allocates a single array.
 */
import { RlpError } from "./errors.js";

/** What can be encoded: byte strings, non-negative integers (minimal big-endian), and lists. */
export type RlpInput = Uint8Array | bigint | number | readonly RlpInput[];

const MAX_SMALL = BigInt(Number.MAX_SAFE_INTEGER);

/**
 * Integers are written straight into the output, never through an intermediate byte array:
 * block and trie encoding handle millions of them. A safe integer is measured and written with
 * float arithmetic; a larger bigint through its hex digits.
 */
function checkInt(v: number | bigint): void {
  if (typeof v === "number") {
    if (!Number.isSafeInteger(v) || v < 0) throw new RlpError(`cannot encode number ${v}`);
  } else if (v < 0n) throw new RlpError(`cannot encode negative integer ${v}`);
}

/** Minimal big-endian byte length of a non-negative integer (0 for zero). */
function intLength(v: number | bigint): number {
  if (typeof v === "bigint") {
    if (v > MAX_SMALL) return (v.toString(16).length + 1) >> 1;
    v = Number(v);
  }
  return lengthOfLength(v);
}

/** Encoded size of an integer item. */
function intEncodedLength(v: number | bigint): number {
  checkInt(v);
  const n = intLength(v);
  if (n === 1 && Number(v) < 0x80) return 1;
  return n < 56 ? 1 + n : 1 + lengthOfLength(n) + n;
}

const HEX_DIGIT = (c: number): number => (c <= 57 ? c - 48 : c - 87);
function lengthOfLength(n: number): number {
  let len = 0;
  while (n > 0) {
    len++;
    n = Math.floor(n / 256);
  }
  return len;
}

function bytesEncodedLength(b: Uint8Array): number {
  if (b.length === 1 && b[0]! < 0x80) return 1;
  if (b.length < 56) return 1 + b.length;
  return 1 + lengthOfLength(b.length) + b.length;
}

/** Returns the encoded size of `item`; records each list's payload length in pre-order. */
function measure(item: RlpInput, listLengths: number[]): number {
  if (item instanceof Uint8Array) return bytesEncodedLength(item);
  if (typeof item === "number" || typeof item === "bigint") return intEncodedLength(item);
  if (!Array.isArray(item)) throw new RlpError(`cannot encode value of type ${typeof item}`);
  const slot = listLengths.length;
  listLengths.push(0);
  let payload = 0;
  for (const child of item as readonly RlpInput[]) payload += measure(child, listLengths);
  listLengths[slot] = payload;
  return payload < 56 ? 1 + payload : 1 + lengthOfLength(payload) + payload;
}

class Writer {
  pos = 0;
  listIndex = 0;
  constructor(
    readonly out: Uint8Array,
    readonly listLengths: number[],
  ) {}

  header(len: number, shortBase: number, longBase: number): void {
    if (len < 56) {
      this.out[this.pos++] = shortBase + len;
      return;
    }
    const ll = lengthOfLength(len);
    this.out[this.pos++] = longBase + ll;
    for (let i = ll - 1; i >= 0; i--) {
      this.out[this.pos + i] = len & 0xff;
      len = Math.floor(len / 256);
    }
    this.pos += ll;
  }

  bytes(b: Uint8Array): void {
    if (b.length === 1 && b[0]! < 0x80) {
      this.out[this.pos++] = b[0]!;
      return;
    }
    this.header(b.length, 0x80, 0xb7);
    this.out.set(b, this.pos);
    this.pos += b.length;
  }

  /** An integer item (already checked by measure): minimal big-endian, as a byte string. */
  int(v: number | bigint): void {
    const out = this.out;
    if (typeof v === "bigint" && v > MAX_SMALL) {
      const hex = v.toString(16);
      this.header((hex.length + 1) >> 1, 0x80, 0xb7);
      let i = 0;
      let p = this.pos;
      if (hex.length % 2 === 1) out[p++] = HEX_DIGIT(hex.charCodeAt(i++));
      for (; i < hex.length; i += 2) out[p++] = (HEX_DIGIT(hex.charCodeAt(i)) << 4) | HEX_DIGIT(hex.charCodeAt(i + 1));
      this.pos = p;
      return;
    }
    let n = Number(v);
    if (n === 0) {
      out[this.pos++] = 0x80;
      return;
    }
    if (n < 0x80) {
      out[this.pos++] = n;
      return;
    }
    const len = lengthOfLength(n);
    out[this.pos++] = 0x80 + len;
    for (let i = len - 1; i >= 0; i--) {
      out[this.pos + i] = n % 256;
      n = Math.floor(n / 256);
    }
    this.pos += len;
  }

  item(item: RlpInput): void {
    if (item instanceof Uint8Array) {
      this.bytes(item);
      return;
    }
    if (typeof item === "number" || typeof item === "bigint") {
      this.int(item);
      return;
    }
    const payload = this.listLengths[this.listIndex++]!;
    this.header(payload, 0xc0, 0xf7);
    for (const child of item as readonly RlpInput[]) this.item(child);
  }
}

export function encodeRlp(item: RlpInput): Uint8Array {
  const listLengths: number[] = [];
  const total = measure(item, listLengths);
  const w = new Writer(new Uint8Array(total), listLengths);
  w.item(item);
  return w.out;
}

/** Wraps an already-encoded list payload (concatenated encoded items) in a list header. */
export function encodeRlpListPayload(payload: Uint8Array): Uint8Array {
  const len = payload.length;
  const headerLen = len < 56 ? 1 : 1 + lengthOfLength(len);
  const out = new Uint8Array(headerLen + len);
  const w = new Writer(out, []);
  w.header(len, 0xc0, 0xf7);
  out.set(payload, headerLen);
  return out;
}
