import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { MemoryHost } from "./memory-host.js";
import { addr } from "./testing.js";

const A = addr(0xa);
const B = addr(0xb);

describe("MemoryHost journal", () => {
  test("revert undoes every kind of change; commit keeps them for an outer revert", () => {
    const h = new MemoryHost();
    h.setAccount(A, { balance: 10n, nonce: 1n, storage: { "1": 5n } });
    h.beginTransaction();
    const outer = h.checkpoint();
    h.setStorage(A, 1n, 6n);
    const inner = h.checkpoint();
    h.transfer(A, B, 4n);
    h.incrementNonce(A);
    h.setCode(B, Uint8Array.of(1, 2));
    h.setStorage(A, 1n, 0n);
    h.setTransientStorage(A, 3n, 9n);
    h.accessAddress(B);
    h.accessStorage(A, 1n);
    h.addRefund(4800);
    h.emitLog(A, [], Uint8Array.of(7));
    h.revertToCheckpoint(inner);
    assert.equal(h.getBalance(A), 10n);
    assert.equal(h.accountExists(B), false);
    assert.equal(h.getNonce(A), 1n);
    assert.equal(h.getStorage(A, 1n), 6n);
    assert.equal(h.getTransientStorage(A, 3n), 0n);
    assert.equal(h.isWarm(B), false);
    assert.equal(h.accessStorage(A, 1n), true);
    assert.equal(h.getRefund(), 0);
    assert.equal(h.logs.length, 0);
    const again = h.checkpoint();
    h.transfer(A, B, 1n);
    h.commitCheckpoint(again);
    h.revertToCheckpoint(outer);
    assert.equal(h.getStorage(A, 1n), 5n);
    assert.equal(h.getBalance(B), 0n);
  });
  test("original storage is the value at the start of the transaction", () => {
    const h = new MemoryHost();
    h.setAccount(A, { storage: { "1": 5n } });
    h.beginTransaction();
    h.setStorage(A, 1n, 7n);
    h.setStorage(A, 1n, 8n);
    assert.equal(h.getOriginalStorage(A, 1n), 5n);
    assert.equal(h.getOriginalStorage(A, 2n), 0n);
    h.finalizeTransaction();
    h.beginTransaction();
    assert.equal(h.getOriginalStorage(A, 1n), 8n);
  });
  test("EIP-161: touched empty accounts are deleted at the end of the transaction", () => {
    const h = new MemoryHost();
    h.setAccount(A, {});
    h.setAccount(B, { balance: 1n });
    h.beginTransaction();
    h.touchAccount(A);
    h.touchAccount(B);
    h.finalizeTransaction();
    assert.equal(h.accountExists(A), false);
    assert.equal(h.accountExists(B), true);
  });
  test("a reverted touch does not delete", () => {
    const h = new MemoryHost();
    h.setAccount(A, {});
    h.beginTransaction();
    const cp = h.checkpoint();
    h.touchAccount(A);
    h.revertToCheckpoint(cp);
    h.finalizeTransaction();
    assert.equal(h.accountExists(A), true);
  });
  test("EIP-6780 bookkeeping", () => {
    const h = new MemoryHost();
    h.beginTransaction();
    h.createContract(A);
    assert.equal(h.createdInTransaction(A), true);
    assert.equal(h.getNonce(A), 1n);
    h.markSelfDestructed(A);
    h.finalizeTransaction();
    assert.equal(h.accountExists(A), false);
    assert.equal(h.createdInTransaction(A), false);
  });
  test("emptiness and code hash", () => {
    const h = new MemoryHost();
    assert.equal(h.isEmpty(A), true);
    h.setAccount(A, { nonce: 1n });
    assert.equal(h.isEmpty(A), false);
    assert.equal(h.getCodeSize(A), 0);
    assert.equal(h.hasStorage(A), false);
  });
});
