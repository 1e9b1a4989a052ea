import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { keccak256 } from "../../crypto/index.js";
import { bytesToHex, utf8ToBytes } from "../../primitives/index.js";
import { createAddress } from "../address.js";
import { MemoryHost } from "../memory-host.js";
import { addr, asm, CALLER, COINBASE, CONTRACT, runCode } from "../testing.js";
import { CallTracer } from "./call-tracer.js";
import { FourByteTracer } from "./four-byte.js";
import { PrestateTracer } from "./prestate-tracer.js";
import { StructLogger } from "./struct-logger.js";

const OTHER = addr(0xbeef);
const THIRD = addr(0x7714d);
const REVERTER = addr(0x4e7);
const h = (a: Uint8Array): string => bytesToHex(a);
const A = (a: Uint8Array): string => `PUSH20 ${h(a)}`;

/** Source writing `bytes` to memory from 0, 32 bytes per MSTORE. */
function memWrite(bytes: Uint8Array): string {
  let src = "";
  for (let off = 0; off < bytes.length; off += 32) {
    const chunk = new Uint8Array(32);
    chunk.set(bytes.subarray(off, off + 32));
    src += `PUSH32 ${h(chunk)} PUSH2 0x${off.toString(16).padStart(4, "0")} MSTORE `;
  }
  return src;
}

/** ABI Error(string) payload. */
function errorPayload(reason: string): Uint8Array {
  const text = utf8ToBytes(reason);
  const out = new Uint8Array(4 + 32 + 32 + Math.ceil(text.length / 32) * 32);
  out.set([0x08, 0xc3, 0x79, 0xa0]);
  out[4 + 31] = 0x20;
  out[4 + 32 + 31] = text.length;
  out.set(text, 4 + 64);
  return out;
}

const call = (op: string, to: Uint8Array, value?: number): string =>
  `PUSH1 0 PUSH1 0 PUSH1 0 PUSH1 0 ${value === undefined ? "" : `PUSH1 ${value} `}${A(to)} GAS ${op}`;

// THIRD returns the word 0x2a.
const THIRD_CODE = asm("PUSH1 0x2a PUSH1 0 MSTORE PUSH1 0x20 PUSH1 0 RETURN");
// OTHER writes slot 0, logs, delegatecalls THIRD with 4 bytes of input, stops.
const OTHER_CODE = asm(
  `PUSH1 0x01 PUSH1 0x00 SSTORE PUSH1 0 PUSH1 0 LOG0 PUSH1 0 PUSH1 0 PUSH1 4 PUSH1 0 ${A(THIRD)} GAS DELEGATECALL POP STOP`,
);
const REASON = errorPayload("nope");
// REVERTER logs (reverted with it), then reverts with Error("nope").
const REVERTER_CODE = asm(`PUSH1 0 PUSH1 0 LOG0 ${memWrite(REASON)} PUSH1 ${REASON.length} PUSH1 0 REVERT`);
// Runtime 0x00 (STOP) deployed by CREATE.
const INIT = asm("PUSH1 0x00 PUSH1 0 MSTORE8 PUSH1 1 PUSH1 0 RETURN");
const ROOT_CODE = asm(
  `PUSH1 0xaa PUSH1 0 MSTORE PUSH1 0x77 PUSH1 0x20 PUSH1 0 LOG1 ${call("CALL", OTHER, 0)} POP ${call("CALL", REVERTER, 0)} POP ${call("STATICCALL", THIRD)} POP ` +
    `${memWrite(INIT)} PUSH1 ${INIT.length} PUSH1 0 PUSH1 0 CREATE POP STOP`,
);

function setup(host: MemoryHost): void {
  host.setAccount(OTHER, { code: OTHER_CODE });
  host.setAccount(THIRD, { code: THIRD_CODE });
  host.setAccount(REVERTER, { code: REVERTER_CODE });
}

