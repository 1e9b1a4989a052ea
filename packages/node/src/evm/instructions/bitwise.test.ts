import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { asm, binop, evalWord, push, runCode } from "../testing.js";

const M = (1n << 256n) - 1n;
const MIN = 1n << 255n;

describe("comparisons", () => {
  test("unsigned and signed", () => {
    assert.equal(binop("LT", 1n, 2n), 1n);
    assert.equal(binop("LT", 2n, 1n), 0n);
    assert.equal(binop("GT", M, 0n), 1n);
    assert.equal(binop("SLT", M, 0n), 1n); // -1 < 0
    assert.equal(binop("SGT", M, 0n), 0n);
    assert.equal(binop("SLT", MIN, M), 1n); // -2^255 < -1
    assert.equal(binop("SGT", MIN - 1n, MIN), 1n); // 2^255-1 > -2^255
    assert.equal(binop("SLT", 5n, 5n), 0n);
    assert.equal(binop("EQ", M, M), 1n);
    assert.equal(binop("EQ", M, 0n), 0n);
    assert.equal(evalWord("PUSH1 0x00 ISZERO"), 1n);
    assert.equal(evalWord(`${push(M)} ISZERO`), 0n);
  });
});

describe("bit operations", () => {
  test("AND OR XOR NOT BYTE", () => {
    assert.equal(binop("AND", 0xf0n, 0x3cn), 0x30n);
    assert.equal(binop("OR", 0xf0n, 0x0fn), 0xffn);
    assert.equal(binop("XOR", M, 1n), M - 1n);
    assert.equal(evalWord("PUSH1 0x00 NOT"), M);
    const x = BigInt(`0x${Array.from({ length: 32 }, (_, i) => (i + 1).toString(16).padStart(2, "0")).join("")}`);
    assert.equal(binop("BYTE", 0n, x), 1n);
    assert.equal(binop("BYTE", 31n, x), 32n);
    assert.equal(binop("BYTE", 32n, x), 0n);
    assert.equal(binop("BYTE", M, x), 0n);
  });
});

describe("EIP-145 shift vectors", () => {
  // [value, shift, expected]
  const shl: Array<[bigint, bigint, bigint]> = [
    [1n, 0n, 1n],
    [1n, 1n, 2n],
    [1n, 0xffn, MIN],
    [1n, 0x100n, 0n],
    [1n, 0x101n, 0n],
    [M, 0n, M],
    [M, 1n, M - 1n],
    [M, 0xffn, MIN],
    [M, 0x100n, 0n],
    [0n, 1n, 0n],
    [MIN - 1n, 1n, M - 1n],
  ];
  const shr: Array<[bigint, bigint, bigint]> = [
    [1n, 0n, 1n],
    [1n, 1n, 0n],
    [MIN, 1n, 1n << 254n],
    [MIN, 0xffn, 1n],
    [MIN, 0x100n, 0n],
    [MIN, 0x101n, 0n],
    [M, 0n, M],
    [M, 1n, MIN - 1n],
    [M, 0xffn, 1n],
    [M, 0x100n, 0n],
    [0n, 1n, 0n],
  ];
  const sar: Array<[bigint, bigint, bigint]> = [
    [1n, 0n, 1n],
    [1n, 1n, 0n],
    [MIN, 1n, (1n << 255n) | (1n << 254n)],
    [MIN, 0xffn, M],
    [MIN, 0x100n, M],
    [MIN, 0x101n, M],
    [M, 0n, M],
    [M, 1n, M],
    [M, 0xffn, M],
    [M, 0x100n, M],
    [0n, 1n, 0n],
    [1n << 254n, 0xfen, 1n],
    [MIN - 1n, 0xf8n, 0x7fn],
    [MIN - 1n, 0xfen, 1n],
    [MIN - 1n, 0xffn, 0n],
    [MIN - 1n, 0x100n, 0n],
  ];
  test("SHL", () => {
    for (const [v, s, e] of shl) assert.equal(binop("SHL", s, v), e, `${v} << ${s}`);
  });
  test("SHR", () => {
    for (const [v, s, e] of shr) assert.equal(binop("SHR", s, v), e, `${v} >> ${s}`);
  });
  test("SAR", () => {
    for (const [v, s, e] of sar) assert.equal(binop("SAR", s, v), e, `${v} >>> ${s}`);
  });
  test("huge shift amounts", () => {
    assert.equal(binop("SHL", M, 1n), 0n);
    assert.equal(binop("SHR", M, M), 0n);
    assert.equal(binop("SAR", M, M), M);
  });
});

describe("CLZ (EIP-7939, Osaka)", () => {
  const clz = (v: bigint): bigint => {
    const { result } = runCode(asm(`${push(v)} CLZ PUSH1 0x00 MSTORE PUSH1 0x20 PUSH1 0x00 RETURN`), { fork: "Osaka" });
    assert.equal(result.status, "success");
    return BigInt(`0x${Buffer.from(result.output).toString("hex")}`);
  };
  test("values", () => {
    assert.equal(clz(0n), 256n);
    assert.equal(clz(1n), 255n);
    assert.equal(clz(0xffn), 248n);
    assert.equal(clz(1n << 200n), 55n);
    assert.equal(clz(MIN), 0n);
    assert.equal(clz(M), 0n);
  });
  test("costs 5 gas", () => {
    const { result } = runCode(asm("PUSH1 0x01 CLZ STOP"), { fork: "Osaka" });
    assert.equal(result.gasUsed, 8n);
  });
  test("is an invalid opcode before Osaka", () => {
    const { result } = runCode(asm("PUSH1 0x01 CLZ STOP"), { fork: "Prague", gas: 5000n });
    assert.equal(result.status, "halt");
    assert.equal(result.gasUsed, 5000n);
  });
});
