/**
 * eth_sendRawTransaction over a real DevNode: an EIP-4844 blob transaction in the network form
 * (blobs, commitments, KZG proofs) is verified, pooled with its blobs and mined in the canonical
 * form; the canonical form alone is refused as geth refuses it; and the pool's refusals answer
 * -32000 with geth's exact wording (nonce too low, insufficient funds, intrinsic gas, already
 * known, replacement underpriced, block gas limit, oversized data).
 */
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { after, before, describe, test } from "node:test";
import { Transaction as EthersTx, JsonRpcProvider, Wallet } from "ethers";
import type { DevNode } from "../../src/node/index.js";
import { asAddress, asHash32, bytesToHex, hexToBytes } from "../../src/primitives/index.js";
import {
  BYTES_PER_BLOB,
  encodePooledTransaction,
  encodeTransaction,
  kzgToVersionedHash,
  signTransaction,
  transactionHash,
  type UnsignedTransaction,
} from "../../src/types/index.js";
import { call, DEV1, rpcAt, startDevNode } from "./rpc-helpers.js";

const KEY0 = hexToBytes("0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80");
const WALLET = new Wallet(bytesToHex(KEY0));
/** Compressed point at infinity: commitment and proof of a blob of zeros. */
const INFINITY = Uint8Array.from({ length: 48 }, (_, i) => (i === 0 ? 0xc0 : 0));

function blobTx(nonce: bigint, proof: Uint8Array = INFINITY): { network: string; canonical: string; hash: string } {
  const unsigned: UnsignedTransaction = {
    type: 3,
    chainId: 31337n,
    nonce,
    maxPriorityFeePerGas: 1_000_000_000n,
    maxFeePerGas: 10_000_000_000n,
    gasLimit: 21_000n,
    to: asAddress(hexToBytes(DEV1)),
    value: 0n,
    data: new Uint8Array(0),
    accessList: [],
    maxFeePerBlobGas: 1_000_000_000n,
    blobVersionedHashes: [asHash32(kzgToVersionedHash(INFINITY))],
  };
  const tx = signTransaction(unsigned, KEY0);
  const sidecar = { version: 0 as const, blobs: [new Uint8Array(BYTES_PER_BLOB)], commitments: [INFINITY], proofs: [proof] };
  return {
    network: bytesToHex(encodePooledTransaction({ tx, sidecar })),
    canonical: bytesToHex(encodeTransaction(tx)),
    hash: bytesToHex(transactionHash(tx)),
  };
}

describe("eth_sendRawTransaction: blob transactions", () => {
  let node: DevNode;
  let url: string;
  before(async () => {
    node = await startDevNode();
    url = node.server.url;
  });
  after(async () => {
    await node.stop();
  });

  test("the network form is verified, mined in canonical form, and the canonical form alone is refused", async () => {
    const t = blobTx(0n);
    const missing = await rpcAt(url, "eth_sendRawTransaction", [t.canonical]);
    assert.deepEqual(missing.error, { code: -32000, message: "missing sidecar in blob transaction" });
    const bad = Uint8Array.from(INFINITY);
    bad[0] = 0x80; // not a valid compressed point
    const badProof = await rpcAt(url, "eth_sendRawTransaction", [blobTx(0n, bad).network]);
    assert.equal(badProof.error?.code, -32000);
    assert.match(String(badProof.error?.message), /^KZG verification error: /);
    assert.equal(await call(url, "eth_sendRawTransaction", [t.network]), t.hash);
    const receipt = (await call(url, "eth_getTransactionReceipt", [t.hash])) as Record<string, string>;
    assert.equal(receipt.status, "0x1");
    assert.equal(receipt.type, "0x3");
    const block = (await call(url, "eth_getBlockByNumber", [receipt.blockNumber, false])) as Record<string, unknown>;
    assert.equal(block.blobGasUsed, "0x20000");
    const raw = await call(url, "eth_getRawTransactionByHash", [t.hash]).catch(() => undefined);
    if (raw !== undefined) assert.equal(raw, t.canonical);
  });
});

describe("eth_sendRawTransaction: blob transactions under Osaka (EIP-7594)", () => {
  test("a version-0 sidecar is converted to cell proofs, verified and mined, as geth's eth_sendRawTransaction does", async () => {
    const node = await startDevNode({ fork: "Osaka" });
    try {
      const t = blobTx(0n);
      assert.equal(await call(node.server.url, "eth_sendRawTransaction", [t.network]), t.hash);
      const receipt = (await call(node.server.url, "eth_getTransactionReceipt", [t.hash])) as Record<string, string>;
      assert.equal(receipt.status, "0x1");
    } finally {
      await node.stop();
    }
  });
});

