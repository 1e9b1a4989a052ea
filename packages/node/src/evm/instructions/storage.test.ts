import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { hexToBytes } from "../../primitives/index.js";
import { asm, CONTRACT, runCode } from "../testing.js";

/**
 * EIP-3529 "With reduced refunds" table (slots already warm): code, used gas, refund, original.
 * The same rows also check EIP-2200's structure as amended by EIP-2929.
 */
const EIP3529_TABLE: Array<[string, bigint, bigint, bigint]> = [
  ["0x60006000556000600055", 212n, 0n, 0n],
  ["0x60006000556001600055", 20112n, 0n, 0n],
  ["0x60016000556000600055", 20112n, 19900n, 0n],
  ["0x60016000556002600055", 20112n, 0n, 0n],
  ["0x60016000556001600055", 20112n, 0n, 0n],
  ["0x60006000556000600055", 3012n, 4800n, 1n],
  ["0x60006000556001600055", 3012n, 2800n, 1n],
  ["0x60006000556002600055", 3012n, 0n, 1n],
  ["0x60026000556000600055", 3012n, 4800n, 1n],
  ["0x60026000556003600055", 3012n, 0n, 1n],
  ["0x60026000556001600055", 3012n, 2800n, 1n],
  ["0x60026000556002600055", 3012n, 0n, 1n],
  ["0x60016000556000600055", 3012n, 4800n, 1n],
  ["0x60016000556002600055", 3012n, 0n, 1n],
  ["0x60016000556001600055", 212n, 0n, 1n],
  ["0x600160005560006000556001600055", 40118n, 19900n, 0n],
  ["0x600060005560016000556000600055", 5918n, 7600n, 1n],
];

describe("SSTORE net gas metering (EIP-2200, EIP-2929, EIP-3529)", () => {
  EIP3529_TABLE.forEach(([code, used, refund, original], i) => {
    test(`table row ${i + 1}: ${code} original ${original}`, () => {
      const { result } = runCode(hexToBytes(code), {
        storage: { "0": original },
        beforeRun: (h) => h.accessStorage(CONTRACT, 0n),
      });
      assert.equal(result.status, "success");
      assert.equal(result.gasUsed, used);
      assert.equal(result.refund, refund);
    });
  });
  test("a cold slot costs 2100 more, once", () => {
    for (const [code, used, refund, original] of EIP3529_TABLE) {
      const { result } = runCode(hexToBytes(code), { storage: { "0": original } });
      assert.equal(result.gasUsed, used + 2100n, code);
      assert.equal(result.refund, refund, code);
    }
  });
  test("SLOAD: 2100 cold, 100 warm", () => {
    assert.equal(runCode(asm("PUSH1 0x00 SLOAD PUSH1 0x00 SLOAD STOP")).result.gasUsed, 3n + 2100n + 3n + 100n);
  });
  test("needs more than 2300 gas left (EIP-2200 sentry)", () => {
    const code = asm("PUSH1 0x01 PUSH1 0x00 SSTORE");
    assert.equal(runCode(code, { gas: 2306n }).result.status, "halt");
    const ok = runCode(code, { gas: 2307n + 22100n });
    assert.equal(ok.result.status, "success");
  });
  test("writes to a non-zero original then back restore the refund bookkeeping on revert", () => {
    const { result } = runCode(asm("PUSH1 0x00 PUSH1 0x00 SSTORE INVALID"), { storage: { "0": 5n }, gas: 100_000n });
    assert.equal(result.status, "halt");
    assert.equal(result.refund, 0n);
  });
  test("SSTORE in a static context halts", () => {
    const { result } = runCode(asm("PUSH1 0x01 PUSH1 0x00 SSTORE"), { isStatic: true });
    assert.equal(result.error, "write protection");
  });
});

describe("transient storage (EIP-1153)", () => {
  test("TSTORE then TLOAD, 100 gas each", () => {
    const { result } = runCode(asm("PUSH1 0x2a PUSH1 0x07 TSTORE PUSH1 0x07 TLOAD PUSH1 0x00 MSTORE PUSH1 0x20 PUSH1 0x00 RETURN"));
    assert.equal(result.output[31], 0x2a);
    // PUSH PUSH TSTORE PUSH TLOAD PUSH MSTORE(+1 word) PUSH PUSH RETURN
    assert.equal(result.gasUsed, 3n + 3n + 100n + 3n + 100n + 3n + 6n + 3n + 3n);
  });
  test("cleared between transactions, and not persisted", () => {
    const first = runCode(asm("PUSH1 0x2a PUSH1 0x07 TSTORE"));
    first.host.finalizeTransaction();
    const second = runCode(asm("PUSH1 0x07 TLOAD PUSH1 0x00 SSTORE"), { host: first.host });
    assert.equal(second.result.status, "success");
    assert.equal(second.host.getStorage(CONTRACT, 0n), 0n);
  });
  test("TSTORE in a static context halts; TLOAD is allowed", () => {
    assert.equal(runCode(asm("PUSH1 0x01 PUSH1 0x00 TSTORE"), { isStatic: true }).result.error, "write protection");
    assert.equal(runCode(asm("PUSH1 0x00 TLOAD"), { isStatic: true }).result.status, "success");
  });
  test("a reverted frame's transient writes are undone", () => {
    const { host } = runCode(asm("PUSH1 0x01 PUSH1 0x00 TSTORE PUSH1 0x00 PUSH1 0x00 REVERT"));
    assert.equal(host.getTransientStorage(CONTRACT, 0n), 0n);
  });
  test("is an invalid opcode in Shanghai", () => {
    assert.equal(runCode(asm("PUSH1 0x00 TLOAD"), { fork: "Shanghai" }).result.error, "invalid opcode: opcode 0x5c not defined");
  });
});
