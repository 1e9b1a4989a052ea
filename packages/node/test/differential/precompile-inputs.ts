/**
 * test/differential/precompile-inputs: inputs for the precompiles before Prague's BLS set
 * (0x01..0x0a), shaped enough to reach their interesting paths rather than failing at once:
 * ecrecover with real and broken signatures, MODEXP with small and zero lengths (EIP-2565
 * pricing), alt_bn128 add/mul/pairing with the generator and random words, BLAKE2F with few
 * rounds and good or bad final flags, the KZG point evaluation with malformed input.
 */
import { sign } from "../../src/crypto/index.js";
import { concatBytes } from "../../src/primitives/index.js";
import { randomKey } from "./case.js";
import type { Rng } from "./rng.js";

function word(v: bigint): Uint8Array {
  const out = new Uint8Array(32);
  let x = v;
  for (let i = 31; i >= 0 && x > 0n; i--) {
    out[i] = Number(x & 0xffn);
    x >>= 8n;
  }
  return out;
}

const BN_G1 = concatBytes(word(1n), word(2n));
const BN_P = 0x30644e72e131a029b85045b68181585d97816a916871ca8d3c208c16d87cfd47n;

function bnPoint(rng: Rng): Uint8Array {
  return rng.weighted<Uint8Array>([
    [3, BN_G1],
    [1, new Uint8Array(64)],
    [1, concatBytes(word(1n), word(BN_P - 2n))],
    [1, rng.bytes(64)],
  ]);
}

export function precompileInput(rng: Rng, address: number): Uint8Array {
  switch (address) {
    case 0x01: {
      const hash = rng.bytes(32);
      const sig = sign(hash, randomKey(rng));
      const v = rng.weighted<bigint>([
        [6, BigInt(27 + sig.yParity)],
        [1, BigInt(28 - sig.yParity)],
        [1, rng.word()],
      ]);
      const s = rng.chance(0.1) ? rng.word() : sig.s;
      return concatBytes(hash, word(v), word(sig.r), word(s)).subarray(0, rng.chance(0.9) ? 128 : rng.int(128));
    }
    case 0x02:
    case 0x03:
    case 0x04:
      return rng.bytes(
        rng.weighted<number>([
          [1, 0],
          [4, rng.int(100)],
          [1, rng.int(2000)],
        ]),
      );
    case 0x05: {
      const len = () =>
        rng.weighted<number>([
          [1, 0],
          [4, rng.range(1, 32)],
          [2, rng.range(33, 80)],
        ]);
      const b = len();
      const e = len();
      const m = len();
      const exp = rng.bytes(e);
      if (e > 0 && rng.chance(0.3)) exp.fill(0, 0, Math.min(e, rng.range(1, e)));
      return concatBytes(word(BigInt(b)), word(BigInt(e)), word(BigInt(m)), rng.bytes(b), exp, rng.bytes(m)).subarray(
        0,
        rng.chance(0.85) ? undefined : rng.int(96 + b + e + m),
      );
    }
    case 0x06:
      return concatBytes(bnPoint(rng), bnPoint(rng));
    case 0x07:
      return concatBytes(bnPoint(rng), word(rng.word()));
    case 0x08: {
      const k = rng.int(3);
      const parts: Uint8Array[] = [];
      for (let i = 0; i < k; i++) parts.push(bnPoint(rng), rng.bytes(128));
      return concatBytes(...parts);
    }
    case 0x09: {
      const rounds = rng.weighted<number>([
        [3, rng.int(20)],
        [1, 0],
        [1, rng.int(2000)],
      ]);
      const r = new Uint8Array(4);
      new DataView(r.buffer).setUint32(0, rounds);
      const f = rng.weighted<number>([
        [4, rng.int(2)],
        [1, 2],
      ]);
      const input = concatBytes(r, rng.bytes(64 + 128 + 16), Uint8Array.of(f));
      return rng.chance(0.9) ? input : input.subarray(0, rng.int(213));
    }
    default:
      return rng.bytes(rng.chance(0.8) ? 192 : rng.int(300));
  }
}
