/**
 * rpc/trace/parity-traces: the Parity-style traces of a block's transactions, as the trace_
 * namespace serves them (Parity/OpenEthereum, and anvil through revm-inspectors). A block is
 * replayed by rpc/debug's traceBlock (execution's BlockReplay on the parent's state) with a
 * flatCallTracer in its `parity` style: Parity's error strings, calls to precompiles included
 * (anvil and Parity list them; geth's flatCallTracer leaves them out by default), the top frame's
 * gas after intrinsic gas, and `result: null` for frames without one.
 *
 * Block rewards: a Parity or pre-merge node adds a "reward" entry per block (and uncle) to
 * trace_block and trace_filter. This chain is post-merge, where there is no block reward, and
 * anvil adds none either; so neither does this.
 */
import type { Chain } from "../../chain/index.js";
import { type FlatCallFrameJson, FlatCallTracer } from "../../evm/index.js";
import { bytesToHex } from "../../primitives/index.js";
import type { SealedBlock } from "../../types/index.js";
import { traceBlock } from "../debug/trace.js";
import { DEFAULT_TRACE_TIMEOUT_MS, type TraceConfig } from "../debug/trace-config.js";
import type { TraceJobFactory } from "../debug/tracer-job.js";
import { RpcError, SERVER_ERROR } from "../errors.js";

/** One transaction's traces and its output (trace_replay*'s `output`). */
export interface TxParityTraces {
  readonly txHash: string;
  readonly traces: FlatCallFrameJson[];
  readonly output: string;
}

const CONFIG: TraceConfig = { tracer: undefined, tracerConfig: {}, logger: {}, timeoutMs: DEFAULT_TRACE_TIMEOUT_MS, raw: {} };

const parityJob =
  (includePrecompiles: boolean): TraceJobFactory =>
  (_live, isPrecompile) => {
    const t = new FlatCallTracer({ convertParityErrors: true, includePrecompiles, parity: true }, isPrecompile);
    return {
      tracer: t,
      needsPreState: false,
      result: (r): Omit<TxParityTraces, "txHash"> => ({
        traces: t.result(r.gasLimit, r.outcome.gasUsed, r.context),
        output: bytesToHex(r.outcome.output),
      }),
    };
  };

/**
 * The traces of `block`'s transactions (only the one at `only` when given). A block without
 * transactions (the genesis among them) has none, and is not replayed. Calls to precompiles are
 * listed unless `includePrecompiles` is false.
 */
export function blockParityTraces(chain: Chain, block: SealedBlock, only?: number, includePrecompiles = true): TxParityTraces[] {
  if (block.body.transactions.length === 0) return [];
  return traceBlock(chain, block, CONFIG, only, parityJob(includePrecompiles)).map((r) => {
    // a transaction stopped by the trace timeout fails the whole answer, in geth's words
    if (r.result === undefined) throw new RpcError(SERVER_ERROR, r.error ?? "execution timeout");
    return { txHash: r.txHash, ...(r.result as Omit<TxParityTraces, "txHash">) };
  });
}

/** A trace_replay* entry: the trace without its block and transaction context, `type` first. */
export function replayEntry(t: FlatCallFrameJson): Record<string, unknown> {
  const out: Record<string, unknown> = { type: t.type, action: t.action };
  if (t.error !== undefined) out.error = t.error;
  out.result = t.result ?? null;
  out.subtraces = t.subtraces;
  out.traceAddress = t.traceAddress;
  return out;
}
