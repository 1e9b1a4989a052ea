/**
 * Logs, filters, subscriptions and block-level reads over a real DevNode (HTTP and WebSocket):
 * a hand-assembled contract emits Ping(topic1, data) events; eth_getLogs by address, topics
 * (wildcards, OR, too many positions), ranges and blockHash; polling filters that hand over only
 * what is new; eth_subscribe newHeads / logs / newPendingTransactions; eth_feeHistory and the
 * block reads; and geth's error codes and wording for bad queries.
 */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import WebSocket from "ws";
import type { DevNode } from "../../src/node/index.js";
import { call, DEV0, rpcAt, startDevNode } from "./rpc-helpers.js";

/** keccak256("Ping(uint256,uint256)") */
const PING = "0x2cbdbe00cebef89186c967208065ecaafca1aa8a8971c4ccaa8ac017a9cad9ae";
const word = (n: number): string => `0x${n.toString(16).padStart(64, "0")}`;

/**
 * Runtime: LOG2(mem[0:32] = calldata[32:64], topic0 = PING, topic1 = calldata[0:32]); STOP.
 * 6020 35 6000 52 6000 35 7f<PING> 6020 6000 a2 00 (48 bytes)
 */
const RUNTIME = `602035600052600035${"7f"}${PING.slice(2)}60206000a200`;
const INIT = `0x6030600c60003960306000f3${RUNTIME}`;
/** Runtime: LOG0 with no data, then as RUNTIME: two logs per call (53 bytes). */
const INIT_TWICE = `0x6035600c60003960356000f360006000a0${RUNTIME}`;

interface Json {
  [k: string]: unknown;
}

class WsClient {
  private readonly socket: WebSocket;
  private nextId = 1;
  private readonly waiting = new Map<number, (msg: Json) => void>();
  readonly notifications = new Map<string, unknown[]>();
  private readonly watchers: (() => void)[] = [];

  private constructor(socket: WebSocket) {
    this.socket = socket;
    socket.on("message", (data) => {
      const msg = JSON.parse(String(data)) as Json;
      if (msg.method === "eth_subscription") {
        const p = msg.params as { subscription: string; result: unknown };
        const list = this.notifications.get(p.subscription) ?? [];
        list.push(p.result);
        this.notifications.set(p.subscription, list);
        for (const w of this.watchers) w();
        return;
      }
      this.waiting.get(msg.id as number)?.(msg);
    });
  }

  static open(url: string): Promise<WsClient> {
    return new Promise((resolve, reject) => {
      const s = new WebSocket(url);
      s.once("open", () => resolve(new WsClient(s)));
      s.once("error", reject);
    });
  }

  request(method: string, params: unknown[] = []): Promise<Json> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.waiting.set(id, resolve);
      this.socket.send(JSON.stringify({ jsonrpc: "2.0", id, method, params }));
    });
  }

  async subscribe(...params: unknown[]): Promise<string> {
    const r = await this.request("eth_subscribe", params);
    assert.equal(r.error, undefined, JSON.stringify(r.error));
    return r.result as string;
  }

  /** Resolves once `id` has received `count` notifications (the test runner's timeout bounds it). */
  until(id: string, count: number): Promise<unknown[]> {
    return new Promise((resolve) => {
      const check = (): void => {
        const got = this.notifications.get(id) ?? [];
        if (got.length >= count) resolve(got);
      };
      this.watchers.push(check);
      check();
    });
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      this.socket.once("close", () => resolve());
      this.socket.close();
    });
  }
}

