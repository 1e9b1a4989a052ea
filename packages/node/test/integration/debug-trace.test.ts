/**
 * debug_trace* on a real dev node: what the anvil comparison cannot check. Errors in geth's
 * words (unknown transaction or block, genesis, a bad timeout, an unknown tracer, bad tracer
 * options), the timeout stopping a long trace with "execution timeout", debug_traceBlock from
 * RLP, debug_traceCall with state overrides and the prestate tracer, and the block results
 * keeping later transactions right when several share a block.
 */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { DevNode } from "../../src/node/index.js";
import { bytesToHex, hexToBytes } from "../../src/primitives/index.js";
import { encodeBlock } from "../../src/types/index.js";
import { call, DEV0, DEV1, rpcAt, startDevNode } from "./rpc-helpers.js";

type Json = Record<string, unknown>;

// Runtime: SSTORE(0, CALLDATALOAD(0) + SLOAD(0)), LOG0 over nothing, STOP. Initcode copies it.
const RUNTIME = "60003560005401600055" + "60006000a0" + "00";
const INIT = `0x6010600c60003960106000f3${RUNTIME}`;
// Runtime that loops forever (JUMPDEST PUSH1 0 JUMP).
const LOOP = "0x5b600056";

// The tests run in order on one chain: each expects the storage the ones before it left.
describe("debug_trace* on cairn dev", { timeout: 60_000 }, () => {
  let node: DevNode;
  let url: string;
  let contract: string;
  let deployHash: string;
  let callHash: string;

  const rpc = (method: string, params: unknown[]) => rpcAt(url, method, params);

  before(async () => {
    node = await startDevNode();
    url = node.server.url;
    deployHash = (await call(url, "eth_sendTransaction", [{ from: DEV0, data: INIT, gas: "0x100000" }])) as string;
    const receipt = (await call(url, "eth_getTransactionReceipt", [deployHash])) as Json;
    contract = receipt.contractAddress as string;
    callHash = (await call(url, "eth_sendTransaction", [
      { from: DEV0, to: contract, data: `0x${"07".padStart(64, "0")}`, gas: "0x100000" },
    ])) as string;
  });

  after(async () => {
    await node?.stop();
  });

  test("the struct logger shows the storage the contract touched", async () => {
    const r = (await call(url, "debug_traceTransaction", [callHash])) as Json;
    assert.equal(r.failed, false);
    assert.equal(r.returnValue, "0x");
    const logs = r.structLogs as Json[];
    const sstore = logs.find((l) => l.op === "SSTORE")!;
    assert.deepEqual(sstore.storage, { ["0".repeat(64)]: "7".padStart(64, "0") });
    const receipt = (await call(url, "eth_getTransactionReceipt", [callHash])) as Json;
    assert.equal(BigInt(r.gas as number), BigInt(receipt.gasUsed as string));
  });

  test("noopTracer answers {} and 4byteTracer counts the call's selector", async () => {
    assert.deepEqual(await call(url, "debug_traceTransaction", [callHash, { tracer: "noopTracer" }]), {});
    assert.deepEqual(await call(url, "debug_traceTransaction", [callHash, { tracer: "4byteTracer" }]), { "0x00000000-28": 1 });
  });

  test("muxTracer answers each tracer's result under its name", async () => {
    const tracerConfig = { callTracer: { withLog: true }, prestateTracer: { diffMode: true }, "4byteTracer": null };
    const mux = (await call(url, "debug_traceTransaction", [callHash, { tracer: "muxTracer", tracerConfig }])) as Json;
    assert.deepEqual(Object.keys(mux), ["4byteTracer", "callTracer", "prestateTracer"]);
    assert.deepEqual(
      mux.callTracer,
      await call(url, "debug_traceTransaction", [callHash, { tracer: "callTracer", tracerConfig: { withLog: true } }]),
    );
    assert.deepEqual(
      mux.prestateTracer,
      await call(url, "debug_traceTransaction", [callHash, { tracer: "prestateTracer", tracerConfig: { diffMode: true } }]),
    );
    assert.deepEqual(mux["4byteTracer"], { "0x00000000-28": 1 });
    assert.match(
      (await rpc("debug_traceTransaction", [callHash, { tracer: "muxTracer", tracerConfig: { structLogger: {} } }])).error!.message,
      /structLogger/,
    );
  });

  test("errors in geth's words", async () => {
    const missing = `0x${"ab".repeat(32)}`;
    assert.equal((await rpc("debug_traceTransaction", [missing])).error?.message, "transaction not found");
    assert.equal((await rpc("debug_traceBlockByNumber", ["0x0"])).error?.message, "genesis is not traceable");
    assert.equal((await rpc("debug_traceBlockByNumber", ["0x99"])).error?.message, "block #153 not found");
    assert.equal((await rpc("debug_traceBlockByHash", [missing])).error?.message, `block ${missing} not found`);
    assert.equal((await rpc("debug_traceTransaction", [callHash, { timeout: "soon" }])).error?.message, 'time: invalid duration "soon"');
    const unknown = await rpc("debug_traceTransaction", [callHash, { tracer: "nopeTracer" }]);
    assert.equal(unknown.error?.code, -32000);
    assert.match(unknown.error!.message, /nopeTracer/);
    const badOption = await rpc("debug_traceTransaction", [callHash, { tracer: "callTracer", tracerConfig: { withLog: "yes" } }]);
    assert.match(badOption.error!.message, /cannot unmarshal string .*withLog/);
  });

  test("the timeout stops a trace with geth's execution timeout", async () => {
    const r = await rpc("debug_traceCall", [
      { from: DEV0, to: contract, gas: "0x1c9c380" },
      "latest",
      { tracer: "callTracer", timeout: "1ms", stateOverrides: { [contract]: { code: LOOP } } },
    ]);
    assert.equal(r.error?.message, "execution timeout");
  });

  test("debug_traceCall: overrides and the prestate tracer", async () => {
    const args = { from: DEV1, to: contract, data: `0x${"05".padStart(64, "0")}` };
    const slot = `0x${"0".repeat(64)}`;
    const pre = (await call(url, "debug_traceCall", [
      args,
      "latest",
      { tracer: "prestateTracer", stateOverrides: { [contract]: { stateDiff: { [slot]: `0x${"64".padStart(64, "0")}` } } } },
    ])) as Json;
    assert.deepEqual((pre[contract] as Json).storage, { [slot]: `0x${"64".padStart(64, "0")}` });
    const diff = (await call(url, "debug_traceCall", [args, "latest", { tracer: "prestateTracer", tracerConfig: { diffMode: true } }])) as {
      pre: Json;
      post: Json;
    };
    assert.deepEqual((diff.post[contract] as Json).storage, { [slot]: `0x${"0c".padStart(64, "0")}` });
    assert.deepEqual((diff.pre[contract] as Json).storage, { [slot]: `0x${"07".padStart(64, "0")}` });
  });

  test("a block of several transactions: each traced on the state the previous ones left", async () => {
    assert.equal((await rpc("anvil_setAutomine", [false])).error, undefined);
    const h1 = (await call(url, "eth_sendTransaction", [
      { from: DEV0, to: contract, data: `0x${"01".padStart(64, "0")}`, gas: "0x100000" },
    ])) as string;
    const h2 = (await call(url, "eth_sendTransaction", [
      { from: DEV0, to: contract, data: `0x${"02".padStart(64, "0")}`, gas: "0x100000" },
    ])) as string;
    await call(url, "evm_mine", []);
    await call(url, "anvil_setAutomine", [true]);
    const receipt = (await call(url, "eth_getTransactionReceipt", [h2])) as Json;
    const block = (await call(url, "debug_traceBlockByHash", [
      receipt.blockHash,
      { tracer: "prestateTracer", tracerConfig: { diffMode: true } },
    ])) as {
      txHash: string;
      result: { pre: Json; post: Json };
    }[];
    assert.deepEqual(
      block.map((b) => b.txHash),
      [h1, h2],
    );
    const slot = `0x${"0".repeat(64)}`;
    assert.deepEqual((block[1]!.result.pre[contract] as Json).storage, { [slot]: `0x${"08".padStart(64, "0")}` });
    assert.deepEqual((block[1]!.result.post[contract] as Json).storage, { [slot]: `0x${"0a".padStart(64, "0")}` });
    const single = await call(url, "debug_traceTransaction", [h2, { tracer: "prestateTracer", tracerConfig: { diffMode: true } }]);
    assert.deepEqual(single, block[1]!.result);
    const stored = node.chain.getBlock(hexToBytes(receipt.blockHash as string))!;
    const raw = bytesToHex(encodeBlock(stored.header.header, stored.body));
    assert.deepEqual(await call(url, "debug_traceBlock", [raw, { tracer: "prestateTracer", tracerConfig: { diffMode: true } }]), block);
    assert.match((await rpc("debug_traceBlock", ["0xc0"])).error!.message, /^could not decode block/);
  });

  test("a timed-out transaction in a block trace answers its error; the next one is traced on the right state", async () => {
    const deploy = (await call(url, "eth_sendTransaction", [
      { from: DEV0, data: `0x6004600c60003960046000f3${LOOP.slice(2)}`, gas: "0x100000" },
    ])) as string;
    const looper = ((await call(url, "eth_getTransactionReceipt", [deploy])) as Json).contractAddress as string;
    assert.equal((await rpc("anvil_setAutomine", [false])).error, undefined);
    const spin = (await call(url, "eth_sendTransaction", [{ from: DEV0, to: looper, gas: "0x100000" }])) as string;
    const add = (await call(url, "eth_sendTransaction", [
      { from: DEV0, to: contract, data: `0x${"03".padStart(64, "0")}`, gas: "0x100000" },
    ])) as string;
    await call(url, "evm_mine", []);
    await call(url, "anvil_setAutomine", [true]);
    const receipt = (await call(url, "eth_getTransactionReceipt", [add])) as Json;
    const config = { tracer: "callTracer", timeout: "1ns" };
    const traced = (await call(url, "debug_traceBlockByNumber", [receipt.blockNumber, config])) as Json[];
    assert.deepEqual(traced[0], { txHash: spin, error: "execution timeout" });
    const untimed = await call(url, "debug_traceTransaction", [add, { tracer: "prestateTracer", tracerConfig: { diffMode: true } }]);
    const timed = (await call(url, "debug_traceBlockByNumber", [
      receipt.blockNumber,
      { ...config, tracer: "prestateTracer", tracerConfig: { diffMode: true } },
    ])) as Json[];
    assert.deepEqual(timed[1], { txHash: add, result: untimed });
    assert.equal(traced[1]!.txHash, add);
    assert.equal((await rpc("debug_traceTransaction", [spin, config])).error?.message, "execution timeout");
  });
});
