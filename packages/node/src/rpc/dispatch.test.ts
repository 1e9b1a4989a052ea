import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { dispatchText } from "./dispatch.js";
import { executionReverted, RpcError } from "./errors.js";
import { MethodRegistry } from "./registry.js";

function registry(): MethodRegistry {
  const r = new MethodRegistry();
  r.register("eth_echo", (params) => params);
  r.register("eth_undefined", () => undefined);
  r.register("eth_one", (params) => params[0], { arity: [1, 1] });
  r.register("eth_revert", () => {
    throw executionReverted("0x08c379a0", "nope");
  });
  r.register("eth_appError", () => {
    throw new Error("nonce too low");
  });
  r.register("eth_bug", () => {
    const o = undefined as unknown as { x: number };
    return o.x;
  });
  r.register("eth_bigint", () => 1n);
  r.register(
    "eth_slow",
    (_p, ctx) =>
      new Promise((resolve) => {
        const t = setTimeout(() => resolve("late"), 1000);
        ctx.signal.addEventListener("abort", () => clearTimeout(t));
      }),
    { timeoutMs: 20 },
  );
  r.register("debug_trace", () => "traced");
  return r;
}

async function call(text: string, r = registry()): Promise<unknown> {
  const out = await dispatchText(text, { registry: r, transport: "direct" });
  return out === undefined ? undefined : JSON.parse(out);
}

