import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { privateKeyToAddress } from "../../crypto/index.js";
import { type Address, addressFromHex, bytesToHex, concatBytes, type Hash32, hash32FromHex, hexToBytes } from "../../primitives/index.js";
import { decodeRlp, encodeRlp, type RlpInput } from "../../rlp/index.js";
import type { AccessList } from "./access-list.js";
import { signAuthorization } from "./authorization.js";
import { TxError } from "./errors.js";
import { recoverSender } from "./sender.js";
import {
  decodeTransaction,
  encodeTransaction,
  signedTxSigningHash,
  signingHash,
  signTransaction,
  type Transaction,
  transactionHash,
  tryDecodeTransaction,
  type UnsignedTransaction,
} from "./transaction.js";

const KEY = hexToBytes("0x45a915e4d060149eb4365960e6a7a45f334393093061116b197e3240065ff2d8");
const SENDER = privateKeyToAddress(KEY);
const TO: Address = addressFromHex("0x095e7baea6a6c7c4c2dfeb977efac326af552d87");
const ACCESS_LIST: AccessList = [
  { address: TO, storageKeys: [hash32FromHex(`0x${"00".repeat(31)}01`), hash32FromHex(`0x${"ff".repeat(32)}`)] },
  { address: addressFromHex("0x000000000000000000000000000000000000aaaa"), storageKeys: [] },
];
const BLOB_HASH: Hash32 = hash32FromHex("0x01a915e4d060149eb4365960e6a7a45f334393093061116b197e3240065ff2d8");

const common = { nonce: 7n, gasLimit: 100_000n, to: TO, value: 12345n, data: hexToBytes("0x00ff0102") };

const UNSIGNED_EXAMPLES: Record<string, UnsignedTransaction> = {
  "legacy (pre-EIP-155)": { type: 0, ...common, gasPrice: 10n ** 9n },
  "legacy (EIP-155)": { type: 0, ...common, gasPrice: 10n ** 9n, chainId: 1n },
  "legacy creation": { type: 0, ...common, to: undefined, gasPrice: 1n },
  "EIP-2930": { type: 1, chainId: 1n, ...common, gasPrice: 10n ** 9n, accessList: ACCESS_LIST },
  "EIP-1559": { type: 2, chainId: 1n, ...common, maxPriorityFeePerGas: 2n, maxFeePerGas: 10n ** 10n, accessList: ACCESS_LIST },
  "EIP-1559 creation": { type: 2, chainId: 1n, ...common, to: undefined, maxPriorityFeePerGas: 0n, maxFeePerGas: 7n, accessList: [] },
  "EIP-4844": {
    type: 3,
    chainId: 1n,
    ...common,
    maxPriorityFeePerGas: 2n,
    maxFeePerGas: 10n ** 10n,
    accessList: ACCESS_LIST,
    maxFeePerBlobGas: 10n,
    blobVersionedHashes: [BLOB_HASH, BLOB_HASH],
  },
  "EIP-7702": {
    type: 4,
    chainId: 1n,
    ...common,
    maxPriorityFeePerGas: 2n,
    maxFeePerGas: 10n ** 10n,
    accessList: [],
    authorizationList: [signAuthorization({ chainId: 0n, address: TO, nonce: 8n }, KEY)],
  },
};

function expectCode(bytes: Uint8Array, code: string): void {
  assert.throws(
    () => decodeTransaction(bytes),
    (e: unknown) => e instanceof TxError && e.code === code,
    `expected ${code}`,
  );
}

