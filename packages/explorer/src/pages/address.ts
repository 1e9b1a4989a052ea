/**
 * pages/address: an account or contract. Balance, nonce, code and, for a contract, its creator
 * and token metadata, and its verified source or the form to verify it (contract.ts); then its transactions and token transfers, newest first, with "load
 * older" paging over the history source (address index or block scan).
 */
import { decodeCall, methodLabel } from "../decode.js";
import { addressLink, big, blockLink, byteLength, ether, grouped, timeAgo, txLink, units } from "../format.js";
import { type Creator, type History, type HistoryItem, openHistory } from "../history.js";
import { empty, errorBox, html, loading, type Safe } from "../html.js";
import { fill, type PageContext } from "../page.js";
import { Unavailable } from "../rpc.js";
import { amountHtml, MAX_LOG_TRANSFERS, type TokenTransfer, tokenInfo, tokenInfos, tokenLabel, transfersByLogs } from "../tokens.js";
import { loadVerified } from "../verified.js";
import { statusBadge } from "./block.js";
import { contractCard, setupContract } from "./contract.js";

function row(label: string, value: Safe | string, field?: string): Safe {
  return html`<div class="kv"${field ? html` data-field="${field}"` : ""}><dt>${label}</dt><dd>${value}</dd></div>`;
}

function direction(address: string, item: HistoryItem): Safe {
  const from = item.tx.from.toLowerCase() === address;
  const to = item.tx.to?.toLowerCase() === address;
  if (from && to) return html`<span class="dir self">SELF</span>`;
  return from ? html`<span class="dir out">OUT</span>` : html`<span class="dir in">IN</span>`;
}

function txRows(address: string, items: readonly HistoryItem[]): Safe {
  return html`${items.map(({ tx, receipt, timestamp }) => {
    const method = decodeCall(tx.input, tx.to)?.sig.name ?? methodLabel(tx.input, tx.to);
    const to = tx.to === null ? html`${addressLink(receipt?.contractAddress)} <span class="pill">create</span>` : addressLink(tx.to);
    const fee = receipt === undefined ? undefined : big(receipt.gasUsed) * big(receipt.effectiveGasPrice);
    return html`<tr>
      <td>${txLink(tx.hash)}</td><td><span class="method">${method}</span></td>
      <td>${tx.blockNumber !== null ? blockLink(tx.blockNumber) : "—"}${timestamp !== undefined ? html`<div class="muted small">${timeAgo(timestamp)}</div>` : ""}</td>
      <td>${addressLink(tx.from)}</td><td>${direction(address, { tx, receipt, timestamp })}</td><td>${to}</td>
      <td class="num mono">${ether(big(tx.value))}</td><td class="num mono wide">${fee === undefined ? "—" : ether(fee)}</td><td>${statusBadge(receipt)}</td>
    </tr>`;
  })}`;
}

async function transferRows(ctx: PageContext, transfers: readonly TokenTransfer[]): Promise<Safe> {
  const infos = await tokenInfos(ctx.rpc, transfers);
  return html`${transfers.map(
    (t) => html`<tr><td>${txLink(t.txHash)}</td><td>${blockLink(t.blockNumber)}</td><td>${tokenLabel(t, infos.get(t.token))}</td>
      <td>${addressLink(t.from)}</td><td>${addressLink(t.to)}</td><td class="num">${amountHtml(t, infos.get(t.token))}</td></tr>`,
  )}`;
}

async function tokenSummary(ctx: PageContext, address: string): Promise<Safe> {
  const info = await tokenInfo(ctx.rpc, address);
  if (info.symbol === undefined && info.name === undefined) return html``;
  const supply =
    info.totalSupply === undefined
      ? ""
      : ` · supply ${info.decimals !== undefined ? units(info.totalSupply, info.decimals) : grouped(info.totalSupply)}`;
  return row(
    "Token",
    html`<span id="token-info">${info.name ?? ""} ${info.symbol !== undefined ? html`<span class="pill">${info.symbol}</span>` : ""}${
      info.decimals !== undefined ? html` <span class="muted">${info.decimals} decimals</span>` : ""
    }<span class="muted">${supply}</span></span>`,
  );
}

