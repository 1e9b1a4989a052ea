import assert from "node:assert/strict";
import { Agent, request } from "node:http";
import { after, before, describe, test } from "node:test";
import { clientVersionString, registerSubscriptionMethods, registerWeb3Net } from "./builtin.js";
import { MethodRegistry } from "./registry.js";
import { type RpcServer, startRpcServer } from "./server.js";

function makeRegistry(): MethodRegistry {
  const r = new MethodRegistry();
  registerWeb3Net(r, {
    clientVersion: clientVersionString("Cairn", "0.1.0"),
    networkId: 31337n,
    listening: () => true,
    peerCount: () => 3,
  });
  registerSubscriptionMethods(r);
  r.register("eth_slow", () => new Promise((resolve) => setTimeout(resolve, 500)), { timeoutMs: 30 });
  r.register("debug_secret", () => "hidden");
  return r;
}

async function post(url: string, body: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  const text = await res.text();
  const isJson = (res.headers.get("content-type") ?? "").startsWith("application/json");
  return { res, text, json: isJson && text !== "" ? JSON.parse(text) : undefined };
}

describe("rpc over HTTP", () => {
  let server: RpcServer;
  before(async () => {
    server = await startRpcServer({
      registry: makeRegistry(),
      port: 0,
      staticHandler: (req, res) => {
        if (req.url !== "/app.js") return false;
        res.writeHead(200, { "content-type": "text/javascript" });
        res.end("// app");
        return true;
      },
    });
  });
  after(() => server.close());

  const ok = async () => {
    const { json } = await post(server.url, { jsonrpc: "2.0", id: 1, method: "net_version" });
    assert.deepEqual(json, { jsonrpc: "2.0", id: 1, result: "31337" });
  };

  test("binds to 127.0.0.1 by default", () => {
    assert.equal(server.host, "127.0.0.1");
    assert.ok(server.port > 0);
  });

  test("web3 and net methods", async () => {
    const batch = await post(server.url, [
      { jsonrpc: "2.0", id: 1, method: "web3_clientVersion" },
      { jsonrpc: "2.0", id: 2, method: "web3_sha3", params: ["0x68656c6c6f20776f726c64"] },
      { jsonrpc: "2.0", id: 3, method: "net_listening" },
      { jsonrpc: "2.0", id: 4, method: "net_peerCount" },
      { jsonrpc: "2.0", id: 5, method: "web3_sha3", params: ["hello"] },
    ]);
    assert.equal(batch.res.status, 200);
    assert.match(batch.res.headers.get("content-type") ?? "", /^application\/json/);
    const [v, sha, listening, peers, bad] = batch.json;
    assert.match(v.result, /^Cairn\/v0\.1\.0\/[a-z0-9]+-[a-z0-9]+\/nodejs\d+/);
    assert.equal(sha.result, "0x47173285a8d7341e5e972fc677286384f802f8ef42a5ec5f03bbfa254cb01fad");
    assert.equal(listening.result, true);
    assert.equal(peers.result, "0x3");
    assert.deepEqual(bad.error, {
      code: -32602,
      message: "invalid argument 0: json: cannot unmarshal hex string without 0x prefix into Go value of type hexutil.Bytes",
    });
  });

  test("malformed JSON, wrong version, unknown and disabled methods; server keeps serving", async () => {
    const parse = await post(server.url, '{"jsonrpc":"2.0",');
    assert.equal(parse.res.status, 200);
    assert.deepEqual(parse.json, { jsonrpc: "2.0", id: null, error: { code: -32700, message: "parse error" } });
    await ok();
    const version = await post(server.url, { jsonrpc: "1.0", id: 9, method: "net_version" });
    assert.deepEqual(version.json.error, { code: -32600, message: "invalid request" });
    await ok();
    for (const m of ["eth_nothing", "debug_secret"]) {
      const r = await post(server.url, { jsonrpc: "2.0", id: 2, method: m });
      assert.deepEqual(r.json.error, { code: -32601, message: `the method ${m} does not exist/is not available` });
      await ok();
    }
  });

  test("notification: empty 200", async () => {
    const r = await post(server.url, { jsonrpc: "2.0", method: "net_version" });
    assert.equal(r.res.status, 200);
    assert.equal(r.text, "");
  });

  test("batch limit over HTTP: 1,000 ok, 1,001 rejected", async () => {
    const batch = (n: number) => Array.from({ length: n }, (_, i) => ({ jsonrpc: "2.0", id: i, method: "net_version" }));
    const full = await post(server.url, batch(1000));
    assert.equal(full.json.length, 1000);
    const over = await post(server.url, batch(1001));
    assert.deepEqual(over.json, [{ jsonrpc: "2.0", id: 0, error: { code: -32600, message: "batch too large" } }]);
    const empty = await post(server.url, []);
    assert.deepEqual(empty.json, { jsonrpc: "2.0", id: null, error: { code: -32600, message: "empty batch" } });
    await ok();
  });

  test("body over 5 MiB is rejected with 413 and the server keeps serving", async () => {
    const big = JSON.stringify({ jsonrpc: "2.0", id: 1, method: "web3_sha3", params: [`0x${"00".repeat(2.6 * 1024 * 1024)}`] });
    assert.ok(big.length > 5 * 1024 * 1024);
    const r = await post(server.url, big).catch((err: unknown) => err);
    assert.ok(!(r instanceof Error), `request failed: ${String(r)}`);
    const { res, text } = r as { res: Response; text: string };
    assert.equal(res.status, 413);
    assert.equal(text, `content length too large (${big.length}>${5 * 1024 * 1024})\n`);
    await ok();
    // Just under the limit is served.
    const fits = JSON.stringify({ jsonrpc: "2.0", id: 1, method: "web3_sha3", params: [`0x${"00".repeat(2 * 1024 * 1024)}`] });
    const served = await post(server.url, fits);
    assert.equal(served.res.status, 200);
    assert.match(served.json.result, /^0x[0-9a-f]{64}$/);
  });

  test("chunked body over 5 MiB is rejected too", async () => {
    const chunk = new Uint8Array(1024 * 1024).fill(0x20);
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent++ < 7) controller.enqueue(chunk);
        else controller.close();
      },
    });
    const res = await fetch(server.url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: stream,
      duplex: "half",
    } as RequestInit).catch((err: unknown) => err);
    if (res instanceof Response) assert.equal(res.status, 413);
    // Either way (413 or the connection closed mid-upload), the server still serves.
    await ok();
  });

  test("content type and HTTP method checks", async () => {
    const wrong = await post(server.url, { jsonrpc: "2.0", id: 1, method: "net_version" }, { "content-type": "text/plain" });
    assert.equal(wrong.res.status, 415);
    assert.equal(wrong.text, "invalid content type, only application/json is supported\n");
    const withCharset = await post(
      server.url,
      { jsonrpc: "2.0", id: 1, method: "net_version" },
      { "content-type": "application/json; charset=utf-8" },
    );
    assert.equal(withCharset.res.status, 200);
    const put = await fetch(server.url, { method: "PUT", body: "{}" });
    assert.equal(put.status, 405);
    await put.text();
    await ok();
  });

  test("GET: static hook, health check, 404", async () => {
    const app = await fetch(`${server.url}app.js`);
    assert.equal(app.status, 200);
    assert.equal(await app.text(), "// app");
    const root = await fetch(server.url);
    assert.equal(root.status, 200);
    assert.equal(await root.text(), "");
    const missing = await fetch(`${server.url}nothing`);
    assert.equal(missing.status, 404);
    await missing.text();
  });

  test("CORS: any origin by default, preflight answered", async () => {
    const r = await post(server.url, { jsonrpc: "2.0", id: 1, method: "net_version" }, { origin: "http://dapp.example" });
    assert.equal(r.res.headers.get("access-control-allow-origin"), "*");
    const pre = await fetch(server.url, {
      method: "OPTIONS",
      headers: {
        origin: "http://dapp.example",
        "access-control-request-method": "POST",
        "access-control-request-headers": "content-type",
      },
    });
    assert.equal(pre.status, 204);
    assert.equal(pre.headers.get("access-control-allow-origin"), "*");
    assert.match(pre.headers.get("access-control-allow-methods") ?? "", /POST/);
    assert.equal(pre.headers.get("access-control-allow-headers"), "content-type");
  });

  test("subscriptions need a WebSocket", async () => {
    const r = await post(server.url, { jsonrpc: "2.0", id: 1, method: "eth_subscribe", params: ["newHeads"] });
    assert.deepEqual(r.json.error, { code: -32601, message: "notifications not supported" });
  });

  test("method timeout", async () => {
    const r = await post(server.url, { jsonrpc: "2.0", id: 1, method: "eth_slow" });
    assert.deepEqual(r.json.error, { code: -32002, message: "request timed out" });
  });

  test("keep-alive reuses the connection", async () => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const once = () =>
      new Promise<boolean>((resolve, reject) => {
        const body = JSON.stringify({ jsonrpc: "2.0", id: 1, method: "net_version" });
        const req = request(server.url, { method: "POST", agent, headers: { "content-type": "application/json" } }, (res) => {
          res.resume();
          res.on("end", () => resolve(req.reusedSocket));
        });
        req.on("error", reject);
        req.end(body);
      });
    assert.equal(await once(), false);
    assert.equal(await once(), true);
    agent.destroy();
  });
});

