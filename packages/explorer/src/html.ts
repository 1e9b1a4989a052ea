/**
 * html: a tagged template that escapes every interpolated value unless it is already Safe
 * markup, so pages are written as plain template strings without injection holes (addresses,
 * decoded strings and revert reasons come from the chain and may hold anything).
 */
export class Safe {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text;
  }
}

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

export function escapeText(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

function piece(v: unknown): string {
  if (v instanceof Safe) return v.text;
  if (Array.isArray(v)) return v.map(piece).join("");
  if (v === undefined || v === null || v === false) return "";
  return escapeText(String(v));
}

export function html(strings: TemplateStringsArray, ...values: unknown[]): Safe {
  let out = strings[0]!;
  for (let i = 0; i < values.length; i++) out += piece(values[i]) + strings[i + 1]!;
  return new Safe(out);
}

/** Markup known to be safe (built by html`` elsewhere or constant). */
export function raw(text: string): Safe {
  return new Safe(text);
}

export function setHtml(el: Element, content: Safe): void {
  el.innerHTML = content.text;
}

/** A section's loading, empty and error states share one look. */
export function loading(what: string): Safe {
  return html`<div class="state loading" role="status"><span class="spinner" aria-hidden="true"></span>Loading ${what}…</div>`;
}

export function empty(text: string): Safe {
  return html`<div class="state empty">${text}</div>`;
}

export function errorBox(title: string, e: unknown): Safe {
  const msg = e instanceof Error ? e.message : String(e);
  return html`<div class="state error" role="alert"><strong>${title}</strong><span>${msg}</span></div>`;
}

export function unavailable(what: string, method: string): Safe {
  return html`<div class="state unavailable">${what} is not available: this node does not serve <code>${method}</code>.</div>`;
}
