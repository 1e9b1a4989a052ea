/**
 * evm/precompiles/ripemd160: address 0x03 (Frontier). RIPEMD-160 of the input, the 20-byte digest
 * left-padded to a 32-byte word; 600 gas plus 120 per 32-byte word. Cannot fail.
 */
import { ripemd160 as ripemd160Hash } from "../../crypto/index.js";
import type { Precompile } from "./types.js";
import { wordCount } from "./util.js";

export const RIPEMD160_BASE_GAS = 600n;
export const RIPEMD160_WORD_GAS = 120n;

export const ripemd160: Precompile = {
  gas: (input) => RIPEMD160_BASE_GAS + RIPEMD160_WORD_GAS * wordCount(input.length),
  run(input) {
    const out = new Uint8Array(32);
    out.set(ripemd160Hash(input), 12);
    return out;
  },
};
