/**
 * abi: a small Solidity ABI decoder for what an explorer shows: human-readable signatures
 * ("transfer(address to, uint256 value)", events with `indexed`), and head/tail decoding of
 * uintN/intN, address, bool, bytesN, bytes, string, T[], T[k] and tuples, as the Solidity ABI
 * specification lays them out. Malformed data throws AbiError; callers fall back to raw hex.
 */
import { bytesHex } from "./format.js";

export class AbiError extends Error {
  override name = "AbiError";
}

export interface Param {
  readonly name: string;
  readonly type: string;
  readonly indexed: boolean;
}

export interface Signature {
  readonly name: string;
  readonly params: readonly Param[];
  readonly text: string;
}

export type AbiValue = bigint | boolean | string | AbiValue[];

/** Splits on commas at depth 0 of parentheses. */
function splitTop(s: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === "(") depth++;
    else if (c === ")") depth--;
    else if (c === "," && depth === 0) {
      out.push(s.slice(start, i));
      start = i + 1;
    }
  }
  if (s.slice(start).trim() !== "") out.push(s.slice(start));
  return out.map((p) => p.trim());
}

export function parseSignature(text: string): Signature {
  const open = text.indexOf("(");
  if (open < 0 || !text.endsWith(")")) throw new AbiError(`bad signature ${text}`);
  const name = text.slice(0, open).trim();
  const params = splitTop(text.slice(open + 1, -1)).map((p, i): Param => {
    let type: string;
    let rest: string;
    if (p.startsWith("(")) {
      // tuple: the matching parenthesis plus array suffixes is the type
      let depth = 0;
      let end = 0;
      for (; end < p.length; end++) {
        if (p[end] === "(") depth++;
        else if (p[end] === ")" && --depth === 0) break;
      }
      const suffix = /^(\[\d*\])*/.exec(p.slice(end + 1))![0];
      type = p.slice(0, end + 1 + suffix.length);
      rest = p.slice(end + 1 + suffix.length).trim();
    } else {
      const parts = p.split(/\s+/);
      type = parts[0]!;
      rest = parts.slice(1).join(" ");
    }
    const words = rest.split(/\s+/).filter((w) => w !== "");
    const indexed = words.includes("indexed");
    const pname = words.filter((w) => w !== "indexed" && w !== "memory" && w !== "calldata")[0] ?? `arg${i}`;
    return { name: pname, type, indexed };
  });
  return { name, params, text };
}

function isTuple(t: string): boolean {
  return t.startsWith("(") && t.endsWith(")");
}

/** "uint256[3][]" -> ["uint256[3]", ""] (element type, length text) or undefined */
function arrayParts(t: string): [string, string] | undefined {
  const m = /^(.*)\[(\d*)\]$/.exec(t);
  if (m === null) return undefined;
  return [m[1]!, m[2]!];
}

function tupleTypes(t: string): string[] {
  return splitTop(t.slice(1, -1)).map((p) => parseSignature(`x(${p})`).params[0]!.type);
}

export function isDynamic(t: string): boolean {
  if (t === "bytes" || t === "string") return true;
  const arr = arrayParts(t);
  if (arr !== undefined) return arr[1] === "" || isDynamic(arr[0]);
  if (isTuple(t)) return tupleTypes(t).some(isDynamic);
  return false;
}

function staticSize(t: string): number {
  const arr = arrayParts(t);
  if (arr !== undefined) return Number(arr[1]) * staticSize(arr[0]);
  if (isTuple(t)) return tupleTypes(t).reduce((n, x) => n + staticSize(x), 0);
  return 32;
}

const MAX_ITEMS = 10_000;

class Reader {
  constructor(readonly data: Uint8Array) {}

  word(at: number): Uint8Array {
    if (at < 0 || at + 32 > this.data.length) throw new AbiError(`data too short: word at ${at} of ${this.data.length} bytes`);
    return this.data.subarray(at, at + 32);
  }

  uint(at: number): bigint {
    let v = 0n;
    for (const b of this.word(at)) v = (v << 8n) | BigInt(b);
    return v;
  }

  size(at: number): number {
    const v = this.uint(at);
    if (v > BigInt(this.data.length)) throw new AbiError(`offset or length ${v} past the data`);
    return Number(v);
  }
}

function decodeStatic(t: string, r: Reader, at: number): AbiValue {
  const arr = arrayParts(t);
  if (arr !== undefined) return decodeSeq(Array(Number(arr[1])).fill(arr[0]), r, at);
  if (isTuple(t)) return decodeSeq(tupleTypes(t), r, at);
  const w = r.word(at);
  if (t === "address") {
    if (w.subarray(0, 12).some((b) => b !== 0)) throw new AbiError("address with dirty high bytes");
    return bytesHex(w.subarray(12));
  }
  if (t === "bool") {
    const v = r.uint(at);
    if (v > 1n) throw new AbiError("bool out of range");
    return v === 1n;
  }
  let m = /^uint(\d*)$/.exec(t);
  if (m !== null) {
    const v = r.uint(at);
    if (v >> BigInt(Number(m[1] || 256)) !== 0n) throw new AbiError(`${t} out of range`);
    return v;
  }
  m = /^int(\d*)$/.exec(t);
  if (m !== null) {
    const v = BigInt.asIntN(256, r.uint(at));
    const bits = BigInt(Number(m[1] || 256));
    if (BigInt.asIntN(Number(bits), v) !== v) throw new AbiError(`${t} out of range`);
    return v;
  }
  m = /^bytes(\d+)$/.exec(t);
  if (m !== null) return bytesHex(w.subarray(0, Number(m[1])));
  if (t === "function") return bytesHex(w.subarray(0, 24));
  throw new AbiError(`unsupported type ${t}`);
}

function decodeDynamic(t: string, r: Reader, at: number): AbiValue {
  if (t === "bytes" || t === "string") {
    const len = r.size(at);
    if (at + 32 + len > r.data.length) throw new AbiError("bytes past the data");
    const b = r.data.subarray(at + 32, at + 32 + len);
    return t === "string" ? new TextDecoder().decode(b) : bytesHex(b);
  }
  const arr = arrayParts(t);
  if (arr !== undefined) {
    if (arr[1] === "") {
      const len = r.size(at);
      if (len > MAX_ITEMS) throw new AbiError("array too long");
      return decodeSeq(Array(len).fill(arr[0]), r, at + 32);
    }
    return decodeSeq(Array(Number(arr[1])).fill(arr[0]), r, at);
  }
  if (isTuple(t)) return decodeSeq(tupleTypes(t), r, at);
  throw new AbiError(`unsupported type ${t}`);
}

/** A tuple's encoding at `base`: heads in order, dynamic ones pointing relative to base. */
function decodeSeq(types: readonly string[], r: Reader, base: number): AbiValue[] {
  const out: AbiValue[] = [];
  let pos = base;
  for (const t of types) {
    if (isDynamic(t)) {
      out.push(decodeDynamic(t, r, base + r.size(pos)));
      pos += 32;
    } else {
      out.push(decodeStatic(t, r, pos));
      pos += staticSize(t);
    }
  }
  return out;
}

export function decodeParams(types: readonly string[], data: Uint8Array): AbiValue[] {
  return decodeSeq(types, new Reader(data), 0);
}

/** One indexed event value: static types decode from the topic, dynamic ones are only a hash. */
export function decodeTopic(type: string, topic: Uint8Array): AbiValue {
  if (isDynamic(type) || arrayParts(type) !== undefined || isTuple(type)) return bytesHex(topic);
  return decodeStatic(type, new Reader(topic), 0);
}
