/**
 * debug_trace* of cairn dev side by side with anvil: the same signed transactions (deploys of a
 * small Solidity system, then calls with nested CALL, STATICCALL, DELEGATECALL, CREATE, CREATE2,
 * SELFDESTRUCT, events, a caught revert and a reverting transaction, and a plain transfer) go to
 * both chains; then debug_traceTransaction with callTracer (with and without logs),
 * prestateTracer (plain and diff mode), 4byteTracer and the default struct logger must answer
 * the same, field by field. Where anvil is known to differ from geth, the difference is listed
 * in ANVIL_DIFFERENCES with its reason, counted and printed, and the test checks Cairn's side
 * against geth's rule instead.
 */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { keccak256 } from "../../src/crypto/index.js";
import type { DevNode } from "../../src/node/index.js";
import { bytesToHex, hexToBytes } from "../../src/primitives/index.js";
import { call, startDevNode } from "../integration/rpc-helpers.js";
import { Anvil, findAnvil } from "./anvil.js";
import { compile, ROUTER, RUN, scenarioTransactions, word } from "./trace-scenario.js";

type Json = Record<string, unknown>;

interface Difference {
  readonly path: string;
  readonly cairn: unknown;
  readonly anvil: unknown;
  /** The object holding the Cairn value (for rules that look at siblings). */
  readonly cairnParent: Json | undefined;
}

function diff(cairn: unknown, anvil: unknown, path: string, out: Difference[], cairnParent?: Json): void {
  if (typeof cairn === "object" && cairn !== null && typeof anvil === "object" && anvil !== null) {
    if (Array.isArray(cairn) !== Array.isArray(anvil)) {
      out.push({ path, cairn, anvil, cairnParent });
      return;
    }
    if (Array.isArray(cairn) && Array.isArray(anvil) && cairn.length !== anvil.length) {
      out.push({ path: `${path}.length`, cairn: cairn.length, anvil: anvil.length, cairnParent });
    }
    const c = cairn as Json;
    const a = anvil as Json;
    for (const k of new Set([...Object.keys(c), ...Object.keys(a)])) diff(c[k], a[k], `${path}.${k}`, out, c);
    return;
  }
  const norm = (v: unknown): unknown => (typeof v === "string" ? v.toLowerCase() : v);
  if (norm(cairn) !== norm(anvil)) out.push({ path, cairn, anvil, cairnParent });
}

const SENDER = "0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266";
const GAS_LIMIT = "0x2dc6c0";
const GAS_LIMITS = new Set([GAS_LIMIT, "0x15f90"]);
const isEmptyAccount = (v: unknown): boolean => {
  const o = v as Json | undefined;
  return o !== undefined && o.balance === "0x0" && o.nonce === undefined && o.code === undefined;
};

/**
 * Known differences between anvil and geth, by path pattern (array indices and account keys
 * as [*]); each checks that Cairn's side is geth's.
 */
