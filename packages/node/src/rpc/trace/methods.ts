/**
 * rpc/trace/methods: the trace_ namespace (Parity's transaction traces) as anvil serves it:
 * trace_transaction, trace_block, trace_filter, trace_get, trace_replayTransaction and
 * trace_replayBlockTransactions. Registering them enables the namespace.
 *
 * anvil's answers kept here: an unknown transaction or block gives [] (not null or an error);
 * trace_block takes a number or tag ("pending" is the head); trace_filter's range must not run
 * backwards. anvil has no trace_get and no trace_replayTransaction; they follow reth's (Parity's)
 * rules: trace_get takes exactly one index into the transaction's flat list, else null. Only the
 * "trace" replay type is served; "vmTrace" and "stateDiff" are refused with a clear error
 * (anvil returns vmTrace and stateDiff, which this node does not build). anvil lists calls to
 * precompiles in trace_transaction, trace_block and trace_filter but not in its replays (as
 * Parity did); both are kept. trace_filter's range is capped at 300 blocks, as anvil's.
 */
import type { Chain } from "../../chain/index.js";
import type { FlatCallFrameJson } from "../../evm/index.js";
import type { SealedBlock } from "../../types/index.js";
import { INVALID_PARAMS, RpcError } from "../errors.js";
import { lookupBlockNumber } from "../eth/args.js";
import { argBlockNumber, argHash, invalidArgument } from "../params.js";
import type { MethodRegistry } from "../registry.js";
import { argTraceFilter, MAX_TRACE_FILTER_BLOCKS, traceMatches } from "./filter.js";
import { blockParityTraces, replayEntry, type TxParityTraces } from "./parity-traces.js";

export interface TraceBackend {
  readonly chain: Chain;
}

const REPLAY_TYPES = new Set(["trace", "vmTrace", "stateDiff"]);

/** The replay types asked for; only "trace" is built. */
function argTraceTypes(params: unknown[], index: number): void {
  const v = params[index];
  if (!Array.isArray(v)) throw invalidArgument(index, "expected an array of trace types");
  for (const t of v) {
    if (typeof t !== "string" || !REPLAY_TYPES.has(t))
      throw invalidArgument(index, `unknown trace type ${JSON.stringify(t)}, expected "trace", "vmTrace" or "stateDiff"`);
    if (t !== "trace") throw new RpcError(INVALID_PARAMS, `trace type "${t}" is not supported: only "trace" is`);
  }
}

/** A trace_replay* answer for one transaction (stateDiff and vmTrace are never built). */
function replayResult(tx: TxParityTraces, types: readonly unknown[], withHash: boolean): Record<string, unknown> {
  const out: Record<string, unknown> = {
    output: tx.output,
    stateDiff: null,
    trace: types.includes("trace") ? tx.traces.map(replayEntry) : [],
    vmTrace: null,
  };
  if (withHash) out.transactionHash = tx.txHash;
  return out;
}

/** The index argument of trace_get: a hex string or a number. */
function traceIndex(v: unknown, index: number): number {
  if (typeof v === "number" && Number.isSafeInteger(v) && v >= 0) return v;
  if (typeof v === "string" && /^0x[0-9a-fA-F]{1,13}$/.test(v)) return Number(BigInt(v));
  throw invalidArgument(index, `invalid trace index ${JSON.stringify(v)}`);
}

export function registerTraceMethods(registry: MethodRegistry, backend: TraceBackend): void {
  const { chain } = backend;
  registry.enableNamespace("trace");

  const txTraces = (p: unknown[], includePrecompiles = true): TxParityTraces | undefined => {
    const hash = argHash(p, 0);
    const lookup = chain.getTransactionLookup(hash);
    const block = lookup === undefined ? undefined : chain.getBlock(lookup.blockHash);
    if (lookup === undefined || block === undefined) return undefined;
    return blockParityTraces(chain, block, lookup.index, includePrecompiles)[0];
  };
  const blockAt = (p: unknown[]): SealedBlock | undefined => {
    const header = lookupBlockNumber(chain, argBlockNumber(p, 0));
    return header === undefined ? undefined : chain.getBlock(header.hash);
  };

  registry.register("trace_transaction", (p) => txTraces(p)?.traces ?? [], { arity: [1, 1] });

  registry.register(
    "trace_get",
    (p) => {
      const v = p[1];
      if (!Array.isArray(v)) throw invalidArgument(1, "expected an array of trace indices");
      const indices = v.map((x) => traceIndex(x, 1));
      // Parity's trace_get took a single index; more than one finds nothing (as reth).
      if (indices.length !== 1) return null;
      return txTraces(p)?.traces[indices[0]!] ?? null;
    },
    { arity: [2, 2] },
  );

  registry.register(
    "trace_block",
    (p) => {
      const block = blockAt(p);
      return block === undefined ? [] : blockParityTraces(chain, block).flatMap((t) => t.traces);
    },
    { arity: [1, 1] },
  );

  registry.register(
    "trace_replayTransaction",
    (p) => {
      argTraceTypes(p, 1);
      const tx = txTraces(p, false);
      if (tx === undefined) throw new RpcError(INVALID_PARAMS, "transaction not found");
      return replayResult(tx, p[1] as unknown[], false);
    },
    { arity: [2, 2] },
  );

  registry.register(
    "trace_replayBlockTransactions",
    (p) => {
      argTraceTypes(p, 1);
      const block = blockAt(p);
      if (block === undefined) return [];
      // anvil leaves calls to precompiles out of replays (as Parity did), unlike its trace_block.
      return blockParityTraces(chain, block, undefined, false).map((tx) => replayResult(tx, p[1] as unknown[], true));
    },
    { arity: [2, 2] },
  );

  registry.register(
    "trace_filter",
    (p) => {
      const f = argTraceFilter(p, 0);
      const head = lookupBlockNumber(chain, "latest");
      const headNumber = head?.header.number ?? 0n;
      const from = f.fromBlock ?? 0n;
      const requestedTo = f.toBlock ?? headNumber;
      if (requestedTo < from) throw invalidArgument(0, "invalid block range, ensure that to block is greater than from block");
      if (requestedTo - from > MAX_TRACE_FILTER_BLOCKS)
        throw invalidArgument(0, `block range too large, currently limited to ${MAX_TRACE_FILTER_BLOCKS}`);
      const to = requestedTo > headNumber ? headNumber : requestedTo;
      const out: FlatCallFrameJson[] = [];
      let skip = f.after;
      if (f.count === 0) return out;
      for (let n = from; n <= to; n++) {
        const header = chain.getHeaderByNumber(n);
        const block = header === undefined ? undefined : chain.getBlock(header.hash);
        if (block === undefined) continue;
        for (const tx of blockParityTraces(chain, block)) {
          for (const t of tx.traces) {
            if (!traceMatches(f, t)) continue;
            if (skip > 0) {
              skip--;
              continue;
            }
            out.push(t);
            if (f.count !== undefined && out.length >= f.count) return out;
          }
        }
      }
      return out;
    },
    { arity: [1, 1] },
  );
}
