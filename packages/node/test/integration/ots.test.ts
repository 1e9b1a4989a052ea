/**
 * Integration: Otterscan's API of a real DevNode checked against what the chain itself answers
 * through eth_. A factory is deployed and called (it creates a child with CREATE and sends value
 * on), ether moves between dev accounts, some transactions share a block (automine off, then
 * evm_mine). Then: the address history walked page by page backwards and forwards equals a scan
 * of every block; every nonce of the sender maps to its transaction; creators of a top-level and
 * of an internal creation; block details and paged block transactions against eth_getBlock*; and
 * after evm_revert the transactions of the dropped blocks leave the history.
 */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { keccak256 } from "../../src/crypto/index.js";
import { createAddress } from "../../src/evm/index.js";
import type { DevNode } from "../../src/node/index.js";
import { addressFromHex, bytesToHex } from "../../src/primitives/index.js";
import { compileStandardJson } from "../e2e/contracts.js";
import { call, DEV0, DEV1, startDevNode } from "./rpc-helpers.js";

const SOURCE = `// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;
contract Child { constructor() payable {} }
contract Factory {
    function make() external payable returns (address c) {
        c = address(new Child{value: 1}());
        payable(address(0xbeef)).transfer(msg.value - 1);
    }
}`;

function factoryBytecode(): string {
  const input = {
    language: "Solidity",
    sources: { "F.sol": { content: SOURCE } },
    settings: { evmVersion: "prague", outputSelection: { "*": { "*": ["evm.bytecode.object"] } } },
  };
  const out = JSON.parse(compileStandardJson(JSON.stringify(input))) as {
    contracts: Record<string, Record<string, { evm: { bytecode: { object: string } } }>>;
  };
  return `0x${out.contracts["F.sol"]!.Factory!.evm.bytecode.object}`;
}

type Json = Record<string, unknown>;
interface Page {
  txs: Json[];
  receipts: Json[];
  firstPage: boolean;
  lastPage: boolean;
}
const DEV2 = "0x3c44cdddb6a900fa2b585dd299e03d12fa4293bc";
const FACTORY = bytesToHex(createAddress(addressFromHex(DEV0), 0n));
const CHILD = bytesToHex(createAddress(addressFromHex(FACTORY), 1n));
const MAKE = bytesToHex(keccak256(new TextEncoder().encode("make()")).subarray(0, 4));
const hex = (n: number | bigint): string => `0x${n.toString(16)}`;

