import assert from "node:assert/strict";
import { test } from "node:test";
import { hexToBytes } from "../../primitives/index.js";
import { RpcError } from "../errors.js";
import { checkFeeArgs, goDuration, revertError, revertReason } from "./call.js";
import { argBlockOverrides, argStateOverride } from "./overrides.js";

const word = (n: number | bigint): string => BigInt(n).toString(16).padStart(64, "0");

test("revertReason decodes Error(string) and Panic(uint256) as geth's abi.UnpackRevert", () => {
  const err = hexToBytes(`0x08c379a0${word(32)}${word(4)}${Buffer.from("nope").toString("hex").padEnd(64, "0")}`);
  assert.equal(revertReason(err), "nope");
  assert.equal(revertReason(hexToBytes(`0x4e487b71${word(1)}`)), "assert(false)");
  assert.equal(revertReason(hexToBytes(`0x4e487b71${word(0x11)}`)), "arithmetic underflow or overflow");
  assert.equal(revertReason(hexToBytes(`0x4e487b71${word(0x99)}`)), "unknown panic code: 0x99");
  assert.equal(revertReason(hexToBytes("0x12345678")), undefined);
  const e = revertError({ output: hexToBytes("0x12345678") });
  assert.deepEqual(e.toJSON(), { code: 3, message: "execution reverted", data: "0x12345678" });
});

test("goDuration prints as Go's time.Duration does for whole ms and s", () => {
  assert.equal(goDuration(5000), "5s");
  assert.equal(goDuration(1500), "1.5s");
  assert.equal(goDuration(200), "200ms");
});

test("fee argument checks carry geth's CallDefaults wording", () => {
  assert.throws(
    () => checkFeeArgs({ gasPrice: 1n, maxFeePerGas: 1n }),
    /both gasPrice and \(maxFeePerGas or maxPriorityFeePerGas\) specified/,
  );
  assert.throws(() => checkFeeArgs({ maxFeePerGas: 1n, maxPriorityFeePerGas: 2n }), /maxFeePerGas \(1\) < maxPriorityFeePerGas \(2\)/);
  checkFeeArgs({ maxFeePerGas: 2n, maxPriorityFeePerGas: 2n });
});

test("override arguments decode and refuse malformed values at their position", () => {
  const so = argStateOverride(
    [
      {},
      "latest",
      {
        "0x00000000000000000000000000000000000000aa": {
          balance: "0x10",
          nonce: "0x2",
          stateDiff: {
            "0x0000000000000000000000000000000000000000000000000000000000000001":
              "0x0000000000000000000000000000000000000000000000000000000000000002",
          },
        },
      },
    ],
    2,
  );
  const a = so?.get("0x00000000000000000000000000000000000000aa");
  assert.equal(a?.balance, 16n);
  assert.equal(a?.nonce, 2n);
  assert.equal(a?.stateDiff?.get(1n), 2n);
  assert.throws(
    () => argStateOverride([{}, "latest", { "0x00000000000000000000000000000000000000aa": { balance: "10" } }], 2),
    (e: unknown) => e instanceof RpcError && e.code === -32602 && e.message.startsWith("invalid argument 2: "),
  );
  const bo = argBlockOverrides([{}, "latest", null, { number: "0x10", coinbase: "0x00000000000000000000000000000000000000bb" }], 3);
  assert.equal(bo?.number, 16n);
  assert.equal(bo?.feeRecipient?.[19], 0xbb);
  assert.throws(() => argBlockOverrides([{}, "latest", null, { withdrawals: [] }], 3), /block override "withdrawals" is not supported/);
});
