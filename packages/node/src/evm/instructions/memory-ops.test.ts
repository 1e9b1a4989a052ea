import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { bytesToHex, hexToBytes } from "../../primitives/index.js";
import { memoryCost } from "../gas.js";
import { asm, evalWord, push, runCode } from "../testing.js";

describe("memory expansion gas", () => {
  test("the first word costs 3", () => {
    // PUSH1, PUSH1, MSTORE (3) + 1 word (3)
    assert.equal(runCode(asm("PUSH1 0x01 PUSH1 0x00 MSTORE STOP")).result.gasUsed, 12n);
  });
  test("quadratic term: 3 * words + words^2 / 512", () => {
    assert.equal(memoryCost(1), 3);
    assert.equal(memoryCost(32), 98);
    assert.equal(memoryCost(33), 101);
    assert.equal(memoryCost(1024), 3 * 1024 + 2048);
    // Exact where words^2 exceeds 2^53.
    const w = 2 ** 27 + 5;
    assert.equal(BigInt(memoryCost(w)), 3n * BigInt(w) + (BigInt(w) * BigInt(w)) / 512n);
    // MSTORE at 1024 touches 1056 bytes = 33 words.
    assert.equal(runCode(asm("PUSH1 0x01 PUSH2 0x0400 MSTORE STOP")).result.gasUsed, 9n + 101n);
  });
  test("expansion is charged once: a second touch of the same words is free", () => {
    const once = runCode(asm("PUSH1 0x01 PUSH1 0x40 MSTORE STOP")).result.gasUsed;
    const twice = runCode(asm("PUSH1 0x01 PUSH1 0x40 MSTORE PUSH1 0x01 PUSH1 0x00 MSTORE STOP")).result.gasUsed;
    assert.equal(twice - once, 9n);
  });
  test("huge offsets fail as out of gas without allocating", () => {
    for (const off of [1n << 32n, (1n << 64n) - 1n, (1n << 256n) - 1n, 0xffffffe0n]) {
      const { result } = runCode(asm(`PUSH1 0x01 ${push(off)} MSTORE STOP`), { gas: 1n << 40n });
      assert.equal(result.status, "halt", `offset ${off}`);
      assert.equal(result.gasUsed, 1n << 40n);
    }
  });
  test("MSIZE is word-aligned", () => {
    assert.equal(evalWord("PUSH1 0x01 PUSH1 0x21 MSTORE8 MSIZE"), 64n);
    assert.equal(evalWord("MSIZE"), 0n);
  });
  test("MLOAD of fresh memory is zero and expands", () => {
    assert.equal(evalWord("PUSH2 0x0100 MLOAD POP MSIZE"), 0x120n);
  });
  test("MSTORE8 writes the low byte only", () => {
    assert.equal(evalWord("PUSH2 0x1234 PUSH1 0x1f MSTORE8 PUSH1 0x00 MLOAD"), 0x34n);
  });
});

