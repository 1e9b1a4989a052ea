/**
 * live: new chain heads for the home page. eth_subscribe("newHeads") over a WebSocket to the
 * node's RPC port when it answers; otherwise (no WebSocket, or "method not found") polling
 * eth_blockNumber every two seconds, and the page says which one it uses.
 */
import { METHOD_NOT_FOUND, type Rpc } from "./rpc.js";

export type LiveMode = "connecting" | "websocket" | "polling";

export interface LiveFeed {
  close(): void;
}

const POLL_MS = 2000;

export function followHeads(rpc: Rpc, onHead: (number: bigint) => void, onMode: (mode: LiveMode, why?: string) => void): LiveFeed {
  let closed = false;
  let ws: WebSocket | undefined;
  let timer: ReturnType<typeof setInterval> | undefined;
  let last = -1n;

  const seen = (n: bigint) => {
    if (n > last) {
      last = n;
      onHead(n);
    }
  };

  const poll = (why: string) => {
    if (closed || timer !== undefined) return;
    ws?.close();
    onMode("polling", why);
    const tick = () =>
      rpc.call<string>("eth_blockNumber").then(
        (h) => seen(BigInt(h)),
        () => {},
      );
    tick();
    timer = setInterval(tick, POLL_MS);
  };

  onMode("connecting");
  try {
    ws = new WebSocket(rpc.wsUrl);
  } catch {
    poll("no WebSocket");
    return { close: () => stop() };
  }
  let subscribed = false;
  ws.onopen = () => ws!.send(JSON.stringify({ jsonrpc: "2.0", id: 1, method: "eth_subscribe", params: ["newHeads"] }));
  ws.onmessage = (ev) => {
    let msg: {
      id?: number;
      result?: unknown;
      error?: { code: number; message: string };
      method?: string;
      params?: { result?: { number?: string } };
    };
    try {
      msg = JSON.parse(String(ev.data));
    } catch {
      return;
    }
    if (msg.id === 1) {
      if (msg.error !== undefined) poll(msg.error.code === METHOD_NOT_FOUND ? "newHeads not available" : msg.error.message);
      else {
        subscribed = true;
        onMode("websocket");
      }
      return;
    }
    const n = msg.params?.result?.number;
    if (msg.method === "eth_subscription" && typeof n === "string") seen(BigInt(n));
  };
  ws.onerror = () => poll("WebSocket failed");
  ws.onclose = () => {
    if (!closed) poll(subscribed ? "WebSocket closed" : "WebSocket refused");
  };

  function stop(): void {
    closed = true;
    if (timer !== undefined) clearInterval(timer);
    if (ws !== undefined) {
      ws.onclose = null;
      ws.close();
    }
  }
  return { close: stop };
}
