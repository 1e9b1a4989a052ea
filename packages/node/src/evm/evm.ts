/**
 * evm/evm: the EVM entry point and the frame loop.
 *
 * `Evm.executeMessage` runs one transaction-level message (call or creation) to completion. The
 * frames of nested calls are data on an explicit stack: the interpreter runs the current frame
 * until it finishes or suspends for a child; the loop then starts the child (or completes it at
 * once: precompiles, accounts without code, calls that fail before starting), and when a frame
 * finishes it settles the journal, applies creation rules (EIP-170, EIP-3541, code deposit) and
 * resumes the parent. Call depth never becomes JS recursion.
 */
import { keccak256 } from "../crypto/index.js";
import type { Fork } from "../params/index.js";
import { type Address, EMPTY_BYTES } from "../primitives/index.js";
import { create2Address, createAddress } from "./address.js";
import { AnalysisCache, analyzeCode, type CodeAnalysis } from "./analysis.js";
import type { BlockContext, ExecutionResult, Message, TxContext } from "./context.js";
import { delegationTarget } from "./delegation.js";
import type { Env } from "./env.js";
import { EvmError } from "./errors.js";
import { jumpTableFor } from "./forks.js";
import { Frame, KIND_CALL, KIND_CALLCODE, KIND_CREATE, KIND_CREATE2, KIND_DELEGATECALL, KIND_STATICCALL } from "./frame.js";
import { addGas, CALL_DEPTH_LIMIT, CODE_DEPOSIT_PER_BYTE, setGas, totalGas, useGas } from "./gas.js";
import type { Host } from "./host.js";
import { runFrame, runFrameTraced } from "./interpreter.js";
import type { CompiledJumpTable } from "./jump-table.js";
import { Memory } from "./memory.js";
import type { Precompile, PrecompileSet } from "./precompiles/types.js";
import { Stack } from "./stack.js";
import {
  CALL_DEPTH_EXCEEDED,
  CODE_SIZE_EXCEEDED,
  CODE_STORE_OUT_OF_GAS,
  CREATE_COLLISION,
  INSUFFICIENT_BALANCE,
  INVALID_CODE_PREFIX,
  INVALID_OPCODE,
  isSuccess,
  NONCE_OVERFLOW,
  OUT_OF_GAS,
  PRECOMPILE_FAILURE,
  RETURN,
  REVERT,
  STACK_UNDERFLOW,
  STATIC_VIOLATION,
  STOP,
  SUSPEND_CALL,
  SUSPEND_CREATE,
  statusName,
} from "./status.js";
import type { FrameType, Tracer } from "./tracer.js";
import { addressToWord } from "./word.js";

export interface EvmConfig {
  readonly fork: Fork;
  /**
   * Precompiles keyed by address number: normally `precompilesFor(fork)` from evm/precompiles
   * (re-exported by the module index). Passed in rather than imported here so that the
   * interpreter does not load the precompiles' setup data when it is not needed (unit tests).
   */
  readonly precompiles: PrecompileSet;
  /** Tracer hooks (tracer.ts); without a `step` hook the untraced loop runs. */
  readonly tracer?: Tracer;
}

const MAX_NONCE = (1n << 64n) - 1n;

/** The outcome of a finished frame (or of a child completed without a frame). */
class Outcome {
  status = STOP;
  gasLeft = 0n;
  output: Uint8Array = EMPTY_BYTES;
  address: Address | undefined = undefined;

  set(status: number, gasLeft: bigint, output: Uint8Array, address: Address | undefined): void {
    this.status = status;
    this.gasLeft = gasLeft;
    this.output = output;
    this.address = address;
  }
}

/** The precompile at an address (whose first 18 bytes must be zero), if any. */
function precompileAt(set: PrecompileSet, a: Address): Precompile | undefined {
  if (set.size === 0) return undefined;
  for (let i = 0; i < 18; i++) if (a[i] !== 0) return undefined;
  return set.get(a[18]! * 256 + a[19]!);
}

