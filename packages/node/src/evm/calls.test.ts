import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { keccak256 } from "../crypto/index.js";
import { bytesToBigint, bytesToHex } from "../primitives/index.js";
import { create2Address, createAddress } from "./address.js";
import type { Precompile } from "./precompiles/types.js";
import { addr, asm, CALLER, CONTRACT, evalWord, push, runCode } from "./testing.js";

const OTHER = addr(0xbeef);
const hex = (a: Uint8Array): string => `0x${bytesToHex(a).slice(2)}`;
const A = (a: Uint8Array): string => `PUSH20 ${hex(a)}`;

/** Assembler for CALL(gas, to, value, in, insize, out, outsize). */
function call(op: string, gas: string, to: Uint8Array, value: number | undefined, io: [number, number, number, number]): string {
  const [inOff, inSize, outOff, outSize] = io;
  const v = value === undefined ? "" : `PUSH1 0x${value.toString(16).padStart(2, "0")} `;
  return `PUSH1 ${outSize} PUSH1 ${outOff} PUSH1 ${inSize} PUSH1 ${inOff} ${v}${A(to)} ${gas} ${op}`;
}
const ALL = "GAS";

/** Initcode that deploys `runtime` (at most 32 bytes) via MSTORE + RETURN. */
function initcodeFor(runtime: Uint8Array): string {
  const padded = new Uint8Array(32);
  padded.set(runtime);
  return `PUSH32 ${hex(padded)} PUSH1 0x00 MSTORE PUSH1 ${runtime.length} PUSH1 0x00 RETURN`;
}

/** Source that places `initcode` at memory 0 (32 bytes per MSTORE) and runs CREATE/CREATE2. */
function create(initcode: Uint8Array, salt?: bigint, value = 0): string {
  let src = "";
  for (let off = 0; off < initcode.length; off += 32) {
    const chunk = new Uint8Array(32);
    chunk.set(initcode.subarray(off, off + 32));
    src += `PUSH32 ${hex(chunk)} PUSH2 0x${off.toString(16).padStart(4, "0")} MSTORE `;
  }
  const saltPart = salt === undefined ? "" : `${push(salt)} `;
  return `${src}${saltPart}PUSH1 ${initcode.length} PUSH1 0x00 PUSH1 ${value} ${salt === undefined ? "CREATE" : "CREATE2"}`;
}

