/**
 * rpc/ots/tracers: the two tracers behind Otterscan's transaction pages, as Erigon's otterscan
 * API writes them (turbo/jsonrpc/otterscan_*.go), over the EVM's enter/exit frame hooks.
 *
 * OperationsTracer (ots_getInternalOperations): value movements inside a transaction, not the
 * transaction's own message: a CALL carrying value (type 0), a SELFDESTRUCT (1), a CREATE (2)
 * and a CREATE2 (3), each {type, from, to, value}. Erigon records them as frames open, failed
 * or not.
 *
 * TransactionTracer (ots_traceTransaction): every frame in the order it opens, flat, with its
 * depth: {type, depth, from, to, value, input, output}. CALL, CALLCODE, CREATE, CREATE2 and
 * SELFDESTRUCT carry their value, STATICCALL and DELEGATECALL none (null); output is set when
 * the frame returns (the deployed code for a creation, revert data for a revert).
 */
import type { FrameEnter, FrameExit, Tracer } from "../../evm/index.js";
import { bytesToHex } from "../../primitives/index.js";

const q = (v: bigint): string => `0x${v.toString(16)}`;

/** Otterscan's operation types (Erigon's OperationType). */
export const OP_TRANSFER = 0;
export const OP_SELF_DESTRUCT = 1;
export const OP_CREATE = 2;
export const OP_CREATE2 = 3;

export interface InternalOperationJson {
  type: number;
  from: string;
  to: string;
  value: string;
}

export class OperationsTracer implements Tracer {
  readonly operations: InternalOperationJson[] = [];

  enter(e: FrameEnter): void {
    if (e.depth === 0) return;
    const value = e.value ?? 0n;
    const op = (type: number): void => {
      this.operations.push({ type, from: bytesToHex(e.from), to: bytesToHex(e.to), value: q(value) });
    };
    if (e.type === "CALL" && value > 0n) op(OP_TRANSFER);
    else if (e.type === "CREATE") op(OP_CREATE);
    else if (e.type === "CREATE2") op(OP_CREATE2);
    else if (e.type === "SELFDESTRUCT") op(OP_SELF_DESTRUCT);
  }
}

export interface TraceEntryJson {
  type: string;
  depth: number;
  from: string;
  to: string;
  value: string | null;
  input: string;
  output: string | null;
}

export class TransactionTracer implements Tracer {
  readonly entries: TraceEntryJson[] = [];
  /** The entry of each open frame, innermost last. */
  private readonly open: TraceEntryJson[] = [];

  enter(e: FrameEnter): void {
    const carriesValue = e.type !== "STATICCALL" && e.type !== "DELEGATECALL";
    const entry: TraceEntryJson = {
      type: e.type,
      depth: e.depth,
      from: bytesToHex(e.from),
      to: bytesToHex(e.to),
      value: carriesValue ? q(e.value ?? 0n) : null,
      input: bytesToHex(e.input),
      output: null,
    };
    this.entries.push(entry);
    this.open.push(entry);
  }

  exit(x: FrameExit): void {
    const entry = this.open.pop();
    if (entry !== undefined) entry.output = bytesToHex(x.output);
  }
}
