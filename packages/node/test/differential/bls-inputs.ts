/**
 * test/differential/bls-inputs: inputs for the EIP-2537 BLS12-381 precompiles, made with
 * @noble/curves and encoded here (independently of src/evm) as the EIP says: a field element is
 * 64 bytes (16 zero bytes, then 48 big-endian), an Fp2 element c0 || c1, a G1 point x || y
 * (128 bytes), a G2 point x || y over Fp2 (256 bytes), the point at infinity all zeros, a
 * scalar 32 big-endian bytes (not reduced: it may exceed the group order).
 *
 * Scalar multiplication in pure JS costs milliseconds, so each process computes a small pool of
 * points once (fixed multiples of the generators) and cases combine pool points with cheap
 * additions and small multiples, driven by the case's seeded generator.
 */
import { bls12_381 } from "@noble/curves/bls12-381.js";
import { bigintToBytes, concatBytes } from "../../src/primitives/index.js";
import type { Rng } from "./rng.js";

const { Fp, Fp2, Fr } = bls12_381.fields;
const G1 = bls12_381.G1.Point;
const G2 = bls12_381.G2.Point;
type G1Point = InstanceType<typeof G1>;
type G2Point = InstanceType<typeof G2>;
type Fp2Value = ReturnType<typeof Fp2.fromBigTuple>;

export const BLS_P = Fp.ORDER;
export const BLS_R = Fr.ORDER;

export function fp(x: bigint): Uint8Array {
  const out = new Uint8Array(64);
  const b = bigintToBytes(x);
  out.set(b, 64 - b.length);
  return out;
}

export function fp2(x: Fp2Value): Uint8Array {
  return concatBytes(fp(x.c0), fp(x.c1));
}

export function scalar(k: bigint): Uint8Array {
  const out = new Uint8Array(32);
  const b = bigintToBytes(k);
  out.set(b, 32 - b.length);
  return out;
}

export function g1(p: G1Point): Uint8Array {
  if (p.is0()) return new Uint8Array(128);
  const a = p.toAffine();
  return concatBytes(fp(a.x), fp(a.y));
}

export function g2(p: G2Point): Uint8Array {
  if (p.is0()) return new Uint8Array(256);
  const a = p.toAffine();
  return concatBytes(fp2(a.x), fp2(a.y));
}

interface Pool {
  g1: G1Point[];
  g2: G2Point[];
  g1NotInSubgroup: Uint8Array[];
  g2NotInSubgroup: Uint8Array[];
}

let pool: Pool | undefined;

/** On-curve points outside the order-r subgroup (the cofactor part is not cleared). */
function g1OffSubgroup(count: number): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (let x = 1n; out.length < count; x++) {
    const rhs = Fp.add(Fp.mul(Fp.sqr(x), x), 4n);
    let y: bigint;
    try {
      y = Fp.sqrt(rhs);
    } catch {
      continue;
    }
    if (!Fp.eql(Fp.sqr(y), rhs)) continue;
    const p = G1.fromAffine({ x, y });
    if (!p.isTorsionFree()) out.push(g1(p));
  }
  return out;
}

function g2OffSubgroup(count: number): Uint8Array[] {
  const out: Uint8Array[] = [];
  const b = Fp2.fromBigTuple([4n, 4n]);
  for (let i = 1n; out.length < count; i++) {
    const x = Fp2.fromBigTuple([i, 1n]);
    const rhs = Fp2.add(Fp2.mul(Fp2.sqr(x), x), b);
    let y: Fp2Value;
    try {
      y = Fp2.sqrt(rhs);
    } catch {
      continue;
    }
    if (!Fp2.eql(Fp2.sqr(y), rhs)) continue;
    const p = G2.fromAffine({ x, y });
    if (!p.isTorsionFree()) out.push(g2(p));
  }
  return out;
}

