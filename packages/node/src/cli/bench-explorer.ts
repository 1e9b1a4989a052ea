/**
 * cli/bench-explorer: `cairn bench explorer [--quick] [--json] [--blocks N] [--runs N] [--keep DIR]`.
 *
 * How fast the explorer's address page opens on a long chain. Untimed setup: a chain of N blocks
 * (default 10,000) of 5 ether transfers each (50,000 transactions) is built straight into an LMDB
 * data dir through the chain's BlockBuilder and `importBuiltMany` (no RPC, one durable write per
 * 200 blocks), on `cairn dev`'s genesis, so `cairn dev --data-dir` serves it as it is. One
 * address, the subject, receives a transfer in every other block: it takes part in N/2
 * transactions (5,000). Then a DevNode is started on the data dir and the address page's first
 * requests are timed over HTTP, as the explorer sends them: ots_searchTransactionsBefore(subject,
 * 0, 25) (the newest page of history), ots_getContractCreator, eth_getBalance,
 * eth_getTransactionCount and eth_getCode. Each run sends them one after another; reported are
 * the first (cold) run and the median and p95 of the runs after it, for the whole page and for
 * the history request alone, plus a page from the middle of the history (before block N/2).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { Chain } from "../chain/index.js";
import { LmdbKv } from "../kv/index.js";
import { DEFAULT_DEV_MNEMONIC, type DevAccount, DevNode, devAccounts, devGenesis, ETHER } from "../node/index.js";
import { type Address, bytesToHex, type Hash32, ZERO_ADDRESS } from "../primitives/index.js";
import { signTransaction, type Transaction } from "../types/index.js";

const USAGE = `usage: cairn bench explorer [--quick] [--json] [--blocks N] [--runs N] [--keep DIR]
  --quick      1,000 blocks, 10 runs
  --json       machine-readable output on stdout
  --blocks N   blocks of 5 transfers to build (default 10000; the subject is in every other one)
  --runs N     timed page loads after the first (default 30)
  --keep DIR   build the chain in DIR and keep it (default: a temp dir, removed afterwards)
`;

const CHAIN_ID = 31337n;
const FORK = "Prague";
export const TXS_PER_BLOCK = 5;
/** Blocks per durable write while building. */
const WRITE_BATCH = 200;
export const PAGE_SIZE = 25;
/** The address whose page is timed: receives 1 wei in every other block. */
export const SUBJECT = Uint8Array.from({ length: 20 }, (_, i) => (i === 0 ? 0x5b : 0x11)) as Address;

export interface ExplorerBenchOptions {
  readonly blocks: number;
  readonly runs: number;
  /** Build into this dir and keep it; undefined: a temp dir, removed at the end. */
  readonly keepDir?: string;
}

export interface Timing {
  readonly firstMs: number;
  readonly medianMs: number;
  readonly p95Ms: number;
}

export interface ExplorerBenchReport {
  readonly blocks: number;
  readonly transactions: number;
  readonly subjectTransactions: number;
  readonly buildSeconds: number;
  readonly runs: number;
  /** the five requests of the address page, one after another */
  readonly page: Timing;
  readonly history: Timing;
  readonly middlePage: Timing;
  /** transactions in the first history page, and whether older pages remain */
  readonly firstPageTxs: number;
  readonly firstPageLast: boolean;
  readonly cpus: number;
  readonly load: number;
}

/** Recipient `n` of the filler transfers: a fresh address each, so the state grows as a real chain's does. */
function recipient(n: number): Address {
  const a = new Uint8Array(20);
  a[0] = 0xee;
  new DataView(a.buffer).setUint32(16, n);
  return a as Address;
}

function transfer(from: DevAccount, nonce: bigint, to: Address): Transaction {
  return signTransaction(
    {
      type: 2,
      chainId: CHAIN_ID,
      nonce,
      maxPriorityFeePerGas: 1n,
      maxFeePerGas: 10_000_000_000n,
      gasLimit: 21_000n,
      to,
      value: 1n,
      data: new Uint8Array(0),
      accessList: [],
    },
    from.privateKey,
  );
}

