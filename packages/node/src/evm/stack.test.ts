import assert from "node:assert/strict";
import { describe, test } from "node:test";
import fc from "fast-check";
import { keccak256 } from "../crypto/index.js";
import { OVERSIZED, Stack } from "./stack.js";
import { asm, push, runCode } from "./testing.js";

const M = (1n << 256n) - 1n;
const S = BigInt(Number.MAX_SAFE_INTEGER);
const signed = (x: bigint): bigint => (x >> 255n === 1n ? x - (1n << 256n) : x);
const word = (x: bigint): bigint => BigInt.asUintN(256, x);
const truncDiv = (a: bigint, b: bigint): bigint => {
  const q = (a < 0n ? -a : a) / (b < 0n ? -b : b);
  return a < 0n !== b < 0n ? -q : q;
};

/** Words around the double/bigint boundary and the 32-bit split used by bitwise fast paths. */
const boundary = fc.constantFrom(
  0n,
  1n,
  2n,
  255n,
  256n,
  (1n << 32n) - 1n,
  1n << 32n,
  (1n << 32n) + 1n,
  1n << 48n,
  S - 1n,
  S,
  S + 1n,
  S + 2n,
  1n << 53n,
  1n << 64n,
  1n << 255n,
  M - 1n,
  M,
);
const arb = fc.oneof(boundary, fc.bigInt({ min: 0n, max: S + 10n }), fc.bigInt({ min: 0n, max: M }), fc.bigInt({ min: 0n, max: 300n }));

/** Reference semantics of binary opcodes, `a` on top of the stack. */
const REF: Record<string, (a: bigint, b: bigint) => bigint> = {
  ADD: (a, b) => word(a + b),
  MUL: (a, b) => word(a * b),
  SUB: (a, b) => word(a - b),
  DIV: (a, b) => (b === 0n ? 0n : a / b),
  SDIV: (a, b) => (b === 0n ? 0n : word(truncDiv(signed(a), signed(b)))),
  MOD: (a, b) => (b === 0n ? 0n : a % b),
  SMOD: (a, b) => (b === 0n ? 0n : word(signed(a) - truncDiv(signed(a), signed(b)) * signed(b))),
  LT: (a, b) => (a < b ? 1n : 0n),
  GT: (a, b) => (a > b ? 1n : 0n),
  SLT: (a, b) => (signed(a) < signed(b) ? 1n : 0n),
  SGT: (a, b) => (signed(a) > signed(b) ? 1n : 0n),
  EQ: (a, b) => (a === b ? 1n : 0n),
  AND: (a, b) => a & b,
  OR: (a, b) => a | b,
  XOR: (a, b) => a ^ b,
  BYTE: (a, b) => (a < 32n ? (b >> (248n - 8n * a)) & 0xffn : 0n),
  SHL: (a, b) => (a < 256n ? word(b << a) : 0n),
  SHR: (a, b) => (a < 256n ? b >> a : 0n),
  SAR: (a, b) => (a < 256n ? word(signed(b) >> a) : signed(b) < 0n ? M : 0n),
};

