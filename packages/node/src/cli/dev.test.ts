import assert from "node:assert/strict";
import { test } from "node:test";
import { DEFAULT_DEV_MNEMONIC } from "../node/index.js";
import { parseDevArgs } from "./dev.js";

test("cairn dev defaults follow anvil", () => {
  const o = parseDevArgs([], "/work");
  assert.equal(o.host, "127.0.0.1");
  assert.equal(o.port, 8545);
  assert.equal(o.chainId, 31337n);
  assert.equal(o.dataDir, "/work/.cairn/dev");
  assert.equal(o.blockTime, undefined);
  assert.equal(o.accounts, 10);
  assert.equal(o.balance, 10_000n);
  assert.equal(o.mnemonic, DEFAULT_DEV_MNEMONIC);
  assert.equal(o.fork, "Prague");
});

test("cairn dev options", () => {
  const o = parseDevArgs(
    [
      "--port",
      "0",
      "--host",
      "0.0.0.0",
      "--chain-id",
      "1337",
      "--data-dir",
      "d",
      "--reset",
      "--block-time",
      "2",
      "--accounts",
      "3",
      "--balance",
      "5",
      "--mnemonic",
      "a b c",
      "--hardfork",
      "cancun",
    ],
    "/x",
  );
  assert.deepEqual(o, {
    host: "0.0.0.0",
    port: 0,
    chainId: 1337n,
    dataDir: "/x/d",
    reset: true,
    blockTime: 2,
    accounts: 3,
    balance: 5n,
    mnemonic: "a b c",
    fork: "Cancun",
  });
  assert.equal(parseDevArgs(["--ephemeral"], "/x").dataDir, undefined);
});

test("cairn dev refuses bad options", () => {
  assert.throws(() => parseDevArgs(["--port", "99999"], "/"), /--port/);
  assert.throws(() => parseDevArgs(["--hardfork", "nope"], "/"), /unknown fork/);
  assert.throws(() => parseDevArgs(["--block-time"], "/"), /missing value/);
  assert.throws(() => parseDevArgs(["--frobnicate"], "/"), /unknown option/);
});
