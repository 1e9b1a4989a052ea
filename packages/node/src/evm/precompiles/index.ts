/**
 * evm/precompiles: the precompiled contracts and which of them each fork has, priced per fork.
 * Owns: contract semantics, their input encodings and gas. Does not own: charging the gas, the
 * call frame, warm-address rules (EIP-2929 pre-warms every address in the set) or the Host port.
 *
 *   0x01 ECRECOVER, 0x02 SHA256, 0x03 RIPEMD160, 0x04 IDENTITY       Frontier
 *   0x05 MODEXP, 0x06 ECADD, 0x07 ECMUL, 0x08 ECPAIRING              Byzantium (EIP-198/196/197)
 *   0x06..0x08 repriced (EIP-1108), 0x09 BLAKE2F (EIP-152)           Istanbul
 *   0x05 repriced (EIP-2565)                                         Berlin
 *   0x0a KZG point evaluation (EIP-4844)                             Cancun
 *   0x0b..0x11 BLS12-381 (EIP-2537)                                  Prague
 *   0x05 repriced and bounded (EIP-7883, EIP-7823), 0x100 P256VERIFY Osaka
 */
import { type Fork, forkAtLeast } from "../../params/index.js";
import { blake2f } from "./blake2f.js";
import { bls12G1Add } from "./bls12381-g1add.js";
import { bls12G1Msm } from "./bls12381-g1msm.js";
import { bls12G2Add } from "./bls12381-g2add.js";
import { bls12G2Msm } from "./bls12381-g2msm.js";
import { bls12MapFpToG1 } from "./bls12381-map-g1.js";
import { bls12MapFp2ToG2 } from "./bls12381-map-g2.js";
import { bls12PairingCheck } from "./bls12381-pairing.js";
import { bn254Add } from "./bn254-add.js";
import { BN254_PRICES_BYZANTIUM, BN254_PRICES_ISTANBUL } from "./bn254-codec.js";
import { bn254Mul } from "./bn254-mul.js";
import { bn254Pairing } from "./bn254-pairing.js";
import { ecrecover } from "./ecrecover.js";
import { identity } from "./identity.js";
import { pointEvaluation } from "./kzg-point-evaluation.js";
import { modexpBerlin, modexpByzantium, modexpOsaka } from "./modexp.js";
import { p256verify } from "./p256verify.js";
import { ripemd160 } from "./ripemd160.js";
import { sha256 } from "./sha256.js";
import type { Precompile, PrecompileSet } from "./types.js";

export { BLAKE2F_INPUT_LENGTH, blake2bCompress, blake2f } from "./blake2f.js";
export { G1_MSM_DISCOUNT, G2_MSM_DISCOUNT, msmGas } from "./bls12381-codec.js";
export { BLS12_G1ADD_GAS, bls12G1Add } from "./bls12381-g1add.js";
export { BLS12_G1MUL_GAS, bls12G1Msm } from "./bls12381-g1msm.js";
export { BLS12_G2ADD_GAS, bls12G2Add } from "./bls12381-g2add.js";
export { BLS12_G2MUL_GAS, bls12G2Msm } from "./bls12381-g2msm.js";
export { BLS12_MAP_FP_TO_G1_GAS, bls12MapFpToG1 } from "./bls12381-map-g1.js";
export { BLS12_MAP_FP2_TO_G2_GAS, bls12MapFp2ToG2 } from "./bls12381-map-g2.js";
export { BLS12_PAIRING_BASE_GAS, BLS12_PAIRING_PER_PAIR_GAS, bls12PairingCheck } from "./bls12381-pairing.js";
export { bn254Add } from "./bn254-add.js";
export { BN254_PRICES_BYZANTIUM, BN254_PRICES_ISTANBUL, type Bn254Prices } from "./bn254-codec.js";
export { bn254Mul } from "./bn254-mul.js";
export { bn254Pairing } from "./bn254-pairing.js";
export { ECRECOVER_GAS, ecrecover } from "./ecrecover.js";
export { PrecompileError } from "./errors.js";
export { IDENTITY_BASE_GAS, IDENTITY_WORD_GAS, identity } from "./identity.js";
export {
  BLS_MODULUS,
  decodeCompressedG1,
  FIELD_ELEMENTS_PER_BLOB,
  KZG_SETUP_G2_MONOMIAL_1,
  POINT_EVALUATION_GAS,
  pointEvaluation,
  VERSIONED_HASH_VERSION_KZG,
  verifyKzgProof,
} from "./kzg-point-evaluation.js";
export {
  MODEXP_MAX_LENGTH_OSAKA,
  modexpBerlin,
  modexpByzantium,
  modexpGasEip198,
  modexpGasEip2565,
  modexpGasEip7883,
  modexpOsaka,
  modPow,
} from "./modexp.js";
export { P256VERIFY_GAS, p256Verify, p256verify } from "./p256verify.js";
export { RIPEMD160_BASE_GAS, RIPEMD160_WORD_GAS, ripemd160 } from "./ripemd160.js";
export { SHA256_BASE_GAS, SHA256_WORD_GAS, sha256 } from "./sha256.js";
export type { Precompile, PrecompileSet } from "./types.js";

