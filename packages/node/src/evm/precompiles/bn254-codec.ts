/**
 * evm/precompiles/bn254-codec: encodings and prices shared by the alt_bn128 (BN254) contracts
 * of Byzantium (EIP-196, EIP-197), repriced by EIP-1108 in Istanbul.
 * Coordinates are 32-byte big-endian integers that must be below the field modulus; (0, 0) is the
 * point at infinity; every other point must be on its curve, and G2 points must lie in the order-r
 * subgroup (G1 has cofactor 1, so every curve point is in it). An Fp2 element x = a*i + b is
 * encoded imaginary part first: (a, b). Decoders return undefined for any violation.
 * Arithmetic is @noble/curves' bn254.
 */
import { bn254 } from "@noble/curves/bn254.js";
import { toBigint, writeFixed } from "./util.js";

export const { Fp, Fp2, Fp12 } = bn254.fields;
export const G1 = bn254.G1.Point;
export const G2 = bn254.G2.Point;
export type G1Point = InstanceType<typeof G1>;
export type G2Point = InstanceType<typeof G2>;
type Fp2Value = ReturnType<typeof Fp2.fromBigTuple>;

const P = Fp.ORDER;
/** Order r of G1 (and of the G2 subgroup). */
export const BN254_R = G1.Fn.ORDER;
const B1 = G1.CURVE().b;
const B2 = G2.CURVE().b;

export interface Bn254Prices {
  add: bigint;
  mul: bigint;
  pairingBase: bigint;
  pairingPerPair: bigint;
}

/** Byzantium prices (EIP-196, EIP-197). */
export const BN254_PRICES_BYZANTIUM: Bn254Prices = { add: 500n, mul: 40000n, pairingBase: 100000n, pairingPerPair: 80000n };
/** Istanbul prices (EIP-1108). */
export const BN254_PRICES_ISTANBUL: Bn254Prices = { add: 150n, mul: 6000n, pairingBase: 45000n, pairingPerPair: 34000n };

export function word(data: Uint8Array, index: number): bigint {
  return toBigint(data.subarray(32 * index, 32 * index + 32));
}

/** G1 point from 64 bytes, or undefined when a coordinate is out of range or off the curve. */
export function decodeG1(data: Uint8Array, offset: number): G1Point | undefined {
  const x = word(data, offset / 32);
  const y = word(data, offset / 32 + 1);
  if (x >= P || y >= P) return undefined;
  if (x === 0n && y === 0n) return G1.ZERO;
  if (Fp.sqr(y) !== Fp.add(Fp.mul(Fp.sqr(x), x), B1)) return undefined;
  return G1.fromAffine({ x, y });
}

/** G2 point from 128 bytes (x_im, x_re, y_im, y_re), checked on the twist and in the subgroup. */
export function decodeG2(data: Uint8Array, offset: number): G2Point | undefined {
  const w = offset / 32;
  const xi = word(data, w);
  const xr = word(data, w + 1);
  const yi = word(data, w + 2);
  const yr = word(data, w + 3);
  if (xi >= P || xr >= P || yi >= P || yr >= P) return undefined;
  if (xi === 0n && xr === 0n && yi === 0n && yr === 0n) return G2.ZERO;
  const x: Fp2Value = Fp2.fromBigTuple([xr, xi]);
  const y: Fp2Value = Fp2.fromBigTuple([yr, yi]);
  if (!Fp2.eql(Fp2.sqr(y), Fp2.add(Fp2.mul(Fp2.sqr(x), x), B2))) return undefined;
  const point = G2.fromAffine({ x, y });
  if (!point.isTorsionFree()) return undefined;
  return point;
}

export function encodeG1(point: G1Point): Uint8Array {
  const out = new Uint8Array(64);
  if (point.is0()) return out;
  const { x, y } = point.toAffine();
  writeFixed(out, 0, x, 32);
  writeFixed(out, 32, y, 32);
  return out;
}