export class Evm {
  readonly fork: Fork;
  readonly table: CompiledJumpTable;
  private readonly precompiles: PrecompileSet;
  /** The tracer when it has a `step` hook: the traced loop runs. */
  private readonly stepTracer: Tracer | undefined;
  /** The tracer when it has frame or log hooks. */
  private readonly frameTracer: Tracer | undefined;
  /** Gas each open traced frame started with (its gasUsed at exit). */
  private readonly frameGas: bigint[] = [];
  private readonly analyses = new AnalysisCache();
  /** Stacks and memories reused by frame slot (root = 0); only one frame per slot is live. */
  private readonly stacks: Stack[] = [];
  private readonly memories: Memory[] = [];
  private readonly outcome = new Outcome();
  private rootDepth = 0;
  /** geth's message for a halt of the outermost frame that names the instruction, else undefined. */
  private rootHalt: string | undefined = undefined;
  private running = false;

  constructor(config: EvmConfig) {
    this.fork = config.fork;
    this.table = jumpTableFor(config.fork);
    this.precompiles = config.precompiles;
    const t = config.tracer;
    this.stepTracer = t?.step !== undefined ? t : undefined;
    this.frameTracer = t !== undefined && (t.enter !== undefined || t.exit !== undefined || t.log !== undefined) ? t : undefined;
  }

  /**
   * Runs a message against `host`. The host's refund counter, logs and journal carry the side
   * effects; the result gives status, exact gas and output.
   */
  executeMessage(host: Host, block: BlockContext, tx: TxContext, msg: Message): ExecutionResult {
    if (this.running) throw new EvmError("executeMessage called while this EVM is already running");
    this.running = true;
    try {
      this.frameGas.length = 0;
      const tracer = this.frameTracer;
      return this.run({ host, block, tx, rules: this.table.rules, precompiles: this.precompiles, tracer }, msg);
    } catch (e) {
      // A bug (in a host, tracer or here) left frames unfinished: clear the pooled state so the
      // next message starts clean, then let the error surface.
      for (const m of this.memories) m.reset();
      for (const st of this.stacks) st.reset();
      throw e;
    } finally {
      this.running = false;
    }
  }

  private run(env: Env, msg: Message): ExecutionResult {
    const depth = msg.depth ?? 0;
    this.rootDepth = depth;
    this.rootHalt = undefined;
    const out = this.outcome;
    let frame: Frame | undefined;
    if (this.frameTracer !== undefined) {
      const create = msg.to === undefined;
      const to = msg.to ?? createAddress(msg.caller, env.host.getNonce(msg.caller));
      const delegate = !create && env.rules.delegation ? delegationTarget(env.host.getCode(to)) : undefined;
      this.traceEnter(create ? "CREATE" : "CALL", msg.caller, to, delegate, msg.data, msg.gas, msg.value, depth);
    }
    if (msg.to === undefined) {
      if (msg.isStatic === true) out.set(STATIC_VIOLATION, 0n, EMPTY_BYTES, undefined);
      else frame = this.beginCreate(env, KIND_CREATE, msg.caller, msg.value, msg.data, msg.gas, 0n, depth);
    } else {
      let delegate: Address | undefined;
      if (env.rules.delegation) {
        delegate = delegationTarget(env.host.getCode(msg.to));
        // EIP-7702: a transaction to a delegated account warms the delegate without charge.
        if (delegate !== undefined && depth === 0) env.host.accessAddress(delegate);
      }
      frame = this.beginCall(
        env,
        KIND_CALL,
        msg.caller,
        msg.to,
        msg.to,
        delegate,
        msg.value,
        msg.data,
        msg.gas,
        msg.isStatic === true,
        depth,
      );
    }
    if (frame !== undefined) this.loop(env, frame);
    else if (this.frameTracer !== undefined) this.traceExit(undefined);
    return this.result(env, msg, out);
  }

  /** Runs frames until the root finishes; its outcome is left in `this.outcome`. */
  private loop(env: Env, root: Frame): void {
    const parents: Frame[] = [];
    const table = this.table;
    const tracer = this.stepTracer;
    const tracing = this.frameTracer !== undefined;
    let frame = root;
    for (;;) {
      const status = tracer === undefined ? runFrame(frame, env, table) : runFrameTraced(frame, env, table, tracer);
      if (status === SUSPEND_CALL || status === SUSPEND_CREATE) {
        const child = status === SUSPEND_CALL ? this.beginChildCall(env, frame) : this.beginChildCreate(env, frame);
        if (child !== undefined) {
          parents.push(frame);
          frame = child;
        } else {
          if (tracing) this.traceExit(undefined);
          this.resume(frame, this.outcome);
        }
        continue;
      }
      const parent = parents.pop();
      if (tracing) {
        const halt = this.haltMessage(frame, status);
        if (parent === undefined) this.rootHalt = halt;
        this.finish(env, frame, status);
        this.traceExit(halt);
      } else {
        // The transaction's own frame keeps geth's wording for its halt (eth_call's error).
        if (parent === undefined) this.rootHalt = this.haltMessage(frame, status);
        this.finish(env, frame, status);
      }
      if (parent === undefined) return;
      this.resume(parent, this.outcome);
      frame = parent;
    }
  }

