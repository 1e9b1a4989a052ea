/**
 * rpc/debug/trace-config: the TraceConfig object of the debug_trace* methods as go-ethereum
 * decodes it (eth/tracers/api.go TraceConfig, logger.Config): the struct logger's flags at the
 * top level, `tracer` naming a native tracer, `tracerConfig` its options, and `timeout` a Go
 * duration string ("5s" by default, geth's defaultTraceTimeout). traceCall's config adds
 * `stateOverrides` and `blockOverrides`, which the caller decodes.
 */
import type { StructLoggerConfig } from "../../evm/index.js";
import { invalidArgument } from "../params.js";

/** geth's defaultTraceTimeout. */
export const DEFAULT_TRACE_TIMEOUT_MS = 5_000;

export interface TraceConfig {
  /** undefined: the struct logger. */
  readonly tracer: string | undefined;
  readonly tracerConfig: Record<string, unknown>;
  readonly logger: StructLoggerConfig;
  readonly timeoutMs: number;
  /** The whole object, for the extra members of traceCall's config. */
  readonly raw: Record<string, unknown>;
}

const UNITS: Record<string, number> = { ns: 1e-6, us: 1e-3, µs: 1e-3, μs: 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/**
 * Go's time.ParseDuration, in milliseconds, or Go's error text ("time: invalid duration ...",
 * "time: missing unit in duration ...", "time: unknown unit ... in duration ...").
 */
export function parseGoDuration(s: string): number | string {
  const quoted = JSON.stringify(s);
  let rest = s;
  let sign = 1;
  if (rest.startsWith("-") || rest.startsWith("+")) {
    if (rest[0] === "-") sign = -1;
    rest = rest.slice(1);
  }
  if (rest === "0") return 0;
  if (rest === "") return `time: invalid duration ${quoted}`;
  let total = 0;
  while (rest !== "") {
    const num = /^(\d*)(\.\d*)?/.exec(rest)!;
    if (num[0] === "" || num[0] === ".") return `time: invalid duration ${quoted}`;
    rest = rest.slice(num[0].length);
    const unit = /^[^\d.]*/.exec(rest)![0];
    if (unit === "") return `time: missing unit in duration ${quoted}`;
    const scale = UNITS[unit];
    if (scale === undefined) return `time: unknown unit ${JSON.stringify(unit)} in duration ${quoted}`;
    total += Number(num[0]) * scale;
    rest = rest.slice(unit.length);
  }
  return sign * total;
}

function bool(o: Record<string, unknown>, name: string, index: number): boolean | undefined {
  const v = o[name];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== "boolean")
    throw invalidArgument(index, `json: cannot unmarshal ${typeof v} into Go struct field TraceConfig.${name} of type bool`);
  return v;
}

export function argTraceConfig(params: unknown[], index: number): TraceConfig {
  const v = params[index];
  if (v === undefined || v === null)
    return { tracer: undefined, tracerConfig: {}, logger: {}, timeoutMs: DEFAULT_TRACE_TIMEOUT_MS, raw: {} };
  if (typeof v !== "object" || Array.isArray(v))
    throw invalidArgument(index, "json: cannot unmarshal non-object into Go value of type tracers.TraceConfig");
  const o = v as Record<string, unknown>;
  let tracer: string | undefined;
  if (o.tracer !== undefined && o.tracer !== null) {
    if (typeof o.tracer !== "string")
      throw invalidArgument(index, "json: cannot unmarshal non-string into Go struct field TraceConfig.tracer of type string");
    tracer = o.tracer;
  }
  let tracerConfig: Record<string, unknown> = {};
  if (o.tracerConfig !== undefined && o.tracerConfig !== null) {
    if (typeof o.tracerConfig !== "object" || Array.isArray(o.tracerConfig))
      throw invalidArgument(index, "json: cannot unmarshal non-object into Go value of type tracerConfig");
    tracerConfig = o.tracerConfig as Record<string, unknown>;
  }
  let timeoutMs = DEFAULT_TRACE_TIMEOUT_MS;
  if (o.timeout !== undefined && o.timeout !== null) {
    if (typeof o.timeout !== "string")
      throw invalidArgument(index, "json: cannot unmarshal non-string into Go struct field TraceConfig.timeout of type string");
    const ms = parseGoDuration(o.timeout);
    // geth returns time.ParseDuration's error as the method's error.
    if (typeof ms === "string") throw new TraceConfigError(ms);
    timeoutMs = ms;
  }
  let limit: number | undefined;
  if (o.limit !== undefined && o.limit !== null) {
    if (typeof o.limit !== "number" || !Number.isInteger(o.limit))
      throw invalidArgument(index, "json: cannot unmarshal non-number into Go struct field TraceConfig.limit of type int");
    limit = o.limit;
  }
  const logger: StructLoggerConfig = {
    disableStack: bool(o, "disableStack", index),
    disableStorage: bool(o, "disableStorage", index),
    enableMemory: bool(o, "enableMemory", index),
    enableReturnData: bool(o, "enableReturnData", index),
    limit,
  };
  return { tracer, tracerConfig, logger, timeoutMs, raw: o };
}

/** A config that decodes but cannot be used (bad duration, unknown tracer options). */
export class TraceConfigError extends Error {
  override readonly name = "TraceConfigError";
}