/** Builds `blocks` blocks into the LMDB store in `dir`, on cairn dev's genesis with its default accounts. */
export async function buildExplorerChain(dir: string, blocks: number): Promise<{ transactions: number; subjectTransactions: number }> {
  const accounts = devAccounts(DEFAULT_DEV_MNEMONIC, 10);
  const genesis = devGenesis({ chainId: CHAIN_ID, fork: FORK, accounts: accounts.map((a) => a.address), balance: 10_000n * ETHER });
  const kv = LmdbKv.open(dir);
  let transactions = 0;
  let subjectTransactions = 0;
  try {
    const chain = Chain.open(kv, genesis);
    const senders = accounts.slice(0, TXS_PER_BLOCK);
    let made = 0;
    for (let done = 0; done < blocks; ) {
      const count = Math.min(WRITE_BATCH, blocks - done);
      chain.importBuiltMany(count, (parent, batch) => {
        const number = parent.header.number + 1n;
        const builder = chain.builder(
          parent,
          {
            coinbase: ZERO_ADDRESS,
            timestamp: parent.header.timestamp + 12n,
            gasLimit: parent.header.gasLimit,
            prevRandao: new Uint8Array(32) as Hash32,
            withdrawals: [],
            parentBeaconBlockRoot: new Uint8Array(32) as Hash32,
          },
          batch,
        );
        senders.forEach((s, i) => {
          const toSubject = i === 0 && number % 2n === 0n;
          const tx = transfer(s, number - 1n, toSubject ? SUBJECT : recipient(made++));
          const r = builder.addTransaction(tx, s.address);
          if (!r.ok) throw new Error(`bench transfer rejected: ${JSON.stringify(r)}`);
          transactions++;
          if (toSubject) subjectTransactions++;
        });
        return { built: builder.finish() };
      });
      done += count;
    }
  } finally {
    await kv.flushed();
    await kv.close();
  }
  return { transactions, subjectTransactions };
}

function timing(samples: number[]): Timing {
  const [first, ...rest] = samples;
  const sorted = (rest.length > 0 ? rest : samples).slice().sort((a, b) => a - b);
  const at = (p: number): number => sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)]!;
  return { firstMs: first!, medianMs: at(0.5), p95Ms: at(0.95) };
}

async function rpc(url: string, method: string, params: unknown[]): Promise<unknown> {
  const res = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params }),
  });
  const body = (await res.json()) as { result?: unknown; error?: { message: string } };
  if (body.error !== undefined) throw new Error(`${method}: ${body.error.message}`);
  return body.result;
}

