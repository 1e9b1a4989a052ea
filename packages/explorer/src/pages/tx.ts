/**
 * pages/tx: one transaction. Status, block, parties, value, fee and gas; the input decoded
 * with the verified ABI of the target or when its selector is in the signature table; the revert reason of a failed one (from the
 * call trace, else by replaying it with eth_call on the parent block); token transfers; logs
 * decoded by their topic; internal calls (callTracer) and state changes (prestateTracer).
 */
import { decodeCall, decodedHtml, decodeLog, revertText } from "../decode.js";
import { addressLink, big, blockLink, byteLength, ether, grouped, gwei, num, percent, timeAgo, utcTime } from "../format.js";
import { empty, errorBox, html, loading, type Safe } from "../html.js";
import { fill, type PageContext } from "../page.js";
import { type Rpc, RpcError } from "../rpc.js";
import { amountHtml, tokenInfos, tokenLabel, transfersOf } from "../tokens.js";
import { callTree, stateChanges } from "../trace.js";
import type { CallFrame, RpcBlock, RpcLog, RpcReceipt, RpcTx } from "../types.js";
import { loadVerified } from "../verified.js";
import { statusBadge } from "./block.js";

const TX_TYPES: Record<string, string> = {
  "0x0": "0 (legacy)",
  "0x1": "1 (EIP-2930)",
  "0x2": "2 (EIP-1559)",
  "0x3": "3 (EIP-4844 blob)",
  "0x4": "4 (EIP-7702)",
};

function row(label: string, value: Safe | string, field?: string): Safe {
  return html`<div class="kv"${field ? html` data-field="${field}"` : ""}><dt>${label}</dt><dd>${value}</dd></div>`;
}

function inputHtml(tx: RpcTx): Safe {
  if (tx.to === null)
    return html`<p class="muted">Contract creation code, ${grouped(byteLength(tx.input))} bytes.</p><details><summary>Show the code</summary><pre class="hex">${tx.input}</pre></details>`;
  if (tx.input === "0x") return empty("No input data (a plain value transfer).");
  const d = decodeCall(tx.input, tx.to);
  const rawHex = html`<details${d === undefined ? " open" : ""}><summary>Raw input (${grouped(byteLength(tx.input))} bytes)</summary><pre class="hex">${tx.input}</pre></details>`;
  if (d === undefined)
    return html`<p class="muted">Selector <code>${tx.input.slice(0, 10)}</code> is not in the built-in signature table. <a href="#/address/${tx.to}">Verify the contract</a> to decode its calls.</p>${rawHex}`;
  return html`<div id="decoded-input">${decodedHtml(d)}</div>${rawHex}`;
}

function logsHtml(logs: readonly RpcLog[]): Safe {
  if (logs.length === 0) return empty("No logs.");
  return html`<ol class="logs" id="logs">${logs.map((log) => {
    const d = decodeLog(log);
    return html`<li class="log"><div class="log-head"><span class="pill">#${num(log.logIndex)}</span> ${addressLink(log.address, false)}</div>
      ${
        d !== undefined
          ? decodedHtml(d)
          : html`<table class="params"><tbody>${log.topics.map((t, i) => html`<tr><th>topic ${i}</th><td class="mono break">${t}</td></tr>`)}
          <tr><th>data</th><td class="mono break">${log.data}</td></tr></tbody></table>`
      }</li>`;
  })}</ol>`;
}

async function transfersHtml(rpc: Rpc, logs: readonly RpcLog[]): Promise<Safe> {
  const transfers = transfersOf(logs);
  if (transfers.length === 0) return empty("No token transfers.");
  const infos = await tokenInfos(rpc, transfers);
  return html`<div class="table-wrap"><table class="list" id="token-transfers"><thead><tr><th>Token</th><th>From</th><th>To</th><th class="num">Amount</th></tr></thead>
    <tbody>${transfers.map(
      (t) => html`<tr><td>${tokenLabel(t, infos.get(t.token))}</td><td>${addressLink(t.from)}</td><td>${addressLink(t.to)}</td>
      <td class="num">${amountHtml(t, infos.get(t.token))}</td></tr>`,
    )}</tbody></table></div>`;
}

/** The revert reason: from the trace when it ran, else by replaying the call on the parent state. */
async function revertReason(rpc: Rpc, tx: RpcTx, trace: Promise<CallFrame | undefined>): Promise<{ text: string; replayed?: boolean }> {
  const root = await trace;
  if (root !== undefined) {
    const r = root.revertReason ?? revertText(root.output, tx.to);
    if (r !== undefined) return { text: r };
    if (root.error !== undefined) return { text: root.error };
  }
  const parent = `0x${(big(tx.blockNumber) - 1n).toString(16)}`;
  const call = { from: tx.from, to: tx.to, data: tx.input, value: tx.value, gas: tx.gas };
  try {
    await rpc.call("eth_call", [call, parent]);
    return { text: "unknown: replayed on the parent block it succeeds (the failure depended on earlier transactions of the block)" };
  } catch (e) {
    if (e instanceof RpcError) {
      const data = typeof e.data === "string" ? revertText(e.data, tx.to) : undefined;
      return { text: data ?? e.message, replayed: true };
    }
    return { text: "unknown" };
  }
}

