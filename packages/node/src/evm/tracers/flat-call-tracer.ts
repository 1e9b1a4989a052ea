/**
 * evm/tracers/flat-call-tracer: go-ethereum's native "flatCallTracer" (eth/tracers/native/
 * call_flat.go): the callTracer's frame tree flattened in Parity's format, one entry per frame in
 * pre-order, each with its traceAddress (the path of subcall indices from the top frame), its
 * number of direct subcalls and the block/transaction context.
 *
 * geth's rules kept here: CREATE and CREATE2 frames are "create" entries (action.init,
 * result.address/code), SELFDESTRUCT a "suicide" entry (action.address/refundAddress/balance, no
 * result), the others "call" entries with their opcode as callType; a STATICCALL below the top
 * carries value 0; a failed frame keeps its result only when it reverted; CALL and STATICCALL
 * frames to precompiles are left out unless `includePrecompiles`; with `convertParityErrors` the
 * error strings become Parity's ("Reverted", "Out of gas", ...).
 *
 * The `parity` style is the trace_ namespace as anvil (revm-inspectors) and Parity print it:
 * the top frame's gas is what is left after intrinsic gas and its gasUsed what execution used
 * (not the receipt's), a frame without a result says `result: null`, and a reverted creation
 * still names the address it would have had.
 */
import { type Address, addressFromHex, bytesToHex } from "../../primitives/index.js";
import type { FrameEnter, FrameExit, Tracer } from "../tracer.js";
import { type CallFrameJson, CallTracer } from "./call-tracer.js";

export interface FlatCallTracerConfig {
  readonly convertParityErrors?: boolean;
  readonly includePrecompiles?: boolean;
  /** The trace_ namespace's variant (see the header); not a geth option. */
  readonly parity?: boolean;
}

/** Where the traced transaction sits (geth's tracers.Context); all absent for a call. */
export interface FlatTraceContext {
  readonly blockHash: Uint8Array | undefined;
  readonly blockNumber: bigint | undefined;
  readonly txHash: Uint8Array | undefined;
  readonly txIndex: number;
}

export interface FlatCallAction {
  address?: string;
  balance?: string;
  callType?: string;
  creationMethod?: string;
  from?: string;
  gas?: string;
  init?: string;
  input?: string;
  refundAddress?: string;
  to?: string;
  value?: string;
}

export interface FlatCallResult {
  address?: string;
  code?: string;
  gasUsed: string;
  output?: string;
}

export interface FlatCallFrameJson {
  action: FlatCallAction;
  blockHash: string | null;
  blockNumber: number;
  error?: string;
  result?: FlatCallResult | null;
  subtraces: number;
  traceAddress: number[];
  transactionHash: string | null;
  transactionPosition: number;
  type: "call" | "create" | "suicide";
}

/** geth's parityErrorMapping, and this EVM's precompile failure. */
const PARITY_ERRORS: Readonly<Record<string, string>> = {
  "contract creation code storage out of gas": "Out of gas",
  "out of gas": "Out of gas",
  "gas uint64 overflow": "Out of gas",
  "max code size exceeded": "Out of gas",
  "invalid jump destination": "Bad jump destination",
  "execution reverted": "Reverted",
  "return data out of bounds": "Out of bounds",
  "stack limit reached 1024 (1023)": "Out of stack",
  "precompiled failed": "Built-in failed",
  "invalid input length": "Built-in failed",
  // this EVM's one wording for a failed precompile (geth prints each precompile's own error)
  "precompile failed": "Built-in failed",
};

/** geth's parityErrorMappingStartingWith. */
const PARITY_ERROR_PREFIXES: readonly (readonly [string, string])[] = [
  ["invalid opcode:", "Bad instruction"],
  ["stack underflow", "Stack underflow"],
];

/** geth's convertErrorToParity for one error string. */
export function parityError(error: string): string {
  const mapped = PARITY_ERRORS[error];
  if (mapped !== undefined) return mapped;
  for (const [prefix, parity] of PARITY_ERROR_PREFIXES) if (error.startsWith(prefix)) return parity;
  return error;
}

/** What the flattening needs of each frame beyond the callTracer's JSON, in frame-entry order. */
interface Entered {
  readonly to: Address;
  readonly gas: bigint;
}

const q = (v: bigint): string => `0x${v.toString(16)}`;
const EMPTY = "0x";

export class FlatCallTracer implements Tracer {
  private readonly calls = new CallTracer();
  private readonly entered: Entered[] = [];
  /** The gas the top frame's execution used (Parity's top gasUsed), from its exit. */
  private topGasUsed = 0n;

