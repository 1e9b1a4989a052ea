/**
 * End to end: `cairn dev` as a child process, driven over HTTP JSON-RPC. Value transfers with
 * eth_sendTransaction (a dev account's key) and eth_sendRawTransaction (signed here), automine,
 * balances, receipts and block numbers; eth_call and eth_estimateGas; then a restart on the same
 * data dir keeps the blocks and balances.
 */
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, test } from "node:test";
import { addressFromHex, bytesToHex, hexToBytes } from "../../src/primitives/index.js";
import { encodeTransaction, signTransaction } from "../../src/types/index.js";
import { type DevProcess, startDev } from "./dev-process.js";

const ACCOUNT0 = "0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266";
const ACCOUNT1 = "0x70997970c51812dc3a010c7d01b50e0d17dc79c8";
const KEY1 = hexToBytes("0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d");
const RECIPIENT = "0x1111111111111111111111111111111111111111";
const ETHER = 10n ** 18n;

async function withDev(args: string[], body: (dev: DevProcess) => Promise<void>): Promise<void> {
  const dev = await startDev(args);
  try {
    await body(dev);
  } finally {
    await dev.stop();
  }
}

async function balance(dev: DevProcess, address: string): Promise<bigint> {
  return BigInt((await dev.rpc("eth_getBalance", [address, "latest"])) as string);
}

type Receipt = { status: string; blockNumber: string; from: string; to: string; gasUsed: string; effectiveGasPrice: string };

/** A contract whose code reverts with Error("nope"): stores the ABI-encoded reason and reverts with it. */
function revertingRuntime(): string {
  const reason = `0x08c379a0${"20".padStart(64, "0")}${"04".padStart(64, "0")}${Buffer.from("nope").toString("hex").padEnd(64, "0")}`;
  const bytes = hexToBytes(reason);
  let code = "";
  // PUSH32 word, PUSH1 offset, MSTORE for each 32-byte word of the reason
  const padded = new Uint8Array(Math.ceil(bytes.length / 32) * 32);
  padded.set(bytes);
  for (let i = 0; i < padded.length; i += 32)
    code += `7f${bytesToHex(padded.subarray(i, i + 32)).slice(2)}60${i.toString(16).padStart(2, "0")}52`;
  code += `60${bytes.length.toString(16).padStart(2, "0")}6000fd`; // PUSH1 len PUSH1 0 REVERT
  return code;
}

/** Init code that returns `runtime` as the contract's code. */
function initCodeFor(runtimeHex: string): string {
  const len = runtimeHex.length / 2;
  // PUSH1 len DUP1 PUSH1 11 (this prefix's length) PUSH1 0 CODECOPY PUSH1 0 RETURN
  const prefix = `60${len.toString(16).padStart(2, "0")}80600b6000396000f3`;
  return `0x${prefix}${runtimeHex}`;
}

