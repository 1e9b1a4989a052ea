import assert from "node:assert/strict";
import { describe, test } from "node:test";
import fc from "fast-check";
import { addGas, type GasMeter, setGas, takeAllButOne64th, totalGas, useGas } from "./gas.js";
import { asm, evalWord, runCode } from "./testing.js";

const meter = (total: bigint): GasMeter => {
  const m = { gas: 0, reserve: 0n };
  setGas(m, total);
  return m;
};

describe("exact gas accounting with a reserve", () => {
  test("small totals live in the double", () => {
    const m = meter(1000n);
    assert.deepEqual(m, { gas: 1000, reserve: 0n });
    assert.equal(useGas(m, 999), true);
    assert.equal(useGas(m, 2), false);
    assert.equal(totalGas(m), 1n);
  });
  test("totals near 2^63 and 2^64 stay exact through charges and refills", () => {
    for (const total of [(1n << 63n) - 1n, 1n << 63n, (1n << 64n) - 1n, (1n << 53n) + 1n]) {
      const m = meter(total);
      assert.ok(m.gas <= 2 ** 52);
      assert.equal(totalGas(m), total);
      assert.equal(useGas(m, 2 ** 52), true);
      assert.equal(useGas(m, 3), true);
      assert.equal(totalGas(m), total - (1n << 52n) - 3n);
      addGas(m, 1n << 60n);
      assert.equal(totalGas(m), total - (1n << 52n) - 3n + (1n << 60n));
    }
  });
  test("property: any sequence of charges matches bigint arithmetic", () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }),
        fc.array(fc.integer({ min: 0, max: 2 ** 50 }), { maxLength: 30 }),
        (total, costs) => {
          const m = meter(total);
          let expect = total;
          for (const c of costs) {
            const ok = useGas(m, c);
            assert.equal(ok, BigInt(c) <= expect);
            if (ok) expect -= BigInt(c);
            assert.equal(totalGas(m), expect);
          }
        },
      ),
      { numRuns: 200 },
    );
  });
  test("EIP-150 all but one 64th, exact in both representations", () => {
    for (const total of [64n, 1000n, (1n << 63n) + 12345n]) {
      const m = meter(total);
      const taken = takeAllButOne64th(m, undefined);
      assert.equal(taken, total - total / 64n);
      assert.equal(totalGas(m), total / 64n);
    }
    const m = meter(1n << 63n);
    assert.equal(takeAllButOne64th(m, 5n), 5n);
    assert.equal(totalGas(m), (1n << 63n) - 5n);
  });
});

describe("programs with huge gas limits", () => {
  test("GAS reports the exact remainder near 2^63", () => {
    const gas = (1n << 63n) - 1n;
    assert.equal(evalWord("GAS", { gas }), gas - 2n);
    assert.equal(evalWord("PUSH1 0x00 POP GAS", { gas: 1n << 64n }), (1n << 64n) - 7n);
  });
  test("gasUsed is exact and a call forwards an exact 63/64", () => {
    const gas = (1n << 63n) + 777n;
    const { result } = runCode(asm("PUSH1 0x01 PUSH1 0x02 ADD STOP"), { gas });
    assert.equal(result.gasUsed, 9n);
    assert.equal(result.gasLeft, gas - 9n);
  });
  test("a memory expansion too large for any gas fails as out of gas", () => {
    const gas = (1n << 63n) - 1n;
    const { result } = runCode(asm("PUSH1 0x01 PUSH5 0x0100000000 MSTORE"), { gas });
    assert.equal(result.status, "halt");
    assert.equal(result.gasUsed, gas);
  });
});
