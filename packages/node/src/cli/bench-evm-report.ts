/**
 * cli/bench-evm-report: the results of `cairn bench evm` and their text form: one row per
 * workload with time and Mgas/s per engine, Cairn's speed ratio to @ethereumjs/evm and to anvil,
 * their geometric means, the gas every engine used, and loud lines for any disagreement.
 */

export interface EngineMeasurement {
  /** Execution gas the engine reported for the workload's call. */
  readonly gas: bigint;
  readonly refund: bigint;
  /**
   * Best of the timed runs (interference from other processes only ever slows a run down, so
   * the minimum is the steadiest estimate of the engine's own speed), their median, every run.
   */
  readonly ms: number;
  readonly medianMs: number;
  readonly runsMs: readonly number[];
  readonly mgasPerSecond: number;
  readonly outputHex: string;
}

export interface WorkloadResult {
  readonly name: string;
  readonly description: string;
  readonly size: number;
  /** By engine name; engines that failed on this workload are absent (see `failures`). */
  readonly engines: Readonly<Record<string, EngineMeasurement>>;
  readonly failures: Readonly<Record<string, string>>;
  /** Cairn's speed relative to each peer (peer time / Cairn time), when both ran. */
  readonly ratios: Readonly<Record<string, number>>;
  /** Human-readable disagreements in gas or return data; empty when all engines agree. */
  readonly mismatches: readonly string[];
}

export interface EngineInfo {
  readonly name: string;
  readonly title: string;
  readonly path: string;
}

export interface BenchEvmReport {
  readonly header: Readonly<Record<string, string>>;
  readonly engines: readonly EngineInfo[];
  readonly skipped: Readonly<Record<string, string>>;
  readonly workloads: readonly WorkloadResult[];
  /** Geometric mean of Cairn's ratio to each peer over the workloads where both ran. */
  readonly geomean: Readonly<Record<string, number>>;
  /** The engine the ratios are taken from. */
  readonly reference: string;
  /** The peers Cairn's ratio is reported against. */
  readonly peers: readonly string[];
}

export function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

export function geometricMean(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  return Math.exp(values.reduce((sum, v) => sum + Math.log(v), 0) / values.length);
}

function group(n: bigint): string {
  return n.toString().replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

function fixed(v: number, digits: number): string {
  return Number.isFinite(v) ? v.toFixed(digits) : "-";
}

function ratio(v: number | undefined): string {
  if (v === undefined || !Number.isFinite(v)) return "-";
  return v >= 10 ? `${v.toFixed(1)}x` : v >= 0.1 ? `${v.toFixed(2)}x` : `${v.toFixed(3)}x`;
}

function table(rows: string[][], leftColumns = 1): string {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? "").length)));
  return rows.map((r) => r.map((cell, c) => (c < leftColumns ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join("  ")).join("\n");
}

export function formatReport(report: BenchEvmReport): string {
  const out: string[] = [];
  out.push("cairn bench evm");
  for (const [k, v] of Object.entries(report.header)) out.push(`  ${k}: ${v}`);
  out.push("");
  const engines = report.engines;
  const ref = report.reference;
  const titleOf = (name: string) => engines.find((e) => e.name === name)?.title ?? name;

  const head1 = ["", "gas"];
  const head2 = ["workload", "(execution)"];
  for (const e of engines) {
    head1.push(e.title, "");
    head2.push("ms", "Mgas/s");
  }
  for (const p of report.peers) {
    head1.push(`${titleOf(ref)}/`);
    head2.push(titleOf(p));
  }
  const rows: string[][] = [head1, head2];
  for (const w of report.workloads) {
    const refGas = w.engines[ref]?.gas ?? Object.values(w.engines)[0]?.gas;
    const row = [w.name, refGas === undefined ? "-" : `${group(refGas)}${w.mismatches.length > 0 ? " !!" : ""}`];
    for (const e of engines) {
      const m = w.engines[e.name];
      row.push(m === undefined ? (w.failures[e.name] !== undefined ? "failed" : "-") : fixed(m.ms, m.ms < 100 ? 2 : 1));
      row.push(m === undefined ? "-" : fixed(m.mgasPerSecond, m.mgasPerSecond < 100 ? 1 : 0));
    }
    for (const p of report.peers) row.push(ratio(w.ratios[p]));
    rows.push(row);
  }
  const gm = ["geometric mean", ""];
  for (let i = 0; i < engines.length; i++) gm.push("", "");
  for (const p of report.peers) gm.push(ratio(report.geomean[p]));
  rows.push(gm);
  out.push(table(rows));
  out.push("");
  out.push(
    `Ratios are ${titleOf(ref)}'s speed relative to each peer (peer time / ${titleOf(ref)} time, higher is faster); times are the best of the timed runs (medians in --json).`,
  );

  // Gas per engine: all must agree, a difference is a bug in one of them.
  const gasRows: string[][] = [["gas used", ...engines.map((e) => e.title), "agree"]];
  for (const w of report.workloads) {
    gasRows.push([
      w.name,
      ...engines.map((e) => {
        const m = w.engines[e.name];
        return m === undefined ? "-" : group(m.gas);
      }),
      w.mismatches.length === 0 ? "yes" : "NO",
    ]);
  }
  out.push("");
  out.push(table(gasRows));

  const mismatches = report.workloads.flatMap((w) => w.mismatches.map((m) => `${w.name}: ${m}`));
  if (mismatches.length > 0) {
    out.push("");
    out.push("!!!!!!!! ENGINES DISAGREE: one of them has a bug !!!!!!!!");
    for (const m of mismatches) out.push(`!! ${m}`);
  }
  const failures = report.workloads.flatMap((w) => Object.entries(w.failures).map(([e, why]) => `${w.name} on ${e}: ${why}`));
  if (failures.length > 0) {
    out.push("");
    for (const f of failures) out.push(`failed: ${f}`);
  }

  out.push("");
  out.push("What is timed:");
  for (const e of engines) out.push(`  ${e.path}`);
  for (const [name, why] of Object.entries(report.skipped)) out.push(`  skipped ${name}: ${why}`);
  out.push("Workloads:");
  for (const w of report.workloads) out.push(`  ${w.name.padEnd(8)} run(${w.size}): ${w.description}`);
  return `${out.join("\n")}\n`;
}

/** JSON form: bigints as decimal strings. */
export function reportToJson(report: BenchEvmReport): string {
  return `${JSON.stringify(report, (_k, v) => (typeof v === "bigint" ? v.toString() : v), 2)}\n`;
}
