/**
 * evm/precompiles/modexp: address 0x05, base^exp mod m on arbitrary-size integers (EIP-198).
 *
 * Input: three 32-byte lengths (base, exponent, modulus), then the three numbers big-endian; the
 * input reads as if zero-extended forever. Output: the result left-padded to the modulus length.
 * Three price schedules:
 *   - EIP-198 (Byzantium): the original quadratic complexity over GQUADDIVISOR 20.
 *   - EIP-2565 (Berlin): ceil(max(len)/8)^2 * iterations / 3, at least 200.
 *   - EIP-7883 (Osaka): complexity 16 up to 32 bytes then 2 * words^2, 16 iterations per exponent
 *     byte past 32, no divisor, at least 500. EIP-7823 (Osaka) fails any length above 1024 bytes.
 *
 * The lengths are 256-bit words that a caller may set absurdly high (2^255). Pricing is done in
 * bigint from the header and the first 32 bytes of the exponent only, without allocating; the
 * operands are read only in `run`, which the frame calls after charging the gas, so their size is
 * bounded by what was paid for.
 */
import type { Precompile } from "./types.js";
import { EMPTY, readPaddedBigint, toFixedBytes } from "./util.js";

interface Header {
  baseLen: bigint;
  expLen: bigint;
  modLen: bigint;
  /** The first min(32, expLen) bytes of the exponent, as an integer. */
  expHead: bigint;
}

function readHeader(input: Uint8Array): Header {
  const baseLen = readPaddedBigint(input, 0n, 32n);
  const expLen = readPaddedBigint(input, 32n, 32n);
  const modLen = readPaddedBigint(input, 64n, 32n);
  const headLen = expLen < 32n ? expLen : 32n;
  const expHead = readPaddedBigint(input, 96n + baseLen, headLen);
  return { baseLen, expLen, modLen, expHead };
}

function bitLength(v: bigint): bigint {
  return v === 0n ? 0n : BigInt(v.toString(2).length);
}

/**
 * EIP-198's "adjusted exponent length": the index of the highest set bit of the exponent, with
 * `bitsPerExtraByte` (8, or 16 since EIP-7883) for every byte past the first 32. At least 1.
 */
function iterationCount(h: Header, bitsPerExtraByte: bigint): bigint {
  const headBits = bitLength(h.expHead);
  const top = headBits > 0n ? headBits - 1n : 0n;
  const count = h.expLen <= 32n ? top : bitsPerExtraByte * (h.expLen - 32n) + top;
  return count > 1n ? count : 1n;
}

function maxLen(h: Header): bigint {
  // biome-ignore lint/complexity/useMathMinMax: Math.max does not take bigint
  return h.baseLen > h.modLen ? h.baseLen : h.modLen;
}

/** EIP-198 pricing (Byzantium to Istanbul). */
export function modexpGasEip198(input: Uint8Array): bigint {
  const h = readHeader(input);
  const x = maxLen(h);
  let complexity: bigint;
  if (x <= 64n) complexity = x * x;
  else if (x <= 1024n) complexity = (x * x) / 4n + 96n * x - 3072n;
  else complexity = (x * x) / 16n + 480n * x - 199680n;
  return (complexity * iterationCount(h, 8n)) / 20n;
}

/** EIP-2565 pricing (Berlin to Prague). */
export function modexpGasEip2565(input: Uint8Array): bigint {
  const h = readHeader(input);
  const words = (maxLen(h) + 7n) / 8n;
  const gas = (words * words * iterationCount(h, 8n)) / 3n;
  return gas > 200n ? gas : 200n;
}

/** EIP-7883 pricing (Osaka). */
export function modexpGasEip7883(input: Uint8Array): bigint {
  const h = readHeader(input);
  const x = maxLen(h);
  const words = (x + 7n) / 8n;
  const complexity = x <= 32n ? 16n : 2n * words * words;
  const gas = complexity * iterationCount(h, 16n);
  return gas > 500n ? gas : 500n;
}

/** EIP-7823: each of the three lengths at most 1024 bytes from Osaka on. */
export const MODEXP_MAX_LENGTH_OSAKA = 1024n;

/** base^exp mod m with 4-bit fixed windows over the exponent's hex digits; m > 0. */
export function modPow(base: bigint, exp: bigint, m: bigint): bigint {
  if (m === 1n) return 0n;
  const b = base % m;
  const table: bigint[] = [1n, b];
  for (let i = 2; i < 16; i++) table.push((table[i - 1]! * b) % m);
  const digits = exp.toString(16);
  let acc = 1n;
  for (let i = 0; i < digits.length; i++) {
    if (i > 0) {
      acc = (acc * acc) % m;
      acc = (acc * acc) % m;
      acc = (acc * acc) % m;
      acc = (acc * acc) % m;
    }
    const d = Number.parseInt(digits[i]!, 16);
    if (d !== 0) acc = (acc * table[d]!) % m;
  }
  return acc;
}

function runModexp(input: Uint8Array, maxLength: bigint | undefined): Uint8Array | undefined {
  const h = readHeader(input);
  if (maxLength !== undefined && (h.baseLen > maxLength || h.expLen > maxLength || h.modLen > maxLength)) return undefined;
  // Nothing to compute: the output has the modulus length. Checked before reading any operand so
  // a cheap call with a huge exponent length never touches it.
  if (h.modLen === 0n) return EMPTY;
  if (h.modLen > BigInt(Number.MAX_SAFE_INTEGER)) return undefined; // cannot be paid for; guards the allocation below
  const modLen = Number(h.modLen);
  const expStart = 96n + h.baseLen;
  const modStart = expStart + h.expLen;
  const modulus = readPaddedBigint(input, modStart, h.modLen);
  if (modulus === 0n) return new Uint8Array(modLen);
  // The modulus lies after base and exponent, so a non-zero modulus means the input extends past
  // both: they are read from bytes actually present, never from a zero-extended tail.
  const base = readPaddedBigint(input, 96n, h.baseLen);
  const exp = readPaddedBigint(input, expStart, h.expLen);
  return toFixedBytes(modPow(base, exp, modulus), modLen);
}

function modexpWith(gas: (input: Uint8Array) => bigint, maxLength?: bigint): Precompile {
  return { gas, run: (input) => runModexp(input, maxLength) };
}

export const modexpByzantium: Precompile = modexpWith(modexpGasEip198);
export const modexpBerlin: Precompile = modexpWith(modexpGasEip2565);
export const modexpOsaka: Precompile = modexpWith(modexpGasEip7883, MODEXP_MAX_LENGTH_OSAKA);
