import assert from "node:assert/strict";
import { test } from "node:test";
import { bytesToHex } from "../../primitives/index.js";
import { TxError } from "./errors.js";
import { decodeU64, decodeU256, NONCE, SIG_R } from "./fields.js";

test("decodeU256 reads every length from 0 to 32 bytes as the big-endian number", () => {
  for (let len = 0; len <= 32; len++) {
    for (const fill of [0x01, 0x7f, 0xff]) {
      const b = new Uint8Array(len);
      for (let i = 0; i < len; i++) b[i] = (fill + i * 29) & 0xff || 1;
      const want = len === 0 ? 0n : BigInt(bytesToHex(b));
      assert.equal(decodeU256(b, SIG_R), want, `length ${len}, fill ${fill}`);
    }
  }
  assert.equal(decodeU256(new Uint8Array(32).fill(0xff), SIG_R), 2n ** 256n - 1n);
  assert.equal(decodeU64(new Uint8Array(8).fill(0xff), NONCE), 2n ** 64n - 1n);
});

test("decodeU256 still rejects leading zeros and more than 32 bytes", () => {
  assert.throws(() => decodeU256(Uint8Array.of(0, 1, 2, 3, 4, 5, 6, 7), SIG_R), TxError);
  assert.throws(() => decodeU256(new Uint8Array(33).fill(1), SIG_R), TxError);
});
