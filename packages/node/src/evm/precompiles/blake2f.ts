/**
 * evm/precompiles/blake2f: address 0x09 (Istanbul), the BLAKE2b compression function F with a
 * caller-chosen number of rounds (EIP-152).
 *
 * Input exactly 213 bytes: rounds (4 bytes big-endian), state h (8 x 64-bit little-endian),
 * message block m (16 x 64-bit LE), offset counters t0, t1 (64-bit LE), final-block flag f (one
 * byte, 0 or 1 only). Output: the new state h, 64 bytes LE. Gas: one per round.
 *
 * 64-bit words are kept as (low, high) pairs of 32-bit halves in a Uint32Array: bigint would be
 * far slower, and a call may ask for up to 2^32 - 1 rounds if it pays for them.
 */
import type { Precompile } from "./types.js";

export const BLAKE2F_INPUT_LENGTH = 213;

/** BLAKE2b initialisation vector (RFC 7693), as (low, high) 32-bit halves. */
const IV = new Uint32Array([
  0xf3bcc908, 0x6a09e667, 0x84caa73b, 0xbb67ae85, 0xfe94f82b, 0x3c6ef372, 0x5f1d36f1, 0xa54ff53a, 0xade682d1, 0x510e527f, 0x2b3e6c1f,
  0x9b05688c, 0xfb41bd6b, 0x1f83d9ab, 0x137e2179, 0x5be0cd19,
]);

/** Message word schedule of the ten distinct rounds (RFC 7693 section 2.7); round r uses r mod 10. */
const SIGMA = [
  [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15],
  [14, 10, 4, 8, 9, 15, 13, 6, 1, 12, 0, 2, 11, 7, 5, 3],
  [11, 8, 12, 0, 5, 2, 15, 13, 10, 14, 3, 6, 7, 1, 9, 4],
  [7, 9, 3, 1, 13, 12, 11, 14, 2, 6, 5, 10, 4, 0, 15, 8],
  [9, 0, 5, 7, 2, 4, 10, 15, 14, 1, 11, 12, 6, 8, 3, 13],
  [2, 12, 6, 10, 0, 11, 8, 3, 4, 13, 7, 5, 15, 14, 1, 9],
  [12, 5, 1, 15, 14, 13, 4, 10, 0, 7, 6, 3, 9, 2, 8, 11],
  [13, 11, 7, 14, 12, 1, 3, 9, 5, 0, 15, 4, 8, 6, 2, 10],
  [6, 15, 14, 9, 11, 3, 0, 8, 12, 2, 13, 7, 1, 4, 10, 5],
  [10, 2, 8, 4, 7, 6, 1, 5, 15, 11, 9, 14, 3, 12, 13, 0],
];

const TWO32 = 0x100000000;

/**
 * The mixing function G (RFC 7693 section 3.1) on words a, b, c, d with message words x, y.
 * Works on local copies of the eight halves and writes them back once: this is the hot loop.
 */
function mix(v: Uint32Array, m: Uint32Array, a: number, b: number, c: number, d: number, x: number, y: number): void {
  let al = v[2 * a]!;
  let ah = v[2 * a + 1]!;
  let bl = v[2 * b]!;
  let bh = v[2 * b + 1]!;
  let cl = v[2 * c]!;
  let ch = v[2 * c + 1]!;
  let dl = v[2 * d]!;
  let dh = v[2 * d + 1]!;
  let t: number;
  let u: number;
  // a = a + b + m[x]
  t = al + bl + m[2 * x]!;
  ah = (ah + bh + m[2 * x + 1]! + ((t / TWO32) | 0)) >>> 0;
  al = t >>> 0;
  // d = rotr64(d ^ a, 32)
  t = (dl ^ al) >>> 0;
  dl = (dh ^ ah) >>> 0;
  dh = t;
  // c = c + d
  t = cl + dl;
  ch = (ch + dh + ((t / TWO32) | 0)) >>> 0;
  cl = t >>> 0;
  // b = rotr64(b ^ c, 24)
  t = bl ^ cl;
  u = bh ^ ch;
  bl = ((t >>> 24) | (u << 8)) >>> 0;
  bh = ((u >>> 24) | (t << 8)) >>> 0;
  // a = a + b + m[y]
  t = al + bl + m[2 * y]!;
  ah = (ah + bh + m[2 * y + 1]! + ((t / TWO32) | 0)) >>> 0;
  al = t >>> 0;
  // d = rotr64(d ^ a, 16)
  t = dl ^ al;
  u = dh ^ ah;
  dl = ((t >>> 16) | (u << 16)) >>> 0;
  dh = ((u >>> 16) | (t << 16)) >>> 0;
  // c = c + d
  t = cl + dl;
  ch = (ch + dh + ((t / TWO32) | 0)) >>> 0;
  cl = t >>> 0;
  // b = rotr64(b ^ c, 63), i.e. rotate left by one
  t = bl ^ cl;
  u = bh ^ ch;
  bl = ((t << 1) | (u >>> 31)) >>> 0;
  bh = ((u << 1) | (t >>> 31)) >>> 0;
  v[2 * a] = al;
  v[2 * a + 1] = ah;
  v[2 * b] = bl;
  v[2 * b + 1] = bh;
  v[2 * c] = cl;
  v[2 * c + 1] = ch;
  v[2 * d] = dl;
  v[2 * d + 1] = dh;
}

