/**
 * chain/verified: the store of verified contract sources (`V ‖ address` in schema.ts). The
 * record is opaque to the chain: the verifier (rpc/verify) writes a JSON document with the
 * sources, ABI and compiler settings it checked against the deployed code, and the explorer
 * reads it back. Kept beside the block data so it survives restarts on the same data dir; it is
 * not consensus data and is never rewritten by a reorg (a contract's code at an address is what
 * was checked at verification time).
 */
import type { KvStore } from "../kv/index.js";
import { type Address, concatBytes } from "../primitives/index.js";

/** The schema prefix of verified-contract records. */
export const VERIFIED_PREFIX = 0x56; // V

export const verifiedKey = (address: Address): Uint8Array => concatBytes(Uint8Array.of(VERIFIED_PREFIX), address);

export class VerifiedContracts {
  constructor(private readonly kv: KvStore) {}

  /** The stored record of `address`, parsed, or undefined. */
  get(address: Address): unknown {
    const bytes = this.kv.get(verifiedKey(address));
    return bytes === undefined ? undefined : JSON.parse(new TextDecoder().decode(bytes));
  }

  /** Replaces the record of `address` (one atomic write). */
  put(address: Address, record: unknown): void {
    this.kv.write([{ type: "put", key: verifiedKey(address), value: new TextEncoder().encode(JSON.stringify(record)) }]);
  }
}
