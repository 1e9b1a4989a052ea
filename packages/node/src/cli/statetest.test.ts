import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { after, describe, test } from "node:test";
import { fileURLToPath } from "node:url";
import { type Address, bytesToHex, hexToBytes } from "../primitives/index.js";
import { StateDb } from "../state/index.js";

const MAIN = join(dirname(fileURLToPath(import.meta.url)), "main.js");
const dir = mkdtempSync(join(tmpdir(), "cairn-statetest-"));
after(() => rmSync(dir, { recursive: true, force: true }));

/** ethereum/tests stExample/add11 (Cancun), trimmed to what the runner reads. */
const ADD11 = {
  env: {
    currentBaseFee: "0x0a",
    currentCoinbase: "0x2adc25665018aa1fe0e6bc666dac8fc2697ff9ba",
    currentDifficulty: "0x020000",
    currentExcessBlobGas: "0x00",
    currentGasLimit: "0xff112233445566",
    currentNumber: "0x01",
    currentRandom: "0x0000000000000000000000000000000000000000000000000000000000020000",
    currentTimestamp: "0x03e8",
  },
  post: {
    Cancun: [
      {
        hash: "0xe8010ce590f401c9d61fef8ab05bea9bcec24281b795e5868809bc4e515aa530",
        indexes: { data: 0, gas: 0, value: 0 },
        logs: "0x1dcc4de8dec75d7aab85b567b6ccd41ad312451b948a7413f0a142fd40d49347",
        txbytes:
          "0xf863800a83061a8094095e7baea6a6c7c4c2dfeb977efac326af552d87830186a0801ba0ffb600e63115a7362e7811894a91d8ba4330e526f22121c994c4692035dfdfd5a06198379fcac8de3dbfac48b165df4bf88e2088f294b61efb9a65fe2281c76e16",
      },
    ],
  },
  pre: {
    "0x095e7baea6a6c7c4c2dfeb977efac326af552d87": {
      balance: "0x0de0b6b3a7640000",
      code: "0x600160010160005500",
      nonce: "0x00",
      storage: {},
    },
    "0x2adc25665018aa1fe0e6bc666dac8fc2697ff9ba": { balance: "0x00", code: "0x", nonce: "0x01", storage: {} },
    "0xa94f5374fce5edbc8e2a8697c15331677e6ebf0b": { balance: "0x0de0b6b3a7640000", code: "0x", nonce: "0x00", storage: {} },
  },
  transaction: {
    data: ["0x"],
    gasLimit: ["0x061a80"],
    gasPrice: "0x0a",
    nonce: "0x00",
    secretKey: "0x45a915e4d060149eb4365960e6a7a45f334393093061116b197e3240065ff2d8",
    to: "0x095e7baea6a6c7c4c2dfeb977efac326af552d87",
    value: ["0x0186a0"],
  },
};

function write(name: string, content: unknown): string {
  const p = join(dir, name);
  writeFileSync(p, typeof content === "string" ? content : JSON.stringify(content));
  return p;
}

interface Entry {
  name: string;
  index: number;
  fork: string;
  pass: boolean;
  stateRoot: string;
  error: string | null;
}

/**
 * Runs the command. Files run inline (--timeout 0) unless `worker` is set: loading the EVM takes
 * seconds, and worker mode loads it twice (once per thread).
 */
function run(args: string[], input?: string, worker = false): { status: number | null; lines: Entry[][]; stderr: string } {
  const all = worker || args.includes("--timeout") ? args : ["--timeout", "0", ...args];
  const r = spawnSync(process.execPath, [MAIN, "statetest", ...all], { input, encoding: "utf8", timeout: 60_000 });
  const lines = r.stdout
    .split("\n")
    .filter((l) => l.length > 0)
    .map((l) => JSON.parse(l) as Entry[]);
  return { status: r.status, lines, stderr: r.stderr };
}

