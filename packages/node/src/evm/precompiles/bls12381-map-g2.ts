/**
 * evm/precompiles/bls12381-map-g2: address 0x11 (Prague, EIP-2537). Maps one Fp2 element (128
 * bytes, c0 then c1) to a G2 point: simplified SWU to the 3-isogenous curve, the isogeny, then
 * cofactor clearing (RFC 9380, without hashing). Output 256 bytes. Gas: 23800.
 */
import { bls12_381 } from "@noble/curves/bls12-381.js";
import { decodeFp, encodeG2, FP_LENGTH, G2, type G2Point } from "./bls12381-codec.js";
import { PrecompileError } from "./errors.js";
import type { Precompile } from "./types.js";

export const BLS12_MAP_FP2_TO_G2_GAS = 23800n;

/** See mapToG1 in bls12381-map-g1: noble returns the cofactor-cleared projective point. */
function mapToG2(c0: bigint, c1: bigint): G2Point {
  const mapped = (bls12_381.G2.mapToCurve as unknown as (u: bigint[]) => unknown)([c0, c1]);
  if (!(mapped instanceof G2)) throw new PrecompileError("@noble/curves mapToCurve no longer returns a cofactor-cleared point");
  return mapped;
}

export const bls12MapFp2ToG2: Precompile = {
  gas: () => BLS12_MAP_FP2_TO_G2_GAS,
  run(input) {
    if (input.length !== 2 * FP_LENGTH) return undefined;
    const c0 = decodeFp(input, 0);
    const c1 = decodeFp(input, FP_LENGTH);
    if (c0 === undefined || c1 === undefined) return undefined;
    return encodeG2(mapToG2(c0, c1));
  },
};
