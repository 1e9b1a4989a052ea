/**
 * cli/bench-rpc: `cairn bench rpc [--quick] [--json] [--duration S] [--clients N] [--txs N]
 * [--only M[,M]] [--profile DIR]`.
 *
 * JSON-RPC request throughput and latency of `cairn dev` and anvil, in one run, on the same
 * machine: both are started as their own processes on 127.0.0.1 with the same mnemonic, chain id
 * (31337) and hardfork (Prague), and given the same state by the same signed transactions
 * (bench-rpc-setup.ts). Then, for each method, N clients with keep-alive connections send one
 * request at a time (bench-rpc-load.ts): read methods for a fixed duration after a short
 * warm-up, eth_sendRawTransaction with pre-signed ether transfers (one sender per client, nonces
 * in order, automine: every request mines a block). Reported: requests/s, latency p50 and p99,
 * error answers, and the Cairn/anvil throughput ratio. Before timing, the read methods' answers
 * are compared between the two servers (log fields that depend on block timestamps aside), so a
 * fast wrong answer cannot pass as a win. `--profile DIR` runs Cairn under `node --cpu-prof`.
 */
import { cpus, totalmem } from "node:os";
import { BenchCompileError, compileWorkloads } from "./bench-evm-compile.js";
import { EngineUnavailable } from "./bench-evm-engine.js";
import { type LoadResult, runLoad } from "./bench-rpc-load.js";
import { BenchRpcError, RpcClient, type RpcPeer, startAnvilPeer, startCairnPeer } from "./bench-rpc-peers.js";
import { applySetup, balanceOfData, planSetup, type SetupPlan, TRANSFER_TOPIC } from "./bench-rpc-setup.js";

const USAGE = `usage: cairn bench rpc [--quick] [--json] [--duration S] [--clients N] [--txs N] [--only M[,M]] [--profile DIR]
  --quick       1 s per read method, 4 clients, 50 transactions per client
  --json        machine-readable output on stdout
  --duration S  seconds per read method and server (default 5)
  --clients N   concurrent clients, each with its own keep-alive connection (default 16)
  --txs N       pre-signed transactions per client for eth_sendRawTransaction (default 250)
  --only M,...  methods to run (eth_call, eth_getBalance, eth_getLogs, eth_sendRawTransaction)
  --profile DIR run cairn dev with --cpu-prof, writing the profile into DIR
`;

export const RPC_METHODS = ["eth_call", "eth_getBalance", "eth_getLogs", "eth_sendRawTransaction"] as const;
export type RpcMethod = (typeof RPC_METHODS)[number];

export interface RpcBenchOptions {
  readonly durationMs: number;
  readonly warmupMs: number;
  readonly clients: number;
  readonly txsPerClient: number;
  readonly holders: number;
  readonly transfers: number;
  readonly methods: readonly RpcMethod[];
  readonly profileDir?: string;
}

export interface MethodResult {
  readonly method: RpcMethod;
  /** Undefined when the method was not timed (see `skipped`). */
  readonly cairn?: LoadResult;
  readonly anvil?: LoadResult;
  /** Why the method was not timed: a server does not serve it. */
  readonly skipped?: string;
  /** Read methods: sample requests whose answers differed between the servers. */
  readonly mismatches: readonly string[];
  /** Read methods: sample requests compared. */
  readonly compared: number;
  /** eth_sendRawTransaction: transactions each server had not mined when the last answer came. */
  readonly leftPending?: { readonly cairn: number; readonly anvil: number };
  /** eth_sendRawTransaction: accepted transactions that were never mined (dropped). */
  readonly lost?: { readonly cairn: number; readonly anvil: number };
}

export interface RpcBenchReport {
  readonly anvilVersion: string;
  readonly cairnVersion: string;
  readonly clients: number;
  readonly blocks: number;
  readonly results: readonly MethodResult[];
}

const enc = (method: string, params: unknown[]): Buffer => Buffer.from(JSON.stringify({ jsonrpc: "2.0", id: 1, method, params }));

/** The parameter lists a read method cycles through. */
function readParams(method: RpcMethod, plan: SetupPlan): unknown[][] {
  switch (method) {
    case "eth_call":
      return plan.holders.map((h) => [{ to: plan.token, data: balanceOfData(h) }, "latest"]);
    case "eth_getBalance":
      return [...plan.senders, ...plan.holders].map((a) => [a, "latest"]);
    case "eth_getLogs":
      // A dapp's typical query: one event to one recipient over the whole chain.
      return plan.holders.map((h) => [
        { fromBlock: "0x0", toBlock: "latest", address: plan.token, topics: [TRANSFER_TOPIC, null, `0x${"0".repeat(24)}${h.slice(2)}`] },
      ]);
    default:
      return [];
  }
}