describe("CALL family", () => {
  test("CALL copies the callee's output and sets return data (EIP-211)", () => {
    const callee = asm("PUSH1 0x2a PUSH1 0x00 MSTORE PUSH1 0x20 PUSH1 0x00 RETURN");
    const src = `${call("CALL", ALL, OTHER, 0, [0, 0, 0, 32])} POP PUSH1 0x00 MLOAD RETURNDATASIZE ADD`;
    assert.equal(evalWord(src, { beforeRun: (h) => h.setAccount(OTHER, { code: callee }) }), 0x2an + 32n);
  });
  test("output is truncated to the requested size", () => {
    const callee = asm("PUSH1 0xff PUSH1 0x00 MSTORE PUSH1 0x20 PUSH1 0x00 RETURN");
    // Only the first 31 bytes are copied; the last byte (0xff) stays 0.
    const src = `${call("CALL", ALL, OTHER, 0, [0, 0, 0, 31])} POP PUSH1 0x00 MLOAD`;
    assert.equal(evalWord(src, { beforeRun: (h) => h.setAccount(OTHER, { code: callee }) }), 0n);
  });
  test("a reverting callee: success 0, return data kept, state undone, gas returned", () => {
    const callee = asm("PUSH1 0x01 PUSH1 0x00 SSTORE PUSH2 0xdead PUSH1 0x00 MSTORE PUSH1 0x02 PUSH1 0x1e REVERT");
    const src = `${call("CALL", ALL, OTHER, 0, [0, 0, 0, 0])} PUSH1 0x00 MSTORE RETURNDATASIZE PUSH1 0x00 PUSH1 0x20 RETURNDATACOPY PUSH1 0x40 PUSH1 0x00 RETURN`;
    const { result, host } = runCode(asm(src), { beforeRun: (h) => h.setAccount(OTHER, { code: callee }) });
    assert.equal(result.status, "success");
    assert.equal(bytesToBigint(result.output.subarray(0, 32)), 0n);
    assert.equal(bytesToHex(result.output.subarray(32, 34)), "0xdead");
    assert.equal(host.getStorage(OTHER, 0n), 0n);
    assert.ok(result.gasUsed < 100_000n);
  });
  test("RETURNDATACOPY past the end halts", () => {
    const callee = asm("PUSH1 0x01 PUSH1 0x00 RETURN");
    const src = `${call("CALL", ALL, OTHER, 0, [0, 0, 0, 0])} PUSH1 0x02 PUSH1 0x00 PUSH1 0x00 RETURNDATACOPY`;
    const { result } = runCode(asm(src), { beforeRun: (h) => h.setAccount(OTHER, { code: callee }) });
    assert.equal(result.error, "return data out of bounds");
  });
  test("a failed child leaves empty return data; a new call replaces the previous return data", () => {
    const ret = asm("PUSH1 0x20 PUSH1 0x00 RETURN");
    const bad = asm("INVALID");
    const BAD = addr(0xbad);
    const src = `${call("CALL", ALL, OTHER, 0, [0, 0, 0, 0])} POP ${call("CALL", ALL, BAD, 0, [0, 0, 0, 0])} POP RETURNDATASIZE`;
    assert.equal(
      evalWord(src, {
        beforeRun: (h) => {
          h.setAccount(OTHER, { code: ret });
          h.setAccount(BAD, { code: bad });
        },
      }),
      0n,
    );
  });
  test("EIP-150: the callee gets all but one 64th", () => {
    const callee = asm(`GAS ${"PUSH1 0x00 MSTORE PUSH1 0x20 PUSH1 0x00 RETURN"}`);
    const gas = 1_000_000n;
    const src = `${call("CALL", push((1n << 256n) - 1n), OTHER, 0, [0, 0, 0, 32])} POP PUSH1 0x00 MLOAD`;
    const got = evalWord(src, { gas, beforeRun: (h) => h.setAccount(OTHER, { code: callee }) });
    // Before CALL: 7 pushes (21); CALL: 100 + 2500 cold; memory 1 word (3).
    const available = gas - 21n - 2600n - 3n;
    assert.equal(got, available - available / 64n - 2n);
  });
  test("value to a new account: 9000 + 25000, stipend returned unused", () => {
    const NEW = addr(0x4e4e);
    const { result, host } = runCode(asm(call("CALL", "PUSH1 0x00", NEW, 7, [0, 0, 0, 0])), {
      beforeRun: (h) => h.setAccount(CONTRACT, { balance: 10n, code: asm(call("CALL", "PUSH1 0x00", NEW, 7, [0, 0, 0, 0])) }),
    });
    assert.equal(result.status, "success");
    assert.equal(result.gasUsed, 21n + 100n + 2500n + 9000n + 25000n - 2300n);
    assert.equal(host.getBalance(NEW), 7n);
    assert.equal(host.getBalance(CONTRACT), 3n);
  });
  test("insufficient balance: pushes 0, keeps the gas (stipend included)", () => {
    const { result } = runCode(asm(`${call("CALL", "PUSH1 0x00", OTHER, 7, [0, 0, 0, 0])} PUSH1 0x00 MSTORE PUSH1 0x20 PUSH1 0x00 RETURN`));
    assert.equal(bytesToBigint(result.output), 0n);
    // CALL costs 100 + 2500 + 9000 + 25000 (OTHER is empty), and the 2300 stipend comes back.
    assert.equal(result.gasUsed, 21n + 100n + 2500n + 9000n + 25000n - 2300n + 3n + 3n + 3n + 3n + 3n);
  });
  test("zero-value CALL to an absent account does not create it (EIP-161)", () => {
    const NEW = addr(0x4e4f);
    const { host } = runCode(asm(call("CALL", ALL, NEW, 0, [0, 0, 0, 0])));
    host.finalizeTransaction();
    assert.equal(host.accountExists(NEW), false);
  });
  test("DELEGATECALL keeps caller, value and storage of the caller", () => {
    const lib = asm("CALLER PUSH1 0x01 SSTORE CALLVALUE PUSH1 0x02 SSTORE ADDRESS PUSH1 0x03 SSTORE");
    const { host } = runCode(asm(call("DELEGATECALL", ALL, OTHER, undefined, [0, 0, 0, 0])), {
      value: 5n,
      beforeRun: (h) => h.setAccount(OTHER, { code: lib }),
    });
    assert.equal(host.getStorage(CONTRACT, 1n), bytesToBigint(CALLER));
    assert.equal(host.getStorage(CONTRACT, 2n), 5n);
    assert.equal(host.getStorage(CONTRACT, 3n), bytesToBigint(CONTRACT));
    assert.equal(host.getAccount(OTHER)!.storage.size, 0);
  });
  test("CALLCODE runs the code on the caller's storage with the caller as CALLER", () => {
    const lib = asm("CALLER PUSH1 0x01 SSTORE ADDRESS PUSH1 0x03 SSTORE");
    const { host } = runCode(asm(call("CALLCODE", ALL, OTHER, 0, [0, 0, 0, 0])), { beforeRun: (h) => h.setAccount(OTHER, { code: lib }) });
    assert.equal(host.getStorage(CONTRACT, 1n), bytesToBigint(CONTRACT));
    assert.equal(host.getStorage(CONTRACT, 3n), bytesToBigint(CONTRACT));
  });
});

