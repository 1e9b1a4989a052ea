/**
 * trace_* and the flatCallTracer on a real dev node: what the anvil comparison cannot check.
 * geth's flatCallTracer through debug_traceTransaction, debug_traceBlockByNumber and
 * debug_traceCall (gas limit and receipt gas on the top frame, precompile calls left out unless
 * asked for, Parity errors when asked, no block context for a call); trace_get and
 * trace_replayTransaction (which anvil does not serve); the replay types that are refused; two
 * transactions in one block with their positions; the trace namespace in rpc_modules.
 */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { DevNode } from "../../src/node/index.js";
import { call, DEV0, DEV1, rpcAt, startDevNode } from "./rpc-helpers.js";

type Json = Record<string, unknown>;

// Runtime (28 bytes): STATICCALL sha256 (0x02) with no input, then STATICCALL the address in
// calldata word 0, STOP. Initcode copies the runtime.
const RUNTIME = "602060006000600060025afa50" + "6000600060006000600035" + "5afa50" + "00";
const INIT = `0x601c600c600039601c6000f3${RUNTIME}`;
// Initcode that runs out of gas in a loop.
const LOOP_INIT = "0x5b600056";

describe("trace_* and flatCallTracer on cairn dev", { timeout: 60_000 }, () => {
  let node: DevNode;
  let url: string;
  let contract: string;
  let callHash: string;

  before(async () => {
    node = await startDevNode();
    url = node.server.url;
    const deploy = (await call(url, "eth_sendTransaction", [{ from: DEV0, data: INIT, gas: "0x100000" }])) as string;
    contract = ((await call(url, "eth_getTransactionReceipt", [deploy])) as Json).contractAddress as string;
    callHash = (await call(url, "eth_sendTransaction", [
      { from: DEV0, to: contract, data: `0x${"00".repeat(32)}`, gas: "0x100000" },
    ])) as string;
  });

  after(async () => {
    await node?.stop();
  });

  test("rpc_modules lists the trace namespace", async () => {
    const modules = (await call(url, "rpc_modules", [])) as Json;
    assert.equal(modules.trace, "1.0");
  });

  test("flatCallTracer: geth's top frame and context, precompile calls only when asked for", async () => {
    const receipt = (await call(url, "eth_getTransactionReceipt", [callHash])) as Json;
    const flat = (await call(url, "debug_traceTransaction", [callHash, { tracer: "flatCallTracer" }])) as Json[];
    // the STATICCALL to sha256 is left out; the one to address 0 (no code) stays
    assert.equal(flat.length, 2);
    const top = flat[0]!;
    assert.deepEqual(top.action, {
      callType: "call",
      from: DEV0,
      gas: "0x100000",
      input: `0x${"00".repeat(32)}`,
      to: contract,
      value: "0x0",
    });
    assert.deepEqual(top.result, { gasUsed: receipt.gasUsed, output: "0x" });
    assert.equal(top.blockHash, receipt.blockHash);
    assert.equal(top.blockNumber, Number(receipt.blockNumber));
    assert.equal(top.transactionHash, callHash);
    assert.equal(top.transactionPosition, 0);
    assert.equal(top.subtraces, 1);
    assert.deepEqual(flat[1]!.traceAddress, [0]);
    assert.equal((flat[1]!.action as Json).to, "0x0000000000000000000000000000000000000000");
    const all = (await call(url, "debug_traceTransaction", [
      callHash,
      { tracer: "flatCallTracer", tracerConfig: { includePrecompiles: true } },
    ])) as Json[];
    assert.equal(all.length, 3);
    assert.equal((all[1]!.action as Json).to, "0x0000000000000000000000000000000000000002");
    assert.equal((all[1]!.action as Json).value, "0x0");
    const bad = await rpcAt(url, "debug_traceTransaction", [
      callHash,
      { tracer: "flatCallTracer", tracerConfig: { includePrecompiles: 1 } },
    ]);
    assert.match(bad.error?.message ?? "", /cannot unmarshal number into Go struct field native.flatCallTracerConfig.includePrecompiles/);
  });

  test("flatCallTracer: errors in geth's words, or Parity's when asked; block traces; calls without context", async () => {
    const failed = (await call(url, "eth_sendTransaction", [{ from: DEV0, data: LOOP_INIT, gas: "0x10000" }])) as string;
    const [geth] = (await call(url, "debug_traceTransaction", [failed, { tracer: "flatCallTracer" }])) as Json[];
    assert.equal(geth!.error, "out of gas");
    assert.equal(geth!.type, "create");
    assert.equal("result" in geth!, false);
    const [parity] = (await call(url, "debug_traceTransaction", [
      failed,
      { tracer: "flatCallTracer", tracerConfig: { convertParityErrors: true } },
    ])) as Json[];
    assert.equal(parity!.error, "Out of gas");
    const receipt = (await call(url, "eth_getTransactionReceipt", [failed])) as Json;
    const block = (await call(url, "debug_traceBlockByNumber", [receipt.blockNumber, { tracer: "flatCallTracer" }])) as Json[];
    assert.deepEqual(block, [{ txHash: failed, result: [geth] }]);
    const traced = (await call(url, "debug_traceCall", [
      { from: DEV0, to: contract, gas: "0x20000" },
      "latest",
      { tracer: "flatCallTracer" },
    ])) as Json[];
    assert.equal(traced[0]!.blockHash, null);
    assert.equal(traced[0]!.transactionHash, null);
    assert.equal(traced[0]!.blockNumber, 0);
    assert.equal((traced[0]!.action as Json).gas, "0x20000");
  });

  test("trace_get: one index into the transaction's list, else null", async () => {
    const traces = (await call(url, "trace_transaction", [callHash])) as Json[];
    // trace_ lists the precompile call (as anvil)
    assert.equal(traces.length, 3);
    assert.deepEqual(await call(url, "trace_get", [callHash, ["0x1"]]), traces[1]);
    assert.deepEqual(await call(url, "trace_get", [callHash, [2]]), traces[2]);
    assert.equal(await call(url, "trace_get", [callHash, ["0x3"]]), null);
    assert.equal(await call(url, "trace_get", [callHash, [0, 1]]), null);
    assert.equal(await call(url, "trace_get", [`0x${"12".repeat(32)}`, [0]]), null);
  });

  test("trace_replayTransaction: the trace without context, the output; other replay types refused", async () => {
    const r = (await call(url, "trace_replayTransaction", [callHash, ["trace"]])) as Json;
    assert.deepEqual(Object.keys(r), ["output", "stateDiff", "trace", "vmTrace"]);
    assert.equal(r.output, "0x");
    const trace = r.trace as Json[];
    // replays leave precompile calls out (as anvil's trace_replayBlockTransactions)
    assert.equal(trace.length, 2);
    assert.deepEqual(Object.keys(trace[0]!), ["type", "action", "result", "subtraces", "traceAddress"]);
    for (const types of [["vmTrace"], ["trace", "stateDiff"], ["bogus"], "trace"]) {
      const e = await rpcAt(url, "trace_replayTransaction", [callHash, types]);
      assert.equal(e.error?.code, -32602, JSON.stringify(types));
    }
    const missing = await rpcAt(url, "trace_replayTransaction", [`0x${"12".repeat(32)}`, ["trace"]]);
    assert.equal(missing.error?.code, -32602);
  });

  test("two transactions in one block: positions and trace_block's order", async () => {
    await call(url, "evm_setAutomine", [false]);
    const a = (await call(url, "eth_sendTransaction", [{ from: DEV0, to: DEV1, value: "0x1" }])) as string;
    const b = (await call(url, "eth_sendTransaction", [{ from: DEV0, to: contract, gas: "0x100000" }])) as string;
    await call(url, "evm_mine", []);
    await call(url, "evm_setAutomine", [true]);
    const rb = (await call(url, "eth_getTransactionReceipt", [b])) as Json;
    const traces = (await call(url, "trace_block", [rb.blockNumber])) as Json[];
    assert.deepEqual(
      traces.map((t) => [t.transactionHash, t.transactionPosition, t.traceAddress]),
      [
        [a, 0, []],
        [b, 1, []],
        [b, 1, [0]],
        [b, 1, [1]],
      ],
    );
    assert.deepEqual(await call(url, "trace_transaction", [b]), traces.slice(1));
    const filtered = (await call(url, "trace_filter", [
      { fromBlock: rb.blockNumber, toBlock: rb.blockNumber, toAddress: [DEV1] },
    ])) as Json[];
    assert.deepEqual(filtered, [traces[0]]);
  });
});
