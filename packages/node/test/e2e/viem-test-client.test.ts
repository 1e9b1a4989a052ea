/**
 * End to end with viem's test client (anvil mode, then hardhat mode) against a real `cairn dev`
 * process: the actions a test suite uses go through viem's own encoding of the developer
 * methods (mine, setBalance, setCode, setNonce, setStorageAt, impersonation with a JSON-RPC
 * account, snapshots, time, automine, drop, dump/load, reset).
 */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { type Chain, createPublicClient, createTestClient, createWalletClient, defineChain, type Hex, http, parseEther } from "viem";
import { type DevProcess, startDev } from "./dev-process.js";

const A = "0x1111111111111111111111111111111111111111";
const DEV0 = "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266";

describe("viem test client against cairn dev", { timeout: 120_000 }, () => {
  let dev: DevProcess;
  let chain: Chain;

  before(async () => {
    dev = await startDev(["--ephemeral"]);
    chain = defineChain({
      id: 31337,
      name: "cairn dev",
      nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 },
      rpcUrls: { default: { http: [dev.url] } },
    });
  });

  after(async () => {
    await dev?.stop();
  });

  for (const mode of ["anvil", "hardhat"] as const) {
    test(`${mode} mode: state edits, mining, time, snapshots, impersonation`, async () => {
      const testClient = createTestClient({ chain, mode, transport: http(dev.url) });
      const client = createPublicClient({ chain, transport: http(dev.url), cacheTime: 0 });
      await testClient.reset();
      assert.equal(await client.getBlockNumber(), 0n);

      await testClient.setBalance({ address: A, value: parseEther("2") });
      assert.equal(await client.getBalance({ address: A }), parseEther("2"));
      await testClient.setNonce({ address: A, nonce: 7 });
      assert.equal(await client.getTransactionCount({ address: A }), 7);
      await testClient.setCode({ address: A, bytecode: "0x6001" });
      assert.equal(await client.getCode({ address: A }), "0x6001");
      const word = `0x${"2a".padStart(64, "0")}` as Hex;
      await testClient.setStorageAt({ address: A, index: 1, value: word });
      assert.equal(await client.getStorageAt({ address: A, slot: "0x1" }), word);
      await testClient.setCode({ address: A, bytecode: "0x" });

      await testClient.mine({ blocks: 3, interval: 12 });
      assert.equal(await client.getBlockNumber(), 3n);
      const [b2, b3] = await Promise.all([client.getBlock({ blockNumber: 2n }), client.getBlock({ blockNumber: 3n })]);
      assert.equal(b3.timestamp - b2.timestamp, 12n);

      const id = await testClient.snapshot();
      await testClient.increaseTime({ seconds: 3600 });
      await testClient.setNextBlockTimestamp({ timestamp: b3.timestamp + 10_000n });
      await testClient.mine({ blocks: 1 });
      assert.equal((await client.getBlock()).timestamp, b3.timestamp + 10_000n);
      await testClient.revert({ id });
      assert.equal(await client.getBlockNumber(), 3n);

      assert.equal(await testClient.getAutomine(), true);
      await testClient.setAutomine(false);
      const wallet = createWalletClient({ account: DEV0, chain, transport: http(dev.url) });
      const hash = await wallet.sendTransaction({ to: A, value: 1n });
      await testClient.dropTransaction({ hash });
      await testClient.setAutomine(true);

      await testClient.impersonateAccount({ address: A });
      const impersonated = createWalletClient({ account: A, chain, transport: http(dev.url) });
      const sent = await impersonated.sendTransaction({ to: DEV0, value: 5n });
      const receipt = await client.waitForTransactionReceipt({ hash: sent });
      assert.equal(receipt.from, A.toLowerCase());
      assert.equal(receipt.status, "success");
      await testClient.stopImpersonatingAccount({ address: A });

      await testClient.setCoinbase({ address: A });
      await testClient.setNextBlockBaseFeePerGas({ baseFeePerGas: 7n });
      await testClient.mine({ blocks: 1 });
      const last = await client.getBlock();
      assert.equal(last.miner, A.toLowerCase());
      assert.equal(last.baseFeePerGas, 7n);
    });
  }

  test("dumpState and loadState round trip through viem", async () => {
    const testClient = createTestClient({ chain, mode: "anvil", transport: http(dev.url) });
    const client = createPublicClient({ chain, transport: http(dev.url), cacheTime: 0 });
    await testClient.setCode({ address: A, bytecode: "0x6003" });
    const state = await testClient.dumpState();
    await testClient.reset();
    assert.equal(await client.getCode({ address: A }), undefined);
    await testClient.loadState({ state });
    assert.equal(await client.getCode({ address: A }), "0x6003");
  });
});
