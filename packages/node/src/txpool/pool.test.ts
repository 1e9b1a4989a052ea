import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { bytesToHex } from "../primitives/index.js";
import { CELLS_PER_EXT_BLOB, encodePooledTransaction, encodeTransaction } from "../types/index.js";
import { TXPOOL_DEFAULTS, type TxPoolConfig } from "./config.js";
import { poolContent, poolInspect, poolStatus } from "./content.js";
import { type AddResult, TxPool } from "./pool.js";
import { ADDRS, CHAIN_ID, G1_INFINITY, MapState, makeTx, SIDECAR, TO, type TxSpec } from "./pool-testing.js";

function pool(extra: Partial<TxPoolConfig> = {}, state = new MapState()): TxPool {
  return new TxPool({ chainId: CHAIN_ID, fork: "Prague", blockGasLimit: 30_000_000n, ...extra }, state, 1n);
}

function ok(r: AddResult): asserts r is Extract<AddResult, { ok: true }> {
  if (!r.ok) assert.fail(`refused: ${r.error.message}`);
}

function refused(r: AddResult, message: string, code?: string): void {
  assert.equal(r.ok, false);
  if (r.ok) return;
  assert.ok(r.error.message.startsWith(message), `"${r.error.message}" should start with "${message}"`);
  if (code) assert.equal(r.error.code, code);
  assert.equal(r.error.name, "TxPoolError");
}

const add = (p: TxPool, s: TxSpec, local = false): AddResult => p.add(makeTx(s), { local });
const key = (i: number): string => bytesToHex(ADDRS[i]!);

describe("txpool defaults", () => {
  test("DESIGN.md's limits are geth's legacypool defaults", () => {
    assert.equal(TXPOOL_DEFAULTS.accountSlots, 16);
    assert.equal(TXPOOL_DEFAULTS.accountQueue, 64);
    assert.equal(TXPOOL_DEFAULTS.globalSlots, 5120);
    assert.equal(TXPOOL_DEFAULTS.globalQueue, 1024);
    assert.equal(TXPOOL_DEFAULTS.priceBump, 10n);
    assert.equal(TXPOOL_DEFAULTS.maxTxSize, 131072);
    assert.equal(TXPOOL_DEFAULTS.blobAccountLimit, 16);
    const p = pool();
    assert.equal(p.config.accountSlots, 16);
    assert.equal(p.config.globalQueue, 1024);
  });
});

