/**
 * evm/precompiles/bn254-mul: address 0x07 (Byzantium, EIP-196). Multiplies a G1 point by a
 * 256-bit scalar; input right-padded (or truncated) to 96 bytes, output 64 bytes. Gas 40000, 6000
 * from Istanbul (EIP-1108).
 */
import { BN254_R, type Bn254Prices, decodeG1, encodeG1, word } from "./bn254-codec.js";
import type { Precompile } from "./types.js";
import { padRight } from "./util.js";

function runMul(input: Uint8Array): Uint8Array | undefined {
  const data = padRight(input, 96);
  const point = decodeG1(data, 0);
  if (!point) return undefined;
  // Every curve point has order r (cofactor 1), so the scalar may be reduced mod r.
  return encodeG1(point.multiplyUnsafe(word(data, 2) % BN254_R));
}

export function bn254Mul(prices: Bn254Prices): Precompile {
  return { gas: () => prices.mul, run: runMul };
}
