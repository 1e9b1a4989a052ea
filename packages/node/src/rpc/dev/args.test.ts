import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { gzipSync } from "node:zlib";
import { bytesToHex } from "../../primitives/index.js";
import { RpcError } from "../errors.js";
import { devAddress, devBool, devBytes, devNumber, devOptionalNumber, devU64, devWord } from "./args.js";
import { decodeStateDump, encodeStateDump } from "./state-dump.js";

const A = "0x1111111111111111111111111111111111111111";

function rejects(f: () => unknown, message: RegExp): void {
  assert.throws(f, (e: unknown) => e instanceof RpcError && e.code === -32602 && message.test(e.message));
}

describe("developer method arguments", () => {
  test("numbers as anvil takes them: JSON numbers, hex with leading zeros, decimal strings", () => {
    assert.equal(devNumber([16], 0), 16n);
    assert.equal(devNumber(["0x10"], 0), 16n);
    assert.equal(devNumber(["0x0010"], 0), 16n);
    assert.equal(devNumber(["16"], 0), 16n);
    assert.equal(devOptionalNumber([], 0), undefined);
    assert.equal(devOptionalNumber([null], 0), undefined);
    rejects(() => devNumber([-5], 0, "NumericSeq"), /untagged enum NumericSeq/);
    rejects(() => devNumber(["zz"], 0), /untagged enum Numeric$/);
    rejects(() => devNumber([1.5], 0), /untagged enum/);
    assert.equal(devNumber(["0x"], 0), 0n, "anvil reads an empty quantity as 0");
  });

  test("addresses and words of exactly their length", () => {
    assert.equal(bytesToHex(devAddress([A], 0)), A);
    rejects(() => devAddress(["0x12"], 0), /^invalid string length$/);
    rejects(() => devAddress([7], 0), /^invalid type: integer `7`, expected 20 bytes, represented as a hex string of length 40/);
    rejects(() => devAddress([`0xzz${"1".repeat(38)}`], 0), /^invalid character 'z' at position 0$/);
    assert.equal(bytesToHex(devAddress([A.slice(2)], 0)), A, "the prefix is optional");
    assert.equal(devWord([`0x${"0".repeat(63)}5`], 0)[31], 5);
    rejects(() => devWord(["0x05"], 0), /^invalid string length$/);
    assert.equal(devBool([true], 0), true);
    rejects(() => devBool(["true"], 0), /^invalid type: string "true", expected a boolean$/);
    rejects(() => devBool([1], 0), /^invalid type: number, expected a boolean$/);
    assert.equal(devU64([5], 0), 5n);
    rejects(() => devU64(["0x5"], 0), /^invalid type: string "0x5", expected u64$/);
    assert.deepEqual(devBytes(["0x6001"], 0), Uint8Array.of(0x60, 1));
    rejects(() => devBytes(["0x123"], 0), /^invalid value: string "0x123", expected a valid hex string$/);
    rejects(() => devBytes([5], 0), /^invalid type: integer `5`, expected a variable number of bytes/);
  });
});

describe("state dump wire form", () => {
  test("gzip JSON hex round trip, and plain JSON hex is accepted", () => {
    const state = {
      block: null,
      accounts: {
        [A]: { nonce: 3, balance: "0x10", code: "0x6001", storage: { [`0x${"1".padStart(64, "0")}`]: `0x${"5".padStart(64, "0")}` } },
      },
      best_block_number: 2,
      blocks: [] as [],
      transactions: [] as [],
      historical_states: null,
    };
    const hex = encodeStateDump(state);
    assert.match(hex, /^0x1f8b/);
    const plain = `0x${Buffer.from(JSON.stringify(state)).toString("hex")}`;
    for (const h of [hex, plain, `0x${gzipSync(Buffer.from(JSON.stringify(state))).toString("hex")}`]) {
      const accounts = decodeStateDump(h);
      const a = [...accounts.values()][0]!;
      assert.equal(a.nonce, 3n);
      assert.equal(a.balance, 16n);
      assert.equal(bytesToHex(a.code), "0x6001");
      assert.deepEqual([...a.storage], [[1n, 5n]]);
    }
    rejects(() => decodeStateDump("0xzz"), /expected a valid hex string/);
    rejects(() => decodeStateDump(`0x${Buffer.from("{}").toString("hex")}`), /^Failed to decode state dump$/);
    rejects(() => decodeStateDump("0x1234"), /^Failed to decode state dump$/);
  });
});
