/**
 * evm/tracer: the optional tracer hooks. `step` is the per-instruction hook (EIP-3155): a step is
 * reported after the instruction ran, with the state from before it (pc, gas, stack, memory
 * size, refund) and the gas it cost; a CALL or CREATE step is reported before the child's first
 * step, and its cost includes the gas handed to the child, as other clients print it.
 *
 * `enter`/`exit` report call frames (go-ethereum's OnEnter/OnExit): every CALL, CALLCODE,
 * DELEGATECALL, STATICCALL, CREATE and CREATE2 (also those that fail before running code, and
 * calls to precompiles or accounts without code), SELFDESTRUCT as a frame of its own, and the
 * transaction's message at depth 0. `log` reports each LOG as it is emitted (reverted ones too;
 * a tracer drops those itself, as geth's call tracer does). Every hook is optional: the EVM
 * runs its untraced loop unless `step` is present, and pays one check per frame otherwise.
 */
import { type Address, bytesToHex } from "../primitives/index.js";

export interface TraceStep {
  readonly pc: number;
  readonly op: number;
  readonly opName: string;
  /** Gas before the instruction. */
  readonly gas: bigint;
  readonly gasCost: bigint;
  /** Memory size in bytes before the instruction. */
  readonly memSize: number;
  /** Stack before the instruction, bottom first. */
  readonly stack: readonly bigint[];
  /** 1 for the transaction's frame, as EIP-3155 counts. */
  readonly depth: number;
  readonly returnData: Uint8Array;
  readonly refund: number;
  /** Set when the instruction halted the frame exceptionally. */
  readonly error: string | undefined;
  /** The account the code acts on (ADDRESS). */
  readonly address: Address;
  /** A copy of memory before the instruction, when the tracer sets `wantsMemory`. */
  readonly memory: Uint8Array | undefined;
}

/** Frame types as go-ethereum's tracers name them (the opcode that opened the frame). */
export type FrameType = "CALL" | "CALLCODE" | "DELEGATECALL" | "STATICCALL" | "CREATE" | "CREATE2" | "SELFDESTRUCT";

export interface FrameEnter {
  readonly type: FrameType;
  /** The caller as geth reports it: for DELEGATECALL and CALLCODE, the contract that called. */
  readonly from: Address;
  /** The callee (the code address for DELEGATECALL and CALLCODE), or the new contract. */
  readonly to: Address;
  /** EIP-7702: the account whose code runs, when `to` holds a delegation designator. */
  readonly delegate: Address | undefined;
  /** Call data, or initcode for a creation. */
  readonly input: Uint8Array;
  readonly gas: bigint;
  /** undefined for STATICCALL, which carries no value in geth's hooks; DELEGATECALL carries the parent's. */
  readonly value: bigint | undefined;
  /** 0 for the transaction's message. */
  readonly depth: number;
}

export interface FrameExit {
  readonly depth: number;
  /** Return data, revert data, or the deployed code of a creation; empty after a halt. */
  readonly output: Uint8Array;
  readonly gasUsed: bigint;
  /** geth's wording: "execution reverted", "out of gas", ...; undefined on success. */
  readonly error: string | undefined;
  readonly reverted: boolean;
}

export interface Tracer {
  step?(step: TraceStep): void;
  enter?(frame: FrameEnter): void;
  exit?(frame: FrameExit): void;
  log?(address: Address, topics: readonly Uint8Array[], data: Uint8Array): void;
  /** Ask for `TraceStep.memory` (a copy per step: only struct loggers with memory want it). */
  readonly wantsMemory?: boolean;
}

/** One EIP-3155 JSON line for a step. */
export function eip3155Line(s: TraceStep): string {
  const obj: Record<string, unknown> = {
    pc: s.pc,
    op: s.op,
    gas: `0x${s.gas.toString(16)}`,
    gasCost: `0x${s.gasCost.toString(16)}`,
    memSize: s.memSize,
    stack: s.stack.map((v) => `0x${v.toString(16)}`),
    depth: s.depth,
    returnData: bytesToHex(s.returnData),
    refund: s.refund,
    opName: s.opName,
  };
  if (s.error !== undefined) obj.error = s.error;
  return JSON.stringify(obj);
}

/** A tracer that keeps every step in memory (tests, debugging). */
export class CollectingTracer implements Tracer {
  readonly steps: TraceStep[] = [];
  step(step: TraceStep): void {
    this.steps.push(step);
  }
}