describe("eth_sendRawTransaction: a blob transaction from ethers", () => {
  let node: DevNode;
  let url: string;
  before(async () => {
    node = await startDevNode();
    url = node.server.url;
  });
  after(async () => {
    await node.stop();
  });

  test("ethers signs a blob with real data in the network form; the node verifies and mines it", async () => {
    const kzg = createRequire(import.meta.url)("c-kzg") as {
      loadTrustedSetup(p: number): void;
      blobToKzgCommitment(b: Uint8Array): Uint8Array;
      computeBlobKzgProof(b: Uint8Array, c: Uint8Array): Uint8Array;
    };
    try {
      kzg.loadTrustedSetup(0);
    } catch (e) {
      if (!/already loaded/i.test((e as Error).message)) throw e;
    }
    const blob = new Uint8Array(BYTES_PER_BLOB);
    // field elements must stay below the BLS modulus: leave each element's first byte zero
    for (let i = 0; i < blob.length; i++) if (i % 32 !== 0) blob[i] = (i * 7) & 0xff;
    const provider = new JsonRpcProvider(url, 31337, { staticNetwork: true });
    try {
      const wallet = new Wallet(bytesToHex(KEY0), provider);
      const nonce = await provider.getTransactionCount(wallet.address);
      const signed = await wallet.signTransaction({
        type: 3,
        chainId: 31337,
        nonce,
        to: DEV1,
        gasLimit: 21000,
        maxFeePerGas: 10_000_000_000,
        maxPriorityFeePerGas: 1_000_000_000,
        maxFeePerBlobGas: 1_000_000_000,
        blobs: [blob],
        kzg: {
          blobToKzgCommitment: (b: Uint8Array) => kzg.blobToKzgCommitment(b),
          computeBlobKzgProof: (b: Uint8Array, c: Uint8Array) => kzg.computeBlobKzgProof(b, c),
        },
      });
      const parsed = EthersTx.from(signed);
      assert.equal(parsed.blobs?.length, 1, "ethers serialized the network form");
      const hash = await call(url, "eth_sendRawTransaction", [signed]);
      assert.equal(hash, parsed.hash);
      const receipt = (await call(url, "eth_getTransactionReceipt", [hash])) as Record<string, string>;
      assert.equal(receipt.status, "0x1");
      const tx = (await call(url, "eth_getTransactionByHash", [hash])) as Record<string, unknown>;
      assert.deepEqual(tx.blobVersionedHashes, parsed.blobVersionedHashes);
    } finally {
      provider.destroy();
    }
  });
});

describe("eth_sendRawTransaction: geth's refusals", () => {
  let node: DevNode;
  let url: string;
  before(async () => {
    // Interval mining far away: sent transactions stay pending.
    node = await startDevNode({ blockTime: 3600 });
    url = node.server.url;
  });
  after(async () => {
    await node.stop();
  });

  const sign = (o: Record<string, unknown>): Promise<string> =>
    WALLET.signTransaction({
      type: 2,
      chainId: 31337,
      to: DEV1,
      gasLimit: 21000,
      maxFeePerGas: 3_000_000_000,
      maxPriorityFeePerGas: 1_000_000_000,
      nonce: 0,
      ...o,
    });

  async function refusal(raw: string): Promise<{ code: number; message: string } | undefined> {
    return (await rpcAt(url, "eth_sendRawTransaction", [raw])).error;
  }

  test("already known, replacement underpriced, intrinsic gas, funds, block gas limit, oversized data, nonce too low", async () => {
    const first = await sign({});
    await call(url, "eth_sendRawTransaction", [first]);
    assert.deepEqual(await refusal(first), { code: -32000, message: "already known" });
    assert.deepEqual(await refusal(await sign({ value: 1 })), { code: -32000, message: "replacement transaction underpriced" });
    assert.deepEqual(await refusal(await sign({ nonce: 1, gasLimit: 20000 })), {
      code: -32000,
      message: "intrinsic gas too low: gas 20000, minimum needed 21000",
    });
    const rich = 10n ** 30n;
    const funds = await refusal(await sign({ nonce: 1, value: rich }));
    assert.equal(funds?.code, -32000);
    assert.match(String(funds?.message), /^insufficient funds for gas \* price \+ value: balance \d+, tx cost \d+, overshot \d+$/);
    assert.deepEqual(await refusal(await sign({ nonce: 1, gasLimit: 40_000_000 })), {
      code: -32000,
      message: "exceeds block gas limit",
    });
    const big = await refusal(await sign({ nonce: 1, gasLimit: 10_000_000, data: `0x${"01".repeat(140_000)}` }));
    assert.equal(big?.code, -32000);
    assert.match(String(big?.message), /^oversized data/);
    // A sender that is not one of the node's accounts pays at least the minimum tip (geth's --txpool.pricelimit).
    const stranger = new Wallet(`0x${"42".repeat(32)}`);
    const cheap = await stranger.signTransaction({
      type: 2,
      chainId: 31337,
      to: DEV1,
      gasLimit: 21000,
      maxFeePerGas: 3_000_000_000,
      maxPriorityFeePerGas: 0,
      nonce: 0,
    });
    const under = await refusal(cheap);
    assert.equal(under?.code, -32000);
    assert.match(String(under?.message), /^transaction underpriced: gas tip cap 0, minimum needed \d+$/);
    node.producer.mine();
    assert.deepEqual(await refusal(await sign({ value: 7 })), { code: -32000, message: "nonce too low: next nonce 1, tx nonce 0" });
  });
});