describe("stack representation", () => {
  test("canonical: small below 2^53, big from 2^53", () => {
    const s = new Stack();
    s.push(S);
    s.push(S + 1n);
    assert.equal(s.small(1), Number.MAX_SAFE_INTEGER);
    assert.equal(s.small(0), -1);
    assert.deepEqual(s.toArray(), [S, S + 1n]);
    s.dup(2);
    s.swap(1);
    assert.deepEqual(s.toArray(), [S, S, S + 1n]);
    assert.equal(s.popOffset(), OVERSIZED);
    assert.equal(s.popOffset(), OVERSIZED);
    s.pushSmall(0xffffffff);
    assert.equal(s.popOffset(), 0xffffffff);
    s.pushWord(
      Uint8Array.from({ length: 32 }, (_, i) => (i === 25 ? 0x20 : 0)),
      0,
    ); // 2^53
    assert.equal(s.small(0), -1);
    assert.equal(s.pop(), 1n << 53n);
  });
  test("property: every binary opcode matches the bigint reference around the boundaries", () => {
    const ops = Object.keys(REF);
    fc.assert(
      fc.property(fc.constantFrom(...ops), arb, arb, (op, a, b) => {
        const { result } = runCode(asm(`${push(b)} ${push(a)} ${op} PUSH1 0x00 MSTORE PUSH1 0x20 PUSH1 0x00 RETURN`));
        const got = BigInt(`0x${Buffer.from(result.output).toString("hex")}`);
        assert.equal(got, REF[op]!(a, b), `${op}(${a}, ${b})`);
      }),
      { numRuns: 600 },
    );
  });
  test("property: words survive MSTORE/MLOAD, DUP/SWAP and comparisons with themselves", () => {
    fc.assert(
      fc.property(arb, (v) => {
        const src = `${push(v)} DUP1 PUSH1 0x00 MSTORE PUSH1 0x00 MLOAD DUP2 EQ SWAP1 ISZERO PUSH1 0x20 MSTORE PUSH1 0x40 MSTORE PUSH1 0x40 PUSH1 0x20 RETURN`;
        const { result } = runCode(asm(src));
        assert.equal(result.output[31], v === 0n ? 1 : 0);
        assert.equal(result.output[63], 1);
      }),
      { numRuns: 100 },
    );
  });
  test("hashes stay as bytes until a number is needed", () => {
    const s = new Stack();
    const h = Uint8Array.from({ length: 32 }, (_, i) => 255 - i);
    const hv = BigInt(`0x${Buffer.from(h).toString("hex")}`);
    s.pushBytes32(h);
    s.dup(1);
    s.pushSmall(7);
    s.swap(2);
    const mem = new Uint8Array(64);
    s.popToBytes(mem, 0);
    assert.deepEqual(mem.subarray(0, 32), h);
    assert.deepEqual(s.toArray(), [7n, hv]);
    assert.equal(s.pop(), hv);
    s.drop();
    // A 32-byte array holding a small number is stored small.
    s.pushBytes32(Uint8Array.from({ length: 32 }, (_, i) => (i === 31 ? 5 : 0)));
    assert.equal(s.small(0), 5);
  });
  test("property: KECCAK256 results through DUP, SWAP, MSTORE, EQ and arithmetic", () => {
    fc.assert(
      fc.property(arb, (v) => {
        const data = new Uint8Array(32);
        for (let i = 0; i < 32; i++) data[i] = Number((v >> BigInt(8 * (31 - i))) & 0xffn);
        const h = BigInt(`0x${Buffer.from(keccak256(data)).toString("hex")}`);
        const src =
          `${push(v)} PUSH1 0x00 MSTORE PUSH1 0x20 PUSH1 0x00 KECCAK256 DUP1 DUP1 PUSH1 0x20 MSTORE PUSH1 0x20 MLOAD EQ ` +
          "SWAP1 PUSH1 0x01 ADD PUSH1 0x40 MSTORE PUSH1 0x60 MSTORE PUSH1 0x40 PUSH1 0x40 RETURN";
        const { result } = runCode(asm(src));
        const out = result.output;
        assert.equal(BigInt(`0x${Buffer.from(out.subarray(0, 32)).toString("hex")}`), (h + 1n) % (1n << 256n));
        assert.equal(out[63], 1);
      }),
      { numRuns: 50 },
    );
  });
  test("CLZ around the boundaries (Osaka)", () => {
    for (const v of [0n, 1n, (1n << 32n) - 1n, 1n << 32n, S, S + 1n, M]) {
      const { result } = runCode(asm(`${push(v)} CLZ PUSH1 0x00 MSTORE PUSH1 0x20 PUSH1 0x00 RETURN`), { fork: "Osaka" });
      const got = BigInt(`0x${Buffer.from(result.output).toString("hex")}`);
      assert.equal(got, BigInt(256 - (v === 0n ? 0 : v.toString(2).length)), `CLZ ${v}`);
    }
  });
});
