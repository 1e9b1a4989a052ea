/**
 * test/e2e/explorer-screenshots: run by hand (not part of npm test) to refresh the explorer's
 * screenshots in docs/screenshots/: starts `cairn dev --ephemeral`, seeds it with the explorer
 * fixture's transactions and photographs the home, block, transaction and address pages at
 * desktop width and the transaction page at 360 px.
 *   node packages/node/dist/test/e2e/explorer-screenshots.js
 */
import { mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { Page } from "playwright-core";
import { startDev } from "./dev-process.js";
import { launchChromium, seedChain } from "./explorer-fixture.js";

const OUT = fileURLToPath(new URL("../../../../../docs/screenshots/", import.meta.url));

async function shot(page: Page, url: string, ready: string, file: string): Promise<void> {
  await page.goto(url);
  await page.waitForSelector(`body[data-ready="${ready}"]`);
  await page.waitForLoadState("networkidle");
  await page.screenshot({ path: `${OUT}${file}`, fullPage: true });
  console.log(`wrote docs/screenshots/${file}`);
}

const dev = await startDev(["--ephemeral"]);
const browser = await launchChromium();
try {
  mkdirSync(OUT, { recursive: true });
  const chain = await seedChain(dev.url);
  const desktop = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await shot(desktop, dev.url, "home", "home.png");
  await shot(desktop, `${dev.url}#/block/${chain.forward.blockNumber}`, "block", "block.png");
  await shot(desktop, `${dev.url}#/tx/${chain.forward.hash}`, "tx", "transaction.png");
  await shot(desktop, `${dev.url}#/tx/${chain.insufficient.hash}`, "tx", "transaction-reverted.png");
  await shot(desktop, `${dev.url}#/address/${chain.token}`, "address", "address.png");
  const phone = await browser.newPage({ viewport: { width: 360, height: 740 }, isMobile: true });
  await shot(phone, dev.url, "home", "home-360px.png");
  await shot(phone, `${dev.url}#/tx/${chain.tokenTransfer.hash}`, "tx", "transaction-360px.png");
} finally {
  await browser.close();
  await dev.stop();
}
