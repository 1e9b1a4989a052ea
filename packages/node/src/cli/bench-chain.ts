/**
 * cli/bench-chain: `cairn bench chain [--quick] [--json] [--blocks N] [--txs N] [--senders N] [--batch N]`.
 *
 * Block import throughput, end to end. Setup (untimed, bench-chain-setup.ts) produces blocks
 * of ETH transfers and of ERC-20 transfers as RLP. Timed: a fresh Chain over a fresh LmdbKv in
 * a new temp directory imports them as a syncing node would: RLP decode, then `importBlocks`
 * over batches of `--batch` blocks (sender recovery, on a second core while the blocks
 * execute; execution, state root and the other header roots; one flushed LMDB write per
 * batch, `--batch 1` being one per block). Reported per workload: blocks, transactions, gas,
 * seconds, Mgas/s, tx/s, and the share of the time spent decoding and in the durable write
 * (timed around `KvStore.write`); the rest is recovery, execution, roots and staging. One
 * sender-recovery pass over the same transactions, on one thread, is also timed apart, to
 * show what recovery alone would cost the import.
 *
 * No peer row: a fair peer imports the same blocks, and the available ones do not (anvil has
 * no block import over RPC; @ethereumjs/vm is not installed). The report says so. As a
 * reference only, anvil MINES the same signed transactions (bench-chain-anvil.ts), labelled
 * as block production; `--no-anvil` leaves it out.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { availableParallelism, cpus, tmpdir, totalmem } from "node:os";
import { join } from "node:path";
import { Chain } from "../chain/index.js";
import { type KvEntry, type KvOp, type KvRange, type KvStore, LmdbKv } from "../kv/index.js";
import type { Genesis } from "../params/index.js";
import { decodeBlock, recoverSender, type SealedBlock } from "../types/index.js";
import { type AnvilReference, anvilReference } from "./bench-chain-anvil.js";
import { BENCH_CHAIN_FORK, BenchChainError, BLOCK_GAS_LIMIT, produceBlocks } from "./bench-chain-setup.js";
import { BenchCompileError, compileWorkloads } from "./bench-evm-compile.js";
import { EngineUnavailable } from "./bench-evm-engine.js";

const USAGE = `usage: cairn bench chain [--quick] [--json] [--blocks N] [--txs N] [--senders N] [--batch N] [--no-anvil]
  --quick      2 blocks per workload, 200 senders
  --json       machine-readable output on stdout
  --blocks N   blocks per workload (default 10)
  --txs N      at most N transactions per block (default: as many as 30M gas holds)
  --senders N  funded sender accounts (default 2000)
  --batch N    blocks per importBlocks call, i.e. per flushed write (default 10; 1 = a write per block)
  --no-anvil   leave out the anvil block-production reference
`;

export interface ChainBenchOptions {
  readonly blocks: number;
  readonly txsPerBlock: number | undefined;
  readonly senders: number;
  /** Blocks per `importBlocks` call (one flushed write each); default 10. */
  readonly batch?: number;
  /** Run the anvil block-production reference. */
  readonly anvil: boolean;
}

export interface ImportMeasurement {
  readonly workload: string;
  readonly blocks: number;
  readonly txs: number;
  readonly gas: bigint;
  readonly seconds: number;
  readonly decodeSeconds: number;
  readonly writeSeconds: number;
  /** One recoverSender pass over the same transactions, timed apart from the import. */
  readonly recoverOnceSeconds: number;
}

export interface ChainBenchReport {
  readonly fork: string;
  readonly senders: number;
  /** Blocks per flushed write. */
  readonly batch: number;
  /** Whether senders were recovered by the worker thread (chain/sender-recovery). */
  readonly recoveryWorker: boolean;
  readonly setupSeconds: number;
  readonly results: readonly ImportMeasurement[];
  /** The anvil reference, or why it is missing. */
  readonly anvil: AnvilReference | string;
}

/** A KvStore that times the writes reaching the database (one per imported block). */
class WriteTimedKv implements KvStore {
  seconds = 0;
  constructor(private readonly inner: KvStore) {}
  get(key: Uint8Array): Uint8Array | undefined {
    return this.inner.get(key);
  }
  has(key: Uint8Array): boolean {
    return this.inner.has(key);
  }
  iterate(range?: KvRange): Iterable<KvEntry> {
    return this.inner.iterate(range);
  }
  write(ops: readonly KvOp[]): void {
    const t = performance.now();
    this.inner.write(ops);
    this.seconds += (performance.now() - t) / 1000;
  }
  close(): Promise<void> {
    return this.inner.close();
  }
}

