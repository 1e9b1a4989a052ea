/**
 * evm/instructions/block: block-context opcodes, 0x40-0x4a. Values come from the BlockContext and
 * TxContext data, except BLOCKHASH (the host's history) and SELFBALANCE (EIP-1884).
 * PREVRANDAO replaces DIFFICULTY (EIP-4399); BLOBHASH is EIP-4844, BLOBBASEFEE EIP-7516.
 */
import type { Env } from "../env.js";
import type { Frame } from "../frame.js";
import { CONTINUE } from "../status.js";

/** Only the 256 most recent complete blocks are visible; anything else reads as zero. */
export function opBlockhash(f: Frame, env: Env): number {
  const s = f.stack;
  const n = s.peek();
  const current = env.block.number;
  if (n < current && n + 256n >= current) {
    s.drop();
    s.pushWord(env.host.getBlockHash(n), 0);
  } else {
    s.setTop(0n);
  }
  return CONTINUE;
}

export function opCoinbase(f: Frame, env: Env): number {
  f.stack.pushAddress(env.block.coinbase);
  return CONTINUE;
}

export function opTimestamp(f: Frame, env: Env): number {
  f.stack.push(env.block.timestamp);
  return CONTINUE;
}

export function opNumber(f: Frame, env: Env): number {
  f.stack.push(env.block.number);
  return CONTINUE;
}

export function opPrevrandao(f: Frame, env: Env): number {
  f.stack.pushWord(env.block.prevRandao, 0);
  return CONTINUE;
}

export function opGaslimit(f: Frame, env: Env): number {
  f.stack.push(env.block.gasLimit);
  return CONTINUE;
}

export function opChainid(f: Frame, env: Env): number {
  f.stack.push(env.block.chainId);
  return CONTINUE;
}

export function opSelfbalance(f: Frame, env: Env): number {
  f.stack.push(env.host.getBalance(f.address));
  return CONTINUE;
}

export function opBasefee(f: Frame, env: Env): number {
  f.stack.push(env.block.baseFee);
  return CONTINUE;
}

export function opBlobhash(f: Frame, env: Env): number {
  const s = f.stack;
  const i = s.peek();
  const hashes = env.tx.blobHashes;
  if (i < BigInt(hashes.length)) {
    s.drop();
    s.pushWord(hashes[Number(i)]!, 0);
  } else {
    s.setTop(0n);
  }
  return CONTINUE;
}

export function opBlobbasefee(f: Frame, env: Env): number {
  f.stack.push(env.block.blobBaseFee);
  return CONTINUE;
}
