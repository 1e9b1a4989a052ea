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
 *
 * The developer methods (rpc/dev) steer it at run time: mining mode, block time (dev-clock.ts),
 * coinbase, the next base fee, the block gas limit, and mining N blocks at an interval.
 */
import { type Chain, type DevChainState, stageTouched } from "../chain/index.js";
import { keccak256 } from "../crypto/index.js";
import { blockFork } from "../execution/index.js";
import { forkAtLeast } from "../params/index.js";
import { type Address, type Hash32, ZERO_HASH } from "../primitives/index.js";
import type { AddResult, TxPool } from "../txpool/index.js";
import { calcBaseFee, type Receipt, type SealedBlock, type Transaction, transactionHash } from "../types/index.js";
import { DevClock } from "./dev-clock.js";

export class ProducerError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ProducerError";
  }
}

/** auto: a block per accepted transaction; interval: a block every blockTimeMs; manual: only when asked (evm_setAutomine(false)). */
export type MiningMode = { kind: "auto" } | { kind: "interval"; blockTimeMs: number } | { kind: "manual" };

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
  /** the developer chain's state records: produced blocks add their touched addresses in their own write */
  readonly devState?: DevChainState;
}

function wallClock(): bigint {
  return BigInt(Math.floor(Date.now() / 1000));
}

export class BlockProducer {
  private timer: NodeJS.Timeout | undefined;
  private currentMode: MiningMode;
  /** block time: wall clock, offset, next timestamp (dev-clock.ts) */
  readonly clock: DevClock;
  /** the beneficiary of the next blocks (anvil_setCoinbase) */
  coinbase: Address;
  /** the next block's base fee, set by hand (anvil_setNextBlockBaseFeePerGas); used once */
  nextBaseFee: bigint | undefined;
  /** the gas limit of the next blocks (anvil_setBlockGasLimit); undefined: the parent's */
  gasLimit: bigint | undefined;

  constructor(
    private readonly chain: Chain,
    private readonly pool: TxPool,
    private readonly options: ProducerOptions,
  ) {
    this.clock = new DevClock(options.now ?? wallClock);
    this.currentMode = options.mode;
    this.coinbase = options.coinbase;
  }

  get mode(): MiningMode {
    return this.currentMode;
  }

  /** Switches mining mode at run time, restarting the timer for interval mining. */
  setMode(mode: MiningMode): void {
    const running = this.timer !== undefined;
    this.stop();
    this.currentMode = mode;
    if (running || mode.kind === "interval") this.start();
  }

  /** Starts interval mining; automine needs no timer. */
  start(): void {
    const mode = this.currentMode;
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

  /**
   * Admits `tx` to the pool; with automine a pending transaction is mined at once. `sender`
   * is given for an impersonated account's transaction, whose signature is a placeholder.
   */
  submit(tx: Transaction, opts: { local?: boolean; sender?: Address } = {}): AddResult {
    if (opts.sender !== undefined) this.options.devState?.recordSender(transactionHash(tx), opts.sender);
    const result = this.pool.add(tx, opts);
    if (result.ok && result.pending && this.currentMode.kind === "auto") this.mine();
    return result;
  }

  /** Admits an encoded transaction (eth_sendRawTransaction's bytes), mining as `submit`. */
  submitRaw(bytes: Uint8Array, opts: { local?: boolean } = {}): AddResult {
    const result = this.pool.addRaw(bytes, opts);
    if (result.ok && result.pending && this.currentMode.kind === "auto") this.mine();
    return result;
  }

  /**
   * Mines `count` blocks (anvil_mine); with `intervalSeconds` the clock moves that far before
   * each block (anvil: the first is stamped now + interval, each next one interval later) and
   * time goes on from the last one, otherwise each takes the clock's time.
   */
  mineMany(count: number, intervalSeconds?: bigint): ProducedBlock[] {
    const out: ProducedBlock[] = [];
    for (let i = 0; i < count; i++) {
      // a block timestamp interval, when set, wins over the one given here (anvil)
      if (intervalSeconds !== undefined && intervalSeconds > 0n && this.clock.blockInterval === undefined) {
        const parentTs = this.chain.head.header.timestamp;
        const now = this.clock.now();
        const ts = (now > parentTs ? now : parentTs) + intervalSeconds;
        out.push(this.mine({ timestamp: ts }));
        this.clock.align(ts);
      } else {
        out.push(this.mine());
      }
    }
    return out;
  }

  /** Builds one block from the pool on the head, imports it and resets the pool to it. */
  mine(opts: { timestamp?: bigint } = {}): ProducedBlock {
    const chain = this.chain;
    const parent = chain.head;
    const p = parent.header;
    const timestamp = opts.timestamp !== undefined && opts.timestamp > p.timestamp ? opts.timestamp : this.clock.take(p.timestamp);
    const fork = blockFork(chain.spec, p.number + 1n, timestamp);
    const baseFee = this.nextBaseFee;
    this.nextBaseFee = undefined;
    const builder = chain.builder(parent, {
      coinbase: this.coinbase,
      timestamp,
      gasLimit: this.gasLimit ?? p.gasLimit,
      prevRandao: keccak256(parent.hash) as Hash32,
      withdrawals: forkAtLeast(fork, "Shanghai") ? [] : undefined,
      parentBeaconBlockRoot: forkAtLeast(fork, "Cancun") ? ZERO_HASH : undefined,
      baseFeePerGas: baseFee,
    });
    const dropped: { hash: Hash32; reason: string }[] = [];
    const best = this.pool.best(builder.env.baseFee);
    for (let next = best.peek(); next !== undefined; next = best.peek()) {
      if (next.tx.gasLimit > builder.gasLeft) {
        best.pop();
        continue;
      }
      // the pool recovered (or was given) the sender: the builder need not recover it again
      const r = builder.addTransaction(next.tx, next.sender);
      if (r.ok) {
        best.shift();
      } else {
        best.pop();
        dropped.push({ hash: next.hash, reason: r.error.message });
        this.pool.drop(next.hash);
      }
    }
    const built = builder.finish();
    // The builder ran the import code path; importBuilt stores without executing twice, and
    // keeps blocks whose base fee, gas limit or senders were set by hand (import would refuse them).
    const devState = this.options.devState;
    // built on an edited head state: recorded, so a replay of this block opens the same state
    const preState = devState?.currentOverride()?.root;
    chain.importBuilt(
      built,
      devState === undefined
        ? undefined
        : (batch) => {
            stageTouched(batch, built.diffs);
            if (preState !== undefined) devState.stagePreState(batch, built.block.header.hash, preState);
          },
    );
    this.resetPool();
    const produced = { block: built.block, receipts: built.receipts, senders: built.senders, dropped };
    this.options.onBlock?.(produced);
    return produced;
  }

  /** Re-reads the pool's nonces and balances at the head (after a block, an edit, a revert). */
  resetPool(): void {
    const head = this.chain.head;
    const state = this.chain.stateAt(head.header.stateRoot);
    this.pool.reset({ nonce: (a) => state.getNonce(a), balance: (a) => state.getBalance(a) }, calcBaseFee(head.header), {
      blockGasLimit: this.gasLimit ?? head.header.gasLimit,
      fork: blockFork(this.chain.spec, head.header.number + 1n, head.header.timestamp + 1n),
    });
  }
}
