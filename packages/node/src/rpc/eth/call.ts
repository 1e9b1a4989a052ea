/**
 * rpc/eth/call: eth_call and the message runs behind eth_estimateGas and eth_createAccessList
 * (go-ethereum's internal/ethapi doCall / applyMessage). A call runs the message on a StateDb
 * opened at the block's state root that is never committed, so the chain's state is untouched;
 * state and block overrides (overrides.ts) change only that throwaway view. As geth, a call
 * without a gas price runs with no fee at all (NoBaseFee); gas is capped at the RPC gas cap
 * (50M) and execution is aborted after the call timeout (5 s) with geth's
 * "execution aborted (timeout = 5s)". The abort costs the interpreter nothing: see
 * evm/gas.ts setExecutionDeadline.
 */
import type { Chain } from "../../chain/index.js";
import { toChecksumAddress } from "../../crypto/index.js";
import { gas as evmGas } from "../../evm/index.js";
import {
  type BlockEnv,
  blobBaseFeeOf,
  blockFork,
  type ChainContext,
  type ExecutionEngine,
  executeValidated,
  intrinsicGas,
  type TxOutcome,
  type ValidatedTx,
} from "../../execution/index.js";
import { chainBlobParams, forkAtLeast, GAS_PER_BLOB } from "../../params/index.js";
import { type Address, bytesToHex, type Hash32, ZERO_ADDRESS } from "../../primitives/index.js";
import type { StateDb } from "../../state/index.js";
import type { AccessList, Authorization, SealedHeader, Transaction } from "../../types/index.js";
import { EXECUTION_REVERTED, RpcError, SERVER_ERROR } from "../errors.js";
import { applyBlockOverrides, applyStateOverride, type BlockOverrides, type StateOverride } from "./overrides.js";

/** geth's default --rpc.gascap. */
export const RPC_GAS_CAP = 50_000_000n;
/** geth's default --rpc.evmtimeout (DESIGN.md security defaults). */
export const RPC_CALL_TIMEOUT_MS = 5_000;

/** A TransactionArgs object with its fields decoded. */
export interface CallArgs {
  readonly from?: Address | undefined;
  readonly to?: Address | undefined;
  readonly gas?: bigint | undefined;
  readonly gasPrice?: bigint | undefined;
  readonly maxFeePerGas?: bigint | undefined;
  readonly maxPriorityFeePerGas?: bigint | undefined;
  readonly value?: bigint | undefined;
  readonly data?: Uint8Array | undefined;
  readonly nonce?: bigint | undefined;
  readonly accessList?: AccessList | undefined;
  readonly chainId?: bigint | undefined;
  /** EIP-4844 fields: a call may name blobs (BLOBHASH sees them) without carrying them. */
  readonly maxFeePerBlobGas?: bigint | undefined;
  readonly blobVersionedHashes?: readonly Hash32[] | undefined;
  /** EIP-7702: the delegations are applied before the call runs, as in a set-code transaction. */
  readonly authorizationList?: readonly Authorization[] | undefined;
}

/** What a call runs against besides its arguments. */
export interface CallScope {
  readonly stateOverride?: StateOverride | undefined;
  readonly blockOverrides?: BlockOverrides | undefined;
}

/**
 * A message refused before execution (geth's core errors from the state transition's
 * pre-checks); `intrinsic` marks the two that estimation treats as "needs more gas".
 */
export class CallPrecheckError extends Error {
  override readonly name = "CallPrecheckError";
  constructor(
    message: string,
    readonly intrinsic: boolean,
  ) {
    super(message);
  }
}

function callEnv(chain: Chain, header: SealedHeader, context: ChainContext, baseFee: bigint): BlockEnv {
  const h = header.header;
  const fork = blockFork(chain.spec, h.number, h.timestamp);
  return {
    fork,
    chainId: chain.spec.chainId,
    coinbase: h.coinbase,
    number: h.number,
    timestamp: h.timestamp,
    gasLimit: h.gasLimit,
    prevRandao: h.mixHash,
    baseFee,
    excessBlobGas: h.excessBlobGas ?? 0n,
    blobParams: chainBlobParams(chain.spec, fork),
    blockHash: context.ancestorHash,
  };
}

