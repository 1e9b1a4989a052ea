/**
 * cli/bench-rpc-peers: the two JSON-RPC servers `cairn bench rpc` compares, each in its own
 * process so neither shares an event loop with the load generator: `cairn dev --ephemeral` (this
 * package's CLI, run with the same Node binary) and anvil, both on 127.0.0.1 at a free port, with
 * the same mnemonic, chain id and hardfork. Also a keep-alive JSON-RPC client over node:http,
 * which the load driver and the setup share (fetch costs more per request than the servers do).
 */
import { type ChildProcess, spawn } from "node:child_process";
import { Agent, request } from "node:http";
import { fileURLToPath } from "node:url";
import { freePort } from "./anvil-binary.js";
import { anvilBinary } from "./bench-evm-anvil.js";
import { EngineUnavailable } from "./bench-evm-engine.js";

export const BENCH_RPC_CHAIN_ID = 31337n;
export const BENCH_RPC_MNEMONIC = "test test test test test test test test test test test junk";

export interface RpcReply {
  readonly id?: unknown;
  readonly result?: unknown;
  readonly error?: { code: number; message: string; data?: unknown };
}

export class BenchRpcError extends Error {
  override name = "BenchRpcError";
}

class ReusedSocketReset extends Error {
  override name = "ReusedSocketReset";
}

/** A JSON-RPC client over keep-alive HTTP connections (at most `sockets` at once). */
export class RpcClient {
  readonly agent: Agent;
  private readonly host: string;
  private readonly port: number;
  private nextId = 1;

  constructor(
    readonly url: string,
    sockets = 64,
  ) {
    const u = new URL(url);
    this.host = u.hostname;
    this.port = Number(u.port);
    this.agent = new Agent({ keepAlive: true, maxSockets: sockets });
  }

  /**
   * POSTs a ready JSON body; resolves with the response text (status 200 only). A keep-alive
   * socket the server closed just as it was reused fails with ECONNRESET before the request was
   * read; that one case is retried once on a new socket (Node's documented remedy).
   */
  async post(body: Buffer | string): Promise<string> {
    try {
      return await this.postOnce(body);
    } catch (e) {
      if (e instanceof ReusedSocketReset) return this.postOnce(body);
      throw e;
    }
  }

  private postOnce(body: Buffer | string): Promise<string> {
    return new Promise((resolve, reject) => {
      const req = request(
        {
          host: this.host,
          port: this.port,
          method: "POST",
          path: "/",
          agent: this.agent,
          headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body) },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (c: Buffer) => chunks.push(c));
          res.on("end", () => {
            const text = Buffer.concat(chunks).toString("utf8");
            if (res.statusCode !== 200) reject(new BenchRpcError(`HTTP ${res.statusCode}: ${text.slice(0, 200)}`));
            else resolve(text);
          });
          res.on("error", reject);
        },
      );
      req.on("error", (e: NodeJS.ErrnoException) => reject(req.reusedSocket && e.code === "ECONNRESET" ? new ReusedSocketReset() : e));
      req.end(body);
    });
  }

  /** One call; the full reply (result or error). */
  async reply(method: string, params: unknown[]): Promise<RpcReply> {
    return JSON.parse(await this.post(JSON.stringify({ jsonrpc: "2.0", id: this.nextId++, method, params }))) as RpcReply;
  }

  /** One call that must succeed. */
  async call(method: string, params: unknown[]): Promise<unknown> {
    const r = await this.reply(method, params);
    if (r.error !== undefined) throw new BenchRpcError(`${method}: ${r.error.message} (${r.error.code})`);
    return r.result;
  }

  close(): void {
    this.agent.destroy();
  }
}

/** A running JSON-RPC server process. */
export interface RpcPeer {
  readonly name: string;
  readonly url: string;
  readonly pid: number | undefined;
  stop(): Promise<void>;
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 5000);
  await exited;
  clearTimeout(timer);
}

async function waitReady(child: ChildProcess, url: string, what: string, output: () => string): Promise<void> {
  const client = new RpcClient(url, 1);
  const deadline = Date.now() + 30_000;
  try {
    for (;;) {
      if (child.exitCode !== null || child.signalCode !== null)
        throw new EngineUnavailable(`${what} exited at start: ${output().trim().split("\n").slice(-3).join(" | ")}`);
      try {
        await client.call("web3_clientVersion", []);
        return;
      } catch {
        if (Date.now() > deadline) throw new EngineUnavailable(`${what} did not answer within 30 s`);
        await new Promise((r) => setTimeout(r, 50));
      }
    }
  } finally {
    client.close();
  }
}

/** anvil with --quiet (no per-request log lines), automine, the given extra arguments. */
export async function startAnvilPeer(extraArgs: readonly string[] = []): Promise<RpcPeer> {
  const bin = anvilBinary();
  for (let attempt = 0; ; attempt++) {
    const port = await freePort();
    const args = ["--host", "127.0.0.1", "--port", String(port), "--hardfork", "prague", "--chain-id", String(BENCH_RPC_CHAIN_ID)];
    args.push("--mnemonic", BENCH_RPC_MNEMONIC, "--quiet", ...extraArgs);
    const child = spawn(bin, args, { stdio: ["ignore", "ignore", "pipe"] });
    let err = "";
    child.stderr!.on("data", (d: Buffer) => {
      if (err.length < 10_000) err += d.toString();
    });
    const url = `http://127.0.0.1:${port}/`;
    try {
      await waitReady(child, url, "anvil", () => err);
      return { name: "anvil", url, pid: child.pid, stop: () => stopChild(child) };
    } catch (e) {
      await stopChild(child);
      // The port may have been taken between freePort() and anvil's bind.
      if (attempt >= 2) throw e;
    }
  }
}

const MAIN = fileURLToPath(new URL("./main.js", import.meta.url));

/**
 * `cairn dev --ephemeral --port 0` as a child process; the URL comes from its banner. Its block
 * and transaction log lines are read and dropped (a pipe nobody reads would stall it).
 */
export async function startCairnPeer(extraArgs: readonly string[] = [], nodeArgs: readonly string[] = []): Promise<RpcPeer> {
  const args = [...nodeArgs, MAIN, "dev", "--ephemeral", "--port", "0", "--chain-id", String(BENCH_RPC_CHAIN_ID)];
  args.push("--mnemonic", BENCH_RPC_MNEMONIC, "--hardfork", "prague", ...extraArgs);
  const child = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  let found = false;
  const keep = (d: Buffer) => {
    if (!found || out.length < 20_000) out += d.toString();
  };
  child.stdout!.on("data", keep);
  child.stderr!.on("data", keep);
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setInterval(() => {
      const m = /RPC URL:\s+(http:\/\/\S+)/.exec(out);
      if (m !== null) {
        found = true;
        out = "";
        clearInterval(timer);
        resolve(m[1]!);
      } else if (child.exitCode !== null || child.signalCode !== null) {
        clearInterval(timer);
        reject(new EngineUnavailable(`cairn dev exited at start: ${out.trim().split("\n").slice(-3).join(" | ")}`));
      }
    }, 20);
    setTimeout(() => {
      if (found) return;
      clearInterval(timer);
      reject(new EngineUnavailable("cairn dev did not print its RPC URL within 30 s"));
    }, 30_000).unref();
  }).catch(async (e: unknown) => {
    await stopChild(child);
    throw e;
  });
  try {
    await waitReady(child, url, "cairn dev", () => out);
  } catch (e) {
    await stopChild(child);
    throw e;
  }
  return { name: "cairn", url, pid: child.pid, stop: () => stopChild(child) };
}
