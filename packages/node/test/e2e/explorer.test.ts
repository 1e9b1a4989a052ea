/**
 * End to end: the block explorer in a real browser. `cairn dev --ephemeral` as a child process,
 * a chain made with ethers (ERC-20 deploy and transfers, a value transfer, a call with internal
 * calls, two reverts; see explorer-fixture.ts), then chromium (playwright-core) opens the
 * explorer the node serves at `/`, searches by block number, block hash, transaction hash and
 * address, verifies a contract through its address page, and checks what the pages show
 * against the chain's own answers. Chromium missing
 * is a failure with an install hint, not a skip.
 */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { parseEther } from "ethers";
import type { Browser, Page } from "playwright-core";
import { stashCallData, VAULT_ARGS, VAULT_SETTINGS, VAULT_SOURCE, vaultCreationCode } from "../integration/verify-fixture.js";
import { type DevProcess, startDev } from "./dev-process.js";
import { type ExplorerChain, launchChromium, RECIPIENT, seedChain } from "./explorer-fixture.js";

type Block = { number: string; hash: string; transactions: { hash: string; to: string | null }[] };
type Receipt = { contractAddress: string | null; gasUsed: string; effectiveGasPrice: string };

/** "1,234.5 ETH" -> wei */
function etherText(text: string): bigint {
  return parseEther(text.replace(/ETH/, "").replace(/,/g, "").trim());
}

