/**
 * evm/precompiles/bls12381-g2msm: address 0x0e (Prague, EIP-2537). Multi-scalar multiplication
 * in G2: sum of s_i * P_i over k >= 1 pairs of (256-byte point, 32-byte scalar), 288 bytes each.
 * Every point must be in the order-q subgroup. Gas: k * 22500 * discount(k) / 1000 with the
 * EIP's G2 discount table.
 */
import { pippenger } from "@noble/curves/abstract/curve.js";
import {
  BLS_Q,
  decodeG2Subgroup,
  decodeScalar,
  encodeG2,
  G2,
  G2_LENGTH,
  G2_MSM_DISCOUNT,
  type G2Point,
  msmGas,
  SCALAR_LENGTH,
} from "./bls12381-codec.js";
import type { Precompile } from "./types.js";

export const BLS12_G2MUL_GAS = 22500n;
const PAIR_LENGTH = G2_LENGTH + SCALAR_LENGTH;

export const bls12G2Msm: Precompile = {
  gas: (input) => msmGas(Math.floor(input.length / PAIR_LENGTH), BLS12_G2MUL_GAS, G2_MSM_DISCOUNT),
  run(input) {
    if (input.length === 0 || input.length % PAIR_LENGTH !== 0) return undefined;
    const points: G2Point[] = [];
    const scalars: bigint[] = [];
    for (let offset = 0; offset < input.length; offset += PAIR_LENGTH) {
      const point = decodeG2Subgroup(input, offset);
      if (!point) return undefined;
      const scalar = decodeScalar(input, offset + G2_LENGTH) % BLS_Q;
      if (point.is0() || scalar === 0n) continue;
      points.push(point);
      scalars.push(scalar);
    }
    if (points.length === 0) return encodeG2(G2.ZERO);
    if (points.length === 1) return encodeG2(points[0]!.multiplyUnsafe(scalars[0]!));
    return encodeG2(pippenger(G2, points, scalars));
  },
};