describe("txpool admission", () => {
  test("a valid transaction becomes pending and is announced", () => {
    const p = pool();
    const seen: string[] = [];
    p.onNewPending((hs) => seen.push(...hs.map((h) => bytesToHex(h))));
    const r = add(p, {});
    ok(r);
    assert.equal(r.pending, true);
    assert.deepEqual(seen, [r.tx.hashHex]);
    assert.equal(p.pending().get(key(0))?.length, 1);
    assert.equal(p.pendingNonce(ADDRS[0]!), 1n);
  });

  test("a refused transaction leaves nothing behind", () => {
    const state = new MapState().set(ADDRS[0]!, 3n);
    const p = pool({}, state);
    refused(add(p, { nonce: 1n }), "nonce too low");
    state.set(ADDRS[0]!, 7n);
    // no account was cached for the sender: the pending nonce comes from the state reader
    assert.equal(p.pendingNonce(ADDRS[0]!), 7n);
    assert.equal(p.pending().size + p.queued().size, 0);
  });

  test("the detail after geth's wording comes from the static check", () => {
    const r = add(pool(), { tip: 11n, cap: 10n });
    assert.equal(r.ok, false);
    if (!r.ok)
      assert.equal(r.error.message, "max priority fee per gas higher than max fee per gas: max priority fee 11 exceeds max fee 10");
  });

  test("already known", () => {
    const p = pool();
    const tx = makeTx({});
    ok(p.add(tx));
    refused(p.add(tx), "already known", "ALREADY_KNOWN");
  });

  test("nonce too low", () => {
    const p = pool({}, new MapState().set(ADDRS[0]!, 5n));
    refused(add(p, { nonce: 4n }), "nonce too low", "NONCE_TOO_LOW");
  });

  test("insufficient funds for gas * price + value, alone and with the pending spend", () => {
    const state = new MapState().set(ADDRS[0]!, 0n, 21_000n * 10n + 5n);
    const p = pool({}, state);
    refused(add(p, { value: 6n }), "insufficient funds for gas * price + value", "INSUFFICIENT_FUNDS");
    ok(add(p, { value: 5n }));
    refused(add(p, { nonce: 1n }), "insufficient funds for gas * price + value");
  });

  test("a replacement's price bump must fit the balance with the pending spend", () => {
    const state = new MapState().set(ADDRS[0]!, 0n, 21_000n * 20n + 21_000n * 25n);
    const p = pool({}, state);
    ok(add(p, { nonce: 0n, tip: 2n, cap: 20n }));
    ok(add(p, { nonce: 1n, tip: 2n, cap: 20n }));
    refused(add(p, { nonce: 0n, tip: 3n, cap: 30n }), "insufficient funds for gas * price + value");
    ok(add(p, { nonce: 0n, tip: 3n, cap: 25n }));
  });

  test("blob gas counts in the cost", () => {
    const perBlob = 131072n;
    const state = new MapState().set(ADDRS[0]!, 0n, 21_000n * 10n + perBlob * 2n - 1n);
    const p = pool({ blobForm: "canonical" }, state);
    refused(add(p, { type: 3, blobFeeCap: 2n }), "insufficient funds for gas * price + value");
    ok(add(p, { type: 3, blobFeeCap: 1n }));
  });

  test("oversized data: 128 KiB for non-blob transactions", () => {
    const p = pool();
    const big = new Uint8Array(131072);
    refused(add(p, { data: big, gasLimit: 30_000_000n }), "oversized data", "OVERSIZED_DATA");
    const fits = new Uint8Array(131072 - 200);
    const r = add(p, { data: fits, gasLimit: 6_000_000n });
    ok(r);
    assert.ok(r.tx.size <= 131072);
  });

  test("intrinsic gas too low", () => {
    refused(add(pool(), { gasLimit: 20_999n }), "intrinsic gas too low", "INTRINSIC_GAS");
  });

  test("exceeds block gas limit", () => {
    refused(add(pool({ blockGasLimit: 100_000n }), { gasLimit: 100_001n }), "exceeds block gas limit", "GAS_LIMIT");
  });

  test("transaction underpriced below the minimum tip, locals exempt", () => {
    const p = pool({ minTip: 3n });
    refused(add(p, { tip: 2n }), "transaction underpriced", "UNDERPRICED");
    refused(add(p, { type: 0, cap: 2n, key: 1 }), "transaction underpriced");
    ok(add(p, { tip: 2n, key: 2 }, true));
    ok(add(p, { tip: 3n }));
  });

  test("fee cap below the base fee is admitted but not offered to blocks", () => {
    const p = pool();
    ok(add(p, { cap: 5n, tip: 1n }));
    assert.equal([...p.best(6n)].length, 0);
    assert.equal([...p.best(5n)].length, 1);
  });

  test("fork support, chain id, tip above fee cap", () => {
    refused(add(pool({ fork: "Berlin" }), {}), "transaction type not supported", "TX_TYPE_NOT_SUPPORTED");
    refused(add(pool(), { chainId: 5n }), "invalid sender: invalid chain id for signer", "INVALID_CHAIN_ID");
    refused(add(pool(), { tip: 11n, cap: 10n }), "max priority fee per gas higher than max fee per gas", "TIP_ABOVE_FEE_CAP");
  });

  test("undecodable raw bytes are refused with a pool error", () => {
    const r = pool().addRaw(new Uint8Array([0x02, 0xc0]));
    assert.equal(r.ok, false);
    if (!r.ok) assert.equal(r.error.name, "TxPoolError");
  });
});

