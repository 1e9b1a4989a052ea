/**
 * rpc/eth/logs: reading logs out of the chain for eth_getLogs, eth_getFilterLogs, log filters
 * and "logs" subscriptions, with go-ethereum's log JSON (types.Log: address, topics, data,
 * blockNumber, transactionHash, transactionIndex, blockHash, blockTimestamp, logIndex,
 * removed) and its range rules (eth/filters/filter.go):
 *
 * - `blockHash` reads that one block (canonical or not); unknown: "unknown block".
 * - otherwise fromBlock/toBlock default to "latest"; "pending" is refused ("pending logs are not
 *   supported"); "latest", "safe" and "finalized" resolve to the head (the dev chain has no
 *   consensus layer), "earliest" to genesis. Two explicit numbers in reverse order, or a start
 *   after the resolved end, are "invalid block range params"; an end above the head is "block
 *   range extends beyond current head block" (both -32602).
 * - the span is unlimited unless a range limit is configured (geth's --rpc.rangelimit, off by
 *   default); beyond it: "exceed maximum block range: N".
 *
 * Each block is first tested against its header's logsBloom, then against the per-block log
 * index the chain keeps (addresses and topics only); receipts and the body are decoded only for
 * blocks with a match. A range query computes the criteria's bloom bits once and reads headers
 * through a cache of decoded canonical headers (log-cache.ts).
 */
import type { Chain, IndexedLog } from "../../chain/index.js";
import { bigintToQuantity, bytesToHex } from "../../primitives/index.js";
import type { SealedHeader } from "../../types/index.js";
import type { RpcError } from "../errors.js";
import {
  type BloomQuery,
  bloomQuery,
  bloomQueryMatches,
  errBlockRangeBeyondHead,
  errExceedBlockRange,
  errInvalidBlockRange,
  errPendingLogsUnsupported,
  errUnknownBlock,
  type FilterCriteria,
  type KeyedCriteria,
  keyedCriteria,
  keyedLogMatches,
} from "./filter-criteria.js";
import { blockLogData, canonicalHeaders, keysOf } from "./log-cache.js";

const q = bigintToQuantity;

export type LogJson = Record<string, unknown>;

export interface LogQueryOptions {
  /** most blocks one range query may span; 0 or undefined: no limit (geth's default) */
  readonly rangeLimit?: bigint;
}

/**
 * The logs of one block that match `c` (addresses and topics only), in log-index order, as
 * geth's JSON. `removed` marks logs of a block that left the canonical chain (reorg).
 */
export function blockLogs(chain: Chain, header: SealedHeader, c: FilterCriteria, removed = false): LogJson[] {
  return matchingLogs(chain, header, compileQuery(c), removed);
}

/** A criteria as range queries test it, made once per query: its bloom bits and key sets. */
interface CompiledQuery {
  readonly bits: BloomQuery;
  readonly keyed: KeyedCriteria;
}

function compileQuery(c: FilterCriteria): CompiledQuery {
  return { bits: bloomQuery(c), keyed: keyedCriteria(c) };
}

/** blockLogs with the criteria compiled by the caller (once per range query). */
function matchingLogs(chain: Chain, header: SealedHeader, query: CompiledQuery, removed: boolean): LogJson[] {
  if (!bloomQueryMatches(query.bits, header.header.logsBloom)) return [];
  const cache = blockLogData(chain);
  const data = cache.get(header);
  if (data === undefined || data.index.length === 0) return [];
  const keys = keysOf(data);
  const wanted: IndexedLog[] = [];
  for (let i = 0; i < keys.length; i++) if (keyedLogMatches(query.keyed, keys[i]!)) wanted.push(data.index[i]!);
  if (wanted.length === 0) return [];
  if (!cache.loadReceipts(header, data)) return [];
  const receipts = data.receipts!;
  // each receipt's first log among the block's: an entry's position within its own receipt
  const before = data.firstLog!;
  const blockHash = bytesToHex(header.hash);
  const blockNumber = q(header.header.number);
  const blockTimestamp = q(header.header.timestamp);
  const out: LogJson[] = [];
  for (const entry of wanted) {
    const log = receipts[entry.txIndex]!.logs[entry.logIndex - before[entry.txIndex]!]!;
    const txHash = cache.txHash(header, data, entry.txIndex);
    if (txHash === undefined) return [];
    out.push({
      address: bytesToHex(log.address),
      topics: log.topics.map((t) => bytesToHex(t)),
      data: bytesToHex(log.data),
      blockNumber,
      transactionHash: txHash,
      transactionIndex: q(entry.txIndex),
      blockHash,
      blockTimestamp,
      logIndex: q(entry.logIndex),
      removed,
    });
  }
  return out;
}

/** The block numbers a range query covers, resolved against the current head; throws geth's errors. */
export function resolveLogRange(chain: Chain, c: FilterCriteria, opts: LogQueryOptions = {}): { from: bigint; to: bigint } {
  const fromSel = c.fromBlock ?? "latest";
  const toSel = c.toBlock ?? "latest";
  if (typeof fromSel === "bigint" && typeof toSel === "bigint" && fromSel > toSel) throw errInvalidBlockRange();
  if (fromSel === "pending" || toSel === "pending") throw errPendingLogsUnsupported();
  const head = chain.head.header.number;
  const resolve = (sel: bigint | string): bigint => (typeof sel === "bigint" ? sel : sel === "earliest" ? 0n : head);
  const from = resolve(fromSel);
  const to = resolve(toSel);
  if (to > head) throw errBlockRangeBeyondHead();
  if (from > to) throw errInvalidBlockRange();
  const limit = opts.rangeLimit ?? 0n;
  if (limit > 0n && to - from + 1n > limit) throw errExceedBlockRange(limit);
  return { from, to };
}

/** eth_getLogs: the matching logs of the criteria's block or range. */
export function queryLogs(chain: Chain, c: FilterCriteria, opts: LogQueryOptions = {}): LogJson[] {
  if (c.blockHash !== undefined) {
    const header = chain.getHeader(c.blockHash);
    if (header === undefined) throw errUnknownBlock();
    return blockLogs(chain, header, c);
  }
  // before the range resolves against the head: the cache is checked against that same head
  const headers = canonicalHeaders(chain);
  const { from, to } = resolveLogRange(chain, c, opts);
  const query = compileQuery(c);
  const out: LogJson[] = [];
  for (let n = from; n <= to; n++) {
    const header = headers.get(n);
    if (header === undefined) break;
    for (const l of matchingLogs(chain, header, query, false)) out.push(l);
  }
  return out;
}

/** geth's filterLogs block bounds for live logs: explicit numbers bound, tags do not. */
export function withinFilterBounds(c: FilterCriteria, blockNumber: bigint): boolean {
  if (typeof c.fromBlock === "bigint" && c.fromBlock > blockNumber) return false;
  if (typeof c.toBlock === "bigint" && c.toBlock < blockNumber) return false;
  return true;
}

/**
 * geth's SubscribeLogs check for filters and subscriptions on new blocks: both bounds "latest"
 * (or absent), two numbers in order, or a number up to "latest"; "pending" is refused.
 */
export function checkLiveLogRange(c: FilterCriteria): RpcError | undefined {
  const from = c.fromBlock ?? "latest";
  const to = c.toBlock ?? "latest";
  if (from === "pending" || to === "pending") return errPendingLogsUnsupported();
  if (from === "latest" && to === "latest") return undefined;
  if (typeof from === "bigint" && typeof to === "bigint" && to >= from) return undefined;
  if (typeof from === "bigint" && to === "latest") return undefined;
  return errInvalidBlockRange();
}
