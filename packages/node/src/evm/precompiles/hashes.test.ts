/**
 * 0x02 SHA256, 0x03 RIPEMD160, 0x04 IDENTITY: outputs against the published digests of "" and
 * "abc" (FIPS 180-2 and the RIPEMD-160 reference page) and the per-word gas formulas.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { identity } from "./identity.js";
import { ripemd160 } from "./ripemd160.js";
import { sha256 } from "./sha256.js";

const toHex = (b: Uint8Array | undefined): string | undefined => (b === undefined ? undefined : Buffer.from(b).toString("hex"));
const abc = new TextEncoder().encode("abc");
const bytes = (n: number): Uint8Array => new Uint8Array(n).fill(7);

describe("hash precompiles", () => {
  test("SHA256 (0x02)", () => {
    assert.equal(toHex(sha256.run(new Uint8Array(0))), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    assert.equal(toHex(sha256.run(abc)), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    assert.deepEqual(
      [0, 1, 32, 33, 64].map((n) => sha256.gas(bytes(n))),
      [60n, 72n, 72n, 84n, 84n],
    );
  });

  test("RIPEMD160 (0x03): 20-byte digest left-padded to 32 bytes", () => {
    assert.equal(toHex(ripemd160.run(new Uint8Array(0))), `${"0".repeat(24)}9c1185a5c5e9fc54612808977ee8f548b2258d31`);
    assert.equal(toHex(ripemd160.run(abc)), `${"0".repeat(24)}8eb208f7e05d987a9b044a8e98c6b087f15a0bfc`);
    assert.deepEqual(
      [0, 1, 32, 33].map((n) => ripemd160.gas(bytes(n))),
      [600n, 720n, 720n, 840n],
    );
  });

  test("IDENTITY (0x04): returns a copy of the input", () => {
    const input = bytes(40);
    const out = identity.run(input)!;
    assert.deepEqual(out, input);
    input[0] = 1;
    assert.equal(out[0], 7, "output must not alias the caller's buffer");
    assert.equal(identity.run(new Uint8Array(0))!.length, 0);
    assert.deepEqual(
      [0, 1, 32, 33].map((n) => identity.gas(bytes(n))),
      [15n, 18n, 18n, 21n],
    );
  });
});
