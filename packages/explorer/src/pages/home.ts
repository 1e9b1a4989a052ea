/**
 * pages/home: the chain at a glance. Figures (head, base fee, gas price, gas used, transaction
 * rate over the last blocks) and the latest blocks and transactions, refreshed on every new
 * head from newHeads (or polling when the node has no subscriptions).
 */
import { decodeCall, methodLabel } from "../decode.js";
import { addressLink, big, blockLink, ether, grouped, gwei, num, percent, timeAgo, txLink } from "../format.js";
import { empty, errorBox, html, loading, type Safe } from "../html.js";
import { followHeads, type LiveMode } from "../live.js";
import { fill, type PageContext } from "../page.js";
import { ok } from "../rpc.js";
import type { FullBlock, RpcTx } from "../types.js";
import { loadVerified } from "../verified.js";

const BLOCKS = 10;
const TXS = 10;

function stat(label: string, value: Safe | string, note?: string, id?: string): Safe {
  return html`<div class="stat"${id ? html` id="${id}"` : ""}><div class="label">${label}</div><div class="value">${value}</div>${note ? html`<div class="note">${note}</div>` : ""}</div>`;
}

function liveBadge(mode: LiveMode, why?: string): Safe {
  if (mode === "websocket") return html`<span class="live on" title="eth_subscribe newHeads over WebSocket">● Live</span>`;
  if (mode === "polling")
    return html`<span class="live poll" title="${why ?? ""}">● Polling every 2 s${why ? html` <span class="muted">(${why})</span>` : ""}</span>`;
  return html`<span class="live">● Connecting…</span>`;
}

async function latestBlocks(ctx: PageContext, head: bigint): Promise<FullBlock[]> {
  const count = head + 1n < BigInt(BLOCKS) ? Number(head + 1n) : BLOCKS;
  const calls = Array.from({ length: count }, (_, i) => ["eth_getBlockByNumber", [`0x${(head - BigInt(i)).toString(16)}`, true]] as const);
  const blocks = await ctx.rpc.batch<FullBlock | null>(calls);
  return blocks.filter((b): b is FullBlock => b !== null && ok(b));
}

interface FeeHistory {
  baseFeePerGas: string[];
  gasUsedRatio: number[];
}

/** A small line of the last blocks' base fees (eth_feeHistory), drawn as inline SVG. */
function sparkline(history: FeeHistory | undefined): Safe {
  const fees = (history?.baseFeePerGas ?? []).slice(0, -1).map((f) => Number(big(f)));
  if (fees.length < 2) return html``;
  const max = Math.max(...fees);
  const min = Math.min(...fees);
  const w = 120;
  const h = 28;
  const pts = fees.map(
    (f, i) => `${((i / (fees.length - 1)) * w).toFixed(1)},${(h - 2 - ((f - min) / (max - min || 1)) * (h - 4)).toFixed(1)}`,
  );
  return html`<svg class="spark" viewBox="0 0 ${w} ${h}" width="${w}" height="${h}" role="img" aria-label="base fee over the last ${fees.length} blocks"><polyline points="${pts.join(" ")}" fill="none" stroke="currentColor" stroke-width="1.5"/></svg>`;
}

function figures(blocks: FullBlock[], gasPrice: bigint | undefined, chainId: bigint | undefined, fees: FeeHistory | undefined): Safe {
  const b = blocks[0]!;
  // The genesis block's timestamp is arbitrary (0 on a dev chain): it does not count for the rate.
  const timed = blocks.filter((x) => big(x.number) > 0n);
  const txCount = blocks.reduce((n, x) => n + x.transactions.length, 0);
  const span = timed.length < 2 ? 0 : num(b.timestamp) - num(timed[timed.length - 1]!.timestamp);
  const rate = span > 0 ? `${(txCount / span).toFixed(2)} tx/s` : "—";
  return html`<div class="stats">
    ${stat("Latest block", blockLink(b.number), timeAgo(num(b.timestamp)), "stat-head")}
    ${stat("Base fee", html`${b.baseFeePerGas !== undefined ? gwei(big(b.baseFeePerGas)) : "—"}${sparkline(fees)}`, "of the latest block")}
    ${stat("Gas price", gasPrice !== undefined ? gwei(gasPrice) : "—", "eth_gasPrice")}
    ${stat("Gas used", percent(big(b.gasUsed), big(b.gasLimit)), `${grouped(big(b.gasUsed))} of ${grouped(big(b.gasLimit))}`)}
    ${stat("Transaction rate", rate, `${txCount} txs in the last ${blocks.length} blocks`)}
    ${stat("Chain ID", chainId !== undefined ? chainId.toString() : "—")}
  </div>`;
}

