import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { bytesToHex } from "../primitives/index.js";
import { addr, asm, runCode } from "./testing.js";
import { CollectingTracer, eip3155Line } from "./tracer.js";

describe("EIP-3155 tracing", () => {
  test("one step per instruction with state before it", () => {
    const tracer = new CollectingTracer();
    runCode(asm("PUSH1 0x02 PUSH1 0x03 ADD PUSH1 0x00 MSTORE STOP"), { tracer, gas: 100n });
    const s = tracer.steps;
    assert.deepEqual(
      s.map((x) => x.opName),
      ["PUSH1", "PUSH1", "ADD", "PUSH1", "MSTORE", "STOP"],
    );
    assert.deepEqual(s[2]!.stack, [2n, 3n]);
    assert.equal(s[2]!.gas, 94n);
    assert.equal(s[2]!.gasCost, 3n);
    assert.equal(s[4]!.gasCost, 6n); // MSTORE with one word of expansion
    assert.equal(s[4]!.memSize, 0);
    assert.equal(s[5]!.memSize, 32);
    assert.equal(s[0]!.depth, 1);
    const line = JSON.parse(eip3155Line(s[2]!));
    assert.deepEqual(line, {
      pc: 4,
      op: 1,
      gas: "0x5e",
      gasCost: "0x3",
      memSize: 0,
      stack: ["0x2", "0x3"],
      depth: 1,
      returnData: "0x",
      refund: 0,
      opName: "ADD",
    });
  });
  test("a CALL step comes before the child's steps, at depth + 1", () => {
    const other = addr(0xbeef);
    const tracer = new CollectingTracer();
    const src = `PUSH1 0x00 PUSH1 0x00 PUSH1 0x00 PUSH1 0x00 PUSH1 0x00 PUSH20 ${bytesToHex(other)} PUSH2 0x1000 CALL STOP`;
    runCode(asm(src), { tracer, beforeRun: (h) => h.setAccount(other, { code: asm("PUSH1 0x01 STOP") }) });
    const names = tracer.steps.map((x) => `${x.depth}:${x.opName}`);
    assert.deepEqual(names.slice(7), ["1:CALL", "2:PUSH1", "2:STOP", "1:STOP"]);
    // The CALL's cost includes the gas handed to the child.
    assert.equal(tracer.steps[7]!.gasCost, 100n + 2500n + 0x1000n);
  });
  test("an exceptional halt is reported with its error", () => {
    const tracer = new CollectingTracer();
    runCode(asm("ADD"), { tracer });
    // geth's wording: the stack size and what the instruction needs.
    assert.equal(tracer.steps[0]!.error, "stack underflow (0 <=> 2)");
  });
  test("an out-of-gas step costs what it could not pay, as geth prints it", () => {
    const tracer = new CollectingTracer();
    // PUSH1 (3), PUSH1 (3), then SSTORE of a fresh slot (22100) with 9 gas left.
    runCode(asm("PUSH1 0x01 PUSH1 0x00 SSTORE"), { tracer, gas: 2_315n });
    const last = tracer.steps.at(-1)!;
    assert.equal(last.opName, "SSTORE");
    assert.equal(last.error, "out of gas");
    assert.equal(last.gasCost, 22_100n);
  });
});
