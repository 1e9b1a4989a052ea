/**
 * evm/stack: the 1024-slot operand stack of one frame.
 *
 * Representation: a preallocated array of normalised `bigint` words. Instructions reach it only
 * through these methods, so the representation (for example limbs in a typed array) can change
 * in this file and in the arithmetic instructions without touching the rest. Bounds are not
 * checked here: the interpreter checks each opcode's stack requirements from the jump table
 * before running it.
 */
import type { Address } from "../primitives/index.js";
import { addressToWord, readPadded, readWord, wordToAddress, writeWord } from "./word.js";

export const STACK_LIMIT = 1024;

/** Value `popOffset` returns for anything >= 2^32: larger than any memory, still exact in sums. */
export const OVERSIZED = 2 ** 40;

export class Stack {
  readonly items: bigint[];
  sp = 0;

  constructor() {
    this.items = new Array<bigint>(STACK_LIMIT).fill(0n);
  }

  push(v: bigint): void {
    this.items[this.sp++] = v;
  }

  pop(): bigint {
    return this.items[--this.sp]!;
  }

  /** The word `depth` slots below the top (0 = top). */
  peek(depth = 0): bigint {
    return this.items[this.sp - 1 - depth]!;
  }

  setTop(v: bigint): void {
    this.items[this.sp - 1] = v;
  }

  drop(): void {
    this.sp--;
  }

  pushBool(b: boolean): void {
    this.items[this.sp++] = b ? 1n : 0n;
  }

  pushNumber(n: number): void {
    this.items[this.sp++] = BigInt(n);
  }

  /**
   * Pops a memory offset or size. Values of 2^32 or more come back as OVERSIZED, which no
   * memory can reach (expansion fails as out of gas) and which reads past any data.
   */
  popOffset(): number {
    const v = this.items[--this.sp]!;
    return v <= 0xffffffffn ? Number(v) : OVERSIZED;
  }

  popAddress(): Address {
    return wordToAddress(this.items[--this.sp]!);
  }

  pushAddress(a: Uint8Array): void {
    this.items[this.sp++] = addressToWord(a);
  }

  /** Pushes 32 bytes (a hash) as a word. */
  pushBytes32(b: Uint8Array): void {
    this.items[this.sp++] = readWord(b, 0);
  }

  /** Pushes `length` bytes of `src` at `offset`, zeros past the end (PUSHn, CALLDATALOAD). */
  pushFromBytes(src: Uint8Array, offset: number, length: number): void {
    this.items[this.sp++] = readPadded(src, offset, length);
  }

  /** Pops a word into 32 bytes of `dst` at `offset` (MSTORE). */
  popToBytes(dst: Uint8Array, offset: number): void {
    writeWord(dst, offset, this.items[--this.sp]!);
  }

  dup(n: number): void {
    this.items[this.sp] = this.items[this.sp - n]!;
    this.sp++;
  }

  swap(n: number): void {
    const top = this.sp - 1;
    const other = top - n;
    const t = this.items[top]!;
    this.items[top] = this.items[other]!;
    this.items[other] = t;
  }

  /** Bottom-to-top copy, for tracers and tests. */
  toArray(): bigint[] {
    return this.items.slice(0, this.sp);
  }

  reset(): void {
    this.sp = 0;
  }
}
