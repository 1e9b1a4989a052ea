import assert from "node:assert/strict";
import { describe, test } from "node:test";
import fc from "fast-check";
import { bytesToHex, hexToBytes } from "../primitives/index.js";
import {
  decodeRlp,
  decodeRlpPrefix,
  decodeUint,
  encodeRlp,
  encodeRlpListPayload,
  MAX_RLP_DEPTH,
  RlpError,
  type RlpInput,
  type RlpItem,
  rlpItemLength,
} from "./index.js";

const rlpItem: fc.Arbitrary<RlpItem> = fc.letrec<{ item: RlpItem }>((tie) => ({
  item: fc.oneof({ depthSize: "small", withCrossShrink: true }, fc.uint8Array({ maxLength: 80 }), fc.array(tie("item"), { maxLength: 6 })),
})).item;

describe("rlp encode", () => {
  test("yellow-paper examples", () => {
    assert.equal(bytesToHex(encodeRlp(new Uint8Array())), "0x80");
    assert.equal(bytesToHex(encodeRlp(Uint8Array.of(0x0f))), "0x0f");
    assert.equal(bytesToHex(encodeRlp(Uint8Array.of(0x80))), "0x8180");
    assert.equal(bytesToHex(encodeRlp(0)), "0x80");
    assert.equal(bytesToHex(encodeRlp(1024)), "0x820400");
    assert.equal(bytesToHex(encodeRlp([])), "0xc0");
    assert.equal(bytesToHex(encodeRlp([[], [[]], [[], [[]]]])), "0xc7c0c1c0c3c0c1c0");
    const long = new Uint8Array(56).fill(0x61);
    assert.equal(bytesToHex(encodeRlp(long)).slice(0, 6), "0xb838");
  });

  test("integers encode as their minimal big-endian byte strings, small and large", () => {
    const minimal = (v: bigint): Uint8Array =>
      v === 0n ? new Uint8Array(0) : hexToBytes(`0x${v.toString(16).padStart(Math.ceil(v.toString(16).length / 2) * 2, "0")}`);
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: (1n << 600n) - 1n }), fc.nat(600), (raw, bits) => {
        const v = raw >> BigInt(bits);
        assert.deepEqual(encodeRlp(v), encodeRlp(minimal(v)));
        assert.deepEqual(encodeRlp([v, [v]]), encodeRlp([minimal(v), [minimal(v)]]));
        if (v <= BigInt(Number.MAX_SAFE_INTEGER)) assert.deepEqual(encodeRlp(Number(v)), encodeRlp(minimal(v)));
      }),
      { numRuns: 2000 },
    );
    assert.equal(bytesToHex(encodeRlp(127)), "0x7f");
    assert.equal(bytesToHex(encodeRlp(128n)), "0x8180");
    assert.equal(bytesToHex(encodeRlp(2n ** 64n)), "0x89010000000000000000");
  });

  test("negative and unsafe integers are refused", () => {
    assert.throws(() => encodeRlp(-1n), RlpError);
    assert.throws(() => encodeRlp(1.5), RlpError);
  });

  test("list payload wrapper matches a full encode", () => {
    const items = [Uint8Array.of(1, 2, 3), new Uint8Array(70).fill(9)];
    const payload = new Uint8Array([...encodeRlp(items[0]!), ...encodeRlp(items[1]!)]);
    assert.deepEqual(encodeRlpListPayload(payload), encodeRlp(items));
  });
});

describe("rlp decode rejects non-canonical input", () => {
  const bad: Array<[string, string]> = [
    ["single byte with a string header", "0x8105"],
    ["long string form for a short string", "0xb80161"],
    ["long list form for a short list", "0xf80180"],
    ["length with leading zero", `0xb90038${"61".repeat(56)}`],
    ["trailing bytes", "0x8080"],
    ["string past the end", "0x83aabb"],
    ["list past the end", "0xc3aabb"],
    ["empty input", "0x"],
    ["child overruns its list", "0xc28300"],
  ];
  for (const [what, hex] of bad) {
    test(what, () => assert.throws(() => decodeRlp(hexToBytes(hex)), RlpError));
  }

  test("depth beyond the named limit", () => {
    const depth = MAX_RLP_DEPTH + 2;
    // build nested lists of one element each: c1 c1 ... c0 would need lengths; use long form
    let enc: Uint8Array = Uint8Array.of(0xc0);
    for (let i = 0; i < depth; i++) enc = encodeRlpListPayload(enc);
    assert.throws(() => decodeRlp(enc), /nesting deeper/);
  });

  test("canonical integers", () => {
    assert.equal(decodeUint(decodeRlp(hexToBytes("0x820400")), "n"), 1024n);
    assert.throws(() => decodeUint(decodeRlp(hexToBytes("0x820004")), "n"), /leading zero/);
    assert.throws(() => decodeUint(decodeRlp(hexToBytes("0xc0")), "n"), /expected a byte string/);
  });

  test("prefix decoding and item length", () => {
    const enc = hexToBytes("0xc3010203ff");
    const { item, consumed } = decodeRlpPrefix(enc);
    assert.equal(consumed, 4);
    assert.equal((item as RlpItem[]).length, 3);
    assert.equal(rlpItemLength(enc), 4);
  });
});

describe("rlp properties", () => {
  test("encode then decode round-trips", () => {
    fc.assert(
      fc.property(rlpItem, (item) => {
        const enc = encodeRlp(item as RlpInput);
        assert.deepEqual(decodeRlp(enc), item);
        assert.equal(rlpItemLength(enc), enc.length);
      }),
      { numRuns: 500 },
    );
  });

  test("bigint encoding is minimal and round-trips", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: (1n << 256n) - 1n }), (n) => {
        const item = decodeRlp(encodeRlp(n)) as Uint8Array;
        assert.ok(item.length === 0 || item[0] !== 0);
        assert.equal(decodeUint(item, "n"), n);
      }),
      { numRuns: 300 },
    );
  });

  test("mutated encodings never decode to a different canonical encoding", () => {
    // Any byte string that decodes must re-encode to exactly itself: one value, one encoding.
    fc.assert(
      fc.property(rlpItem, fc.nat(), fc.integer({ min: 0, max: 255 }), (item, pos, byte) => {
        const enc = encodeRlp(item as RlpInput).slice();
        enc[pos % enc.length] = byte;
        let decoded: RlpItem | undefined;
        try {
          decoded = decodeRlp(enc);
        } catch (e) {
          assert.ok(e instanceof RlpError, `unexpected error type ${(e as Error).name}`);
          return;
        }
        assert.deepEqual(encodeRlp(decoded as RlpInput), enc);
      }),
      { numRuns: 2000 },
    );
  });

  test("non-canonical re-encodings of valid items are rejected", () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 55 }), (payload) => {
        // the same payload with a long-form header must be refused
        const longForm = new Uint8Array([0xb8, payload.length, ...payload]);
        assert.throws(() => decodeRlp(longForm), RlpError);
        if (payload.length === 1 && payload[0]! < 0x80) {
          assert.throws(() => decodeRlp(Uint8Array.of(0x81, payload[0]!)), RlpError);
        }
      }),
      { numRuns: 300 },
    );
  });
});
