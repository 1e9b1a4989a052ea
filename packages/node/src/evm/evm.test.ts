import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { bytesToBigint } from "../primitives/index.js";
import { asm, RETURN_TOP, runCode } from "./testing.js";

function evalTop(src: string): bigint {
  const { result } = runCode(asm(`${src} ${RETURN_TOP}`));
  assert.equal(result.status, "success", result.error);
  return bytesToBigint(result.output);
}

describe("smoke", () => {
  test("1 + 2", () => {
    assert.equal(evalTop("PUSH1 0x02 PUSH1 0x01 ADD"), 3n);
  });
  test("exact gas of PUSH PUSH ADD STOP", () => {
    const { result } = runCode(asm("PUSH1 0x02 PUSH1 0x01 ADD STOP"), { gas: 100n });
    assert.equal(result.gasUsed, 9n);
  });
});
