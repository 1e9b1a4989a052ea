import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { asm, CONTRACT, evalWord, push, runCode } from "../testing.js";
import { CollectingTracer } from "../tracer.js";

describe("jumps", () => {
  test("JUMP to a JUMPDEST", () => {
    // 0: PUSH1 4, 2: JUMP, 3: INVALID, 4: JUMPDEST, PUSH1 7 ...
    assert.equal(evalWord("PUSH1 0x04 JUMP INVALID JUMPDEST PUSH1 0x07"), 7n);
  });
  test("JUMP to a non-JUMPDEST halts and consumes all gas", () => {
    const { result } = runCode(asm("PUSH1 0x03 JUMP STOP JUMPDEST"), { gas: 10_000n });
    assert.equal(result.status, "halt");
    assert.equal(result.error, "invalid jump destination");
    assert.equal(result.gasUsed, 10_000n);
  });
  test("0x5b inside PUSH data is not a jump destination", () => {
    const { result } = runCode(asm("PUSH1 0x03 JUMP PUSH1 0x5b STOP"));
    assert.equal(result.status, "halt");
  });
  test("destinations past the end of code and beyond 2^64 are invalid", () => {
    assert.equal(runCode(asm("PUSH1 0xff JUMP")).result.status, "halt");
    assert.equal(runCode(asm(`${push(1n << 64n)} JUMP`)).result.status, "halt");
    assert.equal(runCode(asm(`${push((1n << 256n) - 1n)} JUMP`)).result.status, "halt");
  });
  test("JUMPI jumps only on a non-zero condition, and ignores the target otherwise", () => {
    assert.equal(evalWord("PUSH1 0x01 PUSH1 0x06 JUMPI INVALID JUMPDEST PUSH1 0x09"), 9n);
    // A false condition with a bad target is fine.
    assert.equal(evalWord("PUSH1 0x00 PUSH1 0xff JUMPI PUSH1 0x05"), 5n);
    assert.equal(runCode(asm("PUSH1 0x01 PUSH1 0xff JUMPI")).result.status, "halt");
  });
  test("a loop counting to 10", () => {
    // i = 0; loop: i += 1; if (i < 10) goto loop; return i
    const src = "PUSH1 0x00 JUMPDEST PUSH1 0x01 ADD DUP1 PUSH1 0x0a GT PUSH1 0x02 JUMPI";
    assert.equal(evalWord(src), 10n);
  });
});

describe("PC, GAS, STOP, INVALID", () => {
  test("PC is the position of the instruction", () => {
    assert.equal(evalWord("PUSH1 0x00 POP PC"), 3n);
  });
  test("GAS is what is left after paying for GAS", () => {
    assert.equal(evalWord("GAS", { gas: 50_000n }), 50_000n - 2n);
  });
  test("running off the end of code stops successfully", () => {
    const { result } = runCode(asm("PUSH1 0x01"));
    assert.equal(result.status, "success");
    assert.equal(result.gasUsed, 3n);
  });
  test("PUSH data truncated by the end of code reads as zeros on the right", () => {
    const tracer = new CollectingTracer();
    const { result } = runCode(Uint8Array.of(0x61, 0xab), { tracer }); // PUSH2 0xab, then the end
    assert.equal(result.status, "success");
    assert.equal(result.gasUsed, 3n);
    // The implicit STOP after the end of code sees the pushed value.
    const last = tracer.steps[tracer.steps.length - 1]!;
    assert.equal(last.opName, "STOP");
    assert.deepEqual(last.stack, [0xab00n]);
  });
  test("INVALID (0xfe) and undefined opcodes halt, consuming all gas", () => {
    const cases: [number, string][] = [
      [0xfe, "invalid opcode: INVALID"],
      [0x0c, "invalid opcode: opcode 0xc not defined"],
      [0xef, "invalid opcode: opcode 0xef not defined"],
    ];
    for (const [op, message] of cases) {
      const { result } = runCode(Uint8Array.of(op), { gas: 1234n });
      assert.equal(result.status, "halt");
      // geth's wording, which eth_call returns as its error message
      assert.equal(result.error, message);
      assert.equal(result.gasUsed, 1234n);
    }
  });
});

describe("stack bounds", () => {
  test("underflow halts", () => {
    const { result } = runCode(asm("PUSH1 0x01 ADD"));
    assert.equal(result.error, "stack underflow (1 <=> 2)");
    assert.equal(runCode(asm("DUP1")).result.error, "stack underflow (0 <=> 1)");
    assert.equal(runCode(asm("PUSH1 0x01 SWAP1")).result.error, "stack underflow (1 <=> 2)");
  });
  test("1024 items fit, 1025 overflow", () => {
    const ok = runCode(new Uint8Array(1024).fill(0x5f), { gas: 10_000n });
    assert.equal(ok.result.status, "success");
    const over = runCode(new Uint8Array(1025).fill(0x5f), { gas: 10_000n });
    assert.equal(over.result.error, "stack overflow");
    // DUP on a full stack overflows too; SWAP does not.
    const dup = runCode(Uint8Array.from([...new Uint8Array(1024).fill(0x5f), 0x80]), { gas: 10_000n });
    assert.equal(dup.result.error, "stack overflow");
    const swap = runCode(Uint8Array.from([...new Uint8Array(1024).fill(0x5f), 0x90]), { gas: 10_000n });
    assert.equal(swap.result.status, "success");
  });
  test("DUPn and SWAPn pick the right items", () => {
    const pushes = Array.from({ length: 17 }, (_, i) => `PUSH1 0x${(i + 1).toString(16).padStart(2, "0")}`).join(" ");
    assert.equal(evalWord(`${pushes} DUP16`), 2n);
    assert.equal(evalWord(`${pushes} SWAP16`), 1n);
    assert.equal(evalWord(`${pushes} SWAP1 POP`), 17n);
  });
});

describe("RETURN and REVERT", () => {
  test("REVERT returns its data and the unused gas", () => {
    const { result } = runCode(asm("PUSH1 0x2a PUSH1 0x00 MSTORE PUSH1 0x20 PUSH1 0x00 REVERT"), { gas: 100_000n });
    assert.equal(result.status, "revert");
    assert.equal(result.output[31], 0x2a);
    assert.equal(result.gasUsed, 3n + 3n + 3n + 3n + 3n + 3n);
  });
  test("REVERT undoes storage writes", () => {
    const { result, host } = runCode(asm("PUSH1 0x01 PUSH1 0x00 SSTORE PUSH1 0x00 PUSH1 0x00 REVERT"));
    assert.equal(result.status, "revert");
    assert.equal(host.getAccount(CONTRACT)!.storage.size, 0);
  });
  test("RETURN with size 0 and a huge offset succeeds", () => {
    const { result } = runCode(asm(`PUSH1 0x00 ${push(1n << 200n)} RETURN`));
    assert.equal(result.status, "success");
    assert.equal(result.output.length, 0);
  });
});

describe("PUSH0 (EIP-3855)", () => {
  test("pushes zero for 2 gas", () => {
    assert.equal(evalWord("PUSH1 0x07 PUSH0"), 0n);
    assert.equal(runCode(asm("PUSH0 PUSH0 STOP")).result.gasUsed, 4n);
  });
  test("is an invalid opcode before Shanghai", () => {
    const { result } = runCode(asm("PUSH0"), { fork: "Paris", gas: 500n });
    assert.equal(result.error, "invalid opcode: opcode 0x5f not defined");
    assert.equal(result.gasUsed, 500n);
  });
});
