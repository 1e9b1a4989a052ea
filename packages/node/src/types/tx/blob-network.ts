/**
 * types/tx/blob-network: the network ("pooled") form of EIP-4844 blob transactions, which
 * carries the blobs and their KZG commitments and proofs next to the canonical transaction:
 *
 * - version 0 (EIP-4844 networking): `0x03 || rlp([tx_payload_body, blobs, commitments, proofs])`
 *   with one proof per blob;
 * - version 1 (EIP-7594 cell proofs): `0x03 || rlp([tx_payload_body, 1, blobs, commitments,
 *   cell_proofs])` with CELLS_PER_EXT_BLOB proofs per blob.
 *
 * `tx_payload_body` is the 14-field list of the canonical form, so the transaction hash is the
 * same in both forms. Checked here: shapes, counts, sizes, and that every commitment hashes to
 * the matching versioned hash. Verifying the KZG proofs themselves needs a KZG library and
 * belongs to the layer that has one.
 */
import { sha256 } from "../../crypto/index.js";
import { concatBytes, equalBytes } from "../../primitives/index.js";
import { decodeRlp, encodeRlp, type RlpInput, type RlpItem } from "../../rlp/index.js";
import { type BlobTx, blobTxFields, decodeBlobTx, VERSIONED_HASH_VERSION_KZG } from "./blob-tx.js";
import { TxError, txErrorFromRlp } from "./errors.js";
import { decodeTransaction, encodeTransaction, type Transaction, TX_TYPE_BLOB } from "./transaction.js";

/** Bytes in one blob: FIELD_ELEMENTS_PER_BLOB (4096) * 32. */
export const BYTES_PER_BLOB = 131072;
export const BYTES_PER_COMMITMENT = 48;
export const BYTES_PER_PROOF = 48;
/** EIP-7594: cells per extended blob, and so cell proofs per blob in a version-1 wrapper. */
export const CELLS_PER_EXT_BLOB = 128;

export interface BlobSidecar {
  /** 0: one proof per blob (EIP-4844); 1: cell proofs (EIP-7594) */
  version: 0 | 1;
  blobs: Uint8Array[];
  commitments: Uint8Array[];
  proofs: Uint8Array[];
}

export interface PooledTransaction {
  tx: Transaction;
  /** present exactly for blob transactions */
  sidecar?: BlobSidecar | undefined;
}

/** kzg_to_versioned_hash: 0x01 || sha256(commitment)[1:]. */
export function kzgToVersionedHash(commitment: Uint8Array): Uint8Array {
  const h = sha256(commitment);
  h[0] = VERSIONED_HASH_VERSION_KZG;
  return h;
}

function byteStrings(item: RlpItem, size: number, what: string): Uint8Array[] {
  if (!Array.isArray(item)) throw new TxError("BLOB_SIDECAR_INVALID", `${what} must be a list`);
  return item.map((b, i) => {
    if (Array.isArray(b) || b.length !== size) throw new TxError("BLOB_SIDECAR_INVALID", `${what}[${i}] must be ${size} bytes`);
    return b.slice();
  });
}

