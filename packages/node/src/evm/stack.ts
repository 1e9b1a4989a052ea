/**
 * evm/stack: the 1024-slot operand stack of one frame.
 *
 * Representation: parallel arrays. A word below 2^53 (offsets, sizes, counters, booleans,
 * small amounts: most words in practice) lives in `nums` as an exact double. A larger word is
 * either a normalised bigint in `bigs` (-1 in `nums`) or, for a hash pushed as 32 bytes, those
 * bytes in `raw` (-2 in `nums`), turned into a bigint only if an instruction needs the number:
 * building a bigint from 32 bytes costs more than hashing them, and a hash is often only stored
 * back to memory. The representation is canonical (a word is small if and only if it is below
 * 2^53), so a small and a big word are never equal and the small one is always less. Common
 * opcodes take the allocation-free double path and fall back to bigint arithmetic otherwise.
 *
 * Instructions reach the arrays only through these methods. Bounds are not checked here: the
 * interpreter checks each opcode's stack requirements from the jump table before running it.
 */
import type { Address } from "../primitives/index.js";
import { addressToWord, readPadded, readWord, wordToAddress, writeSmallWord, writeWord } from "./word.js";

export const STACK_LIMIT = 1024;

/** Largest word kept as a double: 2^53 - 1. */
export const MAX_SMALL = Number.MAX_SAFE_INTEGER;
const MAX_SMALL_BIG = BigInt(MAX_SMALL);

/** `nums` marker of a word held as 32 bytes in `raw`. */
const RAW = -2;

/** Value `popOffset` returns for anything >= 2^32: larger than any memory, still exact in sums. */
export const OVERSIZED = 2 ** 40;

export class Stack {
  /** The word as a double when below 2^53, else -1 (see `bigs`) or -2 (see `raw`). */
  readonly nums = new Float64Array(STACK_LIMIT);
  /** The word when `nums` holds -1. */
  readonly bigs: bigint[] = new Array<bigint>(STACK_LIMIT).fill(0n);
  /** The word's 32 big-endian bytes when `nums` holds -2 (arrays nobody mutates). */
  readonly raw: Array<Uint8Array | undefined> = new Array<Uint8Array | undefined>(STACK_LIMIT).fill(undefined);
  sp = 0;

  /** Slot `i` as a bigint, converting a raw word once. */
  private word(i: number): bigint {
    const n = this.nums[i]!;
    if (n >= 0) return BigInt(n);
    if (n === -1) return this.bigs[i]!;
    const v = readWord(this.raw[i]!, 0);
    this.bigs[i] = v;
    this.nums[i] = -1;
    return v;
  }

  // ---- words as bigint (any size) ---------------------------------------------------------------

  push(v: bigint): void {
    const i = this.sp++;
    if (v <= MAX_SMALL_BIG) this.nums[i] = Number(v);
    else {
      this.nums[i] = -1;
      this.bigs[i] = v;
    }
  }

  pop(): bigint {
    return this.word(--this.sp);
  }

  /** The word `depth` slots below the top (0 = top). */
  peek(depth = 0): bigint {
    return this.word(this.sp - 1 - depth);
  }

  setTop(v: bigint): void {
    const i = this.sp - 1;
    if (v <= MAX_SMALL_BIG) this.nums[i] = Number(v);
    else {
      this.nums[i] = -1;
      this.bigs[i] = v;
    }
  }

  // ---- words below 2^53 as doubles (no allocation) ---------------------------------------------

  /** The word `depth` slots below the top as a double, or a negative marker if it is 2^53 or more. */
  small(depth: number): number {
    return this.nums[this.sp - 1 - depth]!;
  }

  /** Pushes a word known to be below 2^53. */
  pushSmall(n: number): void {
    this.nums[this.sp++] = n;
  }

  /** Replaces the top with a word known to be below 2^53. */
  setTopSmall(n: number): void {
    this.nums[this.sp - 1] = n;
  }

  /** Pops one word and replaces the new top with `n` (< 2^53): a binary operation's result. */
  popSetTopSmall(n: number): void {
    this.nums[--this.sp - 1] = n;
  }

  drop(): void {
    this.sp--;
  }