describe("ots_* over a DevNode agree with the chain", { timeout: 120_000 }, () => {
  let node: DevNode;
  let url: string;
  const rpc = (method: string, params: unknown[] = []): Promise<unknown> => call(url, method, params);
  const send = async (tx: Json): Promise<string> => (await rpc("eth_sendTransaction", [tx])) as string;

  before(async () => {
    node = await startDevNode();
    url = node.server.url;
    await send({ from: DEV0, data: factoryBytecode(), gas: hex(1_000_000) });
    await send({ from: DEV0, to: FACTORY, data: MAKE, value: hex(1000), gas: hex(500_000) });
    for (let i = 0; i < 4; i++) await send({ from: DEV0, to: DEV1, value: hex(i + 1) });
    await send({ from: DEV1, to: DEV0, value: hex(7) });
    // three transactions in one block: two of DEV0's and one of DEV2's
    await rpc("evm_setAutomine", [false]);
    await send({ from: DEV0, to: DEV2, value: hex(1) });
    await send({ from: DEV2, to: DEV1, value: hex(2) });
    await send({ from: DEV0, to: DEV1, value: hex(3) });
    await rpc("evm_mine");
    await rpc("evm_setAutomine", [true]);
    await send({ from: DEV2, to: DEV0, value: hex(9) });
  });
  after(async () => {
    await node?.stop();
  });

  /** Every canonical transaction touching `address` (from, to, created), newest first, by scanning blocks. */
  async function scan(address: string): Promise<string[]> {
    const head = Number(await rpc("eth_blockNumber"));
    const out: string[] = [];
    for (let n = head; n >= 1; n--) {
      const block = (await rpc("eth_getBlockByNumber", [hex(n), true])) as { transactions: Json[] };
      for (const tx of [...block.transactions].reverse()) {
        const receipt = (await rpc("eth_getTransactionReceipt", [tx.hash])) as Json;
        if ([tx.from, tx.to, receipt.contractAddress].includes(address)) out.push(tx.hash as string);
      }
    }
    return out;
  }

  async function walk(address: string, direction: "Before" | "After", pageSize: number): Promise<string[]> {
    const out: string[] = [];
    let cursor = 0;
    for (let pages = 0; pages < 100; pages++) {
      const page = (await rpc(`ots_searchTransactions${direction}`, [address, cursor, pageSize])) as Page;
      assert.equal(page.txs.length, page.receipts.length);
      page.txs.forEach((tx, i) => {
        assert.equal(page.receipts[i]!.transactionHash, tx.hash);
        assert.match(page.receipts[i]!.timestamp as string, /^0x/);
      });
      const hashes = page.txs.map((t) => t.hash as string);
      if (direction === "Before") {
        assert.equal(page.firstPage, cursor === 0);
        out.push(...hashes);
        if (page.lastPage) return out;
        cursor = Number(page.txs[page.txs.length - 1]!.blockNumber);
      } else {
        assert.equal(page.lastPage, cursor === 0);
        out.unshift(...hashes);
        if (page.firstPage) return out;
        cursor = Number(page.txs[0]!.blockNumber);
      }
    }
    throw new Error("history did not end");
  }

  test("history pages, backwards and forwards, equal a scan of every block", async () => {
    for (const address of [DEV0, DEV1, DEV2, FACTORY, CHILD]) {
      const want = await scan(address);
      for (const size of [1, 2, 25]) {
        assert.deepEqual(await walk(address, "Before", size), want, `${address} before, pages of ${size}`);
        assert.deepEqual(await walk(address, "After", size), want, `${address} after, pages of ${size}`);
      }
    }
    // a page never splits a block: DEV0's block of two goes whole into a page of one
    const first = (await rpc("ots_searchTransactionsBefore", [DEV0, 0, 1])) as Page;
    assert.equal(first.txs.length, 1);
    const second = (await rpc("ots_searchTransactionsBefore", [DEV0, Number(first.txs[0]!.blockNumber), 1])) as Page;
    assert.equal(second.txs.length, 2);
    assert.equal(second.txs[0]!.blockNumber, second.txs[1]!.blockNumber);
    // the child was created inside a call: it has no transaction of its own in the index
    assert.deepEqual(await scan(CHILD), []);
  });

  test("sender and nonce, and contract creators", async () => {
    const count = Number(await rpc("eth_getTransactionCount", [DEV0, "latest"]));
    for (let nonce = 0; nonce < count; nonce++) {
      const hash = (await rpc("ots_getTransactionBySenderAndNonce", [DEV0, nonce])) as string;
      const tx = (await rpc("eth_getTransactionByHash", [hash])) as Json;
      assert.equal(tx.from, DEV0);
      assert.equal(tx.nonce, hex(nonce));
    }
    assert.equal(await rpc("ots_getTransactionBySenderAndNonce", [DEV0, count]), null);
    const deploy = (await rpc("ots_getTransactionBySenderAndNonce", [DEV0, 0])) as string;
    assert.deepEqual(await rpc("ots_getContractCreator", [FACTORY]), { hash: deploy, creator: DEV0 });
    // an internal creation: found by searching the stored states, then replaying the block
    const make = (await rpc("ots_getTransactionBySenderAndNonce", [DEV0, 1])) as string;
    assert.deepEqual(await rpc("ots_getContractCreator", [CHILD]), { hash: make, creator: FACTORY });
    assert.equal(await rpc("ots_getContractCreator", [DEV1]), null);
    assert.equal(await rpc("ots_hasCode", [CHILD, "latest"]), true);
    assert.equal(await rpc("ots_hasCode", [CHILD, "0x1"]), false);
    const ops = (await rpc("ots_getInternalOperations", [make])) as Json[];
    assert.deepEqual(ops, [
      { type: 2, from: FACTORY, to: CHILD, value: "0x1" },
      { type: 0, from: FACTORY, to: "0x000000000000000000000000000000000000beef", value: hex(999) },
    ]);
    assert.equal(await rpc("ots_getTransactionError", [make]), "0x");
  });

  test("block details and block transactions agree with eth_getBlock*", async () => {
    const head = Number(await rpc("eth_blockNumber"));
    for (let n = 1; n <= head; n++) {
      const block = (await rpc("eth_getBlockByNumber", [hex(n), false])) as Json;
      const details = (await rpc("ots_getBlockDetails", [n])) as { block: Json; totalFees: string };
      for (const [k, v] of Object.entries(block)) {
        if (k === "transactions" || k === "logsBloom") continue;
        assert.deepEqual(details.block[k], v, `block ${n} ${k}`);
      }
      assert.equal(details.block.transactionCount, (block.transactions as unknown[]).length);
      assert.deepEqual(await rpc("ots_getBlockDetailsByHash", [block.hash]), details);
      const receipts = (await rpc("eth_getBlockReceipts", [hex(n)])) as Json[];
      const fees = receipts.reduce((s, r) => s + BigInt(r.gasUsed as string) * BigInt(r.effectiveGasPrice as string), 0n);
      assert.equal(details.totalFees, hex(fees));
      assert.deepEqual(
        await rpc("erigon_getHeaderByNumber", [n]),
        await rpc("eth_getBlockByNumber", [hex(n), false]).then((b) => {
          const h = { ...(b as Json) };
          for (const k of ["transactions", "uncles", "size", "withdrawals"]) delete h[k];
          return h;
        }),
      );
    }
    // the block of three: Erigon's pages count from its end
    const three = Number(((await rpc("ots_searchTransactionsBefore", [DEV2, 0, 25])) as Page).txs[1]!.blockNumber);
    const full = (await rpc("eth_getBlockByNumber", [hex(three), true])) as { transactions: Json[] };
    assert.equal(full.transactions.length, 3);
    const page0 = (await rpc("ots_getBlockTransactions", [three, 0, 2])) as { fullblock: Json; receipts: Json[] };
    const page1 = (await rpc("ots_getBlockTransactions", [three, 1, 2])) as { fullblock: Json; receipts: Json[] };
    const hashesOf = (p: { fullblock: Json }): unknown[] => (p.fullblock.transactions as Json[]).map((t) => t.hash);
    assert.deepEqual(
      hashesOf(page0),
      full.transactions.slice(1).map((t) => t.hash),
    );
    assert.deepEqual(
      hashesOf(page1),
      full.transactions.slice(0, 1).map((t) => t.hash),
    );
    assert.equal(page0.fullblock.transactionCount, 3);
    assert.deepEqual(
      page0.receipts.map((r) => [r.transactionHash, r.logs]),
      hashesOf(page0).map((h) => [h, null]),
    );
    const make = (await rpc("ots_getTransactionBySenderAndNonce", [DEV0, 1])) as string;
    const makeBlock = Number(((await rpc("eth_getTransactionByHash", [make])) as Json).blockNumber);
    const makePage = (await rpc("ots_getBlockTransactions", [makeBlock, 0, 25])) as { fullblock: Json };
    assert.equal((makePage.fullblock.transactions as Json[])[0]!.input, MAKE);
  });

  test("evm_revert drops the reverted blocks' transactions from the history", async () => {
    const snapshot = await rpc("evm_snapshot");
    const nonce = Number(await rpc("eth_getTransactionCount", [DEV1, "latest"]));
    const hash = await send({ from: DEV1, to: DEV2, value: hex(5) });
    assert.equal(((await rpc("ots_searchTransactionsBefore", [DEV2, 0, 1])) as Page).txs[0]!.hash, hash);
    assert.equal(await rpc("ots_getTransactionBySenderAndNonce", [DEV1, nonce]), hash);
    assert.equal(await rpc("evm_revert", [snapshot]), true);
    assert.equal(await rpc("ots_getTransactionBySenderAndNonce", [DEV1, nonce]), null);
    assert.ok(!(await walk(DEV2, "Before", 25)).includes(hash));
    assert.deepEqual(await walk(DEV2, "Before", 25), await scan(DEV2));
  });
});
