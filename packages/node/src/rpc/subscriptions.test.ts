import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { RpcError } from "./errors.js";
import { type Connection, newSubscriptionId, SubscriptionManager } from "./subscriptions.js";

function conn(id: number): Connection & { sent: string[] } {
  const sent: string[] = [];
  return { id, sent, send: (t) => sent.push(t) };
}

describe("rpc subscriptions", () => {
  test("ids are quantities of 128 random bits", () => {
    const seen = new Set<string>();
    for (let i = 0; i < 200; i++) {
      const id = newSubscriptionId();
      assert.match(id, /^0x([1-9a-f][0-9a-f]{0,31}|0)$/);
      seen.add(id);
    }
    assert.equal(seen.size, 200);
  });

  test("notifications wait until the subscribe answer is out", () => {
    const m = new SubscriptionManager();
    m.registerKind("newHeads");
    const c = conn(1);
    const id = m.subscribe(c, ["newHeads"]);
    m.publish("newHeads", 1);
    assert.equal(c.sent.length, 0);
    m.activate(c);
    assert.deepEqual(
      c.sent.map((t) => JSON.parse(t)),
      [{ jsonrpc: "2.0", method: "eth_subscription", params: { subscription: id, result: 1 } }],
    );
    m.publish("newHeads", 2);
    assert.equal(c.sent.length, 2);
  });

  test("activate releases only the named subscriptions", () => {
    const m = new SubscriptionManager();
    m.registerKind("k");
    const c = conn(1);
    const a = m.subscribe(c, ["k"]);
    const b = m.subscribe(c, ["k"]);
    m.publish("k", 1);
    m.activate(c, [a]);
    assert.deepEqual(
      c.sent.map((t) => JSON.parse(t).params.subscription),
      [a],
    );
    m.activate(c, [b]);
    assert.deepEqual(
      c.sent.map((t) => JSON.parse(t).params.subscription),
      [a, b],
    );
  });

  test("publishing an unknown kind reaches nobody; unknown kinds cannot be subscribed", () => {
    const m = new SubscriptionManager();
    assert.equal(m.publish("nothing", 1), 0);
    assert.throws(
      () => m.subscribe(conn(1), ["nothing"]),
      (e) => e instanceof RpcError && e.code === -32601,
    );
    m.registerKind("x");
    assert.throws(() => m.registerKind("x"));
  });

  test("closeConnection drops only that connection's subscriptions", () => {
    const m = new SubscriptionManager();
    m.registerKind("k");
    const a = conn(1);
    const b = conn(2);
    m.subscribe(a, ["k"]);
    m.subscribe(a, ["k"]);
    m.subscribe(b, ["k"]);
    m.activate(a);
    m.activate(b);
    m.closeConnection(a);
    assert.equal(m.count(), 1);
    assert.equal(m.count(a), 0);
    assert.equal(m.publish("k", "v"), 1);
    assert.equal(a.sent.length, 0);
    assert.equal(b.sent.length, 1);
  });
});
