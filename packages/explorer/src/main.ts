/**
 * main: the explorer's shell. Hash routes (#/, #/block/<n|hash>, #/tx/<hash>,
 * #/address/<addr>, #/search/<text>) so every page is a shareable URL served by the same
 * index.html (the node redirects path URLs such as /block/1 to them); the search box; and one page at a time, each told when it is left.
 */
import { loadSignatures } from "./decode.js";
import { errorBox, html } from "./html.js";
import type { PageContext } from "./page.js";
import { renderAddress } from "./pages/address.js";
import { renderBlock } from "./pages/block.js";
import { renderHome } from "./pages/home.js";
import { renderTx } from "./pages/tx.js";
import { Rpc } from "./rpc.js";
import { classify, renderSearch, routeFor } from "./search.js";

/** The node that served this page; `?rpc=<url>` points the explorer at another one. */
function endpoint(): string {
  const override = new URLSearchParams(location.search).get("rpc");
  return override ?? new URL("/", location.href).href;
}

const rpc = new Rpc(endpoint());
const view = document.getElementById("view")!;
let generation = 0;
let leaving: (() => void)[] = [];

function route(): void {
  for (const fn of leaving) fn();
  leaving = [];
  const gen = ++generation;
  const ctx: PageContext = {
    rpc,
    view,
    onLeave: (fn) => leaving.push(fn),
    current: () => gen === generation,
  };
  const path = location.hash.replace(/^#\/?/, "");
  const [kind = "", ...rest] = path.split("/");
  const arg = decodeURIComponent(rest.join("/"));
  let page: Promise<void>;
  if (kind === "" || kind === "home") page = renderHome(ctx);
  else if (kind === "block" && arg !== "") page = renderBlock(ctx, arg);
  else if (kind === "tx" && arg !== "") page = renderTx(ctx, arg);
  else if (kind === "address" && arg !== "") page = renderAddress(ctx, arg);
  else if (kind === "search") page = renderSearch(ctx, arg);
  else {
    view.innerHTML =
      html`<h1>Not found</h1><div class="state empty">No page at “${location.hash}”. <a href="#/">Go to the overview</a>.</div>`.text;
    page = Promise.resolve();
  }
  document.body.dataset.page = kind || "home";
  view.setAttribute("aria-busy", "true");
  page
    .catch((e: unknown) => {
      if (ctx.current()) view.innerHTML = errorBox("Something went wrong", e).text;
    })
    .finally(() => {
      if (ctx.current()) {
        view.removeAttribute("aria-busy");
        document.body.dataset.ready = kind || "home";
      }
    });
  window.scrollTo(0, 0);
}

function setupSearch(): void {
  const form = document.getElementById("search") as HTMLFormElement;
  const input = form.querySelector("input")!;
  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    const text = input.value.trim();
    if (text === "") return;
    location.hash = routeFor(classify(text));
    input.blur();
  });
}

async function showNetwork(): Promise<void> {
  const el = document.getElementById("network")!;
  try {
    const [chainId, client] = await Promise.all([rpc.call<string>("eth_chainId"), rpc.call<string>("web3_clientVersion").catch(() => "")]);
    el.textContent = `chain ${BigInt(chainId).toString()}${client ? ` · ${client.split("/").slice(0, 2).join("/")}` : ""}`;
  } catch {
    el.textContent = "node unreachable";
    el.classList.add("down");
  }
}

async function boot(): Promise<void> {
  setupSearch();
  void showNetwork();
  await loadSignatures();
  window.addEventListener("hashchange", route);
  route();
}

void boot();
