/**
 * rpc/ws: JSON-RPC over WebSocket on the HTTP server's port (geth serves both on one listener
 * when asked). Messages larger than 32 MiB (geth's wsDefaultReadLimit) close the socket with
 * 1009 "message too big"; each message is dispatched as over HTTP, and subscriptions push
 * notifications on the same socket until it closes or the client unsubscribes.
 */
import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import { type RawData, WebSocket, WebSocketServer } from "ws";
import { type DispatchOptions, dispatchText } from "./dispatch.js";
import type { Connection, SubscriptionManager } from "./subscriptions.js";

/** geth's wsDefaultReadLimit. */
export const DEFAULT_WS_MAX_PAYLOAD = 32 * 1024 * 1024;

export interface WsOptions {
  readonly dispatch: Omit<DispatchOptions, "transport" | "signal" | "connection" | "subscriptions">;
  readonly subscriptions: SubscriptionManager;
  readonly maxPayload: number;
}

export class WsTransport {
  private readonly wss: WebSocketServer;
  private nextId = 1;

  constructor(private readonly opts: WsOptions) {
    this.wss = new WebSocketServer({ noServer: true, maxPayload: opts.maxPayload });
  }

  /** Takes over an HTTP upgrade request. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    socket.on("error", () => socket.destroy());
    this.wss.handleUpgrade(req, socket, head, (ws) => this.serve(ws));
  }

  private serve(ws: WebSocket): void {
    const subs = this.opts.subscriptions;
    const controller = new AbortController();
    const conn: Connection = {
      id: this.nextId++,
      send(text: string) {
        if (ws.readyState === WebSocket.OPEN) ws.send(text);
      },
    };
    ws.on("message", (data: RawData) => {
      const text = rawToString(data);
      const created: string[] = [];
      dispatchText(text, {
        ...this.opts.dispatch,
        transport: "ws",
        connection: conn,
        subscriptions: subs,
        newSubscriptions: created,
        signal: controller.signal,
      }).then(
        (answer) => {
          if (answer !== undefined) conn.send(answer);
          if (created.length > 0) subs.activate(conn, created);
        },
        () => ws.terminate(),
      );
    });
    ws.on("error", () => ws.terminate());
    ws.on("close", () => {
      controller.abort();
      subs.closeConnection(conn);
    });
  }

  /** Live WebSocket clients. */
  clientCount(): number {
    return this.wss.clients.size;
  }

  /** Ends every open socket and the server. */
  close(): Promise<void> {
    for (const ws of this.wss.clients) ws.terminate();
    return new Promise((resolve) => this.wss.close(() => resolve()));
  }
}

function rawToString(data: RawData): string {
  if (Buffer.isBuffer(data)) return data.toString("utf8");
  if (Array.isArray(data)) return Buffer.concat(data).toString("utf8");
  return Buffer.from(data).toString("utf8");
}
