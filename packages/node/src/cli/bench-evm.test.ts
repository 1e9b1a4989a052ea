/**
 * Smoke test of `cairn bench evm`: one tiny workload compiled with solc-js and run on Cairn
 * (both paths) and on @ethereumjs/evm with a small gas budget; gas used and return data must be
 * identical. No timing assertions. Skipped, with a reason, when a development dependency is
 * missing. Also checks the report's arithmetic and that a gas mismatch is printed loudly.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { bytesToHex } from "../primitives/index.js";
import { cairnEngine, cairnStateEngine } from "./bench-evm-cairn.js";
import { BenchCompileError, compileWorkloads } from "./bench-evm-compile.js";
import { type Engine, EngineUnavailable } from "./bench-evm-engine.js";
import { ethereumjsEngine } from "./bench-evm-ethereumjs.js";
import { type BenchEvmReport, formatReport, geometricMean, median } from "./bench-evm-report.js";
import { deployData, runCalldata, WORKLOADS } from "./bench-evm-workloads.js";

describe("bench evm smoke", () => {
  test("keccak loop: same gas and return data on Cairn and @ethereumjs/evm", async (t) => {
    const keccak = WORKLOADS.find((w) => w.name === "keccak")!;
    let compiled: Awaited<ReturnType<typeof compileWorkloads>>;
    let ejs: Engine;
    try {
      compiled = await compileWorkloads([keccak.file]);
      ejs = await ethereumjsEngine();
    } catch (err) {
      if (!(err instanceof BenchCompileError || err instanceof EngineUnavailable)) throw err;
      console.log(`skipped: ${err.message}`);
      t.skip(err.message);
      return;
    }
    const contract = compiled.contracts.get(`${keccak.file}:${keccak.contract}`)!;
    const n = 200; // about 30,000 gas
    const data = deployData(contract.initcode, keccak.constructorArgs(n));
    const calldata = runCalldata(n);
    const results: Array<{ name: string; gas: bigint; output: string }> = [];
    for (const engine of [cairnEngine(), cairnStateEngine(), ejs]) {
      const prepared = await engine.prepare(data);
      const { gasUsed } = await prepared.gas(calldata);
      const run = await prepared.run(calldata);
      assert.equal(run.ok, true, `${engine.name}: ${run.error ?? ""}`);
      // A second run starts from the same state, so it must return the same bytes.
      const again = await prepared.run(calldata);
      assert.equal(bytesToHex(again.output), bytesToHex(run.output));
      results.push({ name: engine.name, gas: gasUsed, output: bytesToHex(run.output) });
      await engine.close();
    }
    const [cairn, ...others] = results;
    assert.ok(cairn!.gas > 20_000n && cairn!.gas < 100_000n, `unexpected gas ${cairn!.gas}`);
    assert.equal(cairn!.output.length, 66);
    for (const o of others) {
      assert.equal(o.gas, cairn!.gas, `${o.name} gas`);
      assert.equal(o.output, cairn!.output, `${o.name} return data`);
    }
    console.log(`keccak run(${n}): ${cairn!.gas} gas on ${results.map((r) => r.name).join(", ")}`);
  });

  test("median and geometric mean", () => {
    assert.equal(median([3, 1, 2]), 2);
    assert.equal(median([4, 1, 2, 3]), 2.5);
    assert.ok(Math.abs(geometricMean([2, 8]) - 4) < 1e-12);
    assert.ok(Number.isNaN(geometricMean([])));
  });

  test("a gas mismatch is printed loudly", () => {
    const m = (gas: bigint, ms: number) => ({
      gas,
      refund: 0n,
      ms,
      medianMs: ms,
      runsMs: [ms],
      mgasPerSecond: Number(gas) / ms / 1000,
      outputHex: "0x",
    });
    const report: BenchEvmReport = {
      header: { fork: "Prague" },
      engines: [
        { name: "cairn", title: "Cairn", path: "Cairn: test" },
        { name: "ethereumjs", title: "ethereumjs", path: "ethereumjs: test" },
      ],
      skipped: { anvil: "not installed" },
      workloads: [
        {
          name: "compute",
          description: "test",
          size: 1,
          engines: { cairn: m(1000n, 1), ethereumjs: m(1001n, 10) },
          failures: {},
          ratios: { ethereumjs: 10 },
          mismatches: ["GAS MISMATCH cairn used 1000, ethereumjs used 1001 (difference 1)"],
        },
      ],
      geomean: { ethereumjs: 10 },
      reference: "cairn",
      peers: ["ethereumjs"],
    };
    const text = formatReport(report);
    assert.match(text, /ENGINES DISAGREE/);
    assert.match(text, /!! compute: GAS MISMATCH/);
    assert.match(text, /skipped anvil: not installed/);
    assert.match(text, /10\.0x/);
  });
});
