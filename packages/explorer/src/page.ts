/** page: what every page gets from the router: the RPC client, its view, and its lifetime. */
import type { Rpc } from "./rpc.js";

export interface PageContext {
  readonly rpc: Rpc;
  readonly view: HTMLElement;
  /** Called when the user navigates away (close sockets, stop timers). */
  onLeave(fn: () => void): void;
  /** False once the user has navigated elsewhere; late answers are then dropped. */
  current(): boolean;
}

/** Fills the element with the given id inside the view, if the page is still current. */
export function fill(ctx: PageContext, id: string, markup: { text: string }): void {
  if (!ctx.current()) return;
  const el = ctx.view.querySelector(`#${id}`);
  if (el !== null) el.innerHTML = markup.text;
}
