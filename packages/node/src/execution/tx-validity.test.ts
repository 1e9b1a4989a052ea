import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { Fork } from "../params/index.js";
import { type Address, type Hash32, UINT64_MAX, UINT256_MAX } from "../primitives/index.js";
import { signAuthorization, signTransaction, type Transaction, type UnsignedTransaction } from "../types/index.js";
import { checkTransactionStatic, validateTransaction } from "./tx-validity.js";

const KEY = new Uint8Array(32).fill(0x42);
const TO = new Uint8Array(20).fill(0x11) as Address;
const BLOB_HASH = (() => {
  const h = new Uint8Array(32).fill(0x22);
  h[0] = 1;
  return h as Hash32;
})();
const base = { nonce: 0n, gasLimit: 100_000n, to: TO, value: 0n, data: new Uint8Array(0) };
const fees = { maxPriorityFeePerGas: 1n, maxFeePerGas: 10n };

function tx(overrides: Partial<Record<string, unknown>> & { type: 0 | 1 | 2 | 3 | 4 }): Transaction {
  const byType: Record<number, UnsignedTransaction> = {
    0: { type: 0, ...base, gasPrice: 10n, chainId: 1n },
    1: { type: 1, chainId: 1n, ...base, gasPrice: 10n, accessList: [] },
    2: { type: 2, chainId: 1n, ...base, ...fees, accessList: [] },
    3: { type: 3, chainId: 1n, ...base, ...fees, accessList: [], maxFeePerBlobGas: 1n, blobVersionedHashes: [BLOB_HASH] },
    4: {
      type: 4,
      chainId: 1n,
      ...base,
      ...fees,
      accessList: [],
      authorizationList: [signAuthorization({ chainId: 1n, address: TO, nonce: 0n }, KEY)],
    },
  };
  return signTransaction({ ...byType[overrides.type], ...overrides } as UnsignedTransaction, KEY);
}

function code(t: Transaction, fork: Fork): string | undefined {
  const r = validateTransaction(t, { fork, chainId: 1n });
  const s = checkTransactionStatic(t, { fork, chainId: 1n });
  // no case here fails in key recovery, so the static checks must report the same error
  assert.equal(s.ok ? undefined : s.error.code, r.ok ? undefined : r.error.code);
  return r.ok ? undefined : r.error.code;
}

