import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { keccak256, privateKeyToAddress, SECP256K1_N } from "../../crypto/index.js";
import { addressFromHex, bytesToHex, concatBytes, hexToBytes } from "../../primitives/index.js";
import { encodeRlp } from "../../rlp/index.js";
import { authorizationSigningHash, recoverAuthority, signAuthorization } from "./authorization.js";

const KEY = hexToBytes("0x4646464646464646464646464646464646464646464646464646464646464646");
const AUTHORITY = privateKeyToAddress(KEY);
const DELEGATE = addressFromHex("0x3535353535353535353535353535353535353535");

describe("EIP-7702 authorizations", () => {
  test("signing hash is keccak256(0x05 || rlp([chainId, address, nonce]))", () => {
    const auth = { chainId: 1n, address: DELEGATE, nonce: 3n };
    const expected = keccak256(concatBytes(Uint8Array.of(0x05), encodeRlp([1n, DELEGATE, 3n])));
    assert.equal(bytesToHex(authorizationSigningHash(auth)), bytesToHex(expected));
    // the payload itself: 0x05 || d7 01 94 <20 bytes> 03
    const payload = concatBytes(Uint8Array.of(0x05, 0xd7, 0x01, 0x94), DELEGATE, Uint8Array.of(0x03));
    assert.equal(bytesToHex(authorizationSigningHash(auth)), bytesToHex(keccak256(payload)));
  });

  test("a signed authorization recovers its authority, for any chain id including 0", () => {
    for (const chainId of [0n, 1n, 2n ** 255n]) {
      const auth = signAuthorization({ chainId, address: DELEGATE, nonce: 0n }, KEY);
      assert.deepEqual(recoverAuthority(auth), AUTHORITY);
    }
  });

  test("invalid authorizations yield no authority instead of an error", () => {
    const auth = signAuthorization({ chainId: 1n, address: DELEGATE, nonce: 5n }, KEY);
    assert.equal(recoverAuthority({ ...auth, yParity: 2 }), undefined);
    assert.equal(recoverAuthority({ ...auth, yParity: 27 }), undefined);
    assert.equal(recoverAuthority({ ...auth, r: 0n }), undefined);
    assert.equal(recoverAuthority({ ...auth, s: 0n }), undefined);
    assert.equal(recoverAuthority({ ...auth, r: SECP256K1_N }), undefined);
    // the same signature in high-s form: EIP-7702 requires s <= n/2
    assert.equal(recoverAuthority({ ...auth, s: SECP256K1_N - auth.s, yParity: 1 - auth.yParity }), undefined);
    // r = n - 1 is in range but is no curve point's x: nothing recovers
    assert.equal(recoverAuthority({ ...auth, r: SECP256K1_N - 1n }), undefined);
    // a changed nonce signs another message: some other key, never the authority
    const other = recoverAuthority({ ...auth, nonce: 6n });
    assert.ok(other === undefined || bytesToHex(other) !== bytesToHex(AUTHORITY));
  });
});
