/**
 * cli/bench-evm: `cairn bench evm [--quick] [--json] [--only NAME[,NAME]] [--engines LIST] [--runs N]`.
 *
 * Compiles the workloads of bench/contracts with solc-js, deploys each on every engine (Cairn
 * over MemoryHost, Cairn over the state layer, @ethereumjs/evm, anvil), checks that all engines
 * use the same gas and return the same bytes, then times the same call on each, one engine
 * after the other in this one run, and prints Mgas/s and Cairn's ratios (DESIGN.md,
 * Performance). A peer that cannot be loaded or started is reported and skipped.
 */
import { execFileSync } from "node:child_process";
import { cpus, totalmem } from "node:os";
import { bytesToHex, equalBytes } from "../primitives/index.js";
import { anvilEngine } from "./bench-evm-anvil.js";
import { BENCH_FORK, cairnEngine, cairnStateEngine } from "./bench-evm-cairn.js";
import { BenchCompileError, type Compilation, compileWorkloads } from "./bench-evm-compile.js";
import { type Engine, EngineUnavailable, type PreparedWorkload } from "./bench-evm-engine.js";
import { ethereumjsEngine, ethereumjsVersion } from "./bench-evm-ethereumjs.js";
import {
  type BenchEvmReport,
  type EngineMeasurement,
  formatReport,
  geometricMean,
  median,
  reportToJson,
  type WorkloadResult,
} from "./bench-evm-report.js";
import { deployData, runCalldata, WORKLOADS, type Workload } from "./bench-evm-workloads.js";

const ENGINE_NAMES = ["cairn", "cairn-state", "ethereumjs", "anvil"] as const;
const REFERENCE = "cairn";
const PEERS = ["ethereumjs", "anvil"];

const USAGE = `usage: cairn bench evm [--quick] [--json] [--only NAME[,NAME...]] [--engines LIST] [--runs N]
  --quick        small workloads (about a tenth of the gas) and fewer runs
  --json         machine-readable output on stdout
  --only NAME    run only these workloads (${WORKLOADS.map((w) => w.name).join(", ")})
  --engines LIST comma-separated subset of ${ENGINE_NAMES.join(",")} (default: all)
  --runs N       timed runs per engine and workload (default 5, --quick 3); the best is reported
`;

interface Options {
  quick: boolean;
  json: boolean;
  only: string[] | undefined;
  engines: string[];
  runs: number | undefined;
}

class UsageError extends Error {
  override name = "UsageError";
}

function parseArgs(args: string[]): Options {
  const o: Options = { quick: false, json: false, only: undefined, engines: [...ENGINE_NAMES], runs: undefined };
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const value = () => {
      const v = args[++i];
      if (v === undefined) throw new UsageError(`${a} needs a value`);
      return v;
    };
    if (a === "--quick") o.quick = true;
    else if (a === "--json") o.json = true;
    else if (a === "--only") o.only = [...(o.only ?? []), ...value().split(",")];
    else if (a === "--engines") o.engines = value().split(",");
    else if (a === "--runs") o.runs = Number.parseInt(value(), 10);
    else throw new UsageError(`unknown option ${a}`);
  }
  for (const n of o.only ?? []) if (!WORKLOADS.some((w) => w.name === n)) throw new UsageError(`unknown workload ${n}`);
  for (const e of o.engines) if (!(ENGINE_NAMES as readonly string[]).includes(e)) throw new UsageError(`unknown engine ${e}`);
  if (o.runs !== undefined && !(o.runs >= 1)) throw new UsageError("--runs must be at least 1");
  return o;
}

function progress(msg: string): void {
  process.stderr.write(`# ${msg}\n`);
}

/**
 * The commit being measured, with the source folders (src/<module>, bench) that differ from it,
 * so a figure taken on a working tree says which code it includes.
 */
