/**
 * evm/instructions/flow: STOP, JUMP, JUMPI, PC, GAS, JUMPDEST, RETURN, REVERT (EIP-140) and the
 * designated INVALID (0xfe, EIP-141). Jump targets are checked against the frame's cached
 * JUMPDEST bitmap.
 */
import { EMPTY_BYTES } from "../../primitives/index.js";
import { isJumpdest } from "../analysis.js";
import type { Frame } from "../frame.js";
import { totalGas } from "../gas.js";
import { expandMemory } from "../memory.js";
import { CONTINUE, INVALID_JUMP, INVALID_OPCODE, OUT_OF_GAS, RETURN, REVERT, STOP } from "../status.js";

export function opStop(): number {
  return STOP;
}

/** Validates a jump target (popped as an offset: anything past 2^32 is OVERSIZED, past the code). */
function jumpTo(f: Frame, dest: number): number {
  if (dest >= f.code.length || !isJumpdest(f.jumpdests, dest)) return INVALID_JUMP;
  f.pc = dest;
  return CONTINUE;
}

export function opJump(f: Frame): number {
  return jumpTo(f, f.stack.popOffset());
}

export function opJumpi(f: Frame): number {
  const s = f.stack;
  const dest = s.popOffset();
  if (s.popIsZero()) return CONTINUE;
  return jumpTo(f, dest);
}

/** The position of this PC instruction (the loop has already advanced past it). */
export function opPc(f: Frame): number {
  f.stack.pushSmall(f.pc - 1);
  return CONTINUE;
}

/** Gas left after paying for this instruction. */
export function opGas(f: Frame): number {
  if (f.reserve === 0n) f.stack.pushSmall(f.gas);
  else f.stack.push(totalGas(f));
  return CONTINUE;
}

export function opJumpdest(): number {
  return CONTINUE;
}

function setOutput(f: Frame): boolean {
  const s = f.stack;
  const offset = s.popOffset();
  const size = s.popOffset();
  if (!expandMemory(f, offset, size)) return false;
  f.output = size === 0 ? EMPTY_BYTES : f.memory.read(offset, size);
  return true;
}

export function opReturn(f: Frame): number {
  return setOutput(f) ? RETURN : OUT_OF_GAS;
}

export function opRevert(f: Frame): number {
  return setOutput(f) ? REVERT : OUT_OF_GAS;
}

export function opInvalid(): number {
  return INVALID_OPCODE;
}
