import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import { bytesToHex } from "../primitives/index.js";
import { type Transaction, transactionHash } from "../types/index.js";
import type { PooledTx } from "./best.js";
import { TxPool } from "./pool.js";
import { ADDRS, CHAIN_ID, MapState, makeTx } from "./pool-testing.js";

// Small limits so random sequences reach them; sender 2 is local, sender 3 sends blobs.
const LIMITS = { accountSlots: 3, accountQueue: 2, globalSlots: 5, globalQueue: 3, blobAccountLimit: 3 };
const SENDERS = 4;
const NONCES = 14;
const PRICES: [bigint, bigint][] = [
  [2n, 20n],
  [3n, 30n],
];

// Signing is the slow part: sign every (sender, nonce, price) once.
const TXS: Transaction[][][] = [];
for (let s = 0; s < SENDERS; s++) {
  TXS.push(
    Array.from({ length: NONCES }, (_, n) =>
      PRICES.map(([tip, cap]) => makeTx({ key: s, nonce: BigInt(n), tip, cap, type: s === 3 ? 3 : 2 })),
    ),
  );
}

const HASHES = TXS.map((bySender) => bySender.map((byNonce) => byNonce.map((t) => transactionHash(t))));

type Op =
  | { kind: "add"; sender: number; nonce: number; price: number }
  | { kind: "reset"; advance: number[]; poor: boolean[]; baseFee: number }
  | { kind: "drop"; sender: number; nonce: number; price: number };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  // add nonces are offsets from the account nonce, so adds keep landing as resets advance it
  {
    weight: 8,
    arbitrary: fc.record({ kind: fc.constant("add" as const), sender: fc.nat(SENDERS - 1), nonce: fc.nat(5), price: fc.nat(1) }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant("reset" as const),
      advance: fc.array(fc.nat(1), { minLength: SENDERS, maxLength: SENDERS }),
      poor: fc.array(fc.boolean(), { minLength: SENDERS, maxLength: SENDERS }),
      baseFee: fc.nat(25),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant("drop" as const), sender: fc.nat(SENDERS - 1), nonce: fc.nat(NONCES - 1), price: fc.nat(1) }),
  },
);

function checkInvariants(pool: TxPool, nonces: bigint[]): void {
  const pending = pool.pending();
  const queued = pool.queued();
  const seen = new Set<string>();
  let limitedPending = 0;
  let limitedQueued = 0;
  let nonLocalPending = 0;
  for (let s = 0; s < SENDERS; s++) {
    const key = bytesToHex(ADDRS[s]!);
    const p: PooledTx[] = pending.get(key) ?? [];
    const q: PooledTx[] = queued.get(key) ?? [];
    // pending is a gap-free nonce run starting at the account nonce
    for (const [i, e] of p.entries()) assert.equal(e.tx.nonce, nonces[s]! + BigInt(i));
    const next = nonces[s]! + BigInt(p.length);
    for (const e of q)
      assert.ok(
        e.tx.nonce > next || (e.tx.nonce === next && s !== 2 && p.length >= LIMITS.accountSlots),
        "queued nonce overlaps or should have been promoted",
      );
    if (s === 3) assert.ok(p.length + q.length <= LIMITS.blobAccountLimit);
    else {
      if (s !== 2) assert.ok(p.length <= LIMITS.accountSlots, "per-account pending slots");
      assert.ok(q.length <= LIMITS.accountQueue, "per-account queue");
      limitedPending += p.length;
      limitedQueued += q.length;
      if (s !== 2) nonLocalPending += p.length;
    }
    for (const e of [...p, ...q]) {
      assert.equal(seen.has(e.hashHex), false, "a hash in both pending and queued");
      seen.add(e.hashHex);
      assert.ok(pool.has(e.hash));
    }
  }
  assert.deepEqual(pool.limitedCounts(), { pending: limitedPending, queued: limitedQueued });
  assert.ok(limitedPending <= LIMITS.globalSlots || nonLocalPending === 0, "global slots");
  assert.ok(limitedQueued <= LIMITS.globalQueue, "global queue");
  const status = pool.status();
  assert.equal(status.pending + status.queued, seen.size);
  checkBest(pool, pending);
}

/** best() yields each sender's pending run as a prefix in nonce order, and nothing else. */
function checkBest(pool: TxPool, pending: Map<string, PooledTx[]>): void {
  for (const baseFee of [0n, 25n]) {
    const yielded = new Map<string, PooledTx[]>();
    for (const e of pool.best(baseFee, 1n)) {
      const key = bytesToHex(e.sender);
      yielded.set(key, [...(yielded.get(key) ?? []), e]);
    }
    for (const [key, list] of yielded) {
      const run = pending.get(key) ?? [];
      assert.deepEqual(
        list.map((e) => e.hashHex),
        run.slice(0, list.length).map((e) => e.hashHex),
      );
      // a sender stops exactly where its next transaction cannot pay the base fee
      const stop = run[list.length];
      if (stop) assert.ok(stop.tx.type !== 0 && stop.tx.type !== 1 && stop.tx.maxFeePerGas < baseFee);
    }
    if (baseFee === 0n) assert.equal([...yielded.values()].flat().length, [...pending.values()].flat().length);
  }
}

test("random adds, drops and resets keep the pool's invariants", () => {
  fc.assert(
    fc.property(fc.array(opArb, { minLength: 1, maxLength: 40 }), (ops) => {
      let state = new MapState();
      const nonces = Array.from({ length: SENDERS }, () => 0n);
      const pool = new TxPool(
        { chainId: CHAIN_ID, fork: "Prague", blockGasLimit: 30_000_000n, blobForm: "canonical", locals: [ADDRS[2]!], ...LIMITS },
        state,
        1n,
      );
      for (const op of ops) {
        if (op.kind === "add") {
          const n = Math.min(Number(nonces[op.sender]!) + op.nonce, NONCES - 1);
          const r = pool.add(TXS[op.sender]![n]![op.price]!);
          if (!r.ok) assert.equal(r.error.name, "TxPoolError");
        } else if (op.kind === "drop") {
          pool.drop(HASHES[op.sender]![op.nonce]![op.price]!);
        } else {
          state = new MapState();
          for (let s = 0; s < SENDERS; s++) {
            nonces[s] = nonces[s]! + BigInt(op.advance[s]!);
            // a poor account can pay for a cheap transaction (cap 20) but not a dear one (cap 30)
            state.set(ADDRS[s]!, nonces[s]!, op.poor[s] ? 600_000n : undefined);
          }
          pool.reset(state, BigInt(op.baseFee));
        }
        checkInvariants(pool, nonces);
      }
    }),
    { numRuns: 150 },
  );
});
