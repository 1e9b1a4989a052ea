/**
 * types/tx/blob-tx: EIP-4844 type-3 blob transactions in their canonical form (as they appear
 * in blocks and are hashed): `0x03 || rlp([chainId, nonce, maxPriorityFeePerGas, maxFeePerGas,
 * gasLimit, to, value, data, accessList, maxFeePerBlobGas, blobVersionedHashes, yParity, r, s])`.
 * Signing payload: `0x03 || rlp(the first eleven fields)`.
 *
 * A blob transaction cannot create a contract: `to` is required. The network form with blobs,
 * commitments and proofs is in blob-network.ts.
 */
import type { Address, Hash32 } from "../../primitives/index.js";
import type { RlpInput, RlpItem } from "../../rlp/index.js";
import { type AccessList, decodeAccessList, encodeAccessList } from "./access-list.js";
import { TxError } from "./errors.js";
import {
  CHAIN_ID,
  decodeData,
  decodeHash32,
  decodeTo,
  decodeU64,
  decodeU256,
  decodeYParity,
  expectFieldCount,
  GAS_LIMIT,
  MAX_BLOB_FEE,
  MAX_FEE,
  MAX_PRIORITY_FEE,
  NONCE,
  SIG_R,
  SIG_S,
  VALUE,
} from "./fields.js";

/** First byte of a KZG versioned hash (EIP-4844 VERSIONED_HASH_VERSION_KZG). */
export const VERSIONED_HASH_VERSION_KZG = 0x01;

export interface BlobTx {
  type: 3;
  chainId: bigint;
  nonce: bigint;
  maxPriorityFeePerGas: bigint;
  maxFeePerGas: bigint;
  gasLimit: bigint;
  to: Address;
  value: bigint;
  data: Uint8Array;
  accessList: AccessList;
  maxFeePerBlobGas: bigint;
  blobVersionedHashes: Hash32[];
  yParity: 0 | 1;
  r: bigint;
  s: bigint;
}

export type UnsignedBlobTx = Omit<BlobTx, "yParity" | "r" | "s">;

export function decodeBlobTx(list: RlpItem[]): BlobTx {
  expectFieldCount(list, 14, "EIP-4844 transaction");
  const hashes = list[10];
  if (!Array.isArray(hashes)) throw new TxError("RLP_INVALID_BLOB_VERSIONED_HASHES", "blob versioned hashes must be a list");
  return {
    type: 3,
    chainId: decodeU256(list[0], CHAIN_ID),
    nonce: decodeU64(list[1], NONCE),
    maxPriorityFeePerGas: decodeU256(list[2], MAX_PRIORITY_FEE),
    maxFeePerGas: decodeU256(list[3], MAX_FEE),
    gasLimit: decodeU64(list[4], GAS_LIMIT),
    to: decodeTo(list[5], "TYPE_3_TX_CONTRACT_CREATION")!,
    value: decodeU256(list[6], VALUE),
    data: decodeData(list[7]),
    accessList: decodeAccessList(list[8]),
    maxFeePerBlobGas: decodeU256(list[9], MAX_BLOB_FEE),
    blobVersionedHashes: hashes.map((h) =>
      decodeHash32(
        h,
        "RLP_INVALID_BLOB_VERSIONED_HASHES",
        "TYPE_3_TX_INVALID_BLOB_VERSIONED_HASH",
        "TYPE_3_TX_INVALID_BLOB_VERSIONED_HASH",
        "blob versioned hash",
      ),
    ),
    yParity: decodeYParity(list[11]),
    r: decodeU256(list[12], SIG_R),
    s: decodeU256(list[13], SIG_S),
  };
}

export function blobTxUnsignedFields(tx: UnsignedBlobTx): RlpInput[] {
  return [
    tx.chainId,
    tx.nonce,
    tx.maxPriorityFeePerGas,
    tx.maxFeePerGas,
    tx.gasLimit,
    tx.to,
    tx.value,
    tx.data,
    encodeAccessList(tx.accessList),
    tx.maxFeePerBlobGas,
    tx.blobVersionedHashes,
  ];
}

export function blobTxFields(tx: BlobTx): RlpInput[] {
  return [...blobTxUnsignedFields(tx), tx.yParity, tx.r, tx.s];
}
