/**
 * evm/instructions/bitwise: comparisons and bit operations, 0x10-0x1e. SHL/SHR/SAR are EIP-145;
 * CLZ is EIP-7939 (Osaka). Shift amounts of 256 or more give 0 (or all ones for SAR of a
 * negative value).
 */
import type { Frame } from "../frame.js";
import { CONTINUE } from "../status.js";
import { bitLength, SIGN_BIT, toSigned, WORD_MASK } from "../word.js";

export function opLt(f: Frame): number {
  const s = f.stack;
  const a = s.pop();
  s.setTop(a < s.peek() ? 1n : 0n);
  return CONTINUE;
}

export function opGt(f: Frame): number {
  const s = f.stack;
  const a = s.pop();
  s.setTop(a > s.peek() ? 1n : 0n);
  return CONTINUE;
}

/** Signed less-than: with equal sign bits the unsigned order is the signed order. */
export function opSlt(f: Frame): number {
  const s = f.stack;
  const a = s.pop();
  const b = s.peek();
  const an = a >= SIGN_BIT;
  const bn = b >= SIGN_BIT;
  s.setTop((an === bn ? a < b : an) ? 1n : 0n);
  return CONTINUE;
}

export function opSgt(f: Frame): number {
  const s = f.stack;
  const a = s.pop();
  const b = s.peek();
  const an = a >= SIGN_BIT;
  const bn = b >= SIGN_BIT;
  s.setTop((an === bn ? a > b : bn) ? 1n : 0n);
  return CONTINUE;
}

export function opEq(f: Frame): number {
  const s = f.stack;
  const a = s.pop();
  s.setTop(a === s.peek() ? 1n : 0n);
  return CONTINUE;
}

export function opIszero(f: Frame): number {
  const s = f.stack;
  s.setTop(s.peek() === 0n ? 1n : 0n);
  return CONTINUE;
}

export function opAnd(f: Frame): number {
  const s = f.stack;
  const a = s.pop();
  s.setTop(a & s.peek());
  return CONTINUE;
}

export function opOr(f: Frame): number {
  const s = f.stack;
  const a = s.pop();
  s.setTop(a | s.peek());
  return CONTINUE;
}

export function opXor(f: Frame): number {
  const s = f.stack;
  const a = s.pop();
  s.setTop(a ^ s.peek());
  return CONTINUE;
}

export function opNot(f: Frame): number {
  const s = f.stack;
  s.setTop(WORD_MASK ^ s.peek());
  return CONTINUE;
}

/** BYTE(i, x): byte i of x counting from the most significant. */
export function opByte(f: Frame): number {
  const s = f.stack;
  const i = s.pop();
  const x = s.peek();
  s.setTop(i < 32n ? (x >> BigInt(248 - 8 * Number(i))) & 0xffn : 0n);
  return CONTINUE;
}

export function opShl(f: Frame): number {
  const s = f.stack;
  const shift = s.pop();
  const v = s.peek();
  if (shift < 256n) {
    const r = v << shift;
    s.setTop(r > WORD_MASK ? r & WORD_MASK : r);
  } else {
    s.setTop(0n);
  }
  return CONTINUE;
}

export function opShr(f: Frame): number {
  const s = f.stack;
  const shift = s.pop();
  const v = s.peek();
  s.setTop(shift < 256n ? v >> shift : 0n);
  return CONTINUE;
}

export function opSar(f: Frame): number {
  const s = f.stack;
  const shift = s.pop();
  const v = s.peek();
  if (v < SIGN_BIT) {
    s.setTop(shift < 256n ? v >> shift : 0n);
  } else {
    s.setTop(shift < 256n ? BigInt.asUintN(256, toSigned(v) >> shift) : WORD_MASK);
  }
  return CONTINUE;
}

/** EIP-7939: number of leading zero bits; 256 for zero. */
export function opClz(f: Frame): number {
  const s = f.stack;
  s.setTop(BigInt(256 - bitLength(s.peek())));
  return CONTINUE;
}
