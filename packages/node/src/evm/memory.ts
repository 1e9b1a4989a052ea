/**
 * evm/memory: a frame's byte-addressed, word-expanded memory and the cost of expanding it.
 *
 * Sizes beyond MAX_MEMORY (2^32 - 1 bytes, as evmone) fail as out of gas instead of being
 * priced: paying for them would need about 2^45 gas and allocating them is not possible anyway,
 * so the only reachable outcome is the out-of-gas halt.
 */
import { type GasMeter, memoryCost, useGas } from "./gas.js";

export const MAX_MEMORY = 0xffffffff;
const MIN_CAPACITY = 4096;

export class Memory {
  /** Backing store; its length is the capacity, `size` the active (word-aligned) size. */
  buf: Uint8Array = new Uint8Array(MIN_CAPACITY);
  size = 0;

  /** Grows the active size to `newSize` (a multiple of 32), zero-filled. */
  grow(newSize: number): void {
    if (newSize > this.buf.length) {
      let cap = this.buf.length * 2;
      while (cap < newSize) cap *= 2;
      const next = new Uint8Array(Math.min(cap, Math.max(newSize, MAX_MEMORY + 1)));
      next.set(this.buf.subarray(0, this.size));
      this.buf = next;
    }
    this.size = newSize;
  }

  /** Copy of `size` bytes at `offset` (already expanded). */
  read(offset: number, size: number): Uint8Array {
    return this.buf.slice(offset, offset + size);
  }

  /** Clears for reuse by another frame; only the used part can be non-zero. */
  reset(): void {
    this.buf.fill(0, 0, this.size);
    this.size = 0;
  }
}

/** What memory expansion needs from a frame. */
export interface MemoryOwner extends GasMeter {
  memory: Memory;
}

/**
 * Expands memory to cover [offset, offset + size) and charges for it. A zero size touches
 * nothing whatever the offset. Returns false for out of gas.
 */
export function expandMemory(f: MemoryOwner, offset: number, size: number): boolean {
  if (size === 0) return true;
  const end = offset + size;
  const mem = f.memory;
  if (end <= mem.size) return true;
  if (end > MAX_MEMORY) return false;
  const newWords = Math.ceil(end / 32);
  const cost = memoryCost(newWords) - memoryCost(mem.size / 32);
  if (!useGas(f, cost)) return false;
  mem.grow(newWords * 32);
  return true;
}

/**
 * Copies `size` bytes of `src` from `srcOffset` into `dst` at `dstOffset`, with zeros for the part
 * past the end of `src` (CALLDATACOPY, CODECOPY, EXTCODECOPY semantics).
 */
export function copyPadded(dst: Uint8Array, dstOffset: number, src: Uint8Array, srcOffset: number, size: number): void {
  if (size === 0) return;
  let n = 0;
  if (srcOffset < src.length) {
    n = Math.min(size, src.length - srcOffset);
    dst.set(src.subarray(srcOffset, srcOffset + n), dstOffset);
  }
  if (n < size) dst.fill(0, dstOffset + n, dstOffset + size);
}