const ANVIL_DIFFERENCES: readonly { pattern: RegExp; why: string; cairnOk: (d: Difference) => boolean }[] = [
  {
    pattern: /^\$\.gas$/,
    why: "callTracer top frame gas: anvil prints the gas left after intrinsic gas, geth the transaction's gas limit",
    cairnOk: (d) => GAS_LIMITS.has(d.cairn as string),
  },
  {
    pattern: /^\$\.calls$/,
    why: "callTracer onlyTopCall: anvil keeps a SELFDESTRUCT of the top frame as a subcall, geth skips every frame below the top",
    cairnOk: (d) =>
      d.cairn === undefined &&
      Array.isArray(d.anvil) &&
      d.anvil.every((c) => (c as Json).type === "SELFDESTRUCT") &&
      d.cairnParent !== undefined,
  },
  {
    pattern: /\.logs\[\*\]\.index$/,
    why: "callTracer logs: anvil adds an index member that geth's callLog does not have",
    cairnOk: (d) => d.cairn === undefined,
  },
  {
    pattern: /(^\$|\.calls\[\*\])\.logs$/,
    why: "callTracer withLog: anvil keeps the logs of a failed frame, geth's clearFailedLogs drops them",
    cairnOk: (d) => d.cairn === undefined && d.cairnParent?.error !== undefined,
  },
  {
    pattern: /^\$(\.pre)?\.\[\*\]$/,
    why: "prestateTracer: anvil lists a contract the transaction created (empty before it), geth drops it from pre",
    cairnOk: (d) => d.cairn === undefined && isEmptyAccount(d.anvil),
  },
  {
    pattern: /\.codeHash$/,
    why: "prestateTracer: anvil has no codeHash member; geth prints it beside the code",
    cairnOk: (d) =>
      typeof d.cairn === "string" &&
      typeof d.cairnParent?.code === "string" &&
      bytesToHex(keccak256(hexToBytes(d.cairnParent.code as string))) === d.cairn,
  },
  {
    pattern: /\.structLogs\[\*\]\.storage\.(0x)?[0-9a-f]{64}$/,
    why: "struct logs: anvil prefixes storage slots and values with 0x, geth prints bare hex",
    cairnOk: (d) => {
      const key = d.path.slice(d.path.lastIndexOf(".") + 1);
      if (d.cairn === undefined) return key.startsWith("0x") && d.cairnParent?.[key.slice(2)] === (d.anvil as string).slice(2);
      return !key.startsWith("0x") && typeof d.cairn === "string" && !d.cairn.startsWith("0x");
    },
  },
  {
    pattern: /\.structLogs\[\*\]\.error$/,
    why: "struct logs: anvil prints an out-of-gas error as Some(OutOfGas), geth as out of gas",
    cairnOk: (d) => d.cairn === "out of gas" && d.anvil === "Some(OutOfGas)",
  },
  {
    pattern: /\.structLogs\[\*\]\.gasCost$/,
    why: "struct logs: on out of gas anvil prints the gas left as the cost, geth the cost it could not pay",
    cairnOk: (d) =>
      d.cairnParent?.error === "out of gas" && d.anvil === d.cairnParent.gas && (d.cairn as number) > (d.cairnParent.gas as number),
  },
  {
    pattern: /^\$\.0x[0-9a-f]{8}-\d+$/,
    why: "4byteTracer: anvil counts calls to precompiles, geth skips them",
    cairnOk: (d) => d.cairn === undefined && d.anvil === 1,
  },
  {
    pattern: /\.structLogs\[\*\]\.refund$/,
    why: "struct logs: anvil prints refund 0, geth omits it (omitempty)",
    cairnOk: (d) => d.cairn === undefined && d.anvil === 0,
  },
  {
    pattern: /\.structLogs\[\*\]\.refund$/,
    why: "struct logs: geth's refund counter holds the EIP-7702 refund for an existing authority (12500) from the start, anvil's does not",
    cairnOk: (d) => d.cairn === (d.anvil as number) + 12_500,
  },
  {
    pattern: /\.structLogs\[\*\]\.returnData$/,
    why: "struct logs: anvil prints empty return data as 0x, geth omits it",
    cairnOk: (d) => d.cairn === undefined && d.anvil === "0x",
  },
  {
    pattern: /\.structLogs\[\*\]\.memory$/,
    why: "struct logs: anvil prints empty memory as [], geth omits it",
    cairnOk: (d) => d.cairn === undefined && Array.isArray(d.anvil) && d.anvil.length === 0,
  },
  {
    pattern: /\.structLogs\[\*\]\.memory\[\*\]$/,
    why: "struct logs: anvil prefixes memory words with 0x, geth prints bare hex",
    cairnOk: (d) => typeof d.cairn === "string" && d.anvil === `0x${d.cairn}` && !d.cairn.startsWith("0x"),
  },
];

const anvilBinary = findAnvil();

