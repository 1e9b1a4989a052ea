import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { sha256 } from "../crypto/index.js";
import { bytesToHex, concatBytes } from "../primitives/index.js";
import { EMPTY_REQUESTS_HASH, requestsHash } from "./requests.js";

describe("EIP-7685 requests hash", () => {
  test("no requests: sha256 of the empty string", () => {
    assert.equal(bytesToHex(EMPTY_REQUESTS_HASH), "0xe3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    assert.deepEqual(requestsHash([]), EMPTY_REQUESTS_HASH);
  });

  test("a type byte without data is left out, so empty request lists do not change the hash", () => {
    assert.deepEqual(requestsHash([Uint8Array.of(0), Uint8Array.of(1), Uint8Array.of(2)]), EMPTY_REQUESTS_HASH);
  });

  test("sha256 over the sha256 of each non-empty `type || data`", () => {
    const deposits = Uint8Array.of(0, 0xaa, 0xbb);
    const consolidations = Uint8Array.of(2, 0xcc);
    const want = sha256(concatBytes(sha256(deposits), sha256(consolidations)));
    assert.deepEqual(requestsHash([deposits, Uint8Array.of(1), consolidations]), want);
    assert.notDeepEqual(requestsHash([consolidations, deposits]), want, "order matters");
  });
});
