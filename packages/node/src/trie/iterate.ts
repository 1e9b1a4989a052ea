/**
 * trie/iterate: ordered iteration over a trie's entries, forwards or backwards within a key
 * range. Subtrees wholly outside the range are skipped by comparing their nibble prefix with the
 * bounds, so seeking costs one path, and only the nodes visited are loaded.
 * Key order is lexicographic on bytes; in a trie a key that ends at a branch (its value) sorts
 * before every key below that branch.
 */
import type { NodeLoader, ResolvedNode } from "./loader.js";
import { bytesToNibbles, nibblesToBytes } from "./nibbles.js";

export interface TrieEntry {
  key: Uint8Array;
  value: Uint8Array;
}

/** [gte, lt) in key order; `reverse` walks it from the top. */
export interface TrieRange {
  gte?: Uint8Array;
  lt?: Uint8Array;
  reverse?: boolean;
}

/** How a subtree whose keys all start with a prefix relates to a bound. */
const SKIP = 0; // no key below the prefix is in range
const PARTIAL = 1; // some may be: keep comparing below
const ALL = 2; // every key below the prefix is in range

/** Classifies prefix `p` (nibbles, length n) against the lower bound `lo` (keys >= lo). */
function againstLower(p: number[], n: number, lo: Uint8Array): number {
  const m = Math.min(n, lo.length);
  for (let i = 0; i < m; i++) {
    if (p[i]! !== lo[i]!) return p[i]! > lo[i]! ? ALL : SKIP;
  }
  // p extends lo (or equals it): every key below is >= lo. Otherwise p is a proper prefix of lo.
  return n >= lo.length ? ALL : PARTIAL;
}

/** Classifies prefix `p` against the upper bound `hi` (keys < hi). */
function againstUpper(p: number[], n: number, hi: Uint8Array): number {
  const m = Math.min(n, hi.length);
  for (let i = 0; i < m; i++) {
    if (p[i]! !== hi[i]!) return p[i]! < hi[i]! ? ALL : SKIP;
  }
  return n >= hi.length ? SKIP : PARTIAL;
}

class Walker {
  readonly prefix: number[] = [];
  constructor(
    readonly loader: NodeLoader,
    readonly lo: Uint8Array | undefined,
    readonly hi: Uint8Array | undefined,
    readonly reverse: boolean,
  ) {}

  /** Bound state for the current prefix; returns -1 to skip the subtree. */
  bounds(loPartial: boolean, hiPartial: boolean): number {
    let flags = 0;
    if (loPartial) {
      const c = againstLower(this.prefix, this.prefix.length, this.lo!);
      if (c === SKIP) return -1;
      if (c === PARTIAL) flags |= 1;
    }
    if (hiPartial) {
      const c = againstUpper(this.prefix, this.prefix.length, this.hi!);
      if (c === SKIP) return -1;
      if (c === PARTIAL) flags |= 2;
    }
    return flags;
  }

  /** A key ending exactly at the current prefix: in range unless it is below `lo` or at/above `hi`. */
  keyInRange(loPartial: boolean, hiPartial: boolean): boolean {
    // A proper prefix of lo is smaller than lo; a proper prefix of hi is smaller than hi.
    if (loPartial && againstLower(this.prefix, this.prefix.length, this.lo!) !== ALL) return false;
    if (hiPartial && againstUpper(this.prefix, this.prefix.length, this.hi!) === SKIP) return false;
    return true;
  }

  *walk(node: ResolvedNode, loPartial: boolean, hiPartial: boolean): Generator<TrieEntry> {
    const mark = this.prefix.length;
    switch (node.kind) {
      case "leaf": {
        for (const n of node.path) this.prefix.push(n);
        if (this.keyInRange(loPartial, hiPartial)) yield { key: nibblesToBytes(this.prefix), value: node.value };
        break;
      }
      case "ext": {
        for (const n of node.path) this.prefix.push(n);
        const f = this.bounds(loPartial, hiPartial);
        if (f >= 0) yield* this.walk(this.loader.extChild(node), (f & 1) !== 0, (f & 2) !== 0);
        break;
      }
      case "branch": {
        const ownValue = node.value !== null && this.keyInRange(loPartial, hiPartial);
        if (ownValue && !this.reverse) yield { key: nibblesToBytes(this.prefix), value: node.value! };
        for (let k = 0; k < 16; k++) {
          const i = this.reverse ? 15 - k : k;
          if (node.children[i] === null) continue;
          this.prefix.push(i);
          const f = this.bounds(loPartial, hiPartial);
          if (f >= 0) yield* this.walk(this.loader.branchChild(node, i)!, (f & 1) !== 0, (f & 2) !== 0);
          this.prefix.length = mark;
        }
        if (ownValue && this.reverse) yield { key: nibblesToBytes(this.prefix), value: node.value! };
        break;
      }
    }
    this.prefix.length = mark;
  }
}

export function* iterateTrie(loader: NodeLoader, root: ResolvedNode | null, range: TrieRange): Generator<TrieEntry> {
  if (root === null) return;
  const lo = range.gte ? bytesToNibbles(range.gte) : undefined;
  const hi = range.lt ? bytesToNibbles(range.lt) : undefined;
  const w = new Walker(loader, lo, hi, range.reverse === true);
  const f = w.bounds(lo !== undefined, hi !== undefined);
  if (f < 0) return;
  yield* w.walk(root, (f & 1) !== 0, (f & 2) !== 0);
}
