/**
 * pages/contract: the contract part of an address page. Tabs: "Contract" (the verified source,
 * compiler settings and ABI, once verified on this node), "Code" (the runtime bytecode) and
 * "Verify" (a form posting the source, single file or standard JSON input, with the compiler
 * version the node offers and the settings to `cairn_verifyContract`). A successful
 * verification is remembered at once, so the page and every decoder use the new ABI.
 */
import { byteLength, grouped } from "../format.js";
import { empty, errorBox, html, loading, type Safe } from "../html.js";
import { fill, type PageContext } from "../page.js";
import { RpcError, Unavailable } from "../rpc.js";
import { reloadVerified, remember, type VerifiedContract } from "../verified.js";

const EVM_VERSIONS = [
  "osaka",
  "prague",
  "cancun",
  "shanghai",
  "paris",
  "london",
  "berlin",
  "istanbul",
  "petersburg",
  "constantinople",
  "byzantium",
];

type Tab = "contract" | "code" | "verify";

function tabs(active: Tab, verified: boolean): Safe {
  const tab = (id: Tab, label: string) =>
    html`<button type="button" role="tab" class="tab${id === active ? " active" : ""}" id="tab-${id}" data-tab="${id}" aria-selected="${id === active ? "true" : "false"}">${label}</button>`;
  return html`<div class="tabs" role="tablist">${verified ? tab("contract", "Contract") : ""}${tab("code", "Code")}${verified ? "" : tab("verify", "Verify")}</div>`;
}

function sourceHtml(v: VerifiedContract): Safe {
  const opt = v.settings.optimizer;
  const settings = [
    `optimizer ${opt?.enabled === true ? `on, ${opt.runs ?? 200} runs` : "off"}`,
    `EVM ${v.settings.evmVersion ?? "compiler default"}`,
  ].join(" · ");
  const sources = Object.entries(v.sources);
  return html`<div id="contract-source">
    <dl class="kvs">
      <div class="kv"><dt>Name</dt><dd><span class="mono" id="verified-name">${v.contractName}</span> <span class="pill ok-pill">verified</span> <span class="muted">${v.sourceName}</span></dd></div>
      <div class="kv"><dt>Compiler</dt><dd class="mono">${v.compilerVersion}</dd></div>
      <div class="kv"><dt>Settings</dt><dd>${settings}</dd></div>
      ${v.constructorArgs !== undefined ? html`<div class="kv"><dt>Constructor arguments</dt><dd class="mono break">${v.constructorArgs}</dd></div>` : ""}
      <div class="kv"><dt>Verified</dt><dd>at block ${BigInt(v.verifiedAt).toString()} <span class="muted">(${v.inputKind})</span></dd></div>
    </dl>
    ${sources.map(
      ([name, s], i) =>
        html`<details class="source"${i === 0 || name === v.sourceName ? " open" : ""}><summary>${name} <span class="muted">(${s.content.split("\n").length} lines)</span></summary><pre class="code">${s.content}</pre></details>`,
    )}
    <details class="source"><summary>ABI <span class="muted">(${v.abi.length} entries)</span></summary><pre class="code" id="contract-abi">${JSON.stringify(v.abi, null, 2)}</pre></details>
  </div>`;
}

function codeHtml(code: string): Safe {
  return html`<details><summary>${grouped(byteLength(code))} bytes of runtime code</summary><pre class="hex">${code}</pre></details>`;
}

function formHtml(versions: readonly string[]): Safe {
  return html`<form class="verify" id="verify-form">
    <p class="muted small">Upload the source this contract was compiled from. The node compiles it with solc-js and compares the result with the deployed code (the metadata hash and immutable values aside).</p>
    <fieldset class="choice"><legend>Input</legend>
      <label><input type="radio" name="kind" value="single" checked> Single Solidity file</label>
      <label><input type="radio" name="kind" value="standard"> Standard JSON input</label>
    </fieldset>
    <label class="field wide-field">Source <textarea id="verify-source" name="source" rows="14" spellcheck="false" required placeholder="// SPDX-License-Identifier: MIT&#10;pragma solidity ^0.8.0;&#10;contract …"></textarea></label>
    <div class="fields">
      <label class="field">Compiler <select id="verify-compiler" name="compiler">${versions.map((v) => html`<option value="${v}">${v}</option>`)}</select></label>
      <label class="field">Contract name <input id="verify-name" name="name" placeholder="all contracts are tried" autocomplete="off"></label>
      <label class="field single-only">EVM version <select id="verify-evm" name="evm"><option value="">compiler default</option>${EVM_VERSIONS.map((v) => html`<option value="${v}">${v}</option>`)}</select></label>
      <label class="field single-only check"><input type="checkbox" id="verify-optimizer" name="optimizer"> Optimizer</label>
      <label class="field single-only">Runs <input id="verify-runs" name="runs" type="number" min="0" value="200"></label>
      <label class="field">Constructor arguments <input id="verify-args" name="args" placeholder="0x… (optional, ABI-encoded)" autocomplete="off"></label>
    </div>
    <div class="actions"><button type="submit" id="verify-submit">Verify</button><span id="verify-status" role="status"></span></div>
  </form>`;
}

