/**
 * Integration: contract verification over a real DevNode. A solc-js compiled contract with
 * immutables and a constructor argument is deployed, then verified with cairn_verifyContract
 * from a single file (under another file name, so only the metadata hash differs) and from
 * standard JSON input; a changed source and wrong constructor arguments are refused with the
 * reason, missing ones are read from the creation transaction; the record survives a restart
 * on an LMDB data dir.
 */
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, test } from "node:test";
import { call, DEV0, rpcAt, startDevNode } from "./rpc-helpers.js";
import { stashCallData, VAULT_ARGS, VAULT_SETTINGS, VAULT_SOURCE, vaultCreationCode } from "./verify-fixture.js";

const SOLC_VERSION = (createRequire(import.meta.url)("solc/package.json") as { version: string }).version;

type Receipt = { contractAddress: string | null; status: string };

async function deployVault(url: string): Promise<string> {
  const hash = (await call(url, "eth_sendTransaction", [
    { from: DEV0, data: vaultCreationCode() + VAULT_ARGS.slice(2), gas: "0x200000" },
  ])) as string;
  const receipt = (await call(url, "eth_getTransactionReceipt", [hash])) as Receipt;
  assert.equal(receipt.status, "0x1");
  return receipt.contractAddress!;
}

describe("contract verification on a DevNode", () => {
  test("single file and standard JSON verify, a changed source is refused, the record survives a restart", async () => {
    const dir = mkdtempSync(join(tmpdir(), "cairn-verify-"));
    let node = await startDevNode({ dataDir: dir });
    try {
      let url = node.server.url;
      const versions = (await call(url, "cairn_compilerVersions")) as string[];
      assert.ok(versions.includes(SOLC_VERSION), `the installed solc ${SOLC_VERSION} is offered: ${versions.join(", ")}`);
      const address = await deployVault(url);
      assert.equal(await call(url, "cairn_getVerifiedContract", [address]), null);

      const wrong = await rpcAt(url, "cairn_verifyContract", [
        {
          address,
          sourceCode: VAULT_SOURCE.replace("total += amount;", "total += amount * 2;"),
          compilerVersion: versions[0],
          contractName: "Vault",
          ...VAULT_SETTINGS,
        },
      ]);
      assert.equal(wrong.error?.code, -32000);
      assert.match(
        wrong.error!.message,
        /^the source does not match the deployed code: Vault: the compiled runtime code (is \d+ bytes|differs)/,
      );

      const noCode = await rpcAt(url, "cairn_verifyContract", [{ address: DEV0, sourceCode: VAULT_SOURCE }]);
      assert.match(noCode.error!.message, /^no contract code at 0xf39f/);
      const badName = await rpcAt(url, "cairn_verifyContract", [{ address, sourceCode: VAULT_SOURCE, contractName: "Nope" }]);
      assert.match(badName.error!.message, /no contract named Nope in the compiled sources; compiled: contract.sol:Vault/);
      const badArgs = await rpcAt(url, "cairn_verifyContract", [
        { address, sourceCode: VAULT_SOURCE, constructorArgs: `0x${"00".repeat(32)}`, ...VAULT_SETTINGS },
      ]);
      assert.match(
        badArgs.error!.message,
        /^the constructor arguments differ from those of the creation transaction 0x[0-9a-f]{64}: 0x0+3e8$/,
      );
      const both = await rpcAt(url, "cairn_verifyContract", [{ address, sourceCode: VAULT_SOURCE, standardJsonInput: {} }]);
      assert.equal(both.error?.code, -32602);

      // another file name than the deployment's: only the metadata hash differs
      const single = (await call(url, "cairn_verifyContract", [
        {
          address,
          sourceCode: VAULT_SOURCE,
          compilerVersion: SOLC_VERSION,
          contractName: "Vault",
          constructorArgs: VAULT_ARGS,
          ...VAULT_SETTINGS,
        },
      ])) as {
        verified: boolean;
        abi: { name?: string }[];
        contractName: string;
        sourceName: string;
        compilerVersion: string;
        signatures: { functions: Record<string, string> };
      };
      assert.equal(single.verified, true);
      assert.equal(single.contractName, "Vault");
      assert.equal(single.sourceName, "contract.sol");
      assert.ok(single.compilerVersion.startsWith(`${SOLC_VERSION}+commit.`), single.compilerVersion);
      assert.ok(single.abi.some((e) => e.name === "stash"));
      assert.equal(single.signatures.functions["0x4af176c8"], "stash(uint256 amount, string note)");

      const std = (await call(url, "cairn_verifyContract", [
        {
          address,
          standardJsonInput: JSON.stringify({
            language: "Solidity",
            sources: { "src/Vault.sol": { content: `${VAULT_SOURCE}// a comment changes the metadata hash only\n` } },
            settings: VAULT_SETTINGS,
          }),
        },
      ])) as { verified: boolean; sourceName: string; inputKind: string; constructorArgs: string };
      assert.equal(std.verified, true);
      assert.equal(std.sourceName, "src/Vault.sol", "without contractName every compiled contract is tried");
      assert.equal(std.inputKind, "standard-json");
      assert.equal(std.constructorArgs, VAULT_ARGS, "taken from the creation transaction");

      // a call to the verified contract still works (the verification wrote nothing else)
      const tx = (await call(url, "eth_sendTransaction", [{ from: DEV0, to: address, data: stashCallData(5, "hello") }])) as string;
      assert.equal(((await call(url, "eth_getTransactionReceipt", [tx])) as Receipt).status, "0x1");

      await node.stop();
      node = await startDevNode({ dataDir: dir });
      url = node.server.url;
      const kept = (await call(url, "cairn_getVerifiedContract", [address])) as {
        sources: Record<string, { content: string }>;
        settings: { optimizer: { enabled: boolean } };
        abi: { name?: string }[];
      };
      assert.ok(kept.sources["src/Vault.sol"]!.content.includes("contract Vault"));
      assert.equal(kept.settings.optimizer.enabled, true);
      assert.ok(kept.abi.some((e) => e.name === "Stashed"));
    } finally {
      await node.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
