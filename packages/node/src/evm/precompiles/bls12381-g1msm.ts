/**
 * evm/precompiles/bls12381-g1msm: address 0x0c (Prague, EIP-2537). Multi-scalar multiplication
 * in G1: sum of s_i * P_i over k >= 1 pairs of (128-byte point, 32-byte scalar), 160 bytes each.
 * Every point must be in the order-q subgroup. Gas: k * 12000 * discount(k) / 1000 with the
 * EIP's G1 discount table (k = 1 is 12000, the price of the former G1MUL).
 */
import { pippenger } from "@noble/curves/abstract/curve.js";
import {
  BLS_Q,
  decodeG1Subgroup,
  decodeScalar,
  encodeG1,
  G1,
  G1_LENGTH,
  G1_MSM_DISCOUNT,
  type G1Point,
  msmGas,
  SCALAR_LENGTH,
} from "./bls12381-codec.js";
import type { Precompile } from "./types.js";

export const BLS12_G1MUL_GAS = 12000n;
const PAIR_LENGTH = G1_LENGTH + SCALAR_LENGTH;

export const bls12G1Msm: Precompile = {
  gas: (input) => msmGas(Math.floor(input.length / PAIR_LENGTH), BLS12_G1MUL_GAS, G1_MSM_DISCOUNT),
  run(input) {
    if (input.length === 0 || input.length % PAIR_LENGTH !== 0) return undefined;
    const points: G1Point[] = [];
    const scalars: bigint[] = [];
    for (let offset = 0; offset < input.length; offset += PAIR_LENGTH) {
      const point = decodeG1Subgroup(input, offset);
      if (!point) return undefined;
      // Points are in the subgroup of order q, so scalars reduce mod q.
      const scalar = decodeScalar(input, offset + G1_LENGTH) % BLS_Q;
      if (point.is0() || scalar === 0n) continue;
      points.push(point);
      scalars.push(scalar);
    }
    if (points.length === 0) return encodeG1(G1.ZERO);
    if (points.length === 1) return encodeG1(points[0]!.multiplyUnsafe(scalars[0]!));
    return encodeG1(pippenger(G1, points, scalars));
  },
};
