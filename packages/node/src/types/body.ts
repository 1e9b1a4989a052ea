/**
 * types/body: a block's body, `[transactions, ommers]` plus `withdrawals` from Shanghai
 * (EIP-4895), with its codec and the commitments a header makes to it: the transactions root
 * (ordered trie of canonical transaction encodings), the ommers hash (keccak256 of the RLP
 * list of ommer headers) and the withdrawals root. In a body a legacy transaction is an RLP
 * list and a typed one (EIP-2718) an RLP byte string holding `type || payload`.
 */
import { keccak256 } from "../crypto/index.js";
import { concatBytes, type Hash32 } from "../primitives/index.js";
import { encodeRlp, encodeRlpListPayload, type RlpItem } from "../rlp/index.js";
import { orderedTrieRoot } from "../trie/index.js";
import { BlockError } from "./block-error.js";
import { decodeHeaderItem, encodeHeader, type Header } from "./header.js";
import { fieldList } from "./rlp-fields.js";
import { decodeLegacyTx, decodeTransaction, encodeTransaction, type Transaction, TxError } from "./tx/index.js";
import { decodeWithdrawalItem, encodeWithdrawal, type Withdrawal } from "./withdrawal.js";

export interface BlockBody {
  transactions: Transaction[];
  /** uncle headers; always empty after the Merge */
  ommers: Header[];
  /** Shanghai and later; undefined before */
  withdrawals?: Withdrawal[] | undefined;
}

/** keccak256(rlp([])): the ommers hash of every block without ommers (all blocks after the Merge). */
export const EMPTY_OMMERS_HASH: Hash32 = keccak256(Uint8Array.of(0xc0)) as Hash32;

export function ommersHash(ommers: readonly Header[]): Hash32 {
  if (ommers.length === 0) return EMPTY_OMMERS_HASH;
  return keccak256(encodeRlpListPayload(concatBytes(...ommers.map(encodeHeader)))) as Hash32;
}

export function transactionsRoot(transactions: readonly Transaction[]): Hash32 {
  return orderedTrieRoot(transactions.map(encodeTransaction)) as Hash32;
}

/** A transaction as a body holds it: the legacy list itself, a typed envelope as a byte string. */
function encodeBodyTransaction(tx: Transaction): Uint8Array {
  const canonical = encodeTransaction(tx);
  return tx.type === 0 ? canonical : encodeRlp(canonical);
}

function decodeBodyTransaction(item: RlpItem, index: number): Transaction {
  try {
    if (Array.isArray(item)) return decodeLegacyTx(item);
    // A typed envelope starts with its type byte; a byte string holding an RLP list would be
    // a legacy transaction in disguise, which no canonical body contains.
    if (item.length === 0 || item[0]! > 0x7f)
      throw new BlockError("RLP_STRUCTURES_ENCODING", `transaction ${index}: a byte string must hold a typed transaction`);
    return decodeTransaction(item);
  } catch (e) {
    if (e instanceof TxError) throw new BlockError("RLP_STRUCTURES_ENCODING", `transaction ${index}: ${e.message}`, { cause: e });
    throw e;
  }
}

/** The encoded body fields, each an RLP list: transactions, ommers and (if present) withdrawals. */
export function encodeBodyFields(body: BlockBody): Uint8Array[] {
  const fields = [
    encodeRlpListPayload(concatBytes(...body.transactions.map(encodeBodyTransaction))),
    encodeRlpListPayload(concatBytes(...body.ommers.map(encodeHeader))),
  ];
  if (body.withdrawals) fields.push(encodeRlpListPayload(concatBytes(...body.withdrawals.map(encodeWithdrawal))));
  return fields;
}

/** The body as the eth protocol sends it: `rlp([transactions, ommers, withdrawals?])`. */
export function encodeBody(body: BlockBody): Uint8Array {
  return encodeRlpListPayload(concatBytes(...encodeBodyFields(body)));
}

/** Decodes the body fields from already-parsed RLP items (a block's, or a network body's). */
export function decodeBodyItems(txs: RlpItem, ommers: RlpItem, withdrawals: RlpItem | undefined): BlockBody {
  const body: BlockBody = {
    transactions: fieldList(txs, "transactions").map(decodeBodyTransaction),
    ommers: fieldList(ommers, "ommers").map((o) => decodeHeaderItem(o)),
  };
  if (withdrawals !== undefined) body.withdrawals = fieldList(withdrawals, "withdrawals").map(decodeWithdrawalItem);
  return body;
}
