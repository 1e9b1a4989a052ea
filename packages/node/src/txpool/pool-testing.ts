/**
 * txpool/pool-testing: helpers for the pool's tests: signed transactions of each type from a
 * few fixed keys, and a map-backed PoolStateReader.
 */
import { privateKeyToAddress } from "../crypto/index.js";
import type { Address, Hash32 } from "../primitives/index.js";
import { bytesToHex } from "../primitives/index.js";
import {
  type BlobSidecar,
  BYTES_PER_BLOB,
  kzgToVersionedHash,
  signTransaction,
  type Transaction,
  type UnsignedTransaction,
} from "../types/index.js";
import type { PoolStateReader } from "./config.js";

export const CHAIN_ID = 1n;
export const KEYS = [1, 2, 3, 4, 5, 6].map((b) => new Uint8Array(32).fill(b));
export const ADDRS: Address[] = KEYS.map((k) => privateKeyToAddress(k));
export const TO = new Uint8Array(20).fill(0x11) as Address;
export const RICH = 10n ** 24n;

export interface TxSpec {
  key?: number;
  nonce?: bigint;
  type?: 0 | 2 | 3;
  tip?: bigint;
  cap?: bigint;
  gasLimit?: bigint;
  value?: bigint;
  data?: Uint8Array;
  blobFeeCap?: bigint;
  chainId?: bigint;
}

/** The point at infinity, compressed: the KZG commitment and every proof of a blob of zeros. */
export const G1_INFINITY = Uint8Array.from({ length: 48 }, (_, i) => (i === 0 ? 0xc0 : 0));
const COMMITMENT = G1_INFINITY;
export const BLOB_HASH = kzgToVersionedHash(COMMITMENT) as Hash32;

/** One blob of zeros with its real commitment and proof (the pool verifies KZG proofs). */
export const SIDECAR: BlobSidecar = {
  version: 0,
  blobs: [new Uint8Array(BYTES_PER_BLOB)],
  commitments: [COMMITMENT],
  proofs: [G1_INFINITY],
};

export function makeTx(s: TxSpec = {}): Transaction {
  const common = {
    nonce: s.nonce ?? 0n,
    gasLimit: s.gasLimit ?? 21_000n,
    to: TO,
    value: s.value ?? 0n,
    data: s.data ?? new Uint8Array(0),
  };
  const chainId = s.chainId ?? CHAIN_ID;
  const type = s.type ?? 2;
  let u: UnsignedTransaction;
  if (type === 0) u = { type: 0, ...common, gasPrice: s.cap ?? 10n, chainId };
  else if (type === 2) u = { type: 2, chainId, ...common, maxPriorityFeePerGas: s.tip ?? 2n, maxFeePerGas: s.cap ?? 10n, accessList: [] };
  else
    u = {
      type: 3,
      chainId,
      ...common,
      maxPriorityFeePerGas: s.tip ?? 2n,
      maxFeePerGas: s.cap ?? 10n,
      accessList: [],
      maxFeePerBlobGas: s.blobFeeCap ?? 1n,
      blobVersionedHashes: [BLOB_HASH],
    };
  return signTransaction(u, KEYS[s.key ?? 0]!);
}

export class MapState implements PoolStateReader {
  readonly nonces = new Map<string, bigint>();
  readonly balances = new Map<string, bigint>();
  constructor(private readonly defaultBalance = RICH) {}
  nonce(a: Address): bigint {
    return this.nonces.get(bytesToHex(a)) ?? 0n;
  }
  balance(a: Address): bigint {
    return this.balances.get(bytesToHex(a)) ?? this.defaultBalance;
  }
  set(a: Address, nonce: bigint, balance?: bigint): this {
    this.nonces.set(bytesToHex(a), nonce);
    if (balance !== undefined) this.balances.set(bytesToHex(a), balance);
    return this;
  }
}