describe("static transaction validity", () => {
  test("each type starts at its fork", () => {
    assert.equal(code(tx({ type: 0 }), "EIP158"), undefined);
    assert.equal(code(tx({ type: 1 }), "Istanbul"), "TYPE_NOT_SUPPORTED");
    assert.equal(code(tx({ type: 1 }), "Berlin"), undefined);
    assert.equal(code(tx({ type: 2 }), "Berlin"), "TYPE_NOT_SUPPORTED");
    assert.equal(code(tx({ type: 2 }), "London"), undefined);
    assert.equal(code(tx({ type: 3 }), "Shanghai"), "TYPE_3_TX_PRE_FORK");
    assert.equal(code(tx({ type: 3 }), "Cancun"), undefined);
    assert.equal(code(tx({ type: 4 }), "Cancun"), "TYPE_4_TX_PRE_FORK");
    assert.equal(code(tx({ type: 4 }), "Prague"), undefined);
  });

  test("a valid transaction yields its sender and intrinsic gas", () => {
    const r = validateTransaction(tx({ type: 2, data: new Uint8Array([0, 1]) }), { fork: "Prague", chainId: 1n });
    assert.ok(r.ok);
    assert.equal(r.value.intrinsic.gas, 21000n + 4n + 16n);
    assert.equal(r.value.intrinsic.floor, 21000n + 10n * 5n);
    assert.equal(r.value.recovered.sender.length, 20);
  });

  test("fee rules", () => {
    assert.equal(code(tx({ type: 2, maxPriorityFeePerGas: 11n }), "London"), "PRIORITY_GREATER_THAN_MAX_FEE_PER_GAS");
    assert.equal(code(tx({ type: 2, maxFeePerGas: UINT256_MAX, maxPriorityFeePerGas: 0n }), "London"), "GASLIMIT_PRICE_PRODUCT_OVERFLOW");
    assert.equal(code(tx({ type: 0, gasPrice: UINT256_MAX / 100_000n }), "London"), undefined);
    assert.equal(code(tx({ type: 0, gasPrice: UINT256_MAX / 100_000n + 1n }), "London"), "GASLIMIT_PRICE_PRODUCT_OVERFLOW");
    assert.equal(code(tx({ type: 2, maxFeePerGas: UINT256_MAX + 1n }), "London"), "GASPRICE_OVERFLOW");
  });

  test("integer bounds (EIP-2681 nonce limit)", () => {
    assert.equal(code(tx({ type: 0, nonce: UINT64_MAX - 1n }), "Cancun"), undefined);
    assert.equal(code(tx({ type: 0, nonce: UINT64_MAX }), "Cancun"), "NONCE_TOO_BIG");
    assert.equal(code(tx({ type: 0, nonce: UINT64_MAX + 1n }), "Cancun"), "NONCE_OVERFLOW");
    assert.equal(code(tx({ type: 0, value: UINT256_MAX + 1n }), "Cancun"), "VALUE_OVERFLOW");
  });

  test("gas limit covers intrinsic gas, and the calldata floor from Prague (EIP-7623)", () => {
    assert.equal(code(tx({ type: 2, gasLimit: 20999n }), "Cancun"), "INTRINSIC_GAS_TOO_LOW");
    assert.equal(code(tx({ type: 2, gasLimit: 21000n }), "Cancun"), undefined);
    const data = new Uint8Array(100).fill(1); // intrinsic 22600, floor 25000
    assert.equal(code(tx({ type: 2, gasLimit: 22600n, data }), "Cancun"), undefined);
    assert.equal(code(tx({ type: 2, gasLimit: 22600n, data }), "Prague"), "INTRINSIC_GAS_BELOW_FLOOR_GAS_COST");
    assert.equal(code(tx({ type: 2, gasLimit: 25000n, data }), "Prague"), undefined);
    assert.equal(code(tx({ type: 4, gasLimit: 45999n }), "Prague"), "INTRINSIC_GAS_TOO_LOW");
    assert.equal(code(tx({ type: 4, gasLimit: 46000n }), "Prague"), undefined);
  });

  test("init code limit from Shanghai (EIP-3860)", () => {
    const big = (n: number) => tx({ type: 2, to: undefined, data: new Uint8Array(n).fill(1), gasLimit: 2_000_000n });
    assert.equal(code(big(49152), "Shanghai"), undefined);
    assert.equal(code(big(49153), "Shanghai"), "INITCODE_SIZE_EXCEEDED");
    assert.equal(code(big(49153), "Paris"), undefined);
  });

  test("blob transactions (EIP-4844, EIP-7691, EIP-7594)", () => {
    const blobs = (n: number) => tx({ type: 3, blobVersionedHashes: Array(n).fill(BLOB_HASH) });
    assert.equal(code(blobs(0), "Cancun"), "TYPE_3_TX_ZERO_BLOBS");
    assert.equal(code(blobs(6), "Cancun"), undefined);
    assert.equal(code(blobs(7), "Cancun"), "TYPE_3_TX_MAX_BLOB_GAS_ALLOWANCE_EXCEEDED");
    assert.equal(code(blobs(9), "Prague"), undefined);
    assert.equal(code(blobs(10), "Prague"), "TYPE_3_TX_MAX_BLOB_GAS_ALLOWANCE_EXCEEDED");
    assert.equal(code(blobs(7), "Osaka"), "TYPE_3_TX_BLOB_COUNT_EXCEEDED");
    const badVersion = new Uint8Array(32) as Hash32;
    assert.equal(code(tx({ type: 3, blobVersionedHashes: [badVersion] }), "Cancun"), "TYPE_3_TX_INVALID_BLOB_VERSIONED_HASH");
  });

  test("set-code transactions need an authorization (EIP-7702)", () => {
    assert.equal(code(tx({ type: 4, authorizationList: [] }), "Prague"), "TYPE_4_EMPTY_AUTHORIZATION_LIST");
  });

  test("transaction gas limit cap in Osaka (EIP-7825)", () => {
    assert.equal(code(tx({ type: 2, gasLimit: 1n << 24n }), "Osaka"), undefined);
    assert.equal(code(tx({ type: 2, gasLimit: (1n << 24n) + 1n }), "Osaka"), "GAS_LIMIT_EXCEEDS_MAXIMUM");
    assert.equal(code(tx({ type: 2, gasLimit: (1n << 24n) + 1n }), "Prague"), undefined);
  });

  test("signature rules and chain id", () => {
    const t = tx({ type: 2 });
    const r = validateTransaction(t, { fork: "London", chainId: 5n });
    assert.ok(!r.ok && r.error.code === "INVALID_CHAINID");
    assert.equal(code({ ...t, s: 0n } as Transaction, "London"), "INVALID_SIGNATURE_VRS");
    const legacy = tx({ type: 0 });
    assert.equal(code(legacy, "Homestead"), "INVALID_SIGNATURE_VRS"); // EIP-155 v before Spurious Dragon
    assert.equal(code(legacy, "EIP158"), undefined);
  });
});
