/**
 * rpc/server: the JSON-RPC server's lifecycle. One port carries HTTP JSON-RPC, the WebSocket
 * upgrade and the static-file hook (the explorer). Connections start on the fast path for plain
 * JSON-RPC POSTs (http-fast.ts) and move to one node:http server, which serves everything else,
 * at the first request that path does not take. Binds to 127.0.0.1 unless a host
 * is given (geth's default), port 0 lets the OS choose. `close()` ends open sockets too, so a
 * stopped node leaves nothing listening.
 */
import { createServer, type Server } from "node:http";
import { type AddressInfo, createServer as createNetServer, type Socket } from "node:net";
import { DEFAULT_BATCH_LIMIT } from "./dispatch.js";
import { DEFAULT_MAX_BODY_BYTES, handleHttpRequest, type StaticHandler } from "./http.js";
import { KEEP_ALIVE_TIMEOUT_MS, serveFastConnection } from "./http-fast.js";
import type { MethodRegistry } from "./registry.js";
import { SubscriptionManager } from "./subscriptions.js";
import { DEFAULT_WS_MAX_PAYLOAD, WsTransport } from "./ws.js";

export interface RpcServerOptions {
  readonly registry: MethodRegistry;
  readonly host?: string;
  readonly port?: number;
  /** Subscriptions served over WebSocket; a fresh manager when omitted. */
  readonly subscriptions?: SubscriptionManager;
  /**
   * Allowed browser origins for CORS and WebSocket upgrades; "*" allows any (the dev chain's
   * default, as anvil). Requests without an Origin header (non-browser clients) always pass.
   */
  readonly corsOrigins?: readonly string[];
  readonly staticHandler?: StaticHandler;
  readonly batchLimit?: number;
  readonly maxBodyBytes?: number;
  readonly wsMaxPayload?: number;
  /** Serve WebSocket upgrades on the same port (default true). */
  readonly ws?: boolean;
}

export interface RpcServer {
  readonly host: string;
  readonly port: number;
  readonly url: string;
  readonly wsUrl: string;
  readonly subscriptions: SubscriptionManager;
  close(): Promise<void>;
}

export const DEFAULT_RPC_HOST = "127.0.0.1";

export async function startRpcServer(opts: RpcServerOptions): Promise<RpcServer> {
  const host = opts.host ?? DEFAULT_RPC_HOST;
  const subscriptions = opts.subscriptions ?? new SubscriptionManager();
  const dispatch = {
    registry: opts.registry,
    batchLimit: opts.batchLimit ?? DEFAULT_BATCH_LIMIT,
  };
  const origins = opts.corsOrigins ?? ["*"];
  const httpOpts = {
    dispatch: { ...dispatch, subscriptions },
    corsOrigins: origins,
    maxBodyBytes: opts.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES,
    staticHandler: opts.staticHandler,
  };
  const server: Server = createServer((req, res) => handleHttpRequest(req, res, httpOpts));
  server.keepAliveTimeout = KEEP_ALIVE_TIMEOUT_MS;
  // Open sockets, to end them on close (node:http tracks the ones handed to it as well).
  const sockets = new Set<Socket>();
  const handOff = (socket: Socket): void => {
    server.emit("connection", socket);
    socket.resume();
  };
  const listener = createNetServer({ noDelay: true }, (socket) => {
    sockets.add(socket);
    socket.once("close", () => sockets.delete(socket));
    serveFastConnection(socket, httpOpts, handOff);
  });

  const ws =
    opts.ws === false ? undefined : new WsTransport({ dispatch, subscriptions, maxPayload: opts.wsMaxPayload ?? DEFAULT_WS_MAX_PAYLOAD });
  server.on("upgrade", (req, socket, head) => {
    const path = (req.url ?? "/").split("?")[0];
    if (ws === undefined || path !== "/") {
      socket.end("HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n");
      return;
    }
    // geth's wsHandshakeValidator: a browser page may only connect from an allowed origin.
    const origin = req.headers.origin;
    if (origin !== undefined && !origins.includes("*") && !origins.includes(origin)) {
      socket.end("HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Length: 0\r\n\r\n");
      return;
    }
    ws.handleUpgrade(req, socket, head);
  });
  server.on("clientError", (_err, socket) => {
    if (socket.writable) socket.end("HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n");
    else socket.destroy();
  });

  await new Promise<void>((resolve, reject) => {
    listener.once("error", reject);
    listener.listen(opts.port ?? 0, host, () => {
      listener.off("error", reject);
      resolve();
    });
  });
  const addr = listener.address() as AddressInfo;
  const urlHost = addr.family === "IPv6" ? `[${addr.address}]` : addr.address;
  let closing: Promise<void> | undefined;
  return {
    host: addr.address,
    port: addr.port,
    url: `http://${urlHost}:${addr.port}/`,
    wsUrl: `ws://${urlHost}:${addr.port}/`,
    subscriptions,
    close() {
      closing ??= (async () => {
        const stopped = new Promise<void>((resolve) => listener.close(() => resolve()));
        if (ws !== undefined) await ws.close();
        server.closeAllConnections();
        for (const socket of sockets) socket.destroy();
        await stopped;
      })();
      return closing;
    },
  };
}