describe("txpool replacement", () => {
  test("typed: both fee cap and tip must rise by 10%", () => {
    const p = pool();
    ok(add(p, { tip: 10n, cap: 100n }));
    refused(add(p, { tip: 10n, cap: 200n }), "replacement transaction underpriced", "REPLACE_UNDERPRICED");
    refused(add(p, { tip: 20n, cap: 109n }), "replacement transaction underpriced");
    refused(add(p, { tip: 10n, cap: 110n, value: 1n }), "replacement transaction underpriced");
    const r = add(p, { tip: 11n, cap: 110n });
    ok(r);
    assert.ok(r.replaced);
    assert.equal(p.status().pending, 1);
    assert.equal(p.has(r.replaced.hash), false);
  });

  test("legacy: gas price must rise by 10%", () => {
    const p = pool();
    ok(add(p, { type: 0, cap: 100n }));
    refused(add(p, { type: 0, cap: 109n }), "replacement transaction underpriced");
    ok(add(p, { type: 0, cap: 110n }));
  });

  test("queued transactions are replaced under the same rule", () => {
    const p = pool();
    ok(add(p, { nonce: 3n, tip: 10n, cap: 100n }));
    refused(add(p, { nonce: 3n, tip: 10n, cap: 105n }), "replacement transaction underpriced");
    const r = add(p, { nonce: 3n, tip: 11n, cap: 110n });
    ok(r);
    assert.equal(r.pending, false);
    assert.equal(p.status().queued, 1);
  });

  test("a blob transaction is replaced only by a blob transaction", () => {
    const p = pool({ blobForm: "canonical" });
    ok(add(p, { type: 3, tip: 10n, cap: 100n }));
    refused(add(p, { type: 2, tip: 100n, cap: 1000n }), "address already reserved", "ALREADY_RESERVED");
    refused(add(p, { type: 3, tip: 11n, cap: 110n, blobFeeCap: 1n }), "replacement transaction underpriced");
    ok(add(p, { type: 3, tip: 11n, cap: 110n, blobFeeCap: 2n }));
    const q = pool({ blobForm: "canonical" });
    ok(add(q, { type: 2 }));
    refused(add(q, { type: 3, tip: 100n, cap: 1000n }), "address already reserved");
  });
});

describe("txpool nonce gaps and limits", () => {
  test("a gap queues; filling it promotes and announces", () => {
    const p = pool();
    const seen: string[] = [];
    p.onNewPending((hs) => seen.push(...hs.map((h) => bytesToHex(h))));
    const r2 = add(p, { nonce: 2n });
    const r1 = add(p, { nonce: 1n });
    ok(r2);
    ok(r1);
    assert.equal(r2.pending, false);
    assert.deepEqual(p.status(), { pending: 0, queued: 2 });
    const r0 = add(p, { nonce: 0n });
    ok(r0);
    assert.deepEqual(p.status(), { pending: 3, queued: 0 });
    assert.deepEqual(seen, [r0.tx.hashHex, r1.tx.hashHex, r2.tx.hashHex]);
    assert.deepEqual(
      p
        .pending()
        .get(key(0))!
        .map((e) => e.tx.nonce),
      [0n, 1n, 2n],
    );
  });

  test("16 pending per account: the 17th waits in queued", () => {
    const p = pool();
    for (let n = 0n; n < 17n; n++) ok(add(p, { nonce: n }));
    assert.deepEqual(p.status(), { pending: 16, queued: 1 });
    // once the first is mined the 17th is promoted
    const state = new MapState().set(ADDRS[0]!, 1n);
    p.reset(state, 1n);
    assert.deepEqual(p.status(), { pending: 16, queued: 0 });
  });

  test("local accounts are not bound by the per-account pending slots", () => {
    const p = pool({ accountSlots: 2 });
    for (let n = 0n; n < 4n; n++) ok(add(p, { nonce: n }, true));
    assert.deepEqual(p.status(), { pending: 4, queued: 0 });
  });

  test("64 queued per account: the 65th is refused", () => {
    const p = pool();
    for (let n = 1n; n <= 64n; n++) ok(add(p, { nonce: n }));
    refused(add(p, { nonce: 65n }), "account limit exceeded", "ACCOUNT_LIMIT_EXCEEDED");
    assert.equal(p.status().queued, 64);
  });

  test("global slots: the cheapest other sender is evicted, a cheaper newcomer refused", () => {
    const p = pool({ globalSlots: 3 });
    ok(add(p, { key: 0, tip: 5n, cap: 50n }));
    ok(add(p, { key: 1, tip: 2n, cap: 50n }));
    ok(add(p, { key: 2, tip: 7n, cap: 50n }));
    refused(add(p, { key: 3, tip: 2n, cap: 50n }), "transaction underpriced", "UNDERPRICED");
    const r = add(p, { key: 3, tip: 3n, cap: 50n });
    ok(r);
    assert.equal(p.limitedCounts().pending, 3);
    assert.equal(p.pending().has(key(1)), false);
  });

  test("global slots: local transactions are never evicted; txpool is full", () => {
    const p = pool({ globalSlots: 2 });
    ok(add(p, { key: 0, tip: 2n }, true));
    ok(add(p, { key: 1, tip: 2n }, true));
    refused(add(p, { key: 2, tip: 9n, cap: 90n }), "txpool is full", "TXPOOL_OVERFLOW");
    assert.equal(p.status().pending, 2);
  });

  test("global queue: the cheapest queued transaction of another sender is evicted", () => {
    const p = pool({ globalQueue: 2 });
    ok(add(p, { key: 0, nonce: 1n, tip: 2n }));
    ok(add(p, { key: 1, nonce: 1n, tip: 4n }));
    refused(add(p, { key: 2, nonce: 1n, tip: 2n }), "transaction underpriced");
    ok(add(p, { key: 2, nonce: 1n, tip: 3n }));
    assert.equal(p.limitedCounts().queued, 2);
    assert.equal(p.queued().has(key(0)), false);
  });

  test("evicting a pending transaction demotes its sender's later ones", () => {
    const p = pool({ globalSlots: 3 });
    ok(add(p, { key: 0, nonce: 0n, tip: 1n }));
    ok(add(p, { key: 0, nonce: 1n, tip: 5n }));
    ok(add(p, { key: 1, nonce: 0n, tip: 5n }));
    ok(add(p, { key: 2, nonce: 0n, tip: 5n }));
    assert.equal(p.pending().has(key(0)), false);
    assert.deepEqual(
      p
        .queued()
        .get(key(0))!
        .map((e) => e.tx.nonce),
      [1n],
    );
  });

  test("blob transactions: 16 per account, outside the global counts", () => {
    const p = pool({ blobForm: "canonical", globalSlots: 1 });
    for (let n = 0n; n < 16n; n++) ok(add(p, { type: 3, nonce: n }));
    refused(add(p, { type: 3, nonce: 16n }), "account limit exceeded", "ACCOUNT_LIMIT_EXCEEDED");
    assert.equal(p.limitedCounts().pending, 0);
    ok(add(p, { key: 1 }));
  });
});

