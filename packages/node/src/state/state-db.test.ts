import assert from "node:assert/strict";
import { describe, test } from "node:test";
import fc from "fast-check";
import { keccak256 } from "../crypto/index.js";
import type { Address } from "../primitives/index.js";
import { bytesToHex, hexToBytes } from "../primitives/index.js";
import { encodeRlp } from "../rlp/index.js";
import { MemoryNodeStore, SecureTrie } from "../trie/index.js";
import { decodeAccount, EMPTY_CODE_HASH, EMPTY_TRIE_ROOT, encodeAccount } from "./account.js";
import { MemoryCodeStore } from "./code-store.js";
import { StateDb } from "./state-db.js";

const addr = (n: number): Address => {
  const a = new Uint8Array(20);
  a[18] = (n >> 8) & 0xff;
  a[19] = n & 0xff;
  return a as Address;
};
const A = addr(0xa1);
const B = addr(0xb2);
const C = addr(0xc3);

/** The root computed directly with a SecureTrie, as the reference. */
function referenceRoot(
  accounts: Map<number, { nonce: bigint; balance: bigint; code: Uint8Array; storage: Map<bigint, bigint> }>,
): Uint8Array {
  const trie = new SecureTrie();
  for (const [n, a] of accounts) {
    const storage = new SecureTrie();
    for (const [k, v] of a.storage) if (v !== 0n) storage.put(hexToBytes(`0x${k.toString(16).padStart(64, "0")}`), encodeRlp(v));
    trie.put(
      addr(n),
      encodeAccount({
        nonce: a.nonce,
        balance: a.balance,
        storageRoot: storage.root(),
        codeHash: a.code.length === 0 ? EMPTY_CODE_HASH : keccak256(a.code),
      }),
    );
  }
  return trie.root();
}

describe("account encoding", () => {
  test("round trip and the empty state root", () => {
    const a = { nonce: 7n, balance: 10n ** 20n, storageRoot: EMPTY_TRIE_ROOT, codeHash: EMPTY_CODE_HASH };
    assert.deepEqual(decodeAccount(encodeAccount(a)), a);
    assert.equal(bytesToHex(new StateDb().computeRoot()), "0x56e81f171bcc55a6ff8345e692c0f86e5b48e01b996cadc001622fb5e363b421");
  });
  test("a malformed stored account is a StateError", () => {
    assert.throws(() => decodeAccount(encodeRlp([1n, 2n])), { name: "StateError" });
  });
});

