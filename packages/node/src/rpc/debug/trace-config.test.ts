import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { RpcError } from "../errors.js";
import { argTraceConfig, DEFAULT_TRACE_TIMEOUT_MS, parseGoDuration, TraceConfigError } from "./trace-config.js";

describe("TraceConfig", () => {
  test("timeouts parse as Go durations, with Go's errors", () => {
    assert.equal(parseGoDuration("5s"), 5000);
    assert.equal(parseGoDuration("1m30s"), 90_000);
    assert.equal(parseGoDuration("1.5h"), 5_400_000);
    assert.equal(parseGoDuration("250ms"), 250);
    assert.equal(parseGoDuration("300us"), 0.3);
    assert.equal(parseGoDuration("-1s"), -1000);
    assert.equal(parseGoDuration("0"), 0);
    assert.equal(parseGoDuration("abc"), 'time: invalid duration "abc"');
    assert.equal(parseGoDuration(""), 'time: invalid duration ""');
    assert.equal(parseGoDuration("10"), 'time: missing unit in duration "10"');
    assert.equal(parseGoDuration("3x"), 'time: unknown unit "x" in duration "3x"');
  });

  test("defaults: the struct logger, a 5 s timeout", () => {
    const c = argTraceConfig([], 0);
    assert.equal(c.tracer, undefined);
    assert.equal(c.timeoutMs, DEFAULT_TRACE_TIMEOUT_MS);
    assert.equal(DEFAULT_TRACE_TIMEOUT_MS, 5000);
  });

  test("members decode with geth's checks", () => {
    const c = argTraceConfig([{ tracer: "callTracer", tracerConfig: { withLog: true }, timeout: "2s", disableStack: true, limit: 10 }], 0);
    assert.equal(c.tracer, "callTracer");
    assert.deepEqual(c.tracerConfig, { withLog: true });
    assert.equal(c.timeoutMs, 2000);
    assert.equal(c.logger.disableStack, true);
    assert.equal(c.logger.limit, 10);
    assert.throws(() => argTraceConfig([{ timeout: "later" }], 0), TraceConfigError);
    assert.throws(() => argTraceConfig([{ disableStack: "yes" }], 0), RpcError);
    assert.throws(() => argTraceConfig(["callTracer"], 0), RpcError);
  });
});