describe("txpool blob forms", () => {
  test("network form carries the sidecar; canonical form is refused under it as geth refuses it", () => {
    const tx = makeTx({ type: 3 });
    const network = encodePooledTransaction({ tx, sidecar: SIDECAR });
    const p = pool({ blobForm: "network" });
    const r = p.addRaw(network);
    ok(r);
    assert.deepEqual(r.tx.networkForm, network);
    refused(pool({ blobForm: "network" }).addRaw(encodeTransaction(tx)), "missing sidecar in blob transaction", "BLOB_MISSING_SIDECAR");
  });

  test("the sidecar version follows the fork (EIP-7594 cell proofs from Osaka); version 0 is converted under Osaka", () => {
    const tx = makeTx({ type: 3 });
    const v0 = encodePooledTransaction({ tx, sidecar: SIDECAR });
    const converted = pool({ fork: "Osaka" }).addRaw(v0);
    ok(converted);
    const v1 = encodePooledTransaction({
      tx,
      sidecar: { ...SIDECAR, version: 1, proofs: Array.from({ length: CELLS_PER_EXT_BLOB }, () => G1_INFINITY) },
    });
    assert.deepEqual(converted.tx.networkForm, v1);
    ok(pool({ fork: "Osaka" }).addRaw(v1));
    refused(pool({ fork: "Prague" }).addRaw(v1), "invalid blob transaction: invalid sidecar version pre-osaka: 1");
  });

  test("KZG proofs are verified: a wrong proof is refused with geth's KZG verification error", () => {
    const tx = makeTx({ type: 3 });
    const bad = Uint8Array.from(G1_INFINITY);
    bad[47] = 1;
    refused(
      pool({}).addRaw(encodePooledTransaction({ tx, sidecar: { ...SIDECAR, proofs: [bad] } })),
      "KZG verification error",
      "KZG_VERIFICATION",
    );
  });

  test("canonical form when configured", () => {
    const tx = makeTx({ type: 3 });
    ok(pool({ blobForm: "canonical" }).addRaw(encodeTransaction(tx)));
    assert.equal(pool({ blobForm: "canonical" }).addRaw(encodePooledTransaction({ tx, sidecar: SIDECAR })).ok, false);
  });
});