describe("debug_trace*: cairn dev and anvil agree", {
  skip: "reason" in anvilBinary ? anvilBinary.reason : false,
  timeout: 120_000,
}, () => {
  let anvil: Anvil;
  let node: DevNode;
  const hashes: string[] = [];
  const blocks: number[] = [];
  const known = new Map<string, number>();
  const both = async (method: string, params: unknown[] = []): Promise<[unknown, unknown]> => [
    await call(node.server.url, method, params),
    await anvil.call(method, params),
  ];

  before(async () => {
    const built = compile();
    // anvil records the steps of mined transactions only with --steps-tracing.
    anvil = await Anvil.start((anvilBinary as { path: string }).path, ["--steps-tracing"]);
    node = await startDevNode();
    const raws = scenarioTransactions(built);
    for (const raw of raws) {
      const [hc, ha] = await both("eth_sendRawTransaction", [raw]);
      assert.equal(hc, ha);
      hashes.push(hc as string);
    }
    for (const h of hashes) {
      const r = (await call(node.server.url, "eth_getTransactionReceipt", [h])) as Json;
      blocks.push(Number(r.blockNumber));
    }
  });

  after(async () => {
    await anvil?.stop();
    await node?.stop();
    if (known.size > 0) {
      console.log("known anvil differences from geth (Cairn follows geth):");
      for (const [why, n] of known) console.log(`  ${n} x ${why}`);
    }
  });

  /** The differences of one pair of answers that no known anvil difference explains. */
  async function unexplained(c: unknown, a: unknown, label: string, i: number): Promise<string[]> {
    const found: Difference[] = [];
    diff(c, a, "$", found);
    const out: string[] = [];
    for (const d of found) {
      // Block traces hold each transaction's trace under [i].result.
      const pat = d.path
        .replace(/\.\d{1,6}(?=\.|$)/g, "[*]")
        .replace(/\.0x[0-9a-fA-F]{40}(?=\.|$)/g, ".[*]")
        .replace(/^\$\[\*\]\.result/, "$");
      if (/^\$(\.pre|\.post)?\.0x[0-9a-f]{40}\.balance$/.test(d.path) && d.path.includes(SENDER)) {
        // The chains' base fees differ (anvil's genesis rules), so the sender's balance does:
        // Cairn's must be its own balance before (pre) or after (post) the transaction.
        const block = blocks[i]!;
        const at = d.path.startsWith("$.post.") ? block : block - 1;
        const balance = await call(node.server.url, "eth_getBalance", [SENDER, `0x${at.toString(16)}`]);
        assert.equal(d.cairn, balance, `${label} tx ${i} ${d.path}`);
        const why = `${label}: the sender's balance (the chains' base fees differ)`;
        known.set(why, (known.get(why) ?? 0) + 1);
        continue;
      }
      const k = ANVIL_DIFFERENCES.find((x) => x.pattern.test(pat) && x.cairnOk(d));
      if (k !== undefined) {
        const why = `${label}: ${k.why}`;
        known.set(why, (known.get(why) ?? 0) + 1);
      } else out.push(`tx ${i} ${d.path}: cairn ${JSON.stringify(d.cairn)} anvil ${JSON.stringify(d.anvil)}`);
    }
    return out;
  }

  async function compareTraces(config: Json | undefined, label: string): Promise<number> {
    let compared = 0;
    const all: string[] = [];
    for (const [i, hash] of hashes.entries()) {
      const params = config === undefined ? [hash] : [hash, config];
      const [c, a] = await both("debug_traceTransaction", params);
      all.push(...(await unexplained(c, a, label, i)));
      compared++;
    }
    assert.deepEqual(all.slice(0, 40), [], `${label}: ${all.length} unexplained differences`);
    return compared;
  }

  test("callTracer", async () => {
    assert.equal(await compareTraces({ tracer: "callTracer" }, "callTracer"), 12);
  });
  test("callTracer with logs", async () => {
    assert.equal(await compareTraces({ tracer: "callTracer", tracerConfig: { withLog: true } }, "callTracer withLog"), 12);
  });
  test("callTracer onlyTopCall", async () => {
    assert.equal(await compareTraces({ tracer: "callTracer", tracerConfig: { onlyTopCall: true } }, "callTracer onlyTopCall"), 12);
  });
  test("prestateTracer", async () => {
    assert.equal(await compareTraces({ tracer: "prestateTracer" }, "prestateTracer"), 12);
  });
  test("prestateTracer diffMode", async () => {
    assert.equal(await compareTraces({ tracer: "prestateTracer", tracerConfig: { diffMode: true } }, "prestateTracer diff"), 12);
  });
  test("4byteTracer", async () => {
    assert.equal(await compareTraces({ tracer: "4byteTracer" }, "4byteTracer"), 12);
  });
  test("struct logger, default config", async () => {
    assert.equal(await compareTraces(undefined, "structLogger"), 12);
  });
  test("struct logger with memory and return data, without stack", async () => {
    const config = { enableMemory: true, enableReturnData: true, disableStack: true };
    assert.equal(await compareTraces(config, "structLogger memory"), 12);
  });

  test("debug_traceBlockByNumber and debug_traceBlockByHash: [{txHash, result}] per transaction", async () => {
    const config = { tracer: "callTracer", tracerConfig: { withLog: true } };
    const number = `0x${blocks[3]!.toString(16)}`;
    const [c, a] = await both("debug_traceBlockByNumber", [number, config]);
    assert.deepEqual(await unexplained(c, a, "traceBlockByNumber", 3), []);
    const single = await call(node.server.url, "debug_traceTransaction", [hashes[3], config]);
    assert.deepEqual(c, [{ txHash: hashes[3], result: single }]);
    const block = (await call(node.server.url, "eth_getBlockByNumber", [number, false])) as Json;
    assert.deepEqual(await call(node.server.url, "debug_traceBlockByHash", [block.hash, config]), c);
    const [sc, sa] = await both("debug_traceBlockByNumber", [number, {}]);
    assert.deepEqual(await unexplained(sc, sa, "traceBlockByNumber structLogger", 3), []);
  });

  test("debug_traceCall on the latest state", async () => {
    const args = { from: SENDER, to: ROUTER, data: `${RUN}${word(2n)}`, gas: GAS_LIMIT };
    // anvil has no 4byteTracer for calls.
    for (const config of [{ tracer: "callTracer", tracerConfig: { withLog: true } }, {}]) {
      const [c, a] = await both("debug_traceCall", [args, "latest", config]);
      assert.deepEqual(await unexplained(c, a, `traceCall ${JSON.stringify(config)}`, hashes.length), []);
    }
  });
});
