/**
 * evm/analysis: what is computed once per code and cached, never per call.
 *
 * - JUMPDEST analysis: a position is a valid jump target when it holds 0x5b and is not inside
 *   PUSH data; kept as a bitmap.
 * - PUSH constants: the word a PUSHn (n > 6) at a position pushes, filled lazily on first
 *   execution, so a loop does not rebuild a 256-bit value from bytes on every iteration.
 *
 * Deployed code is cached by code hash (and by the code array itself, which hosts usually share
 * between calls); initcode is analysed per creation.
 */
import { bytesToUnprefixedHex } from "../primitives/index.js";

const JUMPDEST = 0x5b;
const PUSH1 = 0x60;
const PUSH32 = 0x7f;

export interface CodeAnalysis {
  /** One bit per code position. */
  readonly jumpdests: Uint8Array;
  /** Words pushed by PUSH7..PUSH32, by position; filled on first use. */
  readonly pushValues: Array<bigint | undefined>;
}

export function analyzeJumpdests(code: Uint8Array): Uint8Array {
  const bitmap = new Uint8Array((code.length >> 3) + 1);
  for (let i = 0; i < code.length; i++) {
    const op = code[i]!;
    if (op === JUMPDEST) bitmap[i >> 3]! |= 1 << (i & 7);
    else if (op >= PUSH1 && op <= PUSH32) i += op - PUSH1 + 1;
  }
  return bitmap;
}

export function analyzeCode(code: Uint8Array): CodeAnalysis {
  return { jumpdests: analyzeJumpdests(code), pushValues: new Array<bigint | undefined>(code.length) };
}

/** `dest` must be below the code length. */
export function isJumpdest(bitmap: Uint8Array, dest: number): boolean {
  return ((bitmap[dest >> 3]! >> (dest & 7)) & 1) === 1;
}

const MAX_ENTRIES = 16384;

export class AnalysisCache {
  private readonly byCode = new WeakMap<Uint8Array, CodeAnalysis>();
  private readonly byHash = new Map<string, CodeAnalysis>();

  /** Analysis of deployed code; `hash` is its keccak256, asked for only on a miss. */
  get(code: Uint8Array, hash: () => Uint8Array): CodeAnalysis {
    const hit = this.byCode.get(code);
    if (hit !== undefined) return hit;
    const key = bytesToUnprefixedHex(hash());
    let analysis = this.byHash.get(key);
    if (analysis === undefined) {
      analysis = analyzeCode(code);
      // A crude bound: the working set of a block is far below it, and a full reset is cheap.
      if (this.byHash.size >= MAX_ENTRIES) this.byHash.clear();
      this.byHash.set(key, analysis);
    }
    this.byCode.set(code, analysis);
    return analysis;
  }
}
