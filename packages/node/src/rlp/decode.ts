/**
 * rlp/decode: strict RLP decoding. Rejects every non-canonical form so that one value has one
 * encoding: single bytes below 0x80 wrapped in a string header, short payloads with long headers,
 * lengths with leading zeros, lengths beyond the input, trailing bytes, nesting beyond
 * MAX_RLP_DEPTH. Decoded byte strings are views into the input (no copies): copy what you keep
 * if the input buffer is reused.
 */
import { RlpError } from "./errors.js";
import { MAX_RLP_DEPTH } from "./limits.js";

export type RlpItem = Uint8Array | RlpItem[];

interface Header {
  isList: boolean;
  /** offset of the payload */
  start: number;
  /** payload length */
  length: number;
}

function readLength(input: Uint8Array, pos: number, ll: number): number {
  if (pos + ll > input.length) throw new RlpError("length prefix runs past the end of the input");
  if (input[pos] === 0) throw new RlpError("length prefix has a leading zero");
  let len = 0;
  for (let i = 0; i < ll; i++) len = len * 256 + input[pos + i]!;
  if (len < 56) throw new RlpError("long form used for a payload shorter than 56 bytes");
  if (!Number.isSafeInteger(len)) throw new RlpError("length prefix too large");
  return len;
}

function readHeader(input: Uint8Array, pos: number, end: number): Header {
  if (pos >= end) throw new RlpError("unexpected end of input");
  const b = input[pos]!;
  let h: Header;
  if (b < 0x80) {
    h = { isList: false, start: pos, length: 1 };
  } else if (b <= 0xb7) {
    h = { isList: false, start: pos + 1, length: b - 0x80 };
    if (h.length === 1 && pos + 1 < end && input[pos + 1]! < 0x80) {
      throw new RlpError("single byte below 0x80 must not have a string header");
    }
  } else if (b < 0xc0) {
    const ll = b - 0xb7;
    h = { isList: false, start: pos + 1 + ll, length: readLength(input, pos + 1, ll) };
  } else if (b <= 0xf7) {
    h = { isList: true, start: pos + 1, length: b - 0xc0 };
  } else {
    const ll = b - 0xf7;
    h = { isList: true, start: pos + 1 + ll, length: readLength(input, pos + 1, ll) };
  }
  if (h.start + h.length > end) throw new RlpError("payload runs past the end of its container");
  return h;
}

function decodeAt(input: Uint8Array, pos: number, end: number, depth: number): [RlpItem, number] {
  if (depth > MAX_RLP_DEPTH) throw new RlpError(`nesting deeper than ${MAX_RLP_DEPTH}`);
  const h = readHeader(input, pos, end);
  const next = h.start + h.length;
  if (!h.isList) return [input.subarray(h.start, next), next];
  const items: RlpItem[] = [];
  let p = h.start;
  while (p < next) {
    const [child, after] = decodeAt(input, p, next, depth + 1);
    items.push(child);
    p = after;
  }
  return [items, next];
}

/** Decodes exactly one item; trailing bytes are an error. */
export function decodeRlp(input: Uint8Array): RlpItem {
  if (!(input instanceof Uint8Array)) throw new RlpError("input must be bytes");
  const [item, next] = decodeAt(input, 0, input.length, 0);
  if (next !== input.length) throw new RlpError(`${input.length - next} trailing bytes after the RLP item`);
  return item;
}

/** Decodes the first item and returns it with the number of bytes it used. */
export function decodeRlpPrefix(input: Uint8Array): { item: RlpItem; consumed: number } {
  const [item, next] = decodeAt(input, 0, input.length, 0);
  return { item, consumed: next };
}

/** Length in bytes of the first encoded item (header + payload), without decoding it. */
export function rlpItemLength(input: Uint8Array, pos = 0): number {
  const h = readHeader(input, pos, input.length);
  return h.start + h.length - pos;
}
