/**
 * test/integration/anvil-peer: anvil (Foundry's dev node, shipped in an npm platform package)
 * started on a free loopback port with the default dev mnemonic and chain id 31337, to compare
 * answers the protocol fixes. `undefined` when the binary is not installed.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { findAnvil, freePort } from "../../src/cli/anvil-binary.js";
import { rpcAt } from "./rpc-helpers.js";

export interface AnvilPeer {
  readonly url: string;
  stop(): Promise<void>;
}

export async function startAnvil(extra: readonly string[] = []): Promise<AnvilPeer | undefined> {
  const found = findAnvil();
  if (!("path" in found)) return undefined;
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = await freePort();
    const args = ["--host", "127.0.0.1", "--port", String(port), "--chain-id", "31337", "--quiet", "--hardfork", "prague", ...extra];
    const child: ChildProcess = spawn(found.path, args, { stdio: ["ignore", "ignore", "ignore"] });
    const url = `http://127.0.0.1:${port}`;
    const stop = async (): Promise<void> => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise<void>((r) => child.once("exit", () => r()));
      child.kill("SIGTERM");
      await exited;
    };
    const deadline = Date.now() + 20_000;
    while (Date.now() < deadline && child.exitCode === null) {
      try {
        const r = await rpcAt(url, "eth_blockNumber");
        // Another process may hold the port (our child then exits): make sure ours answers.
        await new Promise((res) => setTimeout(res, 300));
        if (child.exitCode !== null || child.signalCode !== null) break;
        if (r.result === "0x0") return { url, stop };
        break;
      } catch {
        await new Promise((r) => setTimeout(r, 50));
      }
    }
    await stop();
  }
  return undefined;
}