/** geth's CallDefaults checks on the fee fields. */
export function checkFeeArgs(args: CallArgs): void {
  if (args.gasPrice !== undefined && (args.maxFeePerGas !== undefined || args.maxPriorityFeePerGas !== undefined))
    throw new RpcError(SERVER_ERROR, "both gasPrice and (maxFeePerGas or maxPriorityFeePerGas) specified");
  if (args.maxFeePerGas !== undefined && args.maxPriorityFeePerGas !== undefined && args.maxFeePerGas < args.maxPriorityFeePerGas)
    throw new RpcError(SERVER_ERROR, `maxFeePerGas (${args.maxFeePerGas}) < maxPriorityFeePerGas (${args.maxPriorityFeePerGas})`);
}

/** The state, block and engine one message runs on, overrides applied. */
export interface PreparedCall {
  readonly state: StateDb;
  readonly env: BlockEnv;
  readonly engine: ExecutionEngine;
}

export function prepareCall(chain: Chain, header: SealedHeader, scope: CallScope): PreparedCall {
  const context = chain.contextFor(header);
  let env = callEnv(chain, header, context, header.header.baseFeePerGas ?? 0n);
  env = applyBlockOverrides(env, scope.blockOverrides, (n, t) => blockFork(chain.spec, n, t));
  // NoBaseFee: an unpriced call pays nothing and the fee-cap check is skipped, while BASEFEE
  // still reads the block's base fee (settlement's negative "tip" lands only in this
  // throwaway state, after execution).
  const state = chain.stateAt(header.header.stateRoot);
  const engine = applyStateOverride(state, context.engineFor(env.fork), env.fork, scope.stateOverride);
  return { state, env, engine };
}

