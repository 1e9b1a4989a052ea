/**
 * chain/schema: the layout of Cairn's database, every key the chain writes into its KvStore.
 * Each key starts with one prefix byte (printable ASCII, so a raw dump stays readable); numbers
 * are 8-byte big-endian, so a range scan over a number prefix walks blocks in order; hashes are
 * 32 bytes, addresses 20, transaction and log positions 4-byte big-endian.
 *
 * | prefix | key after the prefix                         | value                                        | written for       |
 * | ------ | -------------------------------------------- | -------------------------------------------- | ----------------- |
 * | `h`    | block hash                                   | header RLP                                   | every block       |
 * | `b`    | block hash                                   | body RLP `[txs, ommers, withdrawals?]`        | every block       |
 * | `r`    | block hash                                   | RLP list of consensus receipt encodings      | every block       |
 * | `d`    | block hash                                   | total difficulty (minimal big-endian)        | every block       |
 * | `l`    | number ‖ block hash                          | log index of the block (see below)           | every block       |
 * | `n`    | number                                       | canonical block hash                         | canonical chain   |
 * | `t`    | transaction hash                             | RLP `[block hash, number, tx index]`         | canonical chain   |
 * | `a`    | address ‖ number ‖ tx index                  | transaction hash                             | canonical chain   |
 * | `o`    | sender ‖ nonce                               | transaction hash                             | canonical chain   |
 * | `C`    | created address (top-level creations)        | transaction hash                             | canonical chain   |
 * | `s`    | trie node hash                               | trie node RLP (account and storage tries)    | every block       |
 * | `c`    | code hash                                    | contract code                                | every block       |
 * | `M`    | ASCII name: `head`, `genesis`, `version`     | head hash, genesis hash, schema version byte | metadata          |
 * | `D`    | developer chain records (dev-state.ts)       | edited head state, impersonated senders, ... | `cairn dev` only  |
 * | `V`    | address                                      | verified contract record, JSON (verified.ts) | on verification  |
 *
 * The log index `l` holds, per block, `RLP([[txIndex, logIndex, address, [topics...]], ...])`:
 * enough to match an eth_getLogs filter by range scan over numbers without decoding receipts;
 * the data of a matching log is read from the block's receipts. Entries for side blocks stay,
 * keyed by hash: a reader checks the hash against the canonical index `n`.
 * The address index `a` lists each canonical transaction under its sender, its recipient and,
 * for a creation, the created address (from sender and nonce); with `o` (sender and nonce) and
 * `C` (contract creator) it is the account history behind Otterscan's API (history.ts).
 *
 * Canonical-only entries (`n`, `t`, `a`, `o`, `C`) are rewritten on a reorg, in the same batch as the
 * new head; everything keyed by block hash or content hash is written once and never changes.
 * Trie nodes are content-addressed, so the state of every imported block, canonical or not,
 * stays readable at its header's state root: undoing a block is switching roots, not replaying.
 * Nothing is pruned yet.
 */
import type { Address } from "../primitives/index.js";
import { bigintToFixedBytes, bytesToBigint, concatBytes } from "../primitives/index.js";

/** Bumped when the layout changes incompatibly; an older database is refused, not migrated. */
export const SCHEMA_VERSION = 2;

export const PREFIX = {
  header: 0x68, // h
  body: 0x62, // b
  receipts: 0x72, // r
  totalDifficulty: 0x64, // d
  logs: 0x6c, // l
  canonical: 0x6e, // n
  txLookup: 0x74, // t
  address: 0x61, // a
  senderNonce: 0x6f, // o
  creator: 0x43, // C
  trieNode: 0x73, // s
  code: 0x63, // c
  meta: 0x4d, // M
} as const;

function prefixed(prefix: number, ...parts: Uint8Array[]): Uint8Array {
  return concatBytes(Uint8Array.of(prefix), ...parts);
}

/** `prefix ‖ hash` in one allocation: the keys written most (trie nodes, tx lookups, headers). */
function prefixedHash(prefix: number, hash: Uint8Array): Uint8Array {
  const key = new Uint8Array(1 + hash.length);
  key[0] = prefix;
  key.set(hash, 1);
  return key;
}

export function numberBytes(n: bigint): Uint8Array {
  return bigintToFixedBytes(n, 8);
}

