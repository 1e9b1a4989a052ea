/**
 * test/e2e/explorer-screenshots: run by hand (not part of npm test) to refresh the explorer's
 * screenshots in docs/screenshots/: starts `cairn dev --ephemeral`, seeds it with the explorer
 * fixture's transactions and photographs the home, block, transaction and address pages at
 * desktop width and the transaction page at 360 px; then deploys the verification fixture's
 * Vault, photographs its Verify form, verifies it over RPC and photographs its Contract tab and
 * a call decoded with the verified ABI.
 *   node packages/node/dist/test/e2e/explorer-screenshots.js
 */
import { mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { Page } from "playwright-core";
import { stashCallData, VAULT_ARGS, VAULT_SETTINGS, VAULT_SOURCE, vaultCreationCode } from "../integration/verify-fixture.js";
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
  const send = async (tx: Record<string, string>) => {
    const hash = (await dev.rpc("eth_sendTransaction", [{ from: "0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266", ...tx }])) as string;
    return { hash, receipt: (await dev.rpc("eth_getTransactionReceipt", [hash])) as { contractAddress: string | null } };
  };
  const vault = (await send({ data: vaultCreationCode() + VAULT_ARGS.slice(2), gas: "0x200000" })).receipt.contractAddress!;
  const stash = await send({ to: vault, data: stashCallData(42, "for the explorer") });
  await desktop.goto(`${dev.url}#/address/${vault}`);
  await desktop.waitForSelector('body[data-ready="address"]');
  await desktop.click("#tab-verify");
  await desktop.waitForSelector("#verify-form");
  await desktop.fill("#verify-source", VAULT_SOURCE);
  await desktop.fill("#verify-name", "Vault");
  await desktop.check("#verify-optimizer");
  await desktop.selectOption("#verify-evm", VAULT_SETTINGS.evmVersion);
  await desktop.evaluate("window.scrollTo(0, 0)");
  await desktop.screenshot({ path: `${OUT}contract-verify.png`, fullPage: true });
  console.log("wrote docs/screenshots/contract-verify.png");
  await dev.rpc("cairn_verifyContract", [{ address: vault, sourceCode: VAULT_SOURCE, contractName: "Vault", ...VAULT_SETTINGS }]);
  await desktop.goto(dev.url);
  await shot(desktop, `${dev.url}#/address/${vault}`, "address", "contract-verified.png");
  await shot(desktop, `${dev.url}#/tx/${stash.hash}`, "tx", "transaction-verified.png");
  const phone = await browser.newPage({ viewport: { width: 360, height: 740 }, isMobile: true });
  await shot(phone, dev.url, "home", "home-360px.png");
  await shot(phone, `${dev.url}#/tx/${chain.tokenTransfer.hash}`, "tx", "transaction-360px.png");
} finally {
  await browser.close();
  await dev.stop();
}
