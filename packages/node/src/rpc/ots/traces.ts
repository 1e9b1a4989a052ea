/**
 * rpc/ots/traces: the ots_ methods that re-execute one transaction (Erigon's runTracer): its block
 * is replayed on the state it was built on (execution's BlockReplay, as debug_traceTransaction
 * does), the transactions before it untraced, then it under a tracer of tracers.ts.
 */
import type { Chain } from "../../chain/index.js";
import type { Tracer } from "../../evm/index.js";
import { BlockReplay, type TxOutcome } from "../../execution/index.js";
import { bytesToHex } from "../../primitives/index.js";
import type { SealedBlock } from "../../types/index.js";
import { RpcError, SERVER_ERROR } from "../errors.js";
import { type InternalOperationJson, OperationsTracer, type TraceEntryJson, TransactionTracer } from "./tracers.js";

/** A replay of `block` on the state it was built on, ready for its first transaction. */
export function openReplay(chain: Chain, block: SealedBlock): BlockReplay {
  const parent = chain.getHeader(block.header.header.parentHash);
  if (parent === undefined) throw new RpcError(SERVER_ERROR, `parent ${bytesToHex(block.header.header.parentHash)} not found`);
  // a developer chain's block may have been built on an edited head state, with impersonated senders
  const preState = chain.preStateRoot(block.header) ?? parent.header.stateRoot;
  if (!chain.hasState(preState))
    throw new RpcError(SERVER_ERROR, `required historical state unavailable for block ${parent.header.number}`);
  return new BlockReplay(chain.stateAt(preState), chain.contextFor(parent), block, (tx) => chain.knownSender(tx));
}

/** Replays transaction `index` of `block` under `tracer` (undefined: untraced). */
export function replayTransaction(chain: Chain, block: SealedBlock, index: number, tracer: Tracer | undefined): TxOutcome {
  const replay = openReplay(chain, block);
  const txs = block.body.transactions;
  for (let i = 0; i < index; i++) replay.apply(txs[i]!);
  return replay.apply(txs[index]!, tracer);
}

function run(chain: Chain, txHash: Uint8Array, tracer: Tracer | undefined): TxOutcome {
  const lookup = chain.getTransactionLookup(txHash);
  const block = lookup === undefined ? undefined : chain.getBlock(lookup.blockHash);
  if (lookup === undefined || block === undefined) throw new RpcError(SERVER_ERROR, `transaction ${bytesToHex(txHash)} not found`);
  return replayTransaction(chain, block, lookup.index, tracer);
}

export function internalOperations(chain: Chain, txHash: Uint8Array): InternalOperationJson[] {
  const tracer = new OperationsTracer();
  run(chain, txHash, tracer);
  return tracer.operations;
}

export function traceEntries(chain: Chain, txHash: Uint8Array): TraceEntryJson[] {
  const tracer = new TransactionTracer();
  run(chain, txHash, tracer);
  return tracer.entries;
}

/** The revert data of a reverted transaction, else 0x (Erigon's result.Revert()). */
export function transactionError(chain: Chain, txHash: Uint8Array): string {
  const outcome = run(chain, txHash, undefined);
  return outcome.status === "revert" ? bytesToHex(outcome.output) : "0x";
}
