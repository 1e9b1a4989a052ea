/**
 * test/differential/rng: the seeded generator behind every differential case. Each case gets
 * its own stream, derived from (seed, suite, case index), so one case reproduces alone:
 * CAIRN_DIFF_SEED picks the seed, CAIRN_DIFF_CASES the number of cases, and CAIRN_DIFF_ONLY one
 * case index to run by itself. The generator is sfc32 (small, fast, good enough for test input;
 * nothing here needs cryptographic quality).
 */
import { keccak256 } from "../../src/crypto/index.js";
import { utf8ToBytes } from "../../src/primitives/index.js";

export const DEFAULT_SEED = 0x7702_2537n;

export interface DiffConfig {
  seed: bigint;
  cases: number;
  /** Run only this case index (to reproduce one failure). */
  only: number | undefined;
}

function envInt(name: string): bigint | undefined {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === "") return undefined;
  try {
    return BigInt(raw.trim());
  } catch {
    throw new Error(`${name} must be an integer (decimal or 0x hex), got ${JSON.stringify(raw)}`);
  }
}

/** The run's configuration: defaults, overridden by the CAIRN_DIFF_* environment variables. */
export function diffConfig(defaultCases: number): DiffConfig {
  const seed = envInt("CAIRN_DIFF_SEED") ?? DEFAULT_SEED;
  const cases = Number(envInt("CAIRN_DIFF_CASES") ?? BigInt(defaultCases));
  const only = envInt("CAIRN_DIFF_ONLY");
  return { seed, cases, only: only === undefined ? undefined : Number(only) };
}

/** The case indexes to run under a configuration. */
export function caseIndexes(config: DiffConfig): number[] {
  if (config.only !== undefined) return [config.only];
  return Array.from({ length: config.cases }, (_, i) => i);
}

export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  /** A stream for one case: keccak256 of "seed/suite/index" seeds the state. */
  static forCase(seed: bigint, suite: string, index: number): Rng {
    const h = keccak256(utf8ToBytes(`${seed}/${suite}/${index}`));
    const view = new DataView(h.buffer, h.byteOffset, h.byteLength);
    return new Rng(view.getUint32(0), view.getUint32(4), view.getUint32(8), view.getUint32(12));
  }

  constructor(a: number, b: number, c: number, d: number) {
    this.a = a >>> 0;
    this.b = b >>> 0;
    this.c = c >>> 0;
    this.d = d >>> 0;
    for (let i = 0; i < 16; i++) this.u32();
  }

  u32(): number {
    const t = (((this.a + this.b) >>> 0) + this.d) >>> 0;
    this.d = (this.d + 1) >>> 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) >>> 0;
    this.c = ((this.c << 21) | (this.c >>> 11)) >>> 0;
    this.c = (this.c + t) >>> 0;
    return t;
  }

  /** Uniform in [0, n). */
  int(n: number): number {
    return Math.floor((this.u32() / 0x1_0000_0000) * n);
  }

  /** Uniform in [lo, hi]. */
  range(lo: number, hi: number): number {
    return lo + this.int(hi - lo + 1);
  }

  chance(p: number): boolean {
    return this.u32() / 0x1_0000_0000 < p;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error("pick from an empty list");
    return items[this.int(items.length)]!;
  }

  /** Picks by weight: [[weight, value], ...]. */
  weighted<T>(items: readonly (readonly [number, T])[]): T {
    let total = 0;
    for (const [w] of items) total += w;
    let x = (this.u32() / 0x1_0000_0000) * total;
    for (const [w, v] of items) {
      if (x < w) return v;
      x -= w;
    }
    return items[items.length - 1]![1];
  }

  bytes(n: number): Uint8Array {
    const out = new Uint8Array(n);
    for (let i = 0; i < n; i++) out[i] = this.u32() & 0xff;
    return out;
  }

  /** Uniform below 2^bits. */
  bits(bits: number): bigint {
    let v = 0n;
    for (let i = 0; i < bits; i += 32) v = (v << 32n) | BigInt(this.u32());
    return v & ((1n << BigInt(bits)) - 1n);
  }

  /** A 256-bit word biased to edge values: 0, 1, 2, 2^255, 2^256-1, small, 2^k +- 1, random. */
  word(): bigint {
    const max = (1n << 256n) - 1n;
    return (
      this.weighted<() => bigint>([
        [3, () => 0n],
        [3, () => 1n],
        [1, () => 2n],
        [2, () => 1n << 255n],
        [1, () => (1n << 255n) - 1n],
        [3, () => max],
        [1, () => max - 1n],
        [6, () => BigInt(this.int(256))],
        [2, () => BigInt(this.u32())],
        [2, () => (1n << BigInt(this.int(256))) + BigInt(this.range(-1, 1))],
        [2, () => this.bits(64)],
        [4, () => this.bits(256)],
      ])() & max
    );
  }
}
