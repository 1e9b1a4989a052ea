/**
 * evm/precompiles/identity: address 0x04 (Frontier). Returns its input; 15 gas plus 3 per 32-byte
 * word. Cannot fail.
 */
import type { Precompile } from "./types.js";
import { wordCount } from "./util.js";

export const IDENTITY_BASE_GAS = 15n;
export const IDENTITY_WORD_GAS = 3n;

export const identity: Precompile = {
  gas: (input) => IDENTITY_BASE_GAS + IDENTITY_WORD_GAS * wordCount(input.length),
  // A copy, so the caller may go on writing to its memory without changing the return data.
  run: (input) => input.slice(),
};
