import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { compareRuntime, immutableRanges, linkRanges, metadataLength, objectBytes, stripMetadata } from "./bytecode.js";

/** A CBOR metadata tail as solc writes it: map {ipfs: 34 bytes, solc: 3 bytes}, then its length. */
function metadata(seed: number): Uint8Array {
  const body = [0xa2, 0x64, ...Buffer.from("ipfs"), 0x58, 0x22, ...Array.from({ length: 34 }, (_, i) => (seed + i) & 0xff)];
  body.push(0x64, ...Buffer.from("solc"), 0x43, 0, 8, 37);
  return Uint8Array.from([...body, body.length >> 8, body.length & 0xff]);
}

const program = Uint8Array.from([0x60, 0x80, 0x60, 0x40, 0x52, 0x7f, ...new Array(32).fill(0), 0x00, 0xfe]);
const withMeta = (code: Uint8Array, seed: number) => Uint8Array.from([...code, ...metadata(seed)]);

describe("runtime bytecode comparison", () => {
  test("the CBOR metadata tail is found by its length and stripped", () => {
    const code = withMeta(program, 1);
    assert.equal(metadataLength(code), metadata(1).length);
    assert.deepEqual(stripMetadata(code), program);
    assert.equal(metadataLength(program), 0, "code without a CBOR map tail is left whole");
    assert.equal(metadataLength(Uint8Array.of(0xff, 0xff)), 0, "a length beyond the code is not metadata");
  });

  test("different metadata hashes still match; a changed instruction does not", () => {
    assert.deepEqual(compareRuntime(withMeta(program, 1), withMeta(program, 99), []), { match: true });
    const changed = program.slice();
    changed[1] = 0x81;
    const r = compareRuntime(withMeta(program, 1), withMeta(changed, 1), []);
    assert.equal(r.match, false);
    assert.match((r as { reason: string }).reason, /differs from the deployed code at byte 1 of/);
    const longer = Uint8Array.from([...program, 0x00]);
    assert.match(
      (compareRuntime(withMeta(program, 1), withMeta(longer, 1), []) as { reason: string }).reason,
      /is 40 bytes and the deployed code 41 bytes/,
    );
    assert.match((compareRuntime(program, new Uint8Array(0), []) as { reason: string }).reason, /no code/);
  });

  test("immutable ranges are masked: the constructor's values differ from solc's zeros", () => {
    const deployed = program.slice();
    deployed.fill(0xab, 6, 38);
    assert.equal(compareRuntime(withMeta(program, 1), withMeta(deployed, 2), []).match, false);
    const ranges = immutableRanges({ "12": [{ start: 6, length: 32 }] });
    assert.deepEqual(compareRuntime(withMeta(program, 1), withMeta(deployed, 2), ranges), { match: true });
    // a byte just outside the range still counts
    deployed[38] = 0x01;
    assert.equal(compareRuntime(withMeta(program, 1), withMeta(deployed, 2), ranges).match, false);
  });

  test("library placeholders parse as zeros and their ranges mask", () => {
    const placeholder = `__$${"a".repeat(34)}$__`;
    const bytes = objectBytes(`73${placeholder}3014`);
    assert.equal(bytes.length, 23);
    assert.deepEqual([...bytes.subarray(1, 21)], new Array(20).fill(0));
    assert.deepEqual(linkRanges({ "lib.sol": { L: [{ start: 1, length: 20 }] } }), [{ start: 1, length: 20 }]);
    const deployed = Uint8Array.from([0x73, ...new Array(20).fill(0x11), 0x30, 0x14]);
    assert.deepEqual(compareRuntime(bytes, deployed, linkRanges({ "lib.sol": { L: [{ start: 1, length: 20 }] } })), { match: true });
    assert.throws(() => objectBytes("0xzz"), /not hex/);
  });
});
