/**
 * End to end with web3.js v4 against a real `cairn dev` process: deploys an OpenZeppelin ERC-20
 * compiled with solc-js, transfers, reads balances, reads Transfer events with getPastEvents
 * (eth_getLogs), subscribes to logs and new heads over WebSocket, decodes a custom error from its
 * revert data, and sends legacy, EIP-2930 and EIP-1559 transactions. web3.js 4 knows no type-4
 * transaction: it can neither build nor sign one, and even sendSignedTransaction of signed bytes
 * fails in the client with "TypedTransaction with ID 4 unknown". So the EIP-7702 transaction
 * here is signed with ethers and sent through web3's own request manager
 * (eth_sendRawTransaction), and web3 reads its receipt and the delegated code; its
 * getTransaction leaves the authorization list out (web3's formatter does not know the field).
 * ethers, viem and cast send EIP-7702 transactions themselves.
 */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { ContractFactory, Interface, JsonRpcProvider, Wallet } from "ethers";
import { Web3, WebSocketProvider } from "web3";
import { ADDRESSES, contracts, KEYS } from "./contracts.js";
import { type DevProcess, startDev } from "./dev-process.js";

const SUPPLY = 1_000_000n * 10n ** 18n;
const TRANSFER_TOPIC = "0xddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef";

