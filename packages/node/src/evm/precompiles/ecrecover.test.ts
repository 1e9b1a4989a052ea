/**
 * 0x01 ECRECOVER. Fixed vectors from go-ethereum core/vm/testdata/precompiles/ecRecover.json;
 * a property test signs random hashes with random keys and recovers the signer.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import fc from "fast-check";
import { privateKeyToAddress, SECP256K1_N, sign } from "../../crypto/index.js";
import { ecrecover } from "./ecrecover.js";

const hex = (s: string): Uint8Array => Uint8Array.from(Buffer.from(s, "hex"));
const toHex = (b: Uint8Array | undefined): string | undefined => (b === undefined ? undefined : Buffer.from(b).toString("hex"));
const word = (v: bigint): string => v.toString(16).padStart(64, "0");

const GETH: [name: string, input: string, expected: string][] = [
  [
    "CallEcrecoverUnrecoverableKey",
    "a8b53bdf3306a35a7103ab5504a0c9b492295564b6202b1942a84ef300107281000000000000000000000000000000000000000000000000000000000000001b307835653165303366353363653138623737326363623030393366663731663366353366356337356237346463623331613835616138623838393262346538621122334455667788991011121314151617181920212223242526272829303132",
    "",
  ],
  [
    "ValidKey",
    "18c547e4f7b0f325ad1e56f57e26c745b09a3e503d86e00e5255ff7f715d3d1c000000000000000000000000000000000000000000000000000000000000001c73b1693892219d736caba55bdb67216e485557ea6b6af75f37096c9aa6a5a75feeb940b1d03b21e36b0e47e79769f095fe2ab855bd91e3a38756b7d75a9c4549",
    "000000000000000000000000a94f5374fce5edbc8e2a8697c15331677e6ebf0b",
  ],
  [
    "InvalidHighV-bits-1",
    "18c547e4f7b0f325ad1e56f57e26c745b09a3e503d86e00e5255ff7f715d3d1c100000000000000000000000000000000000000000000000000000000000001c73b1693892219d736caba55bdb67216e485557ea6b6af75f37096c9aa6a5a75feeb940b1d03b21e36b0e47e79769f095fe2ab855bd91e3a38756b7d75a9c4549",
    "",
  ],
  [
    "InvalidHighV-bits-2",
    "18c547e4f7b0f325ad1e56f57e26c745b09a3e503d86e00e5255ff7f715d3d1c000000000000000000000000000000000000001000000000000000000000001c73b1693892219d736caba55bdb67216e485557ea6b6af75f37096c9aa6a5a75feeb940b1d03b21e36b0e47e79769f095fe2ab855bd91e3a38756b7d75a9c4549",
    "",
  ],
  [
    "InvalidHighV-bits-3",
    "18c547e4f7b0f325ad1e56f57e26c745b09a3e503d86e00e5255ff7f715d3d1c000000000000000000000000000000000000001000000000000000000000011c73b1693892219d736caba55bdb67216e485557ea6b6af75f37096c9aa6a5a75feeb940b1d03b21e36b0e47e79769f095fe2ab855bd91e3a38756b7d75a9c4549",
    "",
  ],
];

const VALID = GETH[1]![1];

describe("ecrecover (0x01)", () => {
  test("go-ethereum vectors: output, and gas 3000", () => {
    for (const [name, input, expected] of GETH) {
      assert.equal(ecrecover.gas(hex(input)), 3000n, name);
      // Invalid signatures succeed with empty output: never `undefined`.
      assert.equal(toHex(ecrecover.run(hex(input))), expected, name);
    }
    console.log(`ecrecover vectors passed: ${GETH.length}`);
  });

  test("v must be exactly 27 or 28; r and s must be in [1, n-1]", () => {
    const base = hex(VALID);
    const withWord = (index: number, value: bigint): Uint8Array => {
      const copy = base.slice();
      copy.set(hex(word(value)), 32 * index);
      return copy;
    };
    for (const v of [0n, 1n, 26n, 29n, 27n + 256n]) assert.equal(ecrecover.run(withWord(1, v))!.length, 0, `v=${v}`);
    for (const r of [0n, SECP256K1_N, SECP256K1_N + 1n]) assert.equal(ecrecover.run(withWord(2, r))!.length, 0, `r=${r}`);
    for (const s of [0n, SECP256K1_N]) assert.equal(ecrecover.run(withWord(3, s))!.length, 0, `s=${s}`);
    // High s is fine for ecrecover (only transactions reject it): it recovers some address.
    const flipped = withWord(3, SECP256K1_N - 1n);
    assert.equal(ecrecover.run(flipped)!.length, 32);
  });

  test("short input is right-padded with zeros; extra input is ignored", () => {
    assert.equal(toHex(ecrecover.run(hex(`${VALID}deadbeef`))), GETH[1]![2]);
    // Cut the input inside s: the padded s differs, so the recovered address does too (or none).
    const out = ecrecover.run(hex(VALID.slice(0, 250)));
    assert.notEqual(toHex(out), GETH[1]![2]);
    assert.equal(ecrecover.run(new Uint8Array(0))!.length, 0);
  });

  test("property: recovers the signer of random hashes", () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 32, maxLength: 32 }), fc.bigInt({ min: 1n, max: SECP256K1_N - 1n }), (hash, key) => {
        const privateKey = hex(word(key));
        const sig = sign(hash, privateKey);
        const input = hex(Buffer.from(hash).toString("hex") + word(27n + BigInt(sig.yParity)) + word(sig.r) + word(sig.s));
        const out = ecrecover.run(input)!;
        assert.equal(toHex(out.subarray(12)), toHex(privateKeyToAddress(privateKey)));
        assert.equal(toHex(out.subarray(0, 12)), "0".repeat(24));
      }),
      { numRuns: 50 },
    );
  });
});
