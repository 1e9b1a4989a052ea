/**
 * evm/gas: gas constants (post-Berlin schedule, with the EIPs that set each value) and exact gas
 * accounting for a frame.
 *
 * A frame's gas is a double `gas` kept at most 2^53 plus a bigint `reserve`, normally 0n. The
 * interpreter charges `gas` directly; only when a charge does not fit does the slow path refill
 * from the reserve before declaring out-of-gas. That keeps the loop on doubles while staying
 * exact for transaction gas limits up to 2^64 (some official tests use limits near 2^63).
 */

export const GAS_ZERO = 0;
export const GAS_JUMPDEST = 1;
export const GAS_BASE = 2;
export const GAS_VERYLOW = 3;
export const GAS_LOW = 5;
export const GAS_MID = 8;
export const GAS_HIGH = 10;

/** EIP-2929 access costs. */
export const WARM_STORAGE_READ = 100;
export const COLD_SLOAD = 2100;
export const COLD_ACCOUNT_ACCESS = 2600;
/** Extra charged on top of the warm cost already in an opcode's constant gas. */
export const COLD_ACCOUNT_EXTRA = COLD_ACCOUNT_ACCESS - WARM_STORAGE_READ;

/** EIP-2200 as amended by EIP-2929 and EIP-3529. */
export const SSTORE_SET = 20000;
export const SSTORE_RESET = 5000 - COLD_SLOAD;
export const SSTORE_CLEARS_SCHEDULE = 4800;
export const SSTORE_SENTRY = 2300;

export const SELFDESTRUCT_BASE = 5000;
export const NEW_ACCOUNT = 25000;
export const CALL_VALUE = 9000;
export const CALL_STIPEND = 2300;
export const CREATE_BASE = 32000;
export const CODE_DEPOSIT_PER_BYTE = 200;
/** EIP-3860. */
export const INITCODE_WORD = 2;
export const KECCAK_BASE = 30;
export const KECCAK_WORD = 6;
export const COPY_WORD = 3;
export const LOG_BASE = 375;
export const LOG_TOPIC = 375;
export const LOG_DATA_BYTE = 8;
export const EXP_BASE = 10;
/** EIP-160. */
export const EXP_BYTE = 50;
export const BLOCKHASH = 20;
export const MEMORY_WORD = 3;
export const MEMORY_QUAD_DIVISOR = 512;

/** EIP-170 and EIP-3860. */
export const MAX_CODE_SIZE = 24576;
export const MAX_INITCODE_SIZE = 2 * MAX_CODE_SIZE;
export const CALL_DEPTH_LIMIT = 1024;

/** The largest value the double part of a frame's gas holds after a refill (2^52). */
const GAS_CHUNK = 2 ** 52;
const GAS_CHUNK_BIG = 2n ** 52n;

/**
 * Execution deadline (eth_call's timeout, geth's evm.Cancel). The interpreter is synchronous, so
 * nothing can interrupt it from outside; instead, while a deadline is set, frames hold their gas
 * in small chunks and every refill (the slow path, at most once per DEADLINE_CHUNK gas) reads the
 * clock. Past the deadline a refill fails, so every live frame runs out of gas within one chunk
 * and the message ends; the caller sees `deadlineExpired()`. Without a deadline the chunk is
 * 2^52 and the hot path is unchanged.
 */
const DEADLINE_CHUNK = 2 ** 16;
let chunk = GAS_CHUNK;
let chunkBig = GAS_CHUNK_BIG;
let deadline = 0;
let expired = false;

/** Sets (a `performance.now()` instant) or clears (undefined) the execution deadline. */
export function setExecutionDeadline(at: number | undefined): void {
  expired = false;
  if (at === undefined) {
    deadline = 0;
    chunk = GAS_CHUNK;
    chunkBig = GAS_CHUNK_BIG;
  } else {
    deadline = at;
    chunk = DEADLINE_CHUNK;
    chunkBig = BigInt(DEADLINE_CHUNK);
  }
}

/** True once a refill found the deadline passed (until the deadline is set or cleared again). */
export function deadlineExpired(): boolean {
  return expired;
}

/** What gas accounting needs from a frame. */
export interface GasMeter {
  gas: number;
  reserve: bigint;
}

/** Sets a meter to an exact total. */
export function setGas(m: GasMeter, total: bigint): void {
  if (total <= chunkBig) {
    m.gas = Number(total);
    m.reserve = 0n;
  } else {
    m.gas = chunk;
    m.reserve = total - chunkBig;
  }
}

export function totalGas(m: GasMeter): bigint {
  return m.reserve === 0n ? BigInt(m.gas) : BigInt(m.gas) + m.reserve;
}

/** Charges `cost` (an exact integer below 2^53); false means out of gas and nothing is charged. */
export function useGas(m: GasMeter, cost: number): boolean {
  if (m.gas >= cost) {
    m.gas -= cost;
    return true;
  }
  return useGasSlow(m, cost);
}

/**
 * The last charge refused for lack of gas (tracers print it as the failing instruction's cost,
 * as geth does); written only on refusal, off the hot path.
 */
let denied = 0;

/** Clears the refused charge (the traced interpreter, before each instruction). */
export function clearDeniedGas(): void {
  denied = 0;
}

export function deniedGas(): number {
  return denied;
}

/** Refills from the reserve; only reached when `gas` alone cannot pay. */
export function useGasSlow(m: GasMeter, cost: number): boolean {
  if (m.reserve === 0n) {
    denied = cost;
    return false;
  }
  if (deadline !== 0 && (expired || performance.now() > deadline)) {
    expired = true;
    m.gas = 0;
    m.reserve = 0n;
    return false;
  }
  const left = BigInt(m.gas) + m.reserve - BigInt(cost);
  if (left < 0n) {
    denied = cost;
    return false;
  }
  setGas(m, left);
  return true;
}

/** Gives back gas (a child's leftover). Keeps the invariant gas <= 2^52. */
export function addGas(m: GasMeter, amount: bigint): void {
  if (m.reserve === 0n && amount <= chunkBig) {
    // Both terms are at most 2^52, so the double sum is exact.
    const g = m.gas + Number(amount);
    if (g <= chunk) {
      m.gas = g;
      return;
    }
  }
  setGas(m, totalGas(m) + amount);
}

/**
 * EIP-150: takes all but one 64th of the remaining gas, capped at `requested` when given, and
 * returns the amount taken (exact, in bigint).
 */
export function takeAllButOne64th(m: GasMeter, requested: bigint | undefined): bigint {
  if (m.reserve === 0n) {
    const cap = m.gas - Math.floor(m.gas / 64);
    const take = requested !== undefined && requested < cap ? Number(requested) : cap;
    m.gas -= take;
    return BigInt(take);
  }
  const available = totalGas(m);
  const cap = available - available / 64n;
  const take = requested !== undefined && requested < cap ? requested : cap;
  setGas(m, available - take);
  return take;
}

/** Memory cost of `words` 32-byte words: 3 per word plus words^2/512, exact for words < 2^44. */
export function memoryCost(words: number): number {
  const quad = Math.floor(words / MEMORY_QUAD_DIVISOR) * words + Math.floor(((words % MEMORY_QUAD_DIVISOR) * words) / MEMORY_QUAD_DIVISOR);
  return MEMORY_WORD * words + quad;
}

/** Number of 32-byte words covering `size` bytes. */
export function toWords(size: number): number {
  return Math.ceil(size / 32);
}
