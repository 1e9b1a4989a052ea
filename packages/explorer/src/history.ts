/**
 * history: an address's transactions and token transfers, newest first, page by page.
 * With Otterscan's API (ots_searchTransactionsBefore, ots_getContractCreator) the node keeps
 * the index; without it the explorer scans blocks backwards from the head, reading receipts,
 * at most SCAN_BLOCKS blocks per page, and says how far it has looked.
 */
import { big, grouped, num } from "./format.js";
import { blockReceipts } from "./receipts.js";
import { ok, type Rpc, Unavailable } from "./rpc.js";
import { type TokenTransfer, transfersOf } from "./tokens.js";
import type { FullBlock, RpcReceipt, RpcTx } from "./types.js";

export const PAGE_SIZE = 25;
const SCAN_BLOCKS = 2000;
const SCAN_CHUNK = 50;

export interface HistoryItem {
  readonly tx: RpcTx;
  readonly receipt?: RpcReceipt;
  readonly timestamp?: number;
}

export interface Creator {
  readonly creator: string;
  readonly txHash: string;
}

export interface HistoryChunk {
  readonly items: HistoryItem[];
  readonly transfers: TokenTransfer[];
  readonly creator?: Creator;
  /** true when there is nothing older */
  readonly done: boolean;
  /** how the history was found, shown under the tables */
  readonly note: string;
}

export interface History {
  readonly source: "ots" | "scan";
  next(): Promise<HistoryChunk>;
}

function involves(address: string, t: TokenTransfer): boolean {
  return t.from === address || t.to === address || t.token === address;
}

interface OtsPage {
  txs: RpcTx[];
  receipts: (RpcReceipt & { timestamp?: string })[];
  firstPage: boolean;
  lastPage: boolean;
}

/** Otterscan's ots_searchTransactionsBefore: block 0 means "from the head". */
async function otsHistory(rpc: Rpc, address: string, first: OtsPage): Promise<History> {
  let page: OtsPage | undefined = first;
  let creatorDone = false;
  return {
    source: "ots",
    async next() {
      const current = page;
      if (current === undefined) throw new Error("no more pages");
      page = undefined;
      const receipts = new Map(current.receipts.map((r) => [r.transactionHash.toLowerCase(), r]));
      const items = current.txs.map((tx) => {
        const receipt = receipts.get(tx.hash.toLowerCase());
        return { tx, receipt, timestamp: receipt?.timestamp !== undefined ? num(receipt.timestamp) : undefined };
      });
      const transfers = transfersOf(current.receipts.flatMap((r) => r.logs)).filter((t) => involves(address, t));
      let creator: Creator | undefined;
      if (!creatorDone) {
        creatorDone = true;
        const c = await rpc.optional<{ hash: string; creator: string } | null>("ots_getContractCreator", [address]).catch(() => null);
        if (c !== null && !(c instanceof Unavailable)) creator = { creator: c.creator.toLowerCase(), txHash: c.hash };
      }
      const last = current.txs[current.txs.length - 1];
      if (!current.lastPage && last?.blockNumber) {
        const before = num(last.blockNumber);
        page = await rpc.call<OtsPage>("ots_searchTransactionsBefore", [address, before, PAGE_SIZE]);
      }
      return { items, transfers, creator, done: page === undefined, note: "From the node's address index (ots_searchTransactionsBefore)." };
    },
  };
}

function scanHistory(rpc: Rpc, address: string, head: bigint): History {
  let cursor = head;
  return {
    source: "scan",
    async next() {
      const items: HistoryItem[] = [];
      const transfers: TokenTransfer[] = [];
      let creator: Creator | undefined;
      const stop = cursor - BigInt(SCAN_BLOCKS);
      while (cursor >= 0n && cursor > stop && items.length < PAGE_SIZE) {
        const lo = cursor - BigInt(SCAN_CHUNK) + 1n < 0n ? 0n : cursor - BigInt(SCAN_CHUNK) + 1n;
        const calls = [];
        for (let n = cursor; n >= lo; n--) calls.push(["eth_getBlockByNumber", [`0x${n.toString(16)}`, true]] as const);
        const blocks = (await rpc.batch<FullBlock | null>(calls)).filter((b): b is FullBlock => b !== null && ok(b));
        const receipts = await blockReceipts(rpc, blocks);
        let next = lo - 1n;
        for (const b of blocks) {
          // A page ends at a block boundary once it is full; the next page starts below it.
          if (items.length >= PAGE_SIZE) {
            next = big(b.number);
            break;
          }
          const ts = num(b.timestamp);
          for (const tx of [...b.transactions].reverse()) {
            const r = receipts.get(tx.hash.toLowerCase());
            const created = r?.contractAddress?.toLowerCase();
            if (created === address) creator = { creator: tx.from.toLowerCase(), txHash: tx.hash };
            if (tx.from.toLowerCase() === address || tx.to?.toLowerCase() === address || created === address)
              items.push({ tx, receipt: r, timestamp: ts });
            if (r !== undefined) transfers.push(...transfersOf([...r.logs].reverse()).filter((t) => involves(address, t)));
          }
        }
        cursor = next;
      }
      const done = cursor < 0n;
      const scanned = head - cursor;
      return {
        items,
        transfers,
        creator,
        done,
        note: done
          ? `Scanned all ${grouped(scanned)} blocks (this node has no address index; ots_searchTransactionsBefore is not available).`
          : `Scanned the latest ${grouped(scanned)} blocks, down to block ${grouped(cursor + 1n)} (this node has no address index; ots_searchTransactionsBefore is not available).`,
      };
    },
  };
}

export async function openHistory(rpc: Rpc, address: string): Promise<History> {
  const a = address.toLowerCase();
  const first = await rpc
    .optional<OtsPage>("ots_searchTransactionsBefore", [a, 0, PAGE_SIZE])
    .catch(() => new Unavailable("ots_searchTransactionsBefore"));
  if (!(first instanceof Unavailable)) return otsHistory(rpc, a, first);
  const head = big(await rpc.call<string>("eth_blockNumber"));
  return scanHistory(rpc, a, head);
}