describe("callTracer", () => {
  test("nested CALL, DELEGATECALL, STATICCALL with a revert reason, CREATE, and logs with positions", () => {
    const tracer = new CallTracer({ withLog: true });
    const { result } = runCode(ROOT_CODE, { tracer, data: Uint8Array.of(1, 2, 3, 4, 5), beforeRun: setup });
    assert.equal(result.status, "success");
    const out = tracer.result(1_000_000n, 54_321n);
    assert.equal(out.type, "CALL");
    assert.equal(out.from, h(CALLER));
    assert.equal(out.to, h(CONTRACT));
    assert.equal(out.gas, "0xf4240");
    assert.equal(out.gasUsed, "0xd431");
    assert.equal(out.input, "0x0102030405");
    assert.equal(out.output, undefined, "an empty output is omitted, as geth's omitempty");
    assert.equal(out.value, "0x0");
    assert.deepEqual(Object.keys(out), ["type", "from", "gas", "gasUsed", "to", "input", "calls", "logs", "value"]);
    assert.deepEqual(out.logs, [
      { address: h(CONTRACT), topics: [`0x${"77".padStart(64, "0")}`], data: `0x${"aa".padStart(64, "0")}`, position: "0x0" },
    ]);
    const [c1, c2, s3, c3] = out.calls!;
    assert.equal(out.calls!.length, 4);
    // CALL to OTHER, which logs before its DELEGATECALL (position 0) and delegates to THIRD.
    assert.equal(c1!.type, "CALL");
    assert.equal(c1!.to, h(OTHER));
    assert.equal(c1!.value, "0x0");
    assert.equal(c1!.logs!.length, 1);
    assert.equal(c1!.logs![0]!.position, "0x0");
    assert.equal(c1!.logs![0]!.address, h(OTHER));
    const d = c1!.calls![0]!;
    assert.equal(d.type, "DELEGATECALL");
    assert.equal(d.from, h(OTHER));
    assert.equal(d.to, h(THIRD));
    assert.equal(d.input, "0x00000000");
    assert.equal(d.output, `0x${"2a".padStart(64, "0")}`);
    assert.equal(d.value, "0x0", "DELEGATECALL carries the parent's value");
    // CALL to REVERTER: reverted with its reason, its log dropped.
    assert.equal(c2!.type, "CALL");
    assert.equal(c2!.error, "execution reverted");
    assert.equal(c2!.revertReason, "nope");
    assert.equal(c2!.output, h(REASON));
    assert.equal(c2!.logs, undefined);
    // STATICCALL: no value.
    assert.equal(s3!.type, "STATICCALL");
    assert.equal(s3!.value, undefined);
    assert.equal(s3!.output, `0x${"2a".padStart(64, "0")}`);
    // CREATE with the new address and the deployed code as output.
    assert.equal(c3!.type, "CREATE");
    assert.equal(c3!.from, h(CONTRACT));
    assert.equal(c3!.to, h(createAddress(CONTRACT, 1n)));
    assert.equal(c3!.input, h(INIT));
    assert.equal(c3!.output, "0x00");
    assert.ok(BigInt(c3!.gasUsed) > 0n);
  });

  test("a STATICCALL that writes fails with geth's error, and the log of a frame whose parent failed is dropped", () => {
    // THIRD logs; OTHER calls it, then halts with INVALID.
    const logger = asm("PUSH1 0 PUSH1 0 LOG0 STOP");
    const failing = asm(`${call("CALL", THIRD, 0)} POP INVALID`);
    const root = asm(`${call("CALL", OTHER, 0)} POP ${call("STATICCALL", REVERTER)} POP STOP`);
    const tracer = new CallTracer({ withLog: true });
    runCode(root, {
      tracer,
      beforeRun: (host) => {
        host.setAccount(OTHER, { code: failing });
        host.setAccount(THIRD, { code: logger });
        host.setAccount(REVERTER, { code: asm("PUSH1 1 PUSH1 0 SSTORE STOP") });
      },
    });
    const out = tracer.result(100_000n, 1n);
    const [c1, c2] = out.calls!;
    assert.equal(c1!.error, "invalid opcode: INVALID");
    assert.equal(c1!.output, undefined);
    assert.equal(c1!.calls![0]!.error, undefined);
    assert.equal(c1!.calls![0]!.logs, undefined, "logs under a failed frame are dropped");
    assert.equal(c2!.error, "write protection");
    assert.equal(c2!.gasUsed, c2!.gas, "a halt uses all the frame's gas");
  });

  test("onlyTopCall keeps just the transaction's frame and its own logs", () => {
    const tracer = new CallTracer({ onlyTopCall: true, withLog: true });
    runCode(ROOT_CODE, { tracer, beforeRun: setup });
    const out = tracer.result(1_000_000n, 1n);
    assert.equal(out.calls, undefined);
    assert.equal(out.logs!.length, 1);
  });

  test("a failed CREATE loses its to; value transfers and SELFDESTRUCT frames", () => {
    const bad = asm("INVALID");
    const sd = asm(`${A(THIRD)} SELFDESTRUCT`);
    const root = asm(`${memWrite(bad)} PUSH1 1 PUSH1 0 PUSH1 0 CREATE POP ${call("CALL", OTHER, 3)} POP STOP`);
    const tracer = new CallTracer();
    runCode(root, {
      tracer,
      gas: 10_000_000n,
      beforeRun: (host) => {
        host.setAccount(OTHER, { code: sd });
        host.setAccount(THIRD, { balance: 1n });
        host.setAccount(CONTRACT, { code: root, balance: 10n, nonce: 1n });
      },
    });
    const out = tracer.result(1_000_000n, 1n);
    const [c1, c2] = out.calls!;
    assert.equal(c1!.type, "CREATE");
    assert.equal(c1!.to, undefined);
    assert.equal(c1!.error, "invalid opcode: INVALID");
    assert.equal(c2!.value, "0x3");
    const s = c2!.calls![0]!;
    assert.deepEqual(s, { type: "SELFDESTRUCT", from: h(OTHER), gas: "0x0", gasUsed: "0x0", to: h(THIRD), input: "0x", value: "0x3" });
  });
});

