/**
 * execution/apply-transaction: one transaction through its named phases,
 *
 *   validate -> pre-execution -> execute -> post-execution
 *
 * over a StateDb, in the block `env`. A rejected transaction leaves the state untouched and
 * comes back as a TxRejection; an included one (whether its code succeeded, reverted or
 * halted) comes back as a receipt-like outcome with the transaction's StateDiff.
 */
import type { Evm, ExecutionStatus, PrecompileSet, TxContext } from "../evm/index.js";
import type { Address } from "../primitives/index.js";
import type { Log, StateDb, StateDiff } from "../state/index.js";
import type { Transaction } from "../types/index.js";
import { type BlockEnv, blockContextOf } from "./block-env.js";
import { postExecution } from "./post-execution.js";
import { preExecution } from "./pre-execution.js";
import type { TxRejection } from "./rejection.js";
import { StateHost } from "./state-host.js";
import { type ValidatedTx, validateTx } from "./validate.js";

export interface TxOutcome {
  readonly status: ExecutionStatus;
  /** Why execution halted (out of gas, invalid opcode, ...), for a halt. */
  readonly error: string | undefined;
  /** Gas charged after refunds and the EIP-7623 floor. */
  readonly gasUsed: bigint;
  readonly blobGasUsed: bigint;
  readonly refund: bigint;
  /** Return data, or revert data. */
  readonly output: Uint8Array;
  readonly logs: readonly Log[];
  readonly createdAddress: Address | undefined;
  readonly sender: Address;
  readonly effectiveGasPrice: bigint;
  readonly diff: StateDiff;
}

export type ApplyResult = { ok: true; value: TxOutcome } | { ok: false; error: TxRejection };

export interface ApplyOptions {
  /** Gas the block has not used yet; the block gas limit by default. */
  blockGasLeft?: bigint;
  /** The sender, when the caller knows it (a producer's pool recovered it): not recovered again. */
  sender?: Address;
  /** The sender is a developer chain's impersonated account (may have code: EIP-3607 is not applied). */
  impersonated?: boolean;
}

/** The EVM and precompiles of the block's fork, built once by the caller (see evm-factory). */
export interface ExecutionEngine {
  readonly evm: Evm;
  readonly precompiles: PrecompileSet;
}

export function applyTransaction(
  state: StateDb,
  engine: ExecutionEngine,
  env: BlockEnv,
  tx: Transaction,
  options: ApplyOptions = {},
): ApplyResult {
  const validated = validateTx(state, env, tx, options.blockGasLeft, options.sender, options.impersonated);
  if (!validated.ok) return validated;
  return { ok: true, value: executeValidated(state, engine, env, validated.value) };
}

/** Pre-execution, execution and post-execution of a transaction that passed validation. */
export function executeValidated(state: StateDb, engine: ExecutionEngine, env: BlockEnv, v: ValidatedTx): TxOutcome {
  const { tx, sender } = v;
  state.beginTransaction();
  const gas = preExecution(state, env, v, engine.precompiles);
  const txContext: TxContext = {
    origin: sender,
    gasPrice: v.effectiveGasPrice,
    blobHashes: tx.type === 3 ? tx.blobVersionedHashes : [],
  };
  const host = new StateHost(state, env.blockHash);
  const result = engine.evm.executeMessage(host, blockContextOf(env), txContext, {
    caller: sender,
    to: tx.to,
    value: tx.value,
    data: tx.data,
    gas,
  });
  const logs = state.logs;
  const settled = postExecution(state, env, v, result.gasLeft);
  return {
    status: result.status,
    error: result.error,
    gasUsed: settled.gasUsed,
    blobGasUsed: v.blobGas,
    refund: settled.refund,
    output: result.output,
    logs,
    createdAddress: result.createdAddress,
    sender,
    effectiveGasPrice: v.effectiveGasPrice,
    diff: settled.diff,
  };
}