describe("cairn statetest", () => {
  test("a passing fixture: one line per file, exit 0", () => {
    const r = run([write("add11.json", { add11: ADD11 })]);
    assert.equal(r.status, 0);
    assert.deepEqual(r.lines, [
      [{ name: "add11", index: 0, fork: "Cancun", pass: true, stateRoot: ADD11.post.Cancun[0]!.hash, error: null }],
    ]);
  });

  test("paths on stdin when no FILE is given", () => {
    const p = write("stdin.json", { add11: ADD11 });
    const r = run([], `${p}\n\n${p}\n`, true);
    assert.equal(r.status, 0);
    assert.equal(r.lines.length, 2);
  });

  test("the transaction is built from the fixture fields when txbytes is absent", () => {
    const post = { ...ADD11.post.Cancun[0]!, txbytes: undefined };
    const r = run([write("no-txbytes.json", { t: { ...ADD11, post: { Cancun: [post] } } })]);
    assert.equal(r.status, 0, JSON.stringify(r.lines));
  });

  test("a wrong expected root fails with both roots in the error, exit 1", () => {
    const post = { ...ADD11.post.Cancun[0]!, hash: `0x${"11".repeat(32)}` };
    const r = run([write("bad-root.json", { t: { ...ADD11, post: { Cancun: [post] } } })]);
    assert.equal(r.status, 1);
    assert.equal(r.lines[0]![0]!.pass, false);
    assert.match(r.lines[0]![0]!.error!, /state root 0xe801.*expected 0x1111/);
  });

  test("an expected exception passes when the transaction is rejected and the state is unchanged", () => {
    const pre = structuredClone(ADD11.pre);
    pre["0xa94f5374fce5edbc8e2a8697c15331677e6ebf0b"].balance = "0x01";
    const state = new StateDb();
    for (const [a, acc] of Object.entries(pre)) {
      state.putAccount(hexToBytes(a) as Address, { balance: BigInt(acc.balance), nonce: BigInt(acc.nonce), code: hexToBytes(acc.code) });
    }
    const preRoot = bytesToHex(state.computeRoot());
    const post = { ...ADD11.post.Cancun[0]!, hash: preRoot, expectException: "TransactionException.INSUFFICIENT_ACCOUNT_FUNDS" };
    const r = run(["--trace", write("exception.json", { t: { ...ADD11, pre, post: { Cancun: [post] } } })]);
    assert.equal(r.status, 0, JSON.stringify(r.lines));
    assert.match(r.stderr, /"rejected":"INSUFFICIENT_ACCOUNT_FUNDS/);
    // Without the expectation, the same rejection is a failure.
    const r2 = run([write("exception2.json", { t: { ...ADD11, pre, post: { Cancun: [{ ...post, expectException: undefined }] } } })]);
    assert.equal(r2.status, 1);
    assert.match(r2.lines[0]![0]!.error!, /^transaction rejected: INSUFFICIENT_ACCOUNT_FUNDS/);
  });

  test("--fork filters, unsupported forks are reported, not run", () => {
    const fixture = {
      ...ADD11,
      post: { Cancun: ADD11.post.Cancun, Berlin: ADD11.post.Cancun, ShanghaiToCancunAtTime15k: ADD11.post.Cancun },
    };
    const p = write("forks.json", { t: fixture });
    const all = run([p]);
    assert.equal(all.status, 1);
    assert.deepEqual(
      all.lines[0]!.map((e) => [e.fork, e.pass, e.error]),
      [
        ["Cancun", true, null],
        ["Berlin", false, "unsupported fork"],
        ["ShanghaiToCancunAtTime15k", false, "unsupported fork"],
      ],
    );
    const cancun = run(["--fork", "Cancun", p]);
    assert.equal(cancun.status, 0);
    assert.equal(cancun.lines[0]!.length, 1);
    const prague = run(["--fork=Prague", p]);
    assert.equal(prague.status, 0);
    assert.deepEqual(prague.lines, [[]]);
  });

  test("bad input becomes error entries, never a crash", () => {
    const files = [
      write("malformed.json", "{ not json"),
      write("array.json", "[1, 2]"),
      write("missing-pre.json", { t: { ...ADD11, pre: undefined } }),
      write("absurd.json", { t: { ...ADD11, env: { ...ADD11.env, currentNumber: `0x${"f".repeat(100)}` } } }),
      write("bad-hex.json", { t: { ...ADD11, post: { Cancun: [{ ...ADD11.post.Cancun[0]!, txbytes: "0xzz" }] } } }),
      write("no-post.json", { t: { ...ADD11, post: 5 } }),
      join(dir, "does-not-exist.json"),
    ];
    const r = run(["--fork", "Cancun", ...files]);
    assert.equal(r.status, 1);
    assert.equal(r.lines.length, files.length);
    for (const line of r.lines) {
      assert.equal(line.length, 1);
      assert.equal(line[0]!.pass, false);
      assert.ok(line[0]!.error !== null && line[0]!.error.length > 0);
    }
    assert.match(r.lines[2]![0]!.error!, /bad fixture: pre must be an object/);
    assert.match(r.lines[3]![0]!.error!, /currentNumber/);
  });

  test("a file still running after --timeout is stopped and reported; the next file runs", () => {
    const pre = structuredClone(ADD11.pre);
    pre["0x095e7baea6a6c7c4c2dfeb977efac326af552d87"].code = "0x5b600056"; // JUMPDEST PUSH1 0 JUMP, forever
    pre["0xa94f5374fce5edbc8e2a8697c15331677e6ebf0b"].balance = `0x${"f".repeat(40)}`;
    const loop = {
      ...ADD11,
      pre,
      env: { ...ADD11.env, currentGasLimit: "0x7fffffffffffffff" },
      transaction: { ...ADD11.transaction, gasLimit: ["0x4000000000000000"] },
      post: { Cancun: [{ ...ADD11.post.Cancun[0]!, txbytes: undefined }] },
    };
    const r = run(["--timeout", "2", write("loop.json", { loop }), write("after-loop.json", { add11: ADD11 })]);
    assert.equal(r.status, 1);
    assert.match(r.lines[0]![0]!.error!, /timed out after 2 s/);
    assert.equal(r.lines[1]![0]!.pass, true);
  });

  test("--trace writes EIP-3155 steps and a summary to stderr", () => {
    const r = run(["--trace", write("trace.json", { add11: ADD11 })]);
    assert.equal(r.status, 0);
    const lines = r.stderr
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    assert.deepEqual(
      lines.slice(0, -1).map((l) => l.opName),
      ["PUSH1", "PUSH1", "ADD", "PUSH1", "SSTORE", "STOP"],
    );
    for (const key of ["pc", "op", "gas", "gasCost", "memSize", "stack", "depth", "refund"]) assert.ok(key in lines[0]!, key);
    const summary = lines.at(-1)!;
    assert.equal(summary.stateRoot, ADD11.post.Cancun[0]!.hash);
    assert.equal(summary.pass, true);
    assert.equal(typeof summary.gasUsed, "string");
  });

  test("unknown options and forks are usage errors (exit 2)", () => {
    assert.equal(run(["--frok", "x"]).status, 2);
    assert.equal(run(["--fork", "Nonsense"]).status, 2);
    assert.equal(run(["--timeout", "soon"]).status, 2);
  });
});
