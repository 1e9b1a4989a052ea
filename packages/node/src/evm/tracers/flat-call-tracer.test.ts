/**
 * flatCallTracer: the flattening of a frame tree (synthetic frame events) into Parity's list, with
 * geth's rules for precompiles, failed frames and error strings, and the trace_ (parity) variant.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { type Address, bytesToHex } from "../../primitives/index.js";
import { addr } from "../testing.js";
import type { FrameEnter, FrameType } from "../tracer.js";
import { FlatCallTracer, type FlatCallTracerConfig, parityError } from "./flat-call-tracer.js";

const SENDER = addr(0x5e);
const ROOT = addr(0x100);
const CHILD = addr(0x200);
const NEW = addr(0x300);
const SHA256 = addr(2);
const isPrecompile = (a: Address): boolean => a.slice(0, 19).every((b) => b === 0) && a[19]! >= 1 && a[19]! <= 0x11;
const h = bytesToHex;

interface Frame {
  type: FrameType;
  from: Address;
  to: Address;
  gas: bigint;
  used: bigint;
  value?: bigint | undefined;
  input?: string;
  output?: string;
  error?: string;
  calls?: Frame[];
}

/** Feeds the tree to a tracer as the EVM would (enter, children, exit). */
function run(tracer: FlatCallTracer, f: Frame, depth = 0): void {
  const enter: FrameEnter = {
    type: f.type,
    from: f.from,
    to: f.to,
    delegate: undefined,
    input: Uint8Array.from(Buffer.from((f.input ?? "0x").slice(2), "hex")),
    gas: f.gas,
    value: f.value,
    depth,
  };
  tracer.enter(enter);
  for (const c of f.calls ?? []) run(tracer, c, depth + 1);
  tracer.exit({
    depth,
    output: Uint8Array.from(Buffer.from((f.output ?? "0x").slice(2), "hex")),
    gasUsed: f.used,
    error: f.error,
    reverted: f.error === "execution reverted",
  });
}

const CTX = { blockHash: new Uint8Array(32).fill(0xbb), blockNumber: 7n, txHash: new Uint8Array(32).fill(0xcc), txIndex: 2 };

/** A transaction to ROOT: a CALL to CHILD (which STATICCALLs sha256), a sha256 STATICCALL, a DELEGATECALL to sha256, a CREATE that reverts, a SELFDESTRUCT. */
const TREE: Frame = {
  type: "CALL",
  from: SENDER,
  to: ROOT,
  gas: 79_000n,
  used: 30_000n,
  value: 5n,
  input: "0x01",
  output: "0x02",
  calls: [
    {
      type: "CALL",
      from: ROOT,
      to: CHILD,
      gas: 50_000n,
      used: 1_000n,
      value: 0n,
      input: "0xaa",
      calls: [{ type: "STATICCALL", from: CHILD, to: SHA256, gas: 400n, used: 72n, input: "0x12", output: "0x34" }],
    },
    { type: "STATICCALL", from: ROOT, to: SHA256, gas: 300n, used: 72n, input: "0x56", output: "0x78" },
    { type: "DELEGATECALL", from: ROOT, to: SHA256, gas: 200n, used: 72n, value: 5n, output: "0x9a" },
    { type: "CREATE", from: ROOT, to: NEW, gas: 9_000n, used: 6n, value: 1n, input: "0x60006000fd", error: "execution reverted" },
    { type: "CALL", from: ROOT, to: CHILD, gas: 100n, used: 100n, value: 0n, error: "out of gas" },
    { type: "SELFDESTRUCT", from: ROOT, to: SENDER, gas: 0n, used: 0n, value: 3n },
  ],
};

function flat(config: FlatCallTracerConfig, tree: Frame = TREE, ctx: typeof CTX | null = CTX) {
  const t = new FlatCallTracer(config, isPrecompile);
  run(t, tree);
  return t.result(100_000n, 51_000n, ctx ?? undefined);
}