/**
 * An answer with the fields that legitimately differ removed: a log's block hash (and anvil's
 * blockTimestamp) depend on each server's block timestamps.
 */
function normalize(method: RpcMethod, result: unknown): unknown {
  if (method !== "eth_getLogs" || !Array.isArray(result)) return result;
  return result.map((log: Record<string, unknown>) => {
    const { blockHash: _h, blockTimestamp: _t, ...rest } = log;
    return rest;
  });
}

async function compareAnswers(method: RpcMethod, params: unknown[][], a: RpcClient, b: RpcClient): Promise<string[]> {
  const out: string[] = [];
  for (const p of params.slice(0, 20)) {
    const [ra, rb] = await Promise.all([a.reply(method, p), b.reply(method, p)]);
    const ja = JSON.stringify(ra.error ?? normalize(method, ra.result));
    const jb = JSON.stringify(rb.error ?? normalize(method, rb.result));
    if (ja !== jb) out.push(`${method}(${JSON.stringify(p)}): cairn ${ja.slice(0, 200)} / anvil ${jb.slice(0, 200)}`);
  }
  return out;
}

/** The servers that answer `method` with "does not exist" (-32601), if any. */
async function unavailable(method: RpcMethod, params: unknown[], servers: Record<string, RpcClient>): Promise<string | undefined> {
  const missing: string[] = [];
  for (const [name, client] of Object.entries(servers)) if ((await client.reply(method, params)).error?.code === -32601) missing.push(name);
  return missing.length === 0 ? undefined : `not served by ${missing.join(" and ")}`;
}

async function timeRead(client: RpcClient, pid: number | undefined, bodies: Buffer[], o: RpcBenchOptions): Promise<LoadResult> {
  const body = (c: number, i: number) => bodies[(c * 7 + i) % bodies.length];
  await runLoad(client, { clients: o.clients, durationMs: o.warmupMs, body });
  return runLoad(client, { clients: o.clients, durationMs: o.durationMs, body, serverPid: pid });
}

/** A timed eth_sendRawTransaction run and what the server had not mined when it ended. */
interface SendRawResult {
  readonly timed: LoadResult;
  /** Transactions still pending once every answer was in (mined afterwards with evm_mine). */
  readonly leftPending: number;
  /** Accepted transactions that were neither mined nor pending in the end (dropped). */
  readonly lost: number;
}

async function pendingCount(client: RpcClient): Promise<number> {
  const r = await client.reply("txpool_status", []);
  const pending = (r.result as { pending?: string } | undefined)?.pending;
  return pending === undefined ? 0 : Number(BigInt(pending));
}

async function timeSendRaw(
  name: string,
  client: RpcClient,
  pid: number | undefined,
  plan: SetupPlan,
  o: RpcBenchOptions,
): Promise<SendRawResult> {
  const bodies = plan.sendRaw.map((list) => list.map((r) => enc("eth_sendRawTransaction", [r])));
  // The first tenth of each client's transactions warms up; the rest is timed.
  const warm = Math.floor(o.txsPerClient / 10);
  await runLoad(client, { clients: o.clients, body: (c, i) => (i < warm ? bodies[c]![i] : undefined) });
  const timed = await runLoad(client, { clients: o.clients, body: (c, i) => bodies[c]![warm + i], serverPid: pid });
  // An answer is not a block: anvil acknowledges first and mines afterwards, and under many
  // concurrent senders its automine leaves transactions pending until something else arrives.
  // Count those, then mine them (untimed) so every sender's nonce reaches the end of its list.
  await new Promise((r) => setTimeout(r, 200));
  const leftPending = await pendingCount(client);
  const deadline = Date.now() + 120_000;
  while ((await pendingCount(client)) > 0 && Date.now() < deadline) await client.reply("evm_mine", []);
  let mined = 0;
  for (const sender of plan.senders) mined += Number(BigInt((await client.call("eth_getTransactionCount", [sender, "latest"])) as string));
  const lost = plan.senders.length * o.txsPerClient - mined;
  if (lost > 0 && name === "cairn") throw new BenchRpcError(`cairn lost ${lost} accepted transactions (neither mined nor pending)`);
  return { timed, leftPending, lost };
}

