/**
 * evm/instructions/stack-ops: POP, PUSH0 (EIP-3855), PUSH1-PUSH32, DUP1-DUP16, SWAP1-SWAP16.
 * The per-n variants are made once at module load; nothing is created while code runs. PUSH
 * data running past the end of code reads as zero bytes.
 */
import type { Instruction } from "../env.js";
import type { Frame } from "../frame.js";
import { CONTINUE } from "../status.js";

export function opPop(f: Frame): number {
  f.stack.drop();
  return CONTINUE;
}

export function opPush0(f: Frame): number {
  f.stack.pushSmall(0);
  return CONTINUE;
}

export function opPush1(f: Frame): number {
  const pc = f.pc;
  const code = f.code;
  f.stack.pushSmall(pc < code.length ? code[pc]! : 0);
  f.pc = pc + 1;
  return CONTINUE;
}

export function opPush2(f: Frame): number {
  const pc = f.pc;
  const code = f.code;
  if (pc + 2 <= code.length) f.stack.pushSmall(code[pc]! * 256 + code[pc + 1]!);
  else f.stack.pushFromBytes(code, pc, 2);
  f.pc = pc + 2;
  return CONTINUE;
}

/** PUSH3..PUSH6: the value fits a double, built directly. */
function makeSmallPush(n: number): Instruction {
  return (f: Frame): number => {
    f.stack.pushFromBytes(f.code, f.pc, n);
    f.pc += n;
    return CONTINUE;
  };
}

/** PUSH7..PUSH32: the word is built once per code position and cached (analysis.ts). */
function makeWidePush(n: number): Instruction {
  return (f: Frame): number => {
    const pc = f.pc;
    const cached = f.pushValues[pc];
    if (cached !== undefined) {
      f.stack.push(cached);
    } else {
      f.stack.pushFromBytes(f.code, pc, n);
      f.pushValues[pc] = f.stack.peek();
    }
    f.pc = pc + n;
    return CONTINUE;
  };
}

function makeDup(n: number): Instruction {
  return (f: Frame): number => {
    f.stack.dup(n);
    return CONTINUE;
  };
}

function makeSwap(n: number): Instruction {
  return (f: Frame): number => {
    f.stack.swap(n);
    return CONTINUE;
  };
}

/** PUSH_OPS[n - 1] is PUSHn. */
export const PUSH_OPS: readonly Instruction[] = Array.from({ length: 32 }, (_, i) =>
  i === 0 ? opPush1 : i === 1 ? opPush2 : i < 6 ? makeSmallPush(i + 1) : makeWidePush(i + 1),
);
/** DUP_OPS[n - 1] is DUPn. */
export const DUP_OPS: readonly Instruction[] = Array.from({ length: 16 }, (_, i) => makeDup(i + 1));
/** SWAP_OPS[n - 1] is SWAPn. */
export const SWAP_OPS: readonly Instruction[] = Array.from({ length: 16 }, (_, i) => makeSwap(i + 1));
