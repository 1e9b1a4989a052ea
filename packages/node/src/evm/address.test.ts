import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { keccak256 } from "../crypto/index.js";
import { type Address, bytesToBigint, bytesToHex, hexToBytes } from "../primitives/index.js";
import { create2Address, createAddress, precompileAddresses } from "./address.js";

describe("CREATE addresses", () => {
  const sender = hexToBytes("0x6ac7ea33f8831ea9dcc53393aaa88b25a785dbf0") as Address;
  const expected = [
    "0xcd234a471b72ba2f1ccf0a70fcaba648a5eecd8d",
    "0x343c43a37d37dff08ae8c4a11544c718abb4fcf8",
    "0xf778b86fa74e846c4f0a1fbd1335fe81c00a0c91",
    "0xfffd933a0bc612844eaf0c6fe3e5b8e9b6c1d19c",
  ];
  expected.forEach((want, nonce) => {
    test(`nonce ${nonce}`, () => {
      assert.equal(bytesToHex(createAddress(sender, BigInt(nonce))), want);
    });
  });
});

describe("CREATE2 addresses (EIP-1014 examples)", () => {
  const examples: Array<[string, string, string, string]> = [
    ["0x0000000000000000000000000000000000000000", `0x${"00".repeat(32)}`, "0x00", "0x4D1A2e2bB4F88F0250f26Ffff098B0b30B26BF38"],
    ["0xdeadbeef00000000000000000000000000000000", `0x${"00".repeat(32)}`, "0x00", "0xB928f69Bb1D91Cd65274e3c79d8986362984fDA3"],
    [
      "0xdeadbeef00000000000000000000000000000000",
      "0x000000000000000000000000feed000000000000000000000000000000000000",
      "0x00",
      "0xD04116cDd17beBE565EB2422F2497E06cC1C9833",
    ],
    ["0x0000000000000000000000000000000000000000", `0x${"00".repeat(32)}`, "0xdeadbeef", "0x70f2b2914A2a4b783FaEFb75f459A580616Fcb5e"],
    [
      "0x00000000000000000000000000000000deadbeef",
      "0x00000000000000000000000000000000000000000000000000000000cafebabe",
      "0xdeadbeef",
      "0x60f3f640a8508fC6a86d45DF051962668E1e8AC7",
    ],
    [
      "0x00000000000000000000000000000000deadbeef",
      "0x00000000000000000000000000000000000000000000000000000000cafebabe",
      `0x${"deadbeef".repeat(11)}`,
      "0x1d8bfDC5D46DC4f61D6b6115972536eBE6A8854C",
    ],
    ["0x0000000000000000000000000000000000000000", `0x${"00".repeat(32)}`, "0x", "0xE33C0C7F7df4809055C3ebA6c09CFe4BaF1BD9e0"],
  ];
  examples.forEach(([sender, salt, initcode, want], i) => {
    test(`example ${i}`, () => {
      const got = create2Address(hexToBytes(sender) as Address, bytesToBigint(hexToBytes(salt)), keccak256(hexToBytes(initcode)));
      assert.equal(bytesToHex(got), want.toLowerCase());
    });
  });
});

describe("precompile addresses", () => {
  test("number in the last two bytes", () => {
    const set = new Map([
      [1, { gas: () => 0n, run: () => new Uint8Array(0) }],
      [0x100, { gas: () => 0n, run: () => new Uint8Array(0) }],
    ]);
    assert.deepEqual(precompileAddresses(set).map(bytesToHex), [`0x${"00".repeat(19)}01`, `0x${"00".repeat(18)}0100`]);
  });
});