describe("struct logger", () => {
  test("geth's entries: numbers, compact stack words, storage of SLOAD/SSTORE, memory chunks", () => {
    const code = asm("PUSH1 0x05 PUSH1 0x01 SSTORE PUSH1 0x01 SLOAD PUSH1 0x02 SLOAD PUSH1 0 MSTORE PUSH1 0 MLOAD STOP");
    let host: MemoryHost | undefined;
    const logger = new StructLogger({ enableMemory: true }, (a, slot) => host!.getStorage(a, slot));
    const run = runCode(code, { tracer: logger, storage: { "0x2": 9n }, beforeRun: (hh) => (host = hh) });
    const r = logger.result(21_000n + run.result.gasUsed);
    assert.equal(r.failed, false);
    assert.equal(r.returnValue, "0x");
    assert.equal(r.structLogs.length, 12);
    const [p0, , sstore, , sload1, , sload2, , , mstoreNext] = r.structLogs;
    assert.deepEqual(p0, { pc: 0, op: "PUSH1", gas: 1_000_000, gasCost: 3, depth: 1, stack: [] });
    assert.deepEqual(sstore!.stack, ["0x5", "0x1"]);
    assert.deepEqual(sstore!.storage, { [`${"1".padStart(64, "0")}`]: `${"5".padStart(64, "0")}` });
    assert.deepEqual(sload1!.storage, { [`${"1".padStart(64, "0")}`]: `${"5".padStart(64, "0")}` });
    assert.deepEqual(sload2!.storage, {
      [`${"1".padStart(64, "0")}`]: `${"5".padStart(64, "0")}`,
      [`${"2".padStart(64, "0")}`]: `${"9".padStart(64, "0")}`,
    });
    assert.equal(sstore!.refund, undefined);
    assert.equal(mstoreNext!.op, "PUSH1");
    assert.deepEqual(mstoreNext!.memory, [`${"9".padStart(64, "0")}`]);
  });

  test("flags: disableStack, disableStorage; out of gas on an entry; a revert keeps its data", () => {
    const logger = new StructLogger({ disableStack: true, disableStorage: true }, () => 0n);
    runCode(asm("PUSH1 1 PUSH1 1 SSTORE"), { tracer: logger, gas: 2_000n });
    const r = logger.result(1n);
    assert.equal(r.structLogs[0]!.stack, undefined);
    assert.equal(r.structLogs[2]!.storage, undefined);
    assert.equal(r.structLogs[2]!.error, "out of gas");
    assert.equal(r.failed, true);
    assert.equal(r.returnValue, "0x");
    const reverting = new StructLogger({}, () => 0n);
    runCode(asm("PUSH2 0xbeef PUSH1 0 MSTORE PUSH1 2 PUSH1 30 REVERT"), { tracer: reverting });
    const rr = reverting.result(1n);
    assert.equal(rr.failed, true);
    assert.equal(rr.returnValue, "0xbeef");
    assert.equal(rr.structLogs.at(-1)!.error, undefined, "a revert is no entry error in geth");
  });

  test("limit stops adding entries once their JSON passes it", () => {
    const logger = new StructLogger({ limit: 1 }, () => 0n);
    runCode(asm("PUSH1 1 PUSH1 2 ADD STOP"), { tracer: logger });
    assert.equal(logger.result(1n).structLogs.length, 1);
  });
});

