/**
 * Logs, filters and block reads of cairn dev side by side with anvil: the same signed
 * transactions (a contract emitting Ping(topic1, data), then three calls) go to both chains, so
 * everything the protocol fixes must agree: the logs of eth_getLogs and of log filters, receipts
 * (gas, status, bloom, logs), transactions by block and index, raw transactions, counts, and
 * the fee history's rewards and gas used ratios. Block hashes and timestamps differ (the
 * chains' headers differ), so they are left out of the comparison; so are the answers where geth
 * and anvil disagree (a filter with more topic positions than a log has topics, error wording).
 */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { DevNode } from "../../src/node/index.js";
import { call, startDevNode } from "../integration/rpc-helpers.js";
import { Anvil, findAnvil } from "./anvil.js";
import { rawTx as scenarioRawTx } from "./trace-scenario.js";

const PING = "0x2cbdbe00cebef89186c967208065ecaafca1aa8a8971c4ccaa8ac017a9cad9ae";
const RUNTIME = `602035600052600035${"7f"}${PING.slice(2)}60206000a200`;
const INIT = `0x6030600c60003960306000f3${RUNTIME}`;
/** the address of the first contract key 0 creates (nonce 0) */
const CONTRACT = "0x5fbdb2315678afecb367f032d93f642f64180aa3";
const word = (n: number): string => n.toString(16).padStart(64, "0");

type Json = Record<string, unknown>;

/** Gas 200,000, as the contract's calls need. */
const rawTx = (nonce: number, to: string | undefined, data: string): string => scenarioRawTx(nonce, to, data, 0n, 200_000n);

const RAW = [
  rawTx(0, undefined, INIT),
  rawTx(1, CONTRACT, `0x${word(1)}${word(10)}`),
  rawTx(2, CONTRACT, `0x${word(2)}${word(20)}`),
  rawTx(3, CONTRACT, `0x${word(1)}${word(30)}`),
];

/** A log without what depends on the chain's headers. */
function stripLog(l: unknown): Json {
  const { blockHash: _h, blockTimestamp: _t, ...rest } = l as Json;
  return rest;
}

const RECEIPT_FIELDS = [
  "transactionHash",
  "transactionIndex",
  "blockNumber",
  "from",
  "to",
  "contractAddress",
  "gasUsed",
  "cumulativeGasUsed",
  "status",
  "logsBloom",
  "type",
];

function stripReceipt(r: unknown): Json {
  const o = r as Json;
  const out: Json = { logs: (o.logs as unknown[]).map(stripLog) };
  for (const k of RECEIPT_FIELDS) out[k] = o[k];
  return out;
}

const anvilBinary = findAnvil();

describe("logs and filters: cairn dev and anvil agree", {
  skip: "reason" in anvilBinary ? anvilBinary.reason : false,
  timeout: 60_000,
}, () => {
  let anvil: Anvil;
  let node: DevNode;
  const filters: { anvil: Json; cairn: Json } = { anvil: {}, cairn: {} };
  const both = async (method: string, params: unknown[] = []): Promise<[unknown, unknown]> => [
    await anvil.call(method, params),
    await call(node.server.url, method, params),
  ];

  before(async () => {
    anvil = await Anvil.start((anvilBinary as { path: string }).path);
    node = await startDevNode();
    await both("eth_sendRawTransaction", [RAW[0]]);
    const [fa, fc] = await both("eth_newFilter", [{ address: CONTRACT }]);
    filters.anvil.logs = fa;
    filters.cairn.logs = fc;
    for (const raw of RAW.slice(1)) {
      const [ha, hc] = await both("eth_sendRawTransaction", [raw]);
      assert.equal(ha, hc);
    }
  });

  after(async () => {
    await anvil?.stop();
    await node?.stop();
  });

  test("eth_getLogs answers the same logs", async () => {
    const queries: Json[] = [
      { fromBlock: "0x0" },
      { address: CONTRACT, fromBlock: "0x0", toBlock: "latest" },
      { address: [CONTRACT, `0x${"11".repeat(20)}`], fromBlock: "0x1" },
      { fromBlock: "0x0", topics: [PING, `0x${word(1)}`] },
      { fromBlock: "0x0", topics: [null, [`0x${word(2)}`, `0x${word(1)}`]] },
      { fromBlock: "0x0", topics: [`0x${word(7)}`] },
      { fromBlock: "0x2", toBlock: "0x3" },
      {},
    ];
    for (const q of queries) {
      const [a, c] = await both("eth_getLogs", [q]);
      assert.deepEqual((c as unknown[]).map(stripLog), (a as unknown[]).map(stripLog), JSON.stringify(q));
    }
    const [a] = await both("eth_getLogs", [{ fromBlock: "0x0" }]);
    assert.equal((a as unknown[]).length, 3);
  });

  test("a log filter hands over the same logs", async () => {
    const a = (await anvil.call("eth_getFilterChanges", [filters.anvil.logs])) as unknown[];
    const c = (await call(node.server.url, "eth_getFilterChanges", [filters.cairn.logs])) as unknown[];
    assert.equal(a.length, 3);
    assert.deepEqual(c.map(stripLog), a.map(stripLog));
  });

  test("receipts, transactions by block and index, raw transactions and counts agree", async () => {
    for (let n = 1; n <= 4; n++) {
      const block = `0x${n.toString(16)}`;
      const [ra, rc] = await both("eth_getBlockReceipts", [block]);
      assert.deepEqual((rc as unknown[]).map(stripReceipt), (ra as unknown[]).map(stripReceipt), block);
      const [ta, tc] = await both("eth_getTransactionByBlockNumberAndIndex", [block, "0x0"]);
      for (const k of ["hash", "nonce", "input", "to", "from", "value", "gas", "maxFeePerGas", "maxPriorityFeePerGas", "r", "s"])
        assert.equal((tc as Json)[k], (ta as Json)[k], `${block} ${k}`);
      const [xa, xc] = await both("eth_getRawTransactionByBlockNumberAndIndex", [block, "0x0"]);
      assert.equal(xc, xa);
      assert.equal(xc, RAW[n - 1]);
      const [ca, cc] = await both("eth_getBlockTransactionCountByNumber", [block]);
      assert.equal(cc, ca);
      const [ua, uc] = await both("eth_getUncleCountByBlockNumber", [block]);
      assert.equal(uc, ua);
    }
    const hash = (await call(node.server.url, "eth_getTransactionByBlockNumberAndIndex", ["0x2", "0x0"])) as Json;
    const [ra, rc] = await both("eth_getRawTransactionByHash", [hash.hash]);
    assert.equal(rc, ra);
    const [na, nc] = await both("eth_getBlockReceipts", ["0x99"]);
    assert.equal(nc, na);
  });

  test("eth_feeHistory: same shape, rewards and gas used ratios", async () => {
    const [a, c] = (await both("eth_feeHistory", ["0x3", "latest", [10, 50, 90]])) as [Json, Json];
    assert.deepEqual(Object.keys(c).sort(), Object.keys(a).sort());
    assert.equal(c.oldestBlock, a.oldestBlock);
    assert.deepEqual(c.reward, a.reward);
    assert.deepEqual(c.gasUsedRatio, a.gasUsedRatio);
    assert.deepEqual(c.blobGasUsedRatio, a.blobGasUsedRatio);
    assert.equal((c.baseFeePerGas as unknown[]).length, (a.baseFeePerGas as unknown[]).length);
    assert.equal((c.baseFeePerBlobGas as unknown[]).length, (a.baseFeePerBlobGas as unknown[]).length);
  });
});