/** Addresses (as integers) of the precompiled contracts. */
export const PRECOMPILE_ADDRESS = {
  ECRECOVER: 0x01,
  SHA256: 0x02,
  RIPEMD160: 0x03,
  IDENTITY: 0x04,
  MODEXP: 0x05,
  BN254_ADD: 0x06,
  BN254_MUL: 0x07,
  BN254_PAIRING: 0x08,
  BLAKE2F: 0x09,
  POINT_EVALUATION: 0x0a,
  BLS12_G1ADD: 0x0b,
  BLS12_G1MSM: 0x0c,
  BLS12_G2ADD: 0x0d,
  BLS12_G2MSM: 0x0e,
  BLS12_PAIRING_CHECK: 0x0f,
  BLS12_MAP_FP_TO_G1: 0x10,
  BLS12_MAP_FP2_TO_G2: 0x11,
  P256VERIFY: 0x100,
} as const;

function build(fork: Fork): PrecompileSet {
  const A = PRECOMPILE_ADDRESS;
  const set = new Map<number, Precompile>([
    [A.ECRECOVER, ecrecover],
    [A.SHA256, sha256],
    [A.RIPEMD160, ripemd160],
    [A.IDENTITY, identity],
  ]);
  if (forkAtLeast(fork, "Byzantium")) {
    const prices = forkAtLeast(fork, "Istanbul") ? BN254_PRICES_ISTANBUL : BN254_PRICES_BYZANTIUM;
    const modexp = forkAtLeast(fork, "Osaka") ? modexpOsaka : forkAtLeast(fork, "Berlin") ? modexpBerlin : modexpByzantium;
    set.set(A.MODEXP, modexp);
    set.set(A.BN254_ADD, bn254Add(prices));
    set.set(A.BN254_MUL, bn254Mul(prices));
    set.set(A.BN254_PAIRING, bn254Pairing(prices));
  }
  if (forkAtLeast(fork, "Istanbul")) set.set(A.BLAKE2F, blake2f);
  if (forkAtLeast(fork, "Cancun")) set.set(A.POINT_EVALUATION, pointEvaluation);
  if (forkAtLeast(fork, "Prague")) {
    set.set(A.BLS12_G1ADD, bls12G1Add);
    set.set(A.BLS12_G1MSM, bls12G1Msm);
    set.set(A.BLS12_G2ADD, bls12G2Add);
    set.set(A.BLS12_G2MSM, bls12G2Msm);
    set.set(A.BLS12_PAIRING_CHECK, bls12PairingCheck);
    set.set(A.BLS12_MAP_FP_TO_G1, bls12MapFpToG1);
    set.set(A.BLS12_MAP_FP2_TO_G2, bls12MapFp2ToG2);
  }
  if (forkAtLeast(fork, "Osaka")) set.set(A.P256VERIFY, p256verify);
  return set;
}

const cache = new Map<Fork, PrecompileSet>();

/** The precompiled contracts active in `fork`, keyed by address; built once per fork. */
export function precompilesFor(fork: Fork): PrecompileSet {
  let set = cache.get(fork);
  if (!set) {
    set = build(fork);
    cache.set(fork, set);
  }
  return set;
}
