/**
 * rpc/eth/call: eth_call and eth_estimateGas (go-ethereum's internal/ethapi DoCall and
 * DoEstimateGas). A call runs the message on a StateDb opened at the block's state root that is
 * never committed, so the chain's state is untouched. As geth, a call without a gas price runs
 * with base fee 0 (NoBaseFee) and nothing is paid; gas is capped at the RPC gas cap (50M).
 * Estimation binary-searches the smallest gas limit at which the message does not fail, after
 * trying the used gas plus refund-free headroom first (geth's optimistic 64/63 guess).
 */
import type { Chain } from "../../chain/index.js";
import { type BlockEnv, blockFork, executeValidated, intrinsicGas, type TxOutcome, type ValidatedTx } from "../../execution/index.js";
import { chainBlobParams } from "../../params/index.js";
import { type Address, bytesToHex, ZERO_ADDRESS } from "../../primitives/index.js";
import type { SealedHeader, Transaction } from "../../types/index.js";
import { EXECUTION_REVERTED, RpcError, SERVER_ERROR } from "../errors.js";

/** geth's default --rpc.gascap. */
export const RPC_GAS_CAP = 50_000_000n;

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
}

function callEnv(chain: Chain, header: SealedHeader, baseFee: bigint): BlockEnv {
  const h = header.header;
  const fork = blockFork(chain.spec, h.number, h.timestamp);
  const context = chain.contextFor(header);
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

/** Runs `args` with `gas` on a fresh view of `header`'s state. */
export function runCall(chain: Chain, header: SealedHeader, args: CallArgs, gas: bigint): TxOutcome {
  const state = chain.stateAt(header.header.stateRoot);
  const sender = args.from ?? ZERO_ADDRESS;
  const priced = args.gasPrice !== undefined || args.maxFeePerGas !== undefined;
  const baseFee = priced ? (header.header.baseFeePerGas ?? 0n) : 0n;
  const env = callEnv(chain, header, baseFee);
  const common = {
    nonce: state.getNonce(sender),
    gasLimit: gas,
    to: args.to,
    value: args.value ?? 0n,
    data: args.data ?? new Uint8Array(0),
  };
  let tx: Transaction;
  let price: bigint;
  if (args.gasPrice !== undefined) {
    tx = { type: 0, gasPrice: args.gasPrice, v: 0n, r: 0n, s: 0n, ...common };
    price = args.gasPrice;
  } else {
    const maxFee = args.maxFeePerGas ?? 0n;
    const tip = args.maxPriorityFeePerGas ?? 0n;
    tx = {
      type: 2,
      chainId: env.chainId,
      maxFeePerGas: maxFee,
      maxPriorityFeePerGas: tip,
      accessList: [],
      yParity: 0,
      r: 0n,
      s: 0n,
      ...common,
    };
    price = priced ? (baseFee + tip < maxFee ? baseFee + tip : maxFee) : 0n;
  }
  const intrinsic = intrinsicGas(tx, env.fork);
  let minimum = intrinsic.gas;
  if (intrinsic.floor > minimum) minimum = intrinsic.floor;
  if (gas < minimum) throw new RpcError(SERVER_ERROR, `intrinsic gas too low: gas ${gas}, minimum needed ${minimum}`);
  const need = gas * price + (args.value ?? 0n);
  const balance = state.getBalance(sender);
  if (balance < need)
    throw new RpcError(
      SERVER_ERROR,
      `insufficient funds for gas * price + value: address ${bytesToHex(sender)} have ${balance} want ${need}`,
    );
  const validated: ValidatedTx = { tx, sender, intrinsic, effectiveGasPrice: price, blobGas: 0n, blobBaseFee: 0n };
  const engine = chain.contextFor(header).engineFor(env.fork);
  return executeValidated(state, engine, env, validated);
}

/** ABI-decodes Error(string) revert data, as geth's abi.UnpackRevert. */
export function revertReason(output: Uint8Array): string | undefined {
  if (output.length < 68) return undefined;
  if (output[0] !== 0x08 || output[1] !== 0xc3 || output[2] !== 0x79 || output[3] !== 0xa0) return undefined;
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
export function revertError(outcome: TxOutcome): RpcError {
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

/** The smallest gas limit (up to the cap) at which `args` succeeds. */
export function estimateGas(chain: Chain, header: SealedHeader, args: CallArgs): bigint {
  let hi = args.gas !== undefined && args.gas < RPC_GAS_CAP ? args.gas : RPC_GAS_CAP;
  if (hi > header.header.gasLimit && args.gas === undefined) hi = header.header.gasLimit;
  const first = runCall(chain, header, args, hi);
  if (first.status === "revert") throw revertError(first);
  if (first.status === "halt") throw new RpcError(SERVER_ERROR, `gas required exceeds allowance (${hi})`);
  // A plain transfer to an account without code costs exactly its gas used.
  let lo = first.gasUsed - 1n;
  const optimistic = ((first.gasUsed + first.refund + 2300n) * 64n) / 63n;
  if (optimistic < hi) {
    const o = runCall(chain, header, args, optimistic);
    if (o.status === "success") hi = optimistic;
    else lo = optimistic;
  }
  while (lo + 1n < hi) {
    const mid = (lo + hi) / 2n;
    let ok: boolean;
    try {
      ok = runCall(chain, header, args, mid).status === "success";
    } catch (e) {
      if (!(e instanceof RpcError) || e.code !== SERVER_ERROR) throw e;
      ok = false;
    }
    if (ok) hi = mid;
    else lo = mid;
  }
  return hi;
}
