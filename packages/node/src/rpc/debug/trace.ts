/**
 * rpc/debug/trace: the work behind the debug_trace* methods (go-ethereum's eth/tracers/api.go).
 * A stored block is replayed on its parent's state (execution's BlockReplay): pre-changes, then
 * its transactions in order, the traced ones each with a fresh tracer; the prestate tracer also
 * replays on a second state kept one transaction behind, which is the state before the traced
 * transaction. A call (debug_traceCall) runs as eth_call does, on the block's state with the
 * overrides, under the tracer. Each traced transaction gets the config's timeout (geth's
 * "execution timeout"), enforced through the EVM's deadline.
 */
import type { Chain } from "../../chain/index.js";
import { createAddress, Evm, gas as evmGas, type PrecompileSet, precompilesFor } from "../../evm/index.js";
import { BlockReplay, type TxOutcome } from "../../execution/index.js";
import type { Fork } from "../../params/index.js";
import { type Address, bytesToHex, ZERO_ADDRESS } from "../../primitives/index.js";
import type { SealedBlock, SealedHeader } from "../../types/index.js";
import { recoverAuthority, type Transaction, transactionHash } from "../../types/index.js";
import { RpcError, SERVER_ERROR } from "../errors.js";
import { type CallArgs, CallPrecheckError, type CallScope, callGas, prepareCall, runPrepared } from "../eth/call.js";
import { type TraceConfig, TraceConfigError } from "./trace-config.js";
import { createTraceJob, type TraceJobFactory } from "./tracer-job.js";

/** One transaction of a block trace, as geth's txTraceResult. */
export interface TxTraceResult {
  readonly txHash: string;
  readonly result?: unknown;
  readonly error?: string;
}

/** A tracer stopped by its timeout (geth's tracer.Stop(errors.New("execution timeout"))). */
class TraceTimeout extends Error {
  override readonly name = "TraceTimeout";
}

function precompileTest(set: PrecompileSet): (a: Address) => boolean {
  return (a) => {
    for (let i = 0; i < 18; i++) if (a[i] !== 0) return false;
    return set.has(a[18]! * 256 + a[19]!);
  };
}

function withTraceTimeout<T>(timeoutMs: number, fn: () => T): T {
  if (!(timeoutMs > 0)) return fn();
  evmGas.setExecutionDeadline(performance.now() + timeoutMs);
  try {
    const out = fn();
    if (evmGas.deadlineExpired()) throw new TraceTimeout("execution timeout");
    return out;
  } finally {
    evmGas.setExecutionDeadline(undefined);
  }
}

/** Configuration errors are the caller's; they answer -32000 with geth's text. */
function asRpcError(e: unknown): unknown {
  if (e instanceof TraceConfigError || e instanceof TraceTimeout || e instanceof CallPrecheckError)
    return new RpcError(SERVER_ERROR, e.message);
  return e;
}

/** The signers of a set-code transaction's authorizations (invalid signatures left out). */
function authoritiesOf(tx: Transaction): Address[] {
  if (tx.type !== 4) return [];
  const out: Address[] = [];
  for (const auth of tx.authorizationList) {
    const a = recoverAuthority(auth);
    if (a !== undefined) out.push(a);
  }
  return out;
}

function parentOf(chain: Chain, block: SealedBlock): SealedHeader {
  if (block.header.header.number === 0n) throw new RpcError(SERVER_ERROR, "genesis is not traceable");
  const parent = chain.getHeader(block.header.header.parentHash);
  if (parent === undefined) throw new RpcError(SERVER_ERROR, `parent ${bytesToHex(block.header.header.parentHash)} not found`);
  return parent;
}

/**
 * Traces the transactions of `block`: all of them (debug_traceBlock*), or only the one at
 * `only` (debug_traceTransaction, whose answer is that transaction's result). `makeJob` replaces
 * the config's tracer (the trace_ namespace's Parity traces); the config still gives the timeout.
 */
