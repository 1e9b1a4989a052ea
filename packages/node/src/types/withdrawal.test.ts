import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { type Address, bytesToHex } from "../primitives/index.js";
import { decodeRlp, encodeRlp } from "../rlp/index.js";
import { EMPTY_TRIE_ROOT, orderedTrieRoot } from "../trie/index.js";
import { BlockError } from "./block-error.js";
import { decodeWithdrawalItem, encodeWithdrawal, type Withdrawal, withdrawalsRoot } from "./withdrawal.js";

const w: Withdrawal = { index: 7n, validatorIndex: 123456n, address: new Uint8Array(20).fill(0xcc) as Address, amount: 32_000_000_000n };

function codeOf(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    if (e instanceof BlockError) return e.code;
    throw e;
  }
  return "accepted";
}

describe("withdrawal", () => {
  test("encodes as [index, validatorIndex, address, amount] and round-trips", () => {
    const bytes = encodeWithdrawal(w);
    assert.equal(bytesToHex(bytes), bytesToHex(encodeRlp([7n, 123456n, w.address, 32_000_000_000n])));
    assert.deepEqual(decodeWithdrawalItem(decodeRlp(bytes)), w);
  });

  test("every integer is 64-bit; the address is 20 bytes; exactly four fields", () => {
    const max = (1n << 64n) - 1n;
    assert.equal(
      codeOf(() => decodeWithdrawalItem(decodeRlp(encodeRlp([max, max, w.address, max])))),
      "accepted",
    );
    for (const i of [0, 1, 3]) {
      const fields: (bigint | Uint8Array)[] = [1n, 1n, w.address, 1n];
      fields[i] = 1n << 64n;
      assert.equal(
        codeOf(() => decodeWithdrawalItem(decodeRlp(encodeRlp(fields)))),
        "RLP_INVALID_FIELD_OVERFLOW_64",
        `field ${i}`,
      );
    }
    assert.equal(
      codeOf(() => decodeWithdrawalItem(decodeRlp(encodeRlp([1n, 1n, new Uint8Array(21), 1n])))),
      "RLP_INVALID_ADDRESS",
    );
    assert.equal(
      codeOf(() => decodeWithdrawalItem(decodeRlp(encodeRlp([1n, 1n, w.address])))),
      "RLP_STRUCTURES_ENCODING",
    );
    assert.equal(
      codeOf(() => decodeWithdrawalItem(decodeRlp(encodeRlp([Uint8Array.of(0, 1), 1n, w.address, 1n])))),
      "RLP_STRUCTURES_ENCODING",
    );
  });

  test("withdrawals root: the ordered trie of encodings; none is the empty root", () => {
    assert.deepEqual(withdrawalsRoot([]), EMPTY_TRIE_ROOT);
    const ws = Array.from({ length: 130 }, (_, i) => ({ ...w, index: BigInt(i) }));
    assert.deepEqual(withdrawalsRoot(ws), orderedTrieRoot(ws.map(encodeWithdrawal)));
  });
});
