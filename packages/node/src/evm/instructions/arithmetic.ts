/**
 * evm/instructions/arithmetic: 0x01-0x0b. Operands are normalised words (0 <= v < 2^256); signed
 * opcodes read them as two's complement. Words below 2^53 take an exact double path when the
 * result also fits (stack.ts); everything else is bigint. ADDMOD and MULMOD compute the 512-bit
 * intermediate exactly, as the yellow paper requires. EXP pays 50 gas per exponent byte
 * (EIP-160).
 */
import type { Frame } from "../frame.js";
import { EXP_BYTE, useGas } from "../gas.js";
import { MAX_SMALL } from "../stack.js";
import { CONTINUE, OUT_OF_GAS } from "../status.js";
import { byteLength, SIGN_BIT, TWO_POW_256, toSigned, WORD_MASK } from "../word.js";

export function opAdd(f: Frame): number {
  const s = f.stack;
  const a = s.small(0);
  const b = s.small(1);
  if (a >= 0 && b >= 0) {
    // A double sum above 2^53 - 1 may be rounded, but then it is still above the bound.
    const r = a + b;
    if (r <= MAX_SMALL) {
      s.popSetTopSmall(r);
      return CONTINUE;
    }
  }
  const x = s.pop();
  const r = x + s.peek();
  s.setTop(r > WORD_MASK ? r - TWO_POW_256 : r);
  return CONTINUE;
}

export function opMul(f: Frame): number {
  const s = f.stack;
  const a = s.small(0);
  const b = s.small(1);
  if (a >= 0 && b >= 0) {
    const r = a * b;
    if (r <= MAX_SMALL) {
      s.popSetTopSmall(r);
      return CONTINUE;
    }
  }
  const x = s.pop();
  const r = x * s.peek();
  s.setTop(r > WORD_MASK ? r & WORD_MASK : r);
  return CONTINUE;
}

export function opSub(f: Frame): number {
  const s = f.stack;
  const a = s.small(0);
  const b = s.small(1);
  if (a >= 0 && b >= 0 && a >= b) {
    s.popSetTopSmall(a - b);
    return CONTINUE;
  }
  const x = s.pop();
  const r = x - s.peek();
  s.setTop(r < 0n ? r + TWO_POW_256 : r);
  return CONTINUE;
}

export function opDiv(f: Frame): number {
  const s = f.stack;
  const a = s.small(0);
  const b = s.small(1);
  if (a >= 0 && b >= 0) {
    // floor of the rounded double quotient is exact for operands below 2^53.
    s.popSetTopSmall(b === 0 ? 0 : Math.floor(a / b));
    return CONTINUE;
  }
  const x = s.pop();
  const y = s.peek();
  s.setTop(y === 0n ? 0n : x / y);
  return CONTINUE;
}

export function opSdiv(f: Frame): number {
  const s = f.stack;
  const a = s.small(0);
  const b = s.small(1);
  if (a >= 0 && b >= 0) {
    s.popSetTopSmall(b === 0 ? 0 : Math.floor(a / b));
    return CONTINUE;
  }
  const x = s.pop();
  const y = s.peek();
  if (y === 0n) s.setTop(0n);
  else if (x < SIGN_BIT && y < SIGN_BIT) s.setTop(x / y);
  // bigint division truncates toward zero, as SDIV does; -2^255 / -1 wraps to -2^255.
  else s.setTop(BigInt.asUintN(256, toSigned(x) / toSigned(y)));
  return CONTINUE;
}

export function opMod(f: Frame): number {
  const s = f.stack;
  const a = s.small(0);
  const b = s.small(1);
  if (a >= 0 && b >= 0) {
    s.popSetTopSmall(b === 0 ? 0 : a % b);
    return CONTINUE;
  }
  const x = s.pop();
  const y = s.peek();
  s.setTop(y === 0n ? 0n : x % y);
  return CONTINUE;
}

