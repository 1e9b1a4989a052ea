import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, test } from "node:test";
import { CompilerError, compileStandardJson, installedCompilers, MAX_QUEUED_COMPILATIONS, pickCompiler } from "./compiler.js";

const SOLC = (createRequire(import.meta.url)("solc/package.json") as { version: string }).version;

describe("installed solc-js compilers", () => {
  test("the solc package is found by its package.json, without loading it", () => {
    const all = installedCompilers();
    assert.ok(
      all.some((c) => c.version === SOLC),
      `found ${all.map((c) => c.version).join(", ")}`,
    );
    assert.equal(pickCompiler(undefined).version, all[0]!.version, "no version asked: the newest");
    assert.equal(pickCompiler(`v${SOLC}+commit.00000000`).version, SOLC, "solc's long form names the same package");
    assert.throws(
      () => pickCompiler("0.4.11"),
      (e: unknown) => e instanceof CompilerError && /^compiler 0\.4\.11 is not installed; installed: /.test(e.message),
    );
  });

  test("aliased packages (solc-0.8.26@npm:solc@0.8.26) are offered by their own version", () => {
    const root = mkdtempSync(join(tmpdir(), "cairn-solc-"));
    try {
      const pkg = (folder: string, json: object) => {
        mkdirSync(join(root, folder), { recursive: true });
        writeFileSync(join(root, folder, "package.json"), JSON.stringify(json));
      };
      pkg("solc", { name: "solc", version: "0.8.9" });
      pkg("solc-0.8.26", { name: "solc", version: "0.8.26" });
      pkg("solc-typed-ast", { name: "solc-typed-ast", version: "1.0.0" });
      pkg("solcx", { name: "solc", version: "0.7.0" });
      mkdirSync(join(root, "solc-empty"));
      const found = installedCompilers([root]);
      assert.deepEqual(
        found.map((c) => [c.version, c.packageName]),
        [
          ["0.8.26", "solc-0.8.26"],
          ["0.8.9", "solc"],
        ],
        "newest first, numerically; other packages named solc-* are not compilers",
      );
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  test("a compilation past its time limit is abandoned with a clear error", async () => {
    const input = { language: "Solidity", sources: { "a.sol": { content: "contract A {}" } }, settings: {} };
    await assert.rejects(compileStandardJson(pickCompiler(SOLC), input, 1), /^CompilerError: compilation timed out after 1 ms$/);
  });

  test("a cancelled request ends its compilation", async () => {
    const input = { language: "Solidity", sources: { "a.sol": { content: "contract A {}" } }, settings: {} };
    const controller = new AbortController();
    const compiling = compileStandardJson(pickCompiler(SOLC), input, 120_000, controller.signal);
    controller.abort();
    await assert.rejects(compiling, /^CompilerError: compilation abandoned: the request was cancelled$/);
    await assert.rejects(compileStandardJson(pickCompiler(SOLC), input, 120_000, controller.signal), /abandoned/);
  });

  test("at most MAX_QUEUED_COMPILATIONS run or wait; one more is refused at once, and the queue frees up", async () => {
    const input = { language: "Solidity", sources: { "a.sol": { content: "contract A {}" } }, settings: {} };
    const controller = new AbortController();
    // Aborted before their turn: each is settled without starting a compiler.
    controller.abort();
    const waiting = Array.from({ length: MAX_QUEUED_COMPILATIONS }, () =>
      compileStandardJson(pickCompiler(SOLC), input, 120_000, controller.signal),
    );
    await assert.rejects(
      compileStandardJson(pickCompiler(SOLC), input, 120_000),
      /^CompilerError: too many compilations waiting \(8\); try again later$/,
    );
    for (const w of waiting) await assert.rejects(w, /abandoned/);
    await assert.rejects(compileStandardJson(pickCompiler(SOLC), input, 120_000, controller.signal), /abandoned/, "room again");
  });

  test("imports are not read from the node's disk", async () => {
    const input = {
      language: "Solidity",
      sources: { "a.sol": { content: 'import "/etc/hostname"; contract A {}' } },
      settings: { outputSelection: { "*": { "*": ["abi"] } } },
    };
    const { output } = await compileStandardJson(pickCompiler(SOLC), input, 120_000);
    const errors = (output.errors ?? []).map((e) => e.message).join("\n");
    assert.match(errors, /imports are not read from the node's disk \(\/etc\/hostname\)/);
    assert.equal(output.contracts?.["a.sol"], undefined);
  });
});
