/**
 * evm/tracers/struct-logger: go-ethereum's default tracer (eth/tracers/logger StructLogger), one
 * entry per executed instruction in geth's "legacy" JSON: pc, op, gas and gasCost as numbers,
 * depth (1 for the transaction's frame), the stack as compact hex words, memory as 32-byte chunks
 * of bare hex, return data, refund (omitted when 0), error (omitted when none), and for SLOAD and
 * SSTORE the slots of the current contract seen so far in this transaction (bare 64-digit hex).
 *
 * Storage follows geth: SLOAD records the slot's current value, SSTORE the value written, and
 * the entry carries a copy of everything recorded for that contract. `limit` bounds the
 * response as geth does since 1.15: once the JSON of the entries so far passes `limit` bytes,
 * no more entries are added.
 */
import { type Address, bytesToHex, bytesToUnprefixedHex } from "../../primitives/index.js";
import type { FrameExit, Tracer, TraceStep } from "../tracer.js";

export interface StructLoggerConfig {
  readonly disableStack?: boolean;
  readonly disableStorage?: boolean;
  readonly enableMemory?: boolean;
  readonly enableReturnData?: boolean;
  readonly limit?: number;
}

export interface StructLogEntry {
  pc: number;
  op: string;
  gas: number;
  gasCost: number;
  depth: number;
  error?: string;
  stack?: string[];
  returnData?: string;
  memory?: string[];
  storage?: Record<string, string>;
  refund?: number;
}

export interface StructLoggerResult {
  gas: number;
  failed: boolean;
  returnValue: string;
  structLogs: StructLogEntry[];
}

const SLOAD = 0x54;
const SSTORE = 0x55;

function word(v: bigint): string {
  return v.toString(16).padStart(64, "0");
}

/** Reads a slot's current value (the live state of the traced transaction). */
export type StorageReader = (address: Address, slot: bigint) => bigint;

export class StructLogger implements Tracer {
  readonly wantsMemory: boolean;
  private readonly entries: StructLogEntry[] = [];
  private readonly storage = new Map<string, Map<bigint, bigint>>();
  private resultSize = 0;
  private output: Uint8Array = new Uint8Array(0);
  private error: string | undefined;

  constructor(
    private readonly config: StructLoggerConfig,
    private readonly readStorage: StorageReader,
  ) {
    this.wantsMemory = config.enableMemory === true;
  }

  step(s: TraceStep): void {
    const limit = this.config.limit ?? 0;
    if (limit > 0 && this.resultSize > limit) return;
    const e: StructLogEntry = { pc: s.pc, op: s.opName, gas: Number(s.gas), gasCost: Number(s.gasCost), depth: s.depth };
    // geth logs an error on the entry only for failures found before the instruction runs:
    // stack bounds and gas; the others (invalid opcode, bad jump, ...) end the frame silently.
    if (s.error !== undefined && (s.error === "out of gas" || s.error.startsWith("stack"))) e.error = s.error;
    if (this.config.disableStack !== true) e.stack = s.stack.map((v) => `0x${v.toString(16)}`);
    if (this.config.enableReturnData === true && s.returnData.length > 0) e.returnData = bytesToHex(s.returnData);
    if (s.memory !== undefined && s.memory.length > 0) {
      const chunks: string[] = [];
      for (let i = 0; i + 32 <= s.memory.length; i += 32) chunks.push(bytesToUnprefixedHex(s.memory.subarray(i, i + 32)));
      e.memory = chunks;
    }
    if (this.config.disableStorage !== true && (s.op === SLOAD || s.op === SSTORE)) {
      const key = bytesToHex(s.address);
      let slots = this.storage.get(key);
      if (slots === undefined) {
        slots = new Map();
        this.storage.set(key, slots);
      }
      const n = s.stack.length;
      let changed = false;
      if (s.op === SLOAD && n >= 1) {
        const slot = s.stack[n - 1]!;
        slots.set(slot, this.readStorage(s.address, slot));
        changed = true;
      } else if (s.op === SSTORE && n >= 2) {
        slots.set(s.stack[n - 1]!, s.stack[n - 2]!);
        changed = true;
      }
      if (changed) {
        const out: Record<string, string> = {};
        for (const [k, v] of slots) out[word(k)] = word(v);
        e.storage = out;
      }
    }
    if (s.refund !== 0) e.refund = s.refund;
    if (limit > 0) this.resultSize += JSON.stringify(e).length;
    this.entries.push(e);
  }

  exit(f: FrameExit): void {
    if (f.depth !== 0) return;
    this.output = f.output;
    this.error = f.error;
  }

  /** geth's ExecutionResult: gas is the transaction's gas used (after refunds). */
  result(gasUsed: bigint): StructLoggerResult {
    const failed = this.error !== undefined;
    // Return data on success, the revert data on a revert, nothing after a halt.
    const returnValue = failed && this.error !== "execution reverted" ? "0x" : bytesToHex(this.output);
    return { gas: Number(gasUsed), failed, returnValue, structLogs: this.entries };
  }
}
