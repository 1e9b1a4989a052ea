/**
 * End to end: developer-method edits made on a real `cairn dev` process survive stopping it
 * (SIGTERM) and starting it again on the same data dir: balances, nonces, code and storage set
 * by hand, an impersonated account's mined transaction, and the next block built on top.
 */
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { startDev } from "./dev-process.js";

const A = "0x1111111111111111111111111111111111111111";
const DEV0 = "0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266";
const WORD = `0x${"7".padStart(64, "0")}`;

test("cairn dev keeps hand-made state across a restart", { timeout: 120_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), "cairn-dev-restart-"));
  try {
    let dev = await startDev(["--data-dir", dir, "--accounts", "2"]);
    let hash: string;
    try {
      await dev.rpc("anvil_setBalance", [A, "0xde0b6b3a7640000"]);
      await dev.rpc("anvil_impersonateAccount", [A]);
      hash = (await dev.rpc("eth_sendTransaction", [{ from: A, to: DEV0, value: "0x1" }])) as string;
      await dev.rpc("hardhat_setNonce", [A, "0x20"]);
      await dev.rpc("hardhat_setCode", [A, "0x6005"]);
      await dev.rpc("hardhat_setStorageAt", [A, "0x9", WORD]);
    } finally {
      assert.equal(await dev.stop(), 0);
    }

    dev = await startDev(["--data-dir", dir, "--accounts", "2"]);
    try {
      assert.equal(await dev.rpc("eth_blockNumber"), "0x1");
      assert.equal(await dev.rpc("eth_getTransactionCount", [A, "latest"]), "0x20");
      assert.equal(await dev.rpc("eth_getCode", [A, "latest"]), "0x6005");
      assert.equal(await dev.rpc("eth_getStorageAt", [A, "0x9", "latest"]), WORD);
      const tx = (await dev.rpc("eth_getTransactionByHash", [hash])) as { from: string; blockNumber: string };
      assert.equal(tx.from, A);
      assert.equal(tx.blockNumber, "0x1");
      // impersonation itself is not kept (as anvil: it lives in the process)
      assert.notEqual((await dev.rpcError("eth_sendTransaction", [{ from: A, to: DEV0, value: "0x1" }])).message, "");
      await dev.rpc("evm_mine");
      assert.equal(await dev.rpc("eth_getCode", [A, "0x2"]), "0x6005", "the next block carries the edits");
      assert.equal(await dev.rpc("eth_getTransactionCount", [A, "0x2"]), "0x20");
    } finally {
      assert.equal(await dev.stop(), 0);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
