/**
 * test/e2e/dev-process: runs `cairn dev` as a child process for end-to-end tests: starts it on
 * an OS-chosen port, reads the RPC URL from the banner, talks JSON-RPC over HTTP with fetch, and
 * stops it with SIGTERM (SIGKILL if it does not exit in time).
 */
import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

const MAIN = fileURLToPath(new URL("../../src/cli/main.js", import.meta.url));

export interface DevProcess {
  readonly url: string;
  /** The WebSocket endpoint (same port as HTTP). */
  readonly wsUrl: string;
  readonly child: ChildProcess;
  output(): string;
  rpc(method: string, params?: unknown[]): Promise<unknown>;
  /** The full JSON-RPC error object of a call expected to fail. */
  rpcError(method: string, params?: unknown[]): Promise<{ code: number; message: string; data?: unknown }>;
  stop(): Promise<number | null>;
}

async function post(
  url: string,
  method: string,
  params: unknown[],
): Promise<{ result?: unknown; error?: { code: number; message: string; data?: unknown } }> {
  const res = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params }),
  });
  return (await res.json()) as { result?: unknown; error?: { code: number; message: string } };
}

export async function startDev(args: readonly string[], timeoutMs = 30_000): Promise<DevProcess> {
  const child = spawn(process.execPath, [MAIN, "dev", "--port", "0", ...args], { stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  child.stdout!.on("data", (b: Buffer) => {
    out += b.toString();
  });
  child.stderr!.on("data", (b: Buffer) => {
    out += b.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const stop = async (): Promise<number | null> => {
    if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
    child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
    const code = await exited;
    clearTimeout(timer);
    return code;
  };
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      clearInterval(poll);
      reject(new Error(`cairn dev did not print its RPC URL within ${timeoutMs} ms:\n${out}`));
    }, timeoutMs);
    const poll = setInterval(() => {
      const m = /RPC URL:\s+(http:\/\/\S+)/.exec(out);
      if (m !== null) {
        clearInterval(poll);
        clearTimeout(timer);
        resolve(m[1]!);
      } else if (child.exitCode !== null) {
        clearInterval(poll);
        clearTimeout(timer);
        reject(new Error(`cairn dev exited with ${child.exitCode}:\n${out}`));
      }
    }, 20);
  }).catch(async (e: unknown) => {
    await stop();
    throw e;
  });
  return {
    url,
    wsUrl: url.replace(/^http/, "ws"),
    child,
    output: () => out,
    async rpc(method, params = []) {
      const r = await post(url, method, params);
      if (r.error !== undefined) throw new Error(`${method}: ${r.error.code} ${r.error.message}`);
      return r.result;
    },
    async rpcError(method, params = []) {
      const r = await post(url, method, params);
      if (r.error === undefined) throw new Error(`${method}: expected an error, got ${JSON.stringify(r.result)}`);
      return r.error;
    },
    stop,
  };
}
