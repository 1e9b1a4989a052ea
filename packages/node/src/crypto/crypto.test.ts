import assert from "node:assert/strict";
import { describe, test } from "node:test";
import fc from "fast-check";
import { bytesToHex, hexToBytes, utf8ToBytes } from "../primitives/index.js";
import {
  CryptoError,
  keccak256,
  keccak256Js,
  keccakBackend,
  parseAddress,
  privateKeyToAddress,
  publicKeyOf,
  recoverPublicKey,
  ripemd160,
  SECP256K1_N,
  secp256k1Backend,
  setSecp256k1Backend,
  sha256,
  sign,
  toChecksumAddress,
} from "./index.js";

describe("hashes", () => {
  test("keccak256 known values", () => {
    assert.equal(bytesToHex(keccak256(new Uint8Array())), "0xc5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470");
    assert.equal(bytesToHex(keccak256(utf8ToBytes("abc"))), "0x4e03657aea45a94fc7d47ba826c8d667c0d1e6e33a64a036ec44f58fa12d6c45");
    assert.equal(bytesToHex(keccak256(Uint8Array.of(0x80))), "0x56e81f171bcc55a6ff8345e692c0f86e5b48e01b996cadc001622fb5e363b421");
  });

  test(`keccak256 backend (${keccakBackend()}) agrees with the JS reference`, () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 600 }), (data) => assert.deepEqual(keccak256(data), keccak256Js(data))),
      { numRuns: 300 },
    );
  });

  test("sha256 and ripemd160 known values", () => {
    assert.equal(bytesToHex(sha256(utf8ToBytes("abc"))), "0xba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    assert.equal(bytesToHex(ripemd160(utf8ToBytes("abc"))), "0x8eb208f7e05d987a9b044a8e98c6b087f15a0bfc");
  });
});

describe("secp256k1", () => {
  // Anvil's first dev account: mnemonic "test test ... junk", m/44'/60'/0'/0/0.
  const key = hexToBytes("0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80");

  test("address from private key and EIP-55", () => {
    assert.equal(toChecksumAddress(privateKeyToAddress(key)), "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266");
    assert.deepEqual(parseAddress("0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266"), privateKeyToAddress(key));
    assert.throws(() => parseAddress("0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92267"));
    assert.throws(() => parseAddress("0xF39fd6e51aad88F6F4ce6aB8827279cffFb92266"), /checksum/);
    // EIP-55 examples from the EIP text
    for (const a of ["0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed", "0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359"]) {
      assert.equal(toChecksumAddress(hexToBytes(a)), a);
    }
  });

  for (const backend of ["native", "js"] as const) {
    test(`sign and recover (${backend})`, (t) => {
      const previous = secp256k1Backend();
      if (!setSecp256k1Backend(backend)) {
        t.skip(`${backend} backend not available`);
        return;
      }
      try {
        fc.assert(
          fc.property(fc.uint8Array({ minLength: 32, maxLength: 32 }), (msg) => {
            const sig = sign(msg, key);
            assert.ok(sig.s <= SECP256K1_N / 2n, "low s");
            assert.deepEqual(recoverPublicKey(msg, sig.r, sig.s, sig.yParity), publicKeyOf(key));
            // the high-s twin recovers the same key with the other parity
            const twin = recoverPublicKey(msg, sig.r, SECP256K1_N - sig.s, sig.yParity ^ 1);
            assert.deepEqual(twin, publicKeyOf(key));
          }),
          { numRuns: backend === "js" ? 10 : 100 },
        );
      } finally {
        setSecp256k1Backend(previous);
      }
    });
  }

  test("both backends produce the same deterministic signature", (t) => {
    const previous = secp256k1Backend();
    if (!setSecp256k1Backend("native")) {
      t.skip("native backend not available");
      return;
    }
    const msg = keccak256(utf8ToBytes("cairn"));
    const a = sign(msg, key);
    setSecp256k1Backend("js");
    const b = sign(msg, key);
    setSecp256k1Backend(previous);
    assert.deepEqual(a, b);
  });

  test("invalid inputs give CryptoError", () => {
    const msg = new Uint8Array(32);
    assert.throws(() => recoverPublicKey(msg, 0n, 1n, 0), CryptoError);
    assert.throws(() => recoverPublicKey(msg, 1n, SECP256K1_N, 0), CryptoError);
    assert.throws(() => recoverPublicKey(msg, 1n, 1n, 2), CryptoError);
    assert.throws(() => sign(msg, new Uint8Array(32)), CryptoError);
    assert.throws(() => sign(new Uint8Array(31), key), CryptoError);
  });
});
