/**
 * cli/bench-evm-compile: compiles the benchmark workloads (packages/node/bench/contracts/*.sol)
 * with solc-js at bench start, through the standard JSON interface with the optimizer on.
 * Imports of `@openzeppelin/contracts/...` resolve from node_modules. solc-js is a development
 * dependency: when it cannot be loaded the bench reports that and stops instead of crashing.
 */
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { hexToBytes } from "../primitives/index.js";

export class BenchCompileError extends Error {
  override name = "BenchCompileError";
}

/** The EVM version the workloads are compiled for (MCOPY needs Cancun; all engines run Prague). */
export const SOLC_EVM_VERSION = "cancun";

export interface CompiledContract {
  /** Creation code (constructor arguments still to be appended). */
  readonly initcode: Uint8Array;
  readonly runtimeSize: number;
}

export interface Compilation {
  readonly solcVersion: string;
  /** Keyed by `File.sol:ContractName`. */
  readonly contracts: ReadonlyMap<string, CompiledContract>;
}

const require = createRequire(import.meta.url);

/** bench/contracts of the package, found by walking up from this file (src or dist). */
export function contractsDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    const candidate = join(dir, "bench", "contracts");
    if (existsSync(candidate)) return candidate;
    dir = dirname(dir);
  }
  throw new BenchCompileError("cannot find bench/contracts next to the cairn package");
}

interface SolcModule {
  compile(input: string, callbacks?: { import: (path: string) => { contents: string } | { error: string } }): string;
  version(): string;
}

async function loadSolc(): Promise<SolcModule> {
  try {
    const mod = (await import("solc")) as unknown as { default?: SolcModule } & SolcModule;
    return mod.default ?? mod;
  } catch (err) {
    throw new BenchCompileError(`solc-js is not installed (${err instanceof Error ? err.message : String(err)})`);
  }
}

/** Import callback: only package imports are expected (our sources sit in one folder). */
function resolveImport(path: string): { contents: string } | { error: string } {
  try {
    return { contents: readFileSync(require.resolve(path), "utf8") };
  } catch (err) {
    return { error: `cannot resolve ${path}: ${err instanceof Error ? err.message : String(err)}` };
  }
}

interface SolcOutput {
  errors?: Array<{ severity: string; formattedMessage: string }>;
  contracts?: Record<string, Record<string, { evm: { bytecode: { object: string }; deployedBytecode: { object: string } } }>>;
}

/** Compiles the given source files of bench/contracts (all of them by default). */
export async function compileWorkloads(files: readonly string[]): Promise<Compilation> {
  const solc = await loadSolc();
  const dir = contractsDir();
  const sources: Record<string, { content: string }> = {};
  for (const f of files) sources[f] = { content: readFileSync(join(dir, f), "utf8") };
  const input = {
    language: "Solidity",
    sources,
    settings: {
      optimizer: { enabled: true, runs: 200 },
      evmVersion: SOLC_EVM_VERSION,
      outputSelection: { "*": { "*": ["evm.bytecode.object", "evm.deployedBytecode.object"] } },
    },
  };
  const output = JSON.parse(solc.compile(JSON.stringify(input), { import: resolveImport })) as SolcOutput;
  const errors = (output.errors ?? []).filter((e) => e.severity === "error");
  if (errors.length > 0) throw new BenchCompileError(`solc failed:\n${errors.map((e) => e.formattedMessage).join("\n")}`);
  const contracts = new Map<string, CompiledContract>();
  for (const f of files) {
    for (const [name, c] of Object.entries(output.contracts?.[f] ?? {})) {
      contracts.set(`${f}:${name}`, {
        initcode: hexToBytes(c.evm.bytecode.object),
        runtimeSize: c.evm.deployedBytecode.object.length / 2,
      });
    }
  }
  return { solcVersion: solc.version(), contracts };
}
