/**
 * The sender-recovery worker: senders it recovers are the ones the main thread recovers; a
 * transaction whose signature the worker cannot recover falls back to the main thread, which
 * reports its own error; a hint never bypasses the fork's signature rules; small blocks are
 * left to the main thread.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { keccak256, privateKeyToAddress } from "../crypto/index.js";
import type { Address } from "../primitives/index.js";
import { bytesToHex } from "../primitives/index.js";
import { encodeBody, recoverSender, signTransaction, type Transaction } from "../types/index.js";
import { type PendingRecovery, SenderRecovery } from "./sender-recovery.js";

const RULES = { fork: "Cancun", chainId: 1n } as const;

function transfers(count: number): { txs: Transaction[]; senders: Address[] } {
  const txs: Transaction[] = [];
  const senders: Address[] = [];
  for (let i = 0; i < count; i++) {
    const key = keccak256(Uint8Array.of(1, i));
    senders.push(privateKeyToAddress(key));
    txs.push(
      signTransaction(
        {
          type: 2,
          chainId: 1n,
          nonce: BigInt(i),
          maxFeePerGas: 10n ** 10n,
          maxPriorityFeePerGas: 1n,
          gasLimit: 21_000n,
          to: senders[0],
          value: 1n,
          data: new Uint8Array(0),
          accessList: [],
        },
        key,
      ),
    );
  }
  return { txs, senders };
}

async function settle(p: PendingRecovery): Promise<void> {
  // Waits for the worker to go through the block (no timing is asserted; a slow machine waits longer).
  while (!p.settled()) await new Promise((r) => setTimeout(r, 5));
}

const shared = SenderRecovery.shared();

describe("sender recovery worker", { skip: shared === undefined ? "no second core (or CAIRN_RECOVERY_WORKER=0)" : false }, () => {
  const recovery = shared!;

  test("the worker's senders are the main thread's", async () => {
    const { txs, senders } = transfers(40);
    const p = recovery.prefetch(txs, encodeBody({ transactions: txs, ommers: [] }), RULES.fork, RULES.chainId);
    assert.ok(p !== undefined);
    await settle(p);
    assert.equal(p.recoveredByWorker(), txs.length);
    for (let i = 0; i < txs.length; i++) {
      const r = recoverSender(txs[i]!, RULES);
      assert.ok(r.ok);
      assert.equal(bytesToHex(r.value.sender), bytesToHex(senders[i]!));
    }
    p.cancel();
  });

  test("a signature the worker cannot recover is recovered (and rejected) on the main thread", async () => {
    const { txs } = transfers(20);
    // r = 1 is not the x-coordinate of a point whose recovery succeeds for this message.
    const bad = { ...txs[7]!, r: 1n } as Transaction;
    txs[7] = bad;
    const p = recovery.prefetch(txs, encodeBody({ transactions: txs, ommers: [] }), RULES.fork, RULES.chainId)!;
    await settle(p);
    const hinted = recoverSender(bad, RULES);
    const plain = recoverSender({ ...bad } as Transaction, RULES);
    assert.equal(hinted.ok, plain.ok);
    if (!hinted.ok && !plain.ok) assert.equal(hinted.error.code, plain.error.code);
    p.cancel();
  });

  test("the fork's rules are checked before a hint is used", async () => {
    const { txs } = transfers(20);
    const p = recovery.prefetch(txs, encodeBody({ transactions: txs, ommers: [] }), RULES.fork, RULES.chainId)!;
    await settle(p);
    const r = recoverSender(txs[3]!, { fork: "Cancun", chainId: 5n });
    assert.equal(r.ok, false);
    if (!r.ok) assert.equal(r.error.code, "INVALID_CHAINID");
    p.cancel();
  });

  test("small blocks stay on the main thread; main-thread claims are not redone", async () => {
    assert.equal(recovery.prefetch(transfers(3).txs, new Uint8Array([0xc2, 0xc0, 0xc0]), RULES.fork, RULES.chainId), undefined);
    const { txs, senders } = transfers(32);
    const p = recovery.prefetch(txs, encodeBody({ transactions: txs, ommers: [] }), RULES.fork, RULES.chainId)!;
    // Claimed at once on the main thread: whatever the worker has not reached is recovered here.
    for (let i = 0; i < txs.length; i++) {
      const r = recoverSender(txs[i]!, RULES);
      assert.ok(r.ok);
      assert.equal(bytesToHex(r.value.sender), bytesToHex(senders[i]!));
    }
    p.cancel();
    await settle(p);
  });
});