function getPool(): Pool {
  if (pool === undefined) {
    const scalars = [1n, 2n, 3n, 0xdeadbeefn, BLS_R - 1n, BLS_R / 3n, 0x1234_5678_9abc_def0_1234_5678n, (1n << 200n) + 12345n];
    pool = {
      g1: scalars.map((k) => G1.BASE.multiply(k)),
      g2: scalars.map((k) => G2.BASE.multiply(k)),
      g1NotInSubgroup: g1OffSubgroup(3),
      g2NotInSubgroup: g2OffSubgroup(2),
    };
  }
  return pool;
}

/** A random subgroup point: a pool point, a sum of two, or a small multiple; rarely infinity. */
export function randomG1(rng: Rng): G1Point {
  const p = getPool().g1;
  return rng.weighted<() => G1Point>([
    [1, () => G1.ZERO],
    [3, () => rng.pick(p)],
    [3, () => rng.pick(p).add(rng.pick(p))],
    [2, () => rng.pick(p).multiply(BigInt(rng.range(1, 0xffff)))],
    [1, () => rng.pick(p).negate()],
  ])();
}

export function randomG2(rng: Rng): G2Point {
  const p = getPool().g2;
  return rng.weighted<() => G2Point>([
    [1, () => G2.ZERO],
    [3, () => rng.pick(p)],
    [3, () => rng.pick(p).add(rng.pick(p))],
    [2, () => rng.pick(p).multiply(BigInt(rng.range(1, 0xffff)))],
    [1, () => rng.pick(p).negate()],
  ])();
}

export function randomScalar(rng: Rng): bigint {
  return rng.weighted<bigint>([
    [1, 0n],
    [1, 1n],
    [1, BLS_R - 1n],
    [1, BLS_R],
    [1, BLS_R + 1n],
    [1, (1n << 256n) - 1n],
    [2, BigInt(rng.u32())],
    [4, rng.bits(256)],
  ]);
}

/** A field element below p, biased to the ends. */
export function randomFp(rng: Rng): bigint {
  return rng.weighted<bigint>([
    [1, 0n],
    [1, 1n],
    [1, BLS_P - 1n],
    [5, rng.bits(381) % BLS_P],
  ]);
}

export function g1NotInSubgroup(rng: Rng): Uint8Array {
  return rng.pick(getPool().g1NotInSubgroup);
}

export function g2NotInSubgroup(rng: Rng): Uint8Array {
  return rng.pick(getPool().g2NotInSubgroup);
}

/** What can go wrong with an encoded point (G1: 2 coordinates, G2: 4). */
export type PointFault = "padding" | "not-on-curve" | "coordinate-too-large";

/** Breaks an encoded point in the given way (a copy). */
export function breakPoint(rng: Rng, encoded: Uint8Array, fault: PointFault): Uint8Array {
  const out = encoded.slice();
  const coords = out.length / 64;
  const c = rng.int(coords);
  switch (fault) {
    case "padding":
      out[c * 64 + rng.int(16)] = rng.range(1, 255);
      return out;
    case "coordinate-too-large":
      out.set(fp(BLS_P + BigInt(rng.int(3))), c * 64);
      return out;
    default: {
      // Add 1 to the last coordinate: no longer on the curve (all zeros becomes (0, 1), which
      // is not on either curve and is not the infinity encoding).
      const last = out.length - 1;
      out[last] = (out[last]! + 1) & 0xff;
      if (out[last] === 0) out[last - 1] = (out[last - 1]! + 1) & 0xff;
      return out;
    }
  }
}

/** A pairing input whose product is the identity: e(aP, bQ) * e(-abP, Q) = 1. */
export function balancedPairs(rng: Rng): Uint8Array {
  const a = BigInt(rng.range(1, 0xffff));
  const b = BigInt(rng.range(1, 0xffff));
  const p = rng.pick(getPool().g1);
  const q = rng.pick(getPool().g2);
  const ab = Fr.create(a * b);
  return concatBytes(g1(p.multiply(a)), g2(q.multiply(b)), g1(p.multiply(ab).negate()), g2(q));
}

export function pairingPair(rng: Rng): Uint8Array {
  return concatBytes(g1(randomG1(rng)), g2(randomG2(rng)));
}
