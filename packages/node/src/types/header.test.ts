import assert from "node:assert/strict";
import { describe, test } from "node:test";
import fc from "fast-check";
import { keccak256 } from "../crypto/index.js";
import { type Address, bytesToHex, type Hash32, hexToBytes } from "../primitives/index.js";
import { decodeRlp, encodeRlp, type RlpInput, type RlpItem } from "../rlp/index.js";
import { BlockError } from "./block-error.js";
import { emptyBloom } from "./bloom.js";
import { EMPTY_OMMERS_HASH } from "./body.js";
import {
  decodeHeader,
  decodeSealedHeader,
  encodeHeader,
  type Header,
  headerFields,
  headerHash,
  headerNonce,
  sealHeader,
} from "./header.js";

const h32 = (b: number): Hash32 => new Uint8Array(32).fill(b) as Hash32;

function baseHeader(): Header {
  return {
    parentHash: h32(1),
    ommersHash: EMPTY_OMMERS_HASH,
    coinbase: new Uint8Array(20).fill(2) as Address,
    stateRoot: h32(3),
    transactionsRoot: h32(4),
    receiptsRoot: h32(5),
    logsBloom: emptyBloom(),
    difficulty: 0n,
    number: 100n,
    gasLimit: 30_000_000n,
    gasUsed: 21_000n,
    timestamp: 1_700_000_000n,
    extraData: new Uint8Array(40).fill(7), // longer than 32: a validation rule, not a decoding one
    mixHash: h32(6),
    nonce: headerNonce(0n),
  };
}