describe("StateDb", () => {
  test("putAccount and computeRoot agree with a root built directly from SecureTries", () => {
    const s = new StateDb();
    s.putAccount(A, { balance: 10n ** 18n, code: hexToBytes("0x600160010160005500"), storage: [[0n, 2n]] });
    s.putAccount(B, { nonce: 1n });
    const ref = new Map([
      [0xa1, { nonce: 0n, balance: 10n ** 18n, code: hexToBytes("0x600160010160005500"), storage: new Map([[0n, 2n]]) }],
      [0xb2, { nonce: 1n, balance: 0n, code: new Uint8Array(0), storage: new Map<bigint, bigint>() }],
    ]);
    assert.deepEqual(s.computeRoot(), referenceRoot(ref));
  });

  test("journal: reverting a checkpoint undoes balance, nonce, code, storage, warm sets, refund and logs", () => {
    const s = new StateDb();
    s.putAccount(A, { balance: 100n, storage: [[1n, 5n]] });
    s.computeRoot();
    s.beginTransaction();
    s.setStorage(A, 1n, 6n);
    const cp = s.checkpoint();
    s.transfer(A, B, 40n);
    s.incrementNonce(A);
    s.setCode(A, Uint8Array.of(0x60, 0x00));
    s.setStorage(A, 1n, 9n);
    s.setTransientStorage(A, 3n, 4n);
    assert.equal(s.accessAddress(C), true);
    assert.equal(s.accessStorage(C, 2n), true);
    s.addRefund(4800);
    s.emitLog(A, [], new Uint8Array(0));
    s.revertToCheckpoint(cp);
    assert.equal(s.getBalance(A), 100n);
    assert.equal(s.exists(B), false);
    assert.equal(s.getNonce(A), 0n);
    assert.equal(s.getCodeSize(A), 0);
    assert.equal(s.getStorage(A, 1n), 6n);
    assert.equal(s.getOriginalStorage(A, 1n), 5n);
    assert.equal(s.getTransientStorage(A, 3n), 0n);
    assert.equal(s.isWarm(C), false);
    assert.equal(s.isSlotWarm(C, 2n), false);
    assert.equal(s.getRefund(), 0);
    assert.equal(s.logs.length, 0);
  });

  test("EIP-161: touched empty accounts are deleted at the end of the transaction; untouched ones stay", () => {
    const s = new StateDb();
    s.putAccount(A, {});
    s.putAccount(B, {});
    s.computeRoot();
    s.beginTransaction();
    s.transfer(C, A, 0n);
    const diff = s.finalizeTransaction(true);
    assert.equal(s.exists(A), false);
    assert.equal(s.exists(B), true);
    assert.equal(s.exists(C), false);
    assert.deepEqual(
      diff.accounts.map((a) => [bytesToHex(a.address), a.account]),
      [[bytesToHex(A), undefined]],
    );
  });

  test("self-destruct deletes the account and its storage; the root forgets both", () => {
    const s = new StateDb();
    s.putAccount(A, { balance: 5n, code: Uint8Array.of(0x00), storage: [[1n, 1n]] });
    s.putAccount(B, { balance: 1n });
    const before = s.computeRoot();
    s.beginTransaction();
    s.transfer(A, B, 5n);
    s.markSelfDestructed(A);
    assert.equal(s.isSelfDestructed(A), true);
    s.finalizeTransaction(true);
    assert.equal(s.exists(A), false);
    assert.equal(s.getStorage(A, 1n), 0n);
    const after = s.computeRoot();
    assert.notDeepEqual(after, before);
    const only = new StateDb();
    only.putAccount(B, { balance: 6n });
    assert.deepEqual(after, only.computeRoot());
  });

  test("EIP-6780 bookkeeping: createdInTransaction only for createContract of this transaction", () => {
    const s = new StateDb();
    s.beginTransaction();
    s.createContract(A);
    assert.equal(s.createdInTransaction(A), true);
    assert.equal(s.getNonce(A), 1n);
    s.finalizeTransaction(true);
    s.beginTransaction();
    assert.equal(s.createdInTransaction(A), false);
    s.finalizeTransaction(true);
  });

  test("the diff lists changed fields, changed slots and new code only", () => {
    const s = new StateDb();
    s.putAccount(A, {
      balance: 10n,
      storage: [
        [1n, 1n],
        [2n, 2n],
      ],
    });
    s.computeRoot();
    s.beginTransaction();
    s.setStorage(A, 1n, 7n);
    s.setStorage(A, 2n, 3n);
    s.setStorage(A, 2n, 2n); // back to the original: not a change
    s.setCode(B, Uint8Array.of(0xfe));
    const diff = s.finalizeTransaction(true);
    const a = diff.accounts.find((x) => bytesToHex(x.address) === bytesToHex(A))!;
    assert.deepEqual([...a.storage], [[1n, 7n]]);
    assert.equal(diff.codes.length, 1);
    assert.deepEqual(diff.codes[0]!.code, Uint8Array.of(0xfe));
  });

  test("commit, then a new StateDb at the root reads the same accounts, storage and code lazily", () => {
    const nodes = new MemoryNodeStore();
    const codes = new MemoryCodeStore();
    const s = new StateDb({ nodes, codes });
    s.putAccount(A, { nonce: 3n, balance: 9n, code: Uint8Array.of(1, 2, 3), storage: [[5n, 55n]] });
    const root = s.persist(codes);
    const t = new StateDb({ nodes, codes, root });
    assert.equal(t.getNonce(A), 3n);
    assert.equal(t.getBalance(A), 9n);
    assert.deepEqual(t.getCode(A), Uint8Array.of(1, 2, 3));
    assert.equal(t.getStorage(A, 5n), 55n);
    assert.equal(t.hasStorage(A), true);
    assert.deepEqual(t.computeRoot(), root);
  });

  test("original storage (EIP-2200) is the value at the start of each transaction", () => {
    const s = new StateDb();
    s.putAccount(A, { code: Uint8Array.of(0x00), storage: [[1n, 1n]] });
    s.beginTransaction();
    s.setStorage(A, 1n, 2n);
    assert.equal(s.getOriginalStorage(A, 1n), 1n);
    s.finalizeTransaction(true);
    s.beginTransaction();
    assert.equal(s.getOriginalStorage(A, 1n), 2n);
    s.setStorage(A, 1n, 3n);
    assert.equal(s.getOriginalStorage(A, 1n), 2n);
    s.finalizeTransaction(true);
  });

  test("an account deleted in one transaction and created again in the next starts with empty storage", () => {
    const s = new StateDb();
    s.putAccount(A, {
      balance: 1n,
      code: Uint8Array.of(0x00),
      storage: [
        [1n, 1n],
        [2n, 2n],
      ],
    });
    s.computeRoot();
    s.beginTransaction();
    s.markSelfDestructed(A);
    s.finalizeTransaction(true);
    s.beginTransaction();
    s.setStorage(A, 2n, 5n);
    s.addBalance(A, 3n);
    const diff = s.finalizeTransaction(true);
    assert.equal(s.getStorage(A, 1n), 0n);
    assert.equal(s.hasStorage(A), true);
    assert.deepEqual([...diff.accounts[0]!.storage], [[2n, 5n]]);
    const ref = new Map([[0xa1, { nonce: 0n, balance: 3n, code: new Uint8Array(0), storage: new Map([[2n, 5n]]) }]]);
    assert.deepEqual(s.computeRoot(), referenceRoot(ref));
  });

  test("a reverted touch of the RIPEMD-160 precompile (0x03) still counts, as every client keeps it", () => {
    const s = new StateDb();
    s.putAccount(addr(3), {});
    s.putAccount(addr(4), {});
    s.computeRoot();
    s.beginTransaction();
    const cp = s.checkpoint();
    s.touch(addr(3));
    s.touch(addr(4));
    s.revertToCheckpoint(cp);
    s.finalizeTransaction(true);
    assert.equal(s.exists(addr(3)), false);
    assert.equal(s.exists(addr(4)), true);
  });

  test("a reverted touch of 0x03 (RIPEMD-160) is kept, as every client keeps it since block 2,675,119", () => {
    const s = new StateDb();
    s.beginTransaction();
    const cp = s.checkpoint();
    s.addBalance(addr(3), 0n);
    s.addBalance(addr(4), 0n);
    s.revertToCheckpoint(cp);
    s.setStorage(addr(3), 0n, 0n);
    s.setStorage(addr(4), 0n, 0n);
    s.finalizeTransaction(true);
    assert.equal(s.exists(addr(3)), false, "0x03 stays touched, so the empty account is deleted");
    assert.equal(s.exists(addr(4)), true, "another address's touch is undone with the revert");
  });

  test("property: after random transactions, the incremental root equals a root built from scratch", () => {
    const op = fc.record({
      // Addresses 0x0101..0x0106: clear of 0x03 (RIPEMD-160), whose touch survives a revert by design.
      who: fc.integer({ min: 1, max: 6 }).map((n) => 0x100 + n),
      kind: fc.constantFrom("balance", "nonce", "slot", "code", "touch", "destruct", "revert"),
      slot: fc.bigInt({ min: 0n, max: 4n }),
      value: fc.bigInt({ min: 0n, max: 3n }),
    });
    fc.assert(
      fc.property(fc.array(fc.array(op, { maxLength: 8 }), { maxLength: 5 }), (txs) => {
        const s = new StateDb();
        const model = new Map<number, { nonce: bigint; balance: bigint; code: Uint8Array; storage: Map<bigint, bigint> }>();
        for (let n = 0x101; n <= 0x103; n++) {
          s.putAccount(addr(n), { balance: 10n, storage: [[1n, 1n]] });
          model.set(n, { nonce: 0n, balance: 10n, code: new Uint8Array(0), storage: new Map([[1n, 1n]]) });
        }
        for (const ops of txs) {
          s.beginTransaction();
          const touched = new Set<number>();
          const destructed = new Set<number>();
          let snapshot = new Map([...model].map(([k, v]) => [k, { ...v, storage: new Map(v.storage) }]));
          let cp = s.checkpoint();
          let touchedAtCp = new Set(touched);
          let destructedAtCp = new Set(destructed);
          for (const o of ops) {
            const a = addr(o.who);
            const m = model.get(o.who) ?? { nonce: 0n, balance: 0n, code: new Uint8Array(0), storage: new Map() };
            switch (o.kind) {
              case "balance":
                s.addBalance(a, o.value);
                m.balance += o.value;
                touched.add(o.who);
                break;
              case "nonce":
                s.incrementNonce(a);
                m.nonce += 1n;
                break;
              case "slot":
                s.setStorage(a, o.slot, o.value);
                m.storage.set(o.slot, o.value);
                break;
              case "code":
                s.setCode(a, Uint8Array.of(Number(o.value)));
                m.code = Uint8Array.of(Number(o.value));
                break;
              case "touch":
                s.touch(a);
                touched.add(o.who);
                if (!model.has(o.who)) continue;
                break;
              case "destruct":
                if (!s.exists(a)) continue;
                s.markSelfDestructed(a);
                m.balance = 0n;
                destructed.add(o.who);
                break;
              case "revert":
                s.revertToCheckpoint(cp);
                model.clear();
                for (const [k, v] of snapshot) model.set(k, { ...v, storage: new Map(v.storage) });
                touched.clear();
                for (const t of touchedAtCp) touched.add(t);
                destructed.clear();
                for (const d of destructedAtCp) destructed.add(d);
                cp = s.checkpoint();
                snapshot = new Map([...model].map(([k, v]) => [k, { ...v, storage: new Map(v.storage) }]));
                touchedAtCp = new Set(touched);
                destructedAtCp = new Set(destructed);
                continue;
            }
            model.set(o.who, m);
          }
          s.finalizeTransaction(true);
          for (const d of destructed) model.delete(d);
          for (const t of touched) {
            const m = model.get(t);
            if (m && m.nonce === 0n && m.balance === 0n && m.code.length === 0) model.delete(t);
          }
          assert.deepEqual(s.computeRoot(), referenceRoot(model));
        }
      }),
      { numRuns: 150 },
    );
  });
});
