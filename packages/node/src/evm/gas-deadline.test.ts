import assert from "node:assert/strict";
import { afterEach, test } from "node:test";
import { deadlineExpired, type GasMeter, setExecutionDeadline, setGas, totalGas, useGas } from "./gas.js";

afterEach(() => setExecutionDeadline(undefined));

test("without a deadline a meter holds up to 2^52 in its double part", () => {
  const m: GasMeter = { gas: 0, reserve: 0n };
  setGas(m, 50_000_000n);
  assert.equal(m.gas, 50_000_000);
  assert.equal(m.reserve, 0n);
});

test("with a deadline gas is chunked, refills read the clock, and a passed deadline fails the refill", () => {
  setExecutionDeadline(performance.now() + 60_000);
  const m: GasMeter = { gas: 0, reserve: 0n };
  setGas(m, 1_000_000n);
  assert.equal(m.gas, 65_536);
  assert.equal(totalGas(m), 1_000_000n);
  // a charge past the chunk refills exactly
  assert.equal(useGas(m, 70_000), true);
  assert.equal(totalGas(m), 930_000n);
  assert.equal(deadlineExpired(), false);
  setExecutionDeadline(performance.now() - 1);
  setGas(m, 1_000_000n);
  assert.equal(useGas(m, 65_536), true, "the chunk in hand is still spent without a clock read");
  assert.equal(useGas(m, 1), false, "the refill finds the deadline passed");
  assert.equal(deadlineExpired(), true);
  assert.equal(totalGas(m), 0n);
  setExecutionDeadline(undefined);
  assert.equal(deadlineExpired(), false);
});