export const headerKey = (hash: Uint8Array): Uint8Array => prefixedHash(PREFIX.header, hash);
export const bodyKey = (hash: Uint8Array): Uint8Array => prefixedHash(PREFIX.body, hash);
export const receiptsKey = (hash: Uint8Array): Uint8Array => prefixedHash(PREFIX.receipts, hash);
export const totalDifficultyKey = (hash: Uint8Array): Uint8Array => prefixedHash(PREFIX.totalDifficulty, hash);
export const logsKey = (number: bigint, hash: Uint8Array): Uint8Array => prefixed(PREFIX.logs, numberBytes(number), hash);
export const canonicalKey = (number: bigint): Uint8Array => prefixed(PREFIX.canonical, numberBytes(number));
export const txLookupKey = (txHash: Uint8Array): Uint8Array => prefixedHash(PREFIX.txLookup, txHash);

/** `a ‖ address ‖ number ‖ index`, written in place (two entries per imported transaction). */
export function addressTxKey(address: Address, number: bigint, index: number): Uint8Array {
  const key = new Uint8Array(1 + 20 + 8 + 4);
  key[0] = PREFIX.address;
  key.set(address, 1);
  writeU64(key, 21, number);
  key[29] = index >>> 24;
  key[30] = (index >>> 16) & 0xff;
  key[31] = (index >>> 8) & 0xff;
  key[32] = index & 0xff;
  return key;
}

/**
 * Writes `n` mod 2^64 as 8 big-endian bytes at `pos`. Byte by byte rather than through a
 * DataView: a DataView needs the key's ArrayBuffer, and asking a small (on-heap) array for its
 * buffer moves its bytes off the heap, a cost paid for every key of every imported transaction.
 */
export function writeU64(out: Uint8Array, pos: number, n: bigint): void {
  let hi: number;
  let lo: number;
  if (n >= 0n && n <= 0x1fffffffffffffn) {
    const x = Number(n);
    hi = Math.floor(x / 0x100000000);
    lo = x >>> 0;
  } else {
    const m = BigInt.asUintN(64, n);
    hi = Number(m >> 32n);
    lo = Number(m & 0xffffffffn);
  }
  out[pos] = hi >>> 24;
  out[pos + 1] = (hi >>> 16) & 0xff;
  out[pos + 2] = (hi >>> 8) & 0xff;
  out[pos + 3] = hi & 0xff;
  out[pos + 4] = lo >>> 24;
  out[pos + 5] = (lo >>> 16) & 0xff;
  out[pos + 6] = (lo >>> 8) & 0xff;
  out[pos + 7] = lo & 0xff;
}
export const trieNodeKey = (hash: Uint8Array): Uint8Array => prefixedHash(PREFIX.trieNode, hash);
export const codeKey = (hash: Uint8Array): Uint8Array => prefixedHash(PREFIX.code, hash);

const ascii = (s: string): Uint8Array => Uint8Array.from(s, (c) => c.charCodeAt(0));
export const HEAD_KEY: Uint8Array = prefixed(PREFIX.meta, ascii("head"));
export const GENESIS_KEY: Uint8Array = prefixed(PREFIX.meta, ascii("genesis"));
export const VERSION_KEY: Uint8Array = prefixed(PREFIX.meta, ascii("version"));

/** The range of every key with `prefix` followed by `start` (inclusive) up to the end of the prefix. */
export function prefixRange(prefix: number, start: Uint8Array = new Uint8Array(0)): { gte: Uint8Array; lt: Uint8Array } {
  return { gte: prefixed(prefix, start), lt: Uint8Array.of(prefix + 1) };
}

/** The `a` range of one address: its transactions in block order. */
export function addressRange(address: Address): { gte: Uint8Array; lt: Uint8Array } {
  const gte = prefixed(PREFIX.address, address);
  const lt = gte.slice();
  // The address bytes are followed by more bytes, so incrementing the last byte with carry bounds them.
  let i = lt.length - 1;
  while (i >= 0 && lt[i] === 0xff) lt[i--] = 0;
  if (i >= 0) lt[i]! += 1;
  return { gte, lt: i >= 0 ? lt : Uint8Array.of(PREFIX.address + 1) };
}

/** Decodes the number and index at the end of an `a` key. */
export function parseAddressTxKey(key: Uint8Array): { number: bigint; index: number } {
  const n = 1 + 20;
  return { number: bytesToBigint(key.subarray(n, n + 8)), index: Number(bytesToBigint(key.subarray(n + 8, n + 12))) };
}
