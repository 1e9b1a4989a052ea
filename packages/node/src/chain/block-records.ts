/**
 * chain/block-records: reading and staging one block's records in the layout of schema.ts
 * (header, body, receipts, total difficulty, log index), used by Chain's import and reads.
 */
import type { KvBatch, KvReader } from "../kv/index.js";
import { type Address, bigintToBytes, equalBytes, type Hash32 } from "../primitives/index.js";
import { decodeRlp, expectList } from "../rlp/index.js";
import { EMPTY_TRIE_ROOT } from "../trie/index.js";
import {
  type BlockBody,
  decodeBodyItems,
  decodeHeader,
  encodeBody,
  encodeHeader,
  type Receipt,
  type SealedBlock,
  type SealedHeader,
  type Transaction,
} from "../types/index.js";
import { ChainError } from "./errors.js";
import { encodeLogIndex, encodeReceipts, logIndexOf } from "./records.js";
import { bodyKey, headerKey, logsKey, receiptsKey, totalDifficultyKey, trieNodeKey } from "./schema.js";

export function readHeader(kv: KvReader, hash: Uint8Array): SealedHeader | undefined {
  const bytes = kv.get(headerKey(hash));
  return bytes === undefined ? undefined : { header: decodeHeader(bytes), hash: hash.slice() as Hash32 };
}

export function readBody(kv: KvReader, hash: Uint8Array): BlockBody | undefined {
  const bytes = kv.get(bodyKey(hash));
  if (bytes === undefined) return undefined;
  const parts = expectList(decodeRlp(bytes), "body");
  if (parts.length !== 2 && parts.length !== 3) throw new ChainError(`stored body has ${parts.length} fields`);
  return decodeBodyItems(parts[0]!, parts[1]!, parts[2]);
}

export function hasStateRoot(kv: KvReader, root: Uint8Array): boolean {
  return equalBytes(root, EMPTY_TRIE_ROOT) || kv.has(trieNodeKey(root));
}

/** Stages the block-keyed records of a block: written once, whichever branch it is on. */
export function stageBlock(
  batch: KvBatch,
  block: SealedBlock,
  receipts: readonly Receipt[],
  td: bigint,
  encodedBody: Uint8Array = encodeBody(block.body),
): void {
  const hash = block.header.hash;
  // Fresh encodings: the batch keeps them without copying.
  batch.putOwned(headerKey(hash), encodeHeader(block.header.header));
  batch.putOwned(bodyKey(hash), encodedBody);
  batch.putOwned(receiptsKey(hash), encodeReceipts(receipts));
  batch.putOwned(totalDifficultyKey(hash), bigintToBytes(td));
  batch.putOwned(logsKey(block.header.header.number, hash), encodeLogIndex(logIndexOf(receipts)));
}

/** A block's transactions with their senders, known from executing it. */
export interface KnownBlockTxs {
  readonly hash: Uint8Array;
  readonly transactions: readonly Transaction[];
  readonly senders: readonly Address[];
}
