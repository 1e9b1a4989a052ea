/**
 * End to end with viem against a real `cairn dev` process: deploys an OpenZeppelin ERC-20
 * compiled with solc-js, transfers, reads balances, reads Transfer events through eth_getLogs,
 * through an event filter (createEventFilter / getFilterChanges and watchContractEvent over
 * HTTP) and through WebSocket subscriptions, decodes a custom error, and sends legacy, EIP-2930,
 * EIP-1559 and EIP-7702 transactions.
 */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import {
  type Abi,
  type Address,
  BaseError,
  ContractFunctionRevertedError,
  createPublicClient,
  createWalletClient,
  decodeEventLog,
  defineChain,
  encodeFunctionData,
  type Hex,
  http,
  parseAbiItem,
  type WalletClient,
  webSocket,
} from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { ADDRESSES, contracts, KEYS } from "./contracts.js";
import { type DevProcess, startDev } from "./dev-process.js";

const SUPPLY = 1_000_000n * 10n ** 18n;
const TRANSFER = parseAbiItem("event Transfer(address indexed from, address indexed to, uint256 value)");

function devChain(dev: DevProcess) {
  return defineChain({
    id: 31337,
    name: "cairn dev",
    nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 },
    rpcUrls: { default: { http: [dev.url], webSocket: [dev.wsUrl] } },
  });
}
const publicClient = (dev: DevProcess) => createPublicClient({ chain: devChain(dev), transport: http(dev.url), pollingInterval: 50 });

