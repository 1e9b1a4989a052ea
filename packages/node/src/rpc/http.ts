/**
 * rpc/http: JSON-RPC over HTTP as geth's rpc/http.go serves it.
 * - POST / with a JSON body at most 5 MiB (larger: 413 "content length too large (N>M)");
 *   content type application/json (or geth's other accepted types), else 415;
 *   PUT and DELETE get 405.
 * - Any other request goes first to the optional static handler (the explorer); GET / without
 *   one answers an empty 200 (geth's health check), everything else 404.
 * - CORS from a list of allowed origins ("*" allows any); preflight OPTIONS answered 204.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Socket } from "node:net";
import { type DispatchOptions, dispatchText } from "./dispatch.js";

/** geth's maxRequestContentLength. */
export const DEFAULT_MAX_BODY_BYTES = 5 * 1024 * 1024;

export const ACCEPTED_CONTENT_TYPES: ReadonlySet<string> = new Set(["application/json", "application/json-rpc", "application/jsonrequest"]);

export type StaticHandler = (req: IncomingMessage, res: ServerResponse) => boolean;

export interface HttpOptions {
  readonly dispatch: Omit<DispatchOptions, "transport" | "signal" | "connection">;
  readonly corsOrigins: readonly string[];
  readonly maxBodyBytes: number;
  readonly staticHandler?: StaticHandler;
}

/** Writes a plain-text error as Go's http.Error does. */
function httpError(res: ServerResponse, status: number, text: string, close = false): void {
  const headers: Record<string, string> = {
    "Content-Type": "text/plain; charset=utf-8",
    "X-Content-Type-Options": "nosniff",
  };
  if (close) headers.Connection = "close";
  res.writeHead(status, headers);
  res.end(`${text}\n`);
}

/** Sets Access-Control-Allow-Origin when the request's origin is allowed. */
function applyCors(req: IncomingMessage, res: ServerResponse, origins: readonly string[]): boolean {
  const origin = req.headers.origin;
  if (origin === undefined || origins.length === 0) return false;
  if (origins.includes("*")) {
    res.setHeader("Access-Control-Allow-Origin", "*");
    return true;
  }
  res.setHeader("Vary", "Origin");
  if (!origins.includes(origin)) return false;
  res.setHeader("Access-Control-Allow-Origin", origin);
  return true;
}

export function mediaType(header: string | undefined): string {
  if (header === undefined) return "";
  return header.split(";")[0].trim().toLowerCase();
}

export function handleHttpRequest(req: IncomingMessage, res: ServerResponse, opts: HttpOptions): void {
  const path = (req.url ?? "/").split("?")[0];
  const allowed = applyCors(req, res, opts.corsOrigins);
  const method = req.method ?? "GET";

  if (method === "OPTIONS" && req.headers["access-control-request-method"] !== undefined) {
    if (allowed) {
      res.setHeader("Access-Control-Allow-Methods", "POST, GET, OPTIONS");
      const reqHeaders = req.headers["access-control-request-headers"];
      res.setHeader("Access-Control-Allow-Headers", reqHeaders ?? "Content-Type");
      res.setHeader("Access-Control-Max-Age", "600");
    }
    res.writeHead(204);
    res.end();
    return;
  }
  if (method === "POST" && path === "/") {
    serveRpc(req, res, opts);
    return;
  }
  if (method === "PUT" || method === "DELETE") {
    httpError(res, 405, "method not allowed");
    return;
  }
  if (opts.staticHandler?.(req, res)) return;
  if ((method === "GET" || method === "HEAD" || method === "OPTIONS") && path === "/") {
    res.writeHead(200);
    res.end();
    return;
  }
  httpError(res, 404, "404 page not found");
}

function serveRpc(req: IncomingMessage, res: ServerResponse, opts: HttpOptions): void {
  const limit = opts.maxBodyBytes;
  const declared = req.headers["content-length"];
  if (declared !== undefined && Number(declared) > limit) {
    // Close the connection: the rest of an oversized body is not worth reading.
    httpError(res, 413, `content length too large (${declared}>${limit})`, true);
    return;
  }
  if (!ACCEPTED_CONTENT_TYPES.has(mediaType(req.headers["content-type"]))) {
    httpError(res, 415, "invalid content type, only application/json is supported");
    req.resume();
    return;
  }
  const chunks: Buffer[] = [];
  let size = 0;
  let tooLarge = false;
  req.on("data", (chunk: Buffer) => {
    if (tooLarge) return;
    size += chunk.length;
    if (size > limit) {
      // A chunked body without a declared length crossed the limit while streaming.
      tooLarge = true;
      chunks.length = 0;
      httpError(res, 413, `content length too large (${size}>${limit})`, true);
      return;
    }
    chunks.push(chunk);
  });
  req.on("error", () => {});
  req.on("end", () => {
    if (tooLarge) return;
    const text = chunks.length === 1 ? chunks[0]!.toString("utf8") : Buffer.concat(chunks, size).toString("utf8");
    dispatchText(text, connectionDispatch(req.socket, opts)).then(
      (answer) => {
        if (res.destroyed) return;
        const body = answer ?? "";
        res.writeHead(200, ["Content-Type", "application/json", "Content-Length", String(Buffer.byteLength(body))]);
        res.end(body);
      },
      () => {
        // dispatchText does not reject; this is only a guard against a crash of the server.
        if (!res.headersSent) httpError(res, 500, "internal error");
      },
    );
  });
}

/**
 * Dispatch options of one connection, made on its first request: the signal handlers see is
 * aborted when the connection closes (the client went away), so one AbortController and one
 * listener serve every keep-alive request of the connection instead of one per request.
 */
const perConnection = new WeakMap<Socket, { readonly base: HttpOptions["dispatch"]; readonly options: DispatchOptions }>();

export function connectionDispatch(socket: Socket, opts: HttpOptions): DispatchOptions {
  const known = perConnection.get(socket);
  if (known !== undefined && known.base === opts.dispatch) return known.options;
  const controller = new AbortController();
  socket.once("close", () => controller.abort());
  const options: DispatchOptions = { ...opts.dispatch, transport: "http", signal: controller.signal };
  perConnection.set(socket, { base: opts.dispatch, options });
  return options;
}
