import assert from "node:assert/strict";
import { describe, test } from "node:test";
import fc from "fast-check";
import { asm, binop, push, runCode, ternop } from "../testing.js";

const M = (1n << 256n) - 1n;
const MIN = 1n << 255n; // -2^255 as a word
const neg = (x: bigint): bigint => BigInt.asUintN(256, -x);

// Independent references, written from the yellow paper definitions.
const signed = (x: bigint): bigint => (x >> 255n === 1n ? x - (1n << 256n) : x);
const word = (x: bigint): bigint => ((x % (1n << 256n)) + (1n << 256n)) % (1n << 256n);
const truncDiv = (a: bigint, b: bigint): bigint => {
  const q = (a < 0n ? -a : a) / (b < 0n ? -b : b);
  return a < 0n !== b < 0n ? -q : q;
};
const arbWord = fc.oneof(
  fc.bigInt({ min: 0n, max: M }),
  fc.bigInt({ min: 0n, max: 1000n }),
  fc.bigInt({ min: M - 1000n, max: M }),
  fc.constantFrom(0n, 1n, MIN, MIN - 1n, M),
);

describe("ADD, SUB, MUL wrap modulo 2^256", () => {
  test("edges", () => {
    assert.equal(binop("ADD", M, 1n), 0n);
    assert.equal(binop("ADD", M, M), M - 1n);
    assert.equal(binop("SUB", 0n, 1n), M);
    assert.equal(binop("SUB", 5n, 3n), 2n);
    assert.equal(binop("MUL", M, M), 1n);
    assert.equal(binop("MUL", MIN, 2n), 0n);
    assert.equal(binop("MUL", 0n, M), 0n);
  });
});

describe("DIV, SDIV, MOD, SMOD", () => {
  test("division by zero is zero", () => {
    for (const op of ["DIV", "SDIV", "MOD", "SMOD"]) {
      assert.equal(binop(op, 7n, 0n), 0n, op);
      assert.equal(binop(op, M, 0n), 0n, op);
    }
  });
  test("unsigned", () => {
    assert.equal(binop("DIV", 7n, 2n), 3n);
    assert.equal(binop("DIV", M, 1n), M);
    assert.equal(binop("DIV", 1n, M), 0n);
    assert.equal(binop("MOD", 7n, 3n), 1n);
    assert.equal(binop("MOD", M, 2n), 1n);
  });
  test("signed truncates toward zero", () => {
    assert.equal(binop("SDIV", neg(8n), 3n), neg(2n));
    assert.equal(binop("SDIV", 8n, neg(3n)), neg(2n));
    assert.equal(binop("SDIV", neg(8n), neg(3n)), 2n);
    assert.equal(binop("SDIV", M, M), 1n);
    // -2^255 / -1 overflows back to -2^255.
    assert.equal(binop("SDIV", MIN, M), MIN);
  });
  test("signed modulo takes the sign of the dividend", () => {
    assert.equal(binop("SMOD", neg(8n), 3n), neg(2n));
    assert.equal(binop("SMOD", 8n, neg(3n)), 2n);
    assert.equal(binop("SMOD", neg(8n), neg(3n)), neg(2n));
    assert.equal(binop("SMOD", MIN, M), 0n);
  });
  test("property: match the reference definitions", () => {
    fc.assert(
      fc.property(arbWord, arbWord, (a, b) => {
        const expDiv = b === 0n ? 0n : a / b;
        const expMod = b === 0n ? 0n : a % b;
        const expSdiv = b === 0n ? 0n : word(truncDiv(signed(a), signed(b)));
        const expSmod = b === 0n ? 0n : word(signed(a) - truncDiv(signed(a), signed(b)) * signed(b));
        const { result } = runCode(
          asm(
            `${push(b)} ${push(a)} DIV PUSH1 0x00 MSTORE ${push(b)} ${push(a)} MOD PUSH1 0x20 MSTORE ` +
              `${push(b)} ${push(a)} SDIV PUSH1 0x40 MSTORE ${push(b)} ${push(a)} SMOD PUSH1 0x60 MSTORE PUSH1 0x80 PUSH1 0x00 RETURN`,
          ),
        );
        const out = result.output;
        const at = (i: number): bigint => BigInt(`0x${Buffer.from(out.subarray(32 * i, 32 * i + 32)).toString("hex")}`);
        assert.deepEqual([at(0), at(1), at(2), at(3)], [expDiv, expMod, expSdiv, expSmod]);
      }),
      { numRuns: 200 },
    );
  });
});

