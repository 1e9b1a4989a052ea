/**
 * decode: call data, event logs and revert data against the built-in signature table
 * (dist/signatures.json, hashed at build time), and the markup of decoded values. A selector
 * may match several signatures (ERC-20 and ERC-721 share transferFrom and Transfer); the first
 * one whose decoding fits the data wins. The signatures of a verified contract (verified.ts)
 * come before the table's when the call's target or the log's emitter is that contract.
 */
import { type AbiValue, decodeParams, decodeTopic, parseSignature, type Signature } from "./abi.js";
import { addressLink, grouped, hexBytes } from "./format.js";
import { html, type Safe } from "./html.js";
import type { RpcLog } from "./types.js";
import { verifiedOf } from "./verified.js";

interface Table {
  functions: Record<string, string[]>;
  events: Record<string, string[]>;
  errors: Record<string, string[]>;
}

let table: Table = { functions: {}, events: {}, errors: {} };

export async function loadSignatures(): Promise<void> {
  try {
    const res = await fetch(new URL("./signatures.json", import.meta.url));
    if (res.ok) table = (await res.json()) as Table;
  } catch {
    // Without the table everything still shows, undecoded.
  }
}

export interface Decoded {
  readonly sig: Signature;
  readonly values: readonly AbiValue[];
  /** decoded with the verified ABI of the contract */
  readonly verified?: boolean;
}

type Kind = keyof Table;

/** The verified contract's signature for `key`, then the table's. */
function candidates(kind: Kind, key: string, address: string | null | undefined): { text: string; verified: boolean }[] {
  const own = verifiedOf(address)?.signatures[kind][key];
  const shared = (table[kind][key] ?? []).map((text) => ({ text, verified: false }));
  return own === undefined ? shared : [{ text: own, verified: true }, ...shared];
}

function tryEach(list: readonly { text: string; verified: boolean }[], decode: (sig: Signature) => AbiValue[]): Decoded | undefined {
  for (const { text, verified } of list) {
    try {
      const sig = parseSignature(text);
      return verified ? { sig, values: decode(sig), verified } : { sig, values: decode(sig) };
    } catch {
      // next candidate
    }
  }
  return undefined;
}

function selectorOf(data: string): string | undefined {
  return data.length >= 10 ? data.slice(0, 10).toLowerCase() : undefined;
}

/** Call data to `to` (a verified contract's ABI first). */
export function decodeCall(input: string, to?: string | null): Decoded | undefined {
  const sel = selectorOf(input);
  if (sel === undefined) return undefined;
  const body = hexBytes(input.slice(10));
  return tryEach(candidates("functions", sel, to), (sig) =>
    decodeParams(
      sig.params.map((p) => p.type),
      body,
    ),
  );
}

/** Method label for lists: decoded name, else the selector, else "Transfer" / "Create". */
export function methodLabel(input: string, to: string | null): string {
  if (to === null) return "Create";
  if (input === "0x" || input === "") return "Transfer";
  const sel = selectorOf(input);
  const known = sel === undefined ? undefined : (verifiedOf(to)?.signatures.functions[sel] ?? table.functions[sel]?.[0]);
  return known !== undefined ? known.slice(0, known.indexOf("(")) : (sel ?? input);
}

export function decodeError(output: string, address?: string | null): Decoded | undefined {
  const sel = selectorOf(output);
  if (sel === undefined) return undefined;
  const body = hexBytes(output.slice(10));
  return tryEach(candidates("errors", sel, address), (sig) =>
    decodeParams(
      sig.params.map((p) => p.type),
      body,
    ),
  );
}

const PANICS: Record<string, string> = {
  "1": "assertion failed",
  "17": "arithmetic overflow or underflow",
  "18": "division or modulo by zero",
  "33": "invalid enum value",
  "34": "invalid storage byte array",
  "49": "pop on empty array",
  "50": "array index out of bounds",
  "65": "too much memory allocated",
  "81": "call to a zero-initialized internal function",
};

/** Human text of revert data: Error(string), Panic(uint256) or a known custom error. */
export function revertText(output: string | undefined, address?: string | null): string | undefined {
  if (output === undefined || output === "0x" || output === "") return undefined;
  const d = decodeError(output, address);
  if (d === undefined) return `custom error ${output.slice(0, 10)} (${(output.length - 10) / 2} bytes of data)`;
  if (d.sig.name === "Error") return String(d.values[0]);
  if (d.sig.name === "Panic") {
    const code = d.values[0] as bigint;
    return `Panic 0x${code.toString(16)}: ${PANICS[code.toString()] ?? "unknown panic code"}`;
  }
  return `${d.sig.name}(${d.values.map((v) => plain(v)).join(", ")})`;
}

export function decodeLog(log: RpcLog): Decoded | undefined {
  const topic0 = log.topics[0]?.toLowerCase();
  if (topic0 === undefined) return undefined;
  const data = hexBytes(log.data);
  return tryEach(candidates("events", topic0, log.address), (sig) => {
    const indexed = sig.params.filter((p) => p.indexed);
    if (indexed.length !== log.topics.length - 1) throw new Error("indexed count differs");
    const plainValues = decodeParams(
      sig.params.filter((p) => !p.indexed).map((p) => p.type),
      data,
    );
    let ti = 1;
    let di = 0;
    return sig.params.map((p) => (p.indexed ? decodeTopic(p.type, hexBytes(log.topics[ti++]!)) : plainValues[di++]!));
  });
}

export function plain(v: AbiValue): string {
  if (Array.isArray(v)) return `[${v.map(plain).join(", ")}]`;
  if (typeof v === "string") return v;
  return v.toString();
}

/** Markup of one decoded value of the given type. */
export function valueHtml(type: string, v: AbiValue): Safe {
  if (Array.isArray(v)) {
    if (v.length === 0) return html`<span class="muted">[]</span>`;
    const inner = type.endsWith("]") ? type.slice(0, type.lastIndexOf("[")) : type;
    return html`<ol class="abi-list" start="0">${v.map((x) => html`<li>${valueHtml(inner, x)}</li>`)}</ol>`;
  }
  if (type === "address") return addressLink(String(v), false);
  if (typeof v === "bigint") return html`<span class="mono" title="${v.toString()}">${grouped(v)}</span>`;
  if (typeof v === "boolean") return html`<span class="mono">${v ? "true" : "false"}</span>`;
  if (type === "string") return html`<span class="str">"${v}"</span>`;
  return html`<span class="mono break">${v}</span>`;
}

/** A decoded call, event or error as a name line plus a parameter table. */
export function decodedHtml(d: Decoded): Safe {
  return html`<div class="decoded">
    <div class="sig mono">${d.verified === true ? html`<span class="pill verified" title="decoded with the contract's verified ABI">verified</span> ` : ""}${d.sig.name}(${d.sig.params.map((p, i) => html`${i > 0 ? ", " : ""}<span class="type">${p.type}</span>${p.indexed ? " indexed" : ""} ${p.name}`)})</div>
    ${
      d.sig.params.length === 0
        ? ""
        : html`<table class="params"><tbody>${d.sig.params.map(
            (p, i) => html`<tr><th>${p.name}</th><td class="type">${p.type}</td><td>${valueHtml(p.type, d.values[i]!)}</td></tr>`,
          )}</tbody></table>`
    }
  </div>`;
}
