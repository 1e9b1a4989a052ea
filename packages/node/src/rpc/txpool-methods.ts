/**
 * rpc/txpool-methods: txpool_content, txpool_contentFrom, txpool_status and txpool_inspect,
 * shaped as go-ethereum's TxPoolAPI returns them: pending and queued, keyed by checksummed
 * sender, then by decimal nonce; pooled transactions as RPCTransaction without a block (fee
 * transactions show their fee cap as gasPrice); counts as hex quantities.
 */
import { type Address, asAddress, bigintToQuantity } from "../primitives/index.js";
import { type BySenderAndNonce, type PooledTx, poolContent, poolInspect, type TxPool } from "../txpool/index.js";
import { formatTransaction } from "./eth/format.js";
import { argAddress } from "./params.js";
import type { MethodRegistry } from "./registry.js";

type Json = Record<string, unknown>;

function render<T>(grouped: BySenderAndNonce<T>, view: (e: T) => unknown): Json {
  const out: Json = {};
  for (const [sender, byNonce] of grouped) {
    const inner: Json = {};
    for (const [nonce, e] of byNonce) inner[nonce] = view(e);
    out[sender] = inner;
  }
  return out;
}

const txJson = (e: PooledTx): unknown => formatTransaction(e.tx, e.sender, undefined);

/** txpool_contentFrom's shape: one sender's transactions by nonce. */
function onlySender(grouped: BySenderAndNonce<PooledTx>): Json {
  const out: Json = {};
  for (const byNonce of grouped.values()) for (const [nonce, e] of byNonce) out[nonce] = txJson(e);
  return out;
}

export function registerTxPoolMethods(registry: MethodRegistry, pool: TxPool): void {
  registry.register(
    "txpool_content",
    () => {
      const c = poolContent(pool);
      return { pending: render(c.pending, txJson), queued: render(c.queued, txJson) };
    },
    { arity: [0, 0] },
  );
  registry.register(
    "txpool_contentFrom",
    (p) => {
      const from: Address = asAddress(argAddress(p, 0));
      const c = poolContent(pool, from);
      return { pending: onlySender(c.pending), queued: onlySender(c.queued) };
    },
    { arity: [1, 1] },
  );
  registry.register(
    "txpool_status",
    () => {
      const s = pool.status();
      return { pending: bigintToQuantity(BigInt(s.pending)), queued: bigintToQuantity(BigInt(s.queued)) };
    },
    { arity: [0, 0] },
  );
  registry.register(
    "txpool_inspect",
    () => {
      const c = poolInspect(pool);
      return { pending: render(c.pending, (l) => l), queued: render(c.queued, (l) => l) };
    },
    { arity: [0, 0] },
  );
}
