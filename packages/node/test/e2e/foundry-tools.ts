/**
 * test/e2e/foundry-tools: running Foundry's cast and forge in end-to-end tests. The binaries
 * ship inside the @foundry-rs platform packages (never downloaded). forge cannot download a
 * solc here, so `writeSolcShim` writes a small executable that speaks native solc's command
 * line (`--version`, `--standard-json`) and compiles with solc-js; foundry.toml points at it.
 */
import { execFile } from "node:child_process";
import { chmodSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

const require = createRequire(import.meta.url);

const PLATFORMS: Record<string, string> = {
  "linux-x64": "linux-amd64",
  "linux-arm64": "linux-arm64",
  "darwin-x64": "darwin-amd64",
  "darwin-arm64": "darwin-arm64",
};

/** Path of the cast or forge binary of this platform. */
export function foundryBinary(tool: "cast" | "forge"): string {
  const platform = PLATFORMS[`${process.platform}-${process.arch}`];
  if (platform === undefined) throw new Error(`no @foundry-rs package for ${process.platform}-${process.arch}`);
  const path = join(dirname(require.resolve(`@foundry-rs/${tool}-${platform}/package.json`)), "bin", tool);
  if (!existsSync(path)) throw new Error(`${tool} binary missing at ${path}`);
  return path;
}

export interface RunResult {
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs a Foundry tool with HOME in `home` (its caches and config stay in the test's temp dir)
 * and colours off; rejects with both outputs when it exits non-zero.
 */
export function runTool(tool: "cast" | "forge", args: readonly string[], opts: { home: string; cwd?: string }): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    execFile(
      foundryBinary(tool),
      [...args],
      {
        cwd: opts.cwd ?? opts.home,
        env: { ...process.env, HOME: opts.home, NO_COLOR: "1", FOUNDRY_DISABLE_NIGHTLY_WARNING: "1" },
        timeout: 120_000,
        maxBuffer: 16 * 1024 * 1024,
      },
      (err, stdout, stderr) => {
        if (err !== null) reject(new Error(`${tool} ${args.join(" ")}: ${err.message}\n${stdout}\n${stderr}`));
        else resolve({ stdout, stderr });
      },
    );
  });
}

/** Native solc's version line for a solc-js version ("0.8.37+commit.f401782d.Emscripten.clang"). */
export function nativeSolcVersion(solcJsVersion: string): string {
  return `solc, the solidity compiler commandline interface\nVersion: ${solcJsVersion.replace(/\.Emscripten\.clang$/, ".Linux.g++")}`;
}

/**
 * Writes an executable `solc` at `path` backed by solc-js: `--version` prints native solc's
 * banner, `--standard-json` compiles the JSON on stdin (imports forge did not inline are read
 * relative to --base-path). Returns `path`.
 */
export function writeSolcShim(path: string): string {
  const solcPath = require.resolve("solc");
  const version = JSON.stringify(nativeSolcVersion((require("solc") as { version(): string }).version()));
  const script = `#!${process.execPath}
"use strict";
// solc command line over solc-js, for forge in end-to-end tests.
const fs = require("node:fs");
const path = require("node:path");
const args = process.argv.slice(2);
if (args.includes("--version")) {
  process.stdout.write(${version} + "\\n");
  process.exit(0);
}
if (!args.includes("--standard-json")) {
  process.stderr.write("solc shim: only --version and --standard-json are supported\\n");
  process.exit(1);
}
const i = args.indexOf("--base-path");
const base = i >= 0 ? args[i + 1] : process.cwd();
const solc = require(${JSON.stringify(solcPath)});
const input = fs.readFileSync(0, "utf8");
const readImport = (p) => {
  try {
    return { contents: fs.readFileSync(path.resolve(base, p), "utf8") };
  } catch (e) {
    return { error: String(e) };
  }
};
process.stdout.write(solc.compile(input, { import: readImport }));
`;
  writeFileSync(path, script);
  chmodSync(path, 0o755);
  return path;
}

/** Reads a JSON file (forge's broadcast log). */
export function readJson<T>(path: string): T {
  return JSON.parse(readFileSync(path, "utf8")) as T;
}
