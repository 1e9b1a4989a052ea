/**
 * test/differential/suite: the shape every differential test file shares. It starts one anvil
 * for the file (stopped by an after() hook, so also when the test fails), generates the cases
 * from the seed, runs each on both sides, prints
 *
 *   # differential <name>: N agreed, M differed
 *
 * and fails on any difference with a readable report of the first few cases (seed and case
 * index, so each one reproduces alone with CAIRN_DIFF_SEED and CAIRN_DIFF_ONLY; CAIRN_DIFF_VERBOSE=1
 * prints every case's outcome). Without the
 * anvil binary the test prints "skipped: <reason>" and passes.
 *
 * A known difference is a deliberate, justified one: a pattern over a difference line and the
 * reason. Matching lines are printed as known, not counted as failures.
 */
import assert from "node:assert/strict";
import { after, test } from "node:test";
import { bytesToHex } from "../../src/primitives/index.js";
import { Anvil, findAnvil } from "./anvil.js";
import type { DiffCase } from "./case.js";
import { caseIndexes, diffConfig, Rng } from "./rng.js";
import { DiffRunner } from "./runner.js";

export interface KnownDifference {
  pattern: RegExp;
  reason: string;
}

export interface SuiteOptions {
  name: string;
  defaultCases: number;
  build: (rng: Rng, index: number) => DiffCase;
  known?: readonly KnownDifference[];
  /** How many differing cases the failure message shows in full. */
  show?: number;
}

interface Failure {
  index: number;
  c: DiffCase | undefined;
  lines: string[];
}

export function differentialSuite(opts: SuiteOptions): void {
  let anvil: Anvil | undefined;
  after(async () => {
    await anvil?.stop();
  });

  test(`differential ${opts.name}: Cairn and anvil (Prague) agree`, { timeout: 240_000 }, async () => {
    const found = findAnvil();
    if ("reason" in found) {
      console.log(`skipped: ${found.reason}; differential ${opts.name} not run`);
      return;
    }
    const config = diffConfig(opts.defaultCases);
    const verbose = process.env.CAIRN_DIFF_VERBOSE === "1";
    const indexes = caseIndexes(config);
    console.log(`differential ${opts.name}: seed ${config.seed}, ${indexes.length} cases`);
    const started = Date.now();
    anvil = await Anvil.start(found.path);
    const runner = new DiffRunner(anvil);
    const failures: Failure[] = [];
    const knownSeen = new Map<string, number>();
    const summary = new Map<string, number>();
    let agreed = 0;
    for (const index of indexes) {
      let c: DiffCase | undefined;
      try {
        const t0 = Date.now();
        c = opts.build(Rng.forCase(config.seed, opts.name, index), index);
        const t1 = Date.now();
        const out = await runner.run(c);
        const t2 = Date.now();
        const kind = out.anvil.rejected !== undefined ? "rejected" : out.anvil.success ? "success" : "failure";
        summary.set(kind, (summary.get(kind) ?? 0) + 1);
        if (verbose) {
          let slots = 0;
          for (const a of out.anvil.accounts.values()) slots += a.storage.size;
          const halt = out.cairnError === undefined ? "" : ` (${out.cairnError})`;
          const what = out.anvil.rejected ?? `${kind}${halt}, gas ${out.anvil.gasUsed}, ${out.anvil.logs.length} logs`;
          console.log(
            `# case ${index}: ${c.name}: ${what}; compared ${out.anvil.accounts.size} accounts, ${slots} slots; built in ${t1 - t0} ms, ran in ${t2 - t1} ms`,
          );
        }
        const unknown: string[] = [];
        for (const line of out.differences) {
          const k = opts.known?.find((kd) => kd.pattern.test(line));
          if (k === undefined) unknown.push(line);
          else knownSeen.set(k.reason, (knownSeen.get(k.reason) ?? 0) + 1);
        }
        if (c.mirror !== undefined) knownSeen.set(c.mirror.reason, (knownSeen.get(c.mirror.reason) ?? 0) + 1);
        if (unknown.length === 0) agreed++;
        else failures.push({ index, c, lines: unknown });
      } catch (e) {
        failures.push({ index, c, lines: [`error while running the case: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`] });
      }
    }
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    console.log(`differential ${opts.name}: ${agreed} agreed, ${failures.length} differed`);
    console.log(`differential ${opts.name}: outcomes on anvil: ${[...summary].map(([k, n]) => `${n} ${k}`).join(", ")}; ${seconds} s`);
    if (knownSeen.size > 0) {
      console.log(`differential ${opts.name}: known differences (not failures), cases affected:`);
      for (const [reason, n] of knownSeen) console.log(`  ${n} x ${reason}`);
    }
    if (failures.length > 0) {
      const show = failures.slice(0, opts.show ?? 3).map((f) => describeFailure(opts.name, config.seed, f));
      const rest =
        failures.length > show.length
          ? `\n... and ${failures.length - show.length} more: cases ${failures
              .slice(show.length)
              .map((f) => f.index)
              .join(", ")}`
          : "";
      assert.fail(
        `differential ${opts.name}: ${failures.length} of ${indexes.length} cases differ (seed ${config.seed})\n\n${show.join("\n\n")}${rest}`,
      );
    }
  });
}

function describeFailure(name: string, seed: bigint, f: Failure): string {
  const head = `case ${f.index} (seed ${seed}): ${f.c?.name ?? "(not built)"}`;
  const repro = `reproduce: CAIRN_DIFF_SEED=${seed} CAIRN_DIFF_ONLY=${f.index} node --test packages/node/dist/test/differential/prague-${name}.test.js`;
  const lines = f.lines.slice(0, 12).map((l) => `  - ${l}`);
  if (f.lines.length > 12) lines.push(`  ... ${f.lines.length - 12} more differences`);
  const parts = [head, ...lines, `  ${repro}`];
  if (f.c !== undefined) {
    parts.push(
      `  tx: type ${f.c.tx.type}, to ${f.c.tx.to === undefined ? "(create)" : bytesToHex(f.c.tx.to)}, gas ${f.c.tx.gasLimit}, value ${f.c.tx.value}, data ${abbrev(bytesToHex(f.c.tx.data))}`,
    );
    if (f.c.detail !== undefined) parts.push(...f.c.detail.split("\n").map((l) => `  ${l}`));
  }
  return parts.join("\n");
}

function abbrev(hex: string): string {
  return hex.length > 200 ? `${hex.slice(0, 200)}... (${(hex.length - 2) / 2} bytes)` : hex;
}
