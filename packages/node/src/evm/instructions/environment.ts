/**
 * evm/instructions/environment: KECCAK256 and the execution-environment opcodes, 0x20 and
 * 0x30-0x3f. Account-reading opcodes charge the EIP-2929 cold surcharge on top of the warm cost
 * in their constant gas. EXTCODE* read a delegated account's designator as stored (EIP-7702);
 * EXTCODEHASH of an empty account is 0 (EIP-1052 with EIP-161 emptiness).
 */
import { keccak256 } from "../../crypto/index.js";
import type { Env } from "../env.js";
import type { Frame } from "../frame.js";
import { COLD_ACCOUNT_EXTRA, COPY_WORD, KECCAK_WORD, toWords, useGas } from "../gas.js";
import { copyPadded, expandMemory } from "../memory.js";
import { CONTINUE, OUT_OF_GAS, RETURNDATA_OUT_OF_BOUNDS } from "../status.js";

export function opKeccak256(f: Frame): number {
  const s = f.stack;
  const offset = s.popOffset();
  const size = s.popOffset();
  if (!expandMemory(f, offset, size) || !useGas(f, KECCAK_WORD * toWords(size))) return OUT_OF_GAS;
  s.pushBytes32(keccak256(f.memory.buf.subarray(offset, offset + size)));
  return CONTINUE;
}

export function opAddress(f: Frame): number {
  f.stack.pushAddress(f.address);
  return CONTINUE;
}

export function opBalance(f: Frame, env: Env): number {
  const s = f.stack;
  const addr = s.popAddress();
  if (env.host.accessAddress(addr) && !useGas(f, COLD_ACCOUNT_EXTRA)) return OUT_OF_GAS;
  s.push(env.host.getBalance(addr));
  return CONTINUE;
}

export function opOrigin(f: Frame, env: Env): number {
  f.stack.pushAddress(env.tx.origin);
  return CONTINUE;
}

export function opCaller(f: Frame): number {
  f.stack.pushAddress(f.caller);
  return CONTINUE;
}

export function opCallvalue(f: Frame): number {
  f.stack.push(f.value);
  return CONTINUE;
}

export function opCalldataload(f: Frame): number {
  const s = f.stack;
  s.pushFromBytes(f.input, s.popOffset(), 32);
  return CONTINUE;
}

export function opCalldatasize(f: Frame): number {
  f.stack.pushSmall(f.input.length);
  return CONTINUE;
}

/** Shared by the three copy opcodes whose source is already in hand. */
function copyToMemory(f: Frame, src: Uint8Array): number {
  const s = f.stack;
  const memOffset = s.popOffset();
  const srcOffset = s.popOffset();
  const size = s.popOffset();
  if (!expandMemory(f, memOffset, size) || !useGas(f, COPY_WORD * toWords(size))) return OUT_OF_GAS;
  copyPadded(f.memory.buf, memOffset, src, srcOffset, size);
  return CONTINUE;
}

export function opCalldatacopy(f: Frame): number {
  return copyToMemory(f, f.input);
}

export function opCodesize(f: Frame): number {
  f.stack.pushSmall(f.code.length);
  return CONTINUE;
}

export function opCodecopy(f: Frame): number {
  return copyToMemory(f, f.code);
}

export function opGasprice(f: Frame, env: Env): number {
  f.stack.push(env.tx.gasPrice);
  return CONTINUE;
}

export function opExtcodesize(f: Frame, env: Env): number {
  const s = f.stack;
  const addr = s.popAddress();
  if (env.host.accessAddress(addr) && !useGas(f, COLD_ACCOUNT_EXTRA)) return OUT_OF_GAS;
  s.pushSmall(env.host.getCodeSize(addr));
  return CONTINUE;
}

export function opExtcodecopy(f: Frame, env: Env): number {
  const s = f.stack;
  const addr = s.popAddress();
  const memOffset = s.popOffset();
  const codeOffset = s.popOffset();
  const size = s.popOffset();
  if (!expandMemory(f, memOffset, size) || !useGas(f, COPY_WORD * toWords(size))) return OUT_OF_GAS;
  if (env.host.accessAddress(addr) && !useGas(f, COLD_ACCOUNT_EXTRA)) return OUT_OF_GAS;
  copyPadded(f.memory.buf, memOffset, env.host.getCode(addr), codeOffset, size);
  return CONTINUE;
}

export function opReturndatasize(f: Frame): number {
  f.stack.pushSmall(f.returnData.length);
  return CONTINUE;
}

/** EIP-211: reading past the end of the return data is an exceptional halt, not zero-fill. */
export function opReturndatacopy(f: Frame): number {
  const s = f.stack;
  const memOffset = s.popOffset();
  const dataOffset = s.popOffset();
  const size = s.popOffset();
  if (!expandMemory(f, memOffset, size) || !useGas(f, COPY_WORD * toWords(size))) return OUT_OF_GAS;
  if (dataOffset + size > f.returnData.length) return RETURNDATA_OUT_OF_BOUNDS;
  if (size > 0) f.memory.buf.set(f.returnData.subarray(dataOffset, dataOffset + size), memOffset);
  return CONTINUE;
}

export function opExtcodehash(f: Frame, env: Env): number {
  const s = f.stack;
  const addr = s.popAddress();
  if (env.host.accessAddress(addr) && !useGas(f, COLD_ACCOUNT_EXTRA)) return OUT_OF_GAS;
  if (env.host.isEmpty(addr)) s.push(0n);
  else s.pushWord(env.host.getCodeHash(addr), 0);
  return CONTINUE;
}
