import assert from "node:assert/strict";
import { connect, type Socket } from "node:net";
import { after, before, describe, test } from "node:test";
import fc from "fast-check";
import { MethodRegistry } from "./registry.js";
import { type RpcServer, startRpcServer } from "./server.js";

/** Three methods are enough here: an answer, an echo and an answer that takes a while. */
function makeRegistry(): MethodRegistry {
  const r = new MethodRegistry();
  r.register("net_version", () => "31337");
  r.register("eth_echo", (params) => params[0]);
  r.register("eth_later", (params) => new Promise((resolve) => setTimeout(() => resolve(params[0]), 50)));
  return r;
}

/** A raw TCP client that collects everything the server sends. */
class RawClient {
  private received = "";
  private waiters: (() => void)[] = [];
  ended = false;
  private constructor(readonly socket: Socket) {
    socket.setEncoding("latin1");
    socket.on("data", (d: string) => {
      this.received += d;
      for (const w of this.waiters.splice(0)) w();
    });
    socket.on("end", () => {
      this.ended = true;
      for (const w of this.waiters.splice(0)) w();
    });
    socket.on("error", () => {});
  }

  static open(port: number): Promise<RawClient> {
    return new Promise((resolve, reject) => {
      const socket = connect(port, "127.0.0.1", () => resolve(new RawClient(socket)));
      socket.once("error", reject);
    });
  }

  write(text: string | Buffer): void {
    this.socket.write(text);
  }

  /** Waits until `count` complete responses (head and Content-Length body) have arrived, and returns them. */
  async responses(count: number, timeoutMs = 5000): Promise<{ status: number; headers: Map<string, string>; body: string }[]> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const parsed = parseResponses(this.received);
      if (parsed.length >= count) return parsed.slice(0, count);
      if (this.ended || Date.now() > deadline)
        throw new Error(`only ${parsed.length} of ${count} responses: ${JSON.stringify(this.received)}`);
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 50);
      });
    }
  }

  async waitEnd(timeoutMs = 5000): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    while (!this.ended && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    return this.ended;
  }

  close(): void {
    this.socket.destroy();
  }
}

function parseResponses(text: string): { status: number; headers: Map<string, string>; body: string }[] {
  const out: { status: number; headers: Map<string, string>; body: string }[] = [];
  let rest = Buffer.from(text, "latin1");
  for (;;) {
    const end = rest.indexOf("\r\n\r\n");
    if (end < 0) return out;
    const lines = rest.toString("latin1", 0, end).split("\r\n");
    const status = Number(lines[0]!.split(" ")[1]);
    const headers = new Map<string, string>();
    for (const l of lines.slice(1)) {
      const i = l.indexOf(":");
      headers.set(l.slice(0, i).toLowerCase(), l.slice(i + 1).trim());
    }
    const length = Number(headers.get("content-length") ?? "0");
    if (rest.length < end + 4 + length) return out;
    out.push({ status, headers, body: rest.toString("utf8", end + 4, end + 4 + length) });
    rest = rest.subarray(end + 4 + length);
  }
}

