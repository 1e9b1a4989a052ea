/**
 * evm/precompiles/bls12381-map-g1: address 0x10 (Prague, EIP-2537). Maps one Fp element (64
 * bytes) to a G1 point: the simplified SWU map to the 11-isogenous curve, the isogeny, then
 * cofactor clearing (RFC 9380 map_to_curve and clear_cofactor, without hashing). Output 128 bytes.
 * Gas: 5500.
 */
import { bls12_381 } from "@noble/curves/bls12-381.js";
import { decodeFp, encodeG1, FP_LENGTH, G1, type G1Point } from "./bls12381-codec.js";
import { PrecompileError } from "./errors.js";
import type { Precompile } from "./types.js";

export const BLS12_MAP_FP_TO_G1_GAS = 5500n;

/**
 * noble's hasher `mapToCurve` runs map_to_curve then clear_cofactor and returns a projective
 * point, but its declared type is an affine point taking a bigint[]; G1 (m = 1) wants one bigint
 * at run time. This adapter states the run-time contract in one place.
 */
function mapToG1(u: bigint): G1Point {
  const mapped = (bls12_381.G1.mapToCurve as unknown as (u: bigint) => unknown)(u);
  if (!(mapped instanceof G1)) throw new PrecompileError("@noble/curves mapToCurve no longer returns a cofactor-cleared point");
  return mapped;
}

export const bls12MapFpToG1: Precompile = {
  gas: () => BLS12_MAP_FP_TO_G1_GAS,
  run(input) {
    if (input.length !== FP_LENGTH) return undefined;
    const u = decodeFp(input, 0);
    if (u === undefined) return undefined;
    return encodeG1(mapToG1(u));
  },
};
