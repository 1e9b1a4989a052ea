/**
 * The explorer's own ABI decoder (packages/explorer/src/abi.ts, loaded from its built dist)
 * against ethers' AbiCoder: random values of static types, bytes, strings, dynamic and fixed
 * arrays and tuples are encoded by ethers and must decode to the same values; malformed data
 * must throw rather than decode to something. Also the amount formatting and the search box's
 * classification, which are pure functions.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { AbiCoder, getAddress, hexlify } from "ethers";
import fc from "fast-check";

type AbiValue = bigint | boolean | string | AbiValue[];
interface AbiModule {
  decodeParams(types: readonly string[], data: Uint8Array): AbiValue[];
  parseSignature(text: string): { name: string; params: { name: string; type: string; indexed: boolean }[] };
}
interface FormatModule {
  units(v: bigint, decimals: number): string;
}
interface SearchModule {
  classify(input: string): { kind: string; id?: string; address?: string; hash?: string };
}

const dist = (f: string) => new URL(`../../../../explorer/dist/${f}`, import.meta.url).href;
const abi = (await import(dist("abi.js"))) as AbiModule;
const format = (await import(dist("format.js"))) as FormatModule;
const search = (await import(dist("search.js"))) as SearchModule;
const coder = AbiCoder.defaultAbiCoder();

/** ethers' decoded values in the explorer's shapes: lowercase hex addresses and bytes, bigint numbers. */
function normal(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(normal);
  if (typeof v === "string" && /^0x[0-9a-fA-F]{40}$/.test(v)) return v.toLowerCase();
  if (typeof v === "number") return BigInt(v);
  return v;
}

const arbAddress = fc.uint8Array({ minLength: 20, maxLength: 20 }).map((b) => getAddress(hexlify(b)));
const arbBytes = fc.uint8Array({ maxLength: 80 }).map((b) => hexlify(b));
const arbUint = fc.bigInt({ min: 0n, max: (1n << 256n) - 1n });
const arbInt64 = fc.bigInt({ min: -(1n << 63n), max: (1n << 63n) - 1n });

const cases: [string, fc.Arbitrary<unknown>][] = [
  ["uint256", arbUint],
  ["uint8", fc.bigInt({ min: 0n, max: 255n })],
  ["int64", arbInt64],
  ["address", arbAddress],
  ["bool", fc.boolean()],
  ["bytes32", fc.uint8Array({ minLength: 32, maxLength: 32 }).map((b) => hexlify(b))],
  ["bytes4", fc.uint8Array({ minLength: 4, maxLength: 4 }).map((b) => hexlify(b))],
  ["bytes", arbBytes],
  ["string", fc.string({ maxLength: 40 })],
  ["uint256[]", fc.array(arbUint, { maxLength: 5 })],
  ["address[2]", fc.array(arbAddress, { minLength: 2, maxLength: 2 })],
  ["string[]", fc.array(fc.string({ maxLength: 10 }), { maxLength: 4 })],
  ["bytes[2]", fc.array(arbBytes, { minLength: 2, maxLength: 2 })],
  ["uint256[][]", fc.array(fc.array(arbUint, { maxLength: 3 }), { maxLength: 3 })],
  ["(address,uint256)", fc.tuple(arbAddress, arbUint)],
  [
    "(string,bytes,uint8[])",
    fc.tuple(fc.string({ maxLength: 10 }), arbBytes, fc.array(fc.bigInt({ min: 0n, max: 255n }), { maxLength: 3 })),
  ],
];

describe("explorer ABI decoder", () => {
  test("decodes what ethers encodes, for every supported kind of type", () => {
    const arbCall = fc
      .array(fc.constantFrom(...cases.keys()), { minLength: 1, maxLength: 4 })
      .chain((idx) => fc.tuple(fc.constant(idx.map((i) => cases[i]![0])), fc.tuple(...idx.map((i) => cases[i]![1]))));
    fc.assert(
      fc.property(arbCall, ([types, values]) => {
        const data = coder.encode(types, values);
        const mine = abi.decodeParams(types, Buffer.from(data.slice(2), "hex"));
        const theirs = coder.decode(types, data).toArray(true);
        assert.deepEqual(mine, normal(theirs));
      }),
      { numRuns: 300 },
    );
  });

  test("truncated or out-of-range data throws instead of decoding", () => {
    const data = Buffer.from(coder.encode(["string", "uint256"], ["hello", 7n]).slice(2), "hex");
    assert.throws(() => abi.decodeParams(["string", "uint256"], data.subarray(0, data.length - 32)));
    assert.throws(() => abi.decodeParams(["bool"], Buffer.from(coder.encode(["uint256"], [2n]).slice(2), "hex")));
    assert.throws(() => abi.decodeParams(["uint8"], Buffer.from(coder.encode(["uint256"], [256n]).slice(2), "hex")));
    assert.throws(() => abi.decodeParams(["address"], Buffer.from(coder.encode(["uint256"], [1n << 200n]).slice(2), "hex")));
    // an offset pointing past the end
    assert.throws(() => abi.decodeParams(["bytes"], Buffer.from(coder.encode(["uint256"], [4096n]).slice(2), "hex")));
  });

  test("human-readable signatures give names, types and indexed flags", () => {
    const sig = abi.parseSignature(
      "TransferBatch(address indexed operator, address indexed from, address indexed to, uint256[] ids, uint256[] values)",
    );
    assert.equal(sig.name, "TransferBatch");
    assert.deepEqual(
      sig.params.map((p) => [p.name, p.type, p.indexed]),
      [
        ["operator", "address", true],
        ["from", "address", true],
        ["to", "address", true],
        ["ids", "uint256[]", false],
        ["values", "uint256[]", false],
      ],
    );
    assert.deepEqual(
      abi.parseSignature("f((uint256,address)[] items, bytes)").params.map((p) => p.type),
      ["(uint256,address)[]", "bytes"],
    );
  });
});

describe("explorer formatting and search", () => {
  test("amounts print exactly, with grouping and no trailing zeros", () => {
    assert.equal(format.units(1234500000000000000000n, 18), "1,234.5");
    assert.equal(format.units(1n, 18), "0.000000000000000001");
    assert.equal(format.units(0n, 18), "0");
    assert.equal(format.units(-1500000000n, 9), "-1.5");
    assert.equal(format.units(42n, 0), "42");
  });

  test("the search box tells block numbers, hashes and addresses apart", () => {
    assert.deepEqual(search.classify(" 1,024 "), { kind: "block", id: "1024" });
    assert.deepEqual(search.classify("latest"), { kind: "block", id: "latest" });
    assert.deepEqual(search.classify("0x1a"), { kind: "block", id: "26" });
    assert.deepEqual(search.classify("0xF39Fd6e51aad88F6F4ce6aB8827279cffFb92266"), {
      kind: "address",
      address: "0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266",
    });
    assert.deepEqual(search.classify(`0x${"AB".repeat(32)}`), { kind: "hash", hash: `0x${"ab".repeat(32)}` });
    assert.equal(search.classify("vitalik.eth").kind, "invalid");
  });
});