describe("flatCallTracer", () => {
  test("flattens in pre-order with traceAddress, subtraces and the block context; precompile calls left out", () => {
    const out = flat({});
    assert.deepEqual(
      out.map((e) => [e.type, e.action.callType ?? e.action.creationMethod, e.traceAddress, e.subtraces]),
      [
        ["call", "call", [], 5],
        ["call", "call", [0], 0],
        ["call", "delegatecall", [1], 0],
        ["create", "create", [2], 0],
        ["call", "call", [3], 0],
        ["suicide", undefined, [4], 0],
      ],
    );
    const top = out[0]!;
    assert.deepEqual(top, {
      action: { callType: "call", from: h(SENDER), gas: "0x186a0", input: "0x01", to: h(ROOT), value: "0x5" },
      blockHash: h(CTX.blockHash),
      blockNumber: 7,
      result: { gasUsed: "0xc738", output: "0x02" },
      subtraces: 5,
      traceAddress: [],
      transactionHash: h(CTX.txHash),
      transactionPosition: 2,
      type: "call",
    });
    // empty output prints as 0x; a DELEGATECALL to a precompile stays
    assert.deepEqual(out[1]!.result, { gasUsed: "0x3e8", output: "0x" });
    assert.equal(out[2]!.action.to, h(SHA256));
    assert.deepEqual(out[5]!.action, { address: h(ROOT), balance: "0x3", refundAddress: h(SENDER) });
    assert.equal(out[5]!.result, undefined);
    assert.equal("result" in out[5]!, false);
  });

  test("failed frames: a revert keeps its result (no address for a creation), other failures drop it", () => {
    const out = flat({});
    const create = out[3]!;
    assert.equal(create.error, "execution reverted");
    assert.deepEqual(create.action, { creationMethod: "create", from: h(ROOT), gas: "0x2328", init: "0x60006000fd", value: "0x1" });
    assert.deepEqual(create.result, { code: "0x", gasUsed: "0x6" });
    assert.equal(out[4]!.error, "out of gas");
    assert.equal("result" in out[4]!, false);
  });

  test("includePrecompiles keeps CALL and STATICCALL frames to precompiles, with value 0 for STATICCALL", () => {
    const out = flat({ includePrecompiles: true });
    assert.equal(out.length, 8);
    assert.equal(out[0]!.subtraces, 6);
    assert.deepEqual(out[1]!.subtraces, 1);
    assert.deepEqual(out[2]!.traceAddress, [0, 0]);
    assert.deepEqual(out[2]!.action, { callType: "staticcall", from: h(CHILD), gas: "0x190", input: "0x12", to: h(SHA256), value: "0x0" });
    assert.deepEqual(out[3]!.traceAddress, [1]);
  });

  test("convertParityErrors maps geth's errors to Parity's", () => {
    const out = flat({ convertParityErrors: true });
    assert.equal(out[3]!.error, "Reverted");
    assert.equal(out[4]!.error, "Out of gas");
    assert.equal(parityError("invalid opcode: opcode 0xfe not defined"), "Bad instruction");
    assert.equal(parityError("stack underflow (0 <=> 2)"), "Stack underflow");
    assert.equal(parityError("invalid jump destination"), "Bad jump destination");
    assert.equal(parityError("precompile failed"), "Built-in failed");
    assert.equal(parityError("max initcode size exceeded"), "max initcode size exceeded");
  });

  test("without a block context (debug_traceCall): null hashes, block 0, position 0", () => {
    const [top] = flat({}, { type: "CALL", from: SENDER, to: SHA256, gas: 1000n, used: 72n, value: 0n, output: "0x11" }, null);
    assert.equal(top!.blockHash, null);
    assert.equal(top!.blockNumber, 0);
    assert.equal(top!.transactionHash, null);
    assert.equal(top!.transactionPosition, 0);
    // a transaction to a precompile is the top frame and stays
    assert.equal(top!.action.to, h(SHA256));
  });

  test("parity style: top gas after intrinsic gas and execution's gasUsed, result null, a reverted creation's address", () => {
    const out = flat({ parity: true, convertParityErrors: true, includePrecompiles: true });
    assert.equal(out[0]!.action.gas, "0x13498");
    assert.deepEqual(out[0]!.result, { gasUsed: "0x7530", output: "0x02" });
    const create = out.find((e) => e.type === "create")!;
    assert.deepEqual(create.result, { address: h(NEW), code: "0x", gasUsed: "0x6" });
    assert.equal(out.find((e) => e.error === "Out of gas")!.result, null);
    assert.equal(out.find((e) => e.type === "suicide")!.result, null);
    // a creation that did not revert loses its result entirely
    const failed = flat(
      { parity: true },
      { type: "CREATE", from: SENDER, to: NEW, gas: 500n, used: 500n, value: 0n, input: "0xfe", error: "invalid opcode: INVALID" },
    );
    assert.equal(failed[0]!.result, null);
    assert.equal(failed[0]!.action.creationMethod, "create");
  });
});
