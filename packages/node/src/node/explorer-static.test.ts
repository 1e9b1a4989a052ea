import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { MethodRegistry, type RpcServer, startRpcServer } from "../rpc/index.js";
import { explorerStatic, findExplorerDir } from "./explorer-static.js";

describe("explorer static files", () => {
  let dir: string;
  let built: RpcServer;
  let missing: RpcServer;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), "cairn-explorer-"));
    mkdirSync(join(dir, "dist", "pages"), { recursive: true });
    writeFileSync(join(dir, "dist", "index.html"), "<!doctype html><title>x</title>");
    writeFileSync(join(dir, "dist", "pages", "home.js"), "export {};");
    writeFileSync(join(dir, "secret.txt"), "outside the served folder");
    const registry = new MethodRegistry();
    registry.register("eth_chainId", () => "0x1", { arity: [0, 0] });
    built = await startRpcServer({ registry, staticHandler: explorerStatic(join(dir, "dist")).handler });
    missing = await startRpcServer({ registry, staticHandler: explorerStatic(null).handler });
  });

  after(async () => {
    await built.close();
    await missing.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test("serves index.html at / and files by extension, with a same-origin content policy", async () => {
    const res = await fetch(built.url);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get("content-type"), "text/html; charset=utf-8");
    assert.match(res.headers.get("content-security-policy") ?? "", /default-src 'self'/);
    assert.equal(await res.text(), "<!doctype html><title>x</title>");
    const js = await fetch(new URL("pages/home.js", built.url));
    assert.equal(js.headers.get("content-type"), "text/javascript; charset=utf-8");
    assert.equal(await js.text(), "export {};");
    const head = await fetch(built.url, { method: "HEAD" });
    assert.equal(head.status, 200);
    assert.equal(head.headers.get("content-length"), "31");
  });

  test("nothing outside the folder, no unknown files, JSON-RPC still on POST /", async () => {
    for (const p of ["..%2Fsecret.txt", "%2e%2e/secret.txt", "pages/..%2F..%2Fsecret.txt", "nope.js", "pages"]) {
      const res = await fetch(new URL(p, built.url));
      assert.equal(res.status, 404, p);
      await res.arrayBuffer();
    }
    const rpc = await fetch(built.url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "eth_chainId", params: [] }),
    });
    assert.deepEqual(await rpc.json(), { jsonrpc: "2.0", id: 1, result: "0x1" });
  });

  test("page paths redirect to their hash routes", async () => {
    for (const [p, to] of [
      ["block/12", "/#/block/12"],
      ["tx/0xab/", "/#/tx/0xab"],
      ["address/0x01", "/#/address/0x01"],
    ]) {
      const res = await fetch(new URL(p, built.url), { redirect: "manual" });
      assert.equal(res.status, 302, p);
      assert.equal(res.headers.get("location"), to);
    }
  });

  test("without a built explorer, / says how to build it", async () => {
    const res = await fetch(missing.url);
    assert.equal(res.status, 200);
    assert.match(await res.text(), /explorer is not built.*npm install/s);
    assert.equal((await fetch(new URL("main.js", missing.url))).status, 404);
  });

  test("finds the workspace's explorer build", () => {
    const found = findExplorerDir();
    assert.ok(found === undefined || found.endsWith(join("explorer", "dist")), String(found));
  });
});
