/**
 * eth_getProof, eth_createAccessList, the signing methods and the txpool_ namespace over a real
 * DevNode, compared with anvil field by field where the protocol fixes the answer (the same
 * contract deployed by the same transactions has the same storage trie, code hash and storage
 * proofs; typed-data and message signatures are deterministic; access lists and their gas).
 */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { Transaction as EthersTx, Wallet } from "ethers";
import { keccak256 } from "../../src/crypto/index.js";
import type { DevNode } from "../../src/node/index.js";
import { bytesToHex, hexToBytes } from "../../src/primitives/index.js";
import { verifyProof } from "../../src/trie/index.js";
import { type AnvilPeer, startAnvil } from "./anvil-peer.js";
import { call, DEV0, DEV1, rpcAt, startDevNode } from "./rpc-helpers.js";

const KEY0 = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";
/** Runtime: SLOAD(0), BALANCE(DEV1), STATICCALL(0xbeef), return slot 0. */
const RUNTIME = `60005450${"73"}${DEV1.slice(2)}3150${"6000600060006000"}61beef${"5a"}fa50${"60005460005260206000f3"}`;
/** Initcode: SSTORE(0, 0x2a), SSTORE(1, 0x99), return RUNTIME. */
function initcode(): string {
  const runtimeLen = RUNTIME.length / 2;
  const l = runtimeLen.toString(16).padStart(2, "0");
  const prefix = `602a600055609960015560${l}60XX60003960${l}6000f3`;
  const off = (prefix.length / 2).toString(16).padStart(2, "0");
  return `0x${prefix.replace("XX", off)}${RUNTIME}`;
}
const CONTRACT = "0x5fbdb2315678afecb367f032d93f642f64180aa3"; // CREATE(DEV0, nonce 0)

/** A second contract (DEV0's nonce 1) whose code STATICCALLs the first. */
const CALLER = "0xe7f1725e7734ce288f8367e1bb143e90bb3f0512";
const CALLER_RUNTIME = `6000600060006000${"73"}${CONTRACT.slice(2)}5afa5000`;

/** The receipt of `hash`, waiting for it: anvil's automine may finish after its send returns. */
async function receiptOf<T>(url: string, hash: unknown): Promise<T> {
  for (let i = 0; i < 200; i++) {
    const r = await call(url, "eth_getTransactionReceipt", [hash]);
    if (r !== null) return r as T;
    await new Promise((res) => setTimeout(res, 25));
  }
  throw new Error(`no receipt for ${String(hash)} at ${url}`);
}

async function deployCaller(url: string): Promise<void> {
  const l = (CALLER_RUNTIME.length / 2).toString(16).padStart(2, "0");
  const data = `0x60${l}600c60003960${l}6000f3${CALLER_RUNTIME}`;
  const hash = await call(url, "eth_sendTransaction", [{ from: DEV0, data, gas: "0x100000" }]);
  const receipt = await receiptOf<{ contractAddress: string }>(url, hash);
  assert.equal(receipt.contractAddress, CALLER);
}

async function deploy(url: string): Promise<void> {
  const hash = await call(url, "eth_sendTransaction", [{ from: DEV0, data: initcode(), gas: "0x100000" }]);
  const receipt = await receiptOf<{ status: string; contractAddress: string }>(url, hash);
  assert.equal(receipt.status, "0x1");
  assert.equal(receipt.contractAddress, CONTRACT);
}

