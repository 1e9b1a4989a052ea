/**
 * types/receipt: transaction receipts in their consensus encoding, as the receipts trie holds
 * them: `rlp([statusOrRoot, cumulativeGasUsed, logsBloom, logs])` for a legacy transaction and
 * `type || rlp(...)` for a typed one (EIP-2718). The first field is the post-state root before
 * Byzantium and the status after (EIP-658): empty for failure, 0x01 for success.
 */
import type { Hash32 } from "../primitives/index.js";
import { concatBytes } from "../primitives/index.js";
import { decodeRlp, encodeRlp, type RlpInput, type RlpItem } from "../rlp/index.js";
import { orderedTrieRoot } from "../trie/index.js";
import { BlockError, blockErrorFromRlp } from "./block-error.js";
import { BLOOM_BYTES, type Bloom } from "./bloom.js";
import { decodeLogItem, type Log, logFields } from "./log.js";
import { fieldBytes, fieldFixed, fieldList, fieldU64 } from "./rlp-fields.js";
import { TX_TYPE_SET_CODE, type TxType } from "./tx/index.js";

export interface Receipt {
  /** the type of the transaction it reports on */
  type: TxType;
  /** EIP-658 (Byzantium and later): 1 success, 0 failure; undefined when postStateRoot is set */
  status?: 0 | 1 | undefined;
  /** before Byzantium: the state root after the transaction */
  postStateRoot?: Hash32 | undefined;
  /** gas used in the block up to and including this transaction */
  cumulativeGasUsed: bigint;
  logsBloom: Bloom;
  logs: Log[];
}

const STATUS_SUCCESS = Uint8Array.of(1);
const STATUS_FAILURE = new Uint8Array(0);

function outcomeField(r: Receipt): Uint8Array {
  if (r.postStateRoot !== undefined) {
    if (r.status !== undefined) throw new BlockError("RLP_STRUCTURES_ENCODING", "a receipt has a status or a post-state root, not both");
    return r.postStateRoot;
  }
  if (r.status === undefined) throw new BlockError("RLP_STRUCTURES_ENCODING", "a receipt needs a status or a post-state root");
  return r.status === 1 ? STATUS_SUCCESS : STATUS_FAILURE;
}

export function receiptFields(r: Receipt): RlpInput[] {
  return [outcomeField(r), r.cumulativeGasUsed, r.logsBloom, r.logs.map(logFields)];
}

/**
 * Encodings by receipt object: import encodes each receipt for the receipts root and again for
 * the stored receipts. Receipts are not changed once built; callers must not modify the bytes.
 */
const encodings = new WeakMap<Receipt, Uint8Array>();

/** The consensus encoding (what the receipts trie stores and hashes). */
export function encodeReceipt(r: Receipt): Uint8Array {
  let encoded = encodings.get(r);
  if (encoded === undefined) {
    const payload = encodeRlp(receiptFields(r));
    encoded = r.type === 0 ? payload : concatBytes(Uint8Array.of(r.type), payload);
    encodings.set(r, encoded);
  }
  return encoded;
}

function decodeReceiptFields(item: RlpItem, type: TxType): Receipt {
  const f = fieldList(item, "receipt");
  if (f.length !== 4) throw new BlockError("RLP_STRUCTURES_ENCODING", `receipt has ${f.length} fields, expected 4`);
  const outcome = fieldBytes(f[0], "receipt status");
  const receipt: Receipt = {
    type,
    cumulativeGasUsed: fieldU64(f[1], "cumulativeGasUsed"),
    logsBloom: fieldFixed(f[2], BLOOM_BYTES, "receipt logsBloom"),
    logs: fieldList(f[3], "receipt logs").map(decodeLogItem),
  };
  if (outcome.length === 32) receipt.postStateRoot = outcome.slice() as Hash32;
  else if (outcome.length === 0) receipt.status = 0;
  else if (outcome.length === 1 && outcome[0] === 1) receipt.status = 1;
  else throw new BlockError("RLP_STRUCTURES_ENCODING", `receipt status must be empty, 0x01 or a 32-byte root, got ${outcome.length} bytes`);
  return receipt;
}

/** Decodes the consensus encoding. Throws BlockError. */
export function decodeReceipt(bytes: Uint8Array): Receipt {
  if (bytes.length === 0) throw new BlockError("RLP_STRUCTURES_ENCODING", "empty input is not a receipt");
  const first = bytes[0]!;
  let type: TxType = 0;
  let body = bytes;
  if (first < 0xc0) {
    if (first < 1 || first > TX_TYPE_SET_CODE)
      throw new BlockError("RLP_STRUCTURES_ENCODING", `unknown receipt type 0x${first.toString(16)}`);
    type = first as TxType;
    body = bytes.subarray(1);
  }
  let item: RlpItem;
  try {
    item = decodeRlp(body);
  } catch (e) {
    throw blockErrorFromRlp(e, "receipt");
  }
  return decodeReceiptFields(item, type);
}

export function receiptsRoot(receipts: readonly Receipt[]): Hash32 {
  return orderedTrieRoot(receipts.map(encodeReceipt)) as Hash32;
}
