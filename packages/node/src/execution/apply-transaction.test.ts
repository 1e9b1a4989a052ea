import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { delegationDesignator } from "../evm/index.js";
import { blobParamsFor, type Fork } from "../params/index.js";
import { type Address, type Hash32, hexToBytes } from "../primitives/index.js";
import { StateDb } from "../state/index.js";
import {
  recoverAuthority,
  recoverSender,
  signAuthorization,
  signTransaction,
  type Transaction,
  type UnsignedTransaction,
} from "../types/index.js";
import { applyTransaction } from "./apply-transaction.js";
import type { BlockEnv } from "./block-env.js";
import { createEngine } from "./evm-factory.js";

const KEY = new Uint8Array(32).fill(0x42);
const COINBASE = hexToBytes("0x00000000000000000000000000000000000c0ffe") as Address;
const TO = hexToBytes("0x0000000000000000000000000000000000001234") as Address;
const ETHER = 10n ** 18n;

function env(fork: Fork, overrides: Partial<BlockEnv> = {}): BlockEnv {
  return {
    fork,
    chainId: 1n,
    coinbase: COINBASE,
    number: 1n,
    timestamp: 1000n,
    gasLimit: 30_000_000n,
    prevRandao: new Uint8Array(32),
    baseFee: 7n,
    excessBlobGas: 0n,
    blobParams: blobParamsFor(fork),
    blockHash: () => new Uint8Array(32),
    ...overrides,
  };
}

function tx(fields: Partial<Record<string, unknown>> & { type: 0 | 2 | 3 | 4 }): Transaction {
  const common = { nonce: 0n, gasLimit: 100_000n, to: TO, value: 0n, data: new Uint8Array(0) };
  const fee = { chainId: 1n, maxFeePerGas: 10n, maxPriorityFeePerGas: 2n, accessList: [] };
  const byType: Record<number, UnsignedTransaction> = {
    0: { type: 0, ...common, gasPrice: 10n },
    2: { type: 2, ...fee, ...common },
    3: { type: 3, ...fee, ...common, maxFeePerBlobGas: 1n, blobVersionedHashes: [hexToBytes(`0x01${"00".repeat(31)}`) as Hash32] },
    4: { type: 4, ...fee, ...common, authorizationList: [] },
  };
  return signTransaction({ ...byType[fields.type], ...fields } as UnsignedTransaction, KEY);
}

function fundedState(sender: Address, balance = ETHER, code?: Uint8Array): StateDb {
  const s = new StateDb();
  s.putAccount(sender, code === undefined ? { balance } : { balance, code });
  s.computeRoot();
  return s;
}

const SENDER_ADDRESS = (() => {
  const r = recoverSender(tx({ type: 2 }), { fork: "Cancun", chainId: 1n });
  assert.ok(r.ok);
  return r.value.sender;
})();

describe("applyTransaction: fees", () => {
  test("a plain transfer: 21000 gas, the tip to the coinbase, the base fee burnt", () => {
    const s = fundedState(SENDER_ADDRESS);
    const r = applyTransaction(s, createEngine("Cancun"), env("Cancun"), tx({ type: 2, value: 5n }));
    assert.ok(r.ok);
    assert.equal(r.value.status, "success");
    assert.equal(r.value.gasUsed, 21000n);
    assert.equal(r.value.effectiveGasPrice, 9n); // min(10, 7 + 2)
    assert.equal(s.getBalance(SENDER_ADDRESS), ETHER - 5n - 21000n * 9n);
    assert.equal(s.getBalance(TO), 5n);
    assert.equal(s.getBalance(COINBASE), 21000n * 2n);
    assert.equal(s.getNonce(SENDER_ADDRESS), 1n);
  });

  test("a zero tip still touches the coinbase, so an empty coinbase is deleted (EIP-161)", () => {
    const s = fundedState(SENDER_ADDRESS);
    s.putAccount(COINBASE, {});
    s.computeRoot();
    const r = applyTransaction(s, createEngine("Cancun"), env("Cancun"), tx({ type: 2, maxPriorityFeePerGas: 0n }));
    assert.ok(r.ok);
    assert.equal(s.exists(COINBASE), false);
  });

  test("storage-clearing refunds are capped at gas used / 5 (EIP-3529)", () => {
    // Five SSTORE(k, 0) on slots holding 1: 5000 each with the cold access, refund 4800 each.
    const code = hexToBytes(`0x${[0, 1, 2, 3, 4].map((k) => `6000600${k}55`).join("")}`);
    const s = fundedState(SENDER_ADDRESS);
    s.putAccount(TO, { code, storage: [0n, 1n, 2n, 3n, 4n].map((k) => [k, 1n] as const) });
    s.computeRoot();
    const r = applyTransaction(s, createEngine("Cancun"), env("Cancun"), tx({ type: 2 }));
    assert.ok(r.ok);
    const spent = 21000n + 5n * (3n + 3n + 5000n);
    assert.equal(r.value.refund, spent / 5n);
    assert.equal(r.value.gasUsed, spent - spent / 5n);
    assert.equal(s.getStorage(TO, 3n), 0n);
  });

  test("EIP-7623 floor in Prague: calldata-heavy transactions pay at least the floor", () => {
    const data = new Uint8Array(100).fill(1);
    const s = fundedState(SENDER_ADDRESS);
    const r = applyTransaction(s, createEngine("Prague"), env("Prague"), tx({ type: 2, data }));
    assert.ok(r.ok);
    assert.equal(r.value.gasUsed, 21000n + 10n * 400n);
  });
});

