/**
 * Smoke test of `cairn bench chain` with tiny sizes: the token compiles, the producer builds
 * one setup block and one block per workload, a fresh LMDB chain imports them, and the report
 * adds up. No timing assertions. Skipped, with a reason, when solc-js is missing.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { type Address, bytesToHex, hexToBytes } from "../primitives/index.js";
import { formatChainReport, runChainBench } from "./bench-chain.js";
import { mintEachCalldata, transferCalldata } from "./bench-chain-setup.js";
import { BenchCompileError } from "./bench-evm-compile.js";

describe("bench chain smoke", () => {
  test("ABI call data of transfer and mintEach", () => {
    const a = hexToBytes("0x00000000000000000000000000000000000000aa") as Address;
    assert.equal(bytesToHex(transferCalldata(a, 5n)), `0xa9059cbb${"0".repeat(62)}aa${"0".repeat(63)}5`);
    const mint = mintEachCalldata([a, a], 1n);
    // selector, offset, amount, length, two addresses
    assert.equal(mint.length, 4 + 5 * 32);
    assert.equal(mint[4 + 31], 64);
    assert.equal(mint[4 + 2 * 32 + 31], 2);
    assert.equal(mint[4 + 3 * 32 + 31], 0xaa);
  });

  test("tiny run: every block imports, counts and gas add up", async (t) => {
    let report: Awaited<ReturnType<typeof runChainBench>>;
    try {
      report = await runChainBench({ blocks: 1, txsPerBlock: 5, senders: 3, anvil: false });
    } catch (err) {
      if (!(err instanceof BenchCompileError)) throw err;
      console.log(`skipped: ${err.message}`);
      t.skip(err.message);
      return;
    }
    assert.deepEqual(
      report.results.map((r) => [r.workload, r.blocks, r.txs]),
      [
        ["ETH transfers", 1, 5],
        ["ERC-20 transfers", 1, 5],
      ],
    );
    const [eth, erc20] = report.results;
    assert.equal(eth!.gas, 5n * 21_000n);
    // A transfer to a fresh holder writes a zero slot: well above a plain transfer, below its limit.
    assert.ok(erc20!.gas > 5n * 40_000n && erc20!.gas < 5n * 60_000n, `ERC-20 gas ${erc20!.gas}`);
    for (const r of report.results) assert.ok(r.seconds > 0 && r.decodeSeconds <= r.seconds && r.writeSeconds <= r.seconds);
    const table = formatChainReport(report);
    assert.match(table, /\| ETH transfers \| 1 \| 5 \|/);
    assert.match(table, /Peers: none/);
  });
});
