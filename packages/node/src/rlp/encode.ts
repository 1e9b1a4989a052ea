/**
 * rlp/encode: Recursive Length Prefix encoding (yellow paper, appendix B).
 * Two passes: measure every list's payload, then write into one exact-size buffer, so encoding
 * a block allocates a single array.
 */
import { bigintToBytes } from "../primitives/index.js";
import { RlpError } from "./errors.js";

/** What can be encoded: byte strings, non-negative integers (minimal big-endian), and lists. */
export type RlpInput = Uint8Array | bigint | number | readonly RlpInput[];

function intToBytes(v: number | bigint): Uint8Array {
  if (typeof v === "number") {
    if (!Number.isSafeInteger(v) || v < 0) throw new RlpError(`cannot encode number ${v}`);
    if (v === 0) return new Uint8Array(0);
    if (v < 256) return Uint8Array.of(v);
    return bigintToBytes(BigInt(v));
  }
  if (v < 0n) throw new RlpError(`cannot encode negative integer ${v}`);
  return bigintToBytes(v);
}

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
  if (typeof item === "number" || typeof item === "bigint") return bytesEncodedLength(intToBytes(item));
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

  item(item: RlpInput): void {
    if (item instanceof Uint8Array) {
      this.bytes(item);
      return;
    }
    if (typeof item === "number" || typeof item === "bigint") {
      this.bytes(intToBytes(item));
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