  private beginChildCall(env: Env, p: Frame): Frame | undefined {
    const kind = p.childKind;
    const target = p.childTarget!;
    const depth = p.depth + 1;
    const input = p.childInput;
    p.childInput = EMPTY_BYTES;
    if (this.frameTracer !== undefined) {
      const type: FrameType =
        kind === KIND_CALL ? "CALL" : kind === KIND_CALLCODE ? "CALLCODE" : kind === KIND_DELEGATECALL ? "DELEGATECALL" : "STATICCALL";
      const value = kind === KIND_STATICCALL ? undefined : kind === KIND_DELEGATECALL ? p.value : p.childValue;
      this.traceEnter(type, p.address, target, p.childDelegate, input, p.childGas, value, depth);
    }
    switch (kind) {
      case KIND_CALL:
        return this.beginCall(env, kind, p.address, target, target, p.childDelegate, p.childValue, input, p.childGas, p.isStatic, depth);
      case KIND_CALLCODE:
        return this.beginCall(env, kind, p.address, p.address, target, p.childDelegate, p.childValue, input, p.childGas, p.isStatic, depth);
      case KIND_DELEGATECALL:
        return this.beginCall(env, kind, p.caller, p.address, target, p.childDelegate, p.value, input, p.childGas, p.isStatic, depth);
      case KIND_STATICCALL:
        return this.beginCall(env, kind, p.address, target, target, p.childDelegate, 0n, input, p.childGas, true, depth);
      default:
        throw new EvmError(`bad child call kind ${kind}`);
    }
  }

  private beginChildCreate(env: Env, p: Frame): Frame | undefined {
    const input = p.childInput;
    p.childInput = EMPTY_BYTES;
    if (this.frameTracer !== undefined) {
      const create2 = p.childKind === KIND_CREATE2;
      const to = create2
        ? create2Address(p.address, p.childSalt, keccak256(input))
        : createAddress(p.address, env.host.getNonce(p.address));
      this.traceEnter(create2 ? "CREATE2" : "CREATE", p.address, to, undefined, input, p.childGas, p.childValue, p.depth + 1);
    }
    return this.beginCreate(env, p.childKind, p.address, p.childValue, input, p.childGas, p.childSalt, p.depth + 1);
  }

  /**
   * Starts a call. `address` is the account the code acts on, `codeAddress` the account called
   * (where precompiles are recognised), `delegate` the EIP-7702 delegate whose code runs
   * instead. Returns the new frame, or undefined with the outcome already in `this.outcome`.
   */
  private beginCall(
    env: Env,
    kind: number,
    caller: Address,
    address: Address,
    codeAddress: Address,
    delegate: Address | undefined,
    value: bigint,
    input: Uint8Array,
    gas: bigint,
    isStatic: boolean,
    depth: number,
  ): Frame | undefined {
    const host = env.host;
    const out = this.outcome;
    // Failures before the call starts give the caller its gas back (stipend included).
    if (depth > CALL_DEPTH_LIMIT) {
      out.set(CALL_DEPTH_EXCEEDED, gas, EMPTY_BYTES, undefined);
      return undefined;
    }
    if ((kind === KIND_CALL || kind === KIND_CALLCODE) && value !== 0n && host.getBalance(caller) < value) {
      out.set(INSUFFICIENT_BALANCE, gas, EMPTY_BYTES, undefined);
      return undefined;
    }
    const checkpoint = host.checkpoint();
    const precompile = precompileAt(env.precompiles, codeAddress);
    if (kind === KIND_CALL) {
      if (!host.accountExists(address)) {
        // EIP-161: a zero-value call to an absent account (not a precompile) does nothing.
        if (precompile === undefined && value === 0n) {
          host.commitCheckpoint(checkpoint);
          out.set(STOP, gas, EMPTY_BYTES, undefined);
          return undefined;
        }
        host.createAccount(address);
      }
      host.transfer(caller, address, value);
    } else if (kind === KIND_STATICCALL) {
      // Other clients touch the target of a STATICCALL (a zero-value credit); EIP-161 then
      // deletes it at the end of the transaction if it is empty.
      host.touchAccount(address);
    }
    if (precompile !== undefined) {
      this.runPrecompile(env, precompile, input, gas, checkpoint);
      return undefined;
    }
    const source = delegate ?? codeAddress;
    const code = host.getCode(source);
    if (code.length === 0) {
      host.commitCheckpoint(checkpoint);
      out.set(STOP, gas, EMPTY_BYTES, undefined);
      return undefined;
    }
    const analysis = this.analyses.get(code, () => host.getCodeHash(source));
    const frame = this.newFrame(kind, address, caller, value, input, code, analysis, isStatic, depth);
    setGas(frame, gas);
    frame.checkpoint = checkpoint;
    return frame;
  }

