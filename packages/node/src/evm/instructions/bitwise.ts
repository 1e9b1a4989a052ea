/**
 * evm/instructions/bitwise: comparisons and bit operations, 0x10-0x1e. SHL/SHR/SAR are EIP-145;
 * CLZ is EIP-7939 (Osaka). Shift amounts of 256 or more give 0 (or all ones for SAR of a
 * negative value). Words below 2^53 take an exact double path (stack.ts); since the stack
 * representation is canonical, a small word is always less than a big one.
 */
import type { Frame } from "../frame.js";
import { CONTINUE } from "../status.js";
import { bitLength, SIGN_BIT, toSigned, WORD_MASK } from "../word.js";

const TWO_32 = 4294967296;
/** POW2[k] = 2^k for k < 53, exact doubles. */
const POW2: number[] = Array.from({ length: 53 }, (_, k) => 2 ** k);

/** Bitwise operations on doubles below 2^53, split into a high and a low 32-bit half. */
function and53(a: number, b: number): number {
  const al = a >>> 0;
  const bl = b >>> 0;
  return (((a - al) / TWO_32) & ((b - bl) / TWO_32)) * TWO_32 + ((al & bl) >>> 0);
}

function or53(a: number, b: number): number {
  const al = a >>> 0;
  const bl = b >>> 0;
  return (((a - al) / TWO_32) | ((b - bl) / TWO_32)) * TWO_32 + ((al | bl) >>> 0);
}

function xor53(a: number, b: number): number {
  const al = a >>> 0;
  const bl = b >>> 0;
  return (((a - al) / TWO_32) ^ ((b - bl) / TWO_32)) * TWO_32 + ((al ^ bl) >>> 0);
}

export function opLt(f: Frame): number {
  const s = f.stack;
  const a = s.small(0);
  const b = s.small(1);
  if (a >= 0 || b >= 0) {
    // At least one is small: compare doubles, a big word (-1 here) being the larger.
    s.popSetTopSmall(a >= 0 && (b < 0 || a < b) ? 1 : 0);
    return CONTINUE;
  }
  const x = s.pop();
  s.setTopSmall(x < s.peek() ? 1 : 0);
  return CONTINUE;
}

export function opGt(f: Frame): number {
  const s = f.stack;
  const a = s.small(0);
  const b = s.small(1);
  if (a >= 0 || b >= 0) {
    s.popSetTopSmall(b >= 0 && (a < 0 || a > b) ? 1 : 0);
    return CONTINUE;
  }
  const x = s.pop();
  s.setTopSmall(x > s.peek() ? 1 : 0);
  return CONTINUE;
}

/** Signed less-than: with equal sign bits the unsigned order is the signed order. */
export function opSlt(f: Frame): number {
  const s = f.stack;
  const a = s.small(0);
  const b = s.small(1);
  if (a >= 0 && b >= 0) {
    s.popSetTopSmall(a < b ? 1 : 0);
    return CONTINUE;
  }
  const x = s.pop();
  const y = s.peek();
  const xn = x >= SIGN_BIT;
  const yn = y >= SIGN_BIT;
  s.setTopSmall((xn === yn ? x < y : xn) ? 1 : 0);
  return CONTINUE;
}

export function opSgt(f: Frame): number {
  const s = f.stack;
  const a = s.small(0);
  const b = s.small(1);
  if (a >= 0 && b >= 0) {
    s.popSetTopSmall(a > b ? 1 : 0);
    return CONTINUE;
  }
  const x = s.pop();
  const y = s.peek();
  const xn = x >= SIGN_BIT;
  const yn = y >= SIGN_BIT;
  s.setTopSmall((xn === yn ? x > y : yn) ? 1 : 0);
  return CONTINUE;
}

export function opEq(f: Frame): number {
  const s = f.stack;
  const a = s.small(0);
  const b = s.small(1);
  if (a >= 0 || b >= 0) {
    s.popSetTopSmall(a === b ? 1 : 0);
    return CONTINUE;
  }
  const x = s.pop();
  s.setTopSmall(x === s.peek() ? 1 : 0);
  return CONTINUE;
}

export function opIszero(f: Frame): number {
  const s = f.stack;
  // Zero is always stored small; a big word is never zero.
  s.setTopSmall(s.small(0) === 0 ? 1 : 0);
  return CONTINUE;
}