/** Builds the message for `args` with `gas` and runs it on `prepared`; pre-check failures throw CallPrecheckError. */
export function runPrepared(prepared: PreparedCall, args: CallArgs, gas: bigint): TxOutcome {
  const { state, env, engine } = prepared;
  const sender = args.from ?? ZERO_ADDRESS;
  const common = {
    nonce: state.getNonce(sender),
    gasLimit: gas,
    to: args.to,
    value: args.value ?? 0n,
    data: args.data ?? new Uint8Array(0),
  };
  const baseFee = env.baseFee;
  let tx: Transaction;
  let price: bigint;
  let feeCap: bigint;
  const london = forkAtLeast(env.fork, "London");
  if (args.gasPrice !== undefined) {
    tx =
      args.accessList === undefined
        ? { type: 0, gasPrice: args.gasPrice, v: 0n, r: 0n, s: 0n, ...common }
        : {
            type: 1,
            chainId: env.chainId,
            gasPrice: args.gasPrice,
            accessList: args.accessList,
            yParity: 0,
            r: 0n,
            s: 0n,
            ...common,
          };
    price = args.gasPrice;
    feeCap = args.gasPrice;
  } else {
    const maxFee = args.maxFeePerGas ?? 0n;
    const tip = args.maxPriorityFeePerGas ?? 0n;
    // Written out in a decoded transaction's field order: object spreads cost more than the
    // rest of building the message, and the same shape keeps execution's property reads fast.
    // Blob and set-code calls are rare, so they are made from it with spreads.
    const dynamic: Transaction & { type: 2 } = {
      type: 2,
      chainId: env.chainId,
      nonce: common.nonce,
      maxPriorityFeePerGas: tip,
      maxFeePerGas: maxFee,
      gasLimit: gas,
      to: common.to,
      value: common.value,
      data: common.data,
      accessList: args.accessList ?? [],
      yParity: 0,
      r: 0n,
      s: 0n,
    };
    if (args.blobVersionedHashes !== undefined) {
      if (common.to === undefined) throw new CallPrecheckError("blob transaction of type create", false);
      tx = {
        ...dynamic,
        type: 3,
        to: common.to,
        maxFeePerBlobGas: args.maxFeePerBlobGas ?? 0n,
        blobVersionedHashes: [...args.blobVersionedHashes],
      };
    } else if (args.authorizationList !== undefined) {
      if (common.to === undefined) throw new CallPrecheckError("EIP-7702 transaction cannot be used to create contract", false);
      tx = { ...dynamic, type: 4, to: common.to, authorizationList: [...args.authorizationList] };
    } else tx = dynamic;
    price = maxFee === 0n && tip === 0n ? 0n : baseFee + tip < maxFee ? baseFee + tip : maxFee;
    feeCap = maxFee;
  }
  // geth's messages name the sender checksummed; computed only when one is thrown (a keccak).
  const from = (): string => toChecksumAddress(sender);
  if (london && price !== 0n && feeCap < baseFee)
    throw new CallPrecheckError(
      `max fee per gas less than block base fee: address ${from()}, maxFeePerGas: ${feeCap}, baseFee: ${baseFee}`,
      false,
    );
  // EIP-4844: blob gas is paid at the blob base fee, or not at all when the call names no blob fee.
  const blobGas = tx.type === 3 ? BigInt(tx.blobVersionedHashes.length) * GAS_PER_BLOB : 0n;
  const blobFeeCap = tx.type === 3 ? tx.maxFeePerBlobGas : 0n;
  const blobBaseFee = blobFeeCap === 0n ? 0n : blobBaseFeeOf(env);
  if (blobFeeCap !== 0n && blobFeeCap < blobBaseFee)
    throw new CallPrecheckError(
      `max fee per blob gas less than block blob gas fee: address ${from()} blobGasFeeCap: ${blobFeeCap}, blobBaseFee: ${blobBaseFee}`,
      false,
    );
  const need = gas * feeCap + common.value + blobGas * blobFeeCap;
  const balance = state.getBalance(sender);
  if (balance < need)
    throw new CallPrecheckError(`insufficient funds for gas * price + value: address ${from()} have ${balance} want ${need}`, false);
  const intrinsic = intrinsicGas(tx, env.fork);
  if (gas < intrinsic.gas) throw new CallPrecheckError(`intrinsic gas too low: have ${gas}, want ${intrinsic.gas}`, true);
  if (gas < intrinsic.floor)
    throw new CallPrecheckError(`insufficient gas for floor data gas cost: have ${gas}, want ${intrinsic.floor}`, true);
  if (tx.to === undefined && forkAtLeast(env.fork, "Shanghai") && common.data.length > 49152)
    throw new CallPrecheckError(`max initcode size exceeded: code size ${common.data.length} limit 49152`, false);
  const validated: ValidatedTx = { tx, sender, intrinsic, effectiveGasPrice: price, blobGas, blobBaseFee };
  return executeValidated(state, engine, env, validated);
}

/** Runs `args` with `gas` on a fresh view of `header`'s state (overrides applied). */
export function runCall(chain: Chain, header: SealedHeader, args: CallArgs, gas: bigint, scope: CallScope = {}): TxOutcome {
  return runPrepared(prepareCall(chain, header, scope), args, gas);
}

/** Go's time.Duration formatting for the whole milliseconds and seconds a timeout is given in. */
export function goDuration(ms: number): string {
  if (ms < 1000) return `${ms}ms`;
  return `${ms / 1000}s`;
}

/** Runs `fn` with the EVM deadline set `timeoutMs` ahead; past it, geth's timeout error. */
export function withCallTimeout<T>(timeoutMs: number, fn: () => T): T {
  if (!(timeoutMs > 0)) return fn();
  evmGas.setExecutionDeadline(performance.now() + timeoutMs);
  let result: T;
  try {
    result = fn();
    if (evmGas.deadlineExpired()) throw new RpcError(SERVER_ERROR, `execution aborted (timeout = ${goDuration(timeoutMs)})`);
  } catch (e) {
    if (evmGas.deadlineExpired() && !(e instanceof RpcError && e.message.startsWith("execution aborted")))
      throw new RpcError(SERVER_ERROR, `execution aborted (timeout = ${goDuration(timeoutMs)})`);
    throw e;
  } finally {
    evmGas.setExecutionDeadline(undefined);
  }
  return result;
}

