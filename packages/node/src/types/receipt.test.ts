import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { keccak256 } from "../crypto/index.js";
import { type Address, bytesToHex, concatBytes, type Hash32 } from "../primitives/index.js";
import { decodeRlp, encodeRlp, encodeRlpListPayload } from "../rlp/index.js";
import { EMPTY_TRIE_ROOT, orderedTrieRoot } from "../trie/index.js";
import { BlockError } from "./block-error.js";
import { logsBloom } from "./bloom.js";
import { decodeLogItem, encodeLog, type Log, logsHash } from "./log.js";
import { decodeReceipt, encodeReceipt, type Receipt, receiptsRoot } from "./receipt.js";

const log: Log = {
  address: new Uint8Array(20).fill(0xaa) as Address,
  topics: [new Uint8Array(32).fill(1) as Hash32],
  data: Uint8Array.of(1, 2, 3),
};

function receipt(over: Partial<Receipt>): Receipt {
  return { type: 0, status: 1, cumulativeGasUsed: 21000n, logsBloom: logsBloom([log]), logs: [log], ...over };
}

function codeOf(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    if (e instanceof BlockError) return e.code;
    throw e;
  }
  return "accepted";
}

describe("receipt codec", () => {
  test("legacy receipts are a bare RLP list; typed ones are type || rlp", () => {
    const legacy = encodeReceipt(receipt({}));
    assert.ok(legacy[0]! >= 0xc0);
    for (const type of [1, 2, 3, 4] as const) {
      const bytes = encodeReceipt(receipt({ type }));
      assert.equal(bytes[0], type);
      assert.deepEqual(bytes.subarray(1), legacy, "the payload does not depend on the type");
      assert.deepEqual(decodeReceipt(bytes), receipt({ type }));
    }
  });

  test("status: failure is the empty string, success 0x01; a 32-byte field is a pre-Byzantium state root", () => {
    const failed = encodeReceipt(receipt({ status: 0, logs: [], logsBloom: logsBloom([]) }));
    assert.equal(bytesToHex(failed.subarray(0, 5)), "0xf901088082"); // 264-byte list, 0x80 = empty status, then 0x82 5208
    const root = new Uint8Array(32).fill(9) as Hash32;
    const { status: _, ...rest } = receipt({});
    const pre: Receipt = { ...rest, postStateRoot: root };
    assert.deepEqual(decodeReceipt(encodeReceipt(pre)), pre);
    assert.deepEqual(decodeReceipt(encodeReceipt(receipt({ status: 0 }))).status, 0);
  });

  test("a receipt has exactly one of status and post-state root", () => {
    assert.equal(
      codeOf(() => encodeReceipt(receipt({ status: undefined }))),
      "RLP_STRUCTURES_ENCODING",
    );
    assert.equal(
      codeOf(() => encodeReceipt(receipt({ postStateRoot: new Uint8Array(32) as Hash32 }))),
      "RLP_STRUCTURES_ENCODING",
    );
  });

  test("malformed receipts are rejected", () => {
    const good = encodeReceipt(receipt({}));
    const fields = decodeRlp(good) as Uint8Array[];
    const bad = (i: number, v: Uint8Array) => encodeRlp(fields.map((f, j) => (j === i ? v : f)));
    const cases: [string, Uint8Array][] = [
      ["empty", new Uint8Array(0)],
      ["type 0 prefix", Uint8Array.of(0, ...good)],
      ["unknown type 5", Uint8Array.of(5, ...good)],
      ["a byte string", encodeRlp(Uint8Array.of(1, 2))],
      ["status 2", bad(0, Uint8Array.of(2))],
      ["status 0x00", bad(0, Uint8Array.of(0))],
      ["31-byte root", bad(0, new Uint8Array(31))],
      ["bloom of 255 bytes", bad(2, new Uint8Array(255))],
      ["cumulative gas above 2^64", bad(1, new Uint8Array(9).fill(1))],
      ["three fields", encodeRlp(fields.slice(0, 3))],
      ["trailing bytes", Uint8Array.of(...good, 0)],
    ];
    for (const [name, bytes] of cases)
      assert.notEqual(
        codeOf(() => decodeReceipt(bytes)),
        "accepted",
        name,
      );
  });

  test("receipts root: the ordered trie of consensus encodings", () => {
    assert.deepEqual(receiptsRoot([]), EMPTY_TRIE_ROOT);
    const rs = [receipt({}), receipt({ type: 2, status: 0, cumulativeGasUsed: 50000n })];
    assert.deepEqual(receiptsRoot(rs), orderedTrieRoot(rs.map(encodeReceipt)));
  });
});

describe("log codec", () => {
  test("round trip and shape errors", () => {
    assert.deepEqual(decodeLogItem(decodeRlp(encodeLog(log))), log);
    assert.equal(
      codeOf(() => decodeLogItem(decodeRlp(encodeRlp([log.address, [new Uint8Array(31)], log.data])))),
      "RLP_STRUCTURES_ENCODING",
    );
    assert.equal(
      codeOf(() => decodeLogItem(decodeRlp(encodeRlp([new Uint8Array(19), [], log.data])))),
      "RLP_INVALID_ADDRESS",
    );
    assert.equal(
      codeOf(() => decodeLogItem(decodeRlp(encodeRlp([log.address, log.topics])))),
      "RLP_STRUCTURES_ENCODING",
    );
  });

  test("logs hash: keccak256 of the RLP list of logs; no logs is keccak256(0xc0)", () => {
    assert.equal(bytesToHex(logsHash([])), "0x1dcc4de8dec75d7aab85b567b6ccd41ad312451b948a7413f0a142fd40d49347");
    assert.deepEqual(logsHash([log, log]), keccak256(encodeRlpListPayload(concatBytes(encodeLog(log), encodeLog(log)))));
  });
});