export async function renderTx(ctx: PageContext, hash: string): Promise<void> {
  ctx.view.innerHTML = html`<h1>Transaction</h1><div id="tx">${loading("the transaction")}</div>`.text;
  let tx: RpcTx | null;
  let receipt: RpcReceipt | null;
  try {
    [tx, receipt] = await Promise.all([
      ctx.rpc.call<RpcTx | null>("eth_getTransactionByHash", [hash]),
      ctx.rpc.call<RpcReceipt | null>("eth_getTransactionReceipt", [hash]),
    ]);
  } catch (e) {
    fill(ctx, "tx", errorBox("Could not read the transaction", e));
    return;
  }
  if (tx === null) {
    fill(ctx, "tx", empty(`No transaction ${hash} on this chain or in the pool.`));
    return;
  }
  let block: RpcBlock | null = null;
  let head: bigint | undefined;
  if (tx.blockHash !== null) {
    [block, head] = await Promise.all([
      ctx.rpc.call<RpcBlock | null>("eth_getBlockByHash", [tx.blockHash, false]).catch(() => null),
      ctx.rpc.call<string>("eth_blockNumber").then(BigInt, () => undefined),
    ]);
  }
  // verified contracts among the target and the emitters decode with their own ABI
  await loadVerified(ctx.rpc, [tx.to, ...(receipt?.logs.map((l) => l.address) ?? [])]);
  if (!ctx.current()) return;
  const mined = receipt !== null && tx.blockNumber !== null;
  const gasUsed = receipt === null ? undefined : big(receipt.gasUsed);
  const price = receipt === null ? big(tx.gasPrice) : big(receipt.effectiveGasPrice);
  const failed = receipt?.status === "0x0";
  const ts = block === null ? undefined : num(block.timestamp);
  const confirmations = head !== undefined && tx.blockNumber !== null ? head - big(tx.blockNumber) + 1n : undefined;
  ctx.view.innerHTML = html`
    <h1>Transaction</h1>
    <section class="card"><dl class="kvs">
      ${row("Hash", html`<span class="mono break" id="tx-hash">${tx.hash}</span>`)}
      ${row("Status", html`<span id="tx-status">${statusBadge(receipt ?? undefined)}</span>`, "status")}
      ${failed ? row("Revert reason", html`<span id="revert-reason">${loading("the reason")}</span>`, "revert") : ""}
      ${row("Block", mined ? html`${blockLink(tx.blockNumber!)} <span class="muted">${confirmations !== undefined ? `${grouped(confirmations)} confirmation${confirmations === 1n ? "" : "s"}` : ""}</span>` : html`<span class="muted">pending</span>`, "block")}
      ${ts !== undefined ? row("Timestamp", html`${utcTime(ts)} <span class="muted">(${timeAgo(ts)})</span>`) : ""}
      ${row("From", addressLink(tx.from, false), "from")}
      ${row(
        tx.to === null ? "Created" : "To",
        tx.to === null
          ? html`${receipt?.contractAddress ? addressLink(receipt.contractAddress, false) : "—"} <span class="pill">contract creation</span>`
          : addressLink(tx.to, false),
        "to",
      )}
      ${row("Value", html`<span class="mono" id="tx-value">${ether(big(tx.value))}</span>`, "value")}
      ${gasUsed !== undefined ? row("Transaction fee", html`<span class="mono" id="tx-fee">${ether(gasUsed * price)}</span>`, "fee") : ""}
      ${row("Gas price", gwei(price))}
      ${row("Gas", html`${gasUsed !== undefined ? html`${grouped(gasUsed)} used of ` : ""}${grouped(big(tx.gas))} limit${gasUsed !== undefined ? html` <span class="muted">(${percent(gasUsed, big(tx.gas))})</span>` : ""}`)}
      ${tx.maxFeePerGas !== undefined ? row("Max fee / priority fee", `${gwei(big(tx.maxFeePerGas))} / ${gwei(big(tx.maxPriorityFeePerGas))}`) : ""}
      ${row("Type", TX_TYPES[tx.type] ?? tx.type)}
      ${row("Nonce / position", `${num(tx.nonce)} / ${tx.transactionIndex === null ? "—" : num(tx.transactionIndex)}`)}
    </dl></section>
    <section class="card"><h2>Input</h2>${inputHtml(tx)}</section>
    <section class="card"><h2>Token transfers</h2><div id="transfers">${receipt === null ? empty("Not mined yet.") : loading("token transfers")}</div></section>
    <section class="card"><h2>Logs <span class="muted">${receipt === null ? "" : `(${receipt.logs.length})`}</span></h2>${receipt === null ? empty("Not mined yet.") : logsHtml(receipt.logs)}</section>
    <section class="card"><h2>Internal calls</h2><div id="calls">${mined ? loading("the call trace") : empty("Not mined yet.")}</div></section>
    <section class="card"><h2>State changes</h2><div id="state">${mined ? loading("the state changes") : empty("Not mined yet.")}</div></section>`.text;
  if (!mined || receipt === null) return;

  const trace = callTree(ctx.rpc, hash);
  const tasks: Promise<void>[] = [
    transfersHtml(ctx.rpc, receipt.logs).then(
      (m) => fill(ctx, "transfers", m),
      (e) => fill(ctx, "transfers", errorBox("Could not read the token transfers", e)),
    ),
    trace.then((t) => fill(ctx, "calls", t.markup)),
    stateChanges(ctx.rpc, hash).then((m) => fill(ctx, "state", m)),
  ];
  if (failed)
    tasks.push(
      revertReason(
        ctx.rpc,
        tx,
        trace.then((t) => t.root),
      ).then((r) =>
        fill(
          ctx,
          "revert-reason",
          html`<span class="revert">${r.text}</span>${r.replayed ? html` <span class="muted small">(replayed with eth_call on the parent block)</span>` : ""}`,
        ),
      ),
    );
  await Promise.all(tasks);
}