export async function runRpcBench(o: RpcBenchOptions, progress: (msg: string) => void = () => {}): Promise<RpcBenchReport> {
  const compiled = await compileWorkloads(["ChainToken.sol"]);
  const token = compiled.contracts.get("ChainToken.sol:ChainToken");
  if (token === undefined) throw new BenchCompileError("ChainToken.sol:ChainToken not in the compiler output");
  const plan = planSetup(token.initcode, { clients: o.clients, holders: o.holders, transfers: o.transfers, txsPerClient: o.txsPerClient });
  const nodeArgs = o.profileDir === undefined ? [] : ["--cpu-prof", `--cpu-prof-dir=${o.profileDir}`];
  const peers: RpcPeer[] = [];
  const clients: RpcClient[] = [];
  try {
    progress("starting cairn dev and anvil");
    peers.push(await startCairnPeer([], nodeArgs));
    peers.push(await startAnvilPeer());
    const [cairn, anvil] = peers.map((p) => new RpcClient(p.url, o.clients)) as [RpcClient, RpcClient];
    clients.push(cairn, anvil);
    progress(`setup: ${plan.setupRaw.length} transactions on each`);
    await applySetup(cairn, plan);
    await applySetup(anvil, plan);
    const blocks = Number(BigInt((await cairn.call("eth_blockNumber", [])) as string));
    const results: MethodResult[] = [];
    for (const method of o.methods) {
      if (method === "eth_sendRawTransaction") {
        progress(`${method}: ${o.clients} clients x ${o.txsPerClient} transactions`);
        const c = await timeSendRaw("cairn", cairn, peers[0]!.pid, plan, o);
        const a = await timeSendRaw("anvil", anvil, peers[1]!.pid, plan, o);
        const leftPending = { cairn: c.leftPending, anvil: a.leftPending };
        const lost = { cairn: c.lost, anvil: a.lost };
        results.push({ method, cairn: c.timed, anvil: a.timed, mismatches: [], compared: 0, leftPending, lost });
        continue;
      }
      const params = readParams(method, plan);
      const missing = await unavailable(method, params[0]!, { cairn, anvil });
      if (missing !== undefined) {
        results.push({ method, skipped: missing, mismatches: [], compared: 0 });
        continue;
      }
      const mismatches = await compareAnswers(method, params, cairn, anvil);
      progress(`${method}: ${o.clients} clients, ${o.durationMs / 1000} s each`);
      const bodies = params.map((p) => enc(method, p));
      const c = await timeRead(cairn, peers[0]!.pid, bodies, o);
      const a = await timeRead(anvil, peers[1]!.pid, bodies, o);
      results.push({ method, cairn: c, anvil: a, mismatches, compared: Math.min(20, params.length) });
    }
    const cairnVersion = (await cairn.call("web3_clientVersion", [])) as string;
    const anvilVersion = (await anvil.call("web3_clientVersion", [])) as string;
    return { anvilVersion, cairnVersion, clients: o.clients, blocks, results };
  } finally {
    for (const c of clients) c.close();
    for (const p of peers) await p.stop();
  }
}

const fmt = (n: number, digits = 0): string => n.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });

const cpu = (r: LoadResult): string => (r.cpuUsPerRequest === undefined ? "-" : fmt(r.cpuUsPerRequest));