/** Decodes and imports `rlps` in batches of `batch` blocks, each batch one `importBlocks` call. */
function importAll(chain: Chain, rlps: readonly Uint8Array[], batch: number): { blocks: SealedBlock[]; decodeSeconds: number } {
  const blocks: SealedBlock[] = [];
  let decodeSeconds = 0;
  for (let i = 0; i < rlps.length; i += batch) {
    const t = performance.now();
    const group = rlps.slice(i, i + batch).map(decodeBlock);
    decodeSeconds += (performance.now() - t) / 1000;
    const r = chain.importBlocks(group);
    if (r.error !== undefined)
      throw new BenchChainError(`block ${group[r.imported]!.header.header.number} rejected on import: ${r.error.message}`);
    blocks.push(...group);
  }
  return { blocks, decodeSeconds };
}

function timeRecovery(chain: Chain, blocks: readonly SealedBlock[]): number {
  const rules = { fork: BENCH_CHAIN_FORK, chainId: chain.spec.chainId } as const;
  const t = performance.now();
  for (const b of blocks)
    for (const tx of b.body.transactions) if (!recoverSender(tx, rules).ok) throw new BenchChainError("a sender does not recover");
  return (performance.now() - t) / 1000;
}

/** Imports the setup blocks (untimed), then each workload's blocks (timed), into a fresh LMDB chain. */
async function timedImport(
  genesis: Genesis,
  setup: readonly Uint8Array[],
  workloads: ReadonlyArray<{ name: string; rlp: readonly Uint8Array[] }>,
  batch: number,
): Promise<ImportMeasurement[]> {
  const dir = mkdtempSync(join(tmpdir(), "cairn-bench-chain-"));
  const kv = new WriteTimedKv(LmdbKv.open(dir));
  try {
    const chain = Chain.open(kv, genesis);
    importAll(chain, setup, batch);
    const out: ImportMeasurement[] = [];
    for (const w of workloads) {
      kv.seconds = 0;
      const t = performance.now();
      const { blocks, decodeSeconds } = importAll(chain, w.rlp, batch);
      const seconds = (performance.now() - t) / 1000;
      const writeSeconds = kv.seconds;
      out.push({
        workload: w.name,
        blocks: blocks.length,
        txs: blocks.reduce((n, b) => n + b.body.transactions.length, 0),
        gas: blocks.reduce((g, b) => g + b.header.header.gasUsed, 0n),
        seconds,
        decodeSeconds,
        writeSeconds,
        recoverOnceSeconds: timeRecovery(chain, blocks),
      });
    }
    return out;
  } finally {
    await kv.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Produces and imports the benchmark blocks; throws BenchCompileError without solc-js. */
export async function runChainBench(o: ChainBenchOptions, progress: (msg: string) => void = () => {}): Promise<ChainBenchReport> {
  const compiled = await compileWorkloads(["ChainToken.sol"]);
  const token = compiled.contracts.get("ChainToken.sol:ChainToken");
  if (token === undefined) throw new BenchCompileError("ChainToken.sol:ChainToken not in the compiler output");
  progress(`producing blocks: ${o.senders} senders, ${o.blocks} blocks per workload`);
  const t = performance.now();
  const produced = produceBlocks({ senders: o.senders, blocks: o.blocks, txsPerBlock: o.txsPerBlock, initcode: token.initcode });
  const setupSeconds = (performance.now() - t) / 1000;
  progress(
    `produced ${produced.setup.length} setup, ${produced.eth.length} ETH and ${produced.erc20.length} ERC-20 blocks in ${setupSeconds.toFixed(1)} s; importing`,
  );
  const workloads = [
    { name: "ETH transfers", rlp: produced.eth },
    { name: "ERC-20 transfers", rlp: produced.erc20 },
  ];
  // No batch is larger than a workload, so the report names the batches actually written.
  const batch = Math.min(o.batch ?? 10, o.blocks);
  const results = await timedImport(produced.genesis, produced.setup, workloads, batch);
  let anvil: AnvilReference | string = "not run (--no-anvil)";
  if (o.anvil) {
    progress("anvil reference: mining the same transactions");
    const g = produced.genesis;
    try {
      anvil = await anvilReference(g.spec.chainId, BLOCK_GAS_LIMIT, g.alloc, produced.setup, workloads);
    } catch (err) {
      if (!(err instanceof EngineUnavailable)) throw err;
      anvil = `not run: ${err.message}`;
    }
  }
  // The condition chain/sender-recovery starts its worker under.
  const recoveryWorker = process.env.CAIRN_RECOVERY_WORKER !== "0" && availableParallelism() > 1;
  return { fork: BENCH_CHAIN_FORK, senders: o.senders, batch, recoveryWorker, setupSeconds, results, anvil };
}

const fmt = (n: number, digits = 0): string => n.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });
const pct = (part: number, whole: number): string => `${whole > 0 ? Math.round((100 * part) / whole) : 0}%`;