function gitCommit(): string | undefined {
  const git = (args: string[]) => execFileSync("git", args, { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
  try {
    const head = git(["rev-parse", "--short=12", "HEAD"]);
    const changed = git(["status", "--porcelain", "--", ":(top)packages/node/src", ":(top)packages/node/bench"]);
    const folders = new Set<string>();
    for (const line of changed.split("\n")) {
      const m = /packages\/node\/((?:src\/)?[^/]+)/.exec(line);
      if (m !== null) folders.add(m[1]!);
    }
    return folders.size === 0 ? head : `${head} (uncommitted changes in ${[...folders].sort().join(", ")})`;
  } catch {
    return undefined;
  }
}

async function startEngine(name: string): Promise<Engine> {
  switch (name) {
    case "cairn":
      return cairnEngine();
    case "cairn-state":
      return cairnStateEngine();
    case "ethereumjs":
      return ethereumjsEngine();
    case "anvil":
      return anvilEngine();
    default:
      throw new UsageError(`unknown engine ${name}`);
  }
}

/** Gas check, warm-up and timed runs of one workload on every engine. */
async function measureWorkload(
  w: Workload,
  compiled: Compilation,
  engines: readonly Engine[],
  quick: boolean,
  runs: number,
): Promise<WorkloadResult> {
  const n = quick ? w.size.quick : w.size.full;
  const contract = compiled.contracts.get(`${w.file}:${w.contract}`);
  if (contract === undefined) throw new BenchCompileError(`${w.file}:${w.contract} not in the compiler output`);
  const data = deployData(contract.initcode, w.constructorArgs(n));
  const calldata = runCalldata(n);
  const measured: Record<string, EngineMeasurement> = {};
  const failures: Record<string, string> = {};
  const outputs = new Map<string, Uint8Array>();
  for (const engine of engines) {
    let prepared: PreparedWorkload;
    try {
      prepared = await engine.prepare(data);
      const { gasUsed, refund } = await prepared.gas(calldata);
      const warm = await prepared.run(calldata);
      if (!warm.ok) throw new Error(`call failed: ${warm.error ?? ""}`);
      outputs.set(engine.name, warm.output);
      const times: number[] = [];
      for (let i = 0; i < runs; i++) {
        progress(`${w.name}: ${engine.name} run ${i + 1}/${runs}`);
        const r = await prepared.run(calldata);
        if (!r.ok) throw new Error(`call failed: ${r.error ?? ""}`);
        times.push(r.ms);
      }
      const ms = Math.min(...times);
      measured[engine.name] = {
        gas: gasUsed,
        refund,
        ms,
        medianMs: median(times),
        runsMs: times,
        mgasPerSecond: Number(gasUsed) / ms / 1000,
        outputHex: bytesToHex(warm.output),
      };
    } catch (err) {
      failures[engine.name] = err instanceof Error ? err.message : String(err);
    }
  }

  const mismatches: string[] = [];
  const names = Object.keys(measured);
  const refName = measured[REFERENCE] !== undefined ? REFERENCE : names[0];
  if (refName !== undefined) {
    const ref = measured[refName]!;
    for (const name of names) {
      if (name === refName) continue;
      const m = measured[name]!;
      if (m.gas !== ref.gas)
        mismatches.push(`GAS MISMATCH ${refName} used ${ref.gas}, ${name} used ${m.gas} (difference ${m.gas - ref.gas})`);
      if (!equalBytes(outputs.get(name)!, outputs.get(refName)!)) {
        mismatches.push(`RETURN DATA MISMATCH ${refName} returned ${ref.outputHex}, ${name} returned ${m.outputHex}`);
      }
    }
    if (ref.refund !== 0n)
      mismatches.push(
        `unexpected refund of ${ref.refund} on ${refName}: anvil's execution gas (receipt - intrinsic) is then not comparable`,
      );
  }
  const ratios: Record<string, number> = {};
  const cairn = measured[REFERENCE];
  if (cairn !== undefined) for (const p of PEERS) if (measured[p] !== undefined) ratios[p] = measured[p]!.ms / cairn.ms;
  return { name: w.name, description: w.description, size: n, engines: measured, failures, ratios, mismatches };
}

export async function benchEvm(args: string[]): Promise<number> {
  let options: Options;
  try {
    options = parseArgs(args);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    process.stderr.write(`cairn bench evm: ${err.message}\n${USAGE}`);
    return 2;
  }
  const workloads = WORKLOADS.filter((w) => options.only === undefined || options.only.includes(w.name));
  const runs = options.runs ?? (options.quick ? 3 : 5);
  // Taken first: the tree may move on while the bench runs.
  const commit = gitCommit();

  progress("compiling workloads with solc-js (optimizer on)");
  let compiled: Compilation;
  try {
    compiled = await compileWorkloads([...new Set(workloads.map((w) => w.file))]);
  } catch (err) {
    if (!(err instanceof BenchCompileError)) throw err;
    process.stderr.write(`cairn bench evm: cannot compile the workloads: ${err.message}\n`);
    return 2;
  }

  const engines: Engine[] = [];
  const skipped: Record<string, string> = {};
  let anvilVersion: string | undefined;
  try {
    for (const name of options.engines) {
      try {
        const e = await startEngine(name);
        engines.push(e);
        if (name === "anvil") anvilVersion = (e as Engine & { version: string }).version;
      } catch (err) {
        if (err instanceof UsageError) throw err;
        const why = err instanceof Error ? err.message : String(err);
        skipped[name] = why;
        progress(`skipping ${name}: ${why}${err instanceof EngineUnavailable ? "" : " (unexpected error)"}`);
      }
    }
    const results: WorkloadResult[] = [];
    for (const w of workloads) {
      progress(`${w.name}: deploying and checking gas on ${engines.map((e) => e.name).join(", ")}`);
      results.push(await measureWorkload(w, compiled, engines, options.quick, runs));
    }
    const geomean: Record<string, number> = {};
    for (const p of PEERS) {
      const rs = results.flatMap((r) => (r.ratios[p] !== undefined ? [r.ratios[p]!] : []));
      if (rs.length > 0) geomean[p] = geometricMean(rs);
    }
    const cpu = cpus();
    const header: Record<string, string> = {
      fork: BENCH_FORK,
      mode: options.quick ? "quick" : "full",
      runs: `best of ${runs} timed runs after a warm-up`,
      solc: `${compiled.solcVersion} optimizer on`,
      machine: `${cpu.length} x ${cpu[0]?.model.trim() ?? "?"}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`,
    };
    if (commit !== undefined) header.commit = commit;
    const ejs = await ethereumjsVersion();
    if (ejs !== undefined && engines.some((e) => e.name === "ethereumjs")) header.ethereumjs = ejs;
    if (anvilVersion !== undefined) header.anvil = anvilVersion;
    const report: BenchEvmReport = {
      header,
      engines: engines.map((e) => ({ name: e.name, title: e.title, path: e.path })),
      skipped,
      workloads: results,
      geomean,
      reference: REFERENCE,
      peers: PEERS.filter((p) => engines.some((e) => e.name === p)),
    };
    process.stdout.write(options.json ? reportToJson(report) : formatReport(report));
    const bad = results.some((r) => r.mismatches.length > 0 || Object.keys(r.failures).length > 0);
    return bad ? 1 : 0;
  } finally {
    for (const e of engines) await e.close();
  }
}
