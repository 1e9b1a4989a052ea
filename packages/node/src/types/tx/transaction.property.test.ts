import assert from "node:assert/strict";
import { describe, test } from "node:test";
import fc from "fast-check";
import { privateKeyToAddress, SECP256K1_N } from "../../crypto/index.js";
import type { Address, Hash32 } from "../../primitives/index.js";
import type { AccessList } from "./access-list.js";
import type { Authorization } from "./authorization.js";
import { TxError } from "./errors.js";
import { recoverSender } from "./sender.js";
import { decodeTransaction, encodeTransaction, signTransaction, type Transaction, type UnsignedTransaction } from "./transaction.js";

const u64 = fc.bigInt({ min: 0n, max: (1n << 64n) - 1n });
const u256 = fc.bigInt({ min: 0n, max: (1n << 256n) - 1n });
const scalar = fc.bigInt({ min: 1n, max: SECP256K1_N - 1n });
const address = fc.uint8Array({ minLength: 20, maxLength: 20 }).map((b) => b as Address);
const hash32 = fc.uint8Array({ minLength: 32, maxLength: 32 }).map((b) => b as Hash32);
const data = fc.uint8Array({ maxLength: 120 });
const to = fc.option(address, { nil: undefined });
const parity = fc.constantFrom(0 as const, 1 as const);
// fc.record builds null-prototype objects; spread them so deepEqual compares like with like.
const accessList: fc.Arbitrary<AccessList> = fc.array(
  fc.record({ address, storageKeys: fc.array(hash32, { maxLength: 3 }) }).map((e) => ({ ...e })),
  { maxLength: 3 },
);
const authorization: fc.Arbitrary<Authorization> = fc
  .record({
    chainId: u256,
    address,
    nonce: u64,
    yParity: fc.integer({ min: 0, max: 255 }),
    r: u256,
    s: u256,
  })
  .map((a) => ({ ...a }));
const signature = fc.record({ yParity: parity, r: u256, s: u256 });
const legacyV = fc.oneof(
  fc.constantFrom(27n, 28n),
  fc.tuple(u64, parity).map(([c, p]) => c * 2n + 35n + BigInt(p)),
  u256,
);

const unsignedBase = { nonce: u64, gasLimit: u64, value: u256, data };

const unsignedByType: Record<string, fc.Arbitrary<UnsignedTransaction>> = {
  legacy: fc.record({
    type: fc.constant(0 as const),
    ...unsignedBase,
    to,
    gasPrice: u256,
    chainId: fc.option(u64, { nil: undefined }),
  }),
  "EIP-2930": fc.record({ type: fc.constant(1 as const), chainId: u256, ...unsignedBase, to, gasPrice: u256, accessList }),
  "EIP-1559": fc.record({
    type: fc.constant(2 as const),
    chainId: u256,
    ...unsignedBase,
    to,
    maxPriorityFeePerGas: u256,
    maxFeePerGas: u256,
    accessList,
  }),
  "EIP-4844": fc.record({
    type: fc.constant(3 as const),
    chainId: u256,
    ...unsignedBase,
    to: address,
    maxPriorityFeePerGas: u256,
    maxFeePerGas: u256,
    accessList,
    maxFeePerBlobGas: u256,
    blobVersionedHashes: fc.array(hash32, { maxLength: 6 }),
  }),
  "EIP-7702": fc.record({
    type: fc.constant(4 as const),
    chainId: u256,
    ...unsignedBase,
    to: address,
    maxPriorityFeePerGas: u256,
    maxFeePerGas: u256,
    accessList,
    authorizationList: fc.array(authorization, { maxLength: 3 }),
  }),
};

/** Any signed shape, including signatures no key produced: the codec must not care. */
function signedShape(unsigned: UnsignedTransaction, sig: { yParity: 0 | 1; r: bigint; s: bigint }, v: bigint): Transaction {
  if (unsigned.type === 0) {
    const { nonce, gasPrice, gasLimit, to, value, data } = unsigned;
    return { type: 0, nonce, gasPrice, gasLimit, to, value, data, v, r: sig.r, s: sig.s };
  }
  return { ...unsigned, ...sig } as Transaction;
}

describe("transaction codecs (property)", () => {
  for (const [name, arb] of Object.entries(unsignedByType)) {
    test(`${name}: encode/decode round-trips`, () => {
      fc.assert(
        fc.property(arb, signature, legacyV, (unsigned, sig, v) => {
          const tx = signedShape(unsigned, sig, v);
          const bytes = encodeTransaction(tx);
          const decoded = decodeTransaction(bytes);
          assert.deepEqual(decoded, tx);
          assert.deepEqual(encodeTransaction(decoded), bytes);
        }),
        { numRuns: 150 },
      );
    });

    test(`${name}: a signed transaction recovers its signer`, () => {
      fc.assert(
        fc.property(arb, scalar, (unsigned, key) => {
          const privateKey = new Uint8Array(32);
          for (let i = 31, k = key; i >= 0; i--, k >>= 8n) privateKey[i] = Number(k & 0xffn);
          const tx = decodeTransaction(encodeTransaction(signTransaction(unsigned, privateKey)));
          const chainId = tx.type === 0 ? (unsigned.type === 0 && unsigned.chainId !== undefined ? unsigned.chainId : 1n) : tx.chainId;
          const rec = recoverSender(tx, { fork: "Prague", chainId });
          assert.ok(rec.ok, rec.ok ? "" : rec.error.message);
          assert.deepEqual(rec.value.sender, privateKeyToAddress(privateKey));
        }),
        { numRuns: 40 },
      );
    });
  }

  test("corrupted encodings are rejected with TxError or decode to a transaction that re-encodes", () => {
    const anyUnsigned = fc.oneof(...Object.values(unsignedByType));
    fc.assert(
      fc.property(anyUnsigned, signature, legacyV, fc.nat(), fc.integer({ min: 0, max: 255 }), (unsigned, sig, v, pos, byte) => {
        const bytes = encodeTransaction(signedShape(unsigned, sig, v)).slice();
        bytes[pos % bytes.length] = byte;
        try {
          const tx = decodeTransaction(bytes);
          assert.deepEqual(encodeTransaction(tx), bytes, "strict decoding accepts only canonical encodings");
        } catch (e) {
          if (!(e instanceof TxError)) throw e;
        }
      }),
      { numRuns: 400 },
    );
  });
});