describe("static calls (EIP-214)", () => {
  test("a write inside STATICCALL fails the child, which consumes its gas", () => {
    const writer = asm("PUSH1 0x01 PUSH1 0x00 SSTORE");
    const src = `${call("STATICCALL", "PUSH2 0x2710", OTHER, undefined, [0, 0, 0, 0])} PUSH1 0x00 MSTORE PUSH1 0x20 PUSH1 0x00 RETURN`;
    const { result } = runCode(asm(src), { beforeRun: (h) => h.setAccount(OTHER, { code: writer }) });
    assert.equal(bytesToBigint(result.output), 0n);
    // 6 pushes + STATICCALL (100 + 2500 cold) + 10000 given to the child and lost + return.
    assert.equal(result.gasUsed, 18n + 2600n + 10000n + 3n + 3n + 3n + 3n + 3n);
  });
  test("the static flag propagates to nested calls; LOG, CREATE, SELFDESTRUCT, value CALL are forbidden", () => {
    for (const body of [
      "PUSH1 0x00 PUSH1 0x00 LOG0",
      create(asm("STOP")),
      "PUSH1 0x00 SELFDESTRUCT",
      call("CALL", ALL, CALLER, 1, [0, 0, 0, 0]),
    ]) {
      const { result } = runCode(asm(body), { isStatic: true, beforeRun: (h) => h.setAccount(CONTRACT, { code: asm(body), balance: 5n }) });
      assert.equal(result.error, "write protection", body);
    }
  });
  test("a zero-value CALL is allowed in a static context", () => {
    const { result } = runCode(asm(call("CALL", ALL, OTHER, 0, [0, 0, 0, 0])), { isStatic: true });
    assert.equal(result.status, "success");
  });
});

describe("call depth", () => {
  test("frames nest 1025 deep (depth 0..1024), and the next call fails", () => {
    // d = calldata[0] + 1; storage[d] = 1; call self with d as input, all gas.
    const self = asm(
      `PUSH1 0x00 CALLDATALOAD PUSH1 0x01 ADD DUP1 PUSH1 0x01 SWAP1 SSTORE PUSH1 0x00 MSTORE ` +
        `PUSH1 0x00 PUSH1 0x00 PUSH1 0x20 PUSH1 0x00 PUSH1 0x00 ADDRESS GAS CALL`,
    );
    const { result, host } = runCode(self, { gas: 10n ** 15n });
    assert.equal(result.status, "success");
    assert.equal(host.getStorage(CONTRACT, 1025n), 1n);
    assert.equal(host.getStorage(CONTRACT, 1026n), 0n);
  });
});

