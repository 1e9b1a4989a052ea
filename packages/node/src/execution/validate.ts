/**
 * execution/validate: the validate phase. A transaction is valid in a block when
 * - it passes the static checks of its fork (tx-validity.ts: type, signature and sender,
 *   bounds, intrinsic gas and EIP-7623 floor, init-code size, blob and authorization shapes);
 * - its gas limit fits in what the block has left;
 * - its max fee covers the base fee (EIP-1559), and its max blob fee the blob base fee, with
 *   no more blobs than the block's schedule allows (EIP-4844, EIP-7691);
 * - its nonce equals the sender's, which is below 2^64 - 1 (EIP-2681);
 * - the sender has no code, or only an EIP-7702 delegation designator (EIP-3607);
 * - the sender's balance covers gas limit * max fee + value + blob gas * max blob fee.
 * Validation reads state and changes nothing. It computes what later phases charge: the
 * effective gas price and the blob gas.
 */
import { delegationTarget } from "../evm/index.js";
import { forkAtLeast, GAS_PER_BLOB } from "../params/index.js";
import { type Address, UINT64_MAX } from "../primitives/index.js";
import type { StateDb } from "../state/index.js";
import type { Transaction } from "../types/index.js";
import { type BlockEnv, blobBaseFeeOf } from "./block-env.js";
import type { IntrinsicGas } from "./intrinsic-gas.js";
import { TxRejection, type TxRejectionCode } from "./rejection.js";
import { checkTransactionStatic, maxGasPrice, validateTransaction } from "./tx-validity.js";

export interface ValidatedTx {
  readonly tx: Transaction;
  readonly sender: Address;
  readonly intrinsic: IntrinsicGas;
  /** Price per gas actually paid: gasPrice, or min(maxFee, baseFee + maxPriorityFee). */
  readonly effectiveGasPrice: bigint;
  /** EIP-4844 blob gas (0 for other types) and the price per unit of it in this block. */
  readonly blobGas: bigint;
  readonly blobBaseFee: bigint;
}

export type ValidationResult = { ok: true; value: ValidatedTx } | { ok: false; error: TxRejection };

function reject(code: TxRejectionCode, message: string): ValidationResult {
  return { ok: false, error: new TxRejection(code, message) };
}

export function effectiveGasPrice(tx: Transaction, baseFee: bigint): bigint {
  if (tx.type === 0 || tx.type === 1) return tx.gasPrice;
  const capped = baseFee + tx.maxPriorityFeePerGas;
  // bigints: Math.min does not apply
  if (capped < tx.maxFeePerGas) return capped;
  return tx.maxFeePerGas;
}

/**
 * Validates `tx` for execution on `state` in the block `env`; `blockGasLeft` is the gas the
 * block has not used yet (its whole gas limit for the first transaction).
 */
export function validateTx(
  state: StateDb,
  env: BlockEnv,
  tx: Transaction,
  blockGasLeft: bigint = env.gasLimit,
  knownSender?: Address,
  /** a developer chain's impersonated sender: EIP-3607 does not apply (anvil disables it) */
  impersonated = false,
): ValidationResult {
  const fork = env.fork;
  let sender: Address;
  let intrinsic: IntrinsicGas;
  if (knownSender === undefined) {
    const checked = validateTransaction(tx, { fork, chainId: env.chainId });
    if (!checked.ok) return { ok: false, error: new TxRejection(checked.error.code, checked.error.detail) };
    sender = checked.value.recovered.sender;
    intrinsic = checked.value.intrinsic;
  } else {
    // A producer that already knows the sender (its pool recovered it, or a developer chain
    // impersonates it) skips recovery; every other static check still runs.
    const checked = checkTransactionStatic(tx, { fork, chainId: env.chainId });
    if (!checked.ok) return { ok: false, error: new TxRejection(checked.error.code, checked.error.detail) };
    sender = knownSender;
    intrinsic = checked.value;
  }

  if (tx.gasLimit > blockGasLeft)
    return reject("GAS_ALLOWANCE_EXCEEDED", `gas limit ${tx.gasLimit} exceeds the ${blockGasLeft} gas the block has left`);

  const maxFee = maxGasPrice(tx);
  const london = forkAtLeast(fork, "London");
  if (london && maxFee < env.baseFee)
    return reject("INSUFFICIENT_MAX_FEE_PER_GAS", `max fee per gas ${maxFee} is below the base fee ${env.baseFee}`);

  let blobGas = 0n;
  let maxBlobFee = 0n;
  const blobBaseFee = blobBaseFeeOf(env);
  if (tx.type === 3) {
    const count = tx.blobVersionedHashes.length;
    const max = env.blobParams?.max ?? 0;
    if (count > max) return reject("TYPE_3_TX_MAX_BLOB_GAS_ALLOWANCE_EXCEEDED", `${count} blobs, a block may hold ${max}`);
    if (tx.maxFeePerBlobGas < blobBaseFee)
      return reject(
        "INSUFFICIENT_MAX_FEE_PER_BLOB_GAS",
        `max fee per blob gas ${tx.maxFeePerBlobGas} is below the blob base fee ${blobBaseFee}`,
      );
    blobGas = BigInt(count) * GAS_PER_BLOB;
    maxBlobFee = blobGas * tx.maxFeePerBlobGas;
  }

  const nonce = state.getNonce(sender);
  if (nonce >= UINT64_MAX) return reject("NONCE_IS_MAX", "the sender's nonce is 2^64 - 1 (EIP-2681)");
  if (tx.nonce < nonce) return reject("NONCE_MISMATCH_TOO_LOW", `nonce ${tx.nonce}, the sender's is ${nonce}`);
  if (tx.nonce > nonce) return reject("NONCE_MISMATCH_TOO_HIGH", `nonce ${tx.nonce}, the sender's is ${nonce}`);

  const code = impersonated ? undefined : state.getCode(sender);
  if (code !== undefined && code.length > 0 && !(forkAtLeast(fork, "Prague") && delegationTarget(code) !== undefined)) {
    return reject("SENDER_NOT_EOA", "the sender has code (EIP-3607)");
  }

  const balance = state.getBalance(sender);
  const cost = tx.gasLimit * maxFee + tx.value + maxBlobFee;
  if (balance < cost) return reject("INSUFFICIENT_ACCOUNT_FUNDS", `balance ${balance} is below the ${cost} the transaction may cost`);

  return {
    ok: true,
    value: {
      tx,
      sender,
      intrinsic,
      effectiveGasPrice: london ? effectiveGasPrice(tx, env.baseFee) : maxFee,
      blobGas,
      blobBaseFee,
    },
  };
}