function rpcPost(body: string, extra = ""): string {
  return `POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n${extra}Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
}

const call = (id: number, method: string, params: unknown[] = []) => JSON.stringify({ jsonrpc: "2.0", id, method, params });

describe("HTTP fast path and its hand-over to node:http", () => {
  let server: RpcServer;
  const clients: RawClient[] = [];
  const open = async () => {
    const c = await RawClient.open(server.port);
    clients.push(c);
    return c;
  };
  before(async () => {
    server = await startRpcServer({
      registry: makeRegistry(),
      port: 0,
      staticHandler: (req, res) => {
        if (req.url !== "/app.js") return false;
        res.writeHead(200, { "content-type": "text/javascript", "content-length": "6" });
        res.end("// app");
        return true;
      },
    });
  });
  after(async () => {
    for (const c of clients) c.close();
    await server.close();
  });

  test("a keep-alive connection answers requests in turn, with JSON headers, a Date and byte lengths", async () => {
    const c = await open();
    c.write(rpcPost(call(1, "net_version")));
    const [first] = await c.responses(1);
    assert.equal(first!.status, 200);
    assert.equal(first!.headers.get("content-type"), "application/json");
    assert.ok(!Number.isNaN(Date.parse(first!.headers.get("date") ?? "")));
    assert.equal(first!.headers.get("connection"), "keep-alive");
    assert.equal(first!.headers.get("keep-alive"), "timeout=5");
    assert.deepEqual(JSON.parse(first!.body), { jsonrpc: "2.0", id: 1, result: "31337" });
    // Non-ASCII text: the length is counted in bytes, so the body arrives whole.
    c.write(rpcPost(call(2, "eth_echo", ["grüße ✓"])));
    const [, second] = await c.responses(2);
    assert.equal(Number(second!.headers.get("content-length")), Buffer.byteLength(second!.body));
    assert.deepEqual(JSON.parse(second!.body), { jsonrpc: "2.0", id: 2, result: "grüße ✓" });
    assert.equal(c.ended, false);
  });

  test("pipelined requests are answered in order, a slow one first included", async () => {
    const c = await open();
    c.write(rpcPost(call(1, "eth_later", ["a"])) + rpcPost(call(2, "eth_echo", ["b"])) + rpcPost(call(3, "eth_echo", ["c"])));
    const answers = await c.responses(3);
    assert.deepEqual(
      answers.map((a) => JSON.parse(a.body).result),
      ["a", "b", "c"],
    );
  });

  test("a 3 MiB request and its 3 MiB answer, then a pipelined small one after the write drains", async () => {
    const c = await open();
    const big = "ab".repeat(1536 * 1024);
    c.write(rpcPost(call(1, "eth_echo", [big])) + rpcPost(call(2, "eth_echo", ["small"])));
    const [a, b] = await c.responses(2, 20_000);
    assert.equal(JSON.parse(a!.body).result, big);
    assert.deepEqual(JSON.parse(b!.body), { jsonrpc: "2.0", id: 2, result: "small" });
  });

  test("a request arriving one byte at a time is answered", async () => {
    const c = await open();
    const bytes = Buffer.from(rpcPost(call(7, "eth_echo", ["slow"])));
    for (const b of bytes) {
      c.write(Buffer.from([b]));
      await new Promise((r) => setImmediate(r));
    }
    const [a] = await c.responses(1);
    assert.deepEqual(JSON.parse(a!.body), { jsonrpc: "2.0", id: 7, result: "slow" });
  });

  test("Connection: close is answered and the connection ends", async () => {
    const c = await open();
    c.write(rpcPost(call(1, "net_version"), "Connection: close\r\n"));
    const [a] = await c.responses(1);
    assert.equal(a!.headers.get("connection"), "close");
    assert.equal(await c.waitEnd(), true);
  });

  test("after fast requests, a GET moves the connection to node:http, which goes on serving POSTs", async () => {
    const c = await open();
    c.write(rpcPost(call(1, "net_version")));
    await c.responses(1);
    // The GET and the POST after it arrive together: the unread POST must survive the hand-over.
    c.write(`GET /app.js HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n${rpcPost(call(2, "eth_echo", ["after"]))}`);
    const [, get, post] = await c.responses(3);
    assert.equal(get!.status, 200);
    assert.equal(get!.body, "// app");
    assert.deepEqual(JSON.parse(post!.body), { jsonrpc: "2.0", id: 2, result: "after" });
  });

  test("a first request the fast path does not take is served by node:http: GET, CORS, chunked, bad content type", async () => {
    const health = await open();
    health.write("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
    assert.equal((await health.responses(1))[0]!.status, 200);

    const cors = await open();
    cors.write(rpcPost(call(1, "net_version"), "Origin: http://example.test\r\n"));
    const [c1] = await cors.responses(1);
    assert.equal(c1!.headers.get("access-control-allow-origin"), "*");
    assert.deepEqual(JSON.parse(c1!.body).result, "31337");

    const chunked = await open();
    const body = call(3, "eth_echo", ["chunked"]);
    chunked.write(
      `POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n${Buffer.byteLength(body).toString(16)}\r\n${body}\r\n0\r\n\r\n`,
    );
    const raw = await new Promise<string>((resolve) => {
      let text = "";
      chunked.socket.on("data", (d: string) => {
        text += d;
        if (text.includes("chunked")) resolve(text);
      });
    });
    assert.match(raw, /^HTTP\/1\.1 200/);

    const badType = await open();
    badType.write(`POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: text/plain\r\nContent-Length: 2\r\n\r\n{}`);
    assert.equal((await badType.responses(1))[0]!.status, 415);
  });

  test("malformed heads get node:http's 400 and the server keeps serving", async () => {
    const bad = await open();
    bad.write("POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nbroken header line\r\nContent-Length: 2\r\n\r\n{}");
    const [a] = await bad.responses(1);
    assert.equal(a!.status, 400);

    const dup = await open();
    dup.write("POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\n{}x");
    assert.equal((await dup.responses(1))[0]!.status, 400);

    const ok = await open();
    ok.write(rpcPost(call(9, "net_version")));
    assert.deepEqual(JSON.parse((await ok.responses(1))[0]!.body).result, "31337");
  });

  test("a declared body over the limit gets 413 from node:http", async () => {
    const c = await open();
    c.write(`POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${6 * 1024 * 1024}\r\n\r\n`);
    const [a] = await c.responses(1);
    assert.equal(a!.status, 413);
  });

  test("malformed JSON on the fast path gets a JSON-RPC parse error", async () => {
    const c = await open();
    c.write(rpcPost("{not json"));
    const [a] = await c.responses(1);
    assert.equal(a!.status, 200);
    assert.equal(JSON.parse(a!.body).error.code, -32700);
  });

  test("property: garbage and truncated requests never stop the server; a fresh connection is served after each", async () => {
    const piece = fc.oneof(
      fc.constantFrom(
        "POST / HTTP/1.1\r\n",
        "GET / HTTP/1.1\r\n",
        "Host: x\r\n",
        "Content-Type: application/json\r\n",
        "Content-Length: 5\r\n",
        "Content-Length: 99999999999\r\n",
        "Transfer-Encoding: chunked\r\n",
        "Connection: close\r\n",
        "\r\n",
        '{"jsonrpc":"2.0","id":1,"method":"net_version"}',
        "\u0000\u00ff",
      ),
      fc.string({ maxLength: 40 }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(piece, { maxLength: 12 }), async (pieces) => {
        const c = await open();
        c.write(Buffer.from(pieces.join(""), "latin1"));
        // Whatever happened to that connection, a fresh one is served.
        const fresh = await open();
        fresh.write(rpcPost(call(1, "net_version")));
        const [a] = await fresh.responses(1);
        assert.deepEqual(JSON.parse(a!.body).result, "31337");
        c.close();
        fresh.close();
      }),
      { numRuns: 60 },
    );
  });
});