  constructor(
    private readonly config: FlatCallTracerConfig,
    private readonly isPrecompile: (a: Address) => boolean,
  ) {}

  enter(e: FrameEnter): void {
    this.calls.enter(e);
    this.entered.push({ to: e.to, gas: e.gas });
  }

  exit(e: FrameExit): void {
    if (e.depth === 0) this.topGasUsed = e.gasUsed;
    this.calls.exit(e);
  }

  /** The flat list; `gasLimit`/`gasUsed` are the transaction's (the callTracer's top frame). */
  result(gasLimit: bigint, gasUsed: bigint, ctx: FlatTraceContext | undefined): FlatCallFrameJson[] {
    const root = this.calls.result(gasLimit, gasUsed);
    const out: FlatCallFrameJson[] = [];
    const walk = { next: 0 };
    this.flatten(root, [], ctx, walk, out);
    return out;
  }

  private flatten(
    frame: CallFrameJson,
    traceAddress: number[],
    ctx: FlatTraceContext | undefined,
    walk: { next: number },
    out: FlatCallFrameJson[],
  ): void {
    const entered = this.entered[walk.next++]!;
    const parity = this.config.parity === true;
    const top = traceAddress.length === 0;
    const failed = frame.error !== undefined && frame.error !== "execution reverted";
    const gas = parity && top ? q(entered.gas) : frame.gas;
    const gasUsed = parity && top ? q(this.topGasUsed) : frame.gasUsed;
    let type: FlatCallFrameJson["type"];
    let action: FlatCallAction;
    let result: FlatCallResult | undefined;
    switch (frame.type) {
      case "CREATE":
      case "CREATE2": {
        type = "create";
        action = {
          creationMethod: frame.type.toLowerCase(),
          from: frame.from,
          gas,
          init: frame.input,
          value: frame.value ?? "0x0",
        };
        // geth drops a failed creation's address (callTracer); Parity's style keeps it on a revert.
        const address = frame.to ?? (parity ? bytesToHex(entered.to) : undefined);
        result = { ...(address === undefined ? {} : { address }), code: frame.output ?? EMPTY, gasUsed };
        break;
      }
      case "SELFDESTRUCT":
        type = "suicide";
        action = { address: frame.from, balance: frame.value ?? "0x0", refundAddress: frame.to! };
        break;
      default:
        type = "call";
        action = {
          callType: frame.type.toLowerCase(),
          from: frame.from,
          gas,
          input: frame.input,
          to: frame.to!,
          // geth: subcalls always carry a value; only STATICCALL comes without one.
          value: frame.value ?? "0x0",
        };
        result = { gasUsed, output: frame.output ?? EMPTY };
    }
    // Revert output carries the reason; any other failure discards the result (geth).
    if (failed) result = undefined;
    // geth removes CALL and STATICCALL frames to precompiles as they exit (never the top frame).
    const calls = frame.calls ?? [];
    const kept = calls.map(
      (c) =>
        this.config.includePrecompiles === true ||
        (c.type !== "CALL" && c.type !== "STATICCALL") ||
        !this.isPrecompile(addressFromHex(c.to!)),
    );
    const error = frame.error === undefined ? undefined : this.config.convertParityErrors === true ? parityError(frame.error) : frame.error;
    // Keys in geth's order (flatCallFrame); error and result only when set, or result null (Parity).
    out.push({
      action,
      blockHash: ctx?.blockHash === undefined ? null : bytesToHex(ctx.blockHash),
      blockNumber: ctx?.blockNumber === undefined ? 0 : Number(ctx.blockNumber),
      ...(error === undefined ? {} : { error }),
      ...(result !== undefined ? { result } : parity ? { result: null } : {}),
      subtraces: kept.filter(Boolean).length,
      traceAddress,
      transactionHash: ctx?.txHash === undefined ? null : bytesToHex(ctx.txHash),
      transactionPosition: ctx?.txIndex ?? 0,
      type,
    });
    let index = 0;
    for (const [i, c] of calls.entries()) {
      if (kept[i]) this.flatten(c, [...traceAddress, index++], ctx, walk, out);
      else walk.next += countFrames(c);
    }
  }
}

/** The frames of a subtree (each was one enter). */
function countFrames(frame: CallFrameJson): number {
  let n = 1;
  for (const c of frame.calls ?? []) n += countFrames(c);
  return n;
}