export function formatChainReport(r: ChainBenchReport): string {
  const lines = [
    `Chain import (${r.fork}, ${r.senders} senders, fresh LMDB, one flushed write per ${r.batch === 1 ? "block" : `batch of ${r.batch} blocks`}, ${r.recoveryWorker ? "senders recovered on a second core while blocks execute" : "senders recovered on the main thread"})`,
    "",
    "| workload | blocks | txs | Mgas | seconds | Mgas/s | tx/s | decode | durable write | recover+execute+roots+staging | one recovery pass (1 thread) |",
    "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
  ];
  for (const m of r.results) {
    const rest = m.seconds - m.decodeSeconds - m.writeSeconds;
    lines.push(
      `| ${m.workload} | ${m.blocks} | ${fmt(m.txs)} | ${fmt(Number(m.gas) / 1e6, 1)} | ${fmt(m.seconds, 2)} | ${fmt(Number(m.gas) / 1e6 / m.seconds, 1)} | ${fmt(m.txs / m.seconds)} | ${pct(m.decodeSeconds, m.seconds)} | ${pct(m.writeSeconds, m.seconds)} | ${pct(rest, m.seconds)} | ${pct(m.recoverOnceSeconds, m.seconds)} |`,
    );
  }
  lines.push(
    "",
    "Peers: none. A fair peer imports the same blocks; anvil cannot import blocks over RPC and @ethereumjs/vm is not installed.",
  );
  if (typeof r.anvil === "string") {
    lines.push(`Reference (anvil block production): ${r.anvil}`);
  } else {
    lines.push(
      "",
      `Reference, NOT import: ${r.anvil.version} building blocks from the same signed transactions (in memory, no durable write)`,
      "",
      "| workload | blocks | txs | Mgas | submit s | anvil_mine s | Mgas/s (mine) | tx/s (mine) | tx/s (submit+mine) |",
      "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    );
    for (const m of r.anvil.results) {
      const both = m.submitSeconds + m.mineSeconds;
      lines.push(
        `| ${m.workload} | ${m.blocks} | ${fmt(m.txs)} | ${fmt(Number(m.gas) / 1e6, 1)} | ${fmt(m.submitSeconds, 2)} | ${fmt(m.mineSeconds, 2)} | ${fmt(Number(m.gas) / 1e6 / m.mineSeconds, 1)} | ${fmt(m.txs / m.mineSeconds)} | ${fmt(m.txs / both)} |`,
      );
    }
  }
  return lines.join("\n");
}

function gitCommit(): string | undefined {
  try {
    return execFileSync("git", ["rev-parse", "--short=12", "HEAD"], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
  } catch {
    return undefined;
  }
}

function parseArgs(args: string[]): (ChainBenchOptions & { json: boolean }) | string {
  let quick = false;
  let json = false;
  let blocks: number | undefined;
  let txs: number | undefined;
  let senders: number | undefined;
  let batch: number | undefined;
  let anvil = true;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const int = (): number | undefined => {
      const v = Number.parseInt(args[++i] ?? "", 10);
      return v >= 1 ? v : undefined;
    };
    if (a === "--quick") quick = true;
    else if (a === "--json") json = true;
    else if (a === "--no-anvil") anvil = false;
    else if (a === "--blocks") blocks = int() ?? Number.NaN;
    else if (a === "--txs") txs = int() ?? Number.NaN;
    else if (a === "--senders") senders = int() ?? Number.NaN;
    else if (a === "--batch") batch = int() ?? Number.NaN;
    else return `unknown option ${a}`;
  }
  if ([blocks, txs, senders, batch].some((v) => Number.isNaN(v))) return "--blocks, --txs, --senders and --batch need a positive integer";
  return { json, blocks: blocks ?? (quick ? 2 : 10), txsPerBlock: txs, senders: senders ?? (quick ? 200 : 2000), batch, anvil };
}

export async function benchChain(args: string[]): Promise<number> {
  const o = parseArgs(args);
  if (typeof o === "string") {
    process.stderr.write(`cairn bench chain: ${o}\n${USAGE}`);
    return 2;
  }
  const progress = (msg: string) => process.stderr.write(`# ${msg}\n`);
  let report: ChainBenchReport;
  try {
    report = await runChainBench(o, progress);
  } catch (err) {
    if (!(err instanceof BenchCompileError)) throw err;
    process.stderr.write(`cairn bench chain: ${err.message}\n`);
    return 1;
  }
  const machine = `${cpus().length} x ${cpus()[0]?.model ?? "unknown CPU"}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.versions.node}`;
  const commit = gitCommit() ?? "unknown";
  if (o.json) {
    process.stdout.write(`${JSON.stringify({ machine, commit, ...report }, (_k, v) => (typeof v === "bigint" ? v.toString() : v), 2)}\n`);
  } else {
    process.stdout.write(
      `${formatChainReport(report)}\n\nmachine: ${machine}; commit ${commit}; setup ${report.setupSeconds.toFixed(1)} s\n`,
    );
  }
  return 0;
}
