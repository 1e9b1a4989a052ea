/**
 * Conformance: RLPTests from ethereum/tests. Valid vectors must encode to `out` and decode back
 * to the same structure; invalid vectors (and RandomRLPTests marked INVALID) must be rejected.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { bytesToHex, hexToBytes, utf8ToBytes } from "../../src/primitives/index.js";
import { decodeRlp, encodeRlp, type RlpInput, type RlpItem } from "../../src/rlp/index.js";
import { fixturePath, listJsonFiles } from "../fixtures.js";

type JsonIn = string | number | JsonIn[];

function toInput(v: JsonIn): RlpInput {
  if (Array.isArray(v)) return v.map(toInput);
  if (typeof v === "number") return BigInt(v);
  if (v.startsWith("#")) return BigInt(v.slice(1));
  return utf8ToBytes(v);
}

function sameStructure(item: RlpItem, input: RlpInput): boolean {
  return bytesToHex(encodeRlp(item)) === bytesToHex(encodeRlp(input));
}

test("RLPTests conformance", () => {
  const dir = fixturePath("RLPTests");
  if (!dir) return;
  let passed = 0;
  let failed = 0;
  const failures: string[] = [];
  for (const file of listJsonFiles(dir)) {
    const cases = JSON.parse(readFileSync(file, "utf8")) as Record<string, { in: JsonIn; out: string }>;
    for (const [name, c] of Object.entries(cases)) {
      const label: string = `${file.slice(dir.length + 1)}:${name}`;
      const bytes = hexToBytes(c.out);
      try {
        if (c.in === "INVALID") {
          assert.throws(() => decodeRlp(bytes), `${label} must be rejected`);
        } else if (c.in === "VALID") {
          const item = decodeRlp(bytes);
          assert.equal(bytesToHex(encodeRlp(item)), c.out.toLowerCase(), `${label} re-encodes`);
        } else {
          const input = toInput(c.in);
          assert.equal(bytesToHex(encodeRlp(input)), c.out.toLowerCase(), `${label} encodes`);
          assert.ok(sameStructure(decodeRlp(bytes), input), `${label} decodes`);
        }
        passed++;
      } catch (e) {
        failed++;
        failures.push(`${label}: ${(e as Error).message}`);
      }
    }
  }
  console.log(`RLPTests: ${passed} passed, ${failed} failed, 0 skipped (${join("RLPTests")})`);
  assert.deepEqual(failures, []);
  assert.ok(passed > 50, "expected the full RLPTests set");
});
