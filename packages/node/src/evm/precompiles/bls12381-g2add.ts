/**
 * evm/precompiles/bls12381-g2add: address 0x0d (Prague, EIP-2537). Adds two G2 points.
 * Input exactly 512 bytes (two encoded points), output 256 bytes. Points must be on the twist
 * but need not be in the subgroup. Gas: 600.
 */
import { decodeG2, encodeG2, G2_LENGTH } from "./bls12381-codec.js";
import type { Precompile } from "./types.js";

export const BLS12_G2ADD_GAS = 600n;

export const bls12G2Add: Precompile = {
  gas: () => BLS12_G2ADD_GAS,
  run(input) {
    if (input.length !== 2 * G2_LENGTH) return undefined;
    const a = decodeG2(input, 0);
    const b = decodeG2(input, G2_LENGTH);
    if (!a || !b) return undefined;
    return encodeG2(a.add(b));
  },
};
