import assert from "node:assert/strict";
import { test } from "node:test";
import { toChecksumAddress } from "../crypto/index.js";
import { bytesToHex } from "../primitives/index.js";
import { DEFAULT_DEV_MNEMONIC, derivePrivateKey, devAccounts, mnemonicToSeed } from "./dev-accounts.js";

test("anvil's default accounts from the test mnemonic", () => {
  const accounts = devAccounts(DEFAULT_DEV_MNEMONIC, 2);
  assert.equal(toChecksumAddress(accounts[0]!.address), "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266");
  assert.equal(bytesToHex(accounts[0]!.privateKey), "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80");
  assert.equal(toChecksumAddress(accounts[1]!.address), "0x70997970C51812dc3A010C7d01b50e0d17dc79C8");
  assert.equal(bytesToHex(accounts[1]!.privateKey), "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d");
});

test("path derivation matches the account list", () => {
  const seed = mnemonicToSeed(DEFAULT_DEV_MNEMONIC);
  assert.deepEqual(derivePrivateKey(seed, "m/44'/60'/0'/0/1"), devAccounts(DEFAULT_DEV_MNEMONIC, 2)[1]!.privateKey);
});
