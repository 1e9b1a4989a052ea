/**
 * node/explorer-static: serves the block explorer (the @cairn/explorer package's dist folder)
 * as static files through the RPC server's static hook, so every node has an explorer at `/`
 * on its RPC port. GET and HEAD only; paths cannot leave the folder; the page may load only
 * its own files (Content-Security-Policy) and talks to the node through public JSON-RPC.
 * Path URLs of explorer pages (/block/1, /tx/0x.., /address/0x..) redirect to their hash
 * routes so they are shareable too. When the explorer is not built, `/` says how to build it.
 */
import { existsSync, readFileSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, extname, join, normalize, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import type { StaticHandler } from "../rpc/index.js";

const CONTENT_TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".txt": "text/plain; charset=utf-8",
};

/** Own files only; connect-src allows other nodes for the `?rpc=` override. */
const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self' ws: wss: http: https:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

const PAGE_ROUTE = /^\/(block|tx|address|search)\/[^/]+\/?$/;

export interface ExplorerStatic {
  readonly handler: StaticHandler;
  /** The folder served, or undefined when the explorer is not built. */
  readonly dir: string | undefined;
}

/**
 * The explorer's dist folder: through the workspace package (node_modules/@cairn/explorer),
 * else next to the node package in the repository (packages/explorer/dist).
 */
export function findExplorerDir(): string | undefined {
  const candidates: string[] = [];
  try {
    const pkg = createRequire(import.meta.url).resolve("@cairn/explorer/package.json");
    candidates.push(join(dirname(pkg), "dist"));
  } catch {
    // not installed as a package
  }
  // this file is packages/node/dist/src/node/explorer-static.js (or src/node/*.ts under a loader)
  const here = dirname(fileURLToPath(import.meta.url));
  candidates.push(join(here, "../../../../explorer/dist"), join(here, "../../../explorer/dist"));
  return candidates.find((d) => existsSync(join(d, "index.html")));
}

const NOT_BUILT = `<!doctype html><meta charset=utf-8><title>Cairn explorer not built</title>
<p>The block explorer is not built. Run <code>npm install</code> (or <code>npm run build --workspace @cairn/explorer</code>) in the Cairn repository and restart the node.</p>
<p>JSON-RPC is served on this port as usual (POST /).</p>
`;

function send(res: Parameters<StaticHandler>[1], status: number, type: string, body: Buffer | string, head: boolean): void {
  res.writeHead(status, {
    "Content-Type": type,
    "Content-Length": Buffer.byteLength(body),
    "Cache-Control": "no-cache",
    "X-Content-Type-Options": "nosniff",
    "Content-Security-Policy": CSP,
    "Referrer-Policy": "no-referrer",
  });
  res.end(head ? undefined : body);
}

/** `dir` defaults to findExplorerDir(); null serves the "not built" page. */
export function explorerStatic(dir?: string | null): ExplorerStatic {
  const found = dir === undefined ? findExplorerDir() : (dir ?? undefined);
  const root = found === undefined ? undefined : resolve(found);
  const handler: StaticHandler = (req, res) => {
    const method = req.method ?? "GET";
    if (method !== "GET" && method !== "HEAD") return false;
    const head = method === "HEAD";
    let path: string;
    try {
      path = decodeURIComponent((req.url ?? "/").split(/[?#]/)[0]!);
    } catch {
      return false;
    }
    if (root === undefined) {
      if (path !== "/" && path !== "/index.html") return false;
      send(res, 200, CONTENT_TYPES[".html"]!, NOT_BUILT, head);
      return true;
    }
    if (PAGE_ROUTE.test(path)) {
      res.writeHead(302, { Location: `/#${path.replace(/\/$/, "")}`, "Content-Length": 0 });
      res.end();
      return true;
    }
    const rel = path === "/" ? "index.html" : path.slice(1);
    if (rel.includes("\0")) return false;
    const file = normalize(join(root, rel));
    if (!file.startsWith(root + sep)) return false;
    const type = CONTENT_TYPES[extname(file)];
    if (type === undefined) return false;
    let body: Buffer;
    try {
      if (!statSync(file).isFile()) return false;
      body = readFileSync(file);
    } catch {
      return false;
    }
    send(res, 200, type, body, head);
    return true;
  };
  return { handler, dir: root };
}
