/**
 * execution/tx-validity: the static checks a transaction must pass for a fork, before and
 * independently of any state (balances and nonces are checked by the transaction phases):
 *
 * - the fork knows the type (1: Berlin, EIP-2930; 2: London, EIP-1559; 3: Cancun, EIP-4844;
 *   4: Prague, EIP-7702);
 * - integer bounds (nonce and gas limit below 2^64, fees and value below 2^256), and
 *   nonce < 2^64 - 1 (EIP-2681);
 * - max priority fee <= max fee, and gas limit * gas price below 2^256;
 * - gas limit >= intrinsic gas, and >= the EIP-7623 floor in Prague;
 * - init code size <= 49152 bytes from Shanghai (EIP-3860), gas limit cap in Osaka (EIP-7825);
 * - blob transactions: at least one blob, KZG-versioned hashes, blob count within the limits;
 * - set-code transactions: a non-empty authorization list;
 * - the signature rules of the fork (EIP-2 low s, EIP-155 from Spurious Dragon, chain id).
 *
 * Invalid transactions are ordinary input here: results carry a TxError, nothing is thrown.
 */
import { type Fork, forkAtLeast, type TxGasSchedule, txGasSchedule } from "../params/index.js";
import { UINT64_MAX, UINT256_MAX } from "../primitives/index.js";
import {
  checkSignatureRules,
  type RecoveredTx,
  recoverSender,
  type Transaction,
  TxError,
  type TxErrorCode,
  type TxResult,
  VERSIONED_HASH_VERSION_KZG,
} from "../types/index.js";
import { type IntrinsicGas, intrinsicGasWith } from "./intrinsic-gas.js";

export interface TxValidityRules {
  fork: Fork;
  chainId: bigint;
}

/** The fork that introduced each transaction type. */
const TYPE_SINCE: Record<Transaction["type"], Fork> = { 0: "Frontier", 1: "Berlin", 2: "London", 3: "Cancun", 4: "Prague" };
const PRE_FORK_CODE: Record<Transaction["type"], TxErrorCode> = {
  0: "TYPE_NOT_SUPPORTED",
  1: "TYPE_NOT_SUPPORTED",
  2: "TYPE_NOT_SUPPORTED",
  3: "TYPE_3_TX_PRE_FORK",
  4: "TYPE_4_TX_PRE_FORK",
};

function fail<T>(code: TxErrorCode, message: string): TxResult<T> {
  return { ok: false, error: new TxError(code, message) };
}

function err(code: TxErrorCode, message: string): TxError {
  return new TxError(code, message);
}

/** The price per gas the sender commits to at most: gasPrice, or maxFeePerGas (EIP-1559). */
export function maxGasPrice(tx: Transaction): bigint {
  return tx.type === 0 || tx.type === 1 ? tx.gasPrice : tx.maxFeePerGas;
}

function checkBounds(tx: Transaction): TxError | undefined {
  if (tx.nonce < 0n || tx.nonce > UINT64_MAX) return err("NONCE_OVERFLOW", "nonce does not fit 64 bits");
  if (tx.gasLimit < 0n || tx.gasLimit > UINT64_MAX) return err("GASLIMIT_OVERFLOW", "gas limit does not fit 64 bits");
  if (tx.value < 0n || tx.value > UINT256_MAX) return err("VALUE_OVERFLOW", "value does not fit 256 bits");
  if (tx.type === 0 || tx.type === 1) {
    if (tx.gasPrice < 0n || tx.gasPrice > UINT256_MAX) return err("GASPRICE_OVERFLOW", "gas price does not fit 256 bits");
  } else {
    if (tx.maxPriorityFeePerGas < 0n || tx.maxPriorityFeePerGas > UINT256_MAX)
      return err("PRIORITY_OVERFLOW", "max priority fee does not fit 256 bits");
    if (tx.maxFeePerGas < 0n || tx.maxFeePerGas > UINT256_MAX) return err("GASPRICE_OVERFLOW", "max fee does not fit 256 bits");
  }
  if (tx.type === 3 && (tx.maxFeePerBlobGas < 0n || tx.maxFeePerBlobGas > UINT256_MAX))
    return err("BLOB_FEE_OVERFLOW", "max fee per blob gas does not fit 256 bits");
  return undefined;
}

function checkBlobs(tx: Transaction & { type: 3 }, schedule: TxGasSchedule): TxError | undefined {
  const count = tx.blobVersionedHashes.length;
  if (count === 0) return err("TYPE_3_TX_ZERO_BLOBS", "a blob transaction carries at least one blob");
  for (const h of tx.blobVersionedHashes) {
    if (h[0] !== VERSIONED_HASH_VERSION_KZG)
      return err("TYPE_3_TX_INVALID_BLOB_VERSIONED_HASH", `versioned hash starts with 0x${h[0]!.toString(16)}, expected 0x01`);
  }
  if (BigInt(count) * schedule.blobGasPerBlob > schedule.maxBlobGasPerBlock) {
    return err("TYPE_3_TX_MAX_BLOB_GAS_ALLOWANCE_EXCEEDED", `${count} blobs exceed the blob gas one block may hold`);
  }
  if (schedule.maxBlobsPerTx !== undefined && count > schedule.maxBlobsPerTx) {
    return err("TYPE_3_TX_BLOB_COUNT_EXCEEDED", `${count} blobs, a transaction may carry ${schedule.maxBlobsPerTx}`);
  }
  return undefined;
}