describe("rpc server options and lifecycle", () => {
  test("configured CORS origins", async () => {
    const server = await startRpcServer({ registry: makeRegistry(), corsOrigins: ["http://good.example"] });
    try {
      const good = await post(server.url, { jsonrpc: "2.0", id: 1, method: "net_version" }, { origin: "http://good.example" });
      assert.equal(good.res.headers.get("access-control-allow-origin"), "http://good.example");
      const bad = await post(server.url, { jsonrpc: "2.0", id: 1, method: "net_version" }, { origin: "http://evil.example" });
      assert.equal(bad.res.headers.get("access-control-allow-origin"), null);
    } finally {
      await server.close();
    }
  });

  test("enabled namespaces are served", async () => {
    const registry = makeRegistry();
    registry.enableNamespace("debug");
    const server = await startRpcServer({ registry });
    try {
      const r = await post(server.url, { jsonrpc: "2.0", id: 1, method: "debug_secret" });
      assert.equal(r.json.result, "hidden");
    } finally {
      await server.close();
    }
  });

  test("close ends open keep-alive connections and stops listening", async () => {
    const server = await startRpcServer({ registry: makeRegistry() });
    const agent = new Agent({ keepAlive: true });
    await new Promise<void>((resolve, reject) => {
      const req = request(server.url, { method: "POST", agent, headers: { "content-type": "application/json" } }, (res) => {
        res.resume();
        res.on("end", () => resolve());
      });
      req.on("error", reject);
      req.end('{"jsonrpc":"2.0","id":1,"method":"net_version"}');
    });
    await server.close();
    await assert.rejects(fetch(server.url, { method: "POST", body: "{}" }));
    agent.destroy();
  });
});