describe("MCOPY (EIP-5656 test cases)", () => {
  const run = (pre: string, dst: number, src: number, len: number): { mem: string; gas: bigint } => {
    const bytes = hexToBytes(pre.replaceAll(" ", ""));
    // Build memory byte by byte with MSTORE8, then MCOPY, then return all of memory.
    let code = "";
    bytes.forEach((b, i) => {
      code += `PUSH1 0x${b.toString(16).padStart(2, "0")} PUSH2 0x${i.toString(16).padStart(4, "0")} MSTORE8 `;
    });
    const setup = runCode(asm(`${code} STOP`)).result.gasUsed;
    const full = `${code} PUSH2 0x${len.toString(16).padStart(4, "0")} PUSH2 0x${src.toString(16).padStart(4, "0")} PUSH2 0x${dst.toString(16).padStart(4, "0")} MCOPY MSIZE PUSH1 0x00 RETURN`;
    const { result } = runCode(asm(full));
    assert.equal(result.status, "success");
    // gas of MCOPY alone: total - setup - 3 pushes - MSIZE, PUSH1, RETURN (no expansion there)
    return { mem: bytesToHex(result.output), gas: result.gasUsed - setup - 9n - 2n - 3n };
  };
  test("MCOPY 0 32 32", () => {
    const r = run(`${"00".repeat(32)} 000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f`, 0, 32, 32);
    assert.equal(r.mem, `0x${"000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f".repeat(2)}`);
    assert.equal(r.gas, 6n);
  });
  test("MCOPY 0 0 32", () => {
    const r = run("01".repeat(32), 0, 0, 32);
    assert.equal(r.mem, `0x${"01".repeat(32)}`);
    assert.equal(r.gas, 6n);
  });
  test("MCOPY 0 1 8 (overlapping)", () => {
    const r = run(`000102030405060708 ${"00".repeat(23)}`, 0, 1, 8);
    assert.equal(r.mem, `0x010203040506070808${"00".repeat(23)}`);
    assert.equal(r.gas, 6n);
  });
  test("MCOPY 1 0 8 (overlapping)", () => {
    const r = run(`000102030405060708 ${"00".repeat(23)}`, 1, 0, 8);
    assert.equal(r.mem, `0x000001020304050607${"00".repeat(23)}`);
    assert.equal(r.gas, 6n);
  });
  test("zero length never expands, whatever the offsets", () => {
    assert.equal(evalWord(`PUSH1 0x00 ${push((1n << 64n) - 1n)} ${push((1n << 64n) - 1n)} MCOPY MSIZE`, { fork: "Cancun" }), 0n);
  });
  test("expansion to the larger of source and destination", () => {
    assert.equal(evalWord("PUSH1 0x20 PUSH2 0x0100 PUSH1 0x00 MCOPY MSIZE"), 0x120n);
    assert.equal(evalWord("PUSH1 0x20 PUSH1 0x00 PUSH2 0x0100 MCOPY MSIZE"), 0x120n);
  });
  test("is an invalid opcode in Shanghai", () => {
    assert.equal(runCode(asm("PUSH1 0x00 PUSH1 0x00 PUSH1 0x00 MCOPY"), { fork: "Shanghai" }).result.status, "halt");
  });
});

describe("data copies", () => {
  const data = hexToBytes("0x00112233445566778899aabbccddeeff");
  test("CALLDATALOAD pads with zeros past the end", () => {
    assert.equal(evalWord("PUSH1 0x0c CALLDATALOAD", { data }), 0xccddeeffn << 224n);
    assert.equal(evalWord(`${push(1n << 100n)} CALLDATALOAD`, { data }), 0n);
    assert.equal(evalWord("CALLDATASIZE", { data }), 16n);
  });
  test("CALLDATACOPY zero-fills and charges 3 per word", () => {
    const { result } = runCode(asm("PUSH1 0x20 PUSH1 0x08 PUSH1 0x00 CALLDATACOPY PUSH1 0x20 PUSH1 0x00 RETURN"), { data });
    assert.equal(bytesToHex(result.output), `0x8899aabbccddeeff${"00".repeat(24)}`);
    // 3 pushes + CALLDATACOPY (3 + 3 copy + 3 memory) + 2 pushes + RETURN
    assert.equal(result.gasUsed, 9n + 9n + 6n);
  });
  test("CODECOPY and CODESIZE", () => {
    const code = asm("CODESIZE PUSH1 0x00 PUSH1 0x00 CODECOPY CODESIZE PUSH1 0x00 RETURN");
    const { result } = runCode(code);
    assert.deepEqual(result.output, code);
  });
  test("KECCAK256", () => {
    assert.equal(evalWord("PUSH1 0x00 PUSH1 0x00 KECCAK256"), 0xc5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470n);
    // 30 + 6 per word + memory
    assert.equal(runCode(asm("PUSH1 0x40 PUSH1 0x00 KECCAK256 STOP")).result.gasUsed, 6n + 30n + 12n + 6n);
  });
});
