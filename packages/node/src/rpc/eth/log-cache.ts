/**
 * rpc/eth/log-cache: what log queries read over and over, decoded once: canonical headers by
 * number, and per block its log index, receipts and transaction hashes.
 *
 * An eth_getLogs range query tests every block's logsBloom; reading and RLP-decoding each header
 * again on every query was most of its cost. This cache keeps the decoded canonical headers of
 * the blocks queries have visited, per chain, keyed by number. Blocks whose bloom matches then
 * need their log index and receipts, decoded again per query too; those are kept by block hash,
 * which fixes them (no invalidation needed).
 *
 * Validity: an entry stays right as long as its block stays canonical. The cache remembers the
 * head it last saw; when the head moves, it walks back from the new head through parent hashes
 * (at most MAX_WALK blocks) to check that the old head is still an ancestor, the common case of
 * new blocks on top. Any other head move (setHead, evm_revert, anvil_reorg/rollback, a walk too
 * long) drops every entry. Queries resolve their range against the head after this check and
 * run synchronously, so every entry is at or below the head it was checked against.
 *
 * Bound: at most MAX_ENTRIES headers (cleared when full). A decoded header with its 256-byte
 * bloom is about 1.5 KB, so about 12 MB at most. Block log data: at most MAX_LOGS logs over all
 * cached blocks (each counted once in the index and once in the receipts, a few hundred bytes
 * each with typical data), cleared when full: about 10-20 MB at most.
 */
import type { Chain, IndexedLog } from "../../chain/index.js";
import { bytesKey, bytesToHex, equalBytes } from "../../primitives/index.js";
import { type Receipt, type SealedHeader, transactionHash } from "../../types/index.js";
import { type LogKeys, logKeys } from "./filter-criteria.js";

const MAX_ENTRIES = 8192;
const MAX_LOGS = 32_768;
/** The longest head advance checked block by block before giving up and clearing. */
const MAX_WALK = 256;

class CanonicalHeaders {
  private tip: SealedHeader | undefined;
  /** By block number as a double (exact below 2^53): a Map hashes numbers much faster than bigints. */
  private readonly byNumber = new Map<number, SealedHeader>();

  constructor(private readonly chain: Chain) {}

  /** Checks the cache against the current head; call before resolving a query's range. */
  sync(): void {
    const head = this.chain.head;
    const tip = this.tip;
    if (tip !== undefined && equalBytes(head.hash, tip.hash)) return;
    if (tip === undefined || !this.descendsFrom(head, tip)) this.byNumber.clear();
    this.tip = head;
  }

  /** The canonical header at `n` (n at or below the head seen by the last `sync`). */
  get(n: bigint): SealedHeader | undefined {
    const key = Number(n);
    const known = this.byNumber.get(key);
    if (known !== undefined) return known;
    const header = this.chain.getHeaderByNumber(n);
    if (header === undefined) return undefined;
    if (this.byNumber.size >= MAX_ENTRIES) this.byNumber.clear();
    this.byNumber.set(key, header);
    return header;
  }

  private descendsFrom(head: SealedHeader, tip: SealedHeader): boolean {
    const target = tip.header.number;
    if (head.header.number < target || head.header.number - target > BigInt(MAX_WALK)) return false;
    let h: SealedHeader | undefined = head;
    while (h !== undefined && h.header.number > target) h = this.chain.getHeader(h.header.parentHash);
    return h !== undefined && equalBytes(h.hash, tip.hash);
  }
}

/** One block's log data; receipts and transaction hashes are read when first needed. */
export interface BlockLogData {
  readonly index: readonly IndexedLog[];
  /** The index's addresses and topics as keys, made by the first range query that needs them. */
  keys: LogKeys[] | undefined;
  receipts: Receipt[] | undefined;
  /** each receipt's first log's position among the block's logs */
  firstLog: number[] | undefined;
  readonly txHashes: Map<number, string>;
}

/** The block's log keys, made on first use. */
export function keysOf(data: BlockLogData): LogKeys[] {
  data.keys ??= data.index.map(logKeys);
  return data.keys;
}

class BlockLogs {
  private readonly byHash = new Map<string, BlockLogData>();
  private weight = 0;

  constructor(private readonly chain: Chain) {}

  /** The block's log index; undefined when the block has none stored. */
  get(header: SealedHeader): BlockLogData | undefined {
    const key = bytesKey(header.hash);
    const known = this.byHash.get(key);
    if (known !== undefined) return known;
    const index = this.chain.getLogIndex(header);
    if (index === undefined) return undefined;
    const data: BlockLogData = { index, keys: undefined, receipts: undefined, firstLog: undefined, txHashes: new Map() };
    const w = 2 * index.length + 1;
    if (this.weight + w > MAX_LOGS) {
      this.byHash.clear();
      this.weight = 0;
    }
    if (w <= MAX_LOGS) {
      this.byHash.set(key, data);
      this.weight += w;
    }
    return data;
  }

  /** Fills in the receipts; false when they are not stored. */
  loadReceipts(header: SealedHeader, data: BlockLogData): boolean {
    if (data.receipts !== undefined) return true;
    const receipts = this.chain.getReceipts(header.hash);
    if (receipts === undefined) return false;
    const firstLog: number[] = [];
    let count = 0;
    for (const r of receipts) {
      firstLog.push(count);
      count += r.logs.length;
    }
    data.receipts = receipts;
    data.firstLog = firstLog;
    return true;
  }

  /** The hex hash of the block's transaction `txIndex`; undefined when the body is missing. */
  txHash(header: SealedHeader, data: BlockLogData, txIndex: number): string | undefined {
    const known = data.txHashes.get(txIndex);
    if (known !== undefined) return known;
    const tx = this.chain.getBody(header.hash)?.transactions[txIndex];
    if (tx === undefined) return undefined;
    const hash = bytesToHex(transactionHash(tx));
    data.txHashes.set(txIndex, hash);
    return hash;
  }
}

const perChain = new WeakMap<Chain, { headers: CanonicalHeaders; blocks: BlockLogs }>();

function cachesOf(chain: Chain): { headers: CanonicalHeaders; blocks: BlockLogs } {
  let c = perChain.get(chain);
  if (c === undefined) {
    c = { headers: new CanonicalHeaders(chain), blocks: new BlockLogs(chain) };
    perChain.set(chain, c);
  }
  return c;
}

/** The chain's header cache for log queries, synced with its current head. */
export function canonicalHeaders(chain: Chain): CanonicalHeaders {
  const c = cachesOf(chain).headers;
  c.sync();
  return c;
}

/** The chain's per-block log data cache (by block hash, whether or not canonical). */
export function blockLogData(chain: Chain): BlockLogs {
  return cachesOf(chain).blocks;
}