describe("prestateTracer", () => {
  const code = asm(`PUSH1 0x05 PUSH1 0x01 SSTORE PUSH1 0x02 SLOAD POP ${A(OTHER)} BALANCE POP STOP`);
  function hosts(): { pre: MemoryHost; tracer: PrestateTracer; post: MemoryHost; diff: PrestateTracer } {
    const prep = (host: MemoryHost): MemoryHost => {
      host.setAccount(CALLER, { balance: 10n ** 24n });
      host.setAccount(CONTRACT, { code, balance: 0n, nonce: 1n, storage: { "0x2": 7n } });
      host.setAccount(OTHER, { balance: 4n });
      return host;
    };
    const pre = prep(new MemoryHost());
    const tracer = new PrestateTracer();
    runCode(code, { host: prep(new MemoryHost()), tracer });
    tracer.begin(CALLER, CONTRACT, false, COINBASE);
    const post = prep(new MemoryHost());
    const diff = new PrestateTracer({ diffMode: true });
    runCode(code, { host: post, tracer: diff });
    diff.begin(CALLER, CONTRACT, false, COINBASE);
    return { pre, tracer, post, diff };
  }

  test("the accounts and slots touched, read before the transaction", () => {
    const { pre, tracer, post } = hosts();
    const out = tracer.result(pre, post) as Record<string, Record<string, unknown>>;
    assert.deepEqual(Object.keys(out), [h(COINBASE), h(CALLER), h(OTHER), h(CONTRACT)].sort());
    assert.deepEqual(out[h(COINBASE)], { balance: "0x0" });
    assert.deepEqual(out[h(OTHER)], { balance: "0x4" });
    assert.deepEqual(out[h(CONTRACT)], {
      balance: "0x0",
      code: h(code),
      codeHash: h(keccak256(code)),
      nonce: 1,
      storage: { [`0x${"1".padStart(64, "0")}`]: `0x${"0".repeat(64)}`, [`0x${"2".padStart(64, "0")}`]: `0x${"7".padStart(64, "0")}` },
    });
  });

  test("diff mode: only what changed, zero and unchanged slots dropped from pre", () => {
    const { pre, diff, post } = hosts();
    const out = diff.result(pre, post) as { pre: Record<string, unknown>; post: Record<string, unknown> };
    assert.deepEqual(Object.keys(out), ["post", "pre"]);
    assert.deepEqual(Object.keys(out.pre), [h(CONTRACT)]);
    assert.deepEqual(out.pre[h(CONTRACT)], { balance: "0x0", code: h(code), codeHash: h(keccak256(code)), nonce: 1 });
    assert.deepEqual(out.post[h(CONTRACT)], { storage: { [`0x${"1".padStart(64, "0")}`]: `0x${"5".padStart(64, "0")}` } });
  });
});

describe("prestateTracer options", () => {
  test("disableCode and disableStorage leave code and slots out; begin adds EIP-7702 authorities", () => {
    const code = asm("PUSH1 0x02 SLOAD POP STOP");
    const host = new MemoryHost();
    host.setAccount(CALLER, { balance: 10n ** 24n });
    host.setAccount(CONTRACT, { code, nonce: 1n, storage: { "0x2": 7n } });
    const authority = addr(0xa11ce);
    host.setAccount(authority, { nonce: 3n });
    const tracer = new PrestateTracer({ disableCode: true, disableStorage: true });
    runCode(code, { host, tracer });
    tracer.begin(CALLER, CONTRACT, false, COINBASE, [authority]);
    const out = tracer.result(host, host) as Record<string, Record<string, unknown>>;
    assert.deepEqual(out[h(CONTRACT)], { balance: "0x0", nonce: 1 });
    assert.deepEqual(out[h(authority)], { balance: "0x0", nonce: 3 });
  });
});

describe("4byteTracer", () => {
  test("counts selectors and sizes of calls, the transaction's own included", () => {
    const tracer = new FourByteTracer(() => false);
    runCode(ROOT_CODE, { tracer, data: Uint8Array.of(0xde, 0xad, 0xbe, 0xef, 1), beforeRun: setup });
    assert.deepEqual(tracer.result(), { "0x00000000-0": 1, "0xdeadbeef-1": 1 });
    // OTHER's DELEGATECALL passes 4 zero bytes; the other calls carry no input.
  });
});
