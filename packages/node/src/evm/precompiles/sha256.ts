/**
 * evm/precompiles/sha256: address 0x02 (Frontier). SHA-256 of the input; 60 gas plus 12 per
 * 32-byte word. Cannot fail.
 */
import { sha256 as sha256Hash } from "../../crypto/index.js";
import type { Precompile } from "./types.js";
import { wordCount } from "./util.js";

export const SHA256_BASE_GAS = 60n;
export const SHA256_WORD_GAS = 12n;

export const sha256: Precompile = {
  gas: (input) => SHA256_BASE_GAS + SHA256_WORD_GAS * wordCount(input.length),
  run: (input) => sha256Hash(input),
};