describe("ADDMOD, MULMOD use the full 512-bit intermediate", () => {
  test("edges", () => {
    assert.equal(ternop("ADDMOD", M, M, 7n), (2n * M) % 7n);
    assert.equal(ternop("ADDMOD", M, 2n, M), 2n);
    assert.equal(ternop("ADDMOD", 1n, 2n, 0n), 0n);
    assert.equal(ternop("MULMOD", M, M, 12n), (M * M) % 12n);
    assert.equal(ternop("MULMOD", M, M, M), 0n);
    assert.equal(ternop("MULMOD", M, M, M - 1n), 1n);
    assert.equal(ternop("MULMOD", 5n, 6n, 0n), 0n);
  });
  test("property", () => {
    fc.assert(
      fc.property(arbWord, arbWord, arbWord, (a, b, n) => {
        assert.equal(ternop("ADDMOD", a, b, n), n === 0n ? 0n : (a + b) % n);
        assert.equal(ternop("MULMOD", a, b, n), n === 0n ? 0n : (a * b) % n);
      }),
      { numRuns: 60 },
    );
  });
});

describe("EXP", () => {
  test("values", () => {
    assert.equal(binop("EXP", 2n, 255n), MIN);
    assert.equal(binop("EXP", 2n, 256n), 0n);
    assert.equal(binop("EXP", 0n, 0n), 1n);
    assert.equal(binop("EXP", 0n, 5n), 0n);
    assert.equal(binop("EXP", 3n, 0n), 1n);
    assert.equal(binop("EXP", M, 2n), 1n);
    assert.equal(binop("EXP", M, 3n), M);
    assert.equal(binop("EXP", 6n, 300n), 0n);
    let r = 1n;
    for (let i = 0; i < 300; i++) r = (r * 7n) % (1n << 256n);
    assert.equal(binop("EXP", 7n, 300n), r);
  });
  test("property: agrees with right-to-left binary exponentiation", () => {
    const modpow = (b: bigint, e: bigint): bigint => {
      let r = 1n;
      let x = b;
      for (let i = 0n; i < 256n; i++) {
        if ((e >> i) & 1n) r = (r * x) % (1n << 256n);
        x = (x * x) % (1n << 256n);
      }
      return r;
    };
    fc.assert(
      fc.property(arbWord, arbWord, (b, e) => {
        assert.equal(binop("EXP", b, e), modpow(b, e));
      }),
      { numRuns: 60 },
    );
  });
  test("gas is 10 + 50 per exponent byte", () => {
    const gasOf = (e: bigint): bigint => {
      const { result } = runCode(asm(`${push(e)} PUSH1 0x03 EXP STOP`), { gas: 100_000n });
      return result.gasUsed - 6n;
    };
    assert.equal(gasOf(0n), 10n);
    assert.equal(gasOf(0xffn), 60n);
    assert.equal(gasOf(0x100n), 110n);
    assert.equal(gasOf(M), 10n + 50n * 32n);
  });
});

describe("SIGNEXTEND", () => {
  test("edges", () => {
    assert.equal(binop("SIGNEXTEND", 0n, 0xffn), M);
    assert.equal(binop("SIGNEXTEND", 0n, 0x7fn), 0x7fn);
    assert.equal(binop("SIGNEXTEND", 0n, 0x17fn), 0x7fn);
    assert.equal(binop("SIGNEXTEND", 0n, 0x1ffn), M);
    assert.equal(binop("SIGNEXTEND", 1n, 0x8000n), M - 0x7fffn);
    assert.equal(binop("SIGNEXTEND", 30n, 1n << 247n), M - ((1n << 247n) - 1n));
    assert.equal(binop("SIGNEXTEND", 31n, 0xffn), 0xffn);
    assert.equal(binop("SIGNEXTEND", M, 0x80n), 0x80n);
  });
  test("property", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 40n }), arbWord, (k, x) => {
        let expected = x;
        if (k < 31n) {
          const bits = 8n * (k + 1n);
          const low = x & ((1n << bits) - 1n);
          expected = (low >> (bits - 1n)) & 1n ? word(low - (1n << bits)) : low;
        }
        assert.equal(binop("SIGNEXTEND", k, x), expected);
      }),
      { numRuns: 100 },
    );
  });
});
