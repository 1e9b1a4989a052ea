/**
 * execution/post-execution: settling a transaction after its code ran:
 * - gas used = gas limit - gas left, minus the refund counter capped at gas used / 5
 *   (EIP-3529; / 2 before London), and never below the EIP-7623 calldata floor (Prague);
 * - the sender gets the unused gas back at the effective gas price;
 * - the coinbase gets the priority fee, (effective gas price - base fee) * gas used; the base
 *   fee (EIP-1559) and the blob fee (EIP-4844) are burnt, i.e. credited to nobody;
 * - self-destructed accounts and, from Spurious Dragon, touched empty accounts are deleted
 *   (EIP-161), which ends the transaction in the state and yields its diff.
 */
import { forkAtLeast, maxRefundQuotient } from "../params/index.js";
import type { StateDb, StateDiff } from "../state/index.js";
import type { BlockEnv } from "./block-env.js";
import type { ValidatedTx } from "./validate.js";

export interface Settlement {
  /** Gas the transaction is charged (and adds to the block's gas used). */
  readonly gasUsed: bigint;
  /** The refund granted (after the cap). */
  readonly refund: bigint;
  readonly diff: StateDiff;
}

export function postExecution(state: StateDb, env: BlockEnv, v: ValidatedTx, gasLeft: bigint): Settlement {
  const { tx, sender } = v;
  const spent = tx.gasLimit - gasLeft;
  const counter = BigInt(state.getRefund());
  const cap = spent / maxRefundQuotient(env.fork);
  let refund = counter < 0n ? 0n : counter;
  if (refund > cap) refund = cap;
  let gasUsed = spent - refund;
  if (gasUsed < v.intrinsic.floor) gasUsed = v.intrinsic.floor;

  state.addBalance(sender, (tx.gasLimit - gasUsed) * v.effectiveGasPrice);
  const tip = forkAtLeast(env.fork, "London") ? v.effectiveGasPrice - env.baseFee : v.effectiveGasPrice;
  // A zero fee still touches the coinbase, so an empty coinbase is deleted (EIP-161).
  state.addBalance(env.coinbase, gasUsed * tip);

  const diff = state.finalizeTransaction(forkAtLeast(env.fork, "EIP158"));
  return { gasUsed, refund, diff };
}
