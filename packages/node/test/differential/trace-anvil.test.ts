/**
 * trace_* (Parity-style traces) of cairn dev side by side with anvil: the tracing scenario's
 * transactions (nested CALL, STATICCALL, DELEGATECALL, CREATE, CREATE2, SELFDESTRUCT, reverts,
 * out of gas, precompile calls, a transfer, an EIP-7702 call) plus top-level creations that
 * revert, hit an invalid opcode or run out of gas, and a direct precompile call, go to both
 * chains; trace_transaction, trace_block, trace_filter and trace_replayBlockTransactions must
 * then answer the same, field by field. The chains' block hashes differ (their genesis and
 * timestamps do): Cairn's blockHash is checked against its own block instead. Error wordings
 * where anvil departs from Parity are listed in ANVIL_DIFFERENCES, counted and printed.
 */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { DevNode } from "../../src/node/index.js";
import { call, startDevNode } from "../integration/rpc-helpers.js";
import { Anvil, findAnvil } from "./anvil.js";
import { compile, LEAF, LIB, ROUTER, RUN, rawTx, SENDER, scenarioTransactions, word } from "./trace-scenario.js";

type Json = Record<string, unknown>;

const known = new Map<string, number>();

function diff(cairn: unknown, anvil: unknown, path: string, out: string[]): void {
  if (typeof cairn === "object" && cairn !== null && typeof anvil === "object" && anvil !== null) {
    if (Array.isArray(cairn) !== Array.isArray(anvil)) {
      out.push(`${path}: cairn ${JSON.stringify(cairn)} anvil ${JSON.stringify(anvil)}`);
      return;
    }
    if (Array.isArray(cairn) && Array.isArray(anvil) && cairn.length !== anvil.length)
      out.push(`${path}.length: cairn ${cairn.length} anvil ${anvil.length}`);
    const c = cairn as Json;
    const a = anvil as Json;
    for (const k of new Set([...Object.keys(c), ...Object.keys(a)])) diff(c[k], a[k], `${path}.${k}`, out);
    return;
  }
  const norm = (v: unknown): unknown => (typeof v === "string" ? v.toLowerCase() : v);
  if (norm(cairn) === norm(anvil)) return;
  const k = ANVIL_DIFFERENCES.find((d) => path.endsWith(".error") && d.cairn === cairn && d.anvil === anvil);
  if (k !== undefined) known.set(k.why, (known.get(k.why) ?? 0) + 1);
  else out.push(`${path}: cairn ${JSON.stringify(cairn)} anvil ${JSON.stringify(anvil)}`);
}

const PRECOMPILE_SHA256 = "0x0000000000000000000000000000000000000002";

/**
 * Where anvil departs from Parity's (and geth's flatCallTracer's) wording, Cairn keeps Parity's:
 * each entry names the difference and the values on both sides.
 */
const ANVIL_DIFFERENCES: readonly { why: string; cairn: string; anvil: string }[] = [
  {
    why: "a stack underflow: anvil prints revm's StackUnderflow, Parity and geth Stack underflow",
    cairn: "Stack underflow",
    anvil: "StackUnderflow",
  },
];
const anvilBinary = findAnvil();