export function opSmod(f: Frame): number {
  const s = f.stack;
  const a = s.small(0);
  const b = s.small(1);
  if (a >= 0 && b >= 0) {
    s.popSetTopSmall(b === 0 ? 0 : a % b);
    return CONTINUE;
  }
  const x = s.pop();
  const y = s.peek();
  if (y === 0n) s.setTop(0n);
  else if (x < SIGN_BIT && y < SIGN_BIT) s.setTop(x % y);
  // The result takes the sign of the dividend, like bigint %.
  else s.setTop(BigInt.asUintN(256, toSigned(x) % toSigned(y)));
  return CONTINUE;
}

export function opAddmod(f: Frame): number {
  const s = f.stack;
  const a = s.pop();
  const b = s.pop();
  const n = s.peek();
  s.setTop(n === 0n ? 0n : (a + b) % n);
  return CONTINUE;
}

export function opMulmod(f: Frame): number {
  const s = f.stack;
  const a = s.pop();
  const b = s.pop();
  const n = s.peek();
  s.setTop(n === 0n ? 0n : (a * b) % n);
  return CONTINUE;
}

/**
 * base^exponent mod 2^256. Large exponents go left to right with a 4-bit window (16
 * precomputed powers), a quarter of the multiplications of plain square-and-multiply; small
 * ones use square-and-multiply; common bases have shortcuts.
 */
export function expMod256(base: bigint, exponent: bigint): bigint {
  if (exponent === 0n) return 1n;
  if (base === 0n || base === 1n) return base;
  if (base === 2n) return exponent < 256n ? 1n << exponent : 0n;
  // An even base to a power of at least 256 is a multiple of 2^256.
  if ((base & 1n) === 0n && exponent >= 256n) return 0n;
  if (exponent < 256n) {
    // Few bits: plain right-to-left square-and-multiply needs fewer products than the table.
    let r = 1n;
    let b = base;
    let e = Number(exponent);
    for (;;) {
      if ((e & 1) === 1) r = BigInt.asUintN(256, r * b);
      e >>= 1;
      if (e === 0) return r;
      b = BigInt.asUintN(256, b * b);
    }
  }
  const powers: bigint[] = [1n, base];
  for (let i = 2; i < 16; i++) powers.push(BigInt.asUintN(256, powers[i - 1]! * base));
  const hex = exponent.toString(16);
  let r = powers[Number.parseInt(hex[0]!, 16)]!;
  for (let i = 1; i < hex.length; i++) {
    r = BigInt.asUintN(256, r * r);
    r = BigInt.asUintN(256, r * r);
    r = BigInt.asUintN(256, r * r);
    r = BigInt.asUintN(256, r * r);
    const d = Number.parseInt(hex[i]!, 16);
    if (d !== 0) r = BigInt.asUintN(256, r * powers[d]!);
  }
  return r;
}

export function opExp(f: Frame): number {
  const s = f.stack;
  const base = s.pop();
  const exponent = s.peek();
  if (!useGas(f, EXP_BYTE * byteLength(exponent))) return OUT_OF_GAS;
  s.setTop(expMod256(base, exponent));
  return CONTINUE;
}

const SIGN_BITS: bigint[] = [];
const LOW_MASKS: bigint[] = [];
for (let k = 0; k < 31; k++) {
  SIGN_BITS.push(1n << BigInt(8 * k + 7));
  LOW_MASKS.push((1n << BigInt(8 * k + 8)) - 1n);
}

/** SIGNEXTEND(k, x): extends the sign of byte k (0 = least significant) of x. */
export function opSignextend(f: Frame): number {
  const s = f.stack;
  const k = s.pop();
  if (k < 31n) {
    const i = Number(k);
    const x = s.peek();
    s.setTop((x & SIGN_BITS[i]!) !== 0n ? x | (WORD_MASK ^ LOW_MASKS[i]!) : x & LOW_MASKS[i]!);
  }
  return CONTINUE;
}