describe("CREATE and CREATE2", () => {
  const runtime = Uint8Array.of(0x2a);
  const init = asm(initcodeFor(runtime));
  test("CREATE deploys code at keccak(rlp([sender, nonce])) and bumps the nonce", () => {
    const { result, host } = runCode(asm(`${create(init)} PUSH1 0x00 MSTORE PUSH1 0x20 PUSH1 0x00 RETURN`));
    const expected = createAddress(CONTRACT, 1n);
    assert.equal(bytesToBigint(result.output), bytesToBigint(expected));
    assert.deepEqual(host.getCode(expected), runtime);
    assert.equal(host.getNonce(expected), 1n);
    assert.equal(host.getNonce(CONTRACT), 2n);
  });
  test("CREATE gas: 32000 + 2 per initcode word + code deposit 200 per byte + execution", () => {
    const { result } = runCode(asm(`${create(init)} STOP`));
    assert.equal(init.length, 41);
    // outer: 2 x (PUSH32 PUSH2 MSTORE) with 2 words of memory = 2 x 9 + 6, three PUSH1 = 9;
    // CREATE 32000 + 2 x 2 initcode words; initcode: PUSH32 PUSH1 MSTORE(+1 word) PUSH1 PUSH1
    // RETURN = 18; code deposit 200 x 1 byte.
    assert.equal(result.gasUsed, 18n + 6n + 9n + 32000n + 4n + 18n + 200n);
  });
  test("CREATE2 uses the EIP-1014 address and charges 6 per word for hashing", () => {
    const salt = 0xfeedn;
    const { result, host } = runCode(asm(`${create(init, salt)} PUSH1 0x00 MSTORE PUSH1 0x20 PUSH1 0x00 RETURN`));
    const expected = create2Address(CONTRACT, salt, keccak256(init));
    assert.deepEqual(host.getCode(expected), runtime);
    assert.equal(bytesToBigint(result.output), bytesToBigint(expected));
    const gas = runCode(asm(`${create(init, salt)} STOP`)).result.gasUsed;
    const gasCreate = runCode(asm(`${create(init)} STOP`)).result.gasUsed;
    assert.equal(gas - gasCreate, 3n + 6n * 2n);
  });
  test("CREATE2 twice at the same address collides: 0 and all the child gas gone", () => {
    const src = `${create(init, 1n)} POP ${create(init, 1n)} PUSH1 0x00 MSTORE PUSH1 0x20 PUSH1 0x00 RETURN`;
    const { result } = runCode(asm(src), { gas: 200_000n });
    assert.equal(bytesToBigint(result.output), 0n);
    assert.ok(result.gasUsed > 190_000n);
  });
  test("EIP-3541: code starting with 0xEF is rejected", () => {
    const { result, host } = runCode(
      asm(`${create(asm(initcodeFor(Uint8Array.of(0xef))))} PUSH1 0x00 MSTORE PUSH1 0x20 PUSH1 0x00 RETURN`),
    );
    assert.equal(bytesToBigint(result.output), 0n);
    assert.equal(host.accountExists(createAddress(CONTRACT, 1n)), false);
    // 0xEF elsewhere is fine.
    const ok = runCode(asm(`${create(asm(initcodeFor(Uint8Array.of(0x00, 0xef))))} PUSH1 0x00 MSTORE PUSH1 0x20 PUSH1 0x00 RETURN`));
    assert.notEqual(bytesToBigint(ok.result.output), 0n);
  });
  test("EIP-170: 24576 bytes of code deploy, 24577 do not", () => {
    const at = (n: number): bigint => {
      const initSrc = `PUSH2 0x${n.toString(16)} PUSH1 0x00 RETURN`;
      const { result } = runCode(asm(`${create(asm(initSrc))} PUSH1 0x00 MSTORE PUSH1 0x20 PUSH1 0x00 RETURN`), { gas: 10_000_000n });
      return bytesToBigint(result.output);
    };
    assert.notEqual(at(0x6000), 0n);
    assert.equal(at(0x6001), 0n);
  });
  test("EIP-3860: initcode over 49152 bytes halts the creating frame; 49152 is allowed", () => {
    const run = (size: number) =>
      runCode(asm(`PUSH3 0x${size.toString(16).padStart(6, "0")} PUSH1 0x00 PUSH1 0x00 CREATE`), { gas: 10_000_000n });
    assert.equal(run(49153).result.error, "max initcode size exceeded");
    assert.equal(run(49152).result.status, "success");
  });
  test("a reverting initcode leaves its revert data as return data and no account", () => {
    const initSrc = "PUSH1 0x07 PUSH1 0x00 MSTORE PUSH1 0x20 PUSH1 0x00 REVERT";
    const { result, host } = runCode(asm(`${create(asm(initSrc))} RETURNDATASIZE ADD PUSH1 0x00 MSTORE PUSH1 0x20 PUSH1 0x00 RETURN`));
    assert.equal(bytesToBigint(result.output), 32n);
    assert.equal(host.accountExists(createAddress(CONTRACT, 1n)), false);
    // The creator's nonce was still bumped.
    assert.equal(host.getNonce(CONTRACT), 2n);
  });
  test("a creation transaction deploys and returns the new address", () => {
    const { result } = runCode(new Uint8Array(0));
    assert.equal(result.status, "success");
  });
});

describe("precompiles through the frame loop", () => {
  const identity: Precompile = { gas: (input) => 15n + 3n * BigInt(Math.ceil(input.length / 32)), run: (input) => input.slice() };
  const failing: Precompile = { gas: () => 10n, run: () => undefined };
  const precompiles = new Map([
    [4, identity],
    [9, failing],
  ]);
  test("a CALL to a precompile runs it and charges its price", () => {
    const src = `PUSH1 0x2a PUSH1 0x00 MSTORE ${call("STATICCALL", ALL, addr(4), undefined, [0, 32, 32, 32])} POP PUSH1 0x20 MLOAD`;
    assert.equal(evalWord(src, { precompiles }), 0x2an);
  });
  test("a failing precompile returns 0 and consumes the gas given", () => {
    const src = `${call("STATICCALL", "PUSH2 0x1000", addr(9), undefined, [0, 0, 0, 0])} PUSH1 0x00 MSTORE PUSH1 0x20 PUSH1 0x00 RETURN`;
    const { result } = runCode(asm(src), { precompiles });
    assert.equal(bytesToBigint(result.output), 0n);
    assert.equal(result.gasUsed, 18n + 100n + 2500n + 0x1000n + 15n);
  });
});
