import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { addressFromHex, concatBytes, type Hash32 } from "../../primitives/index.js";
import { decodeRlp, encodeRlp, type RlpInput } from "../../rlp/index.js";
import {
  type BlobSidecar,
  BYTES_PER_BLOB,
  CELLS_PER_EXT_BLOB,
  decodePooledTransaction,
  encodePooledTransaction,
  kzgToVersionedHash,
} from "./blob-network.js";
import type { BlobTx } from "./blob-tx.js";
import { TxError } from "./errors.js";
import { decodeTransaction, encodeTransaction, signTransaction, transactionHash } from "./transaction.js";

const KEY = new Uint8Array(32).fill(7);

/** Commitments need not be real KZG points for the shape checks done here. */
function sidecarFor(count: number, version: 0 | 1): { sidecar: BlobSidecar; hashes: Hash32[] } {
  const blobs: Uint8Array[] = [];
  const commitments: Uint8Array[] = [];
  const proofs: Uint8Array[] = [];
  for (let i = 0; i < count; i++) {
    blobs.push(new Uint8Array(BYTES_PER_BLOB).fill(i + 1));
    commitments.push(new Uint8Array(48).fill(0xa0 + i));
    for (let j = 0; j < (version === 0 ? 1 : CELLS_PER_EXT_BLOB); j++) proofs.push(new Uint8Array(48).fill(j & 0xff));
  }
  return { sidecar: { version, blobs, commitments, proofs }, hashes: commitments.map((c) => kzgToVersionedHash(c) as Hash32) };
}

function blobTx(hashes: Hash32[]): BlobTx {
  return signTransaction(
    {
      type: 3,
      chainId: 1n,
      nonce: 0n,
      maxPriorityFeePerGas: 1n,
      maxFeePerGas: 100n,
      gasLimit: 21000n,
      to: addressFromHex("0x1000000000000000000000000000000000000001"),
      value: 0n,
      data: new Uint8Array(0),
      accessList: [],
      maxFeePerBlobGas: 1n,
      blobVersionedHashes: hashes,
    },
    KEY,
  ) as BlobTx;
}

const rejects = (bytes: Uint8Array, code: string) =>
  assert.throws(
    () => decodePooledTransaction(bytes),
    (e: unknown) => e instanceof TxError && e.code === code,
  );

describe("EIP-4844 network form", () => {
  for (const version of [0, 1] as const) {
    test(`version ${version} wrapper round-trips and keeps the canonical hash`, () => {
      const { sidecar, hashes } = sidecarFor(2, version);
      const tx = blobTx(hashes);
      const bytes = encodePooledTransaction({ tx, sidecar });
      assert.equal(bytes[0], 3);
      const pooled = decodePooledTransaction(bytes);
      assert.deepEqual(pooled.tx, tx);
      assert.deepEqual(pooled.sidecar, sidecar);
      assert.deepEqual(encodePooledTransaction(pooled), bytes);
      assert.deepEqual(transactionHash(pooled.tx), transactionHash(tx));
      // the canonical form is not a network form and the reverse
      assert.throws(() => decodeTransaction(bytes), TxError);
      rejects(encodeTransaction(tx), "BLOB_SIDECAR_INVALID");
    });
  }

  test("versioned hash is 0x01 || sha256(commitment)[1:]", () => {
    const h = kzgToVersionedHash(new Uint8Array(48));
    assert.equal(h[0], 1);
    assert.equal(h.length, 32);
  });

  test("inconsistent sidecars are rejected", () => {
    const { sidecar, hashes } = sidecarFor(2, 0);
    const tx = blobTx(hashes);
    const items = decodeRlp(encodePooledTransaction({ tx, sidecar }).subarray(1)) as RlpInput[];
    const wrap = (f: RlpInput[]) => concatBytes(Uint8Array.of(3), encodeRlp(f));
    rejects(wrap([items[0]!, (items[1] as RlpInput[]).slice(0, 1), items[2]!, items[3]!]), "BLOB_SIDECAR_INVALID"); // blob count
    rejects(wrap([items[0]!, items[1]!, items[2]!, (items[3] as RlpInput[]).slice(0, 1)]), "BLOB_SIDECAR_INVALID"); // proof count
    rejects(wrap([items[0]!, items[1]!, [...(items[2] as RlpInput[])].reverse(), items[3]!]), "BLOB_SIDECAR_INVALID"); // commitments swapped
    rejects(wrap([items[0]!, [new Uint8Array(10), new Uint8Array(10)], items[2]!, items[3]!]), "BLOB_SIDECAR_INVALID"); // blob size
    rejects(wrap([items[0]!, 2, items[1]!, items[2]!, items[3]!]), "BLOB_SIDECAR_INVALID"); // unknown wrapper version
    rejects(wrap([items[0]!, 1, items[1]!, items[2]!, items[3]!]), "BLOB_SIDECAR_INVALID"); // version 1 needs cell proofs
  });

  test("other types are pooled in their canonical form", () => {
    const tx = signTransaction(
      { type: 0, nonce: 1n, gasPrice: 1n, gasLimit: 21000n, to: undefined, value: 0n, data: new Uint8Array(0), chainId: 1n },
      KEY,
    );
    const bytes = encodePooledTransaction({ tx });
    assert.deepEqual(bytes, encodeTransaction(tx));
    assert.deepEqual(decodePooledTransaction(bytes), { tx });
  });
});
