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
import { type BuiltBlock, blockFork } from "../execution/index.js";
import type { KvBatch } from "../kv/index.js";
import { forkAtLeast } from "../params/index.js";
import { type Address, bytesToHex, equalBytes, type Hash32, hexToBytes, ZERO_HASH } from "../primitives/index.js";
import type { AddResult, TxPool } from "../txpool/index.js";
import { calcBaseFee, type Receipt, type SealedBlock, type SealedHeader, type Transaction, transactionHash } from "../types/index.js";
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

/** Blocks anvil_mine stores per durable write. */
const MINE_CHUNK = 256;

function wallClock(): bigint {
  return BigInt(Math.floor(Date.now() / 1000));
}

export class BlockProducer {
  private timer: NodeJS.Timeout | undefined;
  /** impersonated accounts' pooled transactions (hash hex -> sender), recorded when mined */
  private readonly impersonatedSenders = new Map<string, Address>();
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
    const result = this.pool.add(tx, opts);
    // recorded with the block that includes it (the pool answers for it until then)
    if (result.ok && opts.sender !== undefined) this.impersonatedSenders.set(result.tx.hashHex, opts.sender);
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
    // one durable write per chunk: far fewer flushes, and memory bounded for large counts
    for (let done = 0; done < count; done += MINE_CHUNK) out.push(...this.mineChunk(Math.min(MINE_CHUNK, count - done), intervalSeconds));
    return out;
  }

  private mineChunk(count: number, intervalSeconds?: bigint): ProducedBlock[] {
    // a block timestamp interval, when set, wins over the one given here (anvil)
    const interval =
      intervalSeconds !== undefined && intervalSeconds > 0n && this.clock.blockInterval === undefined ? intervalSeconds : undefined;
    return this.produce(count, (parent) => {
      if (interval === undefined) return undefined;
      const parentTs = parent.header.timestamp;
      const now = this.clock.now();
      const ts = (now > parentTs ? now : parentTs) + interval;
      this.clock.align(ts);
      return ts;
    });
  }

  /** Builds one block from the pool on the head, imports it and resets the pool to it. */
  mine(opts: { timestamp?: bigint } = {}): ProducedBlock {
    return this.produce(1, () => opts.timestamp)[0]!;
  }

  /**
   * Builds `count` blocks from the pool, each on the one before, and stores them in one
   * durable write (Chain.importBuiltMany); the pool follows each block as it is built.
   * `timestampFor` may stamp a block by hand; otherwise the clock does.
   */
  private produce(count: number, timestampFor: (parent: SealedHeader) => bigint | undefined): ProducedBlock[] {
    if (count <= 0) return [];
    const head = this.chain.head;
    // built on an edited head state: recorded, so a replay of the first block opens the same state
    const edited = this.options.devState?.currentOverride()?.root;
    const produced: ProducedBlock[] = [];
    try {
      this.importMany(count, head, edited, produced, timestampFor);
    } finally {
      // on success the pool follows the new head; after a throw nothing was written and it goes back
      this.resetPool();
    }
    for (const p of produced) this.options.onBlock?.(p);
    return produced;
  }

  private importMany(
    count: number,
    head: SealedHeader,
    edited: Uint8Array | undefined,
    produced: ProducedBlock[],
    timestampFor: (parent: SealedHeader) => bigint | undefined,
  ): void {
    const devState = this.options.devState;
    this.chain.importBuiltMany(count, (parent, batch) => {
      if (produced.length > 0) this.resetPoolAt(parent, batch);
      const { built, dropped } = this.build(parent, timestampFor(parent), batch);
      produced.push({ block: built.block, receipts: built.receipts, senders: built.senders, dropped });
      const preState = equalBytes(parent.hash, head.hash) ? edited : undefined;
      return {
        built,
        stage:
          devState === undefined
            ? undefined
            : (b: KvBatch) => {
                stageTouched(b, built.diffs);
                if (preState !== undefined) devState.stagePreState(b, built.block.header.hash, preState);
                if (this.impersonatedSenders.size > 0) this.stageSenders(b, devState, built.block.body.transactions);
              },
      };
    });
  }

  private stageSenders(batch: KvBatch, devState: DevChainState, txs: readonly Transaction[]): void {
    for (const tx of txs) {
      const hash = transactionHash(tx);
      const key = bytesToHex(hash);
      const sender = this.impersonatedSenders.get(key);
      if (sender === undefined) continue;
      devState.stageSender(batch, hash, sender);
      this.impersonatedSenders.delete(key);
    }
    // entries whose transaction left the pool unmined are forgotten
    for (const key of [...this.impersonatedSenders.keys()]) if (!this.pool.has(hexToBytes(key))) this.impersonatedSenders.delete(key);
  }

  /** One block on `parent` from the pool's best transactions (those the builder refuses are dropped). */
  private build(parent: SealedHeader, stamp: bigint | undefined, kv: KvBatch): { built: BuiltBlock; dropped: ProducedBlock["dropped"] } {
    const p = parent.header;
    const timestamp = stamp !== undefined && stamp > p.timestamp ? stamp : this.clock.take(p.timestamp);
    const fork = blockFork(this.chain.spec, p.number + 1n, timestamp);
    const baseFee = this.nextBaseFee;
    this.nextBaseFee = undefined;
    const builder = this.chain.builder(
      parent,
      {
        coinbase: this.coinbase,
        timestamp,
        gasLimit: this.gasLimit ?? p.gasLimit,
        prevRandao: keccak256(parent.hash) as Hash32,
        withdrawals: forkAtLeast(fork, "Shanghai") ? [] : undefined,
        parentBeaconBlockRoot: forkAtLeast(fork, "Cancun") ? ZERO_HASH : undefined,
        baseFeePerGas: baseFee,
      },
      kv,
    );
    const dropped: { hash: Hash32; reason: string }[] = [];
    const best = this.pool.best(builder.env.baseFee);
    for (let next = best.peek(); next !== undefined; next = best.peek()) {
      if (next.tx.gasLimit > builder.gasLeft) {
        best.pop();
        continue;
      }
      // the pool recovered (or was given) the sender: the builder need not recover it again
      const r = builder.addTransaction(next.tx, next.sender, this.impersonatedSenders.has(next.hashHex));
      if (r.ok) {
        best.shift();
      } else {
        best.pop();
        dropped.push({ hash: next.hash, reason: r.error.message });
        this.pool.drop(next.hash);
      }
    }
    // The builder ran the import code path; the chain stores its block without executing it
    // twice, and keeps blocks whose base fee, gas limit or senders were set by hand.
    return { built: builder.finish(), dropped };
  }

  /** Re-reads the pool's nonces and balances at `header`, read through `kv` (a batch of staged blocks). */
  private resetPoolAt(header: SealedHeader, kv: KvBatch): void {
    const state = this.chain.stateAt(header.header.stateRoot, kv);
    this.pool.reset({ nonce: (a) => state.getNonce(a), balance: (a) => state.getBalance(a) }, calcBaseFee(header.header), {
      blockGasLimit: this.gasLimit ?? header.header.gasLimit,
      fork: blockFork(this.chain.spec, header.header.number + 1n, header.header.timestamp + 1n),
    });
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
