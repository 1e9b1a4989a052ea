/**
 * cli/bench-chain-anvil: a reference row for `cairn bench chain`, not a peer: anvil (Foundry's
 * dev node, revm, native code) BUILDING blocks from the same signed transactions. anvil has no
 * block import over RPC, so it cannot import Cairn's blocks; what it can do is mine them. It is
 * started with mining off, the genesis accounts are funded with anvil_setBalance, the setup
 * transactions are sent and mined, then each workload's transactions are sent with
 * eth_sendRawTransaction (sender recovery and pool checks happen here) and mined with one
 * `anvil_mine` call for as many blocks as Cairn's producer made. Times are reported for the
 * submission and for the mining; anvil keeps its state in memory, so there is no durable write.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { bytesToHex } from "../primitives/index.js";
import { decodeBlock, encodeTransaction } from "../types/index.js";
import { freePort } from "./anvil-binary.js";
import { anvilBinary } from "./bench-evm-anvil.js";
import { EngineUnavailable } from "./bench-evm-engine.js";

export interface AnvilMeasurement {
  readonly workload: string;
  readonly blocks: number;
  readonly txs: number;
  readonly gas: bigint;
  readonly submitSeconds: number;
  readonly mineSeconds: number;
}

export interface AnvilReference {
  readonly version: string;
  readonly results: readonly AnvilMeasurement[];
}

interface RpcReply {
  result?: unknown;
  error?: { message: string };
}

class Anvil {
  private nextId = 1;
  private constructor(
    private readonly child: ChildProcess,
    private readonly url: string,
  ) {}

  static async start(chainId: bigint, gasLimit: bigint): Promise<Anvil> {
    const port = await freePort();
    const args = ["--host", "127.0.0.1", "--port", String(port), "--hardfork", "cancun", "--chain-id", String(chainId)];
    args.push("--gas-limit", String(gasLimit), "--no-mining", "--accounts", "0", "--quiet");
    const child = spawn(anvilBinary(), args, { stdio: ["ignore", "ignore", "ignore"] });
    const anvil = new Anvil(child, `http://127.0.0.1:${port}`);
    const deadline = Date.now() + 20_000;
    for (;;) {
      if (child.exitCode !== null || child.signalCode !== null) throw new EngineUnavailable("anvil exited at start");
      try {
        await anvil.call("web3_clientVersion", []);
        return anvil;
      } catch {
        if (Date.now() > deadline) {
          await anvil.close();
          throw new EngineUnavailable("anvil did not answer within 20 s");
        }
        await new Promise((r) => setTimeout(r, 50));
      }
    }
  }

  /** One JSON-RPC batch; every call must succeed. */
  async batch(calls: ReadonlyArray<{ method: string; params: unknown[] }>): Promise<unknown[]> {
    const body = calls.map((c) => ({ jsonrpc: "2.0", id: this.nextId++, method: c.method, params: c.params }));
    const res = await fetch(this.url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
    const replies = (await res.json()) as RpcReply[];
    return replies.map((r, i) => {
      if (r.error !== undefined) throw new Error(`anvil ${calls[i]?.method}: ${r.error.message}`);
      return r.result;
    });
  }

  async call(method: string, params: unknown[]): Promise<unknown> {
    return (await this.batch([{ method, params }]))[0];
  }

  /** Sends raw transactions in batches of 500. */
  async sendRaw(raw: readonly string[]): Promise<void> {
    for (let i = 0; i < raw.length; i += 500)
      await this.batch(raw.slice(i, i + 500).map((r) => ({ method: "eth_sendRawTransaction", params: [r] })));
  }

  async close(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => this.child.once("exit", () => resolve()));
    this.child.kill("SIGTERM");
    const timer = setTimeout(() => this.child.kill("SIGKILL"), 2000);
    await exited;
    clearTimeout(timer);
  }
}

const hex = (v: bigint): string => `0x${v.toString(16)}`;

function rawTransactions(rlps: readonly Uint8Array[]): string[] {
  return rlps.flatMap((r) => decodeBlock(r).body.transactions.map((tx) => bytesToHex(encodeTransaction(tx))));
}

/** Runs the reference; throws EngineUnavailable when anvil is not installed or does not start. */
export async function anvilReference(
  chainId: bigint,
  gasLimit: bigint,
  funded: ReadonlyArray<{ address: Uint8Array; balance: bigint }>,
  setup: readonly Uint8Array[],
  workloads: ReadonlyArray<{ name: string; rlp: readonly Uint8Array[] }>,
): Promise<AnvilReference> {
  const anvil = await Anvil.start(chainId, gasLimit);
  try {
    const version = (await anvil.call("web3_clientVersion", [])) as string;
    const balances = funded.map((a) => ({ method: "anvil_setBalance", params: [bytesToHex(a.address), hex(a.balance)] }));
    for (let i = 0; i < balances.length; i += 500) await anvil.batch(balances.slice(i, i + 500));
    await anvil.sendRaw(rawTransactions(setup));
    await anvil.call("anvil_mine", [hex(BigInt(setup.length))]);
    const results: AnvilMeasurement[] = [];
    for (const w of workloads) {
      const raw = rawTransactions(w.rlp);
      const first = BigInt((await anvil.call("eth_blockNumber", [])) as string) + 1n;
      let t = performance.now();
      await anvil.sendRaw(raw);
      const submitSeconds = (performance.now() - t) / 1000;
      t = performance.now();
      await anvil.call("anvil_mine", [hex(BigInt(w.rlp.length))]);
      const mineSeconds = (performance.now() - t) / 1000;
      // Count what was mined: a transaction left in the pool must not count as done.
      const blocks = (await anvil.batch(
        w.rlp.map((_, i) => ({ method: "eth_getBlockByNumber", params: [hex(first + BigInt(i)), false] })),
      )) as Array<{ transactions: string[]; gasUsed: string }>;
      const txs = blocks.reduce((n, b) => n + b.transactions.length, 0);
      if (txs !== raw.length) throw new Error(`anvil mined ${txs} of ${raw.length} ${w.name} in ${w.rlp.length} blocks`);
      const gas = blocks.reduce((g, b) => g + BigInt(b.gasUsed), 0n);
      results.push({ workload: w.name, blocks: blocks.length, txs, gas, submitSeconds, mineSeconds });
    }
    return { version, results };
  } finally {
    await anvil.close();
  }
}
