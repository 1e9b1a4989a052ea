import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { keccak256 } from "../crypto/index.js";
import { bytesToBigint, bytesToHex } from "../primitives/index.js";
import { delegationDesignator, delegationTarget } from "./delegation.js";
import { addr, asm, CONTRACT, evalWord, runCode } from "./testing.js";

const EOA = addr(0xe0a);
const IMPL = addr(0x1111);
const A = (a: Uint8Array): string => `PUSH20 ${bytesToHex(a)}`;
const callTo = (to: Uint8Array): string => `PUSH1 0x20 PUSH1 0x00 PUSH1 0x00 PUSH1 0x00 PUSH1 0x00 ${A(to)} GAS CALL`;

/** The implementation writes ADDRESS to slot 0 and returns CODESIZE. */
const impl = asm("ADDRESS PUSH1 0x00 SSTORE CODESIZE PUSH1 0x00 MSTORE PUSH1 0x20 PUSH1 0x00 RETURN");

function setup(h: import("./memory-host.js").MemoryHost): void {
  h.setAccount(EOA, { code: delegationDesignator(IMPL), nonce: 1n, balance: 3n });
  h.setAccount(IMPL, { code: impl });
}

describe("EIP-7702 delegation designators", () => {
  test("parse and build", () => {
    const d = delegationDesignator(IMPL);
    assert.equal(d.length, 23);
    assert.equal(bytesToHex(d.subarray(0, 3)), "0xef0100");
    assert.deepEqual(delegationTarget(d), IMPL);
    assert.equal(delegationTarget(d.subarray(0, 22)), undefined);
    assert.equal(delegationTarget(Uint8Array.of(0xef, 0x01, 0x01, ...IMPL)), undefined);
  });
  test("CALL runs the delegate's code in the authority's context (Prague)", () => {
    const { result, host } = runCode(asm(`${callTo(EOA)} POP PUSH1 0x00 MLOAD PUSH1 0x00 MSTORE PUSH1 0x20 PUSH1 0x00 RETURN`), {
      fork: "Prague",
      beforeRun: setup,
    });
    assert.equal(result.status, "success");
    // CODESIZE is the delegate's code; storage is the authority's.
    assert.equal(bytesToBigint(result.output), BigInt(impl.length));
    assert.equal(host.getStorage(EOA, 0n), bytesToBigint(EOA));
    assert.equal(host.getAccount(IMPL)!.storage.size, 0);
  });
  test("EXTCODESIZE, EXTCODEHASH and EXTCODECOPY see the 23-byte designator", () => {
    const o = { fork: "Prague" as const, beforeRun: setup };
    assert.equal(evalWord(`${A(EOA)} EXTCODESIZE`, o), 23n);
    assert.equal(evalWord(`${A(EOA)} EXTCODEHASH`, o), bytesToBigint(keccak256(delegationDesignator(IMPL))));
    assert.equal(
      evalWord(`PUSH1 0x17 PUSH1 0x00 PUSH1 0x09 ${A(EOA)} EXTCODECOPY PUSH1 0x00 MLOAD`, o),
      bytesToBigint(delegationDesignator(IMPL)),
    );
  });
  test("the delegate's access is charged: 2600 cold, 100 warm", () => {
    const src = `${callTo(EOA)} STOP`;
    const cold = runCode(asm(src), { fork: "Prague", beforeRun: setup, gas: 1_000_000n }).result.gasUsed;
    const warm = runCode(asm(src), {
      fork: "Prague",
      gas: 1_000_000n,
      beforeRun: (h) => {
        setup(h);
        h.accessAddress(IMPL);
      },
    }).result.gasUsed;
    assert.equal(cold - warm, 2500n);
  });
  test("Cancun does not follow designators: the call runs 0xef and fails", () => {
    const { result } = runCode(asm(`${callTo(EOA)} PUSH1 0x00 MSTORE PUSH1 0x20 PUSH1 0x00 RETURN`), { fork: "Cancun", beforeRun: setup });
    assert.equal(bytesToBigint(result.output), 0n);
  });
  test("only one level is followed: a delegate that is itself delegated fails", () => {
    const { result } = runCode(asm(`${callTo(EOA)} PUSH1 0x00 MSTORE PUSH1 0x20 PUSH1 0x00 RETURN`), {
      fork: "Prague",
      beforeRun: (h) => {
        h.setAccount(EOA, { code: delegationDesignator(IMPL), nonce: 1n });
        h.setAccount(IMPL, { code: delegationDesignator(CONTRACT) });
      },
    });
    assert.equal(bytesToBigint(result.output), 0n);
  });
  test("delegation to a precompile runs empty code and succeeds", () => {
    const precompiles = new Map([[1, { gas: () => 3000n, run: () => Uint8Array.of(1) }]]);
    const { result } = runCode(asm(`${callTo(EOA)} RETURNDATASIZE PUSH1 0x00 MSTORE PUSH1 0x20 PUSH1 0x00 RETURN`), {
      fork: "Prague",
      precompiles,
      beforeRun: (h) => h.setAccount(EOA, { code: delegationDesignator(addr(1)), nonce: 1n }),
    });
    assert.equal(result.status, "success");
    assert.equal(bytesToBigint(result.output), 0n);
  });
  test("a transaction to a delegated account runs the delegate and warms it", () => {
    const { result, host } = runCode(new Uint8Array(0), {
      fork: "Prague",
      beforeRun: (h) => {
        setup(h);
        h.setAccount(CONTRACT, { code: delegationDesignator(IMPL), nonce: 1n });
      },
    });
    assert.equal(result.status, "success");
    assert.equal(bytesToBigint(result.output), BigInt(impl.length));
    assert.equal(host.isWarm(IMPL), true);
  });
});
