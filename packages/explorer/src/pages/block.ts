/**
 * pages/block: one block by number, hash or tag: header fields, fees burnt, and its
 * transactions with method, value, fee and status from the receipts.
 */
import { decodeCall, methodLabel } from "../decode.js";
import {
  addressLink,
  big,
  blockHashLink,
  byteLength,
  ether,
  grouped,
  gwei,
  num,
  percent,
  printable,
  timeAgo,
  txLink,
  utcTime,
} from "../format.js";
import { empty, errorBox, html, loading, type Safe } from "../html.js";
import { fill, type PageContext } from "../page.js";
import { blockReceipts } from "../receipts.js";
import type { FullBlock, RpcReceipt } from "../types.js";
import { loadVerified } from "../verified.js";

export function statusBadge(r: RpcReceipt | undefined): Safe {
  if (r === undefined) return html`<span class="badge pending">Pending</span>`;
  if (r.status === undefined) return html`<span class="badge">Pre-Byzantium</span>`;
  return r.status === "0x1" ? html`<span class="badge success">Success</span>` : html`<span class="badge fail">Failed</span>`;
}

function row(label: string, value: Safe | string, id?: string): Safe {
  return html`<div class="kv"${id ? html` data-field="${id}"` : ""}><dt>${label}</dt><dd>${value}</dd></div>`;
}

async function fetchBlock(ctx: PageContext, id: string): Promise<FullBlock | null> {
  if (/^0x[0-9a-fA-F]{64}$/.test(id)) return ctx.rpc.call<FullBlock | null>("eth_getBlockByHash", [id, true]);
  const tag = /^\d+$/.test(id) ? `0x${BigInt(id).toString(16)}` : id;
  return ctx.rpc.call<FullBlock | null>("eth_getBlockByNumber", [tag, true]);
}

function txTable(block: FullBlock, receipts: Map<string, RpcReceipt>): Safe {
  if (block.transactions.length === 0) return empty("This block has no transactions.");
  return html`<div class="table-wrap"><table class="list" id="block-txs">
    <thead><tr><th>Hash</th><th>Method</th><th>From</th><th>To</th><th class="num">Value</th><th class="num wide">Fee</th><th>Status</th></tr></thead>
    <tbody>${block.transactions.map((tx) => {
      const r = receipts.get(tx.hash.toLowerCase());
      const fee = r === undefined ? undefined : big(r.gasUsed) * big(r.effectiveGasPrice);
      const method = decodeCall(tx.input, tx.to)?.sig.name ?? methodLabel(tx.input, tx.to);
      const to =
        tx.to === null
          ? html`${r?.contractAddress ? addressLink(r.contractAddress) : ""} <span class="pill">create</span>`
          : addressLink(tx.to);
      return html`<tr>
        <td>${txLink(tx.hash)}</td><td><span class="method">${method}</span></td><td>${addressLink(tx.from)}</td><td>${to}</td>
        <td class="num mono">${ether(big(tx.value))}</td><td class="num mono wide">${fee === undefined ? "—" : ether(fee)}</td><td>${statusBadge(r)}</td>
      </tr>`;
    })}</tbody></table></div>`;
}

export async function renderBlock(ctx: PageContext, id: string): Promise<void> {
  ctx.view.innerHTML = html`<h1>Block</h1><div id="block">${loading("the block")}</div>`.text;
  let block: FullBlock | null;
  let head: bigint | undefined;
  try {
    [block, head] = await Promise.all([fetchBlock(ctx, id), ctx.rpc.call<string>("eth_blockNumber").then(BigInt, () => undefined)]);
  } catch (e) {
    fill(ctx, "block", errorBox("Could not read the block", e));
    return;
  }
  if (block === null) {
    fill(ctx, "block", empty(`No block ${id} on this chain (yet).`));
    return;
  }
  const n = big(block.number);
  const ts = num(block.timestamp);
  const baseFee = block.baseFeePerGas === undefined ? undefined : big(block.baseFeePerGas);
  const text = printable(block.extraData);
  if (!ctx.current()) return;
  ctx.view.innerHTML = html`
    <div class="title-row"><h1>Block <span class="mono" id="block-number">#${grouped(n)}</span></h1>
      <nav class="pager">${n > 0n ? html`<a href="#/block/${(n - 1n).toString()}" rel="prev">← ${grouped(n - 1n)}</a>` : ""}
      ${head === undefined || n < head ? html`<a href="#/block/${(n + 1n).toString()}" rel="next">${grouped(n + 1n)} →</a>` : html`<span class="muted">latest</span>`}</nav></div>
    <section class="card"><dl class="kvs">
      ${row("Hash", html`<span class="mono break">${block.hash}</span>`, "hash")}
      ${row("Parent", n > 0n ? blockHashLink(block.parentHash, false) : html`<span class="mono break">${block.parentHash}</span>`)}
      ${row("Timestamp", html`${utcTime(ts)} <span class="muted">(${timeAgo(ts)})</span>`)}
      ${row("Transactions", html`<span id="tx-count">${block.transactions.length}</span>`, "txs")}
      ${row("Fee recipient", addressLink(block.miner, false))}
      ${row("Gas used", html`${grouped(big(block.gasUsed))} <span class="muted">(${percent(big(block.gasUsed), big(block.gasLimit))} of ${grouped(big(block.gasLimit))})</span>`, "gas")}
      ${baseFee !== undefined ? row("Base fee", gwei(baseFee)) : ""}
      ${baseFee !== undefined ? row("Burnt fees", ether(baseFee * big(block.gasUsed))) : ""}
      ${block.blobGasUsed !== undefined ? row("Blob gas used", `${grouped(big(block.blobGasUsed))} (excess ${grouped(big(block.excessBlobGas))})`) : ""}
      ${block.withdrawals !== undefined ? row("Withdrawals", String(block.withdrawals.length)) : ""}
      ${block.size !== undefined ? row("Size", `${grouped(big(block.size))} bytes`) : ""}
      ${row("Extra data", html`<span class="mono break">${block.extraData}</span>${text !== undefined ? html` <span class="muted">“${text}”</span>` : ""} <span class="muted">(${byteLength(block.extraData)} bytes)</span>`)}
      ${row("State root", html`<span class="mono break">${block.stateRoot}</span>`)}
    </dl></section>
    <section class="card"><h2>Transactions</h2><div id="txs">${loading("transactions")}</div></section>`.text;
  try {
    const [receipts] = await Promise.all([
      blockReceipts(ctx.rpc, [block]),
      loadVerified(
        ctx.rpc,
        block.transactions.map((t) => t.to),
      ),
    ]);
    fill(ctx, "txs", txTable(block, receipts));
  } catch (e) {
    fill(ctx, "txs", errorBox("Could not read the receipts", e));
  }
}
