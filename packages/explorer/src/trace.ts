/**
 * trace: the transaction page's internal calls (debug_traceTransaction with callTracer, as a
 * tree) and state changes (prestateTracer in diff mode, as a table per account). Both are
 * optional: "method not found" shows a note.
 */
import { decodeCall, decodedHtml, methodLabel, revertText } from "./decode.js";
import { addressLink, big, byteLength, ether, grouped, hexBytes, shortHex } from "./format.js";
import { empty, errorBox, html, type Safe, unavailable } from "./html.js";
import { type Rpc, RpcError, Unavailable } from "./rpc.js";
import type { CallFrame, PrestateAccount, PrestateDiff } from "./types.js";

function countCalls(f: CallFrame): number {
  return (f.calls ?? []).reduce((n, c) => n + 1 + countCalls(c), 0);
}

function frameHtml(f: CallFrame, depth: number): Safe {
  const input = f.input ?? "0x";
  const call = decodeCall(input, f.to);
  const method =
    f.type === "CREATE" || f.type === "CREATE2" ? "" : (call?.sig.name ?? (input === "0x" ? "" : methodLabel(input, f.to ?? null)));
  const value = big(f.value);
  const failed = f.error !== undefined;
  const reason = f.revertReason ?? (failed ? revertText(f.output, f.to) : undefined);
  const children = f.calls ?? [];
  const output = f.output ?? "0x";
  const details =
    input === "0x" && output === "0x"
      ? ""
      : html`<details class="frame-data"><summary>data</summary>
        ${call !== undefined ? decodedHtml(call) : ""}
        ${input !== "0x" ? html`<div class="muted small">input (${byteLength(input)} bytes)</div><pre class="hex">${input}</pre>` : ""}
        ${output !== "0x" ? html`<div class="muted small">output (${byteLength(output)} bytes)</div><pre class="hex">${output}</pre>` : ""}
      </details>`;
  return html`<li class="frame${failed ? " failed" : ""}">
    <div class="frame-line"><span class="calltype">${f.type}</span> ${addressLink(f.from)} → ${f.to !== undefined ? addressLink(f.to) : "—"}
      ${method !== "" ? html`<span class="method">${method}</span>` : ""}
      ${value > 0n ? html`<span class="mono">${ether(value)}</span>` : ""}
      ${f.gasUsed !== undefined ? html`<span class="muted">${grouped(big(f.gasUsed))} gas</span>` : ""}
      ${failed ? html`<span class="badge fail">${f.error}${reason !== undefined ? `: ${reason}` : ""}</span>` : ""}</div>
    ${details}
    ${children.length > 0 ? html`<ul class="calls" data-depth="${depth + 1}">${children.map((c) => frameHtml(c, depth + 1))}</ul>` : ""}
  </li>`;
}

export async function callTree(rpc: Rpc, hash: string): Promise<{ markup: Safe; root?: CallFrame }> {
  try {
    const r = await rpc.optional<CallFrame>("debug_traceTransaction", [hash, { tracer: "callTracer" }]);
    if (r instanceof Unavailable) return { markup: unavailable("The internal calls tree", "debug_traceTransaction") };
    const n = countCalls(r);
    return {
      root: r,
      markup: html`<p class="muted" id="internal-count">${n === 0 ? "No internal calls." : `${n} internal call${n === 1 ? "" : "s"}.`}</p>
        <ul class="calls tree" id="call-tree">${frameHtml(r, 0)}</ul>`,
    };
  } catch (e) {
    if (e instanceof RpcError && /tracer/i.test(e.message))
      return { markup: unavailable("The callTracer", "debug_traceTransaction callTracer") };
    return { markup: errorBox("Could not trace the transaction", e) };
  }
}

/** A storage word without its leading zeros (the full word in the title). */
function slotValue(v: string | undefined): Safe {
  if (v === undefined) return html`<span class="mono">0x0</span>`;
  const n = BigInt(v);
  return html`<span class="mono break" title="${v} = ${n.toString()}">0x${n.toString(16)}</span>`;
}

function slotKey(k: string): Safe {
  return html`Storage <span class="mono" title="${k}">${shortHex(k, 10, 8)}</span>`;
}

function accountRows(pre: PrestateAccount, post: PrestateAccount): Safe[] {
  const rows: Safe[] = [];
  // In diff mode, post holds only what changed; an absent field kept its pre value.
  if (post.balance !== undefined || pre.balance !== undefined) {
    const before = big(pre.balance);
    const after = post.balance !== undefined ? big(post.balance) : before;
    if (after !== before) {
      const d = after - before;
      rows.push(html`<tr><td>Balance</td><td class="mono">${ether(before)}</td><td class="mono">${ether(after)}</td>
        <td class="mono ${d > 0n ? "up" : "down"}">${d > 0n ? "+" : ""}${ether(d)}</td></tr>`);
    }
  }
  if (post.nonce !== undefined && post.nonce !== pre.nonce)
    rows.push(html`<tr><td>Nonce</td><td class="mono">${pre.nonce ?? 0}</td><td class="mono">${post.nonce}</td><td></td></tr>`);
  if (post.code !== undefined && post.code !== pre.code)
    rows.push(
      html`<tr><td>Code</td><td class="mono">${hexBytes(pre.code ?? "0x").length} bytes</td><td class="mono">${hexBytes(post.code).length} bytes</td><td></td></tr>`,
    );
  const slots = new Set([...Object.keys(pre.storage ?? {}), ...Object.keys(post.storage ?? {})]);
  for (const s of slots) {
    const before = pre.storage?.[s];
    const after = post.storage?.[s];
    if (after === undefined && before !== undefined) {
      // Slot cleared to zero: diff mode lists changed slots in pre and only non-zero ones in post.
      rows.push(html`<tr><td>${slotKey(s)}</td><td>${slotValue(before)}</td><td>${slotValue(undefined)}</td><td></td></tr>`);
    } else if (after !== undefined && after !== before) {
      rows.push(html`<tr><td>${slotKey(s)}</td><td>${slotValue(before)}</td><td>${slotValue(after)}</td><td></td></tr>`);
    }
  }
  return rows;
}

export async function stateChanges(rpc: Rpc, hash: string): Promise<Safe> {
  try {
    const r = await rpc.optional<PrestateDiff>("debug_traceTransaction", [
      hash,
      { tracer: "prestateTracer", tracerConfig: { diffMode: true } },
    ]);
    if (r instanceof Unavailable) return unavailable("State changes", "debug_traceTransaction");
    const addrs = [...new Set([...Object.keys(r.pre ?? {}), ...Object.keys(r.post ?? {})])];
    const blocks = addrs.map((a) => ({ a, rows: accountRows(r.pre?.[a] ?? {}, r.post?.[a] ?? {}) })).filter((x) => x.rows.length > 0);
    if (blocks.length === 0) return empty("No state changes.");
    return html`<div class="table-wrap"><table class="list statediff" id="state-changes"><thead><tr><th>What</th><th>Before</th><th>After</th><th>Change</th></tr></thead>
      ${blocks.map((b) => html`<tbody><tr class="account"><th colspan="4">${addressLink(b.a, false)}</th></tr>${b.rows}</tbody>`)}</table></div>`;
  } catch (e) {
    if (e instanceof RpcError && /tracer/i.test(e.message))
      return unavailable("The prestateTracer", "debug_traceTransaction prestateTracer");
    return errorBox("Could not read the state changes", e);
  }
}