/** Counts, sizes and commitment-to-hash agreement; undefined when consistent. */
export function checkBlobSidecar(tx: BlobTx, sidecar: BlobSidecar): TxError | undefined {
  const n = tx.blobVersionedHashes.length;
  if (sidecar.blobs.length !== n || sidecar.commitments.length !== n) {
    return new TxError(
      "BLOB_SIDECAR_INVALID",
      `${n} versioned hashes but ${sidecar.blobs.length} blobs and ${sidecar.commitments.length} commitments`,
    );
  }
  const proofsPerBlob = sidecar.version === 0 ? 1 : CELLS_PER_EXT_BLOB;
  if (sidecar.proofs.length !== n * proofsPerBlob) {
    return new TxError("BLOB_SIDECAR_INVALID", `${sidecar.proofs.length} proofs for ${n} blobs, expected ${n * proofsPerBlob}`);
  }
  for (let i = 0; i < n; i++) {
    if (sidecar.blobs[i]!.length !== BYTES_PER_BLOB) return new TxError("BLOB_SIDECAR_INVALID", `blob ${i} is not ${BYTES_PER_BLOB} bytes`);
    if (sidecar.commitments[i]!.length !== BYTES_PER_COMMITMENT)
      return new TxError("BLOB_SIDECAR_INVALID", `commitment ${i} is not 48 bytes`);
    if (!equalBytes(kzgToVersionedHash(sidecar.commitments[i]!), tx.blobVersionedHashes[i]!)) {
      return new TxError("BLOB_SIDECAR_INVALID", `commitment ${i} does not match versioned hash ${i}`);
    }
  }
  for (const [i, p] of sidecar.proofs.entries()) {
    if (p.length !== BYTES_PER_PROOF) return new TxError("BLOB_SIDECAR_INVALID", `proof ${i} is not 48 bytes`);
  }
  return undefined;
}

function decodeBlobNetworkPayload(bytes: Uint8Array): PooledTransaction {
  let item: RlpItem;
  try {
    item = decodeRlp(bytes);
  } catch (e) {
    throw txErrorFromRlp(e, "blob transaction network wrapper");
  }
  if (!Array.isArray(item)) throw new TxError("RLP_INVALID_HEADER", "blob transaction network wrapper must be an RLP list");
  let version: 0 | 1;
  let rest: RlpItem[];
  if (item.length === 4) {
    version = 0;
    rest = item.slice(1);
  } else if (item.length === 5) {
    const v = item[1];
    if (Array.isArray(v) || v.length !== 1 || v[0] !== 1)
      throw new TxError("BLOB_SIDECAR_INVALID", "unknown blob wrapper version (expected 1)");
    version = 1;
    rest = item.slice(2);
  } else {
    throw new TxError("BLOB_SIDECAR_INVALID", `blob network wrapper has ${item.length} fields, expected 4 or 5`);
  }
  const body = item[0];
  if (!Array.isArray(body)) throw new TxError("RLP_INVALID_HEADER", "blob transaction body must be an RLP list");
  const tx = decodeBlobTx(body);
  const sidecar: BlobSidecar = {
    version,
    blobs: byteStrings(rest[0], BYTES_PER_BLOB, "blobs"),
    commitments: byteStrings(rest[1], BYTES_PER_COMMITMENT, "commitments"),
    proofs: byteStrings(rest[2], BYTES_PER_PROOF, version === 0 ? "proofs" : "cell proofs"),
  };
  const err = checkBlobSidecar(tx, sidecar);
  if (err) throw err;
  return { tx, sidecar };
}

/**
 * Decodes a transaction as gossiped and served over devp2p (eth/68 PooledTransactions): blob
 * transactions must come in the network wrapper, all others in their canonical form.
 */
export function decodePooledTransaction(bytes: Uint8Array): PooledTransaction {
  if (bytes.length > 0 && bytes[0] === TX_TYPE_BLOB) return decodeBlobNetworkPayload(bytes.subarray(1));
  return { tx: decodeTransaction(bytes) };
}

export function encodePooledTransaction(pooled: PooledTransaction): Uint8Array {
  const { tx, sidecar } = pooled;
  if (tx.type !== TX_TYPE_BLOB) {
    if (sidecar) throw new TxError("BLOB_SIDECAR_INVALID", "only blob transactions carry a sidecar");
    return encodeTransaction(tx);
  }
  if (!sidecar) throw new TxError("BLOB_SIDECAR_INVALID", "a pooled blob transaction needs its sidecar");
  const items: RlpInput[] =
    sidecar.version === 0
      ? [blobTxFields(tx), sidecar.blobs, sidecar.commitments, sidecar.proofs]
      : [blobTxFields(tx), 1, sidecar.blobs, sidecar.commitments, sidecar.proofs];
  return concatBytes(Uint8Array.of(TX_TYPE_BLOB), encodeRlp(items));
}
