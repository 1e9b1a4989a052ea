/**
 * rpc/verify/compiler: the Solidity compilers the node can verify with, and one compilation.
 * The compilers are the solc-js packages installed beside the node (`solc`, and aliases such as
 * `solc-0.8.26` installed with `npm install solc-0.8.26@npm:solc@0.8.26`, whose package.json
 * still says `"name": "solc"`). Nothing is loaded until a verification asks: the node starts
 * and serves everything else without solc. A compilation runs in a worker thread
 * (solc-worker.ts) that is terminated after `timeoutMs`; compilations run one at a time, since
 * each loads the whole compiler (tens of MB) into its worker.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";

export interface InstalledCompiler {
  /** The package version, e.g. "0.8.37". */
  readonly version: string;
  /** The folder name under node_modules ("solc", "solc-0.8.26"). */
  readonly packageName: string;
  readonly packageJson: string;
}

export class CompilerError extends Error {
  override name = "CompilerError";
}

/** `node_modules` folders from this file's folder up to the root, nearest first. */
function nodeModulesDirs(): string[] {
  const out: string[] = [];
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const nm = join(dir, "node_modules");
    if (existsSync(nm)) out.push(nm);
    const up = dirname(dir);
    if (up === dir) return out;
    dir = up;
  }
}

function compareVersions(a: string, b: string): number {
  const pa = a.split(/[.+-]/).map((x) => Number.parseInt(x, 10) || 0);
  const pb = b.split(/[.+-]/).map((x) => Number.parseInt(x, 10) || 0);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) if ((pa[i] ?? 0) !== (pb[i] ?? 0)) return (pb[i] ?? 0) - (pa[i] ?? 0);
  return 0;
}

let cached: InstalledCompiler[] | undefined;

/**
 * The installed solc-js packages, newest version first; one entry per version (the nearest).
 * `dirs`: the node_modules folders to look in (default: this file's and its ancestors', cached).
 */
export function installedCompilers(dirs?: readonly string[]): readonly InstalledCompiler[] {
  if (dirs === undefined && cached !== undefined) return cached;
  const byVersion = new Map<string, InstalledCompiler>();
  for (const nm of dirs ?? nodeModulesDirs()) {
    let names: string[];
    try {
      names = readdirSync(nm).filter((n) => n === "solc" || /^solc[-_@.]/.test(n));
    } catch {
      continue;
    }
    for (const packageName of names) {
      const packageJson = join(nm, packageName, "package.json");
      try {
        const pkg = JSON.parse(readFileSync(packageJson, "utf8")) as { name?: string; version?: string };
        if (pkg.name !== "solc" || typeof pkg.version !== "string") continue;
        if (!byVersion.has(pkg.version)) byVersion.set(pkg.version, { version: pkg.version, packageName, packageJson });
      } catch {
        // not a package folder
      }
    }
  }
  const found = [...byVersion.values()].sort((a, b) => compareVersions(a.version, b.version));
  if (dirs === undefined) cached = found;
  return found;
}

/**
 * The installed compiler for a requested version: "0.8.37", "v0.8.37+commit.abcd" (the long
 * form solc prints) or undefined for the newest. Throws CompilerError naming what is installed.
 */
export function pickCompiler(requested: string | undefined): InstalledCompiler {
  const all = installedCompilers();
  if (all.length === 0)
    throw new CompilerError("no Solidity compiler is installed: the node verifies with solc-js, add the `solc` package beside it");
  if (requested === undefined || requested === "" || requested === "latest") return all[0]!;
  const short = requested.replace(/^v/, "").split("+")[0]!;
  const found = all.find((c) => c.version === short);
  if (found === undefined)
    throw new CompilerError(`compiler ${requested} is not installed; installed: ${all.map((c) => c.version).join(", ")}`);
  return found;
}

export interface CompileResult {
  /** solc's long version, e.g. "0.8.37+commit.a4b1f9a5.Emscripten.clang" */
  readonly version: string;
  /** solc's standard JSON output, parsed */
  readonly output: SolcOutput;
}

export interface SolcOutput {
  errors?: { severity: string; formattedMessage?: string; message: string }[];
  contracts?: Record<string, Record<string, SolcContract>>;
}

export interface SolcContract {
  abi?: unknown[];
  evm?: {
    bytecode?: { object?: string };
    deployedBytecode?: {
      object?: string;
      immutableReferences?: Record<string, { start: number; length: number }[]>;
      linkReferences?: Record<string, Record<string, { start: number; length: number }[]>>;
    };
  };
}

let queue: Promise<unknown> = Promise.resolve();
/** Compilations running or waiting for their turn. */
let queued = 0;
/** More waiting than this is refused: each holds its sources, and they run one at a time. */
export const MAX_QUEUED_COMPILATIONS = 8;

/**
 * Compiles standard JSON `input` with `compiler` in a worker; one compilation at a time, and
 * at most MAX_QUEUED_COMPILATIONS running or waiting (more are refused at once). The worker is
 * terminated when `signal` aborts (the client went away, or the server is closing).
 */
export function compileStandardJson(
  compiler: InstalledCompiler,
  input: object,
  timeoutMs: number,
  signal?: AbortSignal,
): Promise<CompileResult> {
  const run = (): Promise<CompileResult> =>
    new Promise<CompileResult>((resolve, reject) => {
      if (signal?.aborted === true) {
        reject(new CompilerError("compilation abandoned: the request was cancelled"));
        return;
      }
      const worker = new Worker(new URL("./solc-worker.js", import.meta.url), {
        workerData: { packageJson: compiler.packageJson, input: JSON.stringify(input) },
      });
      let settled = false;
      const finish = (f: () => void): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        signal?.removeEventListener("abort", onAbort);
        void worker.terminate();
        f();
      };
      const timer = setTimeout(() => finish(() => reject(new CompilerError(`compilation timed out after ${timeoutMs} ms`))), timeoutMs);
      worker.once("message", (m: { version?: string; output?: string; error?: string }) =>
        finish(() => {
          if (m.error !== undefined || m.output === undefined) reject(new CompilerError(`the compiler failed: ${m.error ?? "no output"}`));
          else resolve({ version: m.version ?? compiler.version, output: JSON.parse(m.output) as SolcOutput });
        }),
      );
      const onAbort = (): void => finish(() => reject(new CompilerError("compilation abandoned: the request was cancelled")));
      signal?.addEventListener("abort", onAbort, { once: true });
      worker.once("error", (e) => finish(() => reject(new CompilerError(`the compiler failed: ${e.message}`))));
      worker.once("exit", (code) => finish(() => reject(new CompilerError(`the compiler exited (code ${code}) without an answer`))));
    });
  if (queued >= MAX_QUEUED_COMPILATIONS)
    return Promise.reject(new CompilerError(`too many compilations waiting (${MAX_QUEUED_COMPILATIONS}); try again later`));
  queued++;
  const result = queue.then(run, run);
  queue = result.catch(() => undefined);
  const done = (): void => {
    queued--;
  };
  result.then(done, done);
  return result;
}
