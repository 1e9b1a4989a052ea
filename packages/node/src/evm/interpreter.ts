/**
 * evm/interpreter: the inner loop that runs one frame's code until it stops, halts or asks for a
 * child frame (SUSPEND_*). Per instruction it checks the stack bounds and charges the constant
 * gas from the compiled jump table, then calls the instruction. Two variants: the plain loop,
 * which pays nothing for tracing, and a traced copy used only when a tracer is configured.
 */
import type { Env } from "./env.js";
import type { Frame } from "./frame.js";
import { clearDeniedGas, deniedGas, totalGas, useGasSlow } from "./gas.js";
import type { CompiledJumpTable } from "./jump-table.js";
import { CONTINUE, OUT_OF_GAS, STACK_OVERFLOW, STACK_UNDERFLOW, SUSPEND_CALL, statusName } from "./status.js";
import type { Tracer } from "./tracer.js";

export function runFrame(f: Frame, env: Env, table: CompiledJumpTable): number {
  const code = f.code;
  const len = code.length;
  const fns = table.fns;
  const gasTable = table.gas;
  const minStack = table.minStack;
  const stackRange = table.stackRange;
  const stack = f.stack;
  for (;;) {
    const pc = f.pc;
    const op = pc < len ? code[pc]! : 0;
    // One unsigned comparison checks both bounds: sp - min must lie in [0, max - min].
    const room = stack.sp - minStack[op]!;
    if (room >>> 0 > stackRange[op]!) return room < 0 ? STACK_UNDERFLOW : STACK_OVERFLOW;
    const cost = gasTable[op]!;
    if (f.gas >= cost) f.gas -= cost;
    else if (!useGasSlow(f, cost)) return OUT_OF_GAS;
    f.pc = pc + 1;
    const status = fns[op]!(f, env);
    if (status !== CONTINUE) return status;
  }
}

export function runFrameTraced(f: Frame, env: Env, table: CompiledJumpTable, tracer: Tracer): number {
  const code = f.code;
  const len = code.length;
  const stack = f.stack;
  const wantsMemory = tracer.wantsMemory === true;
  for (;;) {
    const pc = f.pc;
    const op = pc < len ? code[pc]! : 0;
    const gasBefore = totalGas(f);
    const memSize = f.memory.size;
    const memory = wantsMemory ? f.memory.buf.slice(0, memSize) : undefined;
    const stackBefore = stack.toArray();
    const returnData = f.returnData;
    const refund = env.host.getRefund();
    clearDeniedGas();
    let status = CONTINUE;
    const sp = stack.sp;
    if (sp < table.minStack[op]!) status = STACK_UNDERFLOW;
    else if (sp > table.maxStack[op]!) status = STACK_OVERFLOW;
    else {
      const cost = table.gas[op]!;
      if (f.gas >= cost) f.gas -= cost;
      else if (!useGasSlow(f, cost)) status = OUT_OF_GAS;
      if (status === CONTINUE) {
        f.pc = pc + 1;
        status = table.fns[op]!(f, env);
      }
    }
    const halted = status >= OUT_OF_GAS && status < SUSPEND_CALL;
    let error: string | undefined;
    // geth's wording of the stack errors names the sizes.
    if (status === STACK_UNDERFLOW) error = `stack underflow (${sp} <=> ${table.minStack[op]})`;
    else if (status === STACK_OVERFLOW) error = `stack limit reached ${sp} (${table.maxStack[op]})`;
    else if (halted) error = statusName(status);
    tracer.step!({
      pc,
      op,
      opName: table.names[op]!,
      gas: gasBefore,
      // Out of gas: the charge that failed counts too (geth prints the cost it could not pay).
      gasCost: gasBefore - totalGas(f) + (status === OUT_OF_GAS ? BigInt(deniedGas()) : 0n),
      memSize,
      stack: stackBefore,
      depth: f.depth + 1,
      returnData,
      refund,
      error,
      address: f.address,
      memory,
    });
    if (status !== CONTINUE) return status;
  }
}
