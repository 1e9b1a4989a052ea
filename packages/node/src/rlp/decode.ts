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

function readLength(input: Uint8Array, pos: number, ll: number): number {
  if (pos + ll > input.length) throw new RlpError("length prefix runs past the end of the input");
  if (input[pos] === 0) throw new RlpError("length prefix has a leading zero");
  let len = 0;
  for (let i = 0; i < ll; i++) len = len * 256 + input[pos + i]!;
  if (len < 56) throw new RlpError("long form used for a payload shorter than 56 bytes");
  if (!Number.isSafeInteger(len)) throw new RlpError("length prefix too large");
  return len;
}

/**
 * Reads the header at `pos` into the module-level `hIsList`, `hStart`, `hLength`. Decoding is
 * on every import's hot path (each block's transactions, every trie node read from disk), so
 * headers and item ends are passed in variables rather than as a fresh object or tuple per item.
 */
let hIsList = false;
let hStart = 0;
let hLength = 0;

function readHeader(input: Uint8Array, pos: number, end: number): void {
  if (pos >= end) throw new RlpError("unexpected end of input");
  const b = input[pos]!;
  if (b < 0x80) {
    hIsList = false;
    hStart = pos;
    hLength = 1;
  } else if (b <= 0xb7) {
    hIsList = false;
    hStart = pos + 1;
    hLength = b - 0x80;
    if (hLength === 1 && pos + 1 < end && input[pos + 1]! < 0x80) {
      throw new RlpError("single byte below 0x80 must not have a string header");
    }
  } else if (b < 0xc0) {
    const ll = b - 0xb7;
    hIsList = false;
    hLength = readLength(input, pos + 1, ll);
    hStart = pos + 1 + ll;
  } else if (b <= 0xf7) {
    hIsList = true;
    hStart = pos + 1;
    hLength = b - 0xc0;
  } else {
    const ll = b - 0xf7;
    hIsList = true;
    hLength = readLength(input, pos + 1, ll);
    hStart = pos + 1 + ll;
  }
  if (hStart + hLength > end) throw new RlpError("payload runs past the end of its container");
}

/** Where the item decodeAt last returned ends. */
let itemEnd = 0;

function decodeAt(input: Uint8Array, pos: number, end: number, depth: number): RlpItem {
  if (depth > MAX_RLP_DEPTH) throw new RlpError(`nesting deeper than ${MAX_RLP_DEPTH}`);
  readHeader(input, pos, end);
  const start = hStart;
  const next = start + hLength;
  if (!hIsList) {
    itemEnd = next;
    return input.subarray(start, next);
  }
  const items: RlpItem[] = [];
  let p = start;
  while (p < next) {
    items.push(decodeAt(input, p, next, depth + 1));
    p = itemEnd;
  }
  itemEnd = next;
  return items;
}

/** Decodes exactly one item; trailing bytes are an error. */
export function decodeRlp(input: Uint8Array): RlpItem {
  if (!(input instanceof Uint8Array)) throw new RlpError("input must be bytes");
  const item = decodeAt(input, 0, input.length, 0);
  const next = itemEnd;
  if (next !== input.length) throw new RlpError(`${input.length - next} trailing bytes after the RLP item`);
  return item;
}

/** Decodes the first item and returns it with the number of bytes it used. */
export function decodeRlpPrefix(input: Uint8Array): { item: RlpItem; consumed: number } {
  const item = decodeAt(input, 0, input.length, 0);
  return { item, consumed: itemEnd };
}

/** Length in bytes of the first encoded item (header + payload), without decoding it. */
export function rlpItemLength(input: Uint8Array, pos = 0): number {
  readHeader(input, pos, input.length);
  return hStart + hLength - pos;
}
