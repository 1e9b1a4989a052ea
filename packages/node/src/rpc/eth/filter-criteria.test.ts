import assert from "node:assert/strict";
import { describe, test } from "node:test";
import fc from "fast-check";
import { hexToBytes } from "../../primitives/index.js";
import { bloomAdd, emptyBloom } from "../../types/index.js";
import { RpcError } from "../errors.js";
import {
  argFilterCriteria,
  bloomQuery,
  bloomQueryMatches,
  checkQueryLimits,
  type FilterCriteria,
  keyedCriteria,
  keyedLogMatches,
  logKeys,
  type MatchableLog,
} from "./filter-criteria.js";

/** The matching eth_getLogs and filters use: the criteria's key sets against the log's keys. */
const logMatches = (c: FilterCriteria, l: MatchableLog): boolean => keyedLogMatches(keyedCriteria(c), logKeys(l));
/** The bloom test range queries use: the criteria's bloom bits against a block's bloom. */
const bloomMayMatch = (c: FilterCriteria, bloom: Uint8Array): boolean => bloomQueryMatches(bloomQuery(c), bloom);

const A = `0x${"aa".repeat(20)}`;
const B = `0x${"bb".repeat(20)}`;
const T1 = `0x${"11".repeat(32)}`;
const T2 = `0x${"22".repeat(32)}`;
const T3 = `0x${"33".repeat(32)}`;

const log = (address: string, ...topics: string[]) => ({ address: hexToBytes(address), topics: topics.map((t) => hexToBytes(t)) });
const crit = (o: unknown) => argFilterCriteria([o], 0);

function rejects(f: () => unknown, code: number, message: string): void {
  assert.throws(f, (e: unknown) => e instanceof RpcError && e.code === code && e.message === message);
}

describe("filter criteria decoding (geth's FilterCriteria.UnmarshalJSON)", () => {
  test("address may be one string or an array", () => {
    assert.equal(crit({ address: A }).addresses.length, 1);
    assert.equal(crit({ address: [A, B] }).addresses.length, 2);
    assert.equal(crit({}).addresses.length, 0);
    assert.equal(crit(null).addresses.length, 0);
  });

  test("topics: null is a wildcard, arrays are OR, a null inside an array makes the position a wildcard", () => {
    const c = crit({ topics: [null, T1, [T2, T3], [T1, null, T2]] });
    assert.deepEqual(
      c.topics.map((p) => p.length),
      [0, 1, 2, 0],
    );
  });

  test("blockHash with fromBlock/toBlock is refused with geth's wording", () => {
    rejects(
      () => crit({ blockHash: T1, fromBlock: "0x1" }),
      -32602,
      "invalid argument 0: cannot specify both BlockHash and FromBlock/ToBlock, choose one or the other",
    );
  });

  test("bad addresses and topics answer geth's messages", () => {
    rejects(
      () => crit({ address: "0x12" }),
      -32602,
      "invalid argument 0: invalid address: hex has invalid length 1 after decoding; expected 20 for address",
    );
    rejects(() => crit({ address: [A, 5] }), -32602, "invalid argument 0: non-string address at index 1");
    rejects(() => crit({ address: 5 }), -32602, "invalid argument 0: invalid addresses in query");
    rejects(
      () => crit({ topics: ["0x1234"] }),
      -32602,
      "invalid argument 0: hex has invalid length 2 after decoding; expected 32 for topic",
    );
    rejects(() => crit({ topics: [5] }), -32602, "invalid argument 0: invalid topic(s)");
    rejects(() => crit({ topics: [T1, T1, T1, T1, T1] }), -32602, "invalid argument 0: exceed max topics");
    rejects(() => crit({ fromBlock: "12" }), -32602, "invalid argument 0: hex string without 0x prefix");
  });

  test("the argument index follows the position (eth_subscribe counts the kind name)", () => {
    rejects(() => argFilterCriteria([null, { address: 5 }], 1), -32602, "invalid argument 1: invalid addresses in query");
    rejects(() => argFilterCriteria([null], 1), -32602, "missing value for required argument 1");
  });

  test("query limits", () => {
    const many = Array.from({ length: 3 }, (_, i) => `0x${i.toString(16).padStart(40, "0")}`);
    rejects(() => checkQueryLimits(crit({ address: many }), 2), -32000, "exceed max addresses or topics per search position");
    rejects(() => checkQueryLimits(crit({ topics: [[T1, T2, T3]] }), 2), -32000, "exceed max addresses or topics per search position");
    checkQueryLimits(crit({ address: many }), 0);
  });
});

describe("log matching (geth's filterLogs)", () => {
  test("addresses match any of the list", () => {
    assert.equal(logMatches(crit({ address: [A, B] }), log(B)), true);
    assert.equal(logMatches(crit({ address: A }), log(B)), false);
  });

  test("topic positions, wildcards and OR", () => {
    const l = log(A, T1, T2);
    assert.equal(logMatches(crit({ topics: [T1] }), l), true);
    assert.equal(logMatches(crit({ topics: [null, T2] }), l), true);
    assert.equal(logMatches(crit({ topics: [[T3, T1], [T2]] }), l), true);
    assert.equal(logMatches(crit({ topics: [T2] }), l), false);
    assert.equal(logMatches(crit({ topics: [null, [T1, T3]] }), l), false);
  });

  test("property: matching by keys agrees with comparing the bytes", () => {
    // Padded values that differ only at the end, as address topics do.
    const pool = (n: number, size: number) =>
      Array.from({ length: n }, (_, i) => `0x${"00".repeat(size - 1)}${i.toString(16).padStart(2, "0")}`);
    const addrs = pool(3, 20);
    const topics = pool(4, 32);
    const same = (a: string, b: string) => a === b;
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...addrs), { maxLength: 2 }),
        fc.array(fc.oneof(fc.constant(null), fc.array(fc.constantFrom(...topics), { minLength: 1, maxLength: 2 })), { maxLength: 3 }),
        fc.constantFrom(...addrs),
        fc.array(fc.constantFrom(...topics), { maxLength: 4 }),
        (address, positions, logAddress, logTopics) => {
          const expected =
            (address.length === 0 || address.some((a) => same(a, logAddress))) &&
            positions.length <= logTopics.length &&
            positions.every((p, i) => p === null || p.some((t) => same(t, logTopics[i]!)));
          assert.equal(logMatches(crit({ address, topics: positions }), log(logAddress, ...logTopics)), expected);
        },
      ),
      { numRuns: 500 },
    );
  });

  test("a filter with more positions than the log has topics never matches, even with wildcards", () => {
    assert.equal(logMatches(crit({ topics: [T1, null, null] }), log(A, T1, T2)), false);
    assert.equal(logMatches(crit({ topics: [] }), log(A)), true);
  });

  test("the bloom rules blocks out only when no member of a position can be in it", () => {
    const bloom = emptyBloom();
    bloomAdd(bloom, hexToBytes(A));
    bloomAdd(bloom, hexToBytes(T1));
    assert.equal(bloomMayMatch(crit({ address: A, topics: [T1] }), bloom), true);
    assert.equal(bloomMayMatch(crit({ address: [B, A], topics: [[T2, T1]] }), bloom), true);
    assert.equal(bloomMayMatch(crit({ address: B }), bloom), false);
    assert.equal(bloomMayMatch(crit({ topics: [null, T2] }), bloom), false);
    assert.equal(bloomMayMatch(crit({}), emptyBloom()), true);
  });
});
