/**
 * chain/history: the account-history indexes behind Otterscan's API (ots_searchTransactions*,
 * ots_getTransactionBySenderAndNonce, ots_getContractCreator), written with the canonical-only
 * entries of each block (chain.ts stageTxIndex) and so removed with them on a reorg.
 *
 * - `a ‖ address ‖ number ‖ tx index → tx hash`: every canonical transaction under its sender,
 *   its recipient and, for a contract creation, the created address (derived from sender and
 *   nonce, so no receipt is needed; a failed creation is listed too, as it touched the address).
 * - `o ‖ sender ‖ nonce → tx hash`: the transaction a sender sent with a nonce.
 * - `C ‖ created address → tx hash`: the transaction that created a contract with a top-level
 *   creation. Contracts created by other contracts are not indexed: ots_getContractCreator
 *   finds those by a search over historical state (rpc/ots/creator.ts).
 *
 * Reads walk `a` forwards or backwards from a block with the store's ordered range scans, so a
 * page of history costs the page, not the length of the address's history.
 */
import { createAddress } from "../evm/index.js";
import type { KvReader } from "../kv/index.js";
import type { Address, Hash32 } from "../primitives/index.js";
import type { Transaction } from "../types/index.js";
import { addressRange, addressTxKey, PREFIX, parseAddressTxKey, writeU64 } from "./schema.js";

/** `o ‖ sender ‖ nonce (8 bytes)`. */
export function senderNonceKey(sender: Address, nonce: bigint): Uint8Array {
  const key = new Uint8Array(1 + 20 + 8);
  key[0] = PREFIX.senderNonce;
  key.set(sender, 1);
  writeU64(key, 21, nonce);
  return key;
}

/** `C ‖ created address`. */
export function creatorKey(created: Address): Uint8Array {
  const key = new Uint8Array(1 + 20);
  key[0] = PREFIX.creator;
  key.set(created, 1);
  return key;
}

/**
 * The history keys of one canonical transaction; each one's value is the transaction hash.
 * The same list is written when the block joins the canonical chain and deleted when it leaves.
 */
export function historyKeys(tx: Transaction, sender: Address, number: bigint, index: number): Uint8Array[] {
  const keys = [addressTxKey(sender, number, index), senderNonceKey(sender, tx.nonce)];
  if (tx.to !== undefined) keys.push(addressTxKey(tx.to, number, index));
  else {
    const created = createAddress(sender, tx.nonce);
    keys.push(addressTxKey(created, number, index), creatorKey(created));
  }
  return keys;
}

/** A canonical transaction listed under an address (index `a`). */
export interface HistoryEntry {
  readonly blockNumber: bigint;
  readonly index: number;
  readonly txHash: Hash32;
}

export interface HistoryPage {
  /** In scan order: newest first when searching backwards, oldest first when searching forwards. */
  readonly entries: HistoryEntry[];
  /** Whether more entries lie beyond the page in the direction searched. */
  readonly hasMore: boolean;
}

/**
 * A page of `address`'s transactions in blocks strictly below `before` (newest first) or
 * strictly above `after` (oldest first); `before` 0 means from the newest block. As Erigon's Otterscan search does, a page ends at a
 * block boundary once it holds `pageSize` entries: a block's transactions are never split.
 */
export function searchHistory(
  kv: KvReader,
  address: Address,
  direction: { before: bigint } | { after: bigint },
  pageSize: number,
): HistoryPage {
  const range = addressRange(address);
  const scan =
    "before" in direction
      ? { gte: range.gte, lt: direction.before <= 0n ? range.lt : addressTxKey(address, direction.before, 0), reverse: true }
      : { gte: addressTxKey(address, direction.after + 1n, 0), lt: range.lt };
  const entries: HistoryEntry[] = [];
  for (const { key, value } of kv.iterate(scan)) {
    const { number, index } = parseAddressTxKey(key);
    const last = entries[entries.length - 1];
    if (entries.length >= pageSize && last !== undefined && last.blockNumber !== number) return { entries, hasMore: true };
    entries.push({ blockNumber: number, index, txHash: value.slice() as Hash32 });
  }
  return { entries, hasMore: false };
}

/** The hash of the canonical transaction `sender` sent with `nonce`, if any. */
export function txHashBySenderAndNonce(kv: KvReader, sender: Address, nonce: bigint): Hash32 | undefined {
  return kv.get(senderNonceKey(sender, nonce))?.slice() as Hash32 | undefined;
}

/** The canonical transaction that created `address` with a top-level creation, if any. */
export function creationTxHash(kv: KvReader, address: Address): Hash32 | undefined {
  return kv.get(creatorKey(address))?.slice() as Hash32 | undefined;
}