describe("block explorer in chromium", () => {
  let dev: DevProcess;
  let browser: Browser;
  let chain: ExplorerChain;
  let page: Page;
  /** Every URL the main page fetched or connected to, for the no-outside-services check. */
  const requested: string[] = [];

  before(async () => {
    dev = await startDev(["--ephemeral"]);
    chain = await seedChain(dev.url);
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on("request", (r) => requested.push(r.url()));
    page.on("websocket", (ws) => requested.push(ws.url()));
  });

  after(async () => {
    await browser?.close();
    await dev?.stop();
  });

  async function open(hash: string, ready: string): Promise<void> {
    // A new hash on the same page is a same-document navigation: forget the last page's mark first.
    if (page.url().startsWith(dev.url)) await page.evaluate("delete document.body.dataset.ready");
    await page.goto(`${dev.url}${hash}`);
    await page.waitForSelector(`body[data-ready="${ready}"]`);
  }

  async function search(text: string, ready: string): Promise<void> {
    // Browser-side code as strings: this package compiles without the DOM types.
    await page.evaluate("delete document.body.dataset.ready");
    await page.fill("#search input", text);
    await page.press("#search input", "Enter");
    await page.waitForSelector(`body[data-ready="${ready}"]`);
  }

  const text = async (selector: string) => ((await page.textContent(selector)) ?? "").trim();

  test("the node serves the explorer's files, redirects page paths and keeps JSON-RPC on POST /", async () => {
    const index = await fetch(dev.url);
    assert.equal(index.status, 200);
    assert.match(index.headers.get("content-type") ?? "", /text\/html/);
    assert.match(index.headers.get("content-security-policy") ?? "", /script-src 'self'/);
    assert.match(await index.text(), /<title>Cairn explorer<\/title>/);
    const main = await fetch(new URL("main.js", dev.url));
    assert.match(main.headers.get("content-type") ?? "", /text\/javascript/);
    const sigs = (await (await fetch(new URL("signatures.json", dev.url))).json()) as { functions: Record<string, string[]> };
    assert.deepEqual(sigs.functions["0xa9059cbb"], ["transfer(address to, uint256 value)"]);
    const redirect = await fetch(new URL("block/3", dev.url), { redirect: "manual" });
    assert.equal(redirect.status, 302);
    assert.equal(redirect.headers.get("location"), "/#/block/3");
    assert.equal((await fetch(new URL("..%2Fpackage.json", dev.url))).status, 404);
    assert.equal((await fetch(new URL("nothing-here.js", dev.url))).status, 404);
    assert.equal(await dev.rpc("eth_chainId"), "0x7a69");
  });

  test("home shows the head, the latest blocks and transactions, and follows new heads", async () => {
    await open("#/", "home");
    const head = BigInt((await dev.rpc("eth_blockNumber")) as string);
    assert.match(await text("#stat-head .value"), new RegExp(`^${head}$`));
    assert.equal(await page.locator("#latest-blocks li").count(), Number(head + 1n < 10n ? head + 1n : 10n));
    assert.equal(await page.locator(`#latest-txs a[title="${chain.insufficient.hash}"]`).count(), 1);
    // A new block while the page is open shows up without a reload (newHeads, or polling without it).
    await dev.rpc("eth_sendTransaction", [{ from: chain.account0, to: RECIPIENT, value: "0x1" }]);
    await page.locator("#stat-head .value", { hasText: new RegExp(`^\\s*${head + 1n}\\s*$`) }).waitFor();
    // cairn dev serves eth_subscribe newHeads over WebSocket on the RPC port.
    assert.equal(await text("#live"), "● Live");
  });

  test("search by block number shows the block and its transactions with status", async () => {
    const n = chain.tokenTransfer.blockNumber;
    await search(String(n), "block");
    assert.equal(new URL(page.url()).hash, `#/block/${n}`);
    assert.equal(await text("#block-number"), `#${n}`);
    const block = (await dev.rpc("eth_getBlockByNumber", [`0x${n.toString(16)}`, false])) as { hash: string; transactions: string[] };
    assert.equal(await text("#tx-count"), String(block.transactions.length));
    assert.equal(await text('[data-field="hash"] dd'), block.hash);
    const row = page.locator("#block-txs tbody tr", { has: page.locator(`a[title="${chain.tokenTransfer.hash}"]`) });
    assert.equal(await row.count(), 1);
    assert.match((await row.textContent()) ?? "", /transfer/);
    assert.match((await row.textContent()) ?? "", /Success/);
  });

  test("search by block hash goes to that block", async () => {
    await search(chain.forward.blockHash, "block");
    assert.equal(await text("#block-number"), `#${chain.forward.blockNumber}`);
  });

  test("search by transaction hash: an ERC-20 transfer with decoded input, token transfer and log", async () => {
    const r = chain.tokenTransfer;
    await search(r.hash, "tx");
    assert.equal(new URL(page.url()).hash, `#/tx/${r.hash}`);
    assert.equal(await text("#tx-status"), "Success");
    assert.equal(etherText(await text("#tx-value")), 0n);
    assert.equal(etherText(await text("#tx-fee")), r.gasUsed * r.gasPrice);
    assert.match(await text("#decoded-input"), /transfer\(address to, uint256 value\)/);
    assert.match(await text("#decoded-input"), new RegExp(chain.account1));
    assert.match(await text("#decoded-input"), /1,234,500,000,000,000,000,000/);
    const transfer = await text("#token-transfers tbody");
    assert.match(transfer, /1,234\.5\s*CRN/);
    assert.equal(await page.locator("#logs > li").count(), r.logs.length);
    assert.match(await text("#logs"), /Transfer\(address indexed from, address indexed to, uint256 value\)/);
  });

  test("ERC-721 and ERC-1155 transfers: decoded calls and events, token ids and amounts", async () => {
    await search(chain.nftTransfer.hash, "tx");
    assert.match(await text("#decoded-input"), /transferFrom\(address from, address to, uint256 value\)/);
    assert.match(await text("#token-transfers tbody"), /#7\s*CAT/);
    assert.match(await text("#token-transfers tbody"), /ERC-721/);
    assert.match(await text("#logs"), /Transfer\(address indexed from, address indexed to, uint256 indexed tokenId\)/);
    await search(chain.itemsTransfer.hash, "tx");
    assert.match(await text("#decoded-input"), /safeTransferFrom\(address from, address to, uint256 id, uint256 value, bytes data\)/);
    assert.match(await text("#token-transfers tbody"), /ERC-1155/);
    assert.match(await text("#token-transfers tbody"), /4\s*id 3/);
    assert.match(await text("#logs"), /TransferSingle\(address indexed operator/);
  });

  test("a plain value transfer shows its value and no input", async () => {
    await search(chain.valueTransfer.hash, "tx");
    assert.equal(etherText(await text("#tx-value")), parseEther("1.5"));
    assert.match(await text('[data-field="to"] dd'), new RegExp(RECIPIENT));
  });

  test("a call that makes internal calls: its call tree and state changes, or a clear note without traces", async () => {
    const r = chain.forward;
    await search(r.hash, "tx");
    assert.equal(await text("#tx-status"), "Success");
    assert.match(await text("#token-transfers tbody"), /100\s*CRN/);
    const probe = await fetch(dev.url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "debug_traceTransaction", params: [r.hash, { tracer: "callTracer" }] }),
    });
    const traced = (await probe.json()) as { result?: { calls?: unknown[] }; error?: { code: number } };
    if (traced.error?.code === -32601) {
      assert.match(await text("#calls"), /not available.*debug_traceTransaction/);
      assert.match(await text("#state"), /not available/);
    } else {
      const n = traced.result?.calls?.length ?? 0;
      assert.equal(n, 2, "transferFrom and balanceOf");
      assert.equal(await text("#internal-count"), "2 internal calls.");
      assert.match(await text("#call-tree"), /transferFrom/);
      assert.match(await text("#call-tree"), /balanceOf/);
      await page.waitForSelector("#state-changes, #state .state");
    }
  });

  test("reverted transactions show Failed and their revert reason", async () => {
    await search(chain.failed.hash, "tx");
    assert.equal(chain.failed.status, 0);
    assert.equal(await text("#tx-status"), "Failed");
    await page.waitForSelector("#revert-reason .revert");
    assert.match(await text("#revert-reason"), /explorer says no/);
    await search(chain.insufficient.hash, "tx");
    assert.equal(await text("#tx-status"), "Failed");
    await page.waitForSelector("#revert-reason .revert");
    assert.match(
      await text("#revert-reason"),
      new RegExp(`ERC20InsufficientBalance\\(${chain.account1}, 1234500000000000000000, 5000000000000000000000\\)`),
    );
  });

  test("search by address: the token contract with creator, token metadata, transactions and transfers", async () => {
    await search(chain.token.toUpperCase().replace("0X", "0x"), "address");
    assert.equal(new URL(page.url()).hash, `#/address/${chain.token}`);
    assert.match(await text("h1"), /^Contract/);
    assert.match(await text("#creator"), new RegExp(`${chain.account0}.*`));
    assert.equal(await page.locator(`#creator a[title="${chain.deployToken.hash}"]`).count(), 1);
    await page.waitForSelector("#token-info");
    assert.match(await text("#token-info"), /Cairn Token\s*CRN\s*18 decimals/);
    // The chain's own count of transactions to or creating the token.
    const head = Number(BigInt((await dev.rpc("eth_blockNumber")) as string));
    let expected = 0;
    for (let n = 0; n <= head; n++) {
      const b = (await dev.rpc("eth_getBlockByNumber", [`0x${n.toString(16)}`, true])) as Block;
      for (const tx of b.transactions) {
        const rc = (await dev.rpc("eth_getTransactionReceipt", [tx.hash])) as Receipt;
        if (tx.to?.toLowerCase() === chain.token || rc.contractAddress?.toLowerCase() === chain.token) expected++;
      }
    }
    assert.equal(expected, 4, "deploy, transfer, approve and the failed transfer");
    assert.equal(await page.locator("#address-txs tbody tr").count(), expected);
    // mint, transfer to account 1, and the forwarder's transferFrom; the reverted transfer left no log
    assert.equal(await page.locator("#address-transfers tbody tr").count(), 3);
    // With eth_getLogs the transfers come from the whole chain, not only the scanned blocks.
    const logs = await fetch(dev.url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "eth_getLogs", params: [{ address: chain.token, fromBlock: "0x0" }] }),
    });
    if (((await logs.json()) as { error?: unknown }).error === undefined) assert.match(await text("#transfers-state"), /from eth_getLogs/);
  });

  test("search by address: an account's balance and nonce match the chain", async () => {
    await search(chain.account1, "address");
    assert.match(await text("h1"), /^Address/);
    const balance = BigInt((await dev.rpc("eth_getBalance", [chain.account1, "latest"])) as string);
    const nonce = BigInt((await dev.rpc("eth_getTransactionCount", [chain.account1, "latest"])) as string);
    assert.equal(etherText(await text("#balance")), balance);
    assert.equal(await text("#nonce"), nonce.toString());
    // account 1 sent one transaction (the failed transfer) and received 1234.5 CRN, CAT #7 and 4 of item 3 (listed newest first)
    assert.equal(await page.locator("#address-txs tbody tr").count(), 1);
    assert.equal(await page.locator("#address-transfers tbody tr").count(), 3);
    assert.match(await text("#address-transfers tbody"), /ERC-1155[\s\S]*ERC-721[\s\S]*ERC-20/);
  });

  test("address history comes in pages of 25 with a button for older ones", async () => {
    const sender = "0x90f79bf6eb2c4f870365e785982e1f101e93b906"; // dev account 3
    const target = "0x2222222222222222222222222222222222222222";
    const hashes: string[] = [];
    for (let i = 0; i < 30; i++)
      hashes.push((await dev.rpc("eth_sendTransaction", [{ from: sender, to: target, value: `0x${(i + 1).toString(16)}` }])) as string);
    await open(`#/address/${target}`, "address");
    assert.equal(await page.locator("#address-txs tbody tr").count(), 25);
    // newest first
    assert.equal(await page.locator("#address-txs tbody tr").first().locator(`a[title="${hashes[29]}"]`).count(), 1);
    await page.click("#load-more");
    await page.locator("#address-txs tbody tr").nth(29).waitFor();
    assert.equal(await page.locator("#address-txs tbody tr").count(), 30);
    await page.locator("#load-more").waitFor({ state: "hidden" });
    assert.equal(await page.locator("#address-txs tbody tr").last().locator(`a[title="${hashes[0]}"]`).count(), 1);
  });

  test("verify a contract through the UI, then its calls and events decode with the verified ABI", async () => {
    const mine = async (tx: Record<string, string>): Promise<{ hash: string; contractAddress: string | null }> => {
      const hash = (await dev.rpc("eth_sendTransaction", [{ from: chain.account0, ...tx }])) as string;
      for (;;) {
        const r = (await dev.rpc("eth_getTransactionReceipt", [hash])) as { contractAddress: string | null; status: string } | null;
        if (r !== null) return { hash, contractAddress: r.contractAddress };
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    };
    const vault = (await mine({ data: vaultCreationCode() + VAULT_ARGS.slice(2), gas: "0x200000" })).contractAddress!;
    const stash = await mine({ to: vault, data: stashCallData(42, "for the explorer") });

    // before verification the selector is unknown to the built-in table
    await open(`#/tx/${stash.hash}`, "tx");
    assert.equal(await page.locator("#decoded-input").count(), 0);

    await open(`#/address/${vault}`, "address");
    await page.click("#tab-verify");
    await page.waitForSelector("#verify-form");
    assert.ok((await page.locator("#verify-compiler option").count()) >= 1, "the node offers its compilers");
    // a changed source is refused with the node's reason
    await page.fill("#verify-source", VAULT_SOURCE.replace("total += amount;", "total += amount + 1;"));
    await page.fill("#verify-name", "Vault");
    await page.check("#verify-optimizer");
    await page.selectOption("#verify-evm", VAULT_SETTINGS.evmVersion);
    await page.click("#verify-submit");
    await page.locator(".verify-error", { hasText: "does not match the deployed code" }).waitFor({ timeout: 120_000 });
    // the right source verifies and the Contract tab shows it
    await page.fill("#verify-source", VAULT_SOURCE);
    await page.click("#verify-submit");
    await page.waitForSelector("#contract-source", { timeout: 120_000 });
    assert.equal(await text("#verified-name"), "Vault");
    assert.match(await text("#contract-source"), /immutable limit/);
    assert.match((await page.textContent("#contract-abi")) ?? "", /"name": "stash"/);

    await open(`#/tx/${stash.hash}`, "tx");
    assert.match(await text("#decoded-input .sig"), /verified\s*stash\(uint256 amount, string note\)/);
    assert.match(await text("#decoded-input .params"), /amount\s*uint256\s*42[\s\S]*note\s*string\s*"for the explorer"/);
    assert.match(await text("#logs"), /Stashed\(address indexed who, uint256 amount, string note\)/);

    // a fresh page (empty cache) finds the record on the node: the Contract tab opens first
    await page.reload();
    await open(`#/address/${vault}`, "address");
    await page.waitForSelector("#contract-source");
    assert.equal(await page.locator("#tab-verify").count(), 0);

    // the Contract tab and the Verify form fit a 360px-wide screen
    const phone = await browser.newPage({ viewport: { width: 360, height: 740 } });
    try {
      await phone.goto(`${dev.url}#/address/${vault}`);
      await phone.waitForSelector("#contract-source");
      assert.ok(((await phone.evaluate("document.documentElement.scrollWidth")) as number) <= 360, "the verified source fits");
      await phone.goto(`${dev.url}#/address/${chain.forwarder}`);
      await phone.click("#tab-verify");
      await phone.waitForSelector("#verify-form");
      assert.ok(((await phone.evaluate("document.documentElement.scrollWidth")) as number) <= 360, "the form fits");
    } finally {
      await phone.close();
    }
  });

  test("unknown hashes and unreadable input give a clear answer", async () => {
    await search(`0x${"ab".repeat(32)}`, "search");
    assert.match(await text("#view"), /Not found/);
    await search("hello there", "search");
    assert.match(await text("#view"), /Nothing to look up/);
    await open("#/block/999999", "block");
    assert.match(await text("#view"), /No block 999999/);
  });

  test("the pages loaded nothing from anywhere but the node itself", () => {
    const node = new URL(dev.url);
    assert.ok(requested.length > 20, `only ${requested.length} requests seen`);
    assert.ok(
      requested.some((u) => u.startsWith("ws:")),
      "the home page subscribes over WebSocket",
    );
    const outside = requested.filter((u) => new URL(u).host !== node.host);
    assert.deepEqual(outside, []);
  });

  test("an unreachable node gives clear error states, not blank pages", async () => {
    const lost = await browser.newPage();
    try {
      // Port 9 (discard) on loopback: nothing listens, the connection is refused at once.
      const dead = encodeURIComponent("http://127.0.0.1:9/");
      await lost.goto(`${dev.url}?rpc=${dead}#/`);
      await lost.waitForSelector('body[data-ready="home"]');
      assert.match((await lost.textContent("#figures")) ?? "", /Could not reach the node/);
      await lost.locator("#network", { hasText: "node unreachable" }).waitFor();
      await lost.goto(`${dev.url}?rpc=${dead}#/tx/${chain.tokenTransfer.hash}`);
      await lost.waitForSelector('body[data-ready="tx"]');
      assert.match((await lost.textContent("#view")) ?? "", /Could not read the transaction/);
    } finally {
      await lost.close();
    }
  });

  test("pages fit a 360px-wide screen without sideways scrolling", async () => {
    const phone = await browser.newPage({ viewport: { width: 360, height: 740 } });
    try {
      for (const [hash, ready] of [
        ["#/", "home"],
        [`#/block/${chain.forward.blockNumber}`, "block"],
        [`#/tx/${chain.forward.hash}`, "tx"],
        [`#/address/${chain.token}`, "address"],
      ] as const) {
        await phone.goto(`${dev.url}${hash}`);
        await phone.waitForSelector(`body[data-ready="${ready}"]`);
        const width = (await phone.evaluate("document.documentElement.scrollWidth")) as number;
        assert.ok(width <= 360, `${hash} is ${width}px wide`);
      }
    } finally {
      await phone.close();
    }
  });
});