describe("cairn dev end to end", () => {
  test("transfers by eth_sendTransaction and eth_sendRawTransaction are mined at once", async () => {
    await withDev(["--ephemeral", "--accounts", "3"], async (dev) => {
      assert.match(dev.output(), /public test keys/);
      assert.equal(await dev.rpc("eth_chainId"), "0x7a69");
      assert.equal(await dev.rpc("net_version"), "31337");
      assert.equal(await dev.rpc("eth_blockNumber"), "0x0");
      assert.deepEqual(await dev.rpc("eth_accounts"), [ACCOUNT0, ACCOUNT1, "0x3c44cdddb6a900fa2b585dd299e03d12fa4293bc"]);
      assert.equal(await balance(dev, ACCOUNT0), 10_000n * ETHER);

      const hash1 = (await dev.rpc("eth_sendTransaction", [{ from: ACCOUNT0, to: RECIPIENT, value: "0xde0b6b3a7640000" }])) as string;
      assert.equal(await dev.rpc("eth_blockNumber"), "0x1");
      const r1 = (await dev.rpc("eth_getTransactionReceipt", [hash1])) as Receipt;
      assert.equal(r1.status, "0x1");
      assert.equal(r1.blockNumber, "0x1");
      assert.equal(r1.from, ACCOUNT0);
      assert.equal(r1.gasUsed, "0x5208");
      assert.equal(await balance(dev, RECIPIENT), ETHER);
      const fee1 = BigInt(r1.gasUsed) * BigInt(r1.effectiveGasPrice);
      assert.equal(await balance(dev, ACCOUNT0), 10_000n * ETHER - ETHER - fee1);
      assert.equal(await dev.rpc("eth_getTransactionCount", [ACCOUNT0, "pending"]), "0x1");

      const block1 = (await dev.rpc("eth_getBlockByNumber", ["0x1", true])) as { hash: string; transactions: { hash: string }[] };
      assert.equal(block1.transactions[0]!.hash, hash1);
      const byHash = (await dev.rpc("eth_getBlockByHash", [block1.hash, false])) as { transactions: string[] };
      assert.deepEqual(byHash.transactions, [hash1]);

      const gasPrice = BigInt((await dev.rpc("eth_gasPrice")) as string);
      const raw = signTransaction(
        {
          type: 2,
          chainId: 31337n,
          nonce: 0n,
          maxPriorityFeePerGas: 1_000_000_000n,
          maxFeePerGas: gasPrice * 2n,
          gasLimit: 21_000n,
          to: addressFromHex(RECIPIENT),
          value: 2n * ETHER,
          data: new Uint8Array(0),
          accessList: [],
        },
        KEY1,
      );
      const hash2 = (await dev.rpc("eth_sendRawTransaction", [bytesToHex(encodeTransaction(raw))])) as string;
      const r2 = (await dev.rpc("eth_getTransactionReceipt", [hash2])) as Receipt;
      assert.equal(r2.status, "0x1");
      assert.equal(r2.blockNumber, "0x2");
      assert.equal(await dev.rpc("eth_blockNumber"), "0x2");
      assert.equal(await balance(dev, RECIPIENT), 3n * ETHER);
      const tx2 = (await dev.rpc("eth_getTransactionByHash", [hash2])) as { from: string; blockNumber: string };
      assert.equal(tx2.from, ACCOUNT1);
      assert.equal(tx2.blockNumber, "0x2");

      // A replayed transaction is refused with geth's wording.
      const replay = await dev.rpcError("eth_sendRawTransaction", [bytesToHex(encodeTransaction(raw))]);
      assert.equal(replay.code, -32000);
      assert.match(replay.message, /nonce too low|already known/);
      assert.match(dev.output(), /block 2 0x[0-9a-f]{64} txs 1/);
    });
  });

  test("eth_call and eth_estimateGas run on the head state; reverts answer code 3 with the reason", async () => {
    await withDev(["--ephemeral", "--accounts", "1"], async (dev) => {
      assert.equal(await dev.rpc("eth_estimateGas", [{ from: ACCOUNT0, to: RECIPIENT, value: "0x1" }]), "0x5208");
      const deploy = (await dev.rpc("eth_sendTransaction", [{ from: ACCOUNT0, data: initCodeFor(revertingRuntime()) }])) as string;
      const receipt = (await dev.rpc("eth_getTransactionReceipt", [deploy])) as Receipt & { contractAddress: string };
      assert.equal(receipt.status, "0x1");
      const code = (await dev.rpc("eth_getCode", [receipt.contractAddress, "latest"])) as string;
      assert.equal(code, `0x${revertingRuntime()}`);
      const err = await dev.rpcError("eth_call", [{ from: ACCOUNT0, to: receipt.contractAddress }, "latest"]);
      assert.equal(err.code, 3);
      assert.equal(err.message, "execution reverted: nope");
      assert.match(String(err.data), /^0x08c379a0/);
      const est = await dev.rpcError("eth_estimateGas", [{ from: ACCOUNT0, to: receipt.contractAddress }]);
      assert.equal(est.code, 3);
      assert.equal(await dev.rpc("eth_call", [{ to: RECIPIENT }, "latest"]), "0x");
      assert.equal(
        await dev.rpc("eth_getStorageAt", [RECIPIENT, "0x0", "latest"]),
        "0x0000000000000000000000000000000000000000000000000000000000000000",
      );
    });
  });

  test("blocks, balances, receipts and logs persist in the data dir across restarts", async () => {
    const dir = mkdtempSync(join(tmpdir(), "cairn-dev-e2e-"));
    try {
      let headHash = "";
      let logTx = "";
      let receipt: unknown;
      let logs: unknown;
      await withDev(["--data-dir", dir, "--accounts", "2"], async (dev) => {
        await dev.rpc("eth_sendTransaction", [{ from: ACCOUNT0, to: RECIPIENT, value: "0x64" }]);
        await dev.rpc("eth_sendTransaction", [{ from: ACCOUNT1, to: RECIPIENT, value: "0x64" }]);
        // A contract whose every call emits LOG1(topic 0x11..11, data 42): receipts and logs must survive.
        const runtime = `602a6000527f${"11".repeat(32)}60206000a100`;
        const deploy = await dev.rpc("eth_sendTransaction", [{ from: ACCOUNT0, data: `0x602c600c600039602c6000f3${runtime}` }]);
        const created = ((await dev.rpc("eth_getTransactionReceipt", [deploy])) as { contractAddress: string }).contractAddress;
        logTx = (await dev.rpc("eth_sendTransaction", [{ from: ACCOUNT1, to: created }])) as string;
        receipt = await dev.rpc("eth_getTransactionReceipt", [logTx]);
        logs = await dev.rpc("eth_getLogs", [{ fromBlock: "0x0", address: created }]);
        assert.equal((logs as unknown[]).length, 1);
        assert.equal(await dev.rpc("eth_blockNumber"), "0x4");
        headHash = ((await dev.rpc("eth_getBlockByNumber", ["latest", false])) as { hash: string }).hash;
      });
      await withDev(["--data-dir", dir, "--accounts", "2"], async (dev) => {
        assert.equal(await dev.rpc("eth_blockNumber"), "0x4");
        assert.equal(((await dev.rpc("eth_getBlockByNumber", ["0x4", false])) as { hash: string }).hash, headHash);
        assert.equal(await balance(dev, RECIPIENT), 200n);
        assert.equal(await dev.rpc("eth_getTransactionCount", [ACCOUNT0, "latest"]), "0x2");
        assert.deepEqual(await dev.rpc("eth_getTransactionReceipt", [logTx]), receipt);
        const address = (logs as { address: string }[])[0]!.address;
        assert.deepEqual(await dev.rpc("eth_getLogs", [{ fromBlock: "0x0", address }]), logs);
        // The chain goes on from the stored head.
        await dev.rpc("eth_sendTransaction", [{ from: ACCOUNT0, to: RECIPIENT, value: "0x64" }]);
        assert.equal(await dev.rpc("eth_blockNumber"), "0x5");
      });
      await withDev(["--data-dir", dir, "--accounts", "2", "--reset"], async (dev) => {
        assert.equal(await dev.rpc("eth_blockNumber"), "0x0");
        assert.equal(await balance(dev, RECIPIENT), 0n);
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
