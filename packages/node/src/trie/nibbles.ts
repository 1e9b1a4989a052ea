/**
 * trie/nibbles: keys as nibble paths and the hex-prefix ("compact") encoding of paths in leaf
 * and extension nodes (yellow paper appendix C). A path is a Uint8Array of values 0..15.
 */
import { TrieError } from "./errors.js";

export function bytesToNibbles(bytes: Uint8Array): Uint8Array {
  const out = new Uint8Array(bytes.length * 2);
  for (let i = 0; i < bytes.length; i++) {
    out[2 * i] = bytes[i]! >> 4;
    out[2 * i + 1] = bytes[i]! & 15;
  }
  return out;
}

/** Packs an even-length nibble path back into bytes. */
export function nibblesToBytes(nibbles: ArrayLike<number>): Uint8Array {
  if (nibbles.length % 2 !== 0) throw new TrieError("odd-length nibble path is not a byte key");
  const out = new Uint8Array(nibbles.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = (nibbles[2 * i]! << 4) | nibbles[2 * i + 1]!;
  return out;
}

/** The i-th nibble of a byte key, without converting the key. */
export function nibbleAt(key: Uint8Array, i: number): number {
  const b = key[i >> 1]!;
  return i & 1 ? b & 15 : b >> 4;
}

/** Length of the common prefix of `path` and `key[pos..]` (both nibble paths). */
export function commonPrefixLength(path: Uint8Array, key: Uint8Array, pos: number): number {
  const n = Math.min(path.length, key.length - pos);
  let i = 0;
  while (i < n && path[i] === key[pos + i]) i++;
  return i;
}

export function concatNibbles(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}

/**
 * Hex-prefix encoding: the first nibble carries flags (bit 1: leaf, bit 0: odd length); an odd
 * path puts its first nibble beside the flags, an even one pads with a zero nibble.
 */
export function encodeHexPrefix(path: Uint8Array, leaf: boolean): Uint8Array {
  const odd = path.length & 1;
  const out = new Uint8Array((path.length >> 1) + 1);
  const flag = (leaf ? 2 : 0) | odd;
  let i = 0;
  if (odd) {
    out[0] = (flag << 4) | path[0]!;
    i = 1;
  } else {
    out[0] = flag << 4;
  }
  for (let o = 1; o < out.length; o++, i += 2) out[o] = (path[i]! << 4) | path[i + 1]!;
  return out;
}

export function decodeHexPrefix(encoded: Uint8Array): { path: Uint8Array; leaf: boolean } {
  if (encoded.length === 0) throw new TrieError("empty hex-prefix path");
  const flag = encoded[0]! >> 4;
  if (flag > 3) throw new TrieError(`invalid hex-prefix flag ${flag}`);
  const odd = flag & 1;
  if (!odd && (encoded[0]! & 15) !== 0) throw new TrieError("hex-prefix padding nibble is not zero");
  const path = new Uint8Array((encoded.length - 1) * 2 + odd);
  let o = 0;
  if (odd) path[o++] = encoded[0]! & 15;
  for (let i = 1; i < encoded.length; i++) {
    path[o++] = encoded[i]! >> 4;
    path[o++] = encoded[i]! & 15;
  }
  return { path, leaf: (flag & 2) !== 0 };
}
