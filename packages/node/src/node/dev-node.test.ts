import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, test } from "node:test";
import { ChainError } from "../chain/index.js";
import { DEFAULT_DEV_MNEMONIC } from "./dev-accounts.js";
import { DevNode, type DevNodeOptions } from "./dev-node.js";

const BASE: DevNodeOptions = {
  host: "127.0.0.1",
  port: 0,
  chainId: 31337n,
  dataDir: undefined,
  reset: false,
  blockTime: undefined,
  accounts: 2,
  balance: 10_000n,
  mnemonic: DEFAULT_DEV_MNEMONIC,
  fork: "Prague",
};

async function rpc(node: DevNode, method: string, params: unknown[] = []): Promise<unknown> {
  const res = await fetch(node.server.url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params }),
  });
  const body = (await res.json()) as { result?: unknown; error?: { message: string } };
  if (body.error !== undefined) throw new Error(body.error.message);
  return body.result;
}

describe("DevNode", () => {
  test("serves the dev chain over HTTP and mines Prague blocks on demand", async () => {
    const node = await DevNode.start(BASE);
    try {
      assert.equal(await rpc(node, "eth_chainId"), "0x7a69");
      const accounts = (await rpc(node, "eth_accounts")) as string[];
      assert.equal(accounts.length, 2);
      await rpc(node, "eth_sendTransaction", [{ from: accounts[0], to: accounts[1], value: "0x1" }]);
      assert.equal(await rpc(node, "eth_blockNumber"), "0x1");
      const block = (await rpc(node, "eth_getBlockByNumber", ["latest", false])) as Record<string, unknown>;
      // Prague header fields: the system contracts ran (EIP-2935, EIP-7002, EIP-7251).
      assert.equal(typeof block.requestsHash, "string");
      assert.equal(block.parentBeaconBlockRoot, `0x${"00".repeat(32)}`);
      const modules = (await rpc(node, "rpc_modules")) as Record<string, string>;
      assert.ok("eth" in modules);
    } finally {
      await node.stop();
    }
  });

  test("interval mining produces blocks without transactions", async () => {
    const node = await DevNode.start({ ...BASE, blockTime: 0.05 });
    try {
      const deadline = Date.now() + 5000;
      while (node.chain.head.header.number < 2n && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      assert.ok(node.chain.head.header.number >= 2n);
    } finally {
      await node.stop();
    }
  });

  test("a data dir holding another chain is refused, and --reset starts over", async () => {
    const dir = mkdtempSync(join(tmpdir(), "cairn-devnode-"));
    try {
      const first = await DevNode.start({ ...BASE, dataDir: dir });
      await first.stop();
      // Other balances give another genesis state root, so another genesis hash.
      await assert.rejects(DevNode.start({ ...BASE, dataDir: dir, balance: 1n }), ChainError);
      // So does another chain id (in the genesis extra data).
      await assert.rejects(DevNode.start({ ...BASE, dataDir: dir, chainId: 1337n }), ChainError);
      const reset = await DevNode.start({ ...BASE, dataDir: dir, balance: 1n, reset: true });
      try {
        const accounts = (await rpc(reset, "eth_accounts")) as string[];
        assert.equal(await rpc(reset, "eth_getBalance", [accounts[0], "latest"]), "0xde0b6b3a7640000");
      } finally {
        await reset.stop();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