export function formatRpcReport(r: RpcBenchReport): string {
  const lines = [
    `JSON-RPC (${r.cairnVersion} vs ${r.anvilVersion}; ${r.clients} clients, keep-alive; ${r.blocks} blocks of setup)`,
    "",
    "| method | Cairn req/s | anvil req/s | Cairn/anvil | Cairn p50 / p99 ms | anvil p50 / p99 ms | server CPU µs/req Cairn / anvil | errors Cairn / anvil | answers |",
    "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
  ];
  for (const m of r.results) {
    if (m.cairn === undefined || m.anvil === undefined) {
      lines.push(`| ${m.method} | - | - | - | - | - | - | - | ${m.skipped ?? "not run"} |`);
      continue;
    }
    const answers =
      m.compared === 0 ? "n/a" : m.mismatches.length === 0 ? `same (${m.compared})` : `DIFFER (${m.mismatches.length}/${m.compared})`;
    lines.push(
      `| ${m.method} | ${fmt(m.cairn.rps)} | ${fmt(m.anvil.rps)} | ${fmt(m.cairn.rps / m.anvil.rps, 2)}x | ${fmt(m.cairn.p50Ms, 2)} / ${fmt(m.cairn.p99Ms, 2)} | ${fmt(m.anvil.p50Ms, 2)} / ${fmt(m.anvil.p99Ms, 2)} | ${cpu(m.cairn)} / ${cpu(m.anvil)} | ${m.cairn.errors} / ${m.anvil.errors} | ${answers} |`,
    );
  }
  for (const m of r.results) {
    if (m.leftPending !== undefined)
      lines.push(
        `${m.method}: transactions not yet mined when the last answer came: Cairn ${m.leftPending.cairn}, anvil ${m.leftPending.anvil} (Cairn mines before it answers in automine; these were mined afterwards with evm_mine, untimed)`,
      );
    if (m.lost !== undefined && (m.lost.cairn > 0 || m.lost.anvil > 0))
      lines.push(`${m.method}: accepted but never mined (gone from the pool): Cairn ${m.lost.cairn}, anvil ${m.lost.anvil}`);
    for (const d of m.mismatches.slice(0, 3)) lines.push(`answers differ: ${d}`);
    if (m.cairn?.firstError !== undefined) lines.push(`${m.method} Cairn error: ${m.cairn.firstError}`);
    if (m.anvil?.firstError !== undefined) lines.push(`${m.method} anvil error: ${m.anvil.firstError}`);
  }
  return lines.join("\n");
}

function parseArgs(args: string[]): (RpcBenchOptions & { json: boolean }) | string {
  let quick = false;
  let json = false;
  let duration: number | undefined;
  let clients: number | undefined;
  let txs: number | undefined;
  let methods: RpcMethod[] = [...RPC_METHODS];
  let profileDir: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const num = (): number => {
      const v = Number(args[++i] ?? "");
      return Number.isFinite(v) && v > 0 ? v : Number.NaN;
    };
    if (a === "--quick") quick = true;
    else if (a === "--json") json = true;
    else if (a === "--duration") duration = num();
    else if (a === "--clients") clients = Math.floor(num());
    else if (a === "--txs") txs = Math.floor(num());
    else if (a === "--profile") profileDir = args[++i];
    else if (a === "--only") {
      const names = (args[++i] ?? "").split(",");
      const bad = names.find((n) => !(RPC_METHODS as readonly string[]).includes(n));
      if (bad !== undefined) return `--only: unknown method '${bad}'`;
      methods = names as RpcMethod[];
    } else return `unknown option ${a}`;
  }
  if ([duration, clients, txs].some((v) => Number.isNaN(v) || v === 0)) return "--duration, --clients and --txs need a positive number";
  if (profileDir === undefined && args.includes("--profile")) return "--profile needs a directory";
  const c = clients ?? (quick ? 4 : 16);
  return {
    json,
    durationMs: (duration ?? (quick ? 1 : 5)) * 1000,
    warmupMs: quick ? 300 : 1000,
    clients: c,
    txsPerClient: txs ?? (quick ? 50 : 250),
    holders: quick ? 20 : 100,
    transfers: quick ? 20 : 100,
    methods,
    ...(profileDir === undefined ? {} : { profileDir }),
  };
}

export async function benchRpc(args: string[]): Promise<number> {
  const o = parseArgs(args);
  if (typeof o === "string") {
    process.stderr.write(`cairn bench rpc: ${o}\n${USAGE}`);
    return 2;
  }
  let report: RpcBenchReport;
  try {
    report = await runRpcBench(o, (msg) => process.stderr.write(`# ${msg}\n`));
  } catch (err) {
    if (!(err instanceof BenchCompileError) && !(err instanceof EngineUnavailable) && !(err instanceof BenchRpcError)) throw err;
    process.stderr.write(`cairn bench rpc: ${err.message}\n`);
    return 1;
  }
  const machine = `${cpus().length} x ${cpus()[0]?.model ?? "unknown CPU"}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.versions.node}`;
  if (o.json) process.stdout.write(`${JSON.stringify({ machine, ...report }, null, 2)}\n`);
  else process.stdout.write(`${formatRpcReport(report)}\n\nmachine: ${machine}\n`);
  return report.results.some((m) => m.mismatches.length > 0) ? 1 : 0;
}
