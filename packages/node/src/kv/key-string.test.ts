import assert from "node:assert/strict";
import { test } from "node:test";
import { keyString } from "./key-string.js";

test("keyString: one latin1 char per byte, for views at any offset, same as the Buffer path", () => {
  const all = new Uint8Array(256 + 6);
  for (let i = 0; i < all.length; i++) all[i] = (i * 37 + 11) & 0xff;
  for (const [from, to] of [
    [0, 0],
    [0, 1],
    [3, 36],
    [5, 261],
  ] as const) {
    const view = all.subarray(from, to);
    const s = keyString(view);
    assert.equal(s.length, view.length);
    for (let i = 0; i < view.length; i++) assert.equal(s.charCodeAt(i), view[i]);
    assert.equal(s, Buffer.from(view.buffer, view.byteOffset, view.byteLength).toString("latin1"));
  }
  // String order is byte order, which the batch's ordered scans and the memory backend rely on.
  assert.ok(keyString(Uint8Array.of(0x7f, 0xff)) < keyString(Uint8Array.of(0x80)));
});
