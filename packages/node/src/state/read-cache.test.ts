import assert from "node:assert/strict";
import { describe, test } from "node:test";
import fc from "fast-check";
import type { Address } from "../primitives/index.js";
import { MemoryNodeStore } from "../trie/index.js";
import { MemoryCodeStore } from "./code-store.js";
import { StateReadCache } from "./read-cache.js";
import { StateDb } from "./state-db.js";

const addr = (n: number): Address => {
  const a = new Uint8Array(20);
  a[18] = (n >> 8) & 0xff;
  a[19] = n & 0xff;
  return a as Address;
};

/** A stored state of `n` accounts, each with balance i, nonce i, slots 0..2 = i+slot, and code at account 1. */
function storedState(n: number): { nodes: MemoryNodeStore; codes: MemoryCodeStore; root: Uint8Array } {
  const nodes = new MemoryNodeStore();
  const codes = new MemoryCodeStore();
  const s = new StateDb({ nodes, codes });
  s.beginTransaction();
  for (let i = 1; i <= n; i++) {
    s.setBalance(addr(i), BigInt(i));
    s.setNonce(addr(i), BigInt(i));
    for (let k = 0n; k < 3n; k++) s.setStorage(addr(i), k, BigInt(i) + k);
  }
  s.setCode(addr(1), Uint8Array.of(0x60, 0x00, 0x56));
  s.finalizeTransaction(true);
  const root = s.persist(codes);
  return { nodes, codes, root };
}

describe("StateReadCache", () => {
  test("a second StateDb at the same root reads accounts, slots and code from the cache", () => {
    const { nodes, codes, root } = storedState(5);
    const reads = new StateReadCache();
    const first = new StateDb({ nodes, codes, root, reads });
    assert.equal(first.getBalance(addr(3)), 3n);
    assert.equal(first.getStorage(addr(3), 2n), 5n);
    assert.equal(first.getNonce(addr(9)), 0n, "absent accounts are cached too");
    assert.deepEqual([...first.getCode(addr(1))], [0x60, 0x00, 0x56]);
    assert.deepEqual(reads.stats(), { roots: 1, accounts: 3, slots: 1, codes: 1, codeBytes: 3 });

    // Reads at the same root no longer need the stores: an empty node store proves it.
    const second = new StateDb({ nodes: new MemoryNodeStore(), codes: new MemoryCodeStore(), root, reads });
    assert.equal(second.getBalance(addr(3)), 3n);
    assert.equal(second.getStorage(addr(3), 2n), 5n);
    assert.equal(second.exists(addr(9)), false);
    assert.deepEqual([...second.getCode(addr(1))], [0x60, 0x00, 0x56]);
    // ...and what was not read before still is (here: a missing node, since the store is empty).
    assert.throws(() => second.getBalance(addr(4)));
  });

  test("changes in one StateDb are not seen by another at the same root", () => {
    const { nodes, codes, root } = storedState(3);
    const reads = new StateReadCache();
    const writer = new StateDb({ nodes, codes, root, reads });
    writer.beginTransaction();
    writer.setBalance(addr(2), 100n);
    writer.setStorage(addr(2), 1n, 77n);
    writer.finalizeTransaction(true);
    writer.computeRoot();
    // Unchanged slots of a changed account are read at its new storage root: same values.
    assert.equal(writer.getStorage(addr(2), 2n), 4n);
    const reader = new StateDb({ nodes, codes, root, reads });
    assert.equal(reader.getBalance(addr(2)), 2n);
    assert.equal(reader.getStorage(addr(2), 1n), 3n);
    assert.equal(writer.getBalance(addr(2)), 100n);
    assert.equal(writer.getStorage(addr(2), 1n), 77n);
  });

  test("property: random reads and writes give the same answers with and without the cache", () => {
    const { nodes, codes, root } = storedState(6);
    const reads = new StateReadCache({ roots: 2, accountsPerRoot: 3, slots: 5, codeBytes: 4 });
    const op = fc.record({
      write: fc.boolean(),
      account: fc.integer({ min: 1, max: 8 }),
      slot: fc.bigInt(0n, 4n),
      value: fc.bigInt(0n, 9n),
    });
    fc.assert(
      fc.property(fc.array(fc.array(op, { maxLength: 12 }), { minLength: 1, maxLength: 4 }), (txs) => {
        const cached = new StateDb({ nodes, codes, root, reads });
        const plain = new StateDb({ nodes, codes, root });
        for (const tx of txs) {
          for (const s of [cached, plain]) s.beginTransaction();
          for (const o of tx) {
            for (const s of [cached, plain]) {
              if (o.write) s.setStorage(addr(o.account), o.slot, o.value);
              else s.addBalance(addr(o.account), o.value);
            }
            assert.equal(cached.getStorage(addr(o.account), o.slot), plain.getStorage(addr(o.account), o.slot));
            assert.equal(cached.getBalance(addr(o.account)), plain.getBalance(addr(o.account)));
          }
          for (const s of [cached, plain]) s.finalizeTransaction(true);
          assert.deepEqual(cached.computeRoot(), plain.computeRoot());
        }
        for (let i = 1; i <= 8; i++) assert.equal(cached.getCodeSize(addr(i)), plain.getCodeSize(addr(i)));
        const s = reads.stats();
        assert.ok(s.roots <= 2 && s.slots <= 5 && s.codeBytes <= 4, JSON.stringify(s));
      }),
      { numRuns: 200 },
    );
  });

  test("bounded: accounts per root, roots kept, slots and code bytes", () => {
    const reads = new StateReadCache({ roots: 2, accountsPerRoot: 2, slots: 3, codeBytes: 10 });
    const r1 = reads.accountsAt(Uint8Array.of(1));
    for (let i = 0; i < 5; i++) r1.put(`k${i}`, { data: undefined, addressHash: new Uint8Array(32) });
    assert.equal(r1.byAddress.size, 2);
    reads.accountsAt(Uint8Array.of(2));
    reads.accountsAt(Uint8Array.of(3));
    assert.equal(reads.stats().roots, 2);
    assert.notEqual(reads.accountsAt(Uint8Array.of(1)), r1, "the oldest root was dropped");
    const slots = reads.slotsOf(Uint8Array.of(9));
    for (let i = 0n; i < 5n; i++) reads.putSlot(slots, i, i);
    assert.ok(reads.stats().slots <= 3);
    reads.putCode(Uint8Array.of(1), new Uint8Array(6));
    reads.putCode(Uint8Array.of(2), new Uint8Array(6));
    assert.equal(reads.code(Uint8Array.of(1)), undefined);
    assert.equal(reads.code(Uint8Array.of(2))?.length, 6);
    reads.putCode(Uint8Array.of(3), new Uint8Array(11));
    assert.equal(reads.code(Uint8Array.of(3)), undefined, "code larger than the whole budget is not kept");
  });
});
