/**
 * evm/precompiles/bls12381-pairing: address 0x0f (Prague, EIP-2537). Pairing check: k >= 1
 * slices of (128-byte G1 point, 256-byte G2 point); output 1 if the product of e(P_i, Q_i) is the
 * identity of GT, else 0, as a 32-byte word. Every point must be in its order-q subgroup; a pair
 * with a point at infinity contributes the identity. Gas: 32600 * k + 37700.
 */
import { bls12_381 } from "@noble/curves/bls12-381.js";
import { decodeG1Subgroup, decodeG2Subgroup, Fp12, G1_LENGTH, type G1Point, G2_LENGTH, type G2Point } from "./bls12381-codec.js";
import type { Precompile } from "./types.js";
import { trueWord } from "./util.js";

export const BLS12_PAIRING_BASE_GAS = 37700n;
export const BLS12_PAIRING_PER_PAIR_GAS = 32600n;
const PAIR_LENGTH = G1_LENGTH + G2_LENGTH;

export const bls12PairingCheck: Precompile = {
  gas: (input) => BLS12_PAIRING_BASE_GAS + BLS12_PAIRING_PER_PAIR_GAS * BigInt(Math.floor(input.length / PAIR_LENGTH)),
  run(input) {
    if (input.length === 0 || input.length % PAIR_LENGTH !== 0) return undefined;
    const pairs: { g1: G1Point; g2: G2Point }[] = [];
    for (let offset = 0; offset < input.length; offset += PAIR_LENGTH) {
      const g1 = decodeG1Subgroup(input, offset);
      const g2 = decodeG2Subgroup(input, offset + G1_LENGTH);
      if (!g1 || !g2) return undefined;
      if (!g1.is0() && !g2.is0()) pairs.push({ g1, g2 });
    }
    return Fp12.eql(bls12_381.pairingBatch(pairs), Fp12.ONE) ? trueWord() : new Uint8Array(32);
  },
};
