/**
 * rpc/http-fast: the common case of HTTP JSON-RPC read straight off the socket. Clients such as
 * ethers, viem, web3.js and cast send `POST / HTTP/1.1` with a Content-Length body on a
 * keep-alive connection. For those requests node:http's per-request objects (IncomingMessage,
 * ServerResponse, their streams and header maps) cost about as much CPU as a cheap method
 * itself, so this parser reads the request and writes the answer in one write.
 *
 * Anything else is handed, with every byte not yet consumed, to the node:http server, which then
 * keeps the connection: another method or path, HTTP/1.0, Transfer-Encoding, Expect, Upgrade,
 * an Origin header (CORS is answered there), a content type other than JSON, a body over the
 * limit, a missing Host or Content-Length, or anything malformed. The answers to those are
 * node:http's and http.ts's, unchanged. Requests on a connection are taken one at a time (the
 * next is parsed once the answer is written), so a hand-over happens only between requests
 * and answers never overtake each other.
 *
 * Timeouts as node:http's defaults: a connection idle for 5 s (between requests or inside one)
 * is closed, and so is one whose request takes longer than 60 s to arrive. A request being
 * answered is never timed out here (eth_call has its own limit). A client that ends its side
 * of the connection ends the connection, as node:http does by default; the handlers of its
 * unanswered requests see their signal aborted.
 */
import type { Socket } from "node:net";
import { dispatchText } from "./dispatch.js";
import { ACCEPTED_CONTENT_TYPES, connectionDispatch, type HttpOptions, mediaType } from "./http.js";

/** node:http's default keepAliveTimeout, which the slow path uses as well. */
export const KEEP_ALIVE_TIMEOUT_MS = 5_000;
const KEEP_ALIVE_HEADERS = `Connection: keep-alive\r\nKeep-Alive: timeout=${KEEP_ALIVE_TIMEOUT_MS / 1000}\r\n`;
/** node:http's default headersTimeout, applied to the whole request here. */
export const REQUEST_READ_TIMEOUT_MS = 60_000;
/** node:http's default maximum header size. */
const MAX_HEAD_BYTES = 16 * 1024;
/** Answers waiting in the socket's buffer beyond this: read no further until it drains. */
const MAX_PENDING_WRITE_BYTES = 1024 * 1024;

const REQUEST_LINE = "POST / HTTP/1.1\r\n";
const HEAD_END = Buffer.from("\r\n\r\n", "latin1");
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const DIGITS = /^[0-9]{1,10}$/;

/** A control character other than tab, which a header value may not hold (RFC 9110 5.5). */
function hasControlChar(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09) || c === 0x7f) return true;
  }
  return false;
}

/** The request head as far as the fast path cares, or undefined to hand the connection over. */
interface FastHead {
  readonly contentLength: number;
  readonly close: boolean;
}

/**
 * Heads already parsed, by their text: a client sends the same head again and again (only a
 * different Content-Length makes a new one), so most requests skip the parse. Bounded.
 */
const knownHeads = new Map<string, FastHead | null>();
const KNOWN_HEADS_MAX = 1024;
/** Longer heads are parsed each time, so the cache holds at most 1 MiB of text. */
const KNOWN_HEAD_MAX_LENGTH = 1024;

function parseHeadCached(head: string): FastHead | undefined {
  let known = knownHeads.get(head);
  if (known === undefined) {
    known = parseHead(head) ?? null;
    if (head.length > KNOWN_HEAD_MAX_LENGTH) return known ?? undefined;
    if (knownHeads.size >= KNOWN_HEADS_MAX) knownHeads.clear();
    knownHeads.set(head, known);
  }
  return known ?? undefined;
}

function parseHead(head: string): FastHead | undefined {
  if (!head.startsWith(REQUEST_LINE)) return undefined;
  let contentLength: number | undefined;
  let close = false;
  let host = false;
  let contentType = false;
  const lines = head.slice(REQUEST_LINE.length).split("\r\n");
  for (const line of lines) {
    const colon = line.indexOf(":");
    if (colon <= 0) return undefined;
    const name = line.slice(0, colon);
    if (!TOKEN.test(name)) return undefined;
    const value = line.slice(colon + 1).trim();
    if (hasControlChar(value)) return undefined;
    switch (name.toLowerCase()) {
      case "content-length":
        if (contentLength !== undefined || !DIGITS.test(value)) return undefined;
        contentLength = Number(value);
        break;
      case "content-type":
        if (contentType || !ACCEPTED_CONTENT_TYPES.has(mediaType(value))) return undefined;
        contentType = true;
        break;
      case "host":
        if (host) return undefined;
        host = true;
        break;
      case "connection": {
        const tokens = value.toLowerCase().split(",");
        for (const t of tokens) {
          const token = t.trim();
          if (token === "close") close = true;
          else if (token !== "keep-alive") return undefined;
        }
        break;
      }
      case "transfer-encoding":
      case "expect":
      case "upgrade":
      case "origin":
        return undefined;
    }
  }
  if (contentLength === undefined || !host || !contentType) return undefined;
  return { contentLength, close };
}