describe("transactions of every type", () => {
  for (const [name, unsigned] of Object.entries(UNSIGNED_EXAMPLES)) {
    test(`${name}: sign, encode, decode, hash, recover`, () => {
      const tx = signTransaction(unsigned, KEY);
      assert.equal(tx.type, unsigned.type);
      const bytes = encodeTransaction(tx);
      if (tx.type === 0) assert.ok(bytes[0]! >= 0xc0, "legacy is a bare RLP list");
      else assert.equal(bytes[0], tx.type, "typed envelope starts with the type byte");
      const decoded = decodeTransaction(bytes);
      assert.deepEqual(decoded, tx);
      assert.deepEqual(encodeTransaction(decoded), bytes);
      // decodeTransaction keeps its input as the encoding; a copy of the fields must encode to it.
      assert.deepEqual(encodeTransaction({ ...decoded } as Transaction), bytes);
      const framed = concatBytes(Uint8Array.of(0xee, 0xee), bytes, Uint8Array.of(0xee));
      const fromView = decodeTransaction(framed.subarray(2, 2 + bytes.length));
      assert.equal(bytesToHex(encodeTransaction(fromView)), bytesToHex(bytes));
      assert.equal(bytesToHex(transactionHash(fromView)), bytesToHex(transactionHash(tx)));
      assert.equal(bytesToHex(transactionHash(decoded)), bytesToHex(transactionHash(tx)));
      assert.deepEqual(signedTxSigningHash(decoded), signingHash(unsigned));
      const rec = recoverSender(decoded, { fork: "Prague", chainId: 1n });
      assert.ok(rec.ok, rec.ok ? "" : rec.error.message);
      assert.deepEqual(rec.value.sender, SENDER);
      assert.equal(rec.value.tx, decoded);
    });
  }

  test("a different key or a changed field recovers a different sender", () => {
    const tx = signTransaction(UNSIGNED_EXAMPLES["EIP-1559"]!, KEY);
    const changed = { ...tx, value: tx.value + 1n } as Transaction;
    const rec = recoverSender(changed, { fork: "Prague", chainId: 1n });
    assert.ok(!rec.ok || bytesToHex(rec.value.sender) !== bytesToHex(SENDER));
  });

  test("typed transactions must match the configured chain id", () => {
    const tx = signTransaction(UNSIGNED_EXAMPLES["EIP-2930"]!, KEY);
    const rec = recoverSender(tx, { fork: "Prague", chainId: 5n });
    assert.ok(!rec.ok && rec.error.code === "INVALID_CHAINID");
  });
});