describe("trace_*: cairn dev and anvil agree", { skip: "reason" in anvilBinary ? anvilBinary.reason : false, timeout: 120_000 }, () => {
  let anvil: Anvil;
  let node: DevNode;
  const hashes: string[] = [];
  const blockHashes = new Map<number, string>();
  let head = 0;
  const both = async (method: string, params: unknown[]): Promise<[unknown, unknown]> => [
    await call(node.server.url, method, params),
    await anvil.call(method, params),
  ];

  before(async () => {
    anvil = await Anvil.start((anvilBinary as { path: string }).path);
    node = await startDevNode();
    const raws = scenarioTransactions(compile());
    const n = raws.length;
    raws.push(
      // creations that revert, hit an invalid opcode, and run out of gas (with value)
      rawTx(n, undefined, "0x60006000fd"),
      rawTx(n + 1, undefined, "0x60206000fd"),
      rawTx(n + 2, undefined, "0xfe"),
      rawTx(n + 3, undefined, "0x6001600055", 5n, 60_000n),
      // a transaction to a precompile, and a successful plain creation
      rawTx(n + 4, PRECOMPILE_SHA256, "0x1234"),
      rawTx(n + 5, undefined, "0x600a600c600039600a6000f3602a60005260206000f3"),
      // a bad jump, a stack underflow, a CALL with more value than the caller has, and a
      // precompile (bn254 pairing) given a bad input length, each from initcode
      rawTx(n + 6, undefined, "0x600056"),
      rawTx(n + 7, undefined, "0x01"),
      rawTx(n + 8, undefined, "0x6000600060006000600161dead5af100"),
      rawTx(n + 9, undefined, "0x6000600060016000600060085af100"),
    );
    for (const raw of raws) {
      const [hc, ha] = await both("eth_sendRawTransaction", [raw]);
      assert.equal(hc, ha);
      hashes.push(hc as string);
    }
    head = Number(await call(node.server.url, "eth_blockNumber", []));
    for (let i = 0; i <= head; i++) {
      const b = (await call(node.server.url, "eth_getBlockByNumber", [`0x${i.toString(16)}`, false])) as Json;
      blockHashes.set(i, b.hash as string);
    }
  });

  after(async () => {
    await anvil?.stop();
    await node?.stop();
    if (known.size > 0) {
      console.log("known anvil differences from Parity (Cairn follows Parity):");
      for (const [why, n] of known) console.log(`  ${n} x ${why}`);
    }
  });

  /** Differences of a list of traces, once Cairn's blockHash was checked against its own block. */
  function unexplained(c: unknown, a: unknown, label: string): string[] {
    const strip = (list: unknown, own: boolean): unknown =>
      Array.isArray(list)
        ? list.map((t) => {
            const o = t as Json;
            if (!("blockHash" in o)) return o;
            if (own) assert.equal(o.blockHash, blockHashes.get(o.blockNumber as number), `${label}: blockHash of block ${o.blockNumber}`);
            return { ...o, blockHash: "(own block)" };
          })
        : list;
    const out: string[] = [];
    diff(strip(c, true), strip(a, false), label, out);
    return out;
  }

  test("trace_transaction: every transaction", async () => {
    const all: string[] = [];
    for (const [i, h] of hashes.entries()) {
      const [c, a] = await both("trace_transaction", [h]);
      assert.ok(Array.isArray(c) && c.length > 0, `tx ${i} has traces`);
      all.push(...unexplained(c, a, `tx ${i}`));
    }
    assert.deepEqual(all.slice(0, 40), [], `${all.length} differences`);
    const [c, a] = await both("trace_transaction", [`0x${"11".repeat(32)}`]);
    assert.deepEqual(c, a);
  });

  test("trace_block: every block, latest, pending and unknown blocks", async () => {
    const all: string[] = [];
    const tags = [...Array.from({ length: head + 1 }, (_, i) => `0x${i.toString(16)}`), "latest", "pending", "0x999"];
    for (const tag of tags) {
      const [c, a] = await both("trace_block", [tag]);
      all.push(...unexplained(c, a, `block ${tag}`));
    }
    assert.deepEqual(all.slice(0, 40), [], `${all.length} differences`);
    assert.equal(tags.length, head + 4);
  });

  test("trace_filter: ranges, addresses, union, after and count", async () => {
    const filters: Json[] = [
      {},
      { fromBlock: "0x1" },
      { fromBlock: "0x4", toBlock: "0x5" },
      { fromBlock: 1, toBlock: 3 },
      { fromBlock: "0x1", toBlock: "0x12d" },
      { fromBlock: "0x1", toBlock: "0x10", toAddress: [LEAF] },
      { fromBlock: "0x1", toBlock: "0x10", fromAddress: [ROUTER] },
      { fromBlock: "0x1", toBlock: "0x10", fromAddress: [SENDER], toAddress: [LEAF] },
      { fromBlock: "0x1", toBlock: "0x10", toAddress: [LEAF, LIB], after: 1, count: 3 },
      { fromBlock: "0x1", count: 0 },
      { fromBlock: "0x1", after: 10_000 },
      { toAddress: [SENDER] },
      { fromBlock: "0x1", toBlock: "0x10", fromAddress: [ROUTER], toAddress: [LEAF], mode: "intersection" },
      { toAddress: [PRECOMPILE_SHA256] },
    ];
    const all: string[] = [];
    for (const f of filters) {
      const [c, a] = await both("trace_filter", [f]);
      all.push(...unexplained(c, a, `filter ${JSON.stringify(f)}`));
    }
    assert.deepEqual(all.slice(0, 40), [], `${all.length} differences`);
    // A range that runs backwards is refused by both.
    const r = await fetch(node.server.url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "trace_filter", params: [{ fromBlock: "0x5", toBlock: "0x2" }] }),
    });
    const body = (await r.json()) as { error?: { code: number } };
    assert.equal(body.error?.code, -32602);
    await assert.rejects(anvil.call("trace_filter", [{ fromBlock: "0x5", toBlock: "0x2" }]), /invalid block range/);
    // So are ranges of more than 300 blocks, and unknown members.
    for (const f of [
      { fromBlock: "0x1", toBlock: "0x12e" },
      { fromBlock: "0x1", bogus: 1 },
    ]) {
      const res = await fetch(node.server.url, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "trace_filter", params: [f] }),
      });
      assert.equal(((await res.json()) as { error?: { code: number } }).error?.code, -32602, JSON.stringify(f));
      await assert.rejects(anvil.call("trace_filter", [f]), /block range too large|unknown field/);
    }
  });

  test('trace_replayBlockTransactions with ["trace"]', async () => {
    const all: string[] = [];
    for (let i = 1; i <= head; i++) {
      const [c, a] = await both("trace_replayBlockTransactions", [`0x${i.toString(16)}`, ["trace"]]);
      all.push(...unexplained(c, a, `replay block ${i}`));
    }
    assert.deepEqual(all.slice(0, 40), [], `${all.length} differences`);
  });

  test("the traces of a call run in both: run(2) as a transaction", async () => {
    // One more identical transaction, checked right after it is mined on both.
    const raw = rawTx(hashes.length, ROUTER, `${RUN}${word(2n)}`);
    const [hc, ha] = await both("eth_sendRawTransaction", [raw]);
    assert.equal(hc, ha);
    const b = (await call(node.server.url, "eth_getTransactionReceipt", [hc])) as Json;
    blockHashes.set(Number(b.blockNumber), b.blockHash as string);
    const [c, a] = await both("trace_transaction", [hc]);
    assert.deepEqual(unexplained(c, a, "run(2)"), []);
  });
});
