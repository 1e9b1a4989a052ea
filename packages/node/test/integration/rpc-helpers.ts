/**
 * test/integration/rpc-helpers: a real ephemeral DevNode (port 0) and a JSON-RPC client that
 * returns the whole response (result or error object), for the eth_ method integration tests.
 */
import { DEFAULT_DEV_MNEMONIC, DevNode, type DevNodeOptions } from "../../src/node/index.js";

export const DEV_OPTIONS: DevNodeOptions = {
  host: "127.0.0.1",
  port: 0,
  chainId: 31337n,
  dataDir: undefined,
  reset: false,
  blockTime: undefined,
  accounts: 3,
  balance: 10_000n,
  mnemonic: DEFAULT_DEV_MNEMONIC,
  fork: "Prague",
};

export interface RpcResponse {
  result?: unknown;
  error?: { code: number; message: string; data?: unknown };
}

export async function rpcAt(url: string, method: string, params: unknown[] = []): Promise<RpcResponse> {
  const res = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params }),
  });
  return (await res.json()) as RpcResponse;
}

/** The result, or a thrown Error carrying the RPC error's message. */
export async function call(url: string, method: string, params: unknown[] = []): Promise<unknown> {
  const r = await rpcAt(url, method, params);
  if (r.error !== undefined) throw new Error(`${method}: ${r.error.message}`);
  return r.result;
}

export async function startDevNode(extra: Partial<DevNodeOptions> = {}): Promise<DevNode> {
  return DevNode.start({ ...DEV_OPTIONS, ...extra });
}

export const DEV0 = "0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266";
export const DEV1 = "0x70997970c51812dc3a010c7d01b50e0d17dc79c8";
