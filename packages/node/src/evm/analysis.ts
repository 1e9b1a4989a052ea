/**
 * evm/jumpdest: JUMPDEST analysis. A position is a valid jump target when it holds 0x5b and is
 * not inside PUSH data. The bitmap is computed once per code and cached by code hash (and by
 * the code array itself, which hosts usually share between calls), never per call.
 */
import { bytesToUnprefixedHex } from "../primitives/index.js";

const JUMPDEST = 0x5b;
const PUSH1 = 0x60;
const PUSH32 = 0x7f;

/** One bit per code position. */
export function analyzeJumpdests(code: Uint8Array): Uint8Array {
  const bitmap = new Uint8Array((code.length >> 3) + 1);
  for (let i = 0; i < code.length; i++) {
    const op = code[i]!;
    if (op === JUMPDEST) bitmap[i >> 3]! |= 1 << (i & 7);
    else if (op >= PUSH1 && op <= PUSH32) i += op - PUSH1 + 1;
  }
  return bitmap;
}

/** `dest` must be below the code length. */
export function isJumpdest(bitmap: Uint8Array, dest: number): boolean {
  return ((bitmap[dest >> 3]! >> (dest & 7)) & 1) === 1;
}

const MAX_ENTRIES = 16384;

export class JumpdestCache {
  private readonly byCode = new WeakMap<Uint8Array, Uint8Array>();
  private readonly byHash = new Map<string, Uint8Array>();

  /** Bitmap for deployed code; `hash` is its keccak256, asked for only on a miss. */
  get(code: Uint8Array, hash: () => Uint8Array): Uint8Array {
    const hit = this.byCode.get(code);
    if (hit !== undefined) return hit;
    const key = bytesToUnprefixedHex(hash());
    let bitmap = this.byHash.get(key);
    if (bitmap === undefined) {
      bitmap = analyzeJumpdests(code);
      // A crude bound: the working set of a block is far below it, and a full reset is cheap.
      if (this.byHash.size >= MAX_ENTRIES) this.byHash.clear();
      this.byHash.set(key, bitmap);
    }
    this.byCode.set(code, bitmap);
    return bitmap;
  }
}
