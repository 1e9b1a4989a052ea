/**
 * evm/instructions/log: LOG0-LOG4. 375 gas plus 375 per topic (constant, in the jump table) and
 * 8 per data byte plus memory expansion (here). Forbidden in a static context (EIP-214).
 */
import type { Env, Instruction } from "../env.js";
import type { Frame } from "../frame.js";
import { LOG_DATA_BYTE, useGas } from "../gas.js";
import { expandMemory } from "../memory.js";
import { CONTINUE, OUT_OF_GAS, STATIC_VIOLATION } from "../status.js";
import { wordToBytes32 } from "../word.js";

function makeLog(topicCount: number): Instruction {
  return (f: Frame, env: Env): number => {
    if (f.isStatic) return STATIC_VIOLATION;
    const s = f.stack;
    const offset = s.popOffset();
    const size = s.popOffset();
    const topics: Uint8Array[] = [];
    for (let i = 0; i < topicCount; i++) topics.push(wordToBytes32(s.pop()));
    if (!expandMemory(f, offset, size) || !useGas(f, LOG_DATA_BYTE * size)) return OUT_OF_GAS;
    const data = f.memory.read(offset, size);
    env.host.emitLog(f.address, topics, data);
    if (env.tracer !== undefined) env.tracer.log?.(f.address, topics, data);
    return CONTINUE;
  };
}

/** LOG_OPS[n] is LOGn. */
export const LOG_OPS: readonly Instruction[] = Array.from({ length: 5 }, (_, n) => makeLog(n));