function blocksList(blocks: FullBlock[]): Safe {
  return html`<ul class="feed" id="latest-blocks">${blocks.map(
    (b) => html`<li>
      <div class="icon">Bk</div>
      <div class="main">${blockLink(b.number)} <span class="muted">${timeAgo(num(b.timestamp))}</span></div>
      <div class="side"><span class="txcount">${b.transactions.length} txs</span> <span class="muted">${grouped(big(b.gasUsed))} gas</span></div>
    </li>`,
  )}</ul>`;
}

function txsList(txs: { tx: RpcTx; time: number }[]): Safe {
  if (txs.length === 0) return empty("No transactions in the latest blocks yet.");
  return html`<ul class="feed" id="latest-txs">${txs.map(({ tx, time }) => {
    const method = decodeCall(tx.input, tx.to)?.sig.name ?? methodLabel(tx.input, tx.to);
    return html`<li>
      <div class="icon">Tx</div>
      <div class="main">${txLink(tx.hash)} <span class="method">${method}</span> <span class="muted">${timeAgo(time)}</span></div>
      <div class="side">${addressLink(tx.from)} → ${tx.to === null ? html`<span class="muted">new contract</span>` : addressLink(tx.to)}<br><span class="mono">${ether(big(tx.value))}</span></div>
    </li>`;
  })}</ul>`;
}

export async function renderHome(ctx: PageContext): Promise<void> {
  ctx.view.innerHTML = html`<div class="home-head"><h1>Overview</h1><span id="live">${liveBadge("connecting")}</span></div>
    <section id="figures">${loading("figures")}</section>
    <div class="columns">
      <section class="card"><h2>Latest blocks</h2><div id="blocks">${loading("blocks")}</div></section>
      <section class="card"><h2>Latest transactions</h2><div id="txs">${loading("transactions")}</div></section>
    </div>`.text;

  const chainIdP = ctx.rpc.call<string>("eth_chainId").then(BigInt, () => undefined);
  let running = false;
  let again = false;
  const refresh = async (head: bigint) => {
    if (running) {
      again = true;
      return;
    }
    running = true;
    try {
      const [blocks, gasPrice, chainId, fees] = await Promise.all([
        latestBlocks(ctx, head),
        ctx.rpc.call<string>("eth_gasPrice").then(BigInt, () => undefined),
        chainIdP,
        ctx.rpc.call<FeeHistory>("eth_feeHistory", ["0x14", "latest", []]).catch(() => undefined),
      ]);
      if (blocks.length === 0) {
        fill(ctx, "figures", empty("The chain has no blocks yet."));
        return;
      }
      fill(ctx, "figures", figures(blocks, gasPrice, chainId, fees));
      fill(ctx, "blocks", blocksList(blocks));
      const txs = blocks.flatMap((b) => [...b.transactions].reverse().map((tx) => ({ tx, time: num(b.timestamp) }))).slice(0, TXS);
      await loadVerified(
        ctx.rpc,
        txs.map((t) => t.tx.to),
      );
      fill(ctx, "txs", txsList(txs));
    } catch (e) {
      fill(ctx, "figures", errorBox("Could not read the chain", e));
    } finally {
      running = false;
      if (again && ctx.current()) {
        again = false;
        ctx.rpc.call<string>("eth_blockNumber").then(
          (h) => refresh(BigInt(h)),
          () => {},
        );
      }
    }
  };
  const feed = followHeads(
    ctx.rpc,
    (n) => void refresh(n),
    (mode, why) => fill(ctx, "live", liveBadge(mode, why)),
  );
  ctx.onLeave(() => feed.close());
  // The first screen does not wait for the subscription.
  try {
    await refresh(BigInt(await ctx.rpc.call<string>("eth_blockNumber")));
  } catch (e) {
    fill(ctx, "figures", errorBox("Could not reach the node", e));
  }
}