describe("viem against cairn dev", { timeout: 120_000 }, () => {
  let dev: DevProcess;
  let chain: ReturnType<typeof devChain>;
  let pub: ReturnType<typeof publicClient>;
  let wallet: WalletClient;
  let tokenAbi: Abi;
  let token: Address;
  const account = privateKeyToAccount(KEYS[0]);

  before(async () => {
    dev = await startDev(["--ephemeral"]);
    chain = devChain(dev);
    pub = publicClient(dev);
    wallet = createWalletClient({ account, chain, transport: http(dev.url) });
    tokenAbi = contracts().CairnToken.abi as Abi;
  });
  after(async () => {
    await dev?.stop();
  });

  async function mined(hash: Hex) {
    const receipt = await pub.waitForTransactionReceipt({ hash, pollingInterval: 20 });
    assert.equal(receipt.status, "success");
    return receipt;
  }

  test("deploys the ERC-20, transfers and reads balances", async () => {
    const { CairnToken } = contracts();
    const hash = await wallet.deployContract({ abi: tokenAbi, bytecode: CairnToken.bytecode, args: [SUPPLY], account, chain });
    const receipt = await mined(hash);
    token = receipt.contractAddress!;
    assert.equal(await pub.getCode({ address: token }), CairnToken.deployedBytecode);
    assert.equal(await pub.readContract({ address: token, abi: tokenAbi, functionName: "symbol" }), "CRN");

    const t = await wallet.writeContract({
      address: token,
      abi: tokenAbi,
      functionName: "transfer",
      args: [ADDRESSES[1], 1234n],
      account,
      chain,
    });
    const r = await mined(t);
    assert.equal(r.logs.length, 1);
    const decoded = decodeEventLog({ abi: [TRANSFER], data: r.logs[0]!.data, topics: r.logs[0]!.topics });
    assert.equal(decoded.args.value, 1234n);
    assert.equal(await pub.readContract({ address: token, abi: tokenAbi, functionName: "balanceOf", args: [ADDRESSES[1]] }), 1234n);
  });

  test("reads Transfer events with getLogs and getContractEvents", async () => {
    const logs = await pub.getLogs({ address: token, event: TRANSFER, fromBlock: 0n, toBlock: "latest" });
    assert.equal(logs.length, 2); // the mint and the transfer
    assert.equal(logs[1]!.args.to, ADDRESSES[1]);
    const toOne = await pub.getContractEvents({
      address: token,
      abi: tokenAbi,
      eventName: "Transfer",
      args: { to: ADDRESSES[1] },
      fromBlock: 0n,
    });
    assert.equal(toOne.length, 1);
  });

  test("an event filter returns new Transfers through getFilterChanges", async () => {
    const filter = await pub.createEventFilter({ address: token, event: TRANSFER });
    await mined(
      await wallet.writeContract({ address: token, abi: tokenAbi, functionName: "transfer", args: [ADDRESSES[2], 77n], account, chain }),
    );
    const changes = await pub.getFilterChanges({ filter });
    assert.equal(changes.length, 1);
    assert.equal(changes[0]!.args.value, 77n);
    assert.deepEqual(await pub.getFilterChanges({ filter }), []);
    assert.equal(await pub.uninstallFilter({ filter }), true);
  });

  test("watchContractEvent over HTTP polls its filter", async () => {
    let unwatch = (): void => {};
    const seen = new Promise<bigint>((resolve, reject) => {
      unwatch = pub.watchContractEvent({
        address: token,
        abi: tokenAbi,
        eventName: "Transfer",
        pollingInterval: 50,
        onLogs: (logs) => {
          for (const l of logs)
            if ((l as unknown as { args: { to?: string } }).args.to === ADDRESSES[2])
              resolve((l as unknown as { args: { value: bigint } }).args.value);
        },
        onError: reject,
      });
    });
    // The filter is installed on the first poll; send after it exists.
    await new Promise((r) => setTimeout(r, 200));
    await mined(
      await wallet.writeContract({ address: token, abi: tokenAbi, functionName: "transfer", args: [ADDRESSES[2], 78n], account, chain }),
    );
    try {
      assert.equal(await seen, 78n);
    } finally {
      unwatch();
    }
  });

  test("a webSocket transport receives logs and new blocks by subscription", async () => {
    const ws = createPublicClient({ chain, transport: webSocket(dev.wsUrl) });
    const unwatchers: (() => void)[] = [];
    try {
      const seenLog = new Promise<bigint>((resolve, reject) => {
        unwatchers.push(
          ws.watchContractEvent({
            address: token,
            abi: tokenAbi,
            eventName: "Transfer",
            onLogs: (logs) => resolve((logs[0] as unknown as { args: { value: bigint } }).args.value),
            onError: reject,
          }),
        );
      });
      const seenBlock = new Promise<bigint>((resolve, reject) => {
        unwatchers.push(ws.watchBlocks({ onBlock: (b) => resolve(b.number!), onError: reject }));
      });
      await new Promise((r) => setTimeout(r, 300));
      const r = await mined(
        await wallet.writeContract({ address: token, abi: tokenAbi, functionName: "transfer", args: [ADDRESSES[1], 5n], account, chain }),
      );
      assert.equal(await seenLog, 5n);
      assert.equal(await seenBlock, r.blockNumber);
    } finally {
      for (const u of unwatchers) u();
      const rpc = await ws.transport.getRpcClient();
      rpc.close();
    }
  });

  test("a webSocket transport receives pending transaction hashes by subscription", async () => {
    const ws = createPublicClient({ chain, transport: webSocket(dev.wsUrl) });
    const seen = new Set<string>();
    let arrived = (): void => {};
    const unwatch = ws.watchPendingTransactions({
      onTransactions: (hashes) => {
        for (const h of hashes) seen.add(h);
        arrived();
      },
    });
    try {
      await new Promise((r) => setTimeout(r, 300));
      const hash = await wallet.sendTransaction({ account, chain, to: ADDRESSES[2], value: 1n });
      await mined(hash);
      while (!seen.has(hash)) await new Promise<void>((r) => (arrived = r));
      assert.ok(seen.has(hash));
    } finally {
      unwatch();
      (await ws.transport.getRpcClient()).close();
    }
  });

  test("a custom-error revert decodes to ContractFunctionRevertedError", async () => {
    const err = await pub.readContract({ address: token, abi: tokenAbi, functionName: "forbidden", args: [42n], account }).then(
      () => undefined,
      (e: unknown) => e,
    );
    assert.ok(err instanceof BaseError);
    const reverted = err.walk((e) => e instanceof ContractFunctionRevertedError);
    assert.ok(reverted instanceof ContractFunctionRevertedError);
    assert.equal(reverted.data?.errorName, "NotAllowed");
    assert.deepEqual(reverted.data?.args, [ADDRESSES[0], 42n]);

    const poor = privateKeyToAccount(KEYS[2]);
    const sim = await pub
      .simulateContract({ address: token, abi: tokenAbi, functionName: "transfer", args: [ADDRESSES[0], 10n ** 30n], account: poor })
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    assert.ok(sim instanceof BaseError);
    const r2 = sim.walk((e) => e instanceof ContractFunctionRevertedError);
    assert.ok(r2 instanceof ContractFunctionRevertedError);
    assert.equal(r2.data?.errorName, "ERC20InsufficientBalance");
  });

  test("legacy, EIP-2930 and EIP-1559 transactions are mined with their type", async () => {
    const to = "0x3333333333333333333333333333333333333333";
    const gasPrice = await pub.getGasPrice();
    const sends = [
      { type: "legacy", hash: await wallet.sendTransaction({ account, chain, to, value: 1n, type: "legacy", gasPrice }) },
      {
        type: "eip2930",
        hash: await wallet.sendTransaction({
          account,
          chain,
          to,
          value: 2n,
          type: "eip2930",
          gasPrice,
          accessList: [{ address: token, storageKeys: [`0x${"00".repeat(31)}01`] }],
        }),
      },
      { type: "eip1559", hash: await wallet.sendTransaction({ account, chain, to, value: 3n, type: "eip1559" }) },
    ] as const;
    for (const s of sends) {
      const receipt = await mined(s.hash);
      assert.equal(receipt.type, s.type);
      const tx = await pub.getTransaction({ hash: s.hash });
      assert.equal(tx.type, s.type);
    }
    assert.equal(await pub.getBalance({ address: to }), 6n);
  });

  test("a JSON-RPC account (eth_sendTransaction, the node signs) sends EIP-2930 and EIP-1559 with access lists", async () => {
    const node = createWalletClient({ account: ADDRESSES[1], chain, transport: http(dev.url) });
    const to = "0x6666666666666666666666666666666666666666";
    const accessList = [{ address: token, storageKeys: [`0x${"00".repeat(31)}01` as Hex] }];
    const gasPrice = await pub.getGasPrice();
    const hashes = [
      await node.sendTransaction({ account: ADDRESSES[1], chain, to, value: 1n, type: "eip2930", gasPrice, accessList }),
      await node.sendTransaction({ account: ADDRESSES[1], chain, to, value: 2n, type: "eip1559", accessList }),
    ];
    const types = [];
    for (const hash of hashes) {
      await mined(hash);
      const tx = await pub.getTransaction({ hash });
      assert.equal(tx.from.toLowerCase(), ADDRESSES[1].toLowerCase());
      assert.deepEqual(tx.accessList, accessList);
      types.push(tx.type);
    }
    assert.deepEqual(types, ["eip2930", "eip1559"]);
    assert.equal(await pub.getBalance({ address: to }), 3n);
  });

  test("an EIP-7702 transaction with a signed authorization delegates the account", async () => {
    const { Delegate } = contracts();
    const dabi = Delegate.abi as Abi;
    const deployed = await mined(await wallet.deployContract({ abi: dabi, bytecode: Delegate.bytecode, account, chain }));
    const delegate = deployed.contractAddress!;
    const authority = privateKeyToAccount(KEYS[1]);
    const authorization = await wallet.signAuthorization({ account: authority, address: delegate });
    const hash = await wallet.sendTransaction({
      account,
      chain,
      type: "eip7702",
      to: authority.address,
      data: encodeFunctionData({ abi: dabi, functionName: "execute", args: [3n] }),
      authorizationList: [authorization],
    });
    const receipt = await mined(hash);
    assert.equal(receipt.type, "eip7702");
    assert.equal((await pub.getCode({ address: authority.address }))?.toLowerCase(), `0xef0100${delegate.slice(2).toLowerCase()}`);
    assert.equal(receipt.logs[0]!.address.toLowerCase(), authority.address.toLowerCase());
    const who = await pub.readContract({ address: authority.address, abi: dabi, functionName: "whoAmI" });
    assert.equal(who, authority.address);
    const tx = await pub.getTransaction({ hash });
    assert.equal(tx.authorizationList?.[0]?.address.toLowerCase(), delegate.toLowerCase());
  });
});
