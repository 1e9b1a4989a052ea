/**
 * types/bloom: the 2048-bit logs bloom filter of receipts and headers (yellow paper 4.3.1).
 * Each item (a log's address and each of its topics) sets three bits: the low 11 bits of the
 * first three big-endian 16-bit words of keccak256(item). Bit i lives in byte 255 - i/8, so the
 * filter reads as one big-endian 2048-bit number.
 */
import { keccak256 } from "../crypto/index.js";
import { keyString } from "../kv/index.js";
import type { Log } from "./log.js";

/** 256 bytes. */
export type Bloom = Uint8Array;

export const BLOOM_BYTES = 256;

/**
 * Blooms are carved out of shared zeroed slabs: a 256-byte array is above V8's on-heap limit,
 * so each would be a separately allocated and collected backing store, one per receipt of
 * every imported block. A slab (16 blooms) lives while any of its blooms does.
 */
const SLAB_BLOOMS = 16;
let slab = new ArrayBuffer(BLOOM_BYTES * SLAB_BLOOMS);
let slabUsed = 0;

export function emptyBloom(): Bloom {
  if (slabUsed === SLAB_BLOOMS) {
    slab = new ArrayBuffer(BLOOM_BYTES * SLAB_BLOOMS);
    slabUsed = 0;
  }
  return new Uint8Array(slab, BLOOM_BYTES * slabUsed++, BLOOM_BYTES);
}

type BloomBits = readonly [number, number, number, number, number, number];

/**
 * Bits of recently seen items. A block's logs repeat a few addresses and topics (a token's
 * address, its Transfer event signature) in every receipt; each would cost a keccak256. Bounded:
 * cleared when full.
 */
const recentBits = new Map<string, BloomBits>();
const RECENT_MAX = 4096;

/** The three (byte index, bit mask) pairs an item sets. */
function bloomBits(item: Uint8Array): BloomBits {
  const key = keyString(item);
  const known = recentBits.get(key);
  if (known !== undefined) return known;
  const h = keccak256(item);
  const out: number[] = [];
  for (let i = 0; i < 6; i += 2) {
    const bit = ((h[i]! << 8) | h[i + 1]!) & 0x7ff;
    out.push(BLOOM_BYTES - 1 - (bit >> 3), 1 << (bit & 7));
  }
  if (recentBits.size >= RECENT_MAX) recentBits.clear();
  recentBits.set(key, out as unknown as BloomBits);
  return out as unknown as BloomBits;
}

/** Adds an item to the filter in place. */
export function bloomAdd(bloom: Bloom, item: Uint8Array): void {
  const b = bloomBits(item);
  bloom[b[0]]! |= b[1];
  bloom[b[2]]! |= b[3];
  bloom[b[4]]! |= b[5];
}

/** True when the item may be in the set; false means it certainly is not. */
export function bloomContains(bloom: Bloom, item: Uint8Array): boolean {
  const b = bloomBits(item);
  return (bloom[b[0]]! & b[1]) !== 0 && (bloom[b[2]]! & b[3]) !== 0 && (bloom[b[4]]! & b[5]) !== 0;
}

/** True when every bit of `subset` is set in `bloom` (a block's filter covers each receipt's). */
export function bloomCovers(bloom: Bloom, subset: Bloom): boolean {
  for (let i = 0; i < BLOOM_BYTES; i++) if ((bloom[i]! & subset[i]!) !== subset[i]) return false;
  return true;
}

/** ORs `other` into `target` in place. */
export function bloomOr(target: Bloom, other: Bloom): void {
  for (let i = 0; i < BLOOM_BYTES; i++) target[i]! |= other[i]!;
}

/** The union of several filters (a block's bloom from its receipts' blooms). */
export function mergeBlooms(blooms: Iterable<Bloom>): Bloom {
  // A header's bloom outlives its block's receipts (headers are cached): its own buffer, so
  // it does not keep a slab of receipt blooms alive.
  const out = new Uint8Array(BLOOM_BYTES);
  for (const b of blooms) bloomOr(out, b);
  return out;
}

/** The bloom of a list of logs: each log's address and topics. */
export function logsBloom(logs: Iterable<Log>): Bloom {
  const bloom = emptyBloom();
  for (const log of logs) {
    bloomAdd(bloom, log.address);
    for (const topic of log.topics) bloomAdd(bloom, topic);
  }
  return bloom;
}
