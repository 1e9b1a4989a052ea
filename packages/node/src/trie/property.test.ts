/**
 * Property tests: for random sequences of puts and deletes (with commits and reopenings mixed
 * in), the root equals that of a fresh trie built from the final key/value map, for the plain
 * and the secure trie; proofs verify for present and absent keys and fail when tampered with;
 * iteration returns the map in key order.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import fc from "fast-check";
import { bytesToHex, hexToBytes } from "../primitives/index.js";
import { TrieError } from "./errors.js";
import { verifyProof } from "./proof.js";
import { SecureTrie } from "./secure.js";
import { MemoryNodeStore } from "./store.js";
import { Trie } from "./trie.js";

/** Keys from a small alphabet so that random keys share prefixes and collide. */
const keyArb = fc.uint8Array({ minLength: 0, maxLength: 4 }).map((k) => k.map((b) => [0x00, 0x01, 0x10, 0x11, 0xab, 0xff][b % 6]!));
/** Values around the 32-byte inline boundary; empty means delete. */
const valueArb = fc.oneof(fc.uint8Array({ minLength: 0, maxLength: 3 }), fc.uint8Array({ minLength: 20, maxLength: 40 }));
const opArb = fc.oneof(
  fc.record({ kind: fc.constant("put" as const), key: keyArb, value: valueArb }),
  fc.record({ kind: fc.constant("del" as const), key: keyArb }),
  fc.record({ kind: fc.constant("commit" as const) }),
);
type Op = { kind: "put"; key: Uint8Array; value: Uint8Array } | { kind: "del"; key: Uint8Array } | { kind: "commit" };

interface Model {
  map: Map<string, Uint8Array>;
  trie: Trie | SecureTrie;
}

function run(ops: Op[], secure: boolean): Model {
  const store = new MemoryNodeStore();
  let trie: Trie | SecureTrie = secure ? new SecureTrie(store) : new Trie(store);
  const map = new Map<string, Uint8Array>();
  for (const op of ops) {
    if (op.kind === "commit") {
      // Reopen from the store at the committed root: later ops work on lazily loaded nodes.
      const root = trie.persist();
      trie = secure ? new SecureTrie(store, root) : new Trie(store, root);
    } else if (op.kind === "put") {
      trie.put(op.key, op.value);
      if (op.value.length === 0) map.delete(bytesToHex(op.key));
      else map.set(bytesToHex(op.key), op.value);
    } else {
      trie.delete(op.key);
      map.delete(bytesToHex(op.key));
    }
  }
  return { map, trie };
}

function fresh(map: Map<string, Uint8Array>, secure: boolean): Uint8Array {
  const t = secure ? new SecureTrie() : new Trie();
  for (const k of [...map.keys()].sort()) t.put(hexToBytes(k), map.get(k)!);
  return t.root();
}

const NUM_RUNS = 200;

describe("trie properties", () => {
  for (const secure of [false, true]) {
    test(`${secure ? "secure" : "plain"} trie: root depends only on the final map`, () => {
      fc.assert(
        fc.property(fc.array(opArb, { maxLength: 40 }), (ops) => {
          const { map, trie } = run(ops as Op[], secure);
          assert.equal(bytesToHex(trie.root()), bytesToHex(fresh(map, secure)));
          for (const [k, v] of map) assert.deepEqual(trie.get(hexToBytes(k)), v);
        }),
        { numRuns: NUM_RUNS },
      );
    });
  }

  test("copies and root() calls between updates keep every trie's root its own map's (in-place updates stay private)", () => {
    const stepArb = fc.oneof(opArb, fc.constant({ kind: "copy" as const }), fc.constant({ kind: "root" as const }));
    fc.assert(
      fc.property(fc.array(stepArb, { maxLength: 40 }), (steps) => {
        let trie = new Trie();
        let map = new Map<string, Uint8Array>();
        const copies: { trie: Trie; map: Map<string, Uint8Array> }[] = [];
        for (const s of steps) {
          if (s.kind === "copy") {
            // Alternately keep updating the original and the copy; the other one must not change.
            const c = trie.copy();
            if (copies.length % 2 === 0) copies.push({ trie: c, map: new Map(map) });
            else {
              copies.push({ trie, map });
              trie = c;
              map = new Map(map);
            }
          } else if (s.kind === "root") trie.root();
          else if (s.kind === "commit") trie.commit();
          else if (s.kind === "put") {
            trie.put(s.key, s.value);
            if (s.value.length === 0) map.delete(bytesToHex(s.key));
            else map.set(bytesToHex(s.key), s.value);
          } else {
            trie.delete(s.key);
            map.delete(bytesToHex(s.key));
          }
        }
        for (const c of [...copies, { trie, map }]) assert.equal(bytesToHex(c.trie.root()), bytesToHex(fresh(c.map, false)));
      }),
      { numRuns: NUM_RUNS },
    );
  });

  test("proofs verify for present and absent keys, and fail when tampered with", () => {
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 30 }), fc.array(keyArb, { maxLength: 5 }), fc.nat(), (ops, probes, pick) => {
        const { map, trie } = run(ops as Op[], false);
        const t = trie as Trie;
        const root = t.root();
        for (const key of [...[...map.keys()].map(hexToBytes), ...probes]) {
          const proof = t.createProof(key);
          assert.deepEqual(verifyProof(root, key, proof), map.get(bytesToHex(key)));
          if (proof.length > 0) {
            const tampered = proof.map((p) => p.slice());
            const node = tampered[pick % tampered.length]!;
            node[pick % node.length]! ^= 0x40;
            assert.throws(() => verifyProof(root, key, tampered), TrieError);
          }
        }
      }),
      { numRuns: NUM_RUNS },
    );
  });

  test("iteration returns the map in key order, within any range", () => {
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 40 }), keyArb, keyArb, fc.boolean(), (ops, a, b, reverse) => {
        const { map, trie } = run(ops as Op[], false);
        const t = trie as Trie;
        const [gte, lt] = Buffer.compare(a, b) <= 0 ? [a, b] : [b, a];
        const expected = [...map.keys()]
          .map(hexToBytes)
          .filter((k) => Buffer.compare(k, gte) >= 0 && Buffer.compare(k, lt) < 0)
          .sort(Buffer.compare)
          .map(bytesToHex);
        if (reverse) expected.reverse();
        const got = [...t.entries({ gte, lt, reverse })].map((e) => bytesToHex(e.key));
        assert.deepEqual(got, expected);
        assert.deepEqual(
          [...t.entries()].map((e) => bytesToHex(e.key)),
          [...map.keys()].map(hexToBytes).sort(Buffer.compare).map(bytesToHex),
        );
      }),
      { numRuns: NUM_RUNS },
    );
  });
});
