// Builds the explorer: compiles src/*.ts to ES modules in dist/ with the workspace's tsc, copies
// index.html and style.css, and precomputes the keccak-256 selector and topic table of the
// common signatures (src/signatures.json) so that the browser needs no hashing library.
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

const here = (p) => fileURLToPath(new URL(p, import.meta.url));
const require = createRequire(import.meta.url);

rmSync(here("./dist/"), { recursive: true, force: true });
mkdirSync(here("./dist/"), { recursive: true });

const tsc = require.resolve("typescript/bin/tsc");
const compiled = spawnSync(process.execPath, [tsc, "-p", here("./tsconfig.json")], { stdio: "inherit" });
if (compiled.status !== 0) {
  console.error("explorer: tsc failed");
  process.exit(1);
}
for (const f of ["index.html", "style.css", "favicon.svg"]) copyFileSync(here(`./src/${f}`), here(`./dist/${f}`));

// @noble/hashes is a dependency of the node package; it sits in the workspace's node_modules.
const { keccak_256 } = await import(pathToModule("@noble/hashes/sha3.js"));

function pathToModule(spec) {
  return new URL(`file://${require.resolve(spec)}`).href;
}

/** "transfer(address to, uint256 value)" -> "transfer(address,uint256)"; no tuples in the list. */
function canonical(sig) {
  const open = sig.indexOf("(");
  const name = sig.slice(0, open).trim();
  const inner = sig.slice(open + 1, sig.lastIndexOf(")")).trim();
  const types = inner === "" ? [] : inner.split(",").map((p) => p.trim().split(/\s+/)[0]);
  return `${name}(${types.join(",")})`;
}

function hash(text) {
  return `0x${Buffer.from(keccak_256(new TextEncoder().encode(text))).toString("hex")}`;
}

const list = JSON.parse(readFileSync(here("./src/signatures.json"), "utf8"));
const table = { functions: {}, events: {}, errors: {} };
const add = (kind, key, sig) => {
  table[kind][key] ??= [];
  table[kind][key].push(sig);
};
for (const sig of list.functions) add("functions", hash(canonical(sig)).slice(0, 10), sig);
for (const sig of list.errors) add("errors", hash(canonical(sig)).slice(0, 10), sig);
for (const sig of list.events) add("events", hash(canonical(sig)), sig);
writeFileSync(here("./dist/signatures.json"), `${JSON.stringify(table, null, 1)}\n`);
console.log(
  `explorer: built dist/ (${list.functions.length} functions, ${list.events.length} events, ${list.errors.length} errors in the signature table)`,
);
