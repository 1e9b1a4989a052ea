/**
 * evm/instructions/memory-ops: MLOAD, MSTORE, MSTORE8, MSIZE and MCOPY (EIP-5656). Memory
 * expansion is charged before the access (memory.ts).
 */
import type { Frame } from "../frame.js";
import { COPY_WORD, toWords, useGas } from "../gas.js";
import { expandMemory } from "../memory.js";
import { CONTINUE, OUT_OF_GAS } from "../status.js";

export function opMload(f: Frame): number {
  const s = f.stack;
  const offset = s.popOffset();
  if (!expandMemory(f, offset, 32)) return OUT_OF_GAS;
  s.pushWord(f.memory.buf, offset);
  return CONTINUE;
}

export function opMstore(f: Frame): number {
  const s = f.stack;
  const offset = s.popOffset();
  if (!expandMemory(f, offset, 32)) return OUT_OF_GAS;
  s.popToBytes(f.memory.buf, offset);
  return CONTINUE;
}

export function opMstore8(f: Frame): number {
  const s = f.stack;
  const offset = s.popOffset();
  if (!expandMemory(f, offset, 1)) return OUT_OF_GAS;
  const n = s.small(0);
  f.memory.buf[offset] = n >= 0 ? n % 256 : Number(s.peek() & 0xffn);
  s.drop();
  return CONTINUE;
}

export function opMsize(f: Frame): number {
  f.stack.pushSmall(f.memory.size);
  return CONTINUE;
}

/** MCOPY(dst, src, size): overlapping ranges copy as if through a temporary buffer. */
export function opMcopy(f: Frame): number {
  const s = f.stack;
  const dst = s.popOffset();
  const src = s.popOffset();
  const size = s.popOffset();
  // Memory cost depends only on the final size, so two expansions cost what one to the max does.
  if (!expandMemory(f, dst, size) || !expandMemory(f, src, size) || !useGas(f, COPY_WORD * toWords(size))) return OUT_OF_GAS;
  if (size > 0) f.memory.buf.copyWithin(dst, src, src + size);
  return CONTINUE;
}
