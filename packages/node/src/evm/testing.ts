/**
 * evm/testing: helpers for the EVM's unit tests: a small assembler, default contexts, and a
 * one-call runner over MemoryHost. Not exported from the module surface.
 */

import type { Fork } from "../params/index.js";
import { type Address, bytesToBigint, hexToBytes } from "../primitives/index.js";
import type { BlockContext, ExecutionResult, TxContext } from "./context.js";
import { Evm } from "./evm.js";
import { jumpTableFor } from "./forks.js";
import { MemoryHost } from "./memory-host.js";
import type { PrecompileSet } from "./precompiles/types.js";
import type { Tracer } from "./tracer.js";

const OPCODES = new Map<string, number>();
{
  const t = jumpTableFor("Osaka");
  for (let op = 0; op < 256; op++) if (t.defined[op]) OPCODES.set(t.names[op]!, op);
}

/**
 * Assembles whitespace-separated mnemonics and hex immediates: "PUSH1 0x01 PUSH1 0x02 ADD".
 * A PUSHn immediate is left-padded to n bytes; a bare "0x..." token is emitted as raw bytes.
 */
export function asm(source: string): Uint8Array {
  const out: number[] = [];
  const tokens = source
    .trim()
    .split(/\s+/)
    .filter((t) => t.length > 0);
  for (let i = 0; i < tokens.length; i++) {
    const tok = tokens[i]!;
    if (tok.startsWith("0x")) {
      out.push(...hexToBytes(tok.length % 2 === 1 ? `0x0${tok.slice(2)}` : tok));
      continue;
    }
    const op = OPCODES.get(tok.toUpperCase());
    if (op === undefined) throw new Error(`unknown mnemonic ${tok}`);
    out.push(op);
    if (op >= 0x60 && op <= 0x7f) {
      const n = op - 0x5f;
      const imm = tokens[++i];
      if (imm === undefined) throw new Error(`${tok} needs an immediate`);
      let hex = BigInt(imm).toString(16);
      if (hex.length > 2 * n) throw new Error(`${imm} does not fit ${tok}`);
      hex = hex.padStart(2 * n, "0");
      out.push(...hexToBytes(hex));
    }
  }
  return Uint8Array.from(out);
}

export function addr(n: number | bigint): Address {
  return hexToBytes(BigInt(n).toString(16).padStart(40, "0")) as Address;
}

export const CALLER = addr(0xca11e5);
export const CONTRACT = addr(0xc0de);
export const COINBASE = addr(0xc0ffee);

export const BLOCK: BlockContext = {
  coinbase: COINBASE,
  number: 1000n,
  timestamp: 1_700_000_000n,
  gasLimit: 30_000_000n,
  prevRandao: hexToBytes(`0x${"ab".repeat(32)}`),
  baseFee: 7n,
  blobBaseFee: 1n,
  chainId: 1n,
};

export const TX: TxContext = { origin: CALLER, gasPrice: 10n, blobHashes: [] };

export interface RunOptions {
  fork?: Fork;
  gas?: bigint;
  value?: bigint;
  data?: Uint8Array;
  host?: MemoryHost;
  precompiles?: PrecompileSet;
  tracer?: Tracer;
  isStatic?: boolean;
  /** Mark the caller and contract warm as a transaction would (default true). */
  warm?: boolean;
  storage?: Record<string, bigint>;
  tx?: TxContext;
  /** Runs after the transaction has begun, before execution (extra accounts, warm slots). */
  beforeRun?: (host: MemoryHost) => void;
}

export interface RunOutcome {
  result: ExecutionResult;
  host: MemoryHost;
}

/** Deploys `code` at CONTRACT and calls it from CALLER in one fresh transaction. */
export function runCode(code: Uint8Array, o: RunOptions = {}): RunOutcome {
  const host = o.host ?? new MemoryHost();
  if (o.host === undefined) {
    host.setAccount(CALLER, { balance: 10n ** 24n });
    host.setAccount(CONTRACT, { code, balance: 0n, nonce: 1n, storage: o.storage ?? {} });
  }
  host.beginTransaction();
  if (o.warm !== false) {
    host.accessAddress(CALLER);
    host.accessAddress(CONTRACT);
  }
  o.beforeRun?.(host);
  const evm = new Evm({ fork: o.fork ?? "Cancun", precompiles: o.precompiles ?? new Map(), tracer: o.tracer });
  const result = evm.executeMessage(host, BLOCK, o.tx ?? TX, {
    caller: CALLER,
    to: CONTRACT,
    value: o.value ?? 0n,
    data: o.data ?? new Uint8Array(0),
    gas: o.gas ?? 1_000_000n,
    isStatic: o.isStatic,
  });
  return { result, host };
}

/** A PUSH32 of any word, as assembler source. */
export function push(v: bigint): string {
  return `PUSH32 0x${v.toString(16).padStart(64, "0")}`;
}

/** Runs `src` followed by RETURN_TOP and returns the returned word (asserting success). */
export function evalWord(src: string, o: RunOptions = {}): bigint {
  const { result } = runCode(asm(`${src} ${RETURN_TOP}`), o);
  if (result.status !== "success") throw new Error(`execution ${result.status}: ${result.error}`);
  return bytesToBigint(result.output);
}

/** `a OP b` with a on top of the stack (the EVM's operand order). */
export function binop(op: string, a: bigint, b: bigint): bigint {
  return evalWord(`${push(b)} ${push(a)} ${op}`);
}

/** OP with three operands, `a` on top. */
export function ternop(op: string, a: bigint, b: bigint, c: bigint): bigint {
  return evalWord(`${push(c)} ${push(b)} ${push(a)} ${op}`);
}

/** Assembler source that returns the top of the stack as 32 bytes. */
export const RETURN_TOP = "PUSH1 0x00 MSTORE PUSH1 0x20 PUSH1 0x00 RETURN";