describe("rpc dispatch", () => {
  test("echoes number, string and null ids", async () => {
    for (const id of [1, "abc", null, 0]) {
      const r = await call(JSON.stringify({ jsonrpc: "2.0", id, method: "eth_echo", params: [1] }));
      assert.deepEqual(r, { jsonrpc: "2.0", id, result: [1] });
    }
  });

  test("parse error", async () => {
    assert.deepEqual(await call("{not json"), {
      jsonrpc: "2.0",
      id: null,
      error: { code: -32700, message: "parse error" },
    });
  });

  test("wrong or missing jsonrpc version is an invalid request, id echoed", async () => {
    assert.deepEqual(await call('{"jsonrpc":"1.0","id":7,"method":"eth_echo"}'), {
      jsonrpc: "2.0",
      id: 7,
      error: { code: -32600, message: "invalid request" },
    });
    assert.deepEqual(await call('{"id":7,"method":"eth_echo"}'), {
      jsonrpc: "2.0",
      id: 7,
      error: { code: -32600, message: "invalid request" },
    });
  });

  test("object id, missing method and non-object messages are invalid requests with id null", async () => {
    for (const text of [
      '{"jsonrpc":"2.0","id":{},"method":"eth_echo"}',
      '{"jsonrpc":"2.0","id":[1],"method":"eth_echo"}',
      "42",
      '"x"',
      "null",
    ]) {
      assert.deepEqual(
        await call(text),
        {
          jsonrpc: "2.0",
          id: null,
          error: { code: -32600, message: "invalid request" },
        },
        text,
      );
    }
    assert.deepEqual(await call('{"jsonrpc":"2.0","id":3}'), {
      jsonrpc: "2.0",
      id: 3,
      error: { code: -32600, message: "invalid request" },
    });
  });

  test("unknown and disabled methods do not exist", async () => {
    for (const m of ["eth_nope", "debug_trace", "nonamespace"]) {
      assert.deepEqual(await call(JSON.stringify({ jsonrpc: "2.0", id: 1, method: m })), {
        jsonrpc: "2.0",
        id: 1,
        error: { code: -32601, message: `the method ${m} does not exist/is not available` },
      });
    }
    const r = registry();
    r.enableNamespace("debug");
    assert.deepEqual(await call('{"jsonrpc":"2.0","id":1,"method":"debug_trace"}', r), {
      jsonrpc: "2.0",
      id: 1,
      result: "traced",
    });
  });

  test("notifications get no answer but run", async () => {
    let ran = 0;
    const r = new MethodRegistry();
    r.register("eth_count", () => ++ran);
    assert.equal(await call('{"jsonrpc":"2.0","method":"eth_count"}', r), undefined);
    assert.equal(ran, 1);
    // A notification for an unknown method is not answered either.
    assert.equal(await call('{"jsonrpc":"2.0","method":"eth_missing"}', r), undefined);
  });

  test("params: absent, null, non-array, arity", async () => {
    const base = { jsonrpc: "2.0", id: 1 };
    assert.deepEqual(await call(JSON.stringify({ ...base, method: "eth_echo", params: null })), { ...base, result: [] });
    assert.deepEqual(await call(JSON.stringify({ ...base, method: "eth_echo", params: { a: 1 } })), {
      ...base,
      error: { code: -32602, message: "non-array args" },
    });
    assert.deepEqual(await call(JSON.stringify({ ...base, method: "eth_one", params: [] })), {
      ...base,
      error: { code: -32602, message: "missing value for required argument 0" },
    });
    assert.deepEqual(await call(JSON.stringify({ ...base, method: "eth_one", params: [1, 2] })), {
      ...base,
      error: { code: -32602, message: "too many arguments, want at most 1" },
    });
  });

  test("undefined result becomes null", async () => {
    assert.deepEqual(await call('{"jsonrpc":"2.0","id":1,"method":"eth_undefined"}'), { jsonrpc: "2.0", id: 1, result: null });
  });

  test("application errors carry code, message and data", async () => {
    assert.deepEqual(await call('{"jsonrpc":"2.0","id":1,"method":"eth_revert"}'), {
      jsonrpc: "2.0",
      id: 1,
      error: { code: 3, message: "execution reverted: nope", data: "0x08c379a0" },
    });
    assert.deepEqual(await call('{"jsonrpc":"2.0","id":1,"method":"eth_appError"}'), {
      jsonrpc: "2.0",
      id: 1,
      error: { code: -32000, message: "nonce too low" },
    });
    assert.deepEqual(await call('{"jsonrpc":"2.0","id":1,"method":"eth_bug"}'), {
      jsonrpc: "2.0",
      id: 1,
      error: { code: -32603, message: "method handler crashed" },
    });
    const e = new RpcError(-32005, "limit", { retry: 1 });
    assert.deepEqual(e.toJSON(), { code: -32005, message: "limit", data: { retry: 1 } });
  });

  test("unencodable result becomes -32603", async () => {
    const r = (await call('{"jsonrpc":"2.0","id":1,"method":"eth_bigint"}')) as { error: { code: number } };
    assert.equal(r.error.code, -32603);
  });

  test("method timeout answers request timed out", async () => {
    assert.deepEqual(await call('{"jsonrpc":"2.0","id":1,"method":"eth_slow"}'), {
      jsonrpc: "2.0",
      id: 1,
      error: { code: -32002, message: "request timed out" },
    });
  });

  test("batches: empty, mixed, notifications only", async () => {
    assert.deepEqual(await call("[]"), { jsonrpc: "2.0", id: null, error: { code: -32600, message: "empty batch" } });
    const mixed = await call(
      JSON.stringify([
        { jsonrpc: "2.0", id: 1, method: "eth_echo", params: ["a"] },
        { jsonrpc: "2.0", method: "eth_echo" },
        1,
        { jsonrpc: "2.0", id: 2, method: "eth_nope" },
        { jsonrpc: "1.0", id: 3, method: "eth_echo" },
        { jsonrpc: "2.0", id: "x", method: "eth_one", params: [] },
      ]),
    );
    assert.deepEqual(mixed, [
      { jsonrpc: "2.0", id: 1, result: ["a"] },
      { jsonrpc: "2.0", id: null, error: { code: -32600, message: "invalid request" } },
      { jsonrpc: "2.0", id: 2, error: { code: -32601, message: "the method eth_nope does not exist/is not available" } },
      { jsonrpc: "2.0", id: 3, error: { code: -32600, message: "invalid request" } },
      { jsonrpc: "2.0", id: "x", error: { code: -32602, message: "missing value for required argument 0" } },
    ]);
    assert.equal(await call('[{"jsonrpc":"2.0","method":"eth_echo"}]'), undefined);
  });

  test("batch limit: 1,000 served, 1,001 rejected with the first call's id", async () => {
    const batch = (n: number) => JSON.stringify(Array.from({ length: n }, (_, i) => ({ jsonrpc: "2.0", id: i + 5, method: "eth_echo" })));
    const ok = (await call(batch(1000))) as unknown[];
    assert.equal(ok.length, 1000);
    assert.deepEqual(await call(batch(1001)), [{ jsonrpc: "2.0", id: 5, error: { code: -32600, message: "batch too large" } }]);
  });
});
