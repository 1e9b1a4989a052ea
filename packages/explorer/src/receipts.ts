/**
 * receipts: the receipts of whole blocks, with eth_getBlockReceipts when the node serves it and
 * a batch of eth_getTransactionReceipt otherwise.
 */
import { ok, type Rpc, Unavailable } from "./rpc.js";
import type { FullBlock, RpcReceipt } from "./types.js";

export async function blockReceipts(rpc: Rpc, blocks: readonly FullBlock[]): Promise<Map<string, RpcReceipt>> {
  const out = new Map<string, RpcReceipt>();
  const withTxs = blocks.filter((b) => b.transactions.length > 0);
  if (withTxs.length === 0) return out;
  if (!rpc.knownMissing("eth_getBlockReceipts")) {
    const probe = await rpc.optional<RpcReceipt[]>("eth_getBlockReceipts", [withTxs[0]!.hash]);
    if (!(probe instanceof Unavailable)) {
      const rest = await rpc.batchAll<RpcReceipt[] | null>(withTxs.slice(1).map((b) => ["eth_getBlockReceipts", [b.hash]] as const));
      for (const list of [probe, ...rest]) if (list !== null && ok(list)) for (const r of list) out.set(r.transactionHash.toLowerCase(), r);
      return out;
    }
  }
  const hashes = withTxs.flatMap((b) => b.transactions.map((t) => t.hash));
  const receipts = await rpc.batchAll<RpcReceipt | null>(hashes.map((h) => ["eth_getTransactionReceipt", [h]] as const));
  for (const r of receipts) if (r !== null && ok(r)) out.set(r.transactionHash.toLowerCase(), r);
  return out;
}