  /** Pops and tells whether the word was zero (JUMPI's condition). */
  popIsZero(): boolean {
    // Zero is always stored small.
    return this.nums[--this.sp] === 0;
  }

  /**
   * Pops a memory offset or size. Values of 2^32 or more come back as OVERSIZED, which no
   * memory can reach (expansion fails as out of gas) and which reads past any data.
   */
  popOffset(): number {
    const n = this.nums[--this.sp]!;
    return n >= 0 && n <= 0xffffffff ? n : OVERSIZED;
  }

  popAddress(): Address {
    return wordToAddress(this.word(--this.sp));
  }

  pushAddress(a: Uint8Array): void {
    this.push(addressToWord(a));
  }

  /** Pushes 32 bytes of `src` at `offset` (in bounds) as a word: MLOAD, hashes. */
  pushWord(src: Uint8Array, offset: number): void {
    // Fast path: 25 leading zero bytes leave at most 56 bits, usually below 2^53.
    let i = offset;
    const end = offset + 25;
    while (i < end && src[i] === 0) i++;
    if (i === end) {
      const n =
        (src[i]! * 65536 + src[i + 1]! * 256 + src[i + 2]!) * 4294967296 +
        (((src[i + 3]! << 24) | (src[i + 4]! << 16) | (src[i + 5]! << 8) | src[i + 6]!) >>> 0);
      if (n <= MAX_SMALL) {
        this.nums[this.sp++] = n;
        return;
      }
    }
    this.push(readWord(src, offset));
  }

  /**
   * Pushes a fresh 32-byte array (KECCAK256's result) as a word. The array is kept, not
   * copied, so it must be one that nobody mutates afterwards; arrays owned by someone else
   * (host data, context) go through `pushWord`.
   */
  pushBytes32(b: Uint8Array): void {
    let lead = 0;
    while (lead < 7 && b[lead] === 0) lead++;
    if (lead === 7 || b.length !== 32) {
      // Possibly below 2^53: decide on the number now to keep the representation canonical.
      this.pushWord(b, 0);
      return;
    }
    const i = this.sp++;
    this.nums[i] = RAW;
    this.raw[i] = b;
  }

  /** Pushes `length` bytes of `src` at `offset`, zeros past the end (PUSHn, CALLDATALOAD). */
  pushFromBytes(src: Uint8Array, offset: number, length: number): void {
    if (length <= 6 && offset + length <= src.length) {
      let n = 0;
      for (let i = offset; i < offset + length; i++) n = n * 256 + src[i]!;
      this.nums[this.sp++] = n;
      return;
    }
    if (length === 32 && offset + 32 <= src.length) this.pushWord(src, offset);
    else this.push(readPadded(src, offset, length));
  }

  /** Pops a word into 32 bytes of `dst` at `offset` (MSTORE). */
  popToBytes(dst: Uint8Array, offset: number): void {
    const i = --this.sp;
    const n = this.nums[i]!;
    if (n >= 0) writeSmallWord(dst, offset, n);
    else if (n === -1) writeWord(dst, offset, this.bigs[i]!);
    else dst.set(this.raw[i]!, offset);
  }

  dup(n: number): void {
    const from = this.sp - n;
    const v = this.nums[from]!;
    this.nums[this.sp] = v;
    if (v === -1) this.bigs[this.sp] = this.bigs[from]!;
    else if (v === RAW) this.raw[this.sp] = this.raw[from];
    this.sp++;
  }

  swap(n: number): void {
    const top = this.sp - 1;
    const other = top - n;
    const nums = this.nums;
    const t = nums[top]!;
    const o = nums[other]!;
    nums[top] = o;
    nums[other] = t;
    if (t < 0 || o < 0) {
      const bigs = this.bigs;
      const tb = bigs[top]!;
      bigs[top] = bigs[other]!;
      bigs[other] = tb;
      const raw = this.raw;
      const tr = raw[top];
      raw[top] = raw[other];
      raw[other] = tr;
    }
  }

  /** Bottom-to-top copy as bigints, for tracers and tests. */
  toArray(): bigint[] {
    const out: bigint[] = [];
    for (let i = 0; i < this.sp; i++) out.push(this.word(i));
    return out;
  }

  reset(): void {
    this.sp = 0;
  }
}
