/**
 * types/tx/access-list: EIP-2930 access lists, `[[address, [storageKey, ...]], ...]`, shared by
 * transaction types 1 to 4. Addresses are exactly 20 bytes and storage keys exactly 32.
 */
import type { Address, Hash32 } from "../../primitives/index.js";
import type { RlpInput, RlpItem } from "../../rlp/index.js";
import { TxError } from "./errors.js";
import { decodeAddressField, decodeHash32 } from "./fields.js";

export interface AccessListEntry {
  address: Address;
  storageKeys: Hash32[];
}

export type AccessList = AccessListEntry[];

export function decodeAccessList(item: RlpItem): AccessList {
  if (!Array.isArray(item)) throw new TxError("RLP_INVALID_ACCESS_LIST", "access list must be a list");
  const out: AccessList = [];
  for (const entry of item) {
    if (!Array.isArray(entry)) throw new TxError("RLP_INVALID_ACCESS_LIST", "access list entry must be a list");
    if (entry.length !== 2) throw new TxError("RLP_INVALID_ACCESS_LIST", `access list entry has ${entry.length} fields, expected 2`);
    const address = decodeAddressField(
      entry[0],
      "RLP_INVALID_ACCESS_LIST",
      "RLP_INVALID_ACCESS_LIST_ADDRESS_TOO_SHORT",
      "RLP_INVALID_ACCESS_LIST_ADDRESS_TOO_LONG",
      "access list address",
    );
    const keys = entry[1];
    if (!Array.isArray(keys)) throw new TxError("RLP_INVALID_ACCESS_LIST", "access list storage keys must be a list");
    const storageKeys = keys.map((k) =>
      decodeHash32(
        k,
        "RLP_INVALID_ACCESS_LIST",
        "RLP_INVALID_ACCESS_LIST_STORAGE_TOO_SHORT",
        "RLP_INVALID_ACCESS_LIST_STORAGE_TOO_LONG",
        "access list storage key",
      ),
    );
    out.push({ address, storageKeys });
  }
  return out;
}

export function encodeAccessList(list: readonly AccessListEntry[]): RlpInput {
  return list.map((e) => [e.address, e.storageKeys]);
}

/** Number of addresses and storage keys, the quantities EIP-2930 charges for. */
export function accessListCounts(list: readonly AccessListEntry[]): { addresses: number; storageKeys: number } {
  let storageKeys = 0;
  for (const e of list) storageKeys += e.storageKeys.length;
  return { addresses: list.length, storageKeys };
}
