/**
 * evm/precompiles/bls12381-codec: the EIP-2537 byte encodings shared by the BLS12-381 contracts
 * (Prague), and the gas tables they price with.
 *
 * - An Fp element is 64 bytes big-endian: 16 zero bytes of padding, which must be zero, then 48
 *   bytes whose value must be below the field modulus p.
 * - An Fp2 element c0 + c1*v is encode(c0) || encode(c1), 128 bytes.
 * - A G1 point is x || y (128 bytes), a G2 point x || y over Fp2 (256 bytes). All zeros encodes
 *   the point at infinity; any other point must satisfy the curve equation. Whether it must also
 *   lie in the order-q subgroup depends on the contract (MSM and pairing: yes; ADD: no).
 * - A scalar is 32 bytes big-endian, any value (not reduced, not bounded by q).
 * Decoders return undefined for any violation: the contract then fails and burns its gas.
 */
import { bls12_381 } from "@noble/curves/bls12-381.js";
import { isZeroRange, toBigint, writeFixed } from "./util.js";

export const { Fp, Fp2, Fp12 } = bls12_381.fields;
export const G1 = bls12_381.G1.Point;
export const G2 = bls12_381.G2.Point;
export type G1Point = InstanceType<typeof G1>;
export type G2Point = InstanceType<typeof G2>;
export type Fp2Value = ReturnType<typeof Fp2.fromBigTuple>;

const P = Fp.ORDER;
/** Order q of the G1 and G2 subgroups. */
export const BLS_Q = G1.Fn.ORDER;
const B1 = G1.CURVE().b;
const B2 = G2.CURVE().b;

export const FP_LENGTH = 64;
export const G1_LENGTH = 128;
export const G2_LENGTH = 256;
export const SCALAR_LENGTH = 32;

/** An Fp element at `offset`, or undefined if the padding is non-zero or the value is >= p. */
export function decodeFp(data: Uint8Array, offset: number): bigint | undefined {
  if (!isZeroRange(data, offset, offset + 16)) return undefined;
  const value = toBigint(data.subarray(offset + 16, offset + FP_LENGTH));
  return value < P ? value : undefined;
}

export function decodeFp2(data: Uint8Array, offset: number): Fp2Value | undefined {
  const c0 = decodeFp(data, offset);
  const c1 = decodeFp(data, offset + FP_LENGTH);
  if (c0 === undefined || c1 === undefined) return undefined;
  return Fp2.fromBigTuple([c0, c1]);
}

/** A G1 point on the curve (not necessarily in the subgroup), or undefined. */
export function decodeG1(data: Uint8Array, offset: number): G1Point | undefined {
  const x = decodeFp(data, offset);
  const y = decodeFp(data, offset + FP_LENGTH);
  if (x === undefined || y === undefined) return undefined;
  if (x === 0n && y === 0n) return G1.ZERO;
  if (Fp.sqr(y) !== Fp.add(Fp.mul(Fp.sqr(x), x), B1)) return undefined;
  return G1.fromAffine({ x, y });
}

/** A G2 point on the twist (not necessarily in the subgroup), or undefined. */
export function decodeG2(data: Uint8Array, offset: number): G2Point | undefined {
  const x = decodeFp2(data, offset);
  const y = decodeFp2(data, offset + 2 * FP_LENGTH);
  if (x === undefined || y === undefined) return undefined;
  if (Fp2.is0(x) && Fp2.is0(y)) return G2.ZERO;
  if (!Fp2.eql(Fp2.sqr(y), Fp2.add(Fp2.mul(Fp2.sqr(x), x), B2))) return undefined;
  return G2.fromAffine({ x, y });
}

/** A G1 point that must also be in the order-q subgroup (MSM, pairing). */
export function decodeG1Subgroup(data: Uint8Array, offset: number): G1Point | undefined {
  const point = decodeG1(data, offset);
  return point && (point.is0() || point.isTorsionFree()) ? point : undefined;
}

export function decodeG2Subgroup(data: Uint8Array, offset: number): G2Point | undefined {
  const point = decodeG2(data, offset);
  return point && (point.is0() || point.isTorsionFree()) ? point : undefined;
}

export function decodeScalar(data: Uint8Array, offset: number): bigint {
  return toBigint(data.subarray(offset, offset + SCALAR_LENGTH));
}

export function encodeG1(point: G1Point): Uint8Array {
  const out = new Uint8Array(G1_LENGTH);
  if (point.is0()) return out;
  const { x, y } = point.toAffine();
  writeFixed(out, 16, x, 48);
  writeFixed(out, FP_LENGTH + 16, y, 48);
  return out;
}

export function encodeG2(point: G2Point): Uint8Array {
  const out = new Uint8Array(G2_LENGTH);
  if (point.is0()) return out;
  const { x, y } = point.toAffine();
  writeFixed(out, 16, x.c0, 48);
  writeFixed(out, 80, x.c1, 48);
  writeFixed(out, 144, y.c0, 48);
  writeFixed(out, 208, y.c1, 48);
  return out;
}

/**
 * MSM discount per number of pairs k (index k - 1), in thousandths, from the final EIP-2537
 * text; past the end of a table the last entry applies.
 */
export const G1_MSM_DISCOUNT: readonly number[] = [
  1000, 949, 848, 797, 764, 750, 738, 728, 719, 712, 705, 698, 692, 687, 682, 677, 673, 669, 665, 661, 658, 654, 651, 648, 645, 642, 640,
  637, 635, 632, 630, 627, 625, 623, 621, 619, 617, 615, 613, 611, 609, 608, 606, 604, 603, 601, 599, 598, 596, 595, 593, 592, 591, 589,
  588, 586, 585, 584, 582, 581, 580, 579, 577, 576, 575, 574, 573, 572, 570, 569, 568, 567, 566, 565, 564, 563, 562, 561, 560, 559, 558,
  557, 556, 555, 554, 553, 552, 551, 550, 549, 548, 547, 547, 546, 545, 544, 543, 542, 541, 540, 540, 539, 538, 537, 536, 536, 535, 534,
  533, 532, 532, 531, 530, 529, 528, 528, 527, 526, 525, 525, 524, 523, 522, 522, 521, 520, 520, 519,
];

export const G2_MSM_DISCOUNT: readonly number[] = [
  1000, 1000, 923, 884, 855, 832, 812, 796, 782, 770, 759, 749, 740, 732, 724, 717, 711, 704, 699, 693, 688, 683, 679, 674, 670, 666, 663,
  659, 655, 652, 649, 646, 643, 640, 637, 634, 632, 629, 627, 624, 622, 620, 618, 615, 613, 611, 609, 607, 606, 604, 602, 600, 598, 597,
  595, 593, 592, 590, 589, 587, 586, 584, 583, 582, 580, 579, 578, 576, 575, 574, 573, 571, 570, 569, 568, 567, 566, 565, 563, 562, 561,
  560, 559, 558, 557, 556, 555, 554, 553, 552, 552, 551, 550, 549, 548, 547, 546, 545, 545, 544, 543, 542, 541, 541, 540, 539, 538, 537,
  537, 536, 535, 535, 534, 533, 532, 532, 531, 530, 530, 529, 528, 528, 527, 526, 526, 525, 524, 524,
];

/** k * multiplicationCost * discount(k) / 1000, zero for k = 0 (that input fails anyway). */
export function msmGas(k: number, multiplicationCost: bigint, table: readonly number[]): bigint {
  if (k === 0) return 0n;
  const discount = BigInt(table[Math.min(k, table.length) - 1]!);
  return (BigInt(k) * multiplicationCost * discount) / 1000n;
}
