/**
 * evm/precompiles/bls12381-g1add: address 0x0b (Prague, EIP-2537). Adds two G1 points.
 * Input exactly 256 bytes (two encoded points), output 128 bytes. Points must be on the curve
 * but need not be in the subgroup. Gas: 375.
 */
import { decodeG1, encodeG1, G1_LENGTH } from "./bls12381-codec.js";
import type { Precompile } from "./types.js";

export const BLS12_G1ADD_GAS = 375n;

export const bls12G1Add: Precompile = {
  gas: () => BLS12_G1ADD_GAS,
  run(input) {
    if (input.length !== 2 * G1_LENGTH) return undefined;
    const a = decodeG1(input, 0);
    const b = decodeG1(input, G1_LENGTH);
    if (!a || !b) return undefined;
    return encodeG1(a.add(b));
  },
};
