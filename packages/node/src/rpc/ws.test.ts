import assert from "node:assert/strict";
import { once } from "node:events";
import { after, before, describe, test } from "node:test";
import { WebSocket } from "ws";
import { registerSubscriptionMethods, registerWeb3Net } from "./builtin.js";
import { argAddress } from "./params.js";
import { MethodRegistry } from "./registry.js";
import { type RpcServer, startRpcServer } from "./server.js";
import { SubscriptionManager } from "./subscriptions.js";

/** A WebSocket client that queues incoming messages for awaiting. */
class Client {
  private readonly queue: unknown[] = [];
  private readonly waiters: ((v: unknown) => void)[] = [];
  private nextId = 1;

  private constructor(readonly ws: WebSocket) {
    ws.on("message", (data) => {
      const v = JSON.parse(data.toString());
      const w = this.waiters.shift();
      if (w) w(v);
      else this.queue.push(v);
    });
  }

  static async open(url: string): Promise<Client> {
    const ws = new WebSocket(url);
    await once(ws, "open");
    return new Client(ws);
  }

  next(timeoutMs = 2000): Promise<unknown> {
    const q = this.queue.shift();
    if (q !== undefined) return Promise.resolve(q);
    return new Promise((resolve, reject) => {
      const t = setTimeout(() => reject(new Error("no message")), timeoutMs);
      this.waiters.push((v) => {
        clearTimeout(t);
        resolve(v);
      });
    });
  }

  pending(): number {
    return this.queue.length;
  }

  async call(method: string, params: unknown[] = []): Promise<Record<string, unknown>> {
    const id = this.nextId++;
    this.ws.send(JSON.stringify({ jsonrpc: "2.0", id, method, params }));
    const r = (await this.next()) as Record<string, unknown>;
    assert.equal(r.id, id);
    return r;
  }

  async close(): Promise<void> {
    if (this.ws.readyState === WebSocket.CLOSED) return;
    this.ws.close();
    await once(this.ws, "close");
  }
}

