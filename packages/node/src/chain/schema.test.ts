/**
 * chain/schema and chain/records unit tests: key shapes and their order, the address range,
 * prefixed trie nodes, and round trips of the stored receipts, tx lookups and log index.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { MemoryKv } from "../kv/index.js";
import { type Address, bytesToHex, compareBytes, type Hash32 } from "../primitives/index.js";
import { emptyBloom, type Receipt } from "../types/index.js";
import { decodeLogIndex, decodeReceipts, decodeTxLookup, encodeLogIndex, encodeReceipts, encodeTxLookup, logIndexOf } from "./records.js";
import {
  addressRange,
  addressTxKey,
  canonicalKey,
  HEAD_KEY,
  headerKey,
  PREFIX,
  parseAddressTxKey,
  prefixRange,
  trieNodeKey,
  writeU64,
} from "./schema.js";
import { PrefixedNodeStore } from "./stores.js";

const HASH = new Uint8Array(32).fill(0xab) as Hash32;
const A = new Uint8Array(20).fill(0x01) as Address;
const B = new Uint8Array(20).fill(0x02) as Address;

describe("chain schema", () => {
  test("keys: one prefix byte, big-endian numbers, fixed lengths", () => {
    assert.equal(bytesToHex(canonicalKey(258n)), "0x6e0000000000000102");
    assert.equal(headerKey(HASH).length, 33);
    assert.equal(headerKey(HASH)[0], PREFIX.header);
    assert.equal(addressTxKey(A, 1n, 2).length, 1 + 20 + 8 + 4);
    assert.deepEqual(parseAddressTxKey(addressTxKey(A, 7n, 3)), { number: 7n, index: 3 });
    assert.equal(bytesToHex(HEAD_KEY), "0x4d68656164");
    // Every prefix is distinct.
    assert.equal(new Set(Object.values(PREFIX)).size, Object.values(PREFIX).length);
  });

  test("writeU64 and the address key write the same bytes as a DataView, wrapping at 2^64", () => {
    for (const n of [0n, 1n, 255n, 256n, 0xffffffffn, 0x100000000n, 2n ** 53n - 1n, 2n ** 53n, 2n ** 64n - 1n, 2n ** 64n + 5n]) {
      const want = new Uint8Array(8);
      new DataView(want.buffer).setBigUint64(0, BigInt.asUintN(64, n));
      const got = new Uint8Array(10).fill(0xee);
      writeU64(got, 1, n);
      assert.equal(bytesToHex(got), `0xee${bytesToHex(want).slice(2)}ee`, `n = ${n}`);
    }
    for (const [n, index] of [
      [0n, 0],
      [2n ** 53n + 1n, 0xffffffff],
      [258n, 0x01020304],
    ] as const) {
      const want = new Uint8Array(33);
      want[0] = PREFIX.address;
      want.set(A, 1);
      new DataView(want.buffer).setBigUint64(21, n);
      new DataView(want.buffer).setUint32(29, index);
      assert.equal(bytesToHex(addressTxKey(A, n, index)), bytesToHex(want));
      assert.deepEqual(parseAddressTxKey(addressTxKey(A, n, index)), { number: n, index });
    }
  });

  test("canonical keys sort by number, so a range scan walks blocks in order", () => {
    const numbers = [0n, 1n, 255n, 256n, 65_536n, 2n ** 40n];
    const keys = numbers.map(canonicalKey);
    const sorted = [...keys].sort(compareBytes);
    assert.deepEqual(sorted, keys);
    const kv = new MemoryKv();
    kv.write(numbers.map((n) => ({ type: "put", key: canonicalKey(n), value: HASH })));
    kv.write([{ type: "put", key: headerKey(HASH), value: Uint8Array.of(1) }]);
    assert.equal([...kv.iterate(prefixRange(PREFIX.canonical, canonicalKey(256n).subarray(1)))].length, 3);
  });

  test("an address range holds that address's entries only", () => {
    const kv = new MemoryKv();
    kv.write([
      { type: "put", key: addressTxKey(A, 2n, 0), value: HASH },
      { type: "put", key: addressTxKey(A, 1n, 5), value: HASH },
      { type: "put", key: addressTxKey(B, 1n, 0), value: HASH },
    ]);
    const got = [...kv.iterate(addressRange(A))].map((e) => parseAddressTxKey(e.key));
    assert.deepEqual(got, [
      { number: 1n, index: 5 },
      { number: 2n, index: 0 },
    ]);
    const top = new Uint8Array(20).fill(0xff) as Address;
    kv.write([{ type: "put", key: addressTxKey(top, 9n, 1), value: HASH }]);
    assert.equal([...kv.iterate(addressRange(top))].length, 1);
  });

  test("trie nodes are stored under their prefix", () => {
    const kv = new MemoryKv();
    const nodes = new PrefixedNodeStore(kv);
    nodes.write([{ type: "put", key: HASH, value: Uint8Array.of(0xc0) }]);
    assert.deepEqual(kv.get(trieNodeKey(HASH)), Uint8Array.of(0xc0));
    assert.equal(kv.get(HASH), undefined);
    assert.deepEqual(nodes.get(HASH), Uint8Array.of(0xc0));
  });
});

describe("chain records", () => {
  const receipts: Receipt[] = [
    { type: 0, status: 1, cumulativeGasUsed: 21_000n, logsBloom: emptyBloom(), logs: [] },
    {
      type: 2,
      status: 0,
      cumulativeGasUsed: 50_000n,
      logsBloom: emptyBloom(),
      logs: [{ address: A, topics: [HASH], data: Uint8Array.of(1, 2) }],
    },
    {
      type: 2,
      status: 1,
      cumulativeGasUsed: 80_000n,
      logsBloom: emptyBloom(),
      logs: [{ address: B, topics: [], data: new Uint8Array(0) }],
    },
  ];

  test("receipts round trip", () => {
    assert.deepEqual(decodeReceipts(encodeReceipts(receipts)), receipts);
    assert.deepEqual(decodeReceipts(encodeReceipts([])), []);
  });

  test("tx lookups round trip", () => {
    const l = { blockHash: HASH, blockNumber: 12n, index: 3 };
    assert.deepEqual(decodeTxLookup(encodeTxLookup(l)), l);
  });

  test("the log index numbers logs across the block", () => {
    const index = logIndexOf(receipts);
    assert.deepEqual(
      index.map((l) => [l.txIndex, l.logIndex]),
      [
        [1, 0],
        [2, 1],
      ],
    );
    assert.deepEqual(decodeLogIndex(encodeLogIndex(index)), index);
  });

  test("damaged values are ChainErrors", () => {
    assert.throws(() => decodeReceipts(Uint8Array.of(0x01)), { name: "ChainError" });
    assert.throws(() => decodeTxLookup(Uint8Array.of(0xc0)), { name: "ChainError" });
  });
});
