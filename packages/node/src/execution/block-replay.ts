/**
 * execution/block-replay: re-executes a stored block on its parent's state so that its
 * transactions can be looked at one by one (debug_trace*, as go-ethereum's stateAtTransaction):
 * the block's pre-changes first (EIP-4788 beacon root, EIP-2935 parent hash), then its
 * transactions in order, each untraced on the shared engine or with its own tracer. The
 * StateDb given is mutated and never committed.
 */
import type { Tracer } from "../evm/index.js";
import type { Fork } from "../params/index.js";
import type { Address } from "../primitives/index.js";
import type { StateDb } from "../state/index.js";
import type { SealedBlock, Transaction } from "../types/index.js";
import { applyTransaction, type ExecutionEngine, type TxOutcome } from "./apply-transaction.js";
import { BlockBuilder, type ChainContext } from "./block-builder.js";
import type { BlockEnv } from "./block-env.js";
import { createEngine } from "./evm-factory.js";

/** A stored transaction that the replay could not apply (the stored chain is not what it claims). */
export class BlockReplayError extends Error {
  override readonly name = "BlockReplayError";
}

export class BlockReplay {
  readonly env: BlockEnv;
  readonly fork: Fork;
  private readonly engine: ExecutionEngine;
  private gasLeft: bigint;

  /**
   * `chain` must be the context of the block's parent, `state` opened at the state the block was
   * built on (its parent's). `knownSender` names senders that do not recover from a signature
   * (a developer chain's impersonated accounts).
   */
  constructor(
    readonly state: StateDb,
    chain: ChainContext,
    block: SealedBlock,
    private readonly knownSender: (tx: Transaction) => Address | undefined = () => undefined,
  ) {
    const h = block.header.header;
    // The builder's constructor applies the pre-changes; its env is the block's.
    const builder = new BlockBuilder(state, chain, {
      coinbase: h.coinbase,
      timestamp: h.timestamp,
      gasLimit: h.gasLimit,
      extraData: h.extraData,
      prevRandao: h.mixHash,
      withdrawals: block.body.withdrawals,
      parentBeaconBlockRoot: h.parentBeaconBlockRoot,
      // the header's own: a developer chain may have set it by hand
      baseFeePerGas: h.baseFeePerGas,
    });
    this.env = builder.env;
    this.fork = builder.fork;
    this.engine = chain.engineFor(builder.fork);
    this.gasLeft = h.gasLimit;
  }

  /** Applies the block's next transaction; with a tracer, on an EVM built for it. */
  apply(tx: Transaction, tracer?: Tracer): TxOutcome {
    const engine = tracer === undefined ? this.engine : createEngine(this.fork, tracer);
    const sender = this.knownSender(tx);
    const r = applyTransaction(this.state, engine, this.env, tx, {
      blockGasLeft: this.gasLeft,
      sender,
      impersonated: sender !== undefined,
    });
    if (!r.ok) throw new BlockReplayError(`stored transaction rejected on replay: ${r.error.message}`);
    this.gasLeft -= r.value.gasUsed;
    return r.value;
  }
}
