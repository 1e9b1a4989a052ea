/**
 * execution/block-system-calls: calls the protocol makes to its own contracts around a block's
 * transactions. Each is a message from SYSTEM_ADDRESS with 30,000,000 gas and no value that
 * nobody pays for and that uses none of the block's gas; it runs as its own transaction scope
 * (fresh warm sets, touched empty accounts removed after it, EIP-161).
 *
 * - EIP-4788 (Cancun): before the transactions, the beacon roots contract receives the parent
 *   beacon block root;
 * - EIP-2935 (Prague): before the transactions, the history storage contract receives the
 *   parent's hash;
 * - EIP-7002 and EIP-7251 (Prague): after the transactions and withdrawals, the withdrawal
 *   request and consolidation request contracts are called with empty data and return the
 *   requests they dequeued (block-requests.ts).
 * The first two are unchecked: without code at the address nothing happens. The request calls
 * are checked: a contract without code, or a call that fails, makes the block invalid.
 */
import type { ExecutionResult } from "../evm/index.js";
import { type Address, addressFromHex, addressToHex, EMPTY_BYTES } from "../primitives/index.js";
import type { StateDb, StateDiff } from "../state/index.js";
import type { ExecutionEngine } from "./apply-transaction.js";
import { type BlockEnv, blockContextOf } from "./block-env.js";
import { BlockValidationError } from "./block-error.js";
import { precompileWarmList } from "./pre-execution.js";
import { StateHost } from "./state-host.js";

export const SYSTEM_ADDRESS: Address = addressFromHex("0xfffffffffffffffffffffffffffffffffffffffe");
/** EIP-4788 */
export const BEACON_ROOTS_ADDRESS: Address = addressFromHex("0x000f3df6d732807ef1319fb7b8bb8522d0beac02");
/** EIP-2935 */
export const HISTORY_STORAGE_ADDRESS: Address = addressFromHex("0x0000f90827f1c53a10cb7a02335b175320002935");
/** EIP-7002 */
export const WITHDRAWAL_REQUEST_ADDRESS: Address = addressFromHex("0x00000961ef480eb55e80d19ad83579a64c007002");
/** EIP-7251 */
export const CONSOLIDATION_REQUEST_ADDRESS: Address = addressFromHex("0x0000bbddc7ce488642fb579f8b00f3a590007251");
export const SYSTEM_CALL_GAS = 30_000_000n;

export interface SystemCallResult {
  readonly result: ExecutionResult;
  readonly diff: StateDiff;
}

/** One system call to `target` with `data`, as its own transaction scope. */
export function systemCall(state: StateDb, engine: ExecutionEngine, env: BlockEnv, target: Address, data: Uint8Array): SystemCallResult {
  state.beginTransaction();
  // The warm set a message starts with (EIP-2929): caller, target and the precompiles.
  state.accessAddress(SYSTEM_ADDRESS);
  state.accessAddress(target);
  state.warmForTransaction(precompileWarmList(engine.precompiles));
  const result = engine.evm.executeMessage(
    new StateHost(state, env.blockHash),
    blockContextOf(env),
    { origin: SYSTEM_ADDRESS, gasPrice: 0n, blobHashes: [] },
    { caller: SYSTEM_ADDRESS, to: target, value: 0n, data, gas: SYSTEM_CALL_GAS },
  );
  const diff = state.finalizeTransaction(true);
  return { result, diff };
}

/**
 * A request system call (EIP-7002, EIP-7251): the contract must have code and the call must
 * succeed, else the block is invalid. Returns the call's output (the request data).
 */
export function checkedSystemCall(
  state: StateDb,
  engine: ExecutionEngine,
  env: BlockEnv,
  target: Address,
): { output: Uint8Array; diff: StateDiff } {
  if (state.getCode(target).length === 0)
    throw new BlockValidationError("SYSTEM_CONTRACT_EMPTY", `system contract ${addressToHex(target)} has no code`);
  const { result, diff } = systemCall(state, engine, env, target, EMPTY_BYTES);
  if (result.status !== "success")
    throw new BlockValidationError(
      "SYSTEM_CONTRACT_CALL_FAILED",
      `system contract ${addressToHex(target)} call ended in ${result.status}${result.error ? ` (${result.error})` : ""}`,
    );
  return { output: result.output, diff };
}
