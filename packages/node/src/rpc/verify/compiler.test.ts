import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { describe, test } from "node:test";
import { CompilerError, compileStandardJson, installedCompilers, pickCompiler } from "./compiler.js";

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
