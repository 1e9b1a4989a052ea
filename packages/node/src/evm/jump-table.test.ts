import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { EvmError } from "./errors.js";
import { cancunJumpTable, enableEip7939, jumpTableFor, parisJumpTable, pragueJumpTable, supportedForks } from "./forks.js";
import { compileJumpTable, setOp, validateJumpTable } from "./jump-table.js";

describe("per-fork jump tables", () => {
  test("supported forks compile and validate", () => {
    assert.deepEqual(supportedForks(), ["Paris", "Shanghai", "Cancun", "Prague", "Osaka"]);
    for (const f of supportedForks()) assert.equal(jumpTableFor(f).name, f);
  });
  test("tables are built once", () => {
    assert.equal(jumpTableFor("Cancun"), jumpTableFor("Cancun"));
  });
  test("older forks are refused", () => {
    assert.throws(() => jumpTableFor("Berlin"), EvmError);
  });
  test("opcodes appear in the fork that introduced them", () => {
    const has = (fork: Parameters<typeof jumpTableFor>[0], op: number): boolean => jumpTableFor(fork).defined[op]!;
    assert.equal(has("Paris", 0x5f), false);
    assert.equal(has("Shanghai", 0x5f), true); // PUSH0, EIP-3855
    for (const op of [0x5c, 0x5d, 0x5e, 0x49, 0x4a]) {
      assert.equal(has("Shanghai", op), false);
      assert.equal(has("Cancun", op), true);
    }
    assert.equal(has("Prague", 0x1e), false);
    assert.equal(has("Osaka", 0x1e), true); // CLZ, EIP-7939
    assert.equal(jumpTableFor("Cancun").rules.delegation, false);
    assert.equal(jumpTableFor("Prague").rules.delegation, true);
    assert.equal(jumpTableFor("Paris").rules.maxInitcodeSize, Number.POSITIVE_INFINITY);
    assert.equal(jumpTableFor("Shanghai").rules.maxInitcodeSize, 49152);
  });
  test("Osaka is Prague plus one enable function", () => {
    const t = pragueJumpTable();
    enableEip7939(t);
    const compiled = compileJumpTable("custom", t);
    const osaka = jumpTableFor("Osaka");
    assert.deepEqual(compiled.names, osaka.names);
    assert.deepEqual([...compiled.gas], [...osaka.gas]);
  });
  test("stack bounds come from inputs and outputs", () => {
    const t = jumpTableFor("Cancun");
    assert.equal(t.minStack[0x01], 2); // ADD
    assert.equal(t.maxStack[0x01], 1024);
    assert.equal(t.minStack[0x8f], 16); // DUP16
    assert.equal(t.maxStack[0x8f], 1023);
    assert.equal(t.minStack[0x9f], 17); // SWAP16
    assert.equal(t.maxStack[0x60], 1023); // PUSH1
    assert.equal(t.names[0x0c], "0x0c");
    assert.equal(t.defined[0x0c], false);
  });
  test("validation rejects malformed tables", () => {
    const dup = cancunJumpTable();
    setOp(dup, 0x0c, "ADD", dup.ops[0x01]!.fn, 3, 2, 1);
    assert.throws(() => validateJumpTable("dup", dup), /duplicate name/);
    const gas = cancunJumpTable();
    setOp(gas, 0x01, "ADD", gas.ops[0x01]!.fn, -1, 2, 1);
    assert.throws(() => validateJumpTable("gas", gas), /bad constant gas/);
    const missing = parisJumpTable();
    missing.ops[0x5b] = undefined;
    assert.throws(() => validateJumpTable("missing", missing), /JUMPDEST/);
    const rules = parisJumpTable();
    rules.rules.maxInitcodeSize = 10;
    assert.throws(() => validateJumpTable("rules", rules), /maxInitcodeSize/);
  });
});
