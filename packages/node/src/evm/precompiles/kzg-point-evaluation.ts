/**
 * evm/precompiles/kzg-point-evaluation: address 0x0a (Cancun, EIP-4844). Verifies a KZG proof
 * that the polynomial committed to by a blob commitment takes value y at point z.
 *
 * Input exactly 192 bytes: versioned_hash (32) | z (32) | y (32) | commitment (48) | proof (48).
 * The versioned hash must be 0x01 || sha256(commitment)[1:]; z and y are big-endian field
 * elements below BLS_MODULUS; commitment and proof are compressed G1 points that must decode
 * (ZCash encoding) and lie in the subgroup (KeyValidate). Any violation, or a proof that does not
 * verify, fails the call. Output: FIELD_ELEMENTS_PER_BLOB and BLS_MODULUS as two 32-byte words.
 * Gas: 50000.
 *
 * verify_kzg_proof (consensus-specs, polynomial-commitments) is one pairing check:
 *   e(C - [y]G1, -G2) * e(proof, [tau]G2 - [z]G2) == 1,
 * so the only value needed from the trusted setup is [tau]G2.
 *
 * Two backends: the native `c-kzg` package (which ships the mainnet trusted setup) verifies in
 * about a millisecond and is used when it loads; the pure-JS route over @noble/curves'
 * bls12-381, with the one [tau]G2 constant below, is the fallback (and CAIRN_CRYPTO=js forces
 * it). Tests check that both give the same verdicts.
 */
import { bls12_381 } from "@noble/curves/bls12-381.js";
import { type NativeKzg, nativeKzg, sha256 } from "../../crypto/index.js";
import { Fp, Fp12, G1, type G1Point, G2 } from "./bls12381-codec.js";
import type { Precompile } from "./types.js";
import { toBigint, writeFixed } from "./util.js";

export const POINT_EVALUATION_GAS = 50000n;
export const FIELD_ELEMENTS_PER_BLOB = 4096n;
/** Order of the BLS12-381 G1/G2 subgroups, the scalar field of blob polynomials. */
export const BLS_MODULUS = 0x73eda753299d7d483339d80809a1d80553bda402fffe5bfeffffffff00000001n;
export const VERSIONED_HASH_VERSION_KZG = 0x01;

/**
 * [tau]G2 of the Ethereum mainnet KZG ceremony, compressed: g2_monomial[1] of
 * consensus-specs presets/mainnet/trusted_setups/trusted_setup_4096.json (also the second G2 line
 * of c-kzg-4844's trusted_setup.txt, and KZG_SETUP_G2_MONOMIAL_1 in execution-specs). Decoded and
 * checked to be a valid subgroup point when this module loads.
 */
export const KZG_SETUP_G2_MONOMIAL_1 =
  "b5bfd7dd8cdeb128843bc287230af38926187075cbfbefa81009a2ce615ac53d2914e5870cb452d2afaaab24f3499f72185cbfee53492714734429b7b38608e23926c911cceceac9a36851477ba4c60b087041de621000edc98edada20c1def2";

const TAU_G2 = G2.fromHex(KZG_SETUP_G2_MONOMIAL_1);
TAU_G2.assertValidity();
const NEG_G2 = G2.BASE.negate();

const P = Fp.ORDER;
const HALF_P = (P - 1n) / 2n;
const B1 = G1.CURVE().b;

/**
 * Compressed G1 point (48 bytes, ZCash flags in the top three bits) that must pass KeyValidate:
 * canonical encoding, x below p, on the curve, in the subgroup. Infinity is 0xc0 then zeros.
 */