describe("web3.js against cairn dev", { timeout: 120_000 }, () => {
  let dev: DevProcess;
  let web3: Web3;
  let token: InstanceType<Web3["eth"]["Contract"]>;
  let tokenAddress: string;
  const from = ADDRESSES[0];

  before(async () => {
    dev = await startDev(["--ephemeral"]);
    web3 = new Web3(dev.url);
    web3.eth.accounts.wallet.add(KEYS[0]);
    web3.eth.accounts.wallet.add(KEYS[2]);
    // web3 polls receipts every second by default; the dev chain mines at once.
    web3.transactionPollingInterval = 50;
    web3.transactionReceiptPollingInterval = 50;
  });
  after(async () => {
    await dev?.stop();
  });

  test("deploys the ERC-20, transfers and reads balances", async () => {
    const { CairnToken } = contracts();
    const factory = new web3.eth.Contract(CairnToken.abi as never);
    const deployed = await factory.deploy({ data: CairnToken.bytecode, arguments: [SUPPLY] as never }).send({ from });
    tokenAddress = deployed.options.address!;
    token = new web3.eth.Contract(CairnToken.abi as never, tokenAddress);
    assert.equal(await web3.eth.getCode(tokenAddress), CairnToken.deployedBytecode);
    const receipt = await token.methods.transfer!(ADDRESSES[1], 1234n).send({ from });
    assert.equal(receipt.status, 1n);
    assert.equal(await token.methods.balanceOf!(ADDRESSES[1]).call(), 1234n);
    assert.equal(await token.methods.balanceOf!(ADDRESSES[0]).call(), SUPPLY - 1234n);
  });

  test("getPastEvents reads the Transfers (eth_getLogs)", async () => {
    const all = await token.getPastEvents("Transfer" as never, { fromBlock: 0, toBlock: "latest" });
    assert.equal(all.length, 2); // the mint and the transfer
    const last = all[1] as unknown as { returnValues: { from: string; to: string; value: bigint } };
    assert.equal(last.returnValues.to, ADDRESSES[1]);
    assert.equal(last.returnValues.value, 1234n);
    const filtered = await token.getPastEvents("Transfer" as never, { fromBlock: 0, filter: { to: ADDRESSES[1] } } as never);
    assert.equal(filtered.length, 1);
  });

  test("a WebSocket provider subscribes to logs and new block heads", async () => {
    const provider = new WebSocketProvider(dev.wsUrl, {}, { autoReconnect: false });
    const ws = new Web3(provider);
    try {
      const logs = await ws.eth.subscribe("logs", { address: tokenAddress, topics: [TRANSFER_TOPIC] });
      const heads = await ws.eth.subscribe("newBlockHeaders");
      const seenLog = new Promise<{ data: string }>((resolve, reject) => {
        logs.on("data", (l) => resolve(l as { data: string }));
        logs.on("error", reject);
      });
      const seenHead = new Promise<bigint>((resolve, reject) => {
        heads.on("data", (h) => resolve(BigInt((h as { number: bigint | number }).number)));
        heads.on("error", reject);
      });
      const receipt = await token.methods.transfer!(ADDRESSES[1], 5n).send({ from });
      const log = await seenLog;
      assert.equal(BigInt(log.data), 5n);
      assert.equal(await seenHead, BigInt(receipt.blockNumber));
      await logs.unsubscribe();
      await heads.unsubscribe();
    } finally {
      provider.disconnect();
    }
  });

  test("a custom-error revert carries the error's name, arguments and data", async () => {
    await assert.rejects(token.methods.forbidden!(42n).call({ from }), (e: unknown) => {
      const cause = (e as { cause?: { errorName?: string; errorArgs?: Record<string, unknown>; data?: string } }).cause;
      assert.equal(cause?.errorName, "NotAllowed");
      assert.equal(cause?.errorArgs?.who, ADDRESSES[0]);
      assert.equal(cause?.errorArgs?.code, 42n);
      assert.equal(cause?.data?.slice(0, 10), web3.eth.abi.encodeFunctionSignature("NotAllowed(address,uint256)"));
      return true;
    });
    await assert.rejects(
      async () => token.methods.transfer!(ADDRESSES[0], 10n ** 30n).send({ from: ADDRESSES[2] }),
      (e: unknown) => {
        const cause = (e as { cause?: { errorName?: string } }).cause;
        assert.equal(cause?.errorName, "ERC20InsufficientBalance");
        return true;
      },
    );
  });

  test("legacy, EIP-2930 and EIP-1559 transactions are mined with their type", async () => {
    const to = "0x4444444444444444444444444444444444444444";
    const gasPrice = await web3.eth.getGasPrice();
    const accessList = [{ address: tokenAddress, storageKeys: [`0x${"00".repeat(31)}01`] }];
    const sends: { type: string; value: bigint; gasPrice?: bigint; accessList?: typeof accessList; gas?: bigint }[] = [
      { type: "0x0", value: 1n, gasPrice },
      // web3 checks a plain transfer for a revert with an eth_call at gas 21000 unless a gas
      // limit is given; with an access list that is below the intrinsic gas (geth refuses it too).
      { type: "0x1", value: 2n, gasPrice, accessList, gas: 30_000n },
      { type: "0x2", value: 3n },
    ];
    for (const s of sends) {
      const receipt = await web3.eth.sendTransaction({ from, to, ...s });
      assert.equal(receipt.status, 1n);
      assert.equal(BigInt(receipt.type!), BigInt(s.type));
      const tx = await web3.eth.getTransaction(receipt.transactionHash);
      assert.equal(BigInt(tx.type!), BigInt(s.type));
    }
    assert.equal(await web3.eth.getBalance(to), 6n);
  });

  test("an EIP-7702 transaction (signed with ethers) goes through web3's request manager; web3 reads its receipt and the delegation", async () => {
    const provider = new JsonRpcProvider(dev.url, 31337, { staticNetwork: true, cacheTimeout: -1 });
    try {
      const { Delegate } = contracts();
      const wallet = new Wallet(KEYS[1], provider);
      const deployed = await new ContractFactory(Delegate.abi as never, Delegate.bytecode, wallet).deploy();
      await deployed.waitForDeployment();
      const delegate = await deployed.getAddress();
      const authority = new Wallet(KEYS[2], provider);
      const auth = await authority.authorize({ address: delegate });
      const iface = new Interface(Delegate.abi as never);
      const signed = await wallet.signTransaction({
        type: 4,
        chainId: 31337,
        nonce: await provider.getTransactionCount(wallet.address),
        to: authority.address,
        data: iface.encodeFunctionData("execute", [5n]),
        authorizationList: [auth],
        gasLimit: 200_000,
        maxFeePerGas: 10n ** 10n,
        maxPriorityFeePerGas: 10n ** 9n,
      });
      const hash = (await web3.requestManager.send({ method: "eth_sendRawTransaction", params: [signed] })) as string;
      const receipt = await web3.eth.getTransactionReceipt(hash);
      assert.equal(receipt.type, 4n);
      assert.equal(receipt.status, 1n);
      assert.equal(receipt.logs[0]?.address?.toLowerCase(), authority.address.toLowerCase());
      assert.equal((await web3.eth.getCode(authority.address)).toLowerCase(), `0xef0100${delegate.slice(2).toLowerCase()}`);
      assert.equal((await web3.eth.getTransaction(hash)).type, 4n);
    } finally {
      provider.destroy();
    }
  });
});
