/**
 * rpc/eth/estimate: eth_estimateGas as go-ethereum's eth/gasestimator.Estimate and
 * internal/ethapi DoEstimateGas compute it:
 * - the upper bound is the block gas limit, or the caller's gas when it is at least 21000,
 *   lowered to what the sender's balance can pay at the fee cap, then to the RPC gas cap;
 * - a plain transfer to an account without code is tried at 21000 first;
 * - a run at the upper bound decides failure (revert: code 3 with the data; anything else:
 *   "gas required exceeds allowance (N)");
 * - then the optimistic limit (used + refund + 2300) * 64 / 63, and a binary search skewed to
 *   the low side (mid at most twice lo) that stops once within 1.5% (estimateGasErrorRatio).
 */
import type { Chain } from "../../chain/index.js";
import type { TxOutcome } from "../../execution/index.js";
import { GAS_PER_BLOB } from "../../params/index.js";
import { ZERO_ADDRESS } from "../../primitives/index.js";
import type { SealedHeader } from "../../types/index.js";
import { RpcError, SERVER_ERROR } from "../errors.js";
import {
  type CallArgs,
  type CallLimits,
  CallPrecheckError,
  type CallScope,
  checkFeeArgs,
  prepareCall,
  RPC_CALL_TIMEOUT_MS,
  RPC_GAS_CAP,
  revertError,
  runPrepared,
  withCallTimeout,
} from "./call.js";

/** params.TxGas */
const TX_GAS = 21_000n;
/** params.CallStipend */
const CALL_STIPEND = 2_300n;
/** geth's estimateGasErrorRatio. */
export const ESTIMATE_ERROR_RATIO = 0.015;

interface Attempt {
  readonly failed: boolean;
  readonly outcome: TxOutcome | undefined;
}

export function estimateGas(chain: Chain, header: SealedHeader, args: CallArgs, scope: CallScope = {}, limits: CallLimits = {}): bigint {
  checkFeeArgs(args);
  const gasCap = limits.gasCap ?? RPC_GAS_CAP;
  return withCallTimeout(limits.timeoutMs ?? RPC_CALL_TIMEOUT_MS, () => estimate(chain, header, args, scope, gasCap));
}

function estimate(chain: Chain, header: SealedHeader, args: CallArgs, scope: CallScope, gasCap: bigint): bigint {
  // CallDefaults with Gas = 0 when absent: a given gas above the cap is capped first.
  const given = args.gas === undefined ? 0n : args.gas > gasCap ? gasCap : args.gas;
  let hi = given >= TX_GAS ? given : header.header.gasLimit;
  if (scope.blockOverrides?.gasLimit !== undefined && given < TX_GAS) hi = scope.blockOverrides.gasLimit;

  const probe = prepareCall(chain, header, scope);
  const feeCap = args.maxFeePerGas ?? args.gasPrice ?? 0n;
  if (feeCap !== 0n) {
    let available = probe.state.getBalance(args.from ?? ZERO_ADDRESS);
    const value = args.value ?? 0n;
    if (value >= available) throw new RpcError(SERVER_ERROR, "insufficient funds for transfer");
    available -= value;
    const blobs = args.blobVersionedHashes?.length ?? 0;
    if (blobs > 0) {
      const blobCost = BigInt(blobs) * GAS_PER_BLOB * (args.maxFeePerBlobGas ?? 0n);
      if (blobCost >= available) throw new RpcError(SERVER_ERROR, "insufficient funds for gas * price + value");
      available -= blobCost;
    }
    const allowance = available / feeCap;
    if (allowance < 1n << 64n && hi > allowance) hi = allowance;
  }
  if (hi > gasCap) hi = gasCap;

  const execute = (gas: bigint): Attempt => {
    try {
      const outcome = runPrepared(prepareCall(chain, header, scope), args, gas);
      return { failed: outcome.status !== "success", outcome };
    } catch (e) {
      if (e instanceof CallPrecheckError) {
        if (e.intrinsic) return { failed: true, outcome: undefined };
        throw new RpcError(SERVER_ERROR, `failed with ${gas} gas: ${e.message}`);
      }
      throw e;
    }
  };

  const data = args.data ?? new Uint8Array(0);
  if (data.length === 0 && args.to !== undefined && probe.state.getCodeSize(args.to) === 0) {
    // Any failure here, even a refusal, only means "search properly" (geth ignores its error).
    let plain: Attempt | undefined;
    try {
      plain = execute(TX_GAS);
    } catch (e) {
      if (!(e instanceof RpcError)) throw e;
    }
    if (plain !== undefined && !plain.failed) return TX_GAS;
  }
  const first = execute(hi);
  if (first.failed) {
    const o = first.outcome;
    if (o !== undefined && o.status === "revert") throw revertError(o);
    if (o !== undefined && o.error !== undefined && o.error !== "out of gas") throw new RpcError(SERVER_ERROR, o.error);
    throw new RpcError(SERVER_ERROR, `gas required exceeds allowance (${hi})`);
  }
  const used = first.outcome!.gasUsed;
  let lo = used - 1n;
  const optimistic = ((used + first.outcome!.refund + CALL_STIPEND) * 64n) / 63n;
  if (optimistic < hi) {
    if (execute(optimistic).failed) lo = optimistic;
    else hi = optimistic;
  }
  while (lo + 1n < hi) {
    if (Number(hi - lo) / Number(hi) < ESTIMATE_ERROR_RATIO) break;
    let mid = (hi + lo) / 2n;
    if (mid > lo * 2n) mid = lo * 2n;
    if (execute(mid).failed) lo = mid;
    else hi = mid;
  }
  return hi;
}