describe("rpc over HTTP: the handler's signal", () => {
  test("is aborted when the client goes away mid-call, and not by finished keep-alive requests", { timeout: 10_000 }, async () => {
    const r = new MethodRegistry();
    let seen: AbortSignal | undefined;
    let aborted!: () => void;
    const abortedNow = new Promise<void>((resolve) => {
      aborted = resolve;
    });
    r.register("eth_signal", (_p, ctx) => {
      seen = ctx.signal;
      return ctx.signal.aborted;
    });
    r.register("eth_hang", (_p, ctx) => {
      ctx.signal.addEventListener("abort", () => aborted(), { once: true });
      return new Promise(() => {});
    });
    const server = await startRpcServer({ registry: r, port: 0 });
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const send = (method: string) =>
      new Promise<{ text: string; destroy: () => void }>((resolve, reject) => {
        const req = request(server.url, { method: "POST", agent, headers: { "content-type": "application/json" } }, (res) => {
          let text = "";
          res.on("data", (c: Buffer) => {
            text += c.toString();
          });
          res.on("end", () => resolve({ text, destroy: () => req.destroy() }));
        });
        req.on("error", reject);
        req.end(JSON.stringify({ jsonrpc: "2.0", id: 1, method, params: [] }));
        if (method === "eth_hang") setTimeout(() => req.destroy(), 50);
      });
    try {
      // two requests on one keep-alive connection: neither sees an aborted signal
      assert.equal(JSON.parse((await send("eth_signal")).text).result, false);
      assert.equal(JSON.parse((await send("eth_signal")).text).result, false);
      assert.equal(seen?.aborted, false);
      await assert.rejects(send("eth_hang"));
      await abortedNow;
    } finally {
      agent.destroy();
      await server.close();
    }
  });
});
