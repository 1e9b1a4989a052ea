// Placeholder build: the explorer app lands with its own issue. It writes a static page
// so that the node has something to serve at `/` once the RPC server exists.
import { mkdirSync, writeFileSync } from "node:fs";

mkdirSync(new URL("./dist/", import.meta.url), { recursive: true });
writeFileSync(
  new URL("./dist/index.html", import.meta.url),
  "<!doctype html><meta charset=utf-8><title>Cairn explorer</title><p>The Cairn explorer is not built yet.</p>\n",
);
