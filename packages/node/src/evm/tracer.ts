/**
 * evm/tracer: the optional per-instruction tracer hook (EIP-3155). A step is reported after the
 * instruction ran, with the state from before it (pc, gas, stack, memory size, refund) and the
 * gas it cost; a CALL or CREATE step is reported before the child's first step, and its cost
 * includes the gas handed to the child, as other clients print it.
 */
import { bytesToHex } from "../primitives/index.js";

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
}

export interface Tracer {
  step(step: TraceStep): void;
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