/**
 * BLAKE2b F: compresses message block `m` (32 halves) into state `h` (16 halves, updated in
 * place) with offset counter (t0, t1) as four 32-bit halves and the final-block flag.
 */
export function blake2bCompress(rounds: number, h: Uint32Array, m: Uint32Array, t: Uint32Array, final: boolean): void {
  const v = new Uint32Array(32);
  v.set(h, 0);
  v.set(IV, 16);
  v[24] = (v[24]! ^ t[0]!) >>> 0;
  v[25] = (v[25]! ^ t[1]!) >>> 0;
  v[26] = (v[26]! ^ t[2]!) >>> 0;
  v[27] = (v[27]! ^ t[3]!) >>> 0;
  if (final) {
    v[28] = ~v[28]! >>> 0;
    v[29] = ~v[29]! >>> 0;
  }
  for (let r = 0; r < rounds; r++) {
    const s = SIGMA[r % 10]!;
    mix(v, m, 0, 4, 8, 12, s[0]!, s[1]!);
    mix(v, m, 1, 5, 9, 13, s[2]!, s[3]!);
    mix(v, m, 2, 6, 10, 14, s[4]!, s[5]!);
    mix(v, m, 3, 7, 11, 15, s[6]!, s[7]!);
    mix(v, m, 0, 5, 10, 15, s[8]!, s[9]!);
    mix(v, m, 1, 6, 11, 12, s[10]!, s[11]!);
    mix(v, m, 2, 7, 8, 13, s[12]!, s[13]!);
    mix(v, m, 3, 4, 9, 14, s[14]!, s[15]!);
  }
  for (let i = 0; i < 16; i++) h[i] = (h[i]! ^ v[i]! ^ v[i + 16]!) >>> 0;
}

/** Little-endian 32-bit halves of `count` bytes starting at `offset`. */
function readHalves(input: Uint8Array, offset: number, count: number): Uint32Array {
  const out = new Uint32Array(count / 4);
  const view = new DataView(input.buffer, input.byteOffset + offset, count);
  for (let i = 0; i < out.length; i++) out[i] = view.getUint32(4 * i, true);
  return out;
}

function readRounds(input: Uint8Array): number {
  return ((input[0]! << 24) | (input[1]! << 16) | (input[2]! << 8) | input[3]!) >>> 0;
}

export const blake2f: Precompile = {
  // Malformed input fails in `run` and forfeits all gas; the price is then immaterial.
  gas: (input) => (input.length === BLAKE2F_INPUT_LENGTH ? BigInt(readRounds(input)) : 0n),
  run(input) {
    if (input.length !== BLAKE2F_INPUT_LENGTH) return undefined;
    const flag = input[212]!;
    if (flag !== 0 && flag !== 1) return undefined;
    const h = readHalves(input, 4, 64);
    const m = readHalves(input, 68, 128);
    const t = readHalves(input, 196, 16);
    blake2bCompress(readRounds(input), h, m, t, flag === 1);
    const out = new Uint8Array(64);
    const view = new DataView(out.buffer);
    for (let i = 0; i < 16; i++) view.setUint32(4 * i, h[i]!, true);
    return out;
  },
};
