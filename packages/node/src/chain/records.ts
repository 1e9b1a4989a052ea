/**
 * chain/records: the encodings of the chain's own stored values (schema.ts): a block's
 * receipts, a transaction lookup, and the per-block log index. Headers and bodies use their
 * protocol encodings (types). Decoding is strict: a value that does not decode means the
 * database is damaged, reported as ChainError.
 */
import type { Address, Hash32 } from "../primitives/index.js";
import { decodeRlp, decodeSafeNumber, decodeUint64, encodeRlp, expectFixedBytes, expectList } from "../rlp/index.js";
import { decodeReceipt, encodeReceipt, type Receipt } from "../types/index.js";
import { ChainError } from "./errors.js";

function damaged(what: string, e: unknown): ChainError {
  return new ChainError(`stored ${what} does not decode: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
}

export function encodeReceipts(receipts: readonly Receipt[]): Uint8Array {
  return encodeRlp(receipts.map(encodeReceipt));
}

export function decodeReceipts(bytes: Uint8Array): Receipt[] {
  try {
    return expectList(decodeRlp(bytes), "receipts").map((item) => {
      if (!(item instanceof Uint8Array)) throw new ChainError("a receipt is stored as a byte string");
      return decodeReceipt(item);
    });
  } catch (e) {
    throw damaged("receipts", e);
  }
}

/** Where a canonical transaction is: its block and position. */
export interface TxLookup {
  readonly blockHash: Hash32;
  readonly blockNumber: bigint;
  readonly index: number;
}

export function encodeTxLookup(l: TxLookup): Uint8Array {
  return encodeRlp([l.blockHash, l.blockNumber, l.index]);
}

export function decodeTxLookup(bytes: Uint8Array): TxLookup {
  try {
    const f = expectList(decodeRlp(bytes), "tx lookup");
    if (f.length !== 3) throw new ChainError(`tx lookup has ${f.length} fields`);
    return {
      blockHash: expectFixedBytes(f[0]!, 32, "block hash").slice() as Hash32,
      blockNumber: decodeUint64(f[1]!, "block number"),
      index: decodeSafeNumber(f[2]!, "tx index"),
    };
  } catch (e) {
    throw damaged("tx lookup", e);
  }
}

/** One log in a block's log index: where it is and what a filter matches on. */
export interface IndexedLog {
  readonly txIndex: number;
  /** position among all logs of the block */
  readonly logIndex: number;
  readonly address: Address;
  readonly topics: readonly Hash32[];
}

export function logIndexOf(receipts: readonly Receipt[]): IndexedLog[] {
  const out: IndexedLog[] = [];
  let logIndex = 0;
  receipts.forEach((r, txIndex) => {
    for (const log of r.logs) out.push({ txIndex, logIndex: logIndex++, address: log.address, topics: log.topics });
  });
  return out;
}

export function encodeLogIndex(logs: readonly IndexedLog[]): Uint8Array {
  return encodeRlp(logs.map((l) => [l.txIndex, l.logIndex, l.address, l.topics]));
}

export function decodeLogIndex(bytes: Uint8Array): IndexedLog[] {
  try {
    return expectList(decodeRlp(bytes), "log index").map((item) => {
      const f = expectList(item, "indexed log");
      if (f.length !== 4) throw new ChainError(`indexed log has ${f.length} fields`);
      return {
        txIndex: decodeSafeNumber(f[0]!, "tx index"),
        logIndex: decodeSafeNumber(f[1]!, "log index"),
        address: expectFixedBytes(f[2]!, 20, "log address").slice() as Address,
        topics: expectList(f[3]!, "topics").map((t) => expectFixedBytes(t, 32, "topic").slice() as Hash32),
      };
    });
  } catch (e) {
    throw damaged("log index", e);
  }
}
