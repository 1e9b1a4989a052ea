/**
 * End to end with ethers v6 against a real `cairn dev` process: deploys an OpenZeppelin ERC-20
 * compiled with solc-js, transfers, reads balances, reads Transfer events through eth_getLogs,
 * through filters (contract.on over HTTP) and through a WebSocket subscription, decodes custom
 * errors, and sends legacy, EIP-2930, EIP-1559 and EIP-7702 transactions.
 */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import {
  type BaseContract,
  Contract,
  ContractFactory,
  type ContractTransactionResponse,
  Interface,
  isCallException,
  JsonRpcProvider,
  type Log,
  Wallet,
  WebSocketProvider,
} from "ethers";
import { ADDRESSES, contracts, KEYS } from "./contracts.js";
import { type DevProcess, startDev } from "./dev-process.js";

const SUPPLY = 1_000_000n * 10n ** 18n;

type Token = BaseContract & {
  transfer(to: string, amount: bigint): Promise<ContractTransactionResponse>;
  balanceOf(who: string): Promise<bigint>;
  forbidden(code: bigint): Promise<void>;
};

function waitFor<T>(register: (resolve: (v: T) => void) => void): Promise<T> {
  return new Promise<T>((resolve) => register(resolve));
}

describe("ethers v6 against cairn dev", { timeout: 120_000 }, () => {
  let dev: DevProcess;
  let provider: JsonRpcProvider;
  let wallet: Wallet;
  let token: Token;
  let tokenAddress: string;

  before(async () => {
    dev = await startDev(["--ephemeral"]);
    provider = new JsonRpcProvider(dev.url, undefined, { staticNetwork: true, pollingInterval: 50, cacheTimeout: -1 });
    wallet = new Wallet(KEYS[0], provider);
  });
  after(async () => {
    provider?.destroy();
    await dev?.stop();
  });

  test("deploys the ERC-20, transfers and reads balances", async () => {
    const { CairnToken } = contracts();
    const factory = new ContractFactory(CairnToken.abi as never, CairnToken.bytecode, wallet);
    const deployed = await factory.deploy(SUPPLY);
    await deployed.waitForDeployment();
    token = deployed as unknown as Token;
    tokenAddress = await deployed.getAddress();
    assert.equal((await provider.getCode(tokenAddress)).toLowerCase(), CairnToken.deployedBytecode.toLowerCase());
    assert.equal(await token.balanceOf(ADDRESSES[0]), SUPPLY);

    const tx = await token.transfer(ADDRESSES[1], 1234n);
    const receipt = await tx.wait();
    assert.equal(receipt?.status, 1);
    assert.equal(receipt?.logs.length, 1);
    assert.equal(await token.balanceOf(ADDRESSES[1]), 1234n);
    assert.equal(await token.balanceOf(ADDRESSES[0]), SUPPLY - 1234n);
  });

  test("reads Transfer events with queryFilter (eth_getLogs)", async () => {
    const c = token as unknown as Contract;
    const all = await c.queryFilter(c.filters.Transfer!(), 0, "latest");
    assert.equal(all.length, 2); // the mint and the transfer
    const toOne = await c.queryFilter(c.filters.Transfer!(null, ADDRESSES[1]), 0, "latest");
    assert.equal(toOne.length, 1);
    const ev = toOne[0] as Log & { args: unknown[] };
    assert.equal(ev.args[0], ADDRESSES[0]);
    assert.equal(ev.args[2], 1234n);
  });

  test("contract.on delivers events through an HTTP filter (eth_newFilter / eth_getFilterChanges)", async () => {
    const c = token as unknown as Contract;
    const seen = waitFor<bigint>((resolve) => {
      void c.on("Transfer", (_from: string, to: string, value: bigint) => {
        if (to === ADDRESSES[2]) resolve(value);
      });
    });
    // ethers installs its filter asynchronously: send once the provider polled at least once.
    await new Promise((r) => setTimeout(r, 200));
    await (await token.transfer(ADDRESSES[2], 77n)).wait();
    assert.equal(await seen, 77n);
    await c.removeAllListeners();
  });

  test("contract.on with a polling provider reads new blocks' logs (eth_getLogs per block)", async () => {
    const polling = new JsonRpcProvider(dev.url, undefined, { staticNetwork: true, polling: true, pollingInterval: 50 });
    try {
      const c = new Contract(tokenAddress, contracts().CairnToken.abi as never, polling);
      const seen = waitFor<bigint>((resolve) => {
        void c.on("Transfer", (_from: string, to: string, value: bigint) => {
          if (to === ADDRESSES[2]) resolve(value);
        });
      });
      await new Promise((r) => setTimeout(r, 200));
      await (await token.transfer(ADDRESSES[2], 79n)).wait();
      assert.equal(await seen, 79n);
      await c.removeAllListeners();
    } finally {
      polling.destroy();
    }
  });

  test("a WebSocketProvider receives logs and new heads by subscription", async () => {
    const ws = new WebSocketProvider(dev.wsUrl, undefined, { staticNetwork: true });
    try {
      const { CairnToken } = contracts();
      const c = new Contract(tokenAddress, CairnToken.abi as never, ws);
      const seenLog = waitFor<bigint>((resolve) => {
        void c.on("Transfer", (_from: string, _to: string, value: bigint) => resolve(value));
      });
      const seenBlock = waitFor<number>((resolve) => {
        void ws.on("block", (n: number) => resolve(n));
      });
      // Subscriptions are installed asynchronously; wait until both are live on the socket.
      await new Promise((r) => setTimeout(r, 300));
      const r = await (await token.transfer(ADDRESSES[1], 5n)).wait();
      assert.equal(await seenLog, 5n);
      assert.equal(await seenBlock, r!.blockNumber);
      await c.removeAllListeners();
    } finally {
      await ws.destroy();
    }
  });

  test("provider.on('pending') sees a sent transaction's hash (eth_newPendingTransactionFilter)", async () => {
    const seen = new Set<string>();
    let arrived = (): void => {};
    const listener = (hash: string): void => {
      seen.add(hash);
      arrived();
    };
    await provider.on("pending", listener);
    try {
      await new Promise((r) => setTimeout(r, 200));
      const tx = await wallet.sendTransaction({ to: ADDRESSES[1], value: 1n });
      await tx.wait();
      while (!seen.has(tx.hash)) await new Promise<void>((r) => (arrived = r));
      assert.ok(seen.has(tx.hash));
    } finally {
      await provider.off("pending", listener);
    }
  });

  test("custom errors decode: a view call and a failing transfer's estimate", async () => {
    const iface = new Interface(contracts().CairnToken.abi as never);
    await assert.rejects(token.forbidden(42n), (e: unknown) => {
      assert.ok(isCallException(e));
      assert.equal(e.revert?.name, "NotAllowed");
      assert.deepEqual([...(e.revert?.args ?? [])], [ADDRESSES[0], 42n]);
      const parsed = iface.parseError(e.data!);
      assert.equal(parsed?.name, "NotAllowed");
      return true;
    });
    const poor = new Wallet(KEYS[2], provider);
    const asPoor = token.connect(poor) as Token;
    const poorBalance = await token.balanceOf(poor.address);
    // A send fails in eth_estimateGas, below the contract: ethers leaves the data undecoded and
    // the contract's interface decodes it.
    await assert.rejects(asPoor.transfer(ADDRESSES[0], 10n ** 30n), (e: unknown) => {
      assert.ok(isCallException(e));
      assert.equal(e.action, "estimateGas");
      const parsed = iface.parseError(e.data!);
      assert.equal(parsed?.name, "ERC20InsufficientBalance");
      assert.deepEqual([...(parsed?.args ?? [])], [poor.address, poorBalance, 10n ** 30n]);
      return true;
    });
  });

  test("legacy, EIP-2930 and EIP-1559 transactions are mined with their type", async () => {
    const to = "0x2222222222222222222222222222222222222222";
    const gasPrice = (await provider.getFeeData()).gasPrice!;
    const sends = [
      { type: 0, to, value: 1n, gasPrice },
      { type: 1, to, value: 2n, gasPrice, accessList: [{ address: tokenAddress, storageKeys: [`0x${"00".repeat(31)}01`] }] },
      { type: 2, to, value: 3n },
    ];
    for (const req of sends) {
      const tx = await wallet.sendTransaction(req);
      const receipt = await tx.wait();
      assert.equal(receipt?.status, 1);
      assert.equal(receipt?.type, req.type);
      const fetched = await provider.getTransaction(tx.hash);
      assert.equal(fetched?.type, req.type);
      if (req.type === 1) assert.equal(fetched?.accessList?.[0]?.address, tokenAddress);
    }
    assert.equal(await provider.getBalance(to), 6n);
  });

  test("a JsonRpcSigner (eth_sendTransaction, the node signs) sends legacy, EIP-2930 and EIP-1559 with their access lists", async () => {
    const signer = await provider.getSigner(1);
    assert.equal(signer.address, ADDRESSES[1]);
    const to = "0x5555555555555555555555555555555555555555";
    const accessList = [{ address: tokenAddress, storageKeys: [`0x${"00".repeat(31)}01`] }];
    const gasPrice = (await provider.getFeeData()).gasPrice!;
    const sends = [
      { type: 0, gasPrice },
      { type: 1, gasPrice, accessList },
      { type: 2, accessList },
    ];
    for (const req of sends) {
      const tx = await signer.sendTransaction({ to, value: 1n, ...req });
      const receipt = await tx.wait();
      assert.equal(receipt?.status, 1);
      assert.equal(receipt?.type, req.type);
      const fetched = await provider.getTransaction(tx.hash);
      assert.equal(fetched?.from, ADDRESSES[1]);
      if (req.type !== 0) assert.deepEqual(fetched?.accessList, accessList);
    }
    assert.equal(await provider.getBalance(to), 3n);
  });

  test("an EIP-7702 transaction delegates an account and runs the delegate's code", async () => {
    const { Delegate } = contracts();
    const factory = new ContractFactory(Delegate.abi as never, Delegate.bytecode, wallet);
    const delegate = await factory.deploy();
    await delegate.waitForDeployment();
    const delegateAddress = await delegate.getAddress();

    const authority = new Wallet(KEYS[2], provider);
    const auth = await authority.authorize({ address: delegateAddress });
    const iface = new Interface(Delegate.abi as never);
    const tx = await wallet.sendTransaction({
      type: 4,
      to: authority.address,
      data: iface.encodeFunctionData("execute", [9n]),
      authorizationList: [auth],
    });
    const receipt = await tx.wait();
    assert.equal(receipt?.status, 1);
    assert.equal(receipt?.type, 4);
    const code = await provider.getCode(authority.address);
    assert.equal(code.toLowerCase(), `0xef0100${delegateAddress.slice(2).toLowerCase()}`);
    const log = iface.parseLog(receipt!.logs[0]!);
    assert.equal(log?.name, "Executed");
    assert.equal(log?.args[0], authority.address);
    assert.equal(log?.args[1], wallet.address);
    assert.equal(receipt!.logs[0]!.address, authority.address);
    const fetched = await provider.getTransaction(tx.hash);
    assert.equal(fetched?.authorizationList?.length, 1);
    assert.equal(fetched?.authorizationList?.[0]?.address, delegateAddress);
  });
});