export function traceBlock(
  chain: Chain,
  block: SealedBlock,
  config: TraceConfig,
  only?: number,
  makeJob: TraceJobFactory = (live, isPrecompile) => createTraceJob(config, live, isPrecompile),
): TxTraceResult[] {
  const parent = parentOf(chain, block);
  const context = chain.contextFor(parent);
  // a developer chain's block may have been built on an edited head state, with impersonated senders
  const preState = chain.preStateRoot(block.header) ?? parent.header.stateRoot;
  if (!chain.hasState(preState))
    throw new RpcError(SERVER_ERROR, `required historical state unavailable for block ${parent.header.number}`);
  const open = (): BlockReplay => new BlockReplay(chain.stateAt(preState), context, block, (tx) => chain.knownSender(tx));
  let replay = open();
  const isPrecompile = precompileTest(precompilesFor(replay.fork));
  const coinbase = block.header.header.coinbase;
  const txs = block.body.transactions;
  // Validate the config (tracer name and options) before any work.
  try {
    makeJob(replay.state, isPrecompile);
  } catch (e) {
    throw asRpcError(e);
  }
  let pre: BlockReplay | undefined;
  const results: TxTraceResult[] = [];
  for (let i = 0; i < txs.length; i++) {
    const tx = txs[i]!;
    if (only !== undefined && i < only) {
      replay.apply(tx);
      continue;
    }
    const job = makeJob(replay.state, isPrecompile);
    if (job.needsPreState && pre === undefined) {
      pre = open();
      for (let j = 0; j < i; j++) pre.apply(txs[j]!);
    }
    const hash = transactionHash(tx);
    const txHash = bytesToHex(hash);
    let outcome: TxOutcome;
    try {
      outcome = withTraceTimeout(config.timeoutMs, () => replay.apply(tx, job.tracer));
    } catch (e) {
      if (!(e instanceof TraceTimeout)) throw e;
      if (only !== undefined) throw asRpcError(e);
      results.push({ txHash, error: e.message });
      // The aborted run left this state wrong: rebuild it up to and including this transaction.
      replay = open();
      for (let j = 0; j <= i; j++) replay.apply(txs[j]!);
      pre?.apply(tx);
      continue;
    }
    const create = tx.to === undefined;
    const result = job.result({
      outcome,
      gasLimit: tx.gasLimit,
      from: outcome.sender,
      to: tx.to ?? createAddress(outcome.sender, tx.nonce),
      create,
      coinbase,
      authorities: authoritiesOf(tx),
      pre: pre?.state,
      post: replay.state,
      context: { blockHash: block.header.hash, blockNumber: block.header.header.number, txHash: hash, txIndex: i },
    });
    results.push({ txHash, result });
    pre?.apply(tx);
    if (only !== undefined) break;
  }
  return results;
}

/** debug_traceCall: `args` run on `header`'s state (overrides applied) under the config's tracer. */
export function traceCall(chain: Chain, header: SealedHeader, args: CallArgs, scope: CallScope, config: TraceConfig): unknown {
  try {
    const prepared = prepareCall(chain, header, scope);
    const fork: Fork = prepared.env.fork;
    const precompiles = prepared.engine.precompiles;
    const job = createTraceJob(config, prepared.state, precompileTest(precompiles));
    const engine = { evm: new Evm({ fork, precompiles, tracer: job.tracer }), precompiles };
    const from = args.from ?? ZERO_ADDRESS;
    const nonce = prepared.state.getNonce(from);
    const pre = job.needsPreState ? prepareCall(chain, header, scope).state : undefined;
    const gas = callGas(args);
    const outcome = withTraceTimeout(config.timeoutMs, () => runPrepared({ ...prepared, engine }, args, gas));
    return job.result({
      outcome,
      gasLimit: gas,
      from,
      to: args.to ?? createAddress(from, nonce),
      create: args.to === undefined,
      coinbase: prepared.env.coinbase,
      authorities: [],
      pre,
      post: prepared.state,
    });
  } catch (e) {
    throw asRpcError(e);
  }
}