export async function runExplorerBench(opts: ExplorerBenchOptions): Promise<ExplorerBenchReport> {
  const dir = opts.keepDir ?? mkdtempSync(join(tmpdir(), "cairn-bench-explorer-"));
  try {
    const t0 = performance.now();
    const built = await buildExplorerChain(dir, opts.blocks);
    const buildSeconds = (performance.now() - t0) / 1000;
    const node = await DevNode.start({
      host: "127.0.0.1",
      port: 0,
      chainId: CHAIN_ID,
      dataDir: dir,
      reset: false,
      blockTime: undefined,
      accounts: 10,
      balance: 10_000n,
      mnemonic: DEFAULT_DEV_MNEMONIC,
      fork: FORK,
    });
    try {
      const url = node.server.url;
      const subject = bytesToHex(SUBJECT);
      const page: number[] = [];
      const history: number[] = [];
      const middle: number[] = [];
      let first: { txs: unknown[]; lastPage: boolean } | undefined;
      for (let run = 0; run <= opts.runs; run++) {
        const start = performance.now();
        const h = (await rpc(url, "ots_searchTransactionsBefore", [subject, 0, PAGE_SIZE])) as { txs: unknown[]; lastPage: boolean };
        history.push(performance.now() - start);
        await rpc(url, "ots_getContractCreator", [subject]);
        await rpc(url, "eth_getBalance", [subject, "latest"]);
        await rpc(url, "eth_getTransactionCount", [subject, "latest"]);
        await rpc(url, "eth_getCode", [subject, "latest"]);
        page.push(performance.now() - start);
        first ??= h;
        const m0 = performance.now();
        await rpc(url, "ots_searchTransactionsBefore", [subject, Math.floor(opts.blocks / 2), PAGE_SIZE]);
        middle.push(performance.now() - m0);
      }
      return {
        blocks: opts.blocks,
        transactions: built.transactions,
        subjectTransactions: built.subjectTransactions,
        buildSeconds,
        runs: opts.runs,
        page: timing(page),
        history: timing(history),
        middlePage: timing(middle),
        firstPageTxs: first?.txs.length ?? 0,
        firstPageLast: first?.lastPage ?? true,
        cpus: cpus().length,
        load: loadavg()[0] ?? 0,
      };
    } finally {
      await node.stop();
    }
  } finally {
    if (opts.keepDir === undefined) rmSync(dir, { recursive: true, force: true });
  }
}

const ms = (v: number): string => v.toFixed(1);

export function formatExplorerReport(r: ExplorerBenchReport): string {
  const row = (name: string, t: Timing): string => `| ${name} | ${ms(t.firstMs)} | ${ms(t.medianMs)} | ${ms(t.p95Ms)} |`;
  return [
    `Explorer address page (cairn dev over LMDB; ${r.blocks.toLocaleString("en-US")} blocks, ${r.transactions.toLocaleString("en-US")} transactions, subject in ${r.subjectTransactions.toLocaleString("en-US")}; built in ${r.buildSeconds.toFixed(1)} s; ${r.cpus} cpus, load ${r.load.toFixed(2)})`,
    "",
    `| request | first ms | median ms (${r.runs} runs) | p95 ms |`,
    "| --- | --- | --- | --- |",
    row("address page: 5 requests", r.page),
    row(`ots_searchTransactionsBefore(subject, 0, ${PAGE_SIZE})`, r.history),
    row(`ots_searchTransactionsBefore(subject, ${Math.floor(r.blocks / 2)}, ${PAGE_SIZE})`, r.middlePage),
    "",
    `first page: ${r.firstPageTxs} transactions, ${r.firstPageLast ? "no older pages" : "older pages remain"}`,
  ].join("\n");
}

function parseArgs(args: string[]): (ExplorerBenchOptions & { json: boolean }) | string {
  let blocks = 10_000;
  let runs = 30;
  let json = false;
  let keepDir: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const num = (): number => {
      const v = Number(args[++i]);
      if (!Number.isInteger(v) || v < 1) throw new Error(`${a} needs a positive integer`);
      return v;
    };
    try {
      if (a === "--quick") {
        blocks = 1_000;
        runs = 10;
      } else if (a === "--json") json = true;
      else if (a === "--blocks") blocks = num();
      else if (a === "--runs") runs = num();
      else if (a === "--keep") {
        keepDir = args[++i];
        if (keepDir === undefined) return "--keep needs a directory";
      } else return `unknown option ${a}`;
    } catch (e) {
      return (e as Error).message;
    }
  }
  return { blocks, runs, json, ...(keepDir === undefined ? {} : { keepDir }) };
}

export async function benchExplorer(args: string[]): Promise<number> {
  const opts = parseArgs(args);
  if (typeof opts === "string") {
    process.stderr.write(`cairn bench explorer: ${opts}\n${USAGE}`);
    return 2;
  }
  const report = await runExplorerBench(opts);
  process.stdout.write(opts.json ? `${JSON.stringify(report, null, 2)}\n` : `${formatExplorerReport(report)}\n`);
  return 0;
}