export function opAnd(f: Frame): number {
  const s = f.stack;
  const a = s.small(0);
  const b = s.small(1);
  if (a >= 0 && b >= 0) {
    s.popSetTopSmall(and53(a, b));
    return CONTINUE;
  }
  if (a >= 0 || b >= 0) {
    // One small operand bounds the result: only the other's low 53 bits matter.
    const big = a >= 0 ? s.peek(1) : s.peek(0);
    s.popSetTopSmall(and53(a >= 0 ? a : b, Number(BigInt.asUintN(53, big))));
    return CONTINUE;
  }
  const x = s.pop();
  s.setTop(x & s.peek());
  return CONTINUE;
}

export function opOr(f: Frame): number {
  const s = f.stack;
  const a = s.small(0);
  const b = s.small(1);
  if (a >= 0 && b >= 0) {
    s.popSetTopSmall(or53(a, b));
    return CONTINUE;
  }
  const x = s.pop();
  s.setTop(x | s.peek());
  return CONTINUE;
}

export function opXor(f: Frame): number {
  const s = f.stack;
  const a = s.small(0);
  const b = s.small(1);
  if (a >= 0 && b >= 0) {
    s.popSetTopSmall(xor53(a, b));
    return CONTINUE;
  }
  const x = s.pop();
  s.setTop(x ^ s.peek());
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
  const i = s.small(0);
  const x = s.small(1);
  if (i >= 0 && x >= 0) {
    // A word below 2^53 has only bytes 25..31 set.
    s.popSetTopSmall(i < 25 || i > 31 ? 0 : Math.floor(x / 2 ** (8 * (31 - i))) % 256);
    return CONTINUE;
  }
  const k = s.pop();
  const v = s.peek();
  s.setTop(k < 32n ? (v >> BigInt(248 - 8 * Number(k))) & 0xffn : 0n);
  return CONTINUE;
}

export function opShl(f: Frame): number {
  const s = f.stack;
  const shift = s.small(0);
  const v = s.small(1);
  if (shift >= 0 && v >= 0 && shift < 53) {
    const r = v * POW2[shift]!;
    if (r <= Number.MAX_SAFE_INTEGER) {
      s.popSetTopSmall(r);
      return CONTINUE;
    }
  }
  const k = s.pop();
  const x = s.peek();
  if (k < 256n) {
    const r = x << k;
    s.setTop(r > WORD_MASK ? r & WORD_MASK : r);
  } else {
    s.setTopSmall(0);
  }
  return CONTINUE;
}

export function opShr(f: Frame): number {
  const s = f.stack;
  const shift = s.small(0);
  const v = s.small(1);
  if (v >= 0) {
    // Any shift of 53 or more (including huge ones) clears a small word.
    s.popSetTopSmall(shift >= 0 && shift < 53 ? Math.floor(v / POW2[shift]!) : 0);
    return CONTINUE;
  }
  const k = s.pop();
  const x = s.peek();
  s.setTop(k < 256n ? x >> k : 0n);
  return CONTINUE;
}

export function opSar(f: Frame): number {
  const s = f.stack;
  const shift = s.small(0);
  const v = s.small(1);
  if (v >= 0) {
    // A small word is non-negative: SAR is SHR.
    s.popSetTopSmall(shift >= 0 && shift < 53 ? Math.floor(v / POW2[shift]!) : 0);
    return CONTINUE;
  }
  const k = s.pop();
  const x = s.peek();
  if (x < SIGN_BIT) s.setTop(k < 256n ? x >> k : 0n);
  else s.setTop(k < 256n ? BigInt.asUintN(256, toSigned(x) >> k) : WORD_MASK);
  return CONTINUE;
}

/** EIP-7939: number of leading zero bits; 256 for zero. */
export function opClz(f: Frame): number {
  const s = f.stack;
  const v = s.small(0);
  if (v >= 0) {
    const hi = Math.floor(v / TWO_32);
    s.setTopSmall(hi > 0 ? 192 + Math.clz32(hi) : 224 + Math.clz32(v >>> 0));
    return CONTINUE;
  }
  s.setTopSmall(256 - bitLength(s.peek()));
  return CONTINUE;
}
