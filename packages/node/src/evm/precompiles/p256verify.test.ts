/**
 * 0x100 P256VERIFY (EIP-7951). Signatures made with @noble/curves' p256 signer and checked here
 * through the precompile's own verification path; the EIP's input rules one by one. The official
 * Osaka state tests (Wycheproof-derived valid and invalid cases) run in eest-osaka.test.ts.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { p256 } from "@noble/curves/nist.js";
import fc from "fast-check";
import { p256verify } from "./p256verify.js";

const { n: N, p: P } = p256.Point.CURVE();
const word = (v: bigint): string => v.toString(16).padStart(64, "0");
const hex = (s: string): Uint8Array => Uint8Array.from(Buffer.from(s, "hex"));
const TRUE = `${"0".repeat(63)}1`;

function signed(message: Uint8Array, secret: Uint8Array): { h: bigint; r: bigint; s: bigint; qx: bigint; qy: bigint } {
  const sig = p256.sign(message, secret, { prehash: false, lowS: false });
  const pub = p256.getPublicKey(secret, false);
  const big = (b: Uint8Array): bigint => BigInt(`0x${Buffer.from(b).toString("hex")}`);
  return {
    h: big(message),
    r: big(sig.subarray(0, 32)),
    s: big(sig.subarray(32, 64)),
    qx: big(pub.subarray(1, 33)),
    qy: big(pub.subarray(33, 65)),
  };
}

const input = (v: { h: bigint; r: bigint; s: bigint; qx: bigint; qy: bigint }): Uint8Array =>
  hex(word(v.h) + word(v.r) + word(v.s) + word(v.qx) + word(v.qy));
const run = (data: Uint8Array): string => Buffer.from(p256verify.run(data)!).toString("hex");

const SECRET = hex("c9afa9d845ba75166b5c215767b1d6934e50c3db36e89b127b8a622b120f6721");
const MESSAGE = hex("af2bdbe1aa9b6ec1e2ade1d694f41fc71a831d0268e9891562113d8a62add1bf");

describe("p256verify (0x100)", () => {
  test("a valid signature returns the word 1; gas 6900", () => {
    const v = signed(MESSAGE, SECRET);
    assert.equal(p256verify.gas(input(v)), 6900n);
    assert.equal(run(input(v)), TRUE);
  });

  test("high s is accepted (no malleability rule)", () => {
    const v = signed(MESSAGE, SECRET);
    assert.equal(run(input({ ...v, s: N - v.s })), TRUE);
  });

  test("every rule violation returns empty output, never a failure", () => {
    const v = signed(MESSAGE, SECRET);
    const cases: [string, Uint8Array][] = [
      ["wrong hash", input({ ...v, h: v.h ^ 1n })],
      ["r = 0", input({ ...v, r: 0n })],
      ["r = n", input({ ...v, r: N })],
      ["s = 0", input({ ...v, s: 0n })],
      ["s = n", input({ ...v, s: N })],
      ["qx = p", input({ ...v, qx: P })],
      ["qy = p", input({ ...v, qy: P })],
      ["point off the curve", input({ ...v, qy: v.qy ^ 1n })],
      ["point at infinity (0, 0)", input({ ...v, qx: 0n, qy: 0n })],
      ["159 bytes", input(v).subarray(0, 159)],
      ["161 bytes", hex(`${Buffer.from(input(v)).toString("hex")}00`)],
      ["empty", new Uint8Array(0)],
    ];
    for (const [name, data] of cases) {
      const out = p256verify.run(data);
      assert.ok(out !== undefined, `${name}: must not fail`);
      assert.equal(out.length, 0, name);
      assert.equal(p256verify.gas(data), 6900n, `${name}: gas`);
    }
  });

  test("the hash is used mod n: h and h + n verify alike when h + n < 2^256", () => {
    const small = hex(word(12345n));
    const v = signed(small, SECRET);
    assert.equal(run(input(v)), TRUE);
    assert.equal(run(input({ ...v, h: v.h + N })), TRUE);
  });

  test("property: random keys and messages verify; a different message does not", () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 32, maxLength: 32 }), fc.bigInt({ min: 1n, max: N - 1n }), (message, key) => {
        const v = signed(message, hex(word(key)));
        assert.equal(run(input(v)), TRUE);
        assert.equal(run(input({ ...v, h: (v.h + 1n) % (1n << 256n) })), "");
      }),
      { numRuns: 30 },
    );
  });
});
