/**
 * search: one box for a block number, block hash, transaction hash or address. Numbers and
 * addresses route at once; a 32-byte hash is looked up as a transaction first, then a block.
 */
import { html } from "./html.js";
import type { PageContext } from "./page.js";
import type { RpcBlock, RpcTx } from "./types.js";

export type Query =
  | { kind: "block"; id: string }
  | { kind: "address"; address: string }
  | { kind: "hash"; hash: string }
  | { kind: "invalid"; text: string };

export function classify(input: string): Query {
  const q = input.trim().replace(/[\s,_]/g, "");
  if (/^\d+$/.test(q)) return { kind: "block", id: BigInt(q).toString() };
  if (/^(latest|pending|earliest|safe|finalized)$/i.test(q)) return { kind: "block", id: q.toLowerCase() };
  const hex = q.startsWith("0x") || q.startsWith("0X") ? q.slice(2) : q;
  if (/^[0-9a-fA-F]{40}$/.test(hex)) return { kind: "address", address: `0x${hex.toLowerCase()}` };
  if (/^[0-9a-fA-F]{64}$/.test(hex)) return { kind: "hash", hash: `0x${hex.toLowerCase()}` };
  if (/^0x[0-9a-fA-F]{1,16}$/.test(q)) return { kind: "block", id: BigInt(q).toString() };
  return { kind: "invalid", text: input.trim() };
}

/** The route a query goes to. */
export function routeFor(q: Query): string {
  switch (q.kind) {
    case "block":
      return `#/block/${q.id}`;
    case "address":
      return `#/address/${q.address}`;
    case "hash":
      return `#/search/${q.hash}`;
    case "invalid":
      return `#/search/${encodeURIComponent(q.text)}`;
  }
}

export async function renderSearch(ctx: PageContext, text: string): Promise<void> {
  const q = classify(text);
  if (q.kind !== "hash") {
    if (q.kind !== "invalid") {
      location.replace(routeFor(q));
      return;
    }
    ctx.view.innerHTML = html`<h1>Search</h1><div class="state empty">
      <strong>Nothing to look up for “${q.text}”.</strong>
      <span>Enter a block number, a block hash, a transaction hash (0x + 64 hex digits) or an address (0x + 40 hex digits).</span></div>`.text;
    return;
  }
  ctx.view.innerHTML = html`<h1>Search</h1><div class="state loading"><span class="spinner"></span>Looking up ${q.hash}…</div>`.text;
  const tx = await ctx.rpc.call<RpcTx | null>("eth_getTransactionByHash", [q.hash]);
  if (!ctx.current()) return;
  if (tx !== null) {
    location.replace(`#/tx/${q.hash}`);
    return;
  }
  const block = await ctx.rpc.call<RpcBlock | null>("eth_getBlockByHash", [q.hash, false]);
  if (!ctx.current()) return;
  if (block !== null) {
    location.replace(`#/block/${q.hash}`);
    return;
  }
  ctx.view.innerHTML = html`<h1>Search</h1><div class="state empty"><strong>Not found</strong>
    <span>No transaction or block on this chain has the hash <code class="break">${q.hash}</code>.</span></div>`.text;
}
