/**
 * producer/producer: builds blocks for the developer chain from the pool's best transactions
 * and imports them as the new head. Two modes, as anvil: automine (a block for each accepted
 * transaction, built before the submitting call returns) and interval mining (a block every
 * `blockTime` seconds, empty ones included).
 *
 * Each block extends the head with timestamp max(now, parent + 1), the parent's gas limit, a
 * zero beacon root (EIP-4788, no consensus layer) and no withdrawals (EIP-4895). Transactions
 * the builder rejects are dropped from the pool with their sender's later ones skipped for the
 * block (geth's miner does the same with its ordering).
 */
import type { Chain } from "../chain/index.js";
import { keccak256 } from "../crypto/index.js";
import { blockFork } from "../execution/index.js";
import { forkAtLeast } from "../params/index.js";
import { type Address, type Hash32, ZERO_HASH } from "../primitives/index.js";
import type { AddResult, TxPool } from "../txpool/index.js";
import { calcBaseFee, type Receipt, type SealedBlock, type Transaction } from "../types/index.js";

export class ProducerError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ProducerError";
  }
}

export type MiningMode = { kind: "auto" } | { kind: "interval"; blockTimeMs: number };

export interface ProducedBlock {
  readonly block: SealedBlock;
  readonly receipts: readonly Receipt[];
  readonly senders: readonly Address[];
  /** transactions the builder refused, with the reason, dropped from the pool */
  readonly dropped: readonly { hash: Hash32; reason: string }[];
}

export interface ProducerOptions {
  readonly coinbase: Address;
  readonly mode: MiningMode;
  /** seconds since the epoch; injectable for tests */
  readonly now?: () => bigint;
  readonly onBlock?: (produced: ProducedBlock) => void;
  /** a block the timer could not produce; the timer keeps running */
  readonly onError?: (error: unknown) => void;
}

function wallClock(): bigint {
  return BigInt(Math.floor(Date.now() / 1000));
}

export class BlockProducer {
  private timer: NodeJS.Timeout | undefined;
  private readonly now: () => bigint;

  constructor(
    private readonly chain: Chain,
    private readonly pool: TxPool,
    private readonly options: ProducerOptions,
  ) {
    this.now = options.now ?? wallClock;
  }

  get mode(): MiningMode {
    return this.options.mode;
  }

  /** Starts interval mining; automine needs no timer. */
  start(): void {
    const mode = this.options.mode;
    if (mode.kind !== "interval" || this.timer !== undefined) return;
    this.timer = setInterval(() => {
      try {
        this.mine();
      } catch (e) {
        this.options.onError?.(e);
      }
    }, mode.blockTimeMs);
  }

  stop(): void {
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
  }

  /** Admits `tx` to the pool; with automine a pending transaction is mined at once. */
  submit(tx: Transaction, opts: { local?: boolean } = {}): AddResult {
    const result = this.pool.add(tx, opts);
    if (result.ok && result.pending && this.options.mode.kind === "auto") this.mine();
    return result;
  }

  /** Admits an encoded transaction (eth_sendRawTransaction's bytes), mining as `submit`. */
  submitRaw(bytes: Uint8Array, opts: { local?: boolean } = {}): AddResult {
    const result = this.pool.addRaw(bytes, opts);
    if (result.ok && result.pending && this.options.mode.kind === "auto") this.mine();
    return result;
  }

  /** Builds one block from the pool on the head, imports it and resets the pool to it. */
  mine(): ProducedBlock {
    const chain = this.chain;
    const parent = chain.head;
    const p = parent.header;
    const timestamp = this.now() > p.timestamp ? this.now() : p.timestamp + 1n;
    const fork = blockFork(chain.spec, p.number + 1n, timestamp);
    const builder = chain.builder(parent, {
      coinbase: this.options.coinbase,
      timestamp,
      gasLimit: p.gasLimit,
      prevRandao: keccak256(parent.hash) as Hash32,
      withdrawals: forkAtLeast(fork, "Shanghai") ? [] : undefined,
      parentBeaconBlockRoot: forkAtLeast(fork, "Cancun") ? ZERO_HASH : undefined,
    });
    const dropped: { hash: Hash32; reason: string }[] = [];
    const best = this.pool.best(builder.env.baseFee);
    for (let next = best.peek(); next !== undefined; next = best.peek()) {
      if (next.tx.gasLimit > builder.gasLeft) {
        best.pop();
        continue;
      }
      const r = builder.addTransaction(next.tx);
      if (r.ok) {
        best.shift();
      } else {
        best.pop();
        dropped.push({ hash: next.hash, reason: r.error.message });
        this.pool.drop(next.hash);
      }
    }
    const built = builder.finish();
    const imported = chain.importBlock(built.block);
    if (!imported.ok) throw new ProducerError(`the chain refused a produced block: ${imported.error.message}`);
    const head = chain.head;
    const state = chain.stateAt(head.header.stateRoot);
    this.pool.reset({ nonce: (a) => state.getNonce(a), balance: (a) => state.getBalance(a) }, calcBaseFee(head.header), {
      blockGasLimit: head.header.gasLimit,
      fork: blockFork(chain.spec, head.header.number + 1n, head.header.timestamp + 1n),
    });
    const produced = { block: built.block, receipts: built.receipts, senders: built.senders, dropped };
    this.options.onBlock?.(produced);
    return produced;
  }
}
