/**
 * types/log: an event log as receipts carry it, `[address, [topic, ...], data]` with 32-byte
 * topics, and the hash of a list of logs that state tests check (keccak256 of its RLP).
 */
import { keccak256 } from "../crypto/index.js";
import type { Address, Hash32 } from "../primitives/index.js";
import type { RlpInput, RlpItem } from "../rlp/index.js";
import { encodeRlp } from "../rlp/index.js";
import { BlockError } from "./block-error.js";
import { fieldAddress, fieldBytes, fieldHash, fieldList } from "./rlp-fields.js";

export interface Log {
  address: Address;
  /** at most four (LOG0..LOG4); not a decoding rule */
  topics: Hash32[];
  data: Uint8Array;
}

export function logFields(log: Log): RlpInput {
  return [log.address, log.topics, log.data];
}

export function encodeLog(log: Log): Uint8Array {
  return encodeRlp(logFields(log));
}

export function decodeLogItem(item: RlpItem): Log {
  const f = fieldList(item, "log");
  if (f.length !== 3) throw new BlockError("RLP_STRUCTURES_ENCODING", `log has ${f.length} fields, expected 3`);
  return {
    address: fieldAddress(f[0], "log address"),
    topics: fieldList(f[1], "log topics").map((t, i) => fieldHash(t, `log topic ${i}`)),
    data: fieldBytes(f[2], "log data").slice(),
  };
}

/** keccak256(rlp(logs)): the `logs` hash of state-test posts. */
export function logsHash(logs: readonly Log[]): Hash32 {
  return keccak256(encodeRlp(logs.map(logFields))) as Hash32;
}