/** The card's skeleton; `setupContract` fills it. */
export function contractCard(): Safe {
  return html`<section class="card" id="contract-card"><h2>Contract</h2><div id="contract">${loading("the contract")}</div></section>`;
}

export async function setupContract(ctx: PageContext, address: string, code: string): Promise<void> {
  const verified = await reloadVerified(ctx.rpc, address).catch(() => undefined);
  if (!ctx.current()) return;
  show(ctx, address, code, verified, verified !== undefined ? "contract" : "code");
}

function show(ctx: PageContext, address: string, code: string, verified: VerifiedContract | undefined, active: Tab): void {
  fill(ctx, "contract", html`${tabs(active, verified !== undefined)}<div class="tab-panel" id="contract-panel"></div>`);
  const root = ctx.view.querySelector<HTMLElement>("#contract");
  if (root === null) return;
  for (const b of root.querySelectorAll<HTMLButtonElement>(".tab"))
    b.addEventListener("click", () => show(ctx, address, code, verified, b.dataset.tab as Tab));
  if (active === "contract" && verified !== undefined) fill(ctx, "contract-panel", sourceHtml(verified));
  else if (active === "code") fill(ctx, "contract-panel", codeHtml(code));
  else void verifyPanel(ctx, address, code);
}

async function verifyPanel(ctx: PageContext, address: string, code: string): Promise<void> {
  fill(ctx, "contract-panel", loading("the compilers"));
  const versions = await ctx.rpc.optional<string[]>("cairn_compilerVersions").catch((e: unknown) => e);
  if (!ctx.current()) return;
  if (versions instanceof Unavailable) {
    fill(ctx, "contract-panel", empty("This node does not verify contracts (it does not serve cairn_verifyContract)."));
    return;
  }
  if (!Array.isArray(versions)) {
    fill(ctx, "contract-panel", errorBox("Could not list the compilers", versions));
    return;
  }
  if (versions.length === 0) {
    fill(ctx, "contract-panel", empty("No Solidity compiler is installed beside this node (the solc package)."));
    return;
  }
  fill(ctx, "contract-panel", formHtml(versions));
  const form = ctx.view.querySelector<HTMLFormElement>("#verify-form");
  if (form === null) return;
  const kindOf = () => (form.querySelector<HTMLInputElement>('input[name="kind"]:checked')?.value ?? "single") as "single" | "standard";
  const syncKind = () => {
    for (const el of form.querySelectorAll<HTMLElement>(".single-only")) el.hidden = kindOf() === "standard";
  };
  for (const r of form.querySelectorAll<HTMLInputElement>('input[name="kind"]')) r.addEventListener("change", syncKind);
  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    void submit(ctx, form, address, code, kindOf());
  });
}

async function submit(ctx: PageContext, form: HTMLFormElement, address: string, code: string, kind: "single" | "standard"): Promise<void> {
  const value = (id: string) => form.querySelector<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>(`#${id}`)!.value.trim();
  const button = form.querySelector<HTMLButtonElement>("#verify-submit")!;
  const request: Record<string, unknown> = { address, compilerVersion: value("verify-compiler") };
  if (value("verify-name") !== "") request.contractName = value("verify-name");
  if (value("verify-args") !== "") request.constructorArgs = value("verify-args");
  if (kind === "standard") request.standardJsonInput = value("verify-source");
  else {
    request.sourceCode = form.querySelector<HTMLTextAreaElement>("#verify-source")!.value;
    request.optimizer = {
      enabled: form.querySelector<HTMLInputElement>("#verify-optimizer")!.checked,
      runs: Number(value("verify-runs") || "200"),
    };
    if (value("verify-evm") !== "") request.evmVersion = value("verify-evm");
  }
  button.disabled = true;
  fill(
    ctx,
    "verify-status",
    html`<span class="spinner" aria-hidden="true"></span> Compiling… <span class="muted">(the first compilation loads the compiler)</span>`,
  );
  try {
    const record = await ctx.rpc.call<VerifiedContract & { verified: boolean }>("cairn_verifyContract", [request]);
    if (!ctx.current()) return;
    remember(record);
    show(ctx, address, code, record, "contract");
  } catch (e) {
    if (!ctx.current()) return;
    const title = e instanceof RpcError ? "Not verified" : "The node did not answer";
    fill(ctx, "verify-status", html`<div class="verify-error">${errorBox(title, e)}</div>`);
  } finally {
    button.disabled = false;
  }
}
