/**
 * types/tx/sender: signature rules per fork and sender recovery.
 *
 * A transaction whose sender has been recovered is a `RecoveredTx` (DESIGN.md convention 6):
 * holding one means the signature passed the rules of the fork it was checked for.
 */
import { type Fork, forkAtLeast } from "../../params/index.js";
import type { Address } from "../../primitives/index.js";
import { TxError, type TxResult } from "./errors.js";
import { checkSignatureValues, parseLegacyV, recoverSigner } from "./signature.js";
import { signedTxSigningHash, type Transaction } from "./transaction.js";

export interface RecoveredTx {
  readonly tx: Transaction;
  readonly sender: Address;
}

/** What signature validity depends on: the fork's rules and the chain's id. */
export interface SignatureRules {
  fork: Fork;
  chainId: bigint;
}

/**
 * Checks `v`/y-parity, the chain id and the r/s ranges for `rules.fork`; returns the error or
 * undefined. Does not recover the key (see recoverSender).
 */
export function checkSignatureRules(tx: Transaction, rules: SignatureRules): TxError | undefined {
  if (tx.type !== 0) {
    if (tx.chainId !== rules.chainId)
      return new TxError("INVALID_CHAINID", `transaction chain id ${tx.chainId}, chain is ${rules.chainId}`);
    return checkSignatureValues(tx.r, tx.s, false);
  }
  const eip155 = forkAtLeast(rules.fork, "EIP158");
  const v = parseLegacyV(tx.v);
  if (v.kind === "eip155") {
    if (!eip155) return new TxError("INVALID_SIGNATURE_VRS", `v = ${tx.v} is an EIP-155 value, not valid before Spurious Dragon`);
    if (v.chainId !== rules.chainId)
      return new TxError("INVALID_CHAINID", `v = ${tx.v} signs for chain ${v.chainId}, chain is ${rules.chainId}`);
  } else if (v.kind === "invalid") {
    // Once EIP-155 is active, clients read any v other than 27/28 (and the bare parities 0/1)
    // as carrying a chain id, so the fixtures report a wrong v as a chain-id mismatch.
    if (eip155 && tx.v > 1n)
      return new TxError("INVALID_CHAINID", `v = ${tx.v} is neither 27/28 nor chainId*2+35/36 for chain ${rules.chainId}`);
    return new TxError("INVALID_SIGNATURE_VRS", `v = ${tx.v} is not 27 or 28${eip155 ? " nor an EIP-155 value" : ""}`);
  }
  return checkSignatureValues(tx.r, tx.s, !forkAtLeast(rules.fork, "Homestead"));
}

function yParityOf(tx: Transaction): 0 | 1 | undefined {
  if (tx.type !== 0) return tx.yParity;
  const v = parseLegacyV(tx.v);
  return v.kind === "invalid" ? undefined : v.yParity;
}

/**
 * A sender being recovered elsewhere (chain/sender-recovery: a worker thread recovering a block's
 * senders while the block executes). `take` returns the recovered address, or undefined when
 * the caller should recover it itself (not done yet, or it failed there).
 */
export interface SenderHint {
  take(): Address | undefined;
}

const hints = new WeakMap<Transaction, SenderHint>();

/**
 * Attaches a hint to this transaction object; the next `recoverSender` of it consumes it. The
 * hint must come from recovering this very transaction (the sender depends on the transaction
 * alone; the fork's signature rules are still checked here, before the hint is used).
 */
export function hintSender(tx: Transaction, hint: SenderHint): void {
  hints.set(tx, hint);
}

/** Checks the signature rules, then recovers the sender. Invalid input is a result, not a throw. */
export function recoverSender(tx: Transaction, rules: SignatureRules): TxResult<RecoveredTx> {
  const err = checkSignatureRules(tx, rules);
  if (err) return { ok: false, error: err };
  const hint = hints.get(tx);
  if (hint !== undefined) {
    hints.delete(tx);
    const sender = hint.take();
    if (sender !== undefined) return { ok: true, value: { tx, sender } };
  }
  const hash = signedTxSigningHash(tx);
  const yParity = yParityOf(tx);
  // checkSignatureRules has already rejected every v that signs no payload; this keeps the
  // types honest without an assertion.
  if (hash === undefined || yParity === undefined) return { ok: false, error: new TxError("INVALID_SIGNATURE_VRS", "v signs no payload") };
  const sender = recoverSigner(hash, tx.r, tx.s, yParity);
  if (!sender) return { ok: false, error: new TxError("EC_RECOVERY_FAIL", "no public key recovers from this signature") };
  return { ok: true, value: { tx, sender } };
}
