/**
 * precompilesFor: which addresses each fork has and which price schedule applies.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { FORKS, type Fork } from "../../params/index.js";
import { PRECOMPILE_ADDRESS, precompilesFor } from "./index.js";

const word = (v: bigint): string => v.toString(16).padStart(64, "0");
const hex = (s: string): Uint8Array => Uint8Array.from(Buffer.from(s, "hex"));

function addresses(fork: Fork): number[] {
  return [...precompilesFor(fork).keys()].sort((a, b) => a - b);
}

const range = (from: number, to: number): number[] => Array.from({ length: to - from + 1 }, (_, i) => from + i);

describe("precompilesFor", () => {
  test("address sets per fork", () => {
    const expected: Record<Fork, number[]> = {
      Frontier: range(1, 4),
      Homestead: range(1, 4),
      EIP150: range(1, 4),
      EIP158: range(1, 4),
      Byzantium: range(1, 8),
      Constantinople: range(1, 8),
      ConstantinopleFix: range(1, 8),
      Istanbul: range(1, 9),
      Berlin: range(1, 9),
      London: range(1, 9),
      Paris: range(1, 9),
      Shanghai: range(1, 9),
      Cancun: range(1, 10),
      Prague: range(1, 17),
      Osaka: [...range(1, 17), 0x100],
    };
    for (const fork of FORKS) assert.deepEqual(addresses(fork), expected[fork], fork);
  });

  test("the same set object is returned for a fork", () => {
    assert.equal(precompilesFor("Cancun"), precompilesFor("Cancun"));
  });

  test("BN254 prices: Byzantium (EIP-196/197) then Istanbul (EIP-1108)", () => {
    const pair = new Uint8Array(192);
    const A = PRECOMPILE_ADDRESS;
    const prices = (fork: Fork): bigint[] => {
      const set = precompilesFor(fork);
      return [set.get(A.BN254_ADD)!.gas(pair), set.get(A.BN254_MUL)!.gas(pair), set.get(A.BN254_PAIRING)!.gas(pair)];
    };
    assert.deepEqual(prices("Byzantium"), [500n, 40000n, 180000n]);
    assert.deepEqual(prices("ConstantinopleFix"), [500n, 40000n, 180000n]);
    assert.deepEqual(prices("Istanbul"), [150n, 6000n, 79000n]);
    assert.deepEqual(prices("Osaka"), [150n, 6000n, 79000n]);
  });

  test("MODEXP prices: EIP-198, EIP-2565 from Berlin, EIP-7883 from Osaka", () => {
    // EIP-198 example 1: 3^(p-2) mod p for the secp256k1 field prime.
    const input = hex(
      `${word(1n)}${word(32n)}${word(32n)}03fffffffffffffffffffffffffffffffffffffffffffffffffffffffefffffc2efffffffffffffffffffffffffffffffffffffffffffffffffffffffefffffc2f`,
    );
    const gas = (fork: Fork): bigint => precompilesFor(fork).get(PRECOMPILE_ADDRESS.MODEXP)!.gas(input);
    assert.equal(gas("Byzantium"), 13056n);
    assert.equal(gas("Istanbul"), 13056n);
    assert.equal(gas("Berlin"), 1360n);
    assert.equal(gas("Cancun"), 1360n);
    assert.equal(gas("Prague"), 1360n);
    assert.equal(gas("Osaka"), 4080n);
    // EIP-7823's bound exists only from Osaka.
    const long = hex(`${word(1025n)}${word(1n)}${word(1n)}`);
    assert.equal(precompilesFor("Prague").get(PRECOMPILE_ADDRESS.MODEXP)!.run(long)!.length, 1);
    assert.equal(precompilesFor("Osaka").get(PRECOMPILE_ADDRESS.MODEXP)!.run(long), undefined);
  });

  test("fixed prices of the later precompiles", () => {
    const set = precompilesFor("Osaka");
    const A = PRECOMPILE_ADDRESS;
    const empty = new Uint8Array(0);
    assert.equal(set.get(A.ECRECOVER)!.gas(empty), 3000n);
    assert.equal(set.get(A.POINT_EVALUATION)!.gas(empty), 50000n);
    assert.equal(set.get(A.BLS12_G1ADD)!.gas(empty), 375n);
    assert.equal(set.get(A.BLS12_G2ADD)!.gas(empty), 600n);
    assert.equal(set.get(A.BLS12_MAP_FP_TO_G1)!.gas(empty), 5500n);
    assert.equal(set.get(A.BLS12_MAP_FP2_TO_G2)!.gas(empty), 23800n);
    assert.equal(set.get(A.BLS12_PAIRING_CHECK)!.gas(new Uint8Array(384)), 70300n);
    assert.equal(set.get(A.P256VERIFY)!.gas(empty), 6900n);
  });
});
