/**
 * evm/precompiles/bn254-add: address 0x06 (Byzantium, EIP-196). Adds two G1 points; input
 * right-padded (or truncated) to 128 bytes, output 64 bytes. Gas 500, 150 from Istanbul (EIP-1108).
 */
import { type Bn254Prices, decodeG1, encodeG1 } from "./bn254-codec.js";
import type { Precompile } from "./types.js";
import { padRight } from "./util.js";

function runAdd(input: Uint8Array): Uint8Array | undefined {
  const data = padRight(input, 128);
  const a = decodeG1(data, 0);
  const b = decodeG1(data, 64);
  if (!a || !b) return undefined;
  return encodeG1(a.add(b));
}

export function bn254Add(prices: Bn254Prices): Precompile {
  return { gas: () => prices.add, run: runAdd };
}