describe("txpool reset", () => {
  test("drops mined, drops unaffordable, demotes after a gap, promotes", () => {
    const state = new MapState();
    const p = pool({}, state);
    for (let n = 0n; n < 4n; n++) ok(add(p, { nonce: n, value: n === 2n ? 1000n : 0n }));
    ok(add(p, { key: 1, nonce: 1n }));
    const next = new MapState().set(ADDRS[0]!, 1n, 21_000n * 10n + 500n).set(ADDRS[1]!, 1n);
    const seen: string[] = [];
    p.onNewPending((hs) => seen.push(...hs.map((h) => bytesToHex(h))));
    p.reset(next, 1n);
    // nonce 0 mined, nonce 2 no longer affordable, so nonce 3 waits behind the gap
    assert.deepEqual(
      p
        .pending()
        .get(key(0))!
        .map((e) => e.tx.nonce),
      [1n],
    );
    assert.deepEqual(
      p
        .queued()
        .get(key(0))!
        .map((e) => e.tx.nonce),
      [3n],
    );
    // sender 1's queued nonce 1 became executable
    assert.equal(p.pending().get(key(1))?.length, 1);
    assert.equal(seen.length, 1);
  });

  test("a lower block gas limit drops what no longer fits", () => {
    const p = pool();
    ok(add(p, { gasLimit: 50_000n }));
    p.reset(new MapState(), 1n, { blockGasLimit: 40_000n });
    assert.equal(p.status().pending, 0);
  });
});

describe("txpool ordering", () => {
  test("best yields by effective tip across senders, nonce order within one", () => {
    const p = pool();
    ok(add(p, { key: 0, nonce: 0n, tip: 1n, cap: 100n }));
    ok(add(p, { key: 0, nonce: 1n, tip: 9n, cap: 100n }));
    ok(add(p, { key: 1, nonce: 0n, tip: 5n, cap: 100n }));
    ok(add(p, { key: 2, nonce: 0n, tip: 13n, cap: 13n }));
    const order = [...p.best(10n)].map((e) => [bytesToHex(e.sender), e.tx.nonce]);
    assert.deepEqual(order, [
      [key(1), 0n],
      [key(2), 0n],
      [key(0), 0n],
      [key(0), 1n],
    ]);
  });

  test("equal tips leave in arrival order", () => {
    const p = pool();
    ok(add(p, { key: 2, tip: 4n }));
    ok(add(p, { key: 0, tip: 4n }));
    ok(add(p, { key: 1, tip: 4n }));
    assert.deepEqual(
      [...p.best(1n)].map((e) => bytesToHex(e.sender)),
      [key(2), key(0), key(1)],
    );
  });

  test("pop skips a sender's remaining transactions", () => {
    const p = pool();
    ok(add(p, { key: 0, nonce: 0n, tip: 9n }));
    ok(add(p, { key: 0, nonce: 1n, tip: 9n }));
    ok(add(p, { key: 1, nonce: 0n, tip: 2n }));
    const it = p.best(1n);
    assert.equal(it.pop()?.tx.nonce, 0n);
    assert.equal(bytesToHex(it.shift()!.sender), key(1));
    assert.equal(it.peek(), undefined);
  });

  test("blob transactions below the blob base fee are not offered", () => {
    const p = pool({ blobForm: "canonical" });
    ok(add(p, { type: 3, blobFeeCap: 3n }));
    assert.equal([...p.best(1n, 4n)].length, 0);
    assert.equal([...p.best(1n, 3n)].length, 1);
  });
});

describe("txpool drop, clear and views", () => {
  test("drop demotes later nonces; clear empties", () => {
    const p = pool();
    const r0 = add(p, { nonce: 0n });
    ok(r0);
    ok(add(p, { nonce: 1n }));
    assert.equal(p.drop(r0.tx.hash), true);
    assert.equal(p.drop(r0.tx.hash), false);
    assert.deepEqual(p.status(), { pending: 0, queued: 1 });
    p.clear();
    assert.deepEqual(p.status(), { pending: 0, queued: 0 });
    assert.deepEqual(p.limitedCounts(), { pending: 0, queued: 0 });
  });

  test("content, inspect and status group by checksummed sender and nonce", () => {
    const p = pool();
    ok(add(p, { nonce: 0n, value: 7n, tip: 2n, cap: 10n }));
    ok(add(p, { nonce: 5n }));
    const c = poolContent(p);
    const [sender] = [...c.pending.keys()];
    assert.match(sender!, /^0x[0-9a-fA-F]{40}$/);
    assert.ok([...c.pending.get(sender!)!.keys()].includes("0"));
    assert.ok([...c.queued.get(sender!)!.keys()].includes("5"));
    const line = poolInspect(p).pending.get(sender!)!.get("0");
    assert.equal(line, `0x${"11".repeat(20)}: 7 wei + 21000 gas × 10 wei`);
    assert.deepEqual(poolStatus(p), { pending: 1, queued: 1 });
    assert.equal(poolContent(p, TO).pending.size, 0);
    assert.equal(poolContent(p, ADDRS[0]).pending.size, 1);
  });
});
