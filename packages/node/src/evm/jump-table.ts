/**
 * evm/jump-table: the shape of a fork's instruction set and its compiled, validated form.
 *
 * A `JumpTable` is built by composing `enableEipNNNN(table)` functions (forks.ts) over a base,
 * then compiled once into parallel arrays the interpreter indexes by opcode: function, constant
 * gas, and the stack bounds that make the opcode safe to run. The interpreter never asks which
 * EIPs are active (DESIGN.md convention 2).
 */
import type { ForkRules, Instruction } from "./env.js";
import { EvmError } from "./errors.js";
import { opInvalid } from "./instructions/flow.js";
import { STACK_LIMIT } from "./stack.js";

export interface OpDef {
  readonly name: string;
  readonly fn: Instruction;
  /** Gas charged by the loop before the instruction runs; dynamic parts are charged inside. */
  readonly gas: number;
  /** Stack items the opcode needs (DUPn: n, SWAPn: n + 1). */
  readonly inputs: number;
  /** Stack items it leaves in their place. */
  readonly outputs: number;
}

/** A mutable table while a fork is being composed. */
export interface JumpTable {
  readonly ops: Array<OpDef | undefined>;
  readonly rules: ForkRules;
}

/** The frozen, validated form the interpreter runs. */
export interface CompiledJumpTable {
  readonly name: string;
  readonly fns: readonly Instruction[];
  readonly gas: Int32Array;
  /** The stack must hold at least minStack[op] items ... */
  readonly minStack: Uint16Array;
  /** ... and at most maxStack[op] items, so the result stays within 1024. */
  readonly maxStack: Uint16Array;
  /** maxStack - minStack, for the interpreter's single bounds check. */
  readonly stackRange: Uint16Array;
  readonly names: readonly string[];
  readonly defined: readonly boolean[];
  readonly rules: Readonly<ForkRules>;
}

export function emptyJumpTable(rules: ForkRules): JumpTable {
  return { ops: new Array<OpDef | undefined>(256).fill(undefined), rules };
}

export function setOp(table: JumpTable, opcode: number, name: string, fn: Instruction, gas: number, inputs: number, outputs: number): void {
  table.ops[opcode] = { name, fn, gas, inputs, outputs };
}

/** Opcodes every table must define (base instruction set markers). */
const REQUIRED: ReadonlyArray<readonly [number, string]> = [
  [0x00, "STOP"],
  [0x56, "JUMP"],
  [0x5b, "JUMPDEST"],
  [0x60, "PUSH1"],
  [0x7f, "PUSH32"],
  [0xf3, "RETURN"],
  [0xfd, "REVERT"],
  [0xfe, "INVALID"],
];

export function validateJumpTable(name: string, table: JumpTable): void {
  const fail = (msg: string): never => {
    throw new EvmError(`jump table ${name}: ${msg}`);
  };
  if (table.ops.length !== 256) fail(`has ${table.ops.length} entries, expected 256`);
  const seen = new Set<string>();
  table.ops.forEach((def, op) => {
    if (def === undefined) return;
    const where = `opcode 0x${op.toString(16).padStart(2, "0")} (${def.name})`;
    if (def.name.length === 0) fail(`${where} has no name`);
    if (seen.has(def.name)) fail(`${where}: duplicate name`);
    seen.add(def.name);
    if (typeof def.fn !== "function") fail(`${where} has no function`);
    if (!Number.isInteger(def.gas) || def.gas < 0 || def.gas > 0x7fffffff) fail(`${where}: bad constant gas ${def.gas}`);
    if (!Number.isInteger(def.inputs) || def.inputs < 0 || def.inputs > 17) fail(`${where}: bad input count`);
    if (!Number.isInteger(def.outputs) || def.outputs < 0 || def.outputs > 17) fail(`${where}: bad output count`);
  });
  for (const [op, opName] of REQUIRED) {
    if (table.ops[op]?.name !== opName) fail(`opcode 0x${op.toString(16)} must be ${opName}`);
  }
  const r = table.rules;
  if (!(r.maxCodeSize > 0)) fail("maxCodeSize must be positive");
  if (!(r.maxInitcodeSize >= r.maxCodeSize)) fail("maxInitcodeSize must be at least maxCodeSize");
}

export function compileJumpTable(name: string, table: JumpTable): CompiledJumpTable {
  validateJumpTable(name, table);
  const fns: Instruction[] = [];
  const gas = new Int32Array(256);
  const minStack = new Uint16Array(256);
  const maxStack = new Uint16Array(256);
  const names: string[] = [];
  const defined: boolean[] = [];
  for (let op = 0; op < 256; op++) {
    const def = table.ops[op];
    if (def === undefined) {
      // Undefined opcodes halt exceptionally whatever the stack holds.
      fns.push(opInvalid);
      maxStack[op] = STACK_LIMIT;
      names.push(`0x${op.toString(16).padStart(2, "0")}`);
      defined.push(false);
      continue;
    }
    fns.push(def.fn);
    gas[op] = def.gas;
    minStack[op] = def.inputs;
    maxStack[op] = STACK_LIMIT - Math.max(0, def.outputs - def.inputs);
    names.push(def.name);
    defined.push(true);
  }
  const stackRange = new Uint16Array(256);
  for (let op = 0; op < 256; op++) stackRange[op] = maxStack[op]! - minStack[op]!;
  return Object.freeze({ name, fns, gas, minStack, maxStack, stackRange, names, defined, rules: Object.freeze({ ...table.rules }) });
}