describe("strict decoding of typed transactions", () => {
  const tx1559 = encodeTransaction(signTransaction(UNSIGNED_EXAMPLES["EIP-1559"]!, KEY));
  const fields = decodeRlp(tx1559.subarray(1)) as RlpInput[];
  const with1559 = (i: number, value: RlpInput): Uint8Array =>
    concatBytes(Uint8Array.of(2), encodeRlp(fields.map((f, j) => (j === i ? value : f))));

  test("envelope rules", () => {
    expectCode(concatBytes(tx1559, Uint8Array.of(0)), "RLP_ERROR_SIZE"); // trailing byte
    expectCode(Uint8Array.of(2), "RLP_ERROR_EOF");
    expectCode(concatBytes(Uint8Array.of(5), tx1559.subarray(1)), "TYPE_NOT_SUPPORTED");
    expectCode(concatBytes(Uint8Array.of(0x7f), tx1559.subarray(1)), "TYPE_NOT_SUPPORTED");
    expectCode(concatBytes(Uint8Array.of(2), encodeRlp(hexToBytes("0x1234"))), "RLP_INVALID_HEADER");
    expectCode(encodeRlp(tx1559), "TYPE_NOT_SUPPORTED"); // wrapped in an RLP string
    expectCode(concatBytes(Uint8Array.of(2), encodeRlp(fields.slice(0, 11))), "RLP_TOO_FEW_ELEMENTS");
    expectCode(concatBytes(Uint8Array.of(2), encodeRlp([...fields, 0])), "RLP_TOO_MANY_ELEMENTS");
    const r = tryDecodeTransaction(Uint8Array.of(0x09, 0xc0));
    assert.ok(!r.ok && r.error.code === "TYPE_NOT_SUPPORTED");
  });

  test("field rules", () => {
    expectCode(with1559(0, Uint8Array.of(0, 1)), "RLP_LEADING_ZEROS_CHAINID");
    expectCode(with1559(1, new Uint8Array(9).fill(1)), "NONCE_OVERFLOW");
    expectCode(with1559(2, Uint8Array.of(0, 2)), "RLP_LEADING_ZEROS_PRIORITY_FEE");
    expectCode(with1559(3, new Uint8Array(33).fill(1)), "GASPRICE_OVERFLOW");
    expectCode(with1559(4, new Uint8Array(9).fill(1)), "GASLIMIT_OVERFLOW");
    expectCode(with1559(5, new Uint8Array(21)), "ADDRESS_TOO_LONG");
    expectCode(with1559(7, []), "RLP_INVALID_DATA");
    expectCode(with1559(8, new Uint8Array(0)), "RLP_INVALID_ACCESS_LIST");
    expectCode(with1559(8, [[new Uint8Array(19), []]]), "RLP_INVALID_ACCESS_LIST_ADDRESS_TOO_SHORT");
    expectCode(with1559(8, [[new Uint8Array(20), [new Uint8Array(31)]]]), "RLP_INVALID_ACCESS_LIST_STORAGE_TOO_SHORT");
    expectCode(with1559(8, [[new Uint8Array(20), [new Uint8Array(33)]]]), "RLP_INVALID_ACCESS_LIST_STORAGE_TOO_LONG");
    expectCode(with1559(8, [[new Uint8Array(20)]]), "RLP_INVALID_ACCESS_LIST");
    expectCode(with1559(9, 2), "INVALID_SIGNATURE_VRS"); // y-parity is 0 or 1
    expectCode(with1559(10, Uint8Array.of(0, 1)), "RLP_LEADING_ZEROS_R");
    expectCode(with1559(11, []), "RLP_INVALID_SIGNATURE_S");
  });

  test("blob and set-code transactions cannot create contracts", () => {
    for (const [name, code] of [
      ["EIP-4844", "TYPE_3_TX_CONTRACT_CREATION"],
      ["EIP-7702", "TYPE_4_TX_CONTRACT_CREATION"],
    ] as const) {
      const bytes = encodeTransaction(signTransaction(UNSIGNED_EXAMPLES[name]!, KEY));
      const f = decodeRlp(bytes.subarray(1)) as RlpInput[];
      f[5] = new Uint8Array(0);
      expectCode(concatBytes(bytes.subarray(0, 1), encodeRlp(f)), code);
    }
  });

  test("blob versioned hashes are 32 bytes", () => {
    const bytes = encodeTransaction(signTransaction(UNSIGNED_EXAMPLES["EIP-4844"]!, KEY));
    const f = decodeRlp(bytes.subarray(1)) as RlpInput[];
    f[10] = [new Uint8Array(31)];
    expectCode(concatBytes(Uint8Array.of(3), encodeRlp(f)), "TYPE_3_TX_INVALID_BLOB_VERSIONED_HASH");
    f[10] = new Uint8Array(32);
    expectCode(concatBytes(Uint8Array.of(3), encodeRlp(f)), "RLP_INVALID_BLOB_VERSIONED_HASHES");
  });

  test("authorization tuples are bounded", () => {
    const bytes = encodeTransaction(signTransaction(UNSIGNED_EXAMPLES["EIP-7702"]!, KEY));
    const f = decodeRlp(bytes.subarray(1)) as RlpInput[];
    const tuple = (f[9] as RlpInput[][])[0]!;
    const withTuple = (i: number, v: RlpInput) => {
      const g = [...f];
      g[9] = [tuple.map((x, j) => (j === i ? v : x))];
      return concatBytes(Uint8Array.of(4), encodeRlp(g));
    };
    expectCode(withTuple(2, new Uint8Array(9).fill(1)), "RLP_INVALID_AUTHORIZATION_FIELD"); // nonce >= 2^64
    expectCode(withTuple(3, 256), "RLP_INVALID_AUTHORIZATION_FIELD"); // y-parity >= 2^8
    expectCode(withTuple(0, new Uint8Array(33).fill(1)), "RLP_INVALID_AUTHORIZATION_FIELD"); // chain id >= 2^256
    expectCode(withTuple(1, new Uint8Array(19)), "RLP_INVALID_AUTHORIZATION_ADDRESS");
    // y-parity 255 is within bounds: the tuple decodes (and is skipped at execution)
    const decoded = decodeTransaction(withTuple(3, 255));
    assert.ok(decoded.type === 4 && decoded.authorizationList[0]!.yParity === 255);
  });
});
