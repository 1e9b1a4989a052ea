/**
 * cli/bench-evm-anvil: anvil (Foundry's dev node on revm, native code) as an engine of
 * `cairn bench evm`. The binary comes from the @foundry-rs/anvil platform package; it is started
 * on 127.0.0.1 at a free port with its logs silenced, and always stopped: on close, on process
 * exit and on SIGINT/SIGTERM.
 *
 * Workloads are deployed with eth_sendTransaction (automine) from anvil's first dev account;
 * the timed operation is an eth_call, so anvil's figure includes one local JSON-RPC round trip
 * (well under a millisecond, negligible against tens of millions of gas). eth_call does not
 * report gas, so gas comes from the receipt of one real transaction, inside an
 * evm_snapshot/evm_revert pair so that runs keep seeing the post-deployment state: execution gas
 * = receipt gasUsed - intrinsic gas (the workloads make no refunds, see bench/contracts).
 */
import { type ChildProcess, spawn } from "node:child_process";
import { intrinsicGas } from "../execution/index.js";
import { bigintToQuantity, bytesToHex, hexToBytes, parseBigint } from "../primitives/index.js";
import { findAnvil, freePort } from "./anvil-binary.js";
import { BENCH_FORK } from "./bench-evm-cairn.js";
import { BENCH_GAS_LIMIT, type Engine, EngineUnavailable, elapsedMs, type PreparedWorkload, type RunResult } from "./bench-evm-engine.js";

/** The anvil binary shipped by @foundry-rs/anvil for this platform. */
export function anvilBinary(): string {
  const found = findAnvil();
  if ("reason" in found) throw new EngineUnavailable(found.reason);
  return found.path;
}

class RpcError extends Error {
  override name = "RpcError";
}

class AnvilEngine implements Engine {
  readonly name = "anvil";
  readonly title = "anvil";
  readonly path = "anvil: eth_call over JSON-RPC on 127.0.0.1 (includes one local round trip); gas from a transaction receipt";
  private nextId = 1;
  private from = "";
  private readonly onSignal = (signal: NodeJS.Signals) => {
    this.kill();
    process.exit(signal === "SIGINT" ? 130 : 143);
  };
  private readonly onExit = () => this.kill();

  /** web3_clientVersion, once started. */
  version = "";

  private constructor(
    private readonly child: ChildProcess,
    private readonly url: string,
  ) {}

  static async start(): Promise<AnvilEngine> {
    const bin = anvilBinary();
    const port = await freePort();
    const args = [
      "--host",
      "127.0.0.1",
      "--port",
      String(port),
      "--hardfork",
      BENCH_FORK.toLowerCase(),
      "--gas-limit",
      String(BENCH_GAS_LIMIT * 4n),
      "--base-fee",
      "0",
      "--accounts",
      "1",
      "--quiet",
    ];
    const child = spawn(bin, args, { stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr?.on("data", (d: Buffer) => {
      stderr += d.toString();
    });
    const engine = new AnvilEngine(child, `http://127.0.0.1:${port}`);
    process.on("SIGINT", engine.onSignal);
    process.on("SIGTERM", engine.onSignal);
    process.on("exit", engine.onExit);
    try {
      engine.version = await engine.waitReady(() => stderr);
      const accounts = (await engine.rpc("eth_accounts", [])) as string[];
      if (accounts.length === 0) throw new EngineUnavailable("anvil has no dev account");
      engine.from = accounts[0]!;
      return engine;
    } catch (err) {
      await engine.close();
      throw err;
    }
  }

  private async waitReady(stderr: () => string): Promise<string> {
    const deadline = Date.now() + 20_000;
    for (;;) {
      if (this.child.exitCode !== null || this.child.signalCode !== null) {
        const why = stderr().trim().split("\n")[0] ?? "";
        throw new EngineUnavailable(`anvil exited at start (${this.child.exitCode ?? this.child.signalCode}): ${why}`);
      }
      try {
        return (await this.rpc("web3_clientVersion", [])) as string;
      } catch {
        if (Date.now() > deadline) throw new EngineUnavailable(`anvil did not answer on ${this.url} within 20 s`);
        await new Promise((r) => setTimeout(r, 50));
      }
    }
  }

  async rpc(method: string, params: unknown[]): Promise<unknown> {
    const res = await fetch(this.url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ jsonrpc: "2.0", id: this.nextId++, method, params }),
    });
    const body = (await res.json()) as { result?: unknown; error?: { message: string; data?: unknown } };
    if (body.error !== undefined) {
      throw new RpcError(`${method}: ${body.error.message}${body.error.data !== undefined ? ` ${JSON.stringify(body.error.data)}` : ""}`);
    }
    return body.result;
  }

  private async sendAndWait(tx: Record<string, string>): Promise<{ gasUsed: bigint; status: bigint; contractAddress: string | null }> {
    const hash = (await this.rpc("eth_sendTransaction", [tx])) as string;
    for (let i = 0; i < 200; i++) {
      const receipt = (await this.rpc("eth_getTransactionReceipt", [hash])) as {
        gasUsed: string;
        status: string;
        contractAddress: string | null;
      } | null;
      if (receipt !== null) {
        return { gasUsed: parseBigint(receipt.gasUsed), status: parseBigint(receipt.status), contractAddress: receipt.contractAddress };
      }
      await new Promise((r) => setTimeout(r, 25));
    }
    throw new RpcError(`no receipt for ${hash}`);
  }

  async prepare(deployData: Uint8Array): Promise<PreparedWorkload> {
    const gas = bigintToQuantity(BENCH_GAS_LIMIT);
    const deployed = await this.sendAndWait({ from: this.from, data: bytesToHex(deployData), gas });
    if (deployed.status !== 1n || deployed.contractAddress === null) throw new Error("deployment failed on anvil");
    const to = deployed.contractAddress;
    return {
      run: async (calldata): Promise<RunResult> => {
        const call = { from: this.from, to, data: bytesToHex(calldata), gas };
        const start = process.hrtime.bigint();
        try {
          const result = (await this.rpc("eth_call", [call, "latest"])) as string;
          return { ms: elapsedMs(start), output: hexToBytes(result), ok: true };
        } catch (err) {
          return { ms: elapsedMs(start), output: new Uint8Array(0), ok: false, error: err instanceof Error ? err.message : String(err) };
        }
      },
      gas: async (calldata) => {
        const snapshot = (await this.rpc("evm_snapshot", [])) as string;
        try {
          const receipt = await this.sendAndWait({ from: this.from, to, data: bytesToHex(calldata), gas });
          if (receipt.status !== 1n) throw new Error("workload transaction failed on anvil");
          const intrinsic = intrinsicGas({ to: hexToBytes(to), data: calldata }, BENCH_FORK).gas;
          return { gasUsed: receipt.gasUsed - intrinsic, refund: 0n };
        } finally {
          await this.rpc("evm_revert", [snapshot]);
        }
      },
    };
  }

  private kill(): void {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill("SIGKILL");
  }

  async close(): Promise<void> {
    process.off("SIGINT", this.onSignal);
    process.off("SIGTERM", this.onSignal);
    process.off("exit", this.onExit);
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => this.child.once("exit", () => resolve()));
    this.child.kill("SIGTERM");
    const timer = setTimeout(() => this.kill(), 2000);
    await exited;
    clearTimeout(timer);
  }
}

export async function anvilEngine(): Promise<Engine & { readonly version: string }> {
  return AnvilEngine.start();
}
