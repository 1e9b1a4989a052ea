/**
 * evm/env: what every instruction sees besides its frame: the host port, block and transaction
 * context, the fork's rules and precompiles. One plain object per executed message.
 */
import type { BlockContext, TxContext } from "./context.js";
import type { Frame } from "./frame.js";
import type { Host } from "./host.js";
import type { PrecompileSet } from "./precompiles/types.js";
import type { Tracer } from "./tracer.js";

/** Fork-wide rules that are not opcodes; set by the same enable functions as the jump table. */
export interface ForkRules {
  /** EIP-170. */
  maxCodeSize: number;
  /** EIP-3860; Infinity before Shanghai. */
  maxInitcodeSize: number;
  /** EIP-7702: calls follow delegation designators. */
  delegation: boolean;
}

export interface Env {
  readonly host: Host;
  readonly block: BlockContext;
  readonly tx: TxContext;
  readonly rules: ForkRules;
  readonly precompiles: PrecompileSet;
  /** A tracer with frame or log hooks (LOG and SELFDESTRUCT report to it); else undefined. */
  readonly tracer?: Tracer | undefined;
}

/** An instruction: runs one opcode on a frame and returns a status code (status.ts). */
export type Instruction = (f: Frame, env: Env) => number;
