/**
 * evm/precompiles/p256verify: address 0x100 (Osaka, EIP-7951). ECDSA verification over NIST P-256
 * (secp256r1).
 *
 * Input exactly 160 bytes: message hash h, r, s, public key qx, qy (32-byte big-endian words).
 * Rules: 0 < r < n and 0 < s < n; qx, qy < p; (qx, qy) on the curve and not (0, 0). Verification:
 * R' = (h * s^-1) G + (r * s^-1) Q, not the point at infinity, with R'.x mod n == r. High s is
 * accepted (no malleability rule). Output: the word 1 on success, empty output otherwise; a bad
 * input is never a failed call. Gas: 6900.
 * Arithmetic is @noble/curves' p256 point API, so each rule above is visible here rather than
 * buried in a signature-object parser.
 */
import { p256 } from "@noble/curves/nist.js";
import type { Precompile } from "./types.js";
import { EMPTY, toBigint, trueWord } from "./util.js";

export const P256VERIFY_GAS = 6900n;

const Point = p256.Point;
const Fn = Point.Fn;
const { p: P, n: N, a: A, b: B } = Point.CURVE();

function word(input: Uint8Array, index: number): bigint {
  return toBigint(input.subarray(32 * index, 32 * index + 32));
}

/** The verification itself, on already-parsed values. */
export function p256Verify(h: bigint, r: bigint, s: bigint, qx: bigint, qy: bigint): boolean {
  if (r <= 0n || r >= N || s <= 0n || s >= N) return false;
  if (qx >= P || qy >= P) return false;
  if (qx === 0n && qy === 0n) return false;
  const fp = Point.Fp;
  if (fp.sqr(qy) !== fp.add(fp.add(fp.mul(fp.sqr(qx), qx), fp.mul(A, qx)), B)) return false;
  const q = Point.fromAffine({ x: qx, y: qy });
  const sInv = Fn.inv(s);
  const u1 = Fn.mul(Fn.create(h), sInv);
  const u2 = Fn.mul(r, sInv);
  const rPoint = Point.BASE.multiplyUnsafe(u1).add(q.multiplyUnsafe(u2));
  if (rPoint.is0()) return false;
  return Fn.create(rPoint.toAffine().x) === r;
}

export const p256verify: Precompile = {
  gas: () => P256VERIFY_GAS,
  run(input) {
    if (input.length !== 160) return EMPTY;
    return p256Verify(word(input, 0), word(input, 1), word(input, 2), word(input, 3), word(input, 4)) ? trueWord() : EMPTY;
  },
};