/** The Date header's value, made at most once a second. */
let dateSecond = -1;
let dateValue = "";
function httpDate(): string {
  const now = Date.now();
  const second = Math.floor(now / 1000);
  if (second !== dateSecond) {
    dateSecond = second;
    dateValue = new Date(now).toUTCString();
  }
  return dateValue;
}

/**
 * Serves `socket` on the fast path until a request needs node:http; then calls `handOff` with
 * the socket paused and the unread bytes pushed back into it.
 */
export function serveFastConnection(socket: Socket, opts: HttpOptions, handOff: (socket: Socket) => void): void {
  /** Bytes received and not yet consumed, and their total. */
  let chunks: Buffer[] = [];
  let length = 0;
  /** Bytes needed before the next parse can succeed (0: unknown, try on every chunk). */
  let needed = 0;
  /** A request is being answered: parse nothing more until it is written. */
  let busy = false;
  let closing = false;
  let requestStart = 0;
  const dispatch = connectionDispatch(socket, opts);
  const maxBuffered = opts.maxBodyBytes + MAX_HEAD_BYTES;

  const detach = (): void => {
    socket.off("data", onData);
    socket.off("timeout", onTimeout);
    socket.off("drain", onDrain);
    socket.off("error", onError);
    socket.setTimeout(0);
  };

  const giveAway = (): void => {
    socket.pause();
    detach();
    if (length > 0) socket.unshift(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, length));
    chunks = [];
    length = 0;
    handOff(socket);
  };

  const answer = (body: string): void => {
    // The headers node:http sends: clients (Node's Agent, undici) read the keep-alive hint to
    // stop reusing a connection before the server closes it.
    const head = `HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nDate: ${httpDate()}\r\n${closing ? "Connection: close\r\n" : KEEP_ALIVE_HEADERS}Content-Length: ${Buffer.byteLength(body)}\r\n\r\n`;
    socket.write(head + body);
    if (closing) {
      detach();
      socket.end();
      return;
    }
    busy = false;
    // The next request's time starts now: its bytes may have arrived during a long answer.
    requestStart = Date.now();
    if (socket.isPaused()) socket.resume();
    if (socket.writableLength > MAX_PENDING_WRITE_BYTES) return; // onDrain goes on
    next();
  };

  /** Takes the next complete request from the received bytes, if there is one. */
  const next = (): void => {
    if (busy || length === 0 || length < needed || socket.destroyed) return;
    const buf = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, length);
    chunks = [buf];
    const end = buf.indexOf(HEAD_END);
    if (end < 0) {
      if (length > MAX_HEAD_BYTES) giveAway(); // node:http answers 431
      return;
    }
    if (end > MAX_HEAD_BYTES) {
      giveAway();
      return;
    }
    const head = parseHeadCached(buf.toString("latin1", 0, end));
    if (head === undefined || head.contentLength > opts.maxBodyBytes) {
      giveAway();
      return;
    }
    const bodyEnd = end + 4 + head.contentLength;
    if (length < bodyEnd) {
      needed = bodyEnd;
      return;
    }
    const text = buf.toString("utf8", end + 4, bodyEnd);
    needed = 0;
    length -= bodyEnd;
    chunks = length === 0 ? [] : [buf.subarray(bodyEnd)];
    busy = true;
    closing = head.close;
    dispatchText(text, dispatch).then(
      (result) => {
        if (!socket.destroyed) answer(result ?? "");
      },
      () => {
        // dispatchText does not reject; this only keeps a bug from leaving the client waiting.
        socket.destroy();
      },
    );
  };

  function onData(chunk: Buffer): void {
    if (length === 0) requestStart = Date.now();
    else if (!busy && Date.now() - requestStart > REQUEST_READ_TIMEOUT_MS) {
      socket.destroy();
      return;
    }
    chunks.push(chunk);
    length += chunk.length;
    // A client sending on while its answer is being made waits: at most one request ahead.
    if (busy && length > maxBuffered) socket.pause();
    next();
  }

  function onTimeout(): void {
    // Idle for the keep-alive timeout, between requests or inside one; an answer being made is not idle.
    if (!busy) socket.destroy();
  }

  function onDrain(): void {
    next();
  }

  function onError(): void {
    socket.destroy();
  }

  socket.setNoDelay(true);
  socket.setTimeout(KEEP_ALIVE_TIMEOUT_MS);
  socket.on("data", onData);
  socket.on("timeout", onTimeout);
  socket.on("drain", onDrain);
  socket.on("error", onError);
}