export async function renderAddress(ctx: PageContext, address: string): Promise<void> {
  const a = address.toLowerCase();
  ctx.view.innerHTML = html`<h1>Address</h1><div id="address">${loading("the account")}</div>`.text;
  let balance: bigint;
  let nonce: bigint;
  let code: string;
  try {
    [balance, nonce, code] = await Promise.all([
      ctx.rpc.call<string>("eth_getBalance", [a, "latest"]).then(BigInt),
      ctx.rpc.call<string>("eth_getTransactionCount", [a, "latest"]).then(BigInt),
      ctx.rpc.call<string>("eth_getCode", [a, "latest"]),
    ]);
  } catch (e) {
    fill(ctx, "address", errorBox("Could not read the account", e));
    return;
  }
  if (!ctx.current()) return;
  const isContract = code !== "0x";
  ctx.view.innerHTML = html`
    <h1>${isContract ? "Contract" : "Address"} <span class="mono break h-addr" id="address-title">${a}</span></h1>
    <section class="card"><dl class="kvs" id="overview">
      ${row("Balance", html`<span class="mono" id="balance">${ether(balance)}</span>`, "balance")}
      ${row("Nonce", html`<span class="mono" id="nonce">${nonce.toString()}</span>`, "nonce")}
      ${row("Kind", isContract ? html`Contract <span class="muted">(${grouped(byteLength(code))} bytes of code)</span>` : "Externally owned account (no code)", "kind")}
      ${isContract ? html`<div class="kv" data-field="creator"><dt>Creator</dt><dd id="creator">${loading("the creator")}</dd></div><div id="token-row"></div>` : ""}
    </dl></section>
    ${isContract ? contractCard() : ""}
    <section class="card"><h2>Transactions</h2><div id="history">${loading("the history")}</div>
      <div class="table-wrap"><table class="list" id="address-txs" hidden>
        <thead><tr><th>Hash</th><th>Method</th><th>Block</th><th>From</th><th></th><th>To</th><th class="num">Value</th><th class="num wide">Fee</th><th>Status</th></tr></thead>
        <tbody></tbody></table></div></section>
    <section class="card"><h2>Token transfers</h2><div id="transfers-state">${loading("token transfers")}</div>
      <div class="table-wrap"><table class="list" id="address-transfers" hidden>
        <thead><tr><th>Transaction</th><th>Block</th><th>Token</th><th>From</th><th>To</th><th class="num">Amount</th></tr></thead>
        <tbody></tbody></table></div></section>
    <div class="more"><p class="muted" id="history-note"></p><button type="button" id="load-more" hidden>Load older</button></div>
`.text;

  if (isContract) void setupContract(ctx, a, code);
  if (isContract)
    tokenSummary(ctx, a).then(
      (m) => fill(ctx, "token-row", m),
      () => {},
    );

  // Token transfers of the whole chain when the node has eth_getLogs; else those of the scanned blocks.
  const byLogs = transfersByLogs(ctx.rpc, a).catch(() => new Unavailable("eth_getLogs"));
  let history: History;
  try {
    history = await openHistory(ctx.rpc, a);
  } catch (e) {
    fill(ctx, "history", errorBox("Could not read the history", e));
    return;
  }
  let txCount = 0;
  let transferCount = 0;
  let creator: Creator | undefined;
  const more = ctx.view.querySelector<HTMLButtonElement>("#load-more")!;
  const trTable = ctx.view.querySelector<HTMLTableElement>("#address-transfers")!;
  const logTransfers = await byLogs;
  const fromLogs = !(logTransfers instanceof Unavailable);
  if (fromLogs) {
    trTable.tBodies[0]!.insertAdjacentHTML("beforeend", (await transferRows(ctx, logTransfers)).text);
    trTable.hidden = logTransfers.length === 0;
    const capped = logTransfers.length === MAX_LOG_TRANSFERS ? ` (the newest ${MAX_LOG_TRANSFERS})` : "";
    fill(
      ctx,
      "transfers-state",
      logTransfers.length === 0
        ? empty("No token transfers.")
        : html`<p class="muted small">All of the chain's transfers, from eth_getLogs${capped}.</p>`,
    );
  }

  const loadPage = async () => {
    more.disabled = true;
    more.textContent = "Loading…";
    try {
      const chunk = await history.next();
      await loadVerified(
        ctx.rpc,
        chunk.items.map((i) => i.tx.to),
      );
      if (!ctx.current()) return;
      creator ??= chunk.creator;
      txCount += chunk.items.length;
      transferCount += chunk.transfers.length;
      const txTable = ctx.view.querySelector<HTMLTableElement>("#address-txs")!;
      txTable.tBodies[0]!.insertAdjacentHTML("beforeend", txRows(a, chunk.items).text);
      txTable.hidden = txCount === 0;
      fill(
        ctx,
        "history",
        txCount === 0 ? empty(chunk.done ? "No transactions." : "No transactions found yet; load older blocks.") : html``,
      );
      if (!fromLogs) {
        trTable.tBodies[0]!.insertAdjacentHTML("beforeend", (await transferRows(ctx, chunk.transfers)).text);
        trTable.hidden = transferCount === 0;
        fill(ctx, "transfers-state", transferCount === 0 ? empty("No token transfers.") : html``);
      }
      if (isContract) {
        const missing = chunk.done ? "not found (created at genesis or by another contract)" : "not in the blocks scanned so far";
        fill(
          ctx,
          "creator",
          creator === undefined
            ? html`<span class="muted">${missing}</span>`
            : html`${addressLink(creator.creator, false)} <span class="muted">in</span> ${txLink(creator.txHash)}`,
        );
      }
      fill(ctx, "history-note", html`${chunk.note}`);
      more.hidden = chunk.done;
    } catch (e) {
      fill(ctx, "history", errorBox("Could not read the history", e));
    } finally {
      more.disabled = false;
      more.textContent = "Load older";
    }
  };
  more.addEventListener("click", () => void loadPage());
  await loadPage();
}
