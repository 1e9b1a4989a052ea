/**
 * evm/frame: one call or create frame as plain data. Frames do not run themselves: the frame
 * loop (evm.ts) runs the current frame's code through the interpreter and, when an instruction
 * asks for a child (CALL/CREATE families return SUSPEND_*), reads the `child*` request fields,
 * runs the child and resumes this frame. No JS recursion per call depth (DESIGN.md convention 3).
 */
import { type Address, EMPTY_BYTES } from "../primitives/index.js";
import type { CodeAnalysis } from "./analysis.js";
import type { Memory } from "./memory.js";
import type { Stack } from "./stack.js";

/** Frame kinds, also used for child requests. */
export const KIND_CALL = 0;
export const KIND_CALLCODE = 1;
export const KIND_DELEGATECALL = 2;
export const KIND_STATICCALL = 3;
export const KIND_CREATE = 4;
export const KIND_CREATE2 = 5;

export class Frame {
  // ---- execution state ------------------------------------------------------------------------
  pc = 0;
  /** Gas as a double (at most 2^52) plus an exact bigint reserve; see gas.ts. */
  gas = 0;
  reserve = 0n;
  code: Uint8Array;
  /** Bitmap of valid JUMPDEST positions (analysis.ts). */
  jumpdests: Uint8Array;
  /** Cached PUSH7..PUSH32 words by position (analysis.ts). */
  pushValues: Array<bigint | undefined>;
  readonly stack: Stack;
  readonly memory: Memory;
  /** EIP-211: output of the last child call or create. */
  returnData: Uint8Array = EMPTY_BYTES;
  /** This frame's RETURN/REVERT payload. */
  output: Uint8Array = EMPTY_BYTES;

  // ---- context --------------------------------------------------------------------------------
  kind: number;
  /** The account whose storage and balance the code acts on (ADDRESS). */
  address: Address;
  caller: Address;
  value: bigint;
  input: Uint8Array;
  isStatic: boolean;
  depth: number;
  /** Host journal checkpoint opened for this frame. */
  checkpoint = 0;

  // ---- child request, filled by an instruction that returns SUSPEND_CALL / SUSPEND_CREATE ------
  childKind = 0;
  /** CALL family: the address called (code address); unused for creations. */
  childTarget: Address | undefined = undefined;
  /** EIP-7702: the delegate whose code runs, when the target holds a delegation designator. */
  childDelegate: Address | undefined = undefined;
  childValue = 0n;
  childInput: Uint8Array = EMPTY_BYTES;
  childGas = 0n;
  childOutOffset = 0;
  childOutSize = 0;
  childSalt = 0n;

  constructor(
    kind: number,
    address: Address,
    caller: Address,
    value: bigint,
    input: Uint8Array,
    code: Uint8Array,
    analysis: CodeAnalysis,
    isStatic: boolean,
    depth: number,
    stack: Stack,
    memory: Memory,
  ) {
    this.kind = kind;
    this.address = address;
    this.caller = caller;
    this.value = value;
    this.input = input;
    this.code = code;
    this.jumpdests = analysis.jumpdests;
    this.pushValues = analysis.pushValues;
    this.isStatic = isStatic;
    this.depth = depth;
    this.stack = stack;
    this.memory = memory;
  }
}