  private runPrecompile(env: Env, p: Precompile, input: Uint8Array, gas: bigint, checkpoint: number): void {
    const host = env.host;
    const cost = p.gas(input);
    if (cost > gas) {
      host.revertToCheckpoint(checkpoint);
      this.outcome.set(OUT_OF_GAS, 0n, EMPTY_BYTES, undefined);
      return;
    }
    const output = p.run(input);
    if (output === undefined) {
      host.revertToCheckpoint(checkpoint);
      this.outcome.set(PRECOMPILE_FAILURE, 0n, EMPTY_BYTES, undefined);
      return;
    }
    host.commitCheckpoint(checkpoint);
    this.outcome.set(RETURN, gas - cost, output, undefined);
  }

  /** Starts a creation (CREATE, CREATE2 or a creation transaction). */
  private beginCreate(
    env: Env,
    kind: number,
    caller: Address,
    value: bigint,
    initcode: Uint8Array,
    gas: bigint,
    salt: bigint,
    depth: number,
  ): Frame | undefined {
    const host = env.host;
    const out = this.outcome;
    if (depth > CALL_DEPTH_LIMIT) {
      out.set(CALL_DEPTH_EXCEEDED, gas, EMPTY_BYTES, undefined);
      return undefined;
    }
    if (host.getBalance(caller) < value) {
      out.set(INSUFFICIENT_BALANCE, gas, EMPTY_BYTES, undefined);
      return undefined;
    }
    const nonce = host.getNonce(caller);
    // EIP-2681: the nonce cannot pass 2^64 - 1.
    if (nonce >= MAX_NONCE) {
      out.set(NONCE_OVERFLOW, gas, EMPTY_BYTES, undefined);
      return undefined;
    }
    const address = kind === KIND_CREATE2 ? create2Address(caller, salt, keccak256(initcode)) : createAddress(caller, nonce);
    // The nonce bump and the warm address survive a failure of the creation itself.
    host.incrementNonce(caller);
    host.accessAddress(address);
    if (host.getNonce(address) !== 0n || host.getCodeSize(address) !== 0 || host.hasStorage(address)) {
      out.set(CREATE_COLLISION, 0n, EMPTY_BYTES, undefined);
      return undefined;
    }
    const checkpoint = host.checkpoint();
    host.createContract(address);
    host.transfer(caller, address, value);
    const frame = this.newFrame(kind, address, caller, value, EMPTY_BYTES, initcode, analyzeCode(initcode), false, depth);
    setGas(frame, gas);
    frame.checkpoint = checkpoint;
    if (initcode.length === 0) {
      // Nothing to run: deploy empty code right away.
      this.finish(env, frame, STOP);
      return undefined;
    }
    return frame;
  }

  private newFrame(
    kind: number,
    address: Address,
    caller: Address,
    value: bigint,
    input: Uint8Array,
    code: Uint8Array,
    analysis: CodeAnalysis,
    isStatic: boolean,
    depth: number,
  ): Frame {
    const slot = depth - this.rootDepth;
    let stack = this.stacks[slot];
    let memory = this.memories[slot];
    if (stack === undefined || memory === undefined) {
      stack = new Stack();
      memory = new Memory();
      this.stacks[slot] = stack;
      this.memories[slot] = memory;
    }
    return new Frame(kind, address, caller, value, input, code, analysis, isStatic, depth, stack, memory);
  }

