/**
 * Integration: the anvil/hardhat/evm developer methods over a real DevNode, in memory and with
 * an LMDB data dir that is reopened: edited state, an impersonated account's mined transaction
 * and the head survive the restart, and the next block builds on the edited state.
 */
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, test } from "node:test";
import { call, DEV0, rpcAt, startDevNode } from "./rpc-helpers.js";

const A = "0x1111111111111111111111111111111111111111";
const WORD5 = `0x${"5".padStart(64, "0")}`;

type Block = { number: string; timestamp: string; miner: string; baseFeePerGas: string; gasLimit: string };

describe("developer methods on a DevNode", () => {
  test("state edits, mining control, time, snapshots and aliases (in memory)", async () => {
    const node = await startDevNode();
    const url = node.server.url;
    try {
      assert.equal(await call(url, "anvil_setBalance", [A, "0x10"]), null);
      assert.equal(await call(url, "eth_getBalance", [A, "latest"]), "0x10");
      assert.equal(await call(url, "hardhat_setBalance", [A, 32]), null);
      assert.equal(await call(url, "eth_getBalance", [A, "latest"]), "0x20");
      assert.equal(await call(url, "anvil_setNonce", [A, "0x5"]), null);
      assert.equal(await call(url, "eth_getTransactionCount", [A, "latest"]), "0x5");
      assert.equal(await call(url, "hardhat_setCode", [A, "0x6001"]), null);
      assert.equal(await call(url, "eth_getCode", [A, "latest"]), "0x6001");
      assert.equal(await call(url, "anvil_setStorageAt", [A, "0x1", WORD5]), true);
      assert.equal(await call(url, "eth_getStorageAt", [A, "0x1", "latest"]), WORD5);
      // A key given as a full 32-byte word with leading zeros reads the same slot, as geth's.
      assert.equal(await call(url, "eth_getStorageAt", [A, `0x${"00".repeat(31)}01`, "latest"]), WORD5);
      assert.equal(await call(url, "eth_blockNumber"), "0x0", "edits mine no block");

      assert.equal(await call(url, "anvil_getAutomine"), true);
      assert.equal(await call(url, "evm_setAutomine", [false]), null);
      assert.equal(await call(url, "hardhat_getAutomine"), false);
      const hash = (await call(url, "eth_sendTransaction", [{ from: DEV0, to: A, value: "0x1" }])) as string;
      assert.equal(await call(url, "eth_blockNumber"), "0x0");
      assert.equal(await call(url, "anvil_dropTransaction", [hash]), hash);
      assert.equal(await call(url, "hardhat_dropTransaction", [hash]), null);
      await call(url, "eth_sendTransaction", [{ from: DEV0, to: A, value: "0x1" }]);
      assert.equal(await call(url, "anvil_dropAllTransactions"), null);
      assert.equal(await call(url, "eth_getTransactionCount", [DEV0, "pending"]), "0x0", "the pool is empty");

      assert.equal(await call(url, "anvil_mine", ["0x2", "0x10"]), null);
      const b1 = (await call(url, "eth_getBlockByNumber", ["0x1", false])) as Block;
      const b2 = (await call(url, "eth_getBlockByNumber", ["0x2", false])) as Block;
      assert.equal(BigInt(b2.timestamp) - BigInt(b1.timestamp), 16n);
      // the mined blocks carry the edits
      assert.equal(await call(url, "eth_getBalance", [A, "0x2"]), "0x20");

      const snap = await call(url, "evm_snapshot");
      assert.equal(snap, "0x0");
      assert.equal(await call(url, "anvil_setBalance", [A, "0x99"]), null);
      assert.equal(await call(url, "evm_mine"), "0x0");
      const later = await call(url, "anvil_snapshot");
      assert.equal(await call(url, "evm_revert", [snap]), true);
      assert.equal(await call(url, "eth_blockNumber"), "0x2");
      assert.equal(await call(url, "eth_getBalance", [A, "latest"]), "0x20");
      assert.equal(await call(url, "evm_revert", [snap]), false);
      assert.equal((await rpcAt(url, "evm_revert", [later])).error?.code, -32001);

      const head = (await call(url, "eth_getBlockByNumber", ["latest", false])) as Block;
      const next = BigInt(head.timestamp) + 1000n;
      assert.equal(await call(url, "evm_setNextBlockTimestamp", [Number(next)]), null);
      assert.equal((await rpcAt(url, "evm_setNextBlockTimestamp", [1])).error?.code, -32602);
      await call(url, "hardhat_setCoinbase", [A]);
      await call(url, "anvil_setNextBlockBaseFeePerGas", ["0x7"]);
      assert.equal(await call(url, "evm_setBlockGasLimit", ["0x1c9c381"]), true);
      await call(url, "evm_mine");
      const b3 = (await call(url, "eth_getBlockByNumber", ["latest", false])) as Block;
      assert.equal(BigInt(b3.timestamp), next);
      assert.equal(b3.miner, A);
      assert.equal(b3.baseFeePerGas, "0x7");
      assert.equal(b3.gasLimit, "0x1c9c381");
      const offset = (await call(url, "evm_increaseTime", [100])) as number;
      assert.equal(typeof offset, "number");
      assert.equal(await call(url, "anvil_increaseTime", ["0x10"]), offset + 16);
      await call(url, "evm_mine", [Number(next) + 5000]);
      const b4 = (await call(url, "eth_getBlockByNumber", ["latest", false])) as Block;
      assert.equal(BigInt(b4.timestamp), next + 5000n);

      assert.equal(await call(url, "evm_setIntervalMining", [0]), null);
      assert.equal(await call(url, "anvil_setAutomine", [true]), null);
      const info = (await call(url, "anvil_nodeInfo")) as { currentBlockNumber: string; hardFork: string };
      assert.equal(info.currentBlockNumber, "0x4");
      assert.equal(info.hardFork, "Prague");
      const meta = (await call(url, "hardhat_metadata")) as { chainId: number; latestBlockNumber: number };
      assert.equal(meta.chainId, 31337);
      assert.equal(meta.latestBlockNumber, 4);

      assert.equal(await call(url, "anvil_reset"), null);
      assert.equal(await call(url, "eth_blockNumber"), "0x0");
      assert.equal(await call(url, "eth_getBalance", [A, "latest"]), "0x0");
    } finally {
      await node.stop();
    }
  });

  test("impersonation: eth_sendTransaction from an impersonated address is mined as that sender", async () => {
    const node = await startDevNode();
    const url = node.server.url;
    try {
      await call(url, "anvil_setBalance", [A, "0xde0b6b3a7640000"]);
      assert.match(
        (await rpcAt(url, "eth_sendTransaction", [{ from: A, to: DEV0, value: "0x1" }])).error?.message ?? "",
        /unknown account/,
      );
      assert.equal(await call(url, "anvil_impersonateAccount", [A]), null);
      const hash = (await call(url, "eth_sendTransaction", [{ from: A, to: DEV0, value: "0x1" }])) as string;
      const tx = (await call(url, "eth_getTransactionByHash", [hash])) as { from: string; blockNumber: string };
      assert.equal(tx.from, A);
      assert.equal(tx.blockNumber, "0x1");
      const receipt = (await call(url, "eth_getTransactionReceipt", [hash])) as { from: string; status: string };
      assert.equal(receipt.from, A);
      assert.equal(receipt.status, "0x1");
      const full = (await call(url, "eth_getBlockByNumber", ["0x1", true])) as { transactions: { from: string }[] };
      assert.equal(full.transactions[0]?.from, A);
      // tracing replays the block on the edited state it was built on, with the impersonated sender
      const trace = (await call(url, "debug_traceTransaction", [hash, { tracer: "callTracer" }])) as { from: string; error?: string };
      assert.equal(trace.from, A);
      assert.equal(trace.error, undefined);
      assert.equal(await call(url, "eth_getTransactionCount", [A, "latest"]), "0x1");
      await call(url, "anvil_stopImpersonatingAccount", [A]);
      assert.notEqual((await rpcAt(url, "eth_sendTransaction", [{ from: A, to: DEV0, value: "0x1" }])).error, undefined);
      await call(url, "anvil_autoImpersonateAccount", [true]);
      await call(url, "eth_sendTransaction", [{ from: A, to: DEV0, value: "0x1" }]);
      assert.equal(await call(url, "eth_getTransactionCount", [A, "latest"]), "0x2");
    } finally {
      await node.stop();
    }
  });

  test("edits, an impersonated transaction and dumpState survive a restart on the same data dir", async () => {
    const dir = mkdtempSync(join(tmpdir(), "cairn-dev-methods-"));
    try {
      let node = await startDevNode({ dataDir: dir });
      let url = node.server.url;
      await call(url, "anvil_setBalance", [A, "0xde0b6b3a7640000"]);
      await call(url, "anvil_impersonateAccount", [A]);
      const hash = (await call(url, "eth_sendTransaction", [{ from: A, to: DEV0, value: "0x1" }])) as string;
      // edited after the last block: held only by the head state override
      await call(url, "anvil_setNonce", [A, "0x9"]);
      await call(url, "anvil_setStorageAt", [A, "0x2", WORD5]);
      await call(url, "anvil_setCode", [A, "0x6002"]);
      const dump = await call(url, "anvil_dumpState");
      await node.stop();

      node = await startDevNode({ dataDir: dir });
      url = node.server.url;
      assert.equal(await call(url, "eth_blockNumber"), "0x1");
      assert.equal(await call(url, "eth_getTransactionCount", [A, "latest"]), "0x9");
      assert.equal(await call(url, "eth_getStorageAt", [A, "0x2", "latest"]), WORD5);
      assert.equal(await call(url, "eth_getCode", [A, "latest"]), "0x6002");
      assert.equal(((await call(url, "eth_getTransactionByHash", [hash])) as { from: string }).from, A);
      assert.equal(await call(url, "anvil_dumpState"), dump);
      // the next block is built on the edited state
      await call(url, "anvil_setBalance", [A, "0x5"]);
      await call(url, "evm_mine");
      assert.equal(await call(url, "eth_getBalance", [A, "0x2"]), "0x5");
      assert.equal(await call(url, "eth_getTransactionCount", [A, "0x2"]), "0x9");
      // loadState writes a dump's accounts back
      await call(url, "anvil_reset");
      assert.equal(await call(url, "eth_getCode", [A, "latest"]), "0x");
      assert.equal(await call(url, "anvil_loadState", [dump]), true);
      assert.equal(await call(url, "eth_getCode", [A, "latest"]), "0x6002");
      await node.stop();

      node = await startDevNode({ dataDir: dir });
      assert.equal(await call(node.server.url, "eth_blockNumber"), "0x0", "reset is kept");
      assert.equal(await call(node.server.url, "eth_getCode", [A, "latest"]), "0x6002", "loaded state is kept");
      await node.stop();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