describe("logs, filters and subscriptions over a DevNode", { timeout: 60_000 }, () => {
  let node: DevNode;
  let url: string;
  let ws: WsClient;
  let a: string;
  let b: string;
  let twice: { address: string; tx: string; blockHash: string };
  const emits: { hash: string; block: string; blockHash: string; to: string; topic1: number }[] = [];
  const subs: Record<string, string> = {};
  const filters: Record<string, string> = {};

  async function send(tx: Json): Promise<Json> {
    const hash = (await call(url, "eth_sendTransaction", [{ from: DEV0, ...tx }])) as string;
    return (await call(url, "eth_getTransactionReceipt", [hash])) as Json;
  }

  async function emit(to: string, topic1: number, data: number): Promise<void> {
    const r = await send({ to, data: `0x${word(topic1).slice(2)}${word(data).slice(2)}` });
    emits.push({ hash: r.transactionHash as string, block: r.blockNumber as string, blockHash: r.blockHash as string, to, topic1 });
  }

  async function errorOf(method: string, params: unknown[]): Promise<{ code: number; message: string }> {
    const r = await rpcAt(url, method, params);
    assert.ok(r.error !== undefined, `${method} should fail`);
    return { code: r.error.code, message: r.error.message };
  }

  before(async () => {
    node = await startDevNode();
    url = node.server.url;
    a = (await send({ data: INIT })).contractAddress as string;
    b = (await send({ data: INIT })).contractAddress as string;
    const c = (await send({ data: INIT_TWICE })).contractAddress as string;
    const r = await send({ to: c, data: `0x${word(5).slice(2)}${word(50).slice(2)}` });
    twice = { address: c, tx: r.transactionHash as string, blockHash: r.blockHash as string };
    ws = await WsClient.open(node.server.wsUrl);
    subs.heads = await ws.subscribe("newHeads");
    subs.logsA = await ws.subscribe("logs", { address: a });
    subs.logsTopic1 = await ws.subscribe("logs", { topics: [PING, word(1)] });
    subs.pending = await ws.subscribe("newPendingTransactions");
    subs.pendingFull = await ws.subscribe("newPendingTransactions", true);
    filters.logsA = (await call(url, "eth_newFilter", [{ address: a }])) as string;
    filters.logsAFromGenesis = (await call(url, "eth_newFilter", [{ address: a, fromBlock: "0x0" }])) as string;
    filters.blocks = (await call(url, "eth_newBlockFilter")) as string;
    filters.pending = (await call(url, "eth_newPendingTransactionFilter")) as string;
    await emit(a, 1, 10);
    await emit(a, 2, 20);
    await emit(b, 1, 30);
  });

  after(async () => {
    await ws?.close();
    await node?.stop();
  });

  test("eth_getLogs by address: one or an array", async () => {
    const byA = (await call(url, "eth_getLogs", [{ address: a, fromBlock: "earliest" }])) as Json[];
    assert.equal(byA.length, 2);
    assert.deepEqual(
      byA.map((l) => l.transactionHash),
      emits.slice(0, 2).map((e) => e.hash),
    );
    const log = byA[0]!;
    assert.equal(log.address, a);
    assert.deepEqual(log.topics, [PING, word(1)]);
    assert.equal(log.data, word(10));
    assert.equal(log.blockNumber, emits[0]!.block);
    assert.equal(log.blockHash, emits[0]!.blockHash);
    assert.equal(log.logIndex, "0x0");
    assert.equal(log.transactionIndex, "0x0");
    assert.equal(log.removed, false);
    assert.equal(typeof log.blockTimestamp, "string");
    const both = (await call(url, "eth_getLogs", [{ address: [a, b], fromBlock: "0x0", toBlock: "latest" }])) as Json[];
    assert.equal(both.length, 3);
  });

  test("eth_getLogs by topics: positions, null wildcards, OR arrays, too many positions", async () => {
    const q = async (topics: unknown[]) => ((await call(url, "eth_getLogs", [{ fromBlock: "0x0", topics }])) as Json[]).length;
    assert.equal(await q([PING, word(1)]), 2);
    assert.equal(await q([null, word(2)]), 1);
    assert.equal(await q([null, [word(1), word(2)]]), 3);
    assert.equal(await q([[word(9), PING]]), 4);
    assert.equal(await q([[PING, null], word(2)]), 1);
    assert.equal(await q([PING, null, null]), 0);
    assert.equal(await q([word(7)]), 0);
  });

  test("eth_getLogs by range and by blockHash", async () => {
    const one = (await call(url, "eth_getLogs", [{ fromBlock: emits[1]!.block, toBlock: emits[1]!.block }])) as Json[];
    assert.deepEqual(
      one.map((l) => l.transactionHash),
      [emits[1]!.hash],
    );
    const latest = (await call(url, "eth_getLogs", [{}])) as Json[];
    assert.deepEqual(
      latest.map((l) => l.address),
      [b],
    );
    const byHash = (await call(url, "eth_getLogs", [{ blockHash: emits[0]!.blockHash, topics: [PING] }])) as Json[];
    assert.deepEqual(
      byHash.map((l) => l.transactionHash),
      [emits[0]!.hash],
    );
  });

  test("several logs in one transaction: log indexes count across the block", async () => {
    const logs = (await call(url, "eth_getLogs", [{ blockHash: twice.blockHash }])) as Json[];
    assert.deepEqual(
      logs.map((l) => [l.address, l.logIndex, l.transactionHash, (l.topics as string[]).length]),
      [
        [twice.address, "0x0", twice.tx, 0],
        [twice.address, "0x1", twice.tx, 2],
      ],
    );
    assert.equal(logs[1]!.data, word(50));
    const second = (await call(url, "eth_getLogs", [{ blockHash: twice.blockHash, topics: [PING] }])) as Json[];
    assert.deepEqual(second, [logs[1]]);
    const receipt = (await call(url, "eth_getTransactionReceipt", [twice.tx])) as Json;
    assert.deepEqual(receipt.logs, logs);
  });

  test("eth_getLogs errors answer geth's codes and wording", async () => {
    const head = Number(await call(url, "eth_blockNumber"));
    const hex = (n: number) => `0x${n.toString(16)}`;
    assert.deepEqual(await errorOf("eth_getLogs", [{ blockHash: emits[0]!.blockHash, fromBlock: "0x1" }]), {
      code: -32602,
      message: "invalid argument 0: cannot specify both BlockHash and FromBlock/ToBlock, choose one or the other",
    });
    assert.deepEqual(await errorOf("eth_getLogs", [{ fromBlock: "0x3", toBlock: "0x2" }]), {
      code: -32602,
      message: "invalid block range params",
    });
    assert.deepEqual(await errorOf("eth_getLogs", [{ fromBlock: hex(head + 5), toBlock: "latest" }]), {
      code: -32602,
      message: "invalid block range params",
    });
    assert.deepEqual(await errorOf("eth_getLogs", [{ fromBlock: "0x1", toBlock: hex(head + 1) }]), {
      code: -32602,
      message: "block range extends beyond current head block",
    });
    assert.deepEqual(await errorOf("eth_getLogs", [{ fromBlock: "pending" }]), {
      code: -32000,
      message: "pending logs are not supported",
    });
    assert.deepEqual(await errorOf("eth_getLogs", [{ blockHash: word(0xdead) }]), { code: -32000, message: "unknown block" });
    assert.deepEqual(await errorOf("eth_getLogs", [{ topics: [null, null, null, null, null] }]), {
      code: -32602,
      message: "invalid argument 0: exceed max topics",
    });
    assert.deepEqual(await errorOf("eth_getLogs", [{ address: "0x1234" }]), {
      code: -32602,
      message: "invalid argument 0: invalid address: hex has invalid length 2 after decoding; expected 20 for address",
    });
  });

  test("filters hand over only what is new, then nothing", async () => {
    const logs = (await call(url, "eth_getFilterChanges", [filters.logsA])) as Json[];
    assert.deepEqual(
      logs.map((l) => l.transactionHash),
      emits.slice(0, 2).map((e) => e.hash),
    );
    assert.deepEqual(await call(url, "eth_getFilterChanges", [filters.logsA]), []);
    const blocks = (await call(url, "eth_getFilterChanges", [filters.blocks])) as string[];
    assert.deepEqual(
      blocks,
      emits.map((e) => e.blockHash),
    );
    const pending = (await call(url, "eth_getFilterChanges", [filters.pending])) as string[];
    assert.deepEqual(
      pending,
      emits.map((e) => e.hash),
    );
    assert.deepEqual(await call(url, "eth_getFilterChanges", [filters.pending]), []);
    // eth_getFilterLogs re-runs the criteria over the chain
    const all = (await call(url, "eth_getFilterLogs", [filters.logsAFromGenesis])) as Json[];
    assert.equal(all.length, 2);
    // a new emit shows up in the next poll only
    await emit(a, 3, 40);
    const next = (await call(url, "eth_getFilterChanges", [filters.logsA])) as Json[];
    assert.deepEqual(
      next.map((l) => l.transactionHash),
      [emits[3]!.hash],
    );
  });

  test("filter ids: unknown is 'filter not found', uninstall answers true then false", async () => {
    assert.deepEqual(await errorOf("eth_getFilterChanges", ["0x1234"]), { code: -32000, message: "filter not found" });
    assert.deepEqual(await errorOf("eth_getFilterLogs", [filters.blocks]), { code: -32000, message: "filter not found" });
    assert.equal(await call(url, "eth_uninstallFilter", [filters.blocks]), true);
    assert.equal(await call(url, "eth_uninstallFilter", [filters.blocks]), false);
    assert.deepEqual(await errorOf("eth_getFilterChanges", [filters.blocks]), { code: -32000, message: "filter not found" });
    assert.deepEqual(await errorOf("eth_newFilter", [{ fromBlock: "pending" }]), {
      code: -32000,
      message: "pending logs are not supported",
    });
    assert.deepEqual(await errorOf("eth_newFilter", [{ fromBlock: "earliest" }]), { code: -32602, message: "invalid block range params" });
  });

  test("subscriptions: newHeads, logs by address and topics, pending hashes and full transactions", async () => {
    const heads = (await ws.until(subs.heads!, 3)) as Json[];
    assert.deepEqual(
      heads.slice(0, 3).map((h) => h.hash),
      emits.slice(0, 3).map((e) => e.blockHash),
    );
    assert.equal(heads[0]!.number, emits[0]!.block);
    for (const k of ["parentHash", "stateRoot", "logsBloom", "baseFeePerGas", "timestamp", "gasUsed"]) assert.ok(k in heads[0]!, k);
    const logsA = (await ws.until(subs.logsA!, 2)) as Json[];
    assert.deepEqual(
      logsA.slice(0, 2).map((l) => l.transactionHash),
      emits.slice(0, 2).map((e) => e.hash),
    );
    const logsT = (await ws.until(subs.logsTopic1!, 2)) as Json[];
    assert.deepEqual(
      logsT.slice(0, 2).map((l) => l.address),
      [a, b],
    );
    const hashes = (await ws.until(subs.pending!, 3)) as string[];
    assert.deepEqual(
      hashes.slice(0, 3),
      emits.slice(0, 3).map((e) => e.hash),
    );
    const full = (await ws.until(subs.pendingFull!, 3)) as Json[];
    assert.equal(full[0]!.hash, emits[0]!.hash);
    assert.equal(full[0]!.blockHash, null);
    assert.equal(full[0]!.from, DEV0);
  });

  test("subscription errors: bad kinds, bad filters, plain HTTP", async () => {
    const bad = await ws.request("eth_subscribe", ["logs", { address: 5 }]);
    assert.deepEqual(bad.error, { code: -32602, message: "invalid argument 1: invalid addresses in query" });
    const none = await ws.request("eth_subscribe", ["nope"]);
    assert.equal((none.error as Json).code, -32601);
    assert.deepEqual(await errorOf("eth_subscribe", ["newHeads"]), { code: -32601, message: "notifications not supported" });
  });

  test("block-level reads", async () => {
    const e = emits[0]!;
    const receipts = (await call(url, "eth_getBlockReceipts", [e.block])) as Json[];
    assert.equal(receipts.length, 1);
    assert.equal(receipts[0]!.transactionHash, e.hash);
    assert.equal((receipts[0]!.logs as Json[]).length, 1);
    // a receipt's logs are the very objects eth_getLogs answers (blockTimestamp included)
    assert.deepEqual(receipts[0]!.logs, await call(url, "eth_getLogs", [{ blockHash: e.blockHash }]));
    assert.deepEqual(await call(url, "eth_getBlockReceipts", [e.blockHash]), receipts);
    assert.deepEqual(await call(url, "eth_getBlockReceipts", [{ blockHash: e.blockHash }]), receipts);
    assert.equal(await call(url, "eth_getBlockReceipts", ["0x999"]), null);
    assert.equal(await call(url, "eth_getBlockReceipts", [word(0xdead)]), null);
    assert.equal(await call(url, "eth_getBlockTransactionCountByHash", [e.blockHash]), "0x1");
    assert.equal(await call(url, "eth_getBlockTransactionCountByNumber", [e.block]), "0x1");
    assert.equal(await call(url, "eth_getBlockTransactionCountByNumber", ["0x999"]), null);
    const tx = (await call(url, "eth_getTransactionByBlockNumberAndIndex", [e.block, "0x0"])) as Json;
    assert.equal(tx.hash, e.hash);
    assert.deepEqual(await call(url, "eth_getTransactionByBlockHashAndIndex", [e.blockHash, "0x0"]), tx);
    assert.equal(await call(url, "eth_getTransactionByBlockHashAndIndex", [e.blockHash, "0x1"]), null);
    const raw = (await call(url, "eth_getRawTransactionByHash", [e.hash])) as string;
    assert.match(raw, /^0x02/);
    assert.equal(await call(url, "eth_getRawTransactionByBlockNumberAndIndex", [e.block, "0x0"]), raw);
    assert.equal(await call(url, "eth_getRawTransactionByHash", [word(0xdead)]), null);
    assert.equal(await call(url, "eth_getUncleCountByBlockHash", [e.blockHash]), "0x0");
    assert.equal(await call(url, "eth_getUncleCountByBlockNumber", ["latest"]), "0x0");
    assert.equal(await call(url, "eth_getUncleByBlockNumberAndIndex", ["latest", "0x0"]), null);
    assert.equal(await call(url, "eth_syncing"), false);
    assert.equal(await call(url, "eth_mining"), true);
    assert.equal(await call(url, "eth_hashrate"), "0x0");
    assert.equal(await call(url, "eth_coinbase"), `0x${"00".repeat(20)}`);
    assert.match((await call(url, "eth_blobBaseFee")) as string, /^0x[0-9a-f]+$/);
  });

  test("eth_feeHistory", async () => {
    const head = BigInt((await call(url, "eth_blockNumber")) as string);
    const h = (await call(url, "eth_feeHistory", ["0x4", "latest", [25, 75]])) as Json;
    assert.equal(h.oldestBlock, `0x${(head - 3n).toString(16)}`);
    assert.equal((h.baseFeePerGas as string[]).length, 5);
    assert.equal((h.baseFeePerBlobGas as string[]).length, 5);
    assert.equal((h.gasUsedRatio as number[]).length, 4);
    assert.equal((h.blobGasUsedRatio as number[]).length, 4);
    // every block holds one transaction paying eth_sendTransaction's 1 gwei tip
    assert.deepEqual(h.reward, Array(4).fill(["0x3b9aca00", "0x3b9aca00"]));
    const block = (await call(url, "eth_getBlockByNumber", ["latest", false])) as Json;
    assert.equal((h.baseFeePerGas as string[])[3], block.baseFeePerGas);
    assert.equal((h.gasUsedRatio as number[])[3], Number(block.gasUsed) / Number(block.gasLimit));
    // more blocks than exist are cut at genesis; no percentiles: no reward field
    const all = (await call(url, "eth_feeHistory", [100, "latest"])) as Json;
    assert.equal(all.oldestBlock, "0x0");
    assert.equal("reward" in all, false);
    assert.deepEqual(await call(url, "eth_feeHistory", ["0x0", "latest", []]), { oldestBlock: "0x0", gasUsedRatio: null });
    assert.deepEqual(await errorOf("eth_feeHistory", ["0x1", `0x${(head + 1n).toString(16)}`, []]), {
      code: -32000,
      message: `request beyond head block: requested ${head + 1n}, head ${head}`,
    });
    assert.deepEqual(await errorOf("eth_feeHistory", ["0x1", "latest", [60, 50]]), {
      code: -32000,
      message: "invalid reward percentile: #0:60.000000 >= #1:50.000000",
    });
  });

  test("a rewind hands removed copies of its logs to filters and subscriptions", async () => {
    // the last emit (A, topic 3) sits in the head block; move the head back to its parent
    const last = emits[3]!;
    const head = (await call(url, "eth_getBlockByNumber", ["latest", false])) as Json;
    assert.equal(head.hash, last.blockHash);
    const seen = (ws.notifications.get(subs.logsA!) ?? []).length;
    node.chain.setHead(Buffer.from((head.parentHash as string).slice(2), "hex"));
    const removed = (await call(url, "eth_getFilterChanges", [filters.logsA])) as Json[];
    assert.deepEqual(
      removed.map((l) => [l.transactionHash, l.removed]),
      [[last.hash, true]],
    );
    const pushed = (await ws.until(subs.logsA!, seen + 1)) as Json[];
    assert.equal(pushed[seen]!.transactionHash, last.hash);
    assert.equal(pushed[seen]!.removed, true);
    // the rewound block is no longer in range queries
    const logs = (await call(url, "eth_getLogs", [{ address: a, fromBlock: "0x0" }])) as Json[];
    assert.equal(logs.length, 2);
  });
});