  /** Settles a finished frame: journal, creation rules; leaves the outcome in `this.outcome`. */
  private finish(env: Env, f: Frame, status: number): void {
    const host = env.host;
    const out = this.outcome;
    const isCreate = f.kind === KIND_CREATE || f.kind === KIND_CREATE2;
    if (isSuccess(status) && isCreate) {
      const code = f.output;
      let failure = 0;
      if (code.length > env.rules.maxCodeSize) failure = CODE_SIZE_EXCEEDED;
      else if (code.length > 0 && code[0] === 0xef) failure = INVALID_CODE_PREFIX;
      else if (!useGas(f, CODE_DEPOSIT_PER_BYTE * code.length)) failure = CODE_STORE_OUT_OF_GAS;
      if (failure !== 0) {
        host.revertToCheckpoint(f.checkpoint);
        out.set(failure, 0n, EMPTY_BYTES, undefined);
      } else {
        host.setCode(f.address, code);
        host.commitCheckpoint(f.checkpoint);
        out.set(RETURN, totalGas(f), code, f.address);
      }
    } else if (isSuccess(status)) {
      host.commitCheckpoint(f.checkpoint);
      out.set(status, totalGas(f), f.output, undefined);
    } else if (status === REVERT) {
      host.revertToCheckpoint(f.checkpoint);
      out.set(REVERT, totalGas(f), f.output, undefined);
    } else {
      host.revertToCheckpoint(f.checkpoint);
      out.set(status, 0n, EMPTY_BYTES, undefined);
    }
    f.stack.reset();
    f.memory.reset();
  }

  // ---- frame tracing (only with a tracer that has frame hooks) ---------------------------------

  private traceEnter(
    type: FrameType,
    from: Address,
    to: Address,
    delegate: Address | undefined,
    input: Uint8Array,
    gas: bigint,
    value: bigint | undefined,
    depth: number,
  ): void {
    this.frameGas.push(gas);
    this.frameTracer!.enter?.({ type, from, to, delegate, input, gas, value, depth });
  }

  /** Reports the outcome in `this.outcome` as the exit of the innermost open frame. */
  private traceExit(halt: string | undefined): void {
    const start = this.frameGas.pop() ?? 0n;
    const o = this.outcome;
    const ok = isSuccess(o.status);
    const error = ok ? undefined : o.status === REVERT ? "execution reverted" : (halt ?? statusName(o.status));
    const depth = this.rootDepth + this.frameGas.length;
    this.frameTracer!.exit?.({ depth, output: o.output, gasUsed: start - o.gasLeft, error, reverted: !ok });
  }

  /** geth's wording for the halts whose message names the instruction (read before the frame is reset). */
  private haltMessage(f: Frame, status: number): string | undefined {
    if (status === INVALID_OPCODE) {
      const op = f.code[f.pc - 1] ?? 0;
      return op === 0xfe ? "invalid opcode: INVALID" : `invalid opcode: opcode 0x${op.toString(16)} not defined`;
    }
    if (status === STACK_UNDERFLOW) {
      const op = f.pc < f.code.length ? f.code[f.pc]! : 0;
      return `stack underflow (${f.stack.sp} <=> ${this.table.minStack[op]})`;
    }
    return undefined;
  }

  /** Hands a child's outcome to its parent: stack result, return data, output copy, gas. */
  private resume(p: Frame, o: Outcome): void {
    addGas(p, o.gasLeft);
    const ok = isSuccess(o.status);
    if (p.childKind === KIND_CREATE || p.childKind === KIND_CREATE2) {
      p.stack.push(ok ? addressToWord(o.address!) : 0n);
      // EIP-211: only a reverted creation leaves return data.
      p.returnData = o.status === REVERT ? o.output : EMPTY_BYTES;
      return;
    }
    p.stack.push(ok ? 1n : 0n);
    if (ok || o.status === REVERT) {
      p.returnData = o.output;
      const n = Math.min(p.childOutSize, o.output.length);
      if (n > 0) p.memory.buf.set(o.output.subarray(0, n), p.childOutOffset);
    } else {
      p.returnData = EMPTY_BYTES;
    }
  }

  private result(env: Env, msg: Message, o: Outcome): ExecutionResult {
    const ok = isSuccess(o.status);
    return {
      status: ok ? "success" : o.status === REVERT ? "revert" : "halt",
      error: ok || o.status === REVERT ? undefined : (this.rootHalt ?? statusName(o.status)),
      gasLeft: o.gasLeft,
      gasUsed: msg.gas - o.gasLeft,
      output: o.output,
      createdAddress: ok ? o.address : undefined,
      refund: BigInt(env.host.getRefund()),
    };
  }
}
