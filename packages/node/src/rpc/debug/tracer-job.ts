/**
 * rpc/debug/tracer-job: turns a TraceConfig into the tracer of one transaction and, once the
 * transaction ran, into geth's answer. Native tracers by geth's names: the struct logger
 * (no `tracer`), "callTracer", "flatCallTracer", "prestateTracer", "4byteTracer", "noopTracer" and "muxTracer"; their
 * tracerConfig is decoded as geth's json.Unmarshal would (unknown members ignored, wrong types
 * refused). Any other name is JavaScript for geth, which this node does not run.
 */
import {
  type AccountReader,
  CallTracer,
  FlatCallTracer,
  type FlatTraceContext,
  FourByteTracer,
  MuxTracer,
  NoopTracer,
  PrestateTracer,
  StructLogger,
  type Tracer,
} from "../../evm/index.js";
import type { TxOutcome } from "../../execution/index.js";
import type { Address } from "../../primitives/index.js";
import type { StateDb } from "../../state/index.js";
import { type TraceConfig, TraceConfigError } from "./trace-config.js";

/** What a traced transaction (or call) was, for the tracers that report it. */
export interface TracedRun {
  readonly outcome: TxOutcome;
  readonly gasLimit: bigint;
  readonly from: Address;
  /** The recipient, or the address of the contract a creation makes. */
  readonly to: Address;
  readonly create: boolean;
  readonly coinbase: Address;
  /** The valid signers of an EIP-7702 transaction's authorizations. */
  readonly authorities: readonly Address[];
  /** The state before the transaction (prestateTracer only). */
  readonly pre: AccountReader | undefined;
  /** The state after it. */
  readonly post: AccountReader;
  /** The block and position of a mined transaction (flatCallTracer); undefined for a call. */
  readonly context?: FlatTraceContext | undefined;
}

/** Makes the job of one transaction (the trace_ namespace brings its own). */
export type TraceJobFactory = (live: StateDb, isPrecompile: (a: Address) => boolean) => TraceJob;

export interface TraceJob {
  readonly tracer: Tracer;
  /** Whether `result` reads the state before the transaction. */
  readonly needsPreState: boolean;
  result(run: TracedRun): unknown;
}

function configBool(cfg: Record<string, unknown>, name: string, type: string): boolean {
  const v = cfg[name];
  if (v === undefined || v === null) return false;
  if (typeof v !== "boolean")
    throw new TraceConfigError(`json: cannot unmarshal ${typeof v} into Go struct field ${type}.${name} of type bool`);
  return v;
}

/**
 * The job for `config`. `live` is the state the transaction executes on (the struct logger reads
 * SLOAD values from it); `isPrecompile` names the fork's precompiles (4byteTracer skips them).
 */
export function createTraceJob(config: TraceConfig, live: StateDb, isPrecompile: (a: Address) => boolean): TraceJob {
  const cfg = config.tracerConfig;
  switch (config.tracer) {
    case undefined:
    case "": {
      const t = new StructLogger(config.logger, (a, slot) => live.getStorage(a, slot));
      return { tracer: t, needsPreState: false, result: (r) => t.result(r.outcome.gasUsed) };
    }
    case "callTracer": {
      const t = new CallTracer({
        onlyTopCall: configBool(cfg, "onlyTopCall", "native.callTracerConfig"),
        withLog: configBool(cfg, "withLog", "native.callTracerConfig"),
      });
      return { tracer: t, needsPreState: false, result: (r) => t.result(r.gasLimit, r.outcome.gasUsed) };
    }
    case "flatCallTracer": {
      const t = new FlatCallTracer(
        {
          convertParityErrors: configBool(cfg, "convertParityErrors", "native.flatCallTracerConfig"),
          includePrecompiles: configBool(cfg, "includePrecompiles", "native.flatCallTracerConfig"),
        },
        isPrecompile,
      );
      return { tracer: t, needsPreState: false, result: (r) => t.result(r.gasLimit, r.outcome.gasUsed, r.context) };
    }
    case "prestateTracer": {
      const t = new PrestateTracer({
        diffMode: configBool(cfg, "diffMode", "native.prestateTracerConfig"),
        disableCode: configBool(cfg, "disableCode", "native.prestateTracerConfig"),
        disableStorage: configBool(cfg, "disableStorage", "native.prestateTracerConfig"),
      });
      return {
        tracer: t,
        needsPreState: true,
        result: (r) => {
          t.begin(r.from, r.to, r.create, r.coinbase, r.authorities);
          return t.result(r.pre!, r.post);
        },
      };
    }
    case "4byteTracer": {
      const t = new FourByteTracer(isPrecompile);
      return { tracer: t, needsPreState: false, result: () => t.result() };
    }
    case "noopTracer": {
      const t = new NoopTracer();
      return { tracer: t, needsPreState: false, result: () => t.result() };
    }
    case "muxTracer": {
      // tracerConfig names the tracers to run, each with its own config (geth: native tracers only).
      const names = Object.keys(cfg).sort();
      const jobs = names.map((name) => {
        if (name === "" || name === "muxTracer") throw new TraceConfigError(`tracer ${JSON.stringify(name)} cannot run under muxTracer`);
        const sub = cfg[name];
        if (sub !== undefined && sub !== null && (typeof sub !== "object" || Array.isArray(sub)))
          throw new TraceConfigError(`json: cannot unmarshal ${typeof sub} into Go value of type json.RawMessage config of ${name}`);
        return createTraceJob({ ...config, tracer: name, tracerConfig: (sub ?? {}) as Record<string, unknown> }, live, isPrecompile);
      });
      return {
        tracer: new MuxTracer(jobs.map((j) => j.tracer)),
        needsPreState: jobs.some((j) => j.needsPreState),
        result: (r) => Object.fromEntries(names.map((name, i) => [name, jobs[i]!.result(r)])),
      };
    }
    default:
      throw new TraceConfigError(
        `tracer ${JSON.stringify(config.tracer)} not found: only the native tracers are available (JavaScript tracers are not)`,
      );
  }
}
