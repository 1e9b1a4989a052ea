import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { registerRpcModules } from "./builtin.js";
import { dispatchText } from "./dispatch.js";
import { RpcServerError } from "./errors.js";
import { DEFAULT_NAMESPACES, MethodRegistry, namespaceOf } from "./registry.js";

describe("rpc registry", () => {
  test("only eth, net and web3 are enabled by default", () => {
    assert.deepEqual([...DEFAULT_NAMESPACES].sort(), ["eth", "net", "web3"]);
    const r = new MethodRegistry();
    assert.deepEqual(r.enabledNamespaces(), ["eth", "net", "web3"]);
    r.register("txpool_status", () => 1);
    assert.equal(r.lookup("txpool_status"), undefined);
    r.enableNamespace("txpool");
    assert.equal(r.lookup("txpool_status")?.namespace, "txpool");
    r.disableNamespace("txpool");
    assert.equal(r.lookup("txpool_status"), undefined);
  });

  test("rpc_modules lists served namespaces and is always available", async () => {
    const r = new MethodRegistry();
    registerRpcModules(r);
    r.register("eth_chainId", () => "0x1");
    r.register("debug_x", () => 1);
    const out = await dispatchText('{"jsonrpc":"2.0","id":1,"method":"rpc_modules"}', { registry: r, transport: "direct" });
    assert.deepEqual(JSON.parse(out!).result, { eth: "1.0", rpc: "1.0" });
    r.enableNamespace("debug");
    const again = await dispatchText('{"jsonrpc":"2.0","id":1,"method":"rpc_modules"}', { registry: r, transport: "direct" });
    assert.deepEqual(JSON.parse(again!).result, { debug: "1.0", eth: "1.0", rpc: "1.0" });
  });

  test("namespaceOf", () => {
    assert.equal(namespaceOf("eth_blockNumber"), "eth");
    assert.equal(namespaceOf("ots_getApiLevel"), "ots");
    assert.equal(namespaceOf("noNamespace"), "");
    assert.equal(namespaceOf("_x"), "");
  });

  test("aliases share the handler and are enabled by their own namespace", async () => {
    const r = new MethodRegistry(["anvil", "evm"]);
    let mined = 0;
    r.register("anvil_mine", () => ++mined, { arity: [0, 2] });
    r.alias("hardhat_mine", "anvil_mine");
    r.alias("evm_mine", "anvil_mine");
    const call = async (method: string, params: unknown[] = []) =>
      JSON.parse((await dispatchText(JSON.stringify({ jsonrpc: "2.0", id: 1, method, params }), { registry: r, transport: "direct" }))!);
    assert.equal((await call("anvil_mine")).result, 1);
    assert.equal((await call("evm_mine")).result, 2);
    assert.equal((await call("hardhat_mine")).error.code, -32601);
    r.enableNamespace("hardhat");
    assert.equal((await call("hardhat_mine")).result, 3);
    // The alias keeps the declared arity.
    assert.equal((await call("evm_mine", [1, 2, 3])).error.message, "too many arguments, want at most 2");
  });

  test("misuse is reported", () => {
    const r = new MethodRegistry();
    r.register("eth_x", () => 1);
    assert.throws(() => r.register("eth_x", () => 2), RpcServerError);
    assert.throws(() => r.register("plain", () => 2), RpcServerError);
    assert.throws(() => r.alias("eth_y", "eth_missing"), RpcServerError);
    assert.throws(() => r.register("eth_z", () => 1, { arity: [2, 1] }), RpcServerError);
    assert.deepEqual(r.names(), ["eth_x"]);
  });
});
