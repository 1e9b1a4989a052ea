/**
 * Differential test, Prague: the EIP-2537 BLS12-381 precompiles (bls-cases.ts) called directly
 * and through a caller contract, on Cairn and on anvil; success, output (through its hash in
 * storage), gas used and post-state must agree.
 */
import { blsCase } from "./bls-cases.js";
import { differentialSuite } from "./suite.js";

differentialSuite({ name: "bls", defaultCases: 200, build: blsCase });
