/**
 * evm/precompiles/bn254-pairing: address 0x08 (Byzantium, EIP-197). Input k slices of 192 bytes,
 * a G1 point (64 bytes) then a G2 point (128 bytes); the length must be a multiple of 192 (k = 0
 * is allowed). Output a 32-byte word: 1 if the product of the pairings is one, else 0.
 * Gas 100000 + 80000k, from Istanbul 45000 + 34000k (EIP-1108).
 */
import { bn254 } from "@noble/curves/bn254.js";
import { type Bn254Prices, decodeG1, decodeG2, Fp12, type G1Point, type G2Point } from "./bn254-codec.js";
import type { Precompile } from "./types.js";
import { trueWord } from "./util.js";

function runPairing(input: Uint8Array): Uint8Array | undefined {
  if (input.length % 192 !== 0) return undefined;
  const pairs: { g1: G1Point; g2: G2Point }[] = [];
  for (let offset = 0; offset < input.length; offset += 192) {
    const g1 = decodeG1(input, offset);
    const g2 = decodeG2(input, offset + 64);
    if (!g1 || !g2) return undefined;
    // A pair with the point at infinity contributes the identity; noble rejects such pairs.
    if (!g1.is0() && !g2.is0()) pairs.push({ g1, g2 });
  }
  return Fp12.eql(bn254.pairingBatch(pairs), Fp12.ONE) ? trueWord() : new Uint8Array(32);
}

export function bn254Pairing(prices: Bn254Prices): Precompile {
  return {
    // Integer division: a malformed length fails in `run` anyway.
    gas: (input) => prices.pairingBase + prices.pairingPerPair * BigInt(Math.floor(input.length / 192)),
    run: runPairing,
  };
}