/** Headers of each fork's shape: before London, London, Shanghai, Cancun, Prague. */
function shapes(): [string, Header][] {
  const london = { ...baseHeader(), baseFeePerGas: 7n };
  const shanghai = { ...london, withdrawalsRoot: h32(8) };
  const cancun = { ...shanghai, blobGasUsed: 131072n, excessBlobGas: 0n, parentBeaconBlockRoot: h32(9) };
  const prague = { ...cancun, requestsHash: h32(10) };
  return [
    ["Frontier", baseHeader()],
    ["London", london],
    ["Shanghai", shanghai],
    ["Cancun", cancun],
    ["Prague", prague],
  ];
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

function withField(h: Header, index: number, value: RlpInput): Uint8Array {
  const fields = headerFields(h);
  fields[index] = value;
  return encodeRlp(fields);
}

describe("header codec", () => {
  for (const [name, h] of shapes()) {
    test(`${name} shape round-trips with ${headerFields(h).length} fields`, () => {
      const bytes = encodeHeader(h);
      const back = decodeHeader(bytes);
      assert.deepEqual(back, h);
      assert.deepEqual(encodeHeader(back), bytes);
      const sealed = decodeSealedHeader(bytes);
      assert.deepEqual(sealed.hash, keccak256(bytes));
      assert.deepEqual(sealHeader(h).hash, headerHash(h));
    });
  }

  test("mainnet block 1's header hashes to its known hash", () => {
    const header: Header = {
      parentHash: hexToBytes("0xd4e56740f876aef8c010b86a40d5f56745a118d0906a34e69aec8c0db1cb8fa3") as Hash32,
      ommersHash: EMPTY_OMMERS_HASH,
      coinbase: hexToBytes("0x05a56e2d52c817161883f50c441c3228cfe54d9f") as Address,
      stateRoot: hexToBytes("0xd67e4d450343046425ae4271474353857ab860dbc0a1dde64b41b5cd3a532bf3") as Hash32,
      transactionsRoot: hexToBytes("0x56e81f171bcc55a6ff8345e692c0f86e5b48e01b996cadc001622fb5e363b421") as Hash32,
      receiptsRoot: hexToBytes("0x56e81f171bcc55a6ff8345e692c0f86e5b48e01b996cadc001622fb5e363b421") as Hash32,
      logsBloom: emptyBloom(),
      difficulty: 17171480576n,
      number: 1n,
      gasLimit: 5000n,
      gasUsed: 0n,
      timestamp: 1438269988n,
      extraData: hexToBytes("0x476574682f76312e302e302f6c696e75782f676f312e342e32"),
      mixHash: hexToBytes("0x969b900de27b6ac6a67742365dd65f55a0526c41fd18e1b16f1a1215c2e66f59") as Hash32,
      nonce: hexToBytes("0x539bd4979fef1ec4"),
    };
    assert.equal(bytesToHex(headerHash(header)), "0x88e96d4537bea4d9c05d12549907b32561d3bf31f45aae734cdc119f13406cb6");
  });

  test("only field counts some fork produces decode: 18 and 19 do not", () => {
    const cancun = shapes()[3]![1];
    const fields = headerFields(cancun);
    for (const n of [14, 18, 19, 22]) {
      const list = n <= fields.length ? fields.slice(0, n) : [...fields, h32(0), h32(0)];
      assert.equal(
        codeOf(() => decodeHeader(encodeRlp(list))),
        "RLP_STRUCTURES_ENCODING",
        `${n} fields`,
      );
    }
  });

  test("exact lengths: hashes 32, coinbase 20, bloom 256, nonce 8", () => {
    const h = baseHeader();
    assert.equal(
      codeOf(() => decodeHeader(withField(h, 0, new Uint8Array(31)))),
      "RLP_STRUCTURES_ENCODING",
    );
    assert.equal(
      codeOf(() => decodeHeader(withField(h, 3, new Uint8Array(33)))),
      "RLP_STRUCTURES_ENCODING",
    );
    assert.equal(
      codeOf(() => decodeHeader(withField(h, 2, new Uint8Array(19)))),
      "RLP_INVALID_ADDRESS",
    );
    assert.equal(
      codeOf(() => decodeHeader(withField(h, 2, new Uint8Array(21)))),
      "RLP_INVALID_ADDRESS",
    );
    assert.equal(
      codeOf(() => decodeHeader(withField(h, 6, new Uint8Array(255)))),
      "RLP_STRUCTURES_ENCODING",
    );
    assert.equal(
      codeOf(() => decodeHeader(withField(h, 14, new Uint8Array(7)))),
      "RLP_STRUCTURES_ENCODING",
    );
    assert.equal(
      codeOf(() => decodeHeader(withField(h, 14, new Uint8Array(9)))),
      "RLP_STRUCTURES_ENCODING",
    );
  });

  test("integers: canonical, 64-bit fields bounded, lists rejected", () => {
    const h = baseHeader();
    assert.equal(
      codeOf(() => decodeHeader(withField(h, 9, Uint8Array.of(0, 1)))),
      "RLP_STRUCTURES_ENCODING",
      "leading zero",
    );
    assert.equal(
      codeOf(() => decodeHeader(withField(h, 9, new Uint8Array(9).fill(1)))),
      "RLP_INVALID_FIELD_OVERFLOW_64",
    );
    assert.equal(
      codeOf(() => decodeHeader(withField(h, 11, 1n << 64n))),
      "RLP_INVALID_FIELD_OVERFLOW_64",
    );
    assert.equal(
      codeOf(() => decodeHeader(withField(h, 11, (1n << 64n) - 1n))),
      "accepted",
    );
    assert.equal(
      codeOf(() => decodeHeader(withField(h, 7, 1n << 255n))),
      "accepted",
      "difficulty is 256-bit",
    );
    assert.equal(
      codeOf(() => decodeHeader(withField(h, 7, new Uint8Array(33).fill(1)))),
      "RLP_STRUCTURES_ENCODING",
    );
    assert.equal(
      codeOf(() => decodeHeader(withField(h, 10, []))),
      "RLP_STRUCTURES_ENCODING",
    );
  });

  test("not a list, trailing bytes, truncation", () => {
    const bytes = encodeHeader(baseHeader());
    assert.equal(
      codeOf(() => decodeHeader(encodeRlp(Uint8Array.of(1, 2)))),
      "RLP_STRUCTURES_ENCODING",
    );
    assert.equal(
      codeOf(() => decodeHeader(Uint8Array.of(...bytes, 0))),
      "RLP_STRUCTURES_ENCODING",
    );
    assert.equal(
      codeOf(() => decodeHeader(bytes.subarray(0, bytes.length - 1))),
      "RLP_STRUCTURES_ENCODING",
    );
  });

  test("a later optional field without the earlier ones has no encoding", () => {
    const h: Header = { ...baseHeader(), withdrawalsRoot: h32(8) };
    assert.equal(
      codeOf(() => encodeHeader(h)),
      "INCONSISTENT_HEADER_FIELDS",
    );
    const partialCancun: Header = { ...shapes()[2]![1], blobGasUsed: 0n };
    assert.equal(
      codeOf(() => encodeHeader(partialCancun)),
      "INCONSISTENT_HEADER_FIELDS",
    );
  });

  test("decoded fields do not alias the input buffer", () => {
    const bytes = encodeHeader(shapes()[4]![1]);
    const h = decodeHeader(bytes);
    bytes.fill(0xee);
    assert.deepEqual(h, shapes()[4]![1]);
  });
});

describe("header codec properties", () => {
  const hash = fc.uint8Array({ minLength: 32, maxLength: 32 }).map((b) => b as Hash32);
  const u64 = fc.bigInt({ min: 0n, max: (1n << 64n) - 1n });
  const u256 = fc.bigInt({ min: 0n, max: (1n << 256n) - 1n });
  const header = fc
    .record({
      parentHash: hash,
      ommersHash: hash,
      coinbase: fc.uint8Array({ minLength: 20, maxLength: 20 }).map((b) => b as Address),
      stateRoot: hash,
      transactionsRoot: hash,
      receiptsRoot: hash,
      logsBloom: fc.uint8Array({ minLength: 256, maxLength: 256 }),
      difficulty: u256,
      number: u64,
      gasLimit: u64,
      gasUsed: u64,
      timestamp: u64,
      extraData: fc.uint8Array({ maxLength: 64 }),
      mixHash: hash,
      nonce: fc.uint8Array({ minLength: 8, maxLength: 8 }),
      baseFeePerGas: u256,
      withdrawalsRoot: hash,
      blobGasUsed: u64,
      excessBlobGas: u64,
      parentBeaconBlockRoot: hash,
      requestsHash: hash,
      shape: fc.integer({ min: 0, max: 4 }),
    })
    .map(({ shape, ...h }): Header => {
      const out: Header = { ...h };
      if (shape < 4) delete out.requestsHash;
      if (shape < 3) {
        delete out.blobGasUsed;
        delete out.excessBlobGas;
        delete out.parentBeaconBlockRoot;
      }
      if (shape < 2) delete out.withdrawalsRoot;
      if (shape < 1) delete out.baseFeePerGas;
      return out;
    });

  test("decode(encode(h)) = h, and the encoding is canonical RLP", () => {
    fc.assert(
      fc.property(header, (h) => {
        const bytes = encodeHeader(h);
        assert.deepEqual(decodeHeader(bytes), h);
        assert.deepEqual(encodeRlp(decodeRlp(bytes) as RlpItem[]), bytes);
      }),
      { numRuns: 200 },
    );
  });
});