async function waitFor(cond: () => boolean, ms = 2000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error("condition not reached");
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe("rpc over WebSocket", () => {
  let server: RpcServer;
  let subs: SubscriptionManager;
  before(async () => {
    subs = new SubscriptionManager();
    subs.registerKind("newHeads");
    // A logs-like kind: filters by address, the way the chain's logs subscription will.
    subs.registerKind<{ address?: string }>("logs", {
      parseParams(params) {
        if (params.length === 0 || params[0] === null) return {};
        const f = params[0] as { address?: string };
        if (f.address !== undefined) argAddress([f.address], 0);
        return { address: f.address };
      },
      project(state, payload) {
        const log = payload as { address: string };
        return state.address === undefined || state.address === log.address ? log : undefined;
      },
    });
    const registry = new MethodRegistry();
    registerWeb3Net(registry, { clientVersion: "Cairn/v0.1.0/test", networkId: 1n, listening: () => false, peerCount: () => 0 });
    registerSubscriptionMethods(registry);
    // Publishes while a batch is still being answered (a block mined mid-request).
    registry.register("eth_publishHead", () => subs.publish("newHeads", { number: "0x9" }));
    server = await startRpcServer({ registry, subscriptions: subs });
  });
  after(() => server.close());

  test("calls, batches and errors on one socket", async () => {
    const c = await Client.open(server.wsUrl);
    assert.deepEqual(await c.call("net_version"), { jsonrpc: "2.0", id: 1, result: "1" });
    c.ws.send("{oops");
    assert.deepEqual(await c.next(), { jsonrpc: "2.0", id: null, error: { code: -32700, message: "parse error" } });
    c.ws.send(
      JSON.stringify([
        { jsonrpc: "2.0", id: "a", method: "net_listening" },
        { jsonrpc: "2.0", method: "net_version" },
        { jsonrpc: "2.0", id: "b", method: "eth_nope" },
      ]),
    );
    assert.deepEqual(await c.next(), [
      { jsonrpc: "2.0", id: "a", result: false },
      { jsonrpc: "2.0", id: "b", error: { code: -32601, message: "the method eth_nope does not exist/is not available" } },
    ]);
    // A notification gets nothing back; the next call's answer is the next message.
    c.ws.send(JSON.stringify({ jsonrpc: "2.0", method: "net_version" }));
    assert.deepEqual(await c.call("web3_clientVersion"), { jsonrpc: "2.0", id: 2, result: "Cairn/v0.1.0/test" });
    await c.close();
  });

  test("subscriptions receive published events and stop after unsubscribe", async () => {
    const c = await Client.open(server.wsUrl);
    const sub = await c.call("eth_subscribe", ["newHeads"]);
    const id = sub.result as string;
    assert.match(id, /^0x([1-9a-f][0-9a-f]*|0)$/);
    assert.equal(subs.publish("newHeads", { number: "0x1" }), 1);
    assert.deepEqual(await c.next(), {
      jsonrpc: "2.0",
      method: "eth_subscription",
      params: { subscription: id, result: { number: "0x1" } },
    });
    assert.deepEqual((await c.call("eth_unsubscribe", [id])).result, true);
    assert.equal(subs.publish("newHeads", { number: "0x2" }), 0);
    const again = await c.call("eth_unsubscribe", [id]);
    assert.deepEqual(again.error, { code: -32000, message: "subscription not found" });
    const wrongType = await c.call("eth_unsubscribe", [7]);
    assert.deepEqual(wrongType.error, {
      code: -32602,
      message: "invalid argument 0: json: cannot unmarshal number into Go value of type rpc.ID",
    });
    assert.equal(c.pending(), 0);
    await c.close();
  });

  test("an event published before the subscribe answer is written comes after it", async () => {
    const c = await Client.open(server.wsUrl);
    c.ws.send(
      JSON.stringify([
        { jsonrpc: "2.0", id: 1, method: "eth_subscribe", params: ["newHeads"] },
        { jsonrpc: "2.0", id: 2, method: "eth_publishHead" },
      ]),
    );
    const answer = (await c.next()) as { id: number; result: unknown }[];
    assert.equal(answer[1].result, 1);
    const n = (await c.next()) as { params: { subscription: string } };
    assert.equal(n.params.subscription, answer[0].result);
    await c.close();
  });

  test("subscription parameters and filtering", async () => {
    const c = await Client.open(server.wsUrl);
    const a = `0x${"11".repeat(20)}`;
    const id = (await c.call("eth_subscribe", ["logs", { address: a }])).result as string;
    subs.publish("logs", { address: `0x${"22".repeat(20)}` });
    subs.publish("logs", { address: a, data: "0x" });
    const n = (await c.next()) as { params: { subscription: string; result: unknown } };
    assert.equal(n.params.subscription, id);
    assert.deepEqual(n.params.result, { address: a, data: "0x" });
    const bad = await c.call("eth_subscribe", ["logs", { address: "0x12" }]);
    assert.deepEqual(bad.error, { code: -32602, message: "invalid argument 0: hex string has length 2, want 40 for common.Address" });
    const unknown = await c.call("eth_subscribe", ["nothing"]);
    assert.deepEqual(unknown.error, { code: -32601, message: 'no "nothing" subscription in eth namespace' });
    const none = await c.call("eth_subscribe", []);
    assert.deepEqual(none.error, { code: -32602, message: "expected subscription name as first argument" });
    await c.close();
  });

  test("subscriptions end when the socket closes; others are untouched", async () => {
    const c1 = await Client.open(server.wsUrl);
    const c2 = await Client.open(server.wsUrl);
    const before = subs.count();
    await c1.call("eth_subscribe", ["newHeads"]);
    await c1.call("eth_subscribe", ["newHeads"]);
    const id2 = (await c2.call("eth_subscribe", ["newHeads"])).result as string;
    assert.equal(subs.count(), before + 3);
    // One connection cannot cancel another's subscription.
    const c3 = await Client.open(server.wsUrl);
    assert.deepEqual((await c3.call("eth_unsubscribe", [id2])).error, { code: -32000, message: "subscription not found" });
    await c1.close();
    await waitFor(() => subs.count() === before + 1);
    assert.equal(subs.publish("newHeads", { number: "0x3" }), 1);
    const n = (await c2.next()) as { params: { subscription: string } };
    assert.equal(n.params.subscription, id2);
    await c2.close();
    await c3.close();
    await waitFor(() => subs.count() === before);
  });

  test("a message over 32 MiB closes that socket with 1009; the server keeps serving", async () => {
    const c = await Client.open(server.wsUrl);
    const closed = once(c.ws, "close");
    c.ws.on("error", () => {});
    c.ws.send(Buffer.alloc(32 * 1024 * 1024 + 1, 0x20));
    const [code] = await closed;
    assert.equal(code, 1009);
    const d = await Client.open(server.wsUrl);
    assert.equal((await d.call("net_version")).result, "1");
    await d.close();
  });

  test("a message just under 32 MiB is read", async () => {
    const c = await Client.open(server.wsUrl);
    const body = JSON.stringify({ jsonrpc: "2.0", id: 1, method: "net_version" });
    c.ws.send(body.padEnd(32 * 1024 * 1024, " "));
    assert.deepEqual(await c.next(5000), { jsonrpc: "2.0", id: 1, result: "1" });
    await c.close();
  });

  test("upgrades on other paths are refused", async () => {
    const ws = new WebSocket(`${server.wsUrl}other`);
    const [err] = await once(ws, "error");
    assert.match(String(err), /404/);
  });
});

describe("rpc WebSocket lifecycle", () => {
  test("upgrades from origins outside the allowed list are refused", async () => {
    const registry = new MethodRegistry();
    registerWeb3Net(registry, { clientVersion: "c", networkId: 5n, listening: () => true, peerCount: () => 0 });
    const server = await startRpcServer({ registry, corsOrigins: ["http://good.example"] });
    try {
      const bad = new WebSocket(server.wsUrl, { origin: "http://evil.example" });
      const [err] = await once(bad, "error");
      assert.match(String(err), /403/);
      const good = new WebSocket(server.wsUrl, { origin: "http://good.example" });
      await once(good, "open");
      good.close();
      await once(good, "close");
      // Non-browser clients send no Origin header and are served.
      const c = await Client.open(server.wsUrl);
      assert.equal((await c.call("net_version")).result, "5");
      await c.close();
    } finally {
      await server.close();
    }
  });

  test("close() ends open sockets and drops their subscriptions", async () => {
    const subs = new SubscriptionManager();
    subs.registerKind("newHeads");
    const registry = new MethodRegistry();
    registerSubscriptionMethods(registry);
    const server = await startRpcServer({ registry, subscriptions: subs });
    const c = await Client.open(server.wsUrl);
    await c.call("eth_subscribe", ["newHeads"]);
    assert.equal(subs.count(), 1);
    const closed = once(c.ws, "close");
    await server.close();
    await closed;
    assert.equal(subs.count(), 0);
  });
});
