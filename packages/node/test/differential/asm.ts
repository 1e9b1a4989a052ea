/**
 * test/differential/asm: a tiny EVM assembler for generated programs: named opcodes, PUSH of
 * the shortest width (PUSH0 for zero, EIP-3855), and forward/backward labels for jumps (always
 * PUSH2, patched when the code is built).
 */
import { bigintToBytes } from "../../src/primitives/index.js";

export const OP = {
  STOP: 0x00,
  ADD: 0x01,
  MUL: 0x02,
  SUB: 0x03,
  DIV: 0x04,
  SDIV: 0x05,
  MOD: 0x06,
  SMOD: 0x07,
  ADDMOD: 0x08,
  MULMOD: 0x09,
  EXP: 0x0a,
  SIGNEXTEND: 0x0b,
  LT: 0x10,
  GT: 0x11,
  SLT: 0x12,
  SGT: 0x13,
  EQ: 0x14,
  ISZERO: 0x15,
  AND: 0x16,
  OR: 0x17,
  XOR: 0x18,
  NOT: 0x19,
  BYTE: 0x1a,
  SHL: 0x1b,
  SHR: 0x1c,
  SAR: 0x1d,
  KECCAK256: 0x20,
  ADDRESS: 0x30,
  BALANCE: 0x31,
  ORIGIN: 0x32,
  CALLER: 0x33,
  CALLVALUE: 0x34,
  CALLDATALOAD: 0x35,
  CALLDATASIZE: 0x36,
  CALLDATACOPY: 0x37,
  CODESIZE: 0x38,
  CODECOPY: 0x39,
  GASPRICE: 0x3a,
  EXTCODESIZE: 0x3b,
  EXTCODECOPY: 0x3c,
  RETURNDATASIZE: 0x3d,
  RETURNDATACOPY: 0x3e,
  EXTCODEHASH: 0x3f,
  BLOCKHASH: 0x40,
  COINBASE: 0x41,
  TIMESTAMP: 0x42,
  NUMBER: 0x43,
  PREVRANDAO: 0x44,
  GASLIMIT: 0x45,
  CHAINID: 0x46,
  SELFBALANCE: 0x47,
  BASEFEE: 0x48,
  BLOBHASH: 0x49,
  BLOBBASEFEE: 0x4a,
  POP: 0x50,
  MLOAD: 0x51,
  MSTORE: 0x52,
  MSTORE8: 0x53,
  SLOAD: 0x54,
  SSTORE: 0x55,
  JUMP: 0x56,
  JUMPI: 0x57,
  PC: 0x58,
  MSIZE: 0x59,
  GAS: 0x5a,
  JUMPDEST: 0x5b,
  TLOAD: 0x5c,
  TSTORE: 0x5d,
  MCOPY: 0x5e,
  PUSH0: 0x5f,
  PUSH1: 0x60,
  PUSH2: 0x61,
  PUSH32: 0x7f,
  DUP1: 0x80,
  DUP2: 0x81,
  DUP3: 0x82,
  SWAP1: 0x90,
  LOG0: 0xa0,
  CREATE: 0xf0,
  CALL: 0xf1,
  CALLCODE: 0xf2,
  RETURN: 0xf3,
  DELEGATECALL: 0xf4,
  CREATE2: 0xf5,
  STATICCALL: 0xfa,
  REVERT: 0xfd,
  INVALID: 0xfe,
  SELFDESTRUCT: 0xff,
} as const;

export type OpName = keyof typeof OP;

export class Asm {
  private readonly code: number[] = [];
  private readonly labels = new Map<string, number>();
  private readonly fixups: { at: number; label: string }[] = [];

  get length(): number {
    return this.code.length;
  }

  op(...names: OpName[]): this {
    for (const n of names) this.code.push(OP[n]);
    return this;
  }

  /** A raw byte (for opcodes not named above, e.g. undefined ones). */
  raw(...bytes: number[]): this {
    for (const b of bytes) this.code.push(b & 0xff);
    return this;
  }

  /** PUSH of the shortest width; PUSH0 for zero. */
  push(value: bigint | number): this {
    const v = BigInt(value);
    if (v < 0n || v >= 1n << 256n) throw new Error(`push out of range: ${v}`);
    if (v === 0n) return this.op("PUSH0");
    const bytes = bigintToBytes(v);
    this.code.push(0x5f + bytes.length, ...bytes);
    return this;
  }

  /** PUSH of exactly `bytes.length` bytes (1..32). */
  pushBytes(bytes: Uint8Array): this {
    if (bytes.length < 1 || bytes.length > 32) throw new Error(`pushBytes of ${bytes.length} bytes`);
    this.code.push(0x5f + bytes.length, ...bytes);
    return this;
  }

  label(name: string): this {
    if (this.labels.has(name)) throw new Error(`label ${name} defined twice`);
    this.labels.set(name, this.code.length);
    return this.op("JUMPDEST");
  }

  /** PUSH2 of a label's offset (resolved in build()). */
  pushLabel(name: string): this {
    this.code.push(OP.PUSH2);
    this.fixups.push({ at: this.code.length, label: name });
    this.code.push(0, 0);
    return this;
  }

  /** Appends code built elsewhere (no labels of its own). */
  append(bytes: Uint8Array): this {
    for (const b of bytes) this.code.push(b);
    return this;
  }

  build(): Uint8Array {
    const out = Uint8Array.from(this.code);
    for (const { at, label } of this.fixups) {
      const target = this.labels.get(label);
      if (target === undefined) throw new Error(`undefined label ${label}`);
      out[at] = target >> 8;
      out[at + 1] = target & 0xff;
    }
    return out;
  }
}