/**
 * Every static check except recovering the sender's key. On success returns the intrinsic gas
 * (and floor) the transaction will be charged.
 */
export function checkTransactionStatic(tx: Transaction, rules: TxValidityRules): TxResult<IntrinsicGas> {
  const early = checkTypeAndSignature(tx, rules);
  if (early) return early;
  return checkLimits(tx, rules);
}

export interface ValidTx {
  recovered: RecoveredTx;
  intrinsic: IntrinsicGas;
}

/**
 * All static checks and sender recovery: what a block or pool needs before execution. The
 * order is the reference clients' (type, signature, sender, then gas and size limits), so the
 * first error reported is the one the fixtures name.
 */
export function validateTransaction(tx: Transaction, rules: TxValidityRules): TxResult<ValidTx> {
  const early = checkTypeAndSignature(tx, rules);
  if (early) return early;
  const rec = recoverSender(tx, rules);
  if (!rec.ok) return rec;
  const limits = checkLimits(tx, rules);
  if (!limits.ok) return limits;
  return { ok: true, value: { recovered: rec.value, intrinsic: limits.value } };
}

function checkTypeAndSignature(tx: Transaction, rules: TxValidityRules): { ok: false; error: TxError } | undefined {
  if (!forkAtLeast(rules.fork, TYPE_SINCE[tx.type])) {
    return {
      ok: false,
      error: new TxError(
        PRE_FORK_CODE[tx.type],
        `type-${tx.type} transactions start at ${TYPE_SINCE[tx.type]}, not valid in ${rules.fork}`,
      ),
    };
  }
  const sig = checkSignatureRules(tx, rules);
  return sig ? { ok: false, error: sig } : undefined;
}

function checkLimits(tx: Transaction, rules: TxValidityRules): TxResult<IntrinsicGas> {
  const bounds = checkBounds(tx);
  if (bounds) return { ok: false, error: bounds };
  // EIP-2681: the sender's nonce can never reach 2^64 - 1, so no transaction may carry it.
  if (tx.nonce >= UINT64_MAX) return fail("NONCE_TOO_BIG", "nonce must be below 2^64 - 1 (EIP-2681)");
  if (tx.type !== 0 && tx.type !== 1 && tx.maxPriorityFeePerGas > tx.maxFeePerGas) {
    return fail("PRIORITY_GREATER_THAN_MAX_FEE_PER_GAS", `max priority fee ${tx.maxPriorityFeePerGas} exceeds max fee ${tx.maxFeePerGas}`);
  }
  if (tx.gasLimit * maxGasPrice(tx) > UINT256_MAX)
    return fail("GASLIMIT_PRICE_PRODUCT_OVERFLOW", "gas limit * gas price does not fit 256 bits");

  const schedule = txGasSchedule(rules.fork);
  const intrinsic = intrinsicGasWith(tx, schedule);
  if (tx.gasLimit < intrinsic.gas)
    return fail("INTRINSIC_GAS_TOO_LOW", `gas limit ${tx.gasLimit} is below the intrinsic gas ${intrinsic.gas}`);
  if (tx.gasLimit < intrinsic.floor) {
    return fail("INTRINSIC_GAS_BELOW_FLOOR_GAS_COST", `gas limit ${tx.gasLimit} is below the calldata floor ${intrinsic.floor} (EIP-7623)`);
  }
  if (tx.to === undefined && schedule.maxInitCodeSize !== undefined && tx.data.length > schedule.maxInitCodeSize) {
    return fail("INITCODE_SIZE_EXCEEDED", `init code of ${tx.data.length} bytes exceeds ${schedule.maxInitCodeSize} (EIP-3860)`);
  }
  if (schedule.maxTxGasLimit !== undefined && tx.gasLimit > schedule.maxTxGasLimit) {
    return fail("GAS_LIMIT_EXCEEDS_MAXIMUM", `gas limit ${tx.gasLimit} exceeds the cap ${schedule.maxTxGasLimit} (EIP-7825)`);
  }
  if (tx.type === 3) {
    const blobs = checkBlobs(tx, schedule);
    if (blobs) return { ok: false, error: blobs };
  }
  if (tx.type === 4 && tx.authorizationList.length === 0) {
    return fail("TYPE_4_EMPTY_AUTHORIZATION_LIST", "a set-code transaction needs at least one authorization (EIP-7702)");
  }
  return { ok: true, value: intrinsic };
}