describe("eth_getProof, eth_createAccessList, signing, txpool", () => {
  let node: DevNode;
  let url: string;
  let anvil: AnvilPeer | undefined;
  before(async () => {
    node = await startDevNode();
    url = node.server.url;
    await deploy(url);
    await deployCaller(url);
    anvil = await startAnvil();
    if (anvil !== undefined) {
      await deploy(anvil.url);
      await deployCaller(anvil.url);
    }
  });
  after(async () => {
    await node.stop();
    await anvil?.stop();
  });

  test("anvil is there to compare with", (t) => {
    if (anvil === undefined) t.skip("anvil binary not installed: comparisons skipped");
  });

  test("eth_getProof verifies against the state root and matches anvil's storage side", async () => {
    const keys = ["0x0", `0x${"0".repeat(63)}1`, "0x02"];
    const proof = (await call(url, "eth_getProof", [CONTRACT, keys, "latest"])) as Record<string, unknown> & {
      accountProof: string[];
      storageProof: { key: string; value: string; proof: string[] }[];
      storageHash: string;
    };
    const block = (await call(url, "eth_getBlockByNumber", ["latest", false])) as { stateRoot: string };
    const leaf = verifyProof(
      hexToBytes(block.stateRoot),
      keccak256(hexToBytes(CONTRACT)),
      proof.accountProof.map((p) => hexToBytes(p)),
    );
    assert.ok(leaf !== undefined && leaf !== null, "account proof verifies");
    assert.deepEqual(
      proof.storageProof.map((s) => [s.key, s.value]),
      [
        ["0x0", "0x2a"],
        [`0x${"0".repeat(63)}1`, "0x99"],
        ["0x2", "0x0"],
      ],
    );
    assert.equal(proof.nonce, "0x1");
    // Any stored block: at genesis the contract does not exist yet.
    const before = (await call(url, "eth_getProof", [CONTRACT, ["0x0"], "0x0"])) as Record<string, unknown>;
    assert.equal(before.nonce, "0x0");
    assert.equal(before.codeHash, "0xc5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470");
    assert.deepEqual(before.storageProof, [{ key: "0x0", value: "0x0", proof: [] }]);
    const bad = await rpcAt(url, "eth_getProof", [CONTRACT, [`0x${"1".repeat(66)}`], "latest"]);
    assert.equal(bad.error?.message, "hex string too long, want at most 32 bytes");
    const none = (await call(url, "eth_getProof", ["0x000000000000000000000000000000000000abcd", ["0x1"], "latest"])) as Record<
      string,
      unknown
    >;
    assert.equal(none.storageHash, "0x56e81f171bcc55a6ff8345e692c0f86e5b48e01b996cadc001622fb5e363b421");
    assert.equal(none.codeHash, "0xc5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470");
    if (anvil !== undefined) {
      const fullKeys = [`0x${"0".repeat(64)}`, `0x${"0".repeat(63)}1`, `0x${"0".repeat(63)}2`];
      const ours = (await call(url, "eth_getProof", [CONTRACT, fullKeys, "latest"])) as Record<string, unknown>;
      const theirs = (await call(anvil.url, "eth_getProof", [CONTRACT, fullKeys, "latest"])) as Record<string, unknown>;
      for (const f of ["address", "codeHash", "nonce", "balance", "storageHash", "storageProof"]) assert.deepEqual(ours[f], theirs[f], f);
    }
  });

  test("eth_createAccessList finds the slot, the balance target and the static call, and matches anvil", async () => {
    const args = { from: DEV0, to: CONTRACT };
    const r = (await call(url, "eth_createAccessList", [args, "latest"])) as {
      accessList: { address: string; storageKeys: string[] }[];
      gasUsed: string;
    };
    assert.deepEqual(r.accessList, [
      { address: "0x000000000000000000000000000000000000beef", storageKeys: [] },
      { address: CONTRACT, storageKeys: [`0x${"0".repeat(64)}`] },
      { address: DEV1, storageKeys: [] },
    ]);
    // The list's gas: a call with it costs exactly gasUsed.
    const withList = await call(url, "eth_estimateGas", [{ ...args, accessList: r.accessList }]);
    assert.ok(BigInt(withList as string) >= BigInt(r.gasUsed));
    // A reverting creation: the error is reported beside the list, which holds its touched slots.
    const reverting = (await call(url, "eth_createAccessList", [{ from: DEV0, data: "0x6001545060006000fd" }, "latest"])) as Record<
      string,
      unknown
    >;
    assert.equal(reverting.error, "execution reverted");
    if (anvil !== undefined) {
      const a = (await call(anvil.url, "eth_createAccessList", [args, "latest"])) as typeof r;
      const sort = (l: typeof r.accessList) => [...l].sort((x, y) => x.address.localeCompare(y.address));
      assert.deepEqual(sort(r.accessList), sort(a.accessList));
      assert.equal(r.gasUsed, a.gasUsed);
    }
  });

  test("eth_createAccessList through a nested call keeps the callee's slots under the callee", async () => {
    const r = (await call(url, "eth_createAccessList", [{ from: DEV0, to: CALLER }, "latest"])) as {
      accessList: { address: string; storageKeys: string[] }[];
      gasUsed: string;
    };
    assert.deepEqual(r.accessList, [
      { address: "0x000000000000000000000000000000000000beef", storageKeys: [] },
      { address: CONTRACT, storageKeys: [`0x${"0".repeat(64)}`] },
      { address: DEV1, storageKeys: [] },
    ]);
    if (anvil !== undefined) {
      const a = (await call(anvil.url, "eth_createAccessList", [{ from: DEV0, to: CALLER }, "latest"])) as typeof r;
      const sort = (l: typeof r.accessList) => [...l].sort((x, y) => x.address.localeCompare(y.address));
      assert.deepEqual(sort(r.accessList), sort(a.accessList));
      assert.equal(r.gasUsed, a.gasUsed);
    }
  });

  test("eth_estimateGas and eth_call agree with anvil on a contract call", async () => {
    const args = { from: DEV0, to: CONTRACT };
    assert.equal(await call(url, "eth_call", [args, "latest"]), `0x${"2a".padStart(64, "0")}`);
    if (anvil !== undefined) {
      const ours = BigInt((await call(url, "eth_estimateGas", [args])) as string);
      const theirs = BigInt((await call(anvil.url, "eth_estimateGas", [args])) as string);
      // geth's estimator stops within 1.5% above the minimum; both must succeed at their estimate.
      assert.ok(ours >= theirs && ours <= (theirs * 1015n) / 1000n + 1n, `ours ${ours} anvil ${theirs}`);
      assert.equal(
        await call(anvil.url, "eth_estimateGas", [{ from: DEV0, to: DEV1, value: "0x1" }]),
        await call(url, "eth_estimateGas", [{ from: DEV0, to: DEV1, value: "0x1" }]),
      );
    }
  });

  test("eth_sign, personal_sign and eth_signTypedData_v4 match ethers and anvil", async () => {
    const wallet = new Wallet(KEY0);
    const msg = "0x48656c6c6f"; // "Hello"
    const want = await wallet.signMessage(hexToBytes(msg));
    assert.equal(await call(url, "eth_sign", [DEV0, msg]), want);
    assert.equal(await call(url, "personal_sign", [msg, DEV0]), want);
    assert.equal(await call(url, "personal_ecRecover", [msg, want]), DEV0);
    const unknown = await rpcAt(url, "eth_sign", ["0x000000000000000000000000000000000000abcd", msg]);
    assert.equal(unknown.error?.message, "unknown account");
    const typed = {
      types: {
        EIP712Domain: [
          { name: "name", type: "string" },
          { name: "chainId", type: "uint256" },
        ],
        Note: [
          { name: "text", type: "string" },
          { name: "n", type: "uint256" },
        ],
      },
      primaryType: "Note",
      domain: { name: "cairn", chainId: 31337 },
      message: { text: "hi", n: "7" },
    };
    const sig = await call(url, "eth_signTypedData_v4", [DEV0, typed]);
    const { EIP712Domain: _, ...types } = typed.types;
    assert.equal(sig, await wallet.signTypedData(typed.domain, types, typed.message));
    assert.equal(await call(url, "eth_signTypedData_v3", [DEV0, JSON.stringify(typed)]), sig);
    if (anvil !== undefined) assert.equal(sig, await call(anvil.url, "eth_signTypedData_v4", [DEV0, typed]));
  });

  test("eth_signTransaction returns the raw signed transaction and its JSON without sending it", async () => {
    const args = {
      from: DEV0,
      to: DEV1,
      gas: "0x5208",
      maxFeePerGas: "0x77359400",
      maxPriorityFeePerGas: "0x3b9aca00",
      nonce: "0x9",
      value: "0x1",
    };
    const r = (await call(url, "eth_signTransaction", [args])) as { raw: string; tx: Record<string, string> };
    const parsed = EthersTx.from(r.raw);
    assert.equal(parsed.from?.toLowerCase(), DEV0);
    assert.equal(parsed.nonce, 9);
    assert.equal(r.tx.hash, parsed.hash);
    assert.equal(r.tx.type, "0x2");
    const want = await new Wallet(KEY0).signTransaction({
      type: 2,
      chainId: 31337,
      to: DEV1,
      gasLimit: 21000,
      maxFeePerGas: 2_000_000_000,
      maxPriorityFeePerGas: 1_000_000_000,
      nonce: 9,
      value: 1,
    });
    assert.equal(r.raw, want);
    const missing = await rpcAt(url, "eth_signTransaction", [{ from: DEV0, to: DEV1, gas: "0x5208", gasPrice: "0x1" }]);
    assert.equal(missing.error?.message, "nonce not specified");
  });
});