/** The gas a call runs with: the given gas up to the cap, the cap when absent (CallDefaults). */
export function callGas(args: CallArgs, cap: bigint = RPC_GAS_CAP): bigint {
  return args.gas !== undefined && args.gas < cap ? args.gas : cap;
}

const PANIC_REASONS: Record<number, string> = {
  0: "generic panic",
  1: "assert(false)",
  17: "arithmetic underflow or overflow",
  18: "division or modulo by zero",
  33: "enum overflow",
  34: "invalid encoded storage byte array accessed",
  49: "out-of-bounds array access; popping on an empty array",
  50: "out-of-bounds access of an array or bytesN",
  65: "out of memory",
  81: "uninitialized function",
};

function hasSelector(output: Uint8Array, a: number, b: number, c: number, d: number): boolean {
  return output[0] === a && output[1] === b && output[2] === c && output[3] === d;
}

/** Decodes Error(string) and Panic(uint256) revert data, as geth's abi.UnpackRevert. */
export function revertReason(output: Uint8Array): string | undefined {
  if (output.length < 4) return undefined;
  if (hasSelector(output, 0x4e, 0x48, 0x7b, 0x71)) {
    if (output.length < 36) return undefined;
    const code = BigInt(bytesToHex(output.subarray(4, 36)));
    const known = code < 256n ? PANIC_REASONS[Number(code)] : undefined;
    return known ?? `unknown panic code: 0x${code.toString(16)}`;
  }
  if (output.length < 68 || !hasSelector(output, 0x08, 0xc3, 0x79, 0xa0)) return undefined;
  const view = new DataView(output.buffer, output.byteOffset, output.byteLength);
  // offset and length words: only the low 32 bits can be meaningful for a real string.
  const offset = view.getUint32(4 + 28);
  const start = 4 + offset;
  if (start + 32 > output.length) return undefined;
  const length = view.getUint32(start + 28);
  if (start + 32 + length > output.length) return undefined;
  return new TextDecoder().decode(output.subarray(start + 32, start + 32 + length));
}

/** geth's answer for a reverted message: code 3, the reason in the message, the data as hex. */
export function revertError(outcome: { readonly output: Uint8Array }): RpcError {
  const reason = revertReason(outcome.output);
  const message = reason === undefined ? "execution reverted" : `execution reverted: ${reason}`;
  return new RpcError(EXECUTION_REVERTED, message, bytesToHex(outcome.output));
}

/** eth_call's result: the return data, or the revert / halt as geth reports it. */
export function callResult(outcome: TxOutcome): Uint8Array {
  if (outcome.status === "revert") throw revertError(outcome);
  if (outcome.status === "halt") throw new RpcError(SERVER_ERROR, outcome.error ?? "execution halted");
  return outcome.output;
}

export interface CallLimits {
  readonly gasCap?: bigint;
  readonly timeoutMs?: number;
}

/** eth_call (geth's DoCall + Call): pre-check errors wrapped as "err: ... (supplied gas N)". */
export function ethCall(chain: Chain, header: SealedHeader, args: CallArgs, scope: CallScope, limits: CallLimits = {}): Uint8Array {
  checkFeeArgs(args);
  const gas = callGas(args, limits.gasCap ?? RPC_GAS_CAP);
  return withCallTimeout(limits.timeoutMs ?? RPC_CALL_TIMEOUT_MS, () => {
    let outcome: TxOutcome;
    try {
      outcome = runCall(chain, header, args, gas, scope);
    } catch (e) {
      if (e instanceof CallPrecheckError) throw new RpcError(SERVER_ERROR, `err: ${e.message} (supplied gas ${gas})`);
      throw e;
    }
    return callResult(outcome);
  });
}
