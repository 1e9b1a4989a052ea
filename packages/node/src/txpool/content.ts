/**
 * txpool/content: the read-only views behind txpool_content, txpool_contentFrom,
 * txpool_status and txpool_inspect, shaped as go-ethereum returns them: pending and queued,
 * grouped by checksummed sender, then by decimal nonce. The RPC layer renders the entries.
 */
import { toChecksumAddress } from "../crypto/index.js";
import type { Address } from "../primitives/index.js";
import type { PooledTx } from "./best.js";
import type { TxPool } from "./pool.js";
import { feeCap } from "./pricing.js";

export type BySenderAndNonce<T> = Map<string, Map<string, T>>;

export interface PoolContent<T> {
  pending: BySenderAndNonce<T>;
  queued: BySenderAndNonce<T>;
}

function group<T>(lists: Map<string, PooledTx[]>, view: (e: PooledTx) => T, only?: Address): BySenderAndNonce<T> {
  const out: BySenderAndNonce<T> = new Map();
  for (const list of lists.values()) {
    const first = list[0];
    if (!first) continue;
    const sender = toChecksumAddress(first.sender);
    if (only && sender !== toChecksumAddress(only)) continue;
    const byNonce = new Map<string, T>();
    for (const e of list) byNonce.set(e.tx.nonce.toString(), view(e));
    out.set(sender, byNonce);
  }
  return out;
}

/** txpool_content (or txpool_contentFrom with `from`): every pooled transaction. */
export function poolContent(pool: TxPool, from?: Address): PoolContent<PooledTx> {
  return { pending: group(pool.pending(), (e) => e, from), queued: group(pool.queued(), (e) => e, from) };
}

/** geth's one-line summary: "to: value wei + gas gas × price wei" ("contract creation" without a recipient). */
export function inspectLine(e: PooledTx): string {
  const to = e.tx.to === undefined ? "contract creation" : toChecksumAddress(e.tx.to);
  return `${to}: ${e.tx.value} wei + ${e.tx.gasLimit} gas × ${feeCap(e.tx)} wei`;
}

/** txpool_inspect. */
export function poolInspect(pool: TxPool): PoolContent<string> {
  return { pending: group(pool.pending(), inspectLine), queued: group(pool.queued(), inspectLine) };
}

/** txpool_status. */
export function poolStatus(pool: TxPool): { pending: number; queued: number } {
  return pool.status();
}