describe("applyTransaction: rejections leave the state untouched", () => {
  const cases: [string, Transaction, Partial<BlockEnv>, string, bigint?, Uint8Array?][] = [
    ["nonce too high", tx({ type: 2, nonce: 1n }), {}, "NONCE_MISMATCH_TOO_HIGH"],
    ["max fee below base fee", tx({ type: 2 }), { baseFee: 11n }, "INSUFFICIENT_MAX_FEE_PER_GAS"],
    ["gas limit above the block's", tx({ type: 2 }), { gasLimit: 99_999n }, "GAS_ALLOWANCE_EXCEEDED"],
    ["balance below gas * max fee + value", tx({ type: 2, value: 1n }), {}, "INSUFFICIENT_ACCOUNT_FUNDS", 1_000_000n],
    ["sender with code (EIP-3607)", tx({ type: 2 }), {}, "SENDER_NOT_EOA", ETHER, Uint8Array.of(0x00)],
    ["blob fee below the blob base fee", tx({ type: 3 }), { excessBlobGas: 10_000_000n }, "INSUFFICIENT_MAX_FEE_PER_BLOB_GAS"],
    ["intrinsic gas (static check)", tx({ type: 2, gasLimit: 20_000n }), {}, "INTRINSIC_GAS_TOO_LOW"],
  ];
  for (const [what, t, overrides, code, balance, senderCode] of cases) {
    test(what, () => {
      const s = fundedState(SENDER_ADDRESS, balance ?? ETHER, senderCode);
      const root = s.computeRoot();
      const r = applyTransaction(s, createEngine("Cancun"), env("Cancun", overrides), t);
      assert.ok(!r.ok);
      assert.equal(r.error.code, code);
      assert.deepEqual(s.computeRoot(), root);
    });
  }

  test("a delegation designator does not make the sender a contract in Prague", () => {
    const s = fundedState(SENDER_ADDRESS, ETHER, delegationDesignator(TO));
    const r = applyTransaction(s, createEngine("Prague"), env("Prague"), tx({ type: 2 }));
    assert.ok(r.ok);
  });
});

describe("EIP-7702 authorizations", () => {
  const AUTH_KEY = new Uint8Array(32).fill(0x07);
  test("sets the designator and bumps the authority's nonce; refund for an existing authority", () => {
    const auth = signAuthorization({ chainId: 1n, address: TO, nonce: 0n }, AUTH_KEY);
    const s = fundedState(SENDER_ADDRESS);
    const r = applyTransaction(s, createEngine("Prague"), env("Prague"), tx({ type: 4, authorizationList: [auth] }));
    assert.ok(r.ok);
    const authority = recoverAuthority(auth)!;
    assert.equal(s.getNonce(authority), 1n);
    assert.deepEqual(s.getCode(authority), delegationDesignator(TO));
    // A new (absent) authority gets no refund: 21000 + 25000.
    assert.equal(r.value.gasUsed, 46000n);
  });

  test("an authority that exists gets PER_EMPTY_ACCOUNT_COST - PER_AUTH_BASE_COST back, within the refund cap", () => {
    const auth = signAuthorization({ chainId: 0n, address: TO, nonce: 0n }, AUTH_KEY);
    const s = fundedState(SENDER_ADDRESS);
    s.putAccount(recoverAuthority(auth)!, { balance: 1n });
    s.computeRoot();
    const r = applyTransaction(s, createEngine("Prague"), env("Prague"), tx({ type: 4, authorizationList: [auth] }));
    assert.ok(r.ok);
    assert.equal(r.value.refund, 46000n / 5n); // 12500 counted, capped at 9200
    assert.equal(r.value.gasUsed, 46000n - 9200n);
  });

  test("a tuple for another chain is skipped", () => {
    const auth = signAuthorization({ chainId: 5n, address: TO, nonce: 0n }, AUTH_KEY);
    const s = fundedState(SENDER_ADDRESS);
    const r = applyTransaction(s, createEngine("Prague"), env("Prague"), tx({ type: 4, authorizationList: [auth] }));
    assert.ok(r.ok);
    assert.equal(s.exists(recoverAuthority(auth)!), false);
  });
});
