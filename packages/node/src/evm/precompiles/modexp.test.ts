/**
 * 0x05 MODEXP under its three price schedules. Vectors: go-ethereum
 * core/vm/testdata/precompiles/modexp_eip2565.json (eip_example1/2, nagydani-1-*), the EIP-198
 * examples (gas 13056), and the EIP-7883 table of repriced vectors. The Osaka state tests in
 * eest-osaka.test.ts cover many more inputs end to end.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import fc from "fast-check";
import { modexpBerlin, modexpByzantium, modexpGasEip198, modexpGasEip2565, modexpGasEip7883, modexpOsaka, modPow } from "./modexp.js";

const hex = (s: string): Uint8Array => Uint8Array.from(Buffer.from(s, "hex"));
const toHex = (b: Uint8Array | undefined): string | undefined => (b === undefined ? undefined : Buffer.from(b).toString("hex"));
const word = (v: bigint): string => v.toString(16).padStart(64, "0");
const header = (b: bigint, e: bigint, m: bigint): string => word(b) + word(e) + word(m);

const EXAMPLE1 =
  "0000000000000000000000000000000000000000000000000000000000000001000000000000000000000000000000000000000000000000000000000000002000000000000000000000000000000000000000000000000000000000000000200" +
  "3fffffffffffffffffffffffffffffffffffffffffffffffffffffffefffffc2efffffffffffffffffffffffffffffffffffffffffffffffffffffffefffffc2f";
const EXAMPLE2 =
  "000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000200000000000000000000000000000000000000000000000000000000000000020" +
  "fffffffffffffffffffffffffffffffffffffffffffffffffffffffefffffc2efffffffffffffffffffffffffffffffffffffffffffffffffffffffefffffc2f";

const N1_BASE =
  "e09ad9675465c53a109fac66a445c91b292d2bb2c5268addb30cd82f80fcb0033ff97c80a5fc6f39193ae969c6ede6710a6b7ac27078a06d90ef1c72e5c85fb5";
const N1_MOD =
  "fc9e1f6beb81516545975218075ec2af118cd8798df6e08a147c60fd6095ac2bb02c2908cf4dd7c81f11c289e4bce98f3553768f392a80ce22bf5c4f4a248c6b";

// [name, input, expected output, EIP-2565 gas, EIP-7883 gas]
const VECTORS: [string, string, string, number, number][] = [
  ["eip_example1", EXAMPLE1, `${"0".repeat(63)}1`, 1360, 4080],
  ["eip_example2", EXAMPLE2, "0".repeat(64), 1360, 4080],
  [
    "nagydani-1-square",
    `${header(64n, 1n, 64n)}${N1_BASE}02${N1_MOD}`,
    "60008f1614cc01dcfb6bfb09c625cf90b47d4468db81b5f8b7a39d42f332eab9b2da8f2d95311648a8f243f4bb13cfb3d8f7f2a3c014122ebb3ed41b02783adc",
    200,
    500,
  ],
  [
    "nagydani-1-qube",
    `${header(64n, 1n, 64n)}${N1_BASE}03${N1_MOD}`,
    "4834a46ba565db27903b1c720c9d593e84e4cbd6ad2e64b31885d944f68cd801f92225a8961c952ddf2797fa4701b330c85c4b363798100b921a1a22a46a7fec",
    200,
    500,
  ],
  [
    "nagydani-1-pow0x10001",
    `${header(64n, 3n, 64n)}${N1_BASE}010001${N1_MOD}`,
    "c36d804180c35d4426b57b50c5bfcca5c01856d104564cd513b461d3c8b8409128a5573e416d0ebe38f5f736766d9dc27143e4da981dfa4d67f7dc474cbee6d2",
    341,
    2048,
  ],
];

describe("modexp (0x05)", () => {
  test("go-ethereum / EIP vectors: output, EIP-2565 and EIP-7883 gas", () => {
    for (const [name, input, expected, berlinGas, osakaGas] of VECTORS) {
      const data = hex(input);
      assert.equal(modexpBerlin.gas(data), BigInt(berlinGas), `${name}: EIP-2565 gas`);
      assert.equal(modexpOsaka.gas(data), BigInt(osakaGas), `${name}: EIP-7883 gas`);
      assert.equal(toHex(modexpBerlin.run(data)), expected, `${name}: output`);
      assert.equal(toHex(modexpOsaka.run(data)), expected, `${name}: output (Osaka)`);
      assert.equal(toHex(modexpByzantium.run(data)), expected, `${name}: output (Byzantium)`);
    }
    console.log(`modexp vectors passed: ${VECTORS.length}`);
  });

  test("EIP-198 pricing: the EIP's two examples cost 13056", () => {
    assert.equal(modexpGasEip198(hex(EXAMPLE1)), 13056n);
    assert.equal(modexpGasEip198(hex(EXAMPLE2)), 13056n);
    // Complexity tiers: x <= 64, x <= 1024, above; exponent 1 byte of value 3 (iterations 1).
    const tier = (x: bigint): bigint => modexpGasEip198(hex(`${header(x, 1n, 0n)}${"0".repeat(Number(x) * 2)}03`));
    assert.equal(tier(64n), (64n * 64n) / 20n);
    assert.equal(tier(65n), ((65n * 65n) / 4n + 96n * 65n - 3072n) / 20n);
    assert.equal(tier(1025n), ((1025n * 1025n) / 16n + 480n * 1025n - 199680n) / 20n);
  });

  test("absurd lengths are priced in bigint without reading the operands", () => {
    const huge = 1n << 255n;
    const max = (1n << 256n) - 1n;
    // Base length 2^255: the price is astronomically high in every schedule, and computing it is instant.
    const bigBase = hex(header(huge, 1n, 1n));
    const words = (huge + 7n) / 8n;
    assert.equal(modexpGasEip2565(bigBase), (words * words) / 3n);
    assert.equal(modexpGasEip7883(bigBase), 2n * words * words);
    assert.equal(modexpGasEip198(bigBase), ((huge * huge) / 16n + 480n * huge - 199680n) / 20n);
    // Exponent length 2^256 - 1 with one-byte modulus: iterations 8 * (len - 32), resp. 16x.
    const bigExp = hex(header(0n, max, 1n));
    assert.equal(modexpGasEip2565(bigExp), (8n * (max - 32n)) / 3n);
    assert.equal(modexpGasEip7883(bigExp), 16n * 16n * (max - 32n));
    // Zero base and modulus lengths: the minimum price, and an empty output without touching the exponent.
    const free = hex(header(0n, huge, 0n));
    assert.equal(modexpBerlin.gas(free), 200n);
    assert.equal(toHex(modexpBerlin.run(free)), "");
    // A zero modulus length with a non-zero base length also yields an empty output.
    assert.equal(toHex(modexpBerlin.run(hex(`${header(1n, 1n, 0n)}0203`))), "");
  });

  test("EIP-7823 (Osaka): any length above 1024 bytes fails; 1024 is allowed", () => {
    for (const [b, e, m] of [
      [1025n, 1n, 1n],
      [1n, 1025n, 1n],
      [1n, 1n, 1025n],
      [1n << 255n, 0n, 0n],
    ] as const) {
      assert.equal(modexpOsaka.run(hex(header(b, e, m))), undefined, `${b}/${e}/${m}`);
    }
    const ok = modexpOsaka.run(hex(header(1024n, 1n, 1n)));
    assert.deepEqual(ok, new Uint8Array(1));
    // Before Osaka the same input succeeds.
    assert.deepEqual(modexpBerlin.run(hex(header(1025n, 1n, 1n))), new Uint8Array(1));
  });

  test("input is zero-extended: missing operand bytes read as zeros", () => {
    // base 2, exponent 3, modulus of 2 bytes given only as its first byte 0x01 -> 0x0100 = 256.
    assert.equal(toHex(modexpBerlin.run(hex(`${header(1n, 1n, 2n)}020301`))), "0008");
    // Modulus entirely missing: zero, so the output is modLen zero bytes.
    assert.equal(toHex(modexpBerlin.run(hex(`${header(1n, 1n, 3n)}0203`))), "000000");
    // Exponent cut short: the modulus after it is missing too.
    assert.equal(toHex(modexpBerlin.run(hex(`${header(1n, 2n, 1n)}0503`))), "00");
    // Header itself cut short: lengths read as zero-extended words (here modLen = 0x01 << 8 = 256).
    assert.deepEqual(modexpBerlin.run(hex(`${word(0n)}${word(0n)}${"0".repeat(60)}01`)), new Uint8Array(256));
  });

  test("zero exponent gives 1 mod m; modulus 1 gives 0", () => {
    const m = 1000003n.toString(16).padStart(6, "0");
    assert.equal(toHex(modexpBerlin.run(hex(`${header(1n, 1n, 3n)}0700${m}`))), "000001");
    assert.equal(toHex(modexpBerlin.run(hex(`${header(0n, 0n, 3n)}${m}`))), "000001");
    assert.equal(toHex(modexpBerlin.run(hex(`${header(1n, 1n, 2n)}07050001`))), "0000");
    // base^exp with a full-width exponent 0x0300 against a direct computation.
    assert.equal(
      toHex(modexpBerlin.run(hex(`${header(1n, 2n, 3n)}070300${m}`))),
      modPowNaive(7n, 0x300n, 1000003n).toString(16).padStart(6, "0"),
    );
  });

  test("property: modPow agrees with naive square-and-multiply", () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: (1n << 300n) - 1n }),
        fc.bigInt({ min: 0n, max: (1n << 70n) - 1n }),
        fc.bigInt({ min: 1n, max: (1n << 200n) - 1n }),
        (b, e, m) => {
          assert.equal(modPow(b, e, m), modPowNaive(b, e, m));
        },
      ),
      { numRuns: 200 },
    );
  });
});

function modPowNaive(b: bigint, e: bigint, m: bigint): bigint {
  let result = 1n % m;
  let base = b % m;
  let exp = e;
  while (exp > 0n) {
    if (exp & 1n) result = (result * base) % m;
    base = (base * base) % m;
    exp >>= 1n;
  }
  return result;
}
