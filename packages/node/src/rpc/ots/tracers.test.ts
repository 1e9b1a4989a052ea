import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { FrameEnter, FrameType } from "../../evm/index.js";
import type { Address } from "../../primitives/index.js";
import { OP_CREATE, OP_CREATE2, OP_SELF_DESTRUCT, OP_TRANSFER, OperationsTracer, TransactionTracer } from "./tracers.js";

const A = new Uint8Array(20).fill(0xaa) as Address;
const B = new Uint8Array(20).fill(0xbb) as Address;
const a = `0x${"aa".repeat(20)}`;
const b = `0x${"bb".repeat(20)}`;

function frame(type: FrameType, depth: number, value: bigint | undefined, input = Uint8Array.of(1, 2)): FrameEnter {
  return { type, from: A, to: B, delegate: undefined, input, gas: 100n, value, depth };
}
const exit = (depth: number, output: Uint8Array) => ({ depth, output, gasUsed: 1n, error: undefined, reverted: false });

describe("ots tracers", () => {
  test("operations: inner value calls, creations and self-destructs; not the transaction's own message", () => {
    const t = new OperationsTracer();
    t.enter(frame("CALL", 0, 5n));
    t.enter(frame("CALL", 1, 0n));
    t.enter(frame("CALL", 1, 3n));
    t.enter(frame("STATICCALL", 1, undefined));
    t.enter(frame("DELEGATECALL", 1, 9n));
    t.enter(frame("CREATE", 1, 0n));
    t.enter(frame("CREATE2", 2, 1n));
    t.enter(frame("SELFDESTRUCT", 3, 7n));
    assert.deepEqual(t.operations, [
      { type: OP_TRANSFER, from: a, to: b, value: "0x3" },
      { type: OP_CREATE, from: a, to: b, value: "0x0" },
      { type: OP_CREATE2, from: a, to: b, value: "0x1" },
      { type: OP_SELF_DESTRUCT, from: a, to: b, value: "0x7" },
    ]);
  });

  test("trace entries: flat in opening order with depth; no value for STATICCALL and DELEGATECALL; outputs on exit", () => {
    const t = new TransactionTracer();
    t.enter(frame("CALL", 0, 5n));
    t.enter(frame("STATICCALL", 1, undefined));
    t.exit(exit(1, Uint8Array.of(0xff)));
    t.enter(frame("DELEGATECALL", 1, 5n, new Uint8Array(0)));
    t.exit(exit(1, new Uint8Array(0)));
    t.exit(exit(0, Uint8Array.of(1)));
    assert.deepEqual(t.entries, [
      { type: "CALL", depth: 0, from: a, to: b, value: "0x5", input: "0x0102", output: "0x01" },
      { type: "STATICCALL", depth: 1, from: a, to: b, value: null, input: "0x0102", output: "0xff" },
      { type: "DELEGATECALL", depth: 1, from: a, to: b, value: null, input: "0x", output: "0x" },
    ]);
  });
});