export function decodeCompressedG1(bytes: Uint8Array): G1Point | undefined {
  if (bytes.length !== 48) return undefined;
  const flags = bytes[0]! >> 5;
  const compressed = (flags & 4) !== 0;
  const infinity = (flags & 2) !== 0;
  const sort = (flags & 1) !== 0;
  if (!compressed) return undefined;
  const body = bytes.slice();
  body[0]! &= 0x1f;
  const x = toBigint(body);
  if (infinity) return !sort && x === 0n ? G1.ZERO : undefined;
  if (x >= P) return undefined;
  const rhs = Fp.add(Fp.mul(Fp.sqr(x), x), B1);
  // Euler's criterion first: noble's sqrt throws on non-residues, and a bad point is a normal outcome.
  if (rhs !== 0n && Fp.pow(rhs, HALF_P) !== 1n) return undefined;
  let y = Fp.sqrt(rhs);
  // The sort bit says whether y is the larger of the two roots.
  if (y > HALF_P !== sort) y = Fp.neg(y);
  const point = G1.fromAffine({ x, y });
  return point.isTorsionFree() ? point : undefined;
}

/** verify_kzg_proof for decoded inputs; z and y already checked below BLS_MODULUS. */
export function verifyKzgProof(commitment: G1Point, z: bigint, y: bigint, proof: G1Point): boolean {
  const pMinusY = commitment.subtract(G1.BASE.multiplyUnsafe(y));
  const xMinusZ = TAU_G2.subtract(G2.BASE.multiplyUnsafe(z));
  const pairs = [
    { g1: pMinusY, g2: NEG_G2 },
    { g1: proof, g2: xMinusZ },
  ].filter((pair) => !pair.g1.is0() && !pair.g2.is0());
  return Fp12.eql(bls12_381.pairingBatch(pairs), Fp12.ONE);
}

let preferNative = process.env.CAIRN_CRYPTO !== "js";

export type KzgBackend = "native" | "js";

export function kzgBackend(): KzgBackend {
  return preferNative && nativeKzg() ? "native" : "js";
}

/** Switches backend (tests and benchmarks); false if the backend is unavailable. */
export function setKzgBackend(name: KzgBackend): boolean {
  if (name === "native" && !nativeKzg()) return false;
  preferNative = name === "native";
  return true;
}

/** The JS route: decode and KeyValidate both points, then the pairing check. */
function verifyJs(commitmentBytes: Uint8Array, z: bigint, y: bigint, proofBytes: Uint8Array): boolean {
  const commitment = decodeCompressedG1(commitmentBytes);
  const proof = decodeCompressedG1(proofBytes);
  if (!commitment || !proof) return false;
  return verifyKzgProof(commitment, z, y, proof);
}

function verifyNative(kzg: NativeKzg, commitment: Uint8Array, z: Uint8Array, y: Uint8Array, proof: Uint8Array): boolean {
  try {
    return kzg.verifyKzgProof(commitment, z, y, proof);
  } catch {
    // c-kzg throws for encodings that fail KeyValidate: for the precompile that is a failed proof.
    return false;
  }
}

function successOutput(): Uint8Array {
  const out = new Uint8Array(64);
  writeFixed(out, 0, FIELD_ELEMENTS_PER_BLOB, 32);
  writeFixed(out, 32, BLS_MODULUS, 32);
  return out;
}

export const pointEvaluation: Precompile = {
  gas: () => POINT_EVALUATION_GAS,
  run(input) {
    if (input.length !== 192) return undefined;
    const commitmentBytes = input.subarray(96, 144);
    const hash = sha256(commitmentBytes);
    if (input[0] !== VERSIONED_HASH_VERSION_KZG) return undefined;
    for (let i = 1; i < 32; i++) if (input[i] !== hash[i]) return undefined;
    const z = toBigint(input.subarray(32, 64));
    const y = toBigint(input.subarray(64, 96));
    if (z >= BLS_MODULUS || y >= BLS_MODULUS) return undefined;
    const proofBytes = input.subarray(144, 192);
    const kzg = preferNative ? nativeKzg() : null;
    const ok = kzg
      ? verifyNative(kzg, commitmentBytes.slice(), input.slice(32, 64), input.slice(64, 96), proofBytes.slice())
      : verifyJs(commitmentBytes, z, y, proofBytes);
    return ok ? successOutput() : undefined;
  },
};