describe("txpool_ namespace", () => {
  let node: DevNode;
  let url: string;
  before(async () => {
    node = await startDevNode({ blockTime: 3600 });
    url = node.server.url;
  });
  after(async () => {
    await node.stop();
  });

  test("content, contentFrom, status and inspect as geth shapes them", async () => {
    const wallet = new Wallet(KEY0);
    const tx = (nonce: number) =>
      wallet.signTransaction({
        type: 2,
        chainId: 31337,
        to: DEV1,
        gasLimit: 21000,
        maxFeePerGas: 3_000_000_000,
        maxPriorityFeePerGas: 1_000_000_000,
        nonce,
        value: 5,
      });
    const h0 = await call(url, "eth_sendRawTransaction", [await tx(0)]);
    const h2 = await call(url, "eth_sendRawTransaction", [await tx(2)]);
    assert.deepEqual(await call(url, "txpool_status"), { pending: "0x1", queued: "0x1" });
    const checksummed = "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266";
    const content = (await call(url, "txpool_content")) as Record<string, Record<string, Record<string, Record<string, unknown>>>>;
    assert.deepEqual(Object.keys(content.pending!), [checksummed]);
    const p0 = content.pending![checksummed]!["0"]!;
    assert.equal(p0.hash, h0);
    assert.equal(p0.blockHash, null);
    assert.equal(p0.gasPrice, "0xb2d05e00");
    assert.equal(content.queued![checksummed]!["2"]!.hash, h2);
    const from = (await call(url, "txpool_contentFrom", [DEV0])) as Record<string, Record<string, Record<string, unknown>>>;
    assert.deepEqual(Object.keys(from.pending!), ["0"]);
    assert.deepEqual(Object.keys(from.queued!), ["2"]);
    const inspect = (await call(url, "txpool_inspect")) as Record<string, Record<string, Record<string, string>>>;
    assert.equal(inspect.pending![checksummed]!["0"], "0x70997970C51812dc3A010C7d01b50e0d17dc79C8: 5 wei + 21000 gas × 3000000000 wei");
    assert.equal(bytesToHex(hexToBytes(String(h0))), h0);
  });
});
