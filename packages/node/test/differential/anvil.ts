/**
 * test/differential/anvil: a small harness around anvil (Foundry's dev node on revm) for the
 * differential tests. The binary comes from the installed @foundry-rs/anvil-linux-amd64 package
 * (resolved through its package.json, never downloaded); it is started on 127.0.0.1 at a free
 * port with `--hardfork prague`, and stopped by `stop()`, which the tests call from after()
 * hooks so a failing test still ends the process. A process exit handler is the last resort.
 *
 * The JSON-RPC client is plain fetch, with batches: one case sets up its pre-state and reads
 * its post-state in a few round trips instead of dozens.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { freePort } from "../../src/cli/anvil-binary.js";

export { findAnvil, freePort } from "../../src/cli/anvil-binary.js";

export class AnvilError extends Error {
  override name = "AnvilError";
}

/** A JSON-RPC error answered by anvil (the request itself reached it). */
export class RpcError extends Error {
  override name = "RpcError";
  constructor(
    readonly method: string,
    readonly code: number,
    readonly rpcMessage: string,
  ) {
    super(`${method}: ${rpcMessage} (${code})`);
  }
}

export interface RpcCall {
  method: string;
  params: unknown[];
}

type RpcReply = { id: number; result?: unknown; error?: { code: number; message: string } };

export class Anvil {
  private nextId = 1;
  private stopped = false;
  private readonly onExit = () => this.kill();

  private constructor(
    private readonly child: ChildProcess,
    readonly url: string,
    private readonly stderr: () => string,
  ) {
    process.on("exit", this.onExit);
  }

  /** Starts anvil (Prague) and waits until it answers JSON-RPC. */
  static async start(binary: string, extraArgs: readonly string[] = []): Promise<Anvil> {
    const port = await freePort();
    const args = ["--host", "127.0.0.1", "--port", String(port), "--hardfork", "prague", "--quiet", ...extraArgs];
    const child = spawn(binary, args, { stdio: ["ignore", "ignore", "pipe"] });
    let err = "";
    child.stderr?.on("data", (d: Buffer) => {
      if (err.length < 10_000) err += d.toString();
    });
    const anvil = new Anvil(child, `http://127.0.0.1:${port}`, () => err);
    try {
      await anvil.waitReady();
    } catch (e) {
      await anvil.stop();
      throw e;
    }
    return anvil;
  }

  private async waitReady(): Promise<void> {
    const deadline = Date.now() + 20_000;
    for (;;) {
      if (this.child.exitCode !== null || this.child.signalCode !== null) {
        throw new AnvilError(
          `anvil exited at start (${this.child.exitCode ?? this.child.signalCode}): ${this.stderr().trim().split("\n")[0] ?? ""}`,
        );
      }
      try {
        await this.call("web3_clientVersion", []);
        return;
      } catch {
        if (Date.now() > deadline) throw new AnvilError(`anvil did not answer on ${this.url} within 20 s`);
        await new Promise((r) => setTimeout(r, 50));
      }
    }
  }

  private async post(body: unknown): Promise<unknown> {
    const res = await fetch(this.url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    if (!res.ok) throw new AnvilError(`HTTP ${res.status} from anvil`);
    return res.json();
  }

  /** One request; an RPC error is thrown as RpcError. */
  async call(method: string, params: unknown[]): Promise<unknown> {
    const reply = (await this.post({ jsonrpc: "2.0", id: this.nextId++, method, params })) as RpcReply;
    if (reply.error !== undefined) throw new RpcError(method, reply.error.code, reply.error.message);
    if ((method === "eth_sendRawTransaction" || method === "eth_sendTransaction") && typeof reply.result === "string") {
      await this.awaitAutomined(reply.result);
    }
    return reply.result;
  }

  /**
   * anvil's automine may finish after the send has returned (on a busy machine the receipt is
   * not there yet), where Cairn mines before answering: with automine on, wait for the receipt
   * so both chains are in the same state when the next request goes out.
   */
  private async awaitAutomined(hash: string): Promise<void> {
    const auto = (await this.post({ jsonrpc: "2.0", id: this.nextId++, method: "anvil_getAutomine", params: [] })) as RpcReply;
    if (auto.result !== true) return;
    for (let i = 0; i < 400; i++) {
      const r = (await this.post({ jsonrpc: "2.0", id: this.nextId++, method: "eth_getTransactionReceipt", params: [hash] })) as RpcReply;
      if (r.result !== null && r.result !== undefined) return;
      await new Promise((res) => setTimeout(res, 10));
    }
  }

  /** A batch; results in request order. Any RPC error is thrown (the batch is all or nothing). */
  async batch(calls: readonly RpcCall[]): Promise<unknown[]> {
    if (calls.length === 0) return [];
    const first = this.nextId;
    this.nextId += calls.length;
    const body = calls.map((c, i) => ({ jsonrpc: "2.0", id: first + i, method: c.method, params: c.params }));
    const replies = (await this.post(body)) as RpcReply[];
    if (!Array.isArray(replies)) throw new AnvilError("anvil answered a batch with a non-array");
    const byId = new Map(replies.map((r) => [r.id, r]));
    return calls.map((c, i) => {
      const r = byId.get(first + i);
      if (r === undefined) throw new AnvilError(`no reply for ${c.method} in batch`);
      if (r.error !== undefined) throw new RpcError(c.method, r.error.code, r.error.message);
      return r.result;
    });
  }

  private kill(): void {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill("SIGKILL");
  }

  /** Kills the process (idempotent) and waits for it to be gone. */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    process.off("exit", this.onExit);
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const gone = new Promise<void>((resolve) => this.child.once("exit", () => resolve()));
    this.child.kill("SIGTERM");
    const timer = setTimeout(() => this.kill(), 2_000);
    await gone;
    clearTimeout(timer);
  }
}
