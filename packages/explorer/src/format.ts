/**
 * format: numbers, amounts, hashes and times for display, and the links between pages.
 * Amounts stay bigint until printed so wei values never lose precision.
 */
import { html, type Safe } from "./html.js";

export function big(hex: string | undefined | null): bigint {
  if (hex === undefined || hex === null || hex === "0x") return 0n;
  return BigInt(hex);
}

export function num(hex: string | undefined | null): number {
  return Number(big(hex));
}

/** 1234567 -> "1,234,567" */
export function grouped(v: bigint | number): string {
  const s = (typeof v === "number" ? BigInt(Math.trunc(v)) : v).toString();
  const neg = s.startsWith("-");
  const digits = neg ? s.slice(1) : s;
  return (neg ? "-" : "") + digits.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

/** Fixed-point value with `decimals` places, trailing zeros dropped; exact, never rounded. */
export function units(v: bigint, decimals: number): string {
  const neg = v < 0n;
  if (neg) v = -v;
  const base = 10n ** BigInt(decimals);
  const whole = v / base;
  const frac = decimals === 0 ? "" : (v % base).toString().padStart(decimals, "0").replace(/0+$/, "");
  return `${neg ? "-" : ""}${grouped(whole)}${frac === "" ? "" : `.${frac}`}`;
}

export function ether(v: bigint): string {
  return `${units(v, 18)} ETH`;
}

export function gwei(v: bigint): string {
  return `${units(v, 9)} gwei`;
}

export function shortHex(h: string, head = 8, tail = 6): string {
  return h.length <= head + tail + 1 ? h : `${h.slice(0, head)}…${h.slice(-tail)}`;
}

export function timeAgo(seconds: number, now = Date.now() / 1000): string {
  const d = Math.max(0, Math.round(now - seconds));
  if (d < 60) return `${d} s ago`;
  if (d < 3600) return `${Math.floor(d / 60)} min ago`;
  if (d < 86400) return `${Math.floor(d / 3600)} h ago`;
  return `${Math.floor(d / 86400)} d ago`;
}

export function utcTime(seconds: number): string {
  return `${new Date(seconds * 1000)
    .toISOString()
    .replace("T", " ")
    .replace(/\.\d+Z$/, "")} UTC`;
}

export function percent(part: bigint, whole: bigint): string {
  if (whole === 0n) return "0%";
  return `${(Number((part * 10000n) / whole) / 100).toFixed(2)}%`;
}

export function blockLink(n: bigint | number | string, label?: string): Safe {
  const v = typeof n === "string" ? big(n) : BigInt(n);
  return html`<a href="#/block/${v.toString()}" data-kind="block">${label ?? grouped(v)}</a>`;
}

export function blockHashLink(hash: string, short = true): Safe {
  return html`<a class="mono" href="#/block/${hash}" title="${hash}">${short ? shortHex(hash) : hash}</a>`;
}

export function txLink(hash: string, short = true): Safe {
  return html`<a class="mono" href="#/tx/${hash}" title="${hash}">${short ? shortHex(hash, 10, 8) : hash}</a>`;
}

export function addressLink(address: string | null | undefined, short = true): Safe {
  if (address === null || address === undefined) return html`<span class="muted">—</span>`;
  const a = address.toLowerCase();
  return html`<a class="mono addr" href="#/address/${a}" title="${a}">${short ? shortHex(a, 8, 6) : a}</a>`;
}

/** Bytes as UTF-8 when they are printable text, else undefined. */
export function printable(hex: string): string | undefined {
  if (hex.length <= 2) return undefined;
  try {
    const text = new TextDecoder("utf-8", { fatal: true }).decode(hexBytes(hex));
    return /^[\x20-\x7e\u00a0-\uffff\n\t]*$/.test(text) ? text : undefined;
  } catch {
    return undefined;
  }
}

export function hexBytes(hex: string): Uint8Array {
  const s = hex.startsWith("0x") ? hex.slice(2) : hex;
  const out = new Uint8Array(s.length >> 1);
  for (let i = 0; i < out.length; i++) out[i] = Number.parseInt(s.slice(i * 2, i * 2 + 2), 16);
  return out;
}

export function bytesHex(b: Uint8Array): string {
  let s = "0x";
  for (const x of b) s += x.toString(16).padStart(2, "0");
  return s;
}

export function byteLength(hex: string): number {
  return Math.max(0, (hex.length - 2) >> 1);
}
