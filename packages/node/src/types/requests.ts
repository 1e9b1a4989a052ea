/**
 * types/requests: the EIP-7685 (Prague) commitment to the execution-layer requests of a block.
 * Each element is `request_type || request_data`; elements with empty data (the type byte
 * alone) are left out, so a block without requests commits to sha256("") whatever its fork.
 * Ordering (ascending type) is the producer's duty; this only hashes.
 */
import { sha256 } from "../crypto/index.js";
import { concatBytes, type Hash32 } from "../primitives/index.js";

/** EIP-6110 deposits, EIP-7002 withdrawal requests, EIP-7251 consolidations. */
export const DEPOSIT_REQUEST_TYPE = 0x00;
export const WITHDRAWAL_REQUEST_TYPE = 0x01;
export const CONSOLIDATION_REQUEST_TYPE = 0x02;

/** sha256 of nothing: the requestsHash of a block without requests. */
export const EMPTY_REQUESTS_HASH: Hash32 = sha256(new Uint8Array(0)) as Hash32;

/** `sha256(sha256(r_0) || sha256(r_1) || ...)` over the requests with non-empty data. */
export function requestsHash(requests: readonly Uint8Array[]): Hash32 {
  const hashes: Uint8Array[] = [];
  for (const r of requests) if (r.length > 1) hashes.push(sha256(r));
  return sha256(concatBytes(...hashes)) as Hash32;
}
